"""A corpus run's totals, kept as counts only, so that memory stays flat however many
manuscripts go by: manuscripts, failures, references, citations, findings by severity and
by rule, the online coverage. Built from each manuscript's :class:`EntryCounts`, which a
worker computes from its result or a resumed run reads back from a JSONL line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from citecheck.model import Severity
from citecheck.results import ManuscriptResult

SEVERITIES = (Severity.ERROR.value, Severity.WARNING.value, Severity.INFO.value)


@dataclass(frozen=True)
class EntryCounts:
    """What one manuscript adds to the totals."""

    references: int = 0
    citations: int = 0
    findings: tuple[tuple[str, str], ...] = ()  # (rule, severity) per finding
    online: tuple[int, int, int] | None = None  # checked, could not check, not asked

    @classmethod
    def of(cls, result: ManuscriptResult) -> EntryCounts:
        online = None
        if result.online is not None:
            c = result.online.coverage
            online = (c.checked, c.could_not_check, c.not_asked)
        return cls(
            len(result.analysis.references),
            len(result.analysis.citations),
            tuple((f.rule, f.severity.value) for f in result.findings),
            online,
        )

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any]) -> EntryCounts:
        """The counts of a manuscript entry of the JSON report (a JSONL line)."""
        summary = entry.get("summary", {})
        online = summary.get("online")
        return cls(
            int(summary.get("references", 0)),
            int(summary.get("citations", 0)),
            tuple((str(f["rule"]), str(f["severity"])) for f in entry.get("findings", ())),
            (online["checked"], online["could_not_check"], online["not_asked"]) if online else None,
        )


@dataclass
class CorpusTally:
    """The running totals of a corpus run (the driver's only memory of what went by)."""

    manuscripts: int = 0
    failed: int = 0
    references: int = 0
    citations: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    worst: int = 0  # the highest severity rank seen (0: no finding)
    online: list[int] | None = None  # checked, could not check, not asked

    def add(self, counts: EntryCounts) -> None:
        self.manuscripts += 1
        self.references += counts.references
        self.citations += counts.citations
        for rule, severity in counts.findings:
            self.rules[rule] += 1
            self.severities[severity] += 1
            self.worst = max(self.worst, Severity(severity).rank)
        if counts.online is not None:
            self.online = [
                a + b for a, b in zip(self.online or [0, 0, 0], counts.online, strict=True)
            ]

    def add_failure(self) -> None:
        self.failed += 1

    def summary(self) -> dict[str, Any]:
        """The summary of the JSON report, plus the references, citations and findings by
        rule (most frequent first)."""
        out: dict[str, Any] = {
            "manuscripts": self.manuscripts,
            "failed": self.failed,
            **{s: self.severities.get(s, 0) for s in SEVERITIES},
            "references": self.references,
            "citations": self.citations,
            "rules": dict(sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))),
        }
        if self.online is not None:
            checked, could_not, not_asked = self.online
            out["online"] = {
                "references": checked + could_not + not_asked,
                "checked": checked,
                "could_not_check": could_not,
                "not_asked": not_asked,
                "verified_nothing": checked == 0 and checked + could_not + not_asked > 0,
            }
        return out
