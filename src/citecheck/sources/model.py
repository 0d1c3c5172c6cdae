"""The data of checking claims against their cited sources' abstracts (frozen dataclasses).

A claim's measures are looked for in the sentences of the abstracts of the references it
cites. Each measure gets :class:`QuantityEvidence` (the abstract sentence that supports or
contradicts it), the claim a :class:`SourceVerdict`; spans of abstract sentences are offsets
into that abstract's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from citecheck.claims.model import Claim, Measure
from citecheck.model import Finding, RefKey, Span
from citecheck.registry.records import Abstract, Lookup


class SourceVerdict(str, Enum):
    SUPPORTED = "supported"  # every quantity found with its endpoint
    PARTLY = "partly supported"  # some found, none contradicted
    NOT_IN_ABSTRACT = "not in abstract"  # none found (CLM006)
    CONTRADICTED = "contradicted"  # the same endpoint with another value (CLM007)
    COULD_NOT_FETCH = "could not fetch"  # no abstract to read (NET001)


class QuantityStatus(str, Enum):
    """How one claimed quantity fared in the abstracts, best first."""

    SUPPORTED = "supported"  # agrees, with its endpoint (or, unnamed, in a sentence on topic)
    FOUND = "found"  # the value is there, but not tied to the claimed endpoint or topic
    CONTRADICTED = "contradicted"  # the claimed endpoint with another value or comparator
    OTHER_UNIT = "other unit"  # the claimed endpoint in a unit not exactly convertible
    ABSENT = "absent"


@dataclass(frozen=True, slots=True)
class AbstractSentence:
    """One sentence of the abstract of reference ``ref``; ``span`` is into ``abstract.text``."""

    ref: RefKey
    abstract: Abstract
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class QuantityEvidence:
    """A claimed measure and the abstract sentence that bears on it (``None`` if absent).

    ``reason``: for a contradiction what differs (``value``, ``comparator``, ``period``, the
    value for the group the claim names, an impossible range). ``rule``: for a supported or
    found number, the rule of :mod:`citecheck.sources.agree` that matched (``exact``,
    ``rounding``, ``hedge ±10%``, ``fraction ↔ percentage``…).
    """

    claim: Measure
    status: QuantityStatus
    stated: Measure | None = None
    sentence: AbstractSentence | None = None
    reason: str | None = None
    rule: str | None = None  # how the stated number gives the claimed one (sources.agree)
    label: bool = False  # the claimed number is a label (an age, a year, a period), not a result


@dataclass(frozen=True)
class SourceCheck:
    """The check of one claim against its sources (``index``: its place in the claim report).

    ``verdict`` is ``None`` when no abstract was asked for (the claim only gets notices).
    ``words`` is the sentence chosen for a claim without quantities.
    """

    index: int
    claim: Claim
    verdict: SourceVerdict | None
    abstracts: tuple[tuple[RefKey, Lookup[Abstract]], ...]
    quantities: tuple[QuantityEvidence, ...]
    findings: tuple[Finding, ...]
    explanation: str
    words: AbstractSentence | None = None


@dataclass(frozen=True)
class SourceReport:
    checks: tuple[SourceCheck, ...]
    findings: tuple[Finding, ...]
