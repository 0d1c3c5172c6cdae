"""What a check of one manuscript produced, and the choices that apply to all findings:
rule selection (``--select``/``--ignore``), the failure threshold and the exit code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from citecheck.checks.audit import finding_sort_key
from citecheck.errors import EXIT_FINDINGS, EXIT_OK
from citecheck.model import Finding, Severity
from citecheck.pipeline import Analysis

FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class ManuscriptResult:
    """One manuscript's analysis plus the findings to report (after selection)."""

    analysis: Analysis
    findings: tuple[Finding, ...]
    claims: tuple[dict[str, Any], ...] | None = None  # claim verdicts, JSON-ready
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. online verdicts

    @property
    def path(self) -> str:
        return self.analysis.document.path


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
