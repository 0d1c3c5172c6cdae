"""One status per reference, and what needs attention first: the single source of truth
every report reads (pure; nothing here renders).

A reference's status, most serious first:

* ``problem`` — something is wrong and must be fixed: an error finding on it (wrong DOI,
  retracted work, PubMed disagreeing, …), a printed field differing from the registry record
  (META001), or an online verdict of mismatch, wrong work or not registered;
* ``check`` — a person should look: no registry record matches (EXIST001, possibly a
  fabricated reference), a possible duplicate, a reference never cited, one not parsed;
* ``note`` — worth a glance only: a correction or expression of concern was published;
* ``verified`` — a registry record was found and agrees with it;
* ``not verified`` — nothing above, and no registry confirmed it: the run was offline, the
  registry could not be asked, or there was nothing to look up.

Info findings never change a status. :func:`needs_attention` lists the problem and check
references and the findings not about a listed reference (an undefined citation), ranked
by :data:`ATTENTION_ORDER`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from citecheck.model import Finding, RefKey, Severity, Span
from citecheck.results import ManuscriptResult


class Status(str, Enum):
    PROBLEM = "problem"
    CHECK = "check"
    NOTE = "note"
    VERIFIED = "verified"
    NOT_VERIFIED = "not verified"

    @property
    def slug(self) -> str:
        """For class names and ids: ``not-verified``."""
        return self.value.replace(" ", "-")


STATUSES = tuple(Status)

LEGEND: Mapping[Status, str] = {
    Status.PROBLEM: "something is wrong and must be fixed: wrong DOI, retracted work, "
    "a field differing from the registry record, an error in the list",
    Status.CHECK: "a person should look: no registry record matches (the work may not "
    "exist), a possible duplicate, never cited, not parsed",
    Status.NOTE: "worth a glance: a correction or expression of concern was published",
    Status.VERIFIED: "a registry record was found and agrees with the reference",
    Status.NOT_VERIFIED: "no registry confirmed it: the run was offline, the registry could "
    "not be asked, or there was nothing to look up",
}

# Rank of a finding in the needs-attention list (lower first). A reference that leads the
# reader to another work or to a retracted one misleads most; one that may not exist comes
# next; a citation naming no reference is plain to see once pointed out; a differing field
# is a correction to copy. Rules not named rank by severity after these.
ATTENTION_ORDER: Mapping[str, int] = {
    "DOI002": 0,  # the DOI names another work
    "DOI001": 0,  # the DOI is not registered
    "RET001": 1,
    "CLM008": 1,
    "PMID001": 2,
    "PMID002": 2,
    "FLD001": 2,
    "EXIST001": 3,
    "CIT001": 4,
    "JATS001": 4,
    "CIT004": 5,
    "JATS002": 5,
    "REF002": 5,
    "META001": 6,
}
_ERROR_RANK, _WARNING_RANK, _INFO_RANK = 7, 8, 9
NOTE_RULES = frozenset({"RET002", "CLM009"})
PROBLEM_RULES = frozenset({"META001"})  # a warning, but the fix is known: copy the record
PROBLEM_VERDICTS = frozenset({"mismatch", "wrong-work", "not-registered"})
VERIFIED_VERDICTS = frozenset({"verified", "found"})
MAX_REFS_OF_A_REFERENCE_FINDING = 5  # a finding about more is about the list, not each one


def attention_rank(f: Finding) -> int:
    if f.rule in ATTENTION_ORDER:
        return ATTENTION_ORDER[f.rule]
    return {Severity.ERROR: _ERROR_RANK, Severity.WARNING: _WARNING_RANK}.get(
        f.severity, _INFO_RANK
    )


@dataclass(frozen=True)
class ReferenceStatus:
    """A reference's status, the findings that decided it (most serious first) and its
    online verdict (``None``: not asked)."""

    key: RefKey
    status: Status
    reasons: tuple[Finding, ...] = ()
    verdict: str | None = None

    @property
    def rank(self) -> int:
        return attention_rank(self.reasons[0]) if self.reasons else _INFO_RANK


@dataclass(frozen=True)
class AttentionItem:
    """One line of the needs-attention list: a reference (``key``) or a finding about no
    listed reference (``key`` is None; ``span`` points at its citation, when it has one)."""

    rank: int
    status: Status
    finding: Finding
    key: RefKey | None = None
    more: int = 0  # further findings on the same reference

    @property
    def span(self) -> Span | None:
        return self.finding.span


def _status_of(findings: Sequence[Finding], verdict: str | None) -> Status:
    serious = [f for f in findings if f.severity is not Severity.INFO]
    if (
        any(f.severity is Severity.ERROR or f.rule in PROBLEM_RULES for f in serious)
        or verdict in PROBLEM_VERDICTS
    ):
        return Status.PROBLEM
    if any(f.rule not in NOTE_RULES for f in serious) or verdict == "unmatched":
        return Status.CHECK
    if serious:
        return Status.NOTE
    return Status.VERIFIED if verdict in VERIFIED_VERDICTS else Status.NOT_VERIFIED


def is_about_references(f: Finding) -> bool:
    """Whether a finding belongs to each of its references (not to the list as a whole)."""
    return 0 < len(f.refs) <= MAX_REFS_OF_A_REFERENCE_FINDING


def reference_statuses(result: ManuscriptResult) -> dict[RefKey, ReferenceStatus]:
    """Every listed reference's status, in list order."""
    keys = [r.key for r in result.analysis.references]
    on: dict[RefKey, list[Finding]] = {k: [] for k in keys}
    for f in result.findings:
        if is_about_references(f):
            for k in dict.fromkeys(f.refs):
                if k in on:
                    on[k].append(f)
    verdicts = {v.key: v.status for v in result.online.verdicts} if result.online else {}
    out = {}
    for k in keys:
        reasons = tuple(sorted(on[k], key=attention_rank))
        verdict = verdicts.get(k)
        out[k] = ReferenceStatus(k, _status_of(reasons, verdict), reasons, verdict)
    return out


def status_counts(statuses: Mapping[RefKey, ReferenceStatus]) -> dict[Status, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for s in statuses.values():
        counts[s.status] += 1
    return counts


def needs_attention(
    result: ManuscriptResult, statuses: Mapping[RefKey, ReferenceStatus] | None = None
) -> tuple[AttentionItem, ...]:
    """The problem and check references (one item each, by their most serious finding)
    and every error or warning about no listed reference, most serious first; ties keep
    the list's (and the text's) order."""
    statuses = reference_statuses(result) if statuses is None else statuses
    items = [
        AttentionItem(s.rank, s.status, s.reasons[0], s.key, len(s.reasons) - 1)
        for s in statuses.values()
        if s.status in (Status.PROBLEM, Status.CHECK) and s.reasons
    ]
    for f in result.findings:
        if f.severity is Severity.INFO or f.rule in NOTE_RULES:
            continue
        if is_about_references(f) and any(k in statuses for k in f.refs):
            continue  # shown with its reference
        status = Status.PROBLEM if f.severity is Severity.ERROR else Status.CHECK
        items.append(AttentionItem(attention_rank(f), status, f))
    order = {k: i for i, k in enumerate(statuses)}
    return tuple(
        sorted(
            items,
            key=lambda it: (
                it.rank,
                order.get(it.key, len(order)) if it.key is not None else len(order),
                it.span.start if it.span else -1,
            ),
        )
    )


__all__ = [
    "ATTENTION_ORDER",
    "LEGEND",
    "STATUSES",
    "AttentionItem",
    "ReferenceStatus",
    "Status",
    "attention_rank",
    "needs_attention",
    "reference_statuses",
    "status_counts",
]
