"""What a check of one manuscript produced, typed to the end, and the choices that apply to
all findings: rule selection (``--select``/``--ignore``), severity overrides, the failure
threshold and the exit code. Reports (JSON, HTML, …) are built from these in ``report/``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from citecheck.checks.audit import finding_sort_key
from citecheck.errors import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, EXIT_UNVERIFIED
from citecheck.model import Document, Finding, Severity
from citecheck.pipeline import Analysis

if TYPE_CHECKING:
    from citecheck.claims.model import ClaimReport
    from citecheck.registry.traffic import Traffic
    from citecheck.sources.model import SourceReport
    from citecheck.verify.coverage import Coverage
    from citecheck.verify.run import OnlineResult

FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class ManuscriptResult:
    """Everything :func:`citecheck.check_manuscript` learnt about one manuscript.

    ``findings`` are the ones to report: every stage's, after ``select``/``ignore`` and the
    severity overrides. ``claims`` is ``None`` when no claim was checked (no claim file and
    no inline tag); ``online`` is ``None`` for an offline check; ``sources`` (claims against
    their cited abstracts) is there when both are. Frozen, and it pickles.
    """

    analysis: Analysis
    findings: tuple[Finding, ...]
    claims: ClaimReport | None = None
    online: OnlineResult | None = None
    sources: SourceReport | None = None
    claim_file: str | None = None  # the claim file read, if any

    @property
    def path(self) -> str:
        return self.analysis.document.path

    @property
    def document(self) -> Document:
        return self.analysis.document


@dataclass(frozen=True)
class ManuscriptFailure:
    """A manuscript of a batch that could not be checked: its path and the one-line reason
    (unreadable, no reference list, a claim file that cannot be read). The rest of the batch
    is checked; the exit code says some could not be (3)."""

    path: str
    reason: str


def online_coverage(results: Sequence[ManuscriptResult]) -> Coverage | None:
    """The online coverage summed over the manuscripts checked online; ``None`` when none
    was."""
    from citecheck.verify.coverage import total_coverage

    parts = [r.online.coverage for r in results if r.online is not None]
    return total_coverage(parts) if parts else None


def online_traffic(results: Sequence[ManuscriptResult]) -> Traffic | None:
    """What the manuscripts checked online over HTTP asked of the network, summed; ``None``
    when none was (offline, or a lockfile replay)."""
    from citecheck.registry.traffic import Traffic

    parts = [r.online.traffic for r in results if r.online is not None and r.online.traffic]
    return sum(parts, Traffic()) if parts else None


def select_findings(
    findings: Iterable[Finding], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> tuple[Finding, ...]:
    """Keep findings whose rule starts with a selected prefix and with no ignored prefix."""
    sel = tuple(s.strip().upper() for s in select if s.strip())
    ign = tuple(s.strip().upper() for s in ignore if s.strip())
    kept = [
        f
        for f in findings
        if (not sel or f.rule.startswith(sel)) and not (ign and f.rule.startswith(ign))
    ]
    return tuple(sorted(kept, key=finding_sort_key))


def apply_severities(
    findings: Iterable[Finding], overrides: Iterable[tuple[str, Severity]]
) -> tuple[Finding, ...]:
    """Findings with the configured severities (rule id or prefix → severity); the longest
    matching id or prefix wins."""
    table = dict(overrides.items() if isinstance(overrides, Mapping) else overrides)
    if not table:
        return tuple(findings)
    by_length = sorted(table, key=len, reverse=True)
    out = []
    for f in findings:
        match = next((p for p in by_length if f.rule.startswith(p)), None)
        if match is not None and table[match] != f.severity:
            f = replace(f, severity=table[match])
        out.append(f)
    return tuple(out)


def severity_counts(results: Sequence[ManuscriptResult]) -> dict[str, int]:
    counts = Counter(f.severity.value for r in results for f in r.findings)
    return {
        s.value: counts.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    }


def exit_code(
    results: Sequence[ManuscriptResult],
    fail_on: str,
    *,
    failures: Sequence[ManuscriptFailure] = (),
    fail_on_unverified: bool = False,
) -> int:
    """The exit code of a check, the first that applies: 3 when some manuscript could not
    be checked, 4 when ``fail_on_unverified`` and some reference could not be checked
    online, 1 when some finding reaches ``fail_on``, else 0. (2, a usage error, is decided
    before anything runs.)"""
    if failures:
        return EXIT_CANNOT_RUN
    coverage = online_coverage(results)
    if fail_on_unverified and coverage is not None and coverage.could_not_check:
        return EXIT_UNVERIFIED
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    failed = any(f.severity.rank >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failed else EXIT_OK
