"""How much of a reference list an online run really verified (pure).

Every reference falls in one of three groups: *checked* — the registry answered and citecheck
reached a definite verdict (verified, found, mismatch, wrong work, not registered, or no
record matches: EXIST001); *could not check* — the registry could not answer (NET001:
network down, timeout, 429, a malformed answer, a DOI of another agency, a lockfile with no
answer for it); *not asked* — nothing to look up (an entry that could not be parsed, or one
with neither a DOI, a PMID, a title nor a journal and year).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from citecheck.verify.judge import NOTHING_TO_LOOK_UP, ReferenceVerdict

CHECKED = frozenset({"verified", "mismatch", "wrong-work", "not-registered", "found", "unmatched"})


@dataclass(frozen=True)
class Coverage:
    """The counts of one online run (or the sum of several)."""

    checked: int = 0
    could_not_check: int = 0
    not_asked: int = 0

    @property
    def references(self) -> int:
        return self.checked + self.could_not_check + self.not_asked

    @property
    def verified_nothing(self) -> bool:
        """References were there to check and not one was."""
        return self.references > 0 and self.checked == 0

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.checked + other.checked,
            self.could_not_check + other.could_not_check,
            self.not_asked + other.not_asked,
        )


def coverage_of(verdicts: Iterable[ReferenceVerdict], unparsed: int = 0) -> Coverage:
    """The coverage of a run's verdicts, plus ``unparsed`` references never asked about."""
    checked = could_not = not_asked = 0
    for v in verdicts:
        if v.status in CHECKED:
            checked += 1
        elif v.status == "skipped" and v.detail == NOTHING_TO_LOOK_UP:
            not_asked += 1
        else:  # unavailable, or skipped for a DOI of another agency (NET001)
            could_not += 1
    return Coverage(checked, could_not, not_asked + unparsed)


def total_coverage(parts: Iterable[Coverage]) -> Coverage:
    return sum(parts, Coverage())


__all__ = ["Coverage", "coverage_of", "total_coverage"]
