"""The data of the claims stage: frozen dataclasses, spans into the document text.

A *claim* is what an editor asserts a reference supports ("median PFS 54 d, OS 223 d" → 88).
Its text and every manuscript sentence are read into *measures*: a quantity, possibly tied to
an endpoint (PFS, OS, HR…) by proximity or by "respectively" pairing. A claim is linked to
the sentence that carries its measures, and the verdict says how well they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from citecheck.model import Citation, Finding, RefKey, Span


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written: ``54 d``, ``10–20 mg/kg``, ``more than 30``, ``two thirds``.

    ``value`` (and ``high`` for a range) are in the written unit; ``decimals`` is the number
    of digits written after the decimal point, which sets how precisely it can be compared.
    ``unit`` is the canonical symbol from :mod:`citecheck.claims.units` (``None``: a bare
    number). ``comparator`` is one of ``>``, ``≥``, ``<``, ``≤`` or ``~`` (about).
    """

    span: Span
    text: str
    value: float
    high: float | None = None
    plus_minus: float | None = None
    unit: str | None = None
    comparator: str | None = None
    decimals: int = 0
    unit_inherited: bool = False  # "54 and 223 d": 54 takes the unit of 223
    in_words: bool = False  # "two thirds", "half"


@dataclass(frozen=True, slots=True)
class EndpointMention:
    """Where an endpoint is named: ``PFS``, ``overall survival``, ``95% CI``."""

    key: str
    span: Span


@dataclass(frozen=True, slots=True)
class Measure:
    """A quantity and what it measures, as far as the text tells.

    ``via`` says how the endpoint or label was found: ``"respectively"`` (pairing),
    ``"nearest"`` (the closest endpoint named in the same clause) or ``""`` (none).
    """

    quantity: Quantity
    endpoint: str | None = None
    label: str | None = None
    via: str = ""


@dataclass(frozen=True, slots=True)
class PairedItem:
    label: str
    endpoint: str | None
    quantity: Quantity


@dataclass(frozen=True, slots=True)
class Pairing:
    """One "respectively" construction: subjects paired in order with quantities."""

    span: Span  # the word "respectively"
    items: tuple[PairedItem, ...]


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    text: str


@dataclass(frozen=True)
class SentenceFacts:
    """A manuscript sentence with what the claims stage reads from it."""

    sentence: Sentence
    citations: tuple[Citation, ...]
    measures: tuple[Measure, ...]
    pairings: tuple[Pairing, ...]
    keywords: frozenset[str]

    @property
    def refs(self) -> tuple[RefKey, ...]:
        seen: dict[RefKey, None] = {}
        for citation in self.citations:
            for ref in citation.refs:
                seen.setdefault(ref, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim: from a claim file, an inline tag, or mined by ``extract_claims``.

    ``span`` is where the claim sits in the manuscript when it is known (an inline tag, an
    extracted sentence); a claim from a file is found by searching.
    """

    id: str
    text: str
    cites: tuple[RefKey, ...]
    note: str | None = None
    source: str = "file"  # "file", "inline", "extract"
    span: Span | None = None


class Verdict(str, Enum):
    LINKED = "linked"
    MISMATCH = "mismatch"
    NOT_FOUND = "not found"


@dataclass(frozen=True, slots=True)
class MeasureMatch:
    """How one measure of a claim fared in its sentence.

    ``status``: ``"agree"``, ``"differs"`` (``reason``: ``value``, ``unit`` or
    ``comparator``) or ``"absent"`` (nothing in the sentence to compare it with).
    """

    claim: Measure
    sentence: Measure | None
    status: str
    reason: str | None = None


@dataclass(frozen=True)
class ClaimVerdict:
    claim: Claim
    verdict: Verdict
    facts: SentenceFacts | None  # the sentence the claim was linked to
    matches: tuple[MeasureMatch, ...]
    findings: tuple[Finding, ...]
    explanation: str


@dataclass(frozen=True)
class ClaimReport:
    verdicts: tuple[ClaimVerdict, ...]
    findings: tuple[Finding, ...]  # all findings of the stage, CLM005 included
