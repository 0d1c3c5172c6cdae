"""The text report: ``file:line:col: RULE severity message [ref N]`` and a summary line."""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.citations.ranges import compact_numbers
from citecheck.model import Finding, Severity
from citecheck.positions import LineIndex
from citecheck.report.claims import claim_entries
from citecheck.report.sources import source_line
from citecheck.results import ManuscriptResult, severity_counts

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _refs(f: Finding) -> str:
    if not f.refs:
        return ""
    label = "ref" if len(f.refs) == 1 else "refs"
    return f" [{label} {compact_numbers(f.refs)}]"


def finding_line(path: str, f: Finding, index: LineIndex, colour: bool = False) -> str:
    line, col = index.line_col(f.span.start) if f.span else (1, 1)
    sev = f.severity.value
    if colour:
        sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
        rule = f"{_BOLD}{f.rule}{_RESET}"
    else:
        rule = f.rule
    return f"{path}:{line}:{col}: {rule} {sev} {f.message}{_refs(f)}"


def render_text(results: Sequence[ManuscriptResult], *, colour: bool = False) -> str:
    lines: list[str] = []
    for r in results:
        index = LineIndex(r.analysis.document.text)
        if colour and r.findings:
            lines.append(f"{_BOLD}{r.path}{_RESET}")
        lines.extend(finding_line(r.path, f, index, colour) for f in r.findings)
        for claim in claim_entries(r) or ():
            verdict = claim.get("verdict", "")
            lines.append(
                f"{r.path}: claim {claim.get('id', '')!s}: {verdict}: {claim.get('text', '')}"
            )
            source = source_line(claim)
            if source is not None:
                lines.append(f"{r.path}: {source}")
    counts = severity_counts(results)
    refs = sum(len(r.analysis.references) for r in results)
    cits = sum(len(r.analysis.citations) for r in results)
    summary = (
        f"{len(results)} manuscript{'s' if len(results) != 1 else ''}, "
        f"{refs} references, {cits} citation groups: "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info"
    )
    lines.append(f"{_BOLD}{summary}{_RESET}" if colour else summary)
    return "\n".join(lines) + "\n"
