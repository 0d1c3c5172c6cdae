"""What a check of one manuscript produced, typed to the end, and the choices that apply to
all findings: rule selection (``--select``/``--ignore``), severity overrides, the failure
threshold and the exit code. Reports (JSON, HTML, …) are built from these in ``report/``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from citecheck.checks.audit import finding_sort_key
from citecheck.errors import EXIT_FINDINGS, EXIT_OK
from citecheck.model import Document, Finding, Severity
from citecheck.pipeline import Analysis

if TYPE_CHECKING:
    from citecheck.claims.model import ClaimReport
    from citecheck.sources.model import SourceReport
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


def exit_code(results: Sequence[ManuscriptResult], fail_on: str) -> int:
    """0 when nothing reaches the threshold, 1 when some finding does."""
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    failed = any(f.severity.rank >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failed else EXIT_OK
