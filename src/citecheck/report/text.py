"""The text report: ``file:line:col: RULE severity message [ref N]`` and a summary line
(with the online coverage after an online check, and before it, after a check over the
network, the requests it sent). Every message and path is printed through
:func:`~citecheck.report.escape.printable`, so that text from a manuscript or a registry
stays on its line."""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.checks.keyed import is_keyed
from citecheck.citations.ranges import compact_numbers
from citecheck.locations import Locator
from citecheck.model import Finding, Severity
from citecheck.report.claims import claim_entries
from citecheck.report.escape import printable
from citecheck.report.online import coverage_sentence
from citecheck.report.sources import source_line
from citecheck.report.status import Status, reference_statuses
from citecheck.results import (
    ManuscriptFailure,
    ManuscriptResult,
    online_coverage,
    online_traffic,
    severity_counts,
)

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _refs(f: Finding) -> str:
    if not f.refs:
        return ""
    label = "ref" if len(f.refs) == 1 else "refs"
    return f" [{label} {compact_numbers(f.refs)}]"


def finding_line(path: str, f: Finding, locator: Locator, colour: bool = False) -> str:
    """``path:line:col: RULE severity message [refs]``; the place where the finding's file
    is not the manuscript's (an included file) names that file, and a format without lines
    adds its label ("page 3, line 14")."""
    line, col, where = 1, 1, ""
    if f.span is not None:
        place = locator.locate(f.span.start)
        path, line, col = place.path, place.line, place.column
        where = f" ({place.label})" if place.label else ""
    sev = f.severity.value
    if colour:
        sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
        rule = f"{_BOLD}{f.rule}{_RESET}"
    else:
        rule = f.rule
    message = printable(f.message)
    return f"{printable(path)}:{line}:{col}:{printable(where)} {rule} {sev} {message}{_refs(f)}"


def render_text(
    results: Sequence[ManuscriptResult],
    *,
    colour: bool = False,
    failures: Sequence[ManuscriptFailure] = (),
) -> str:
    lines: list[str] = []
    for r in results:
        lines.extend(manuscript_lines(r, colour))
    lines.extend(f"{printable(f.path)}: not checked: {printable(f.reason)}" for f in failures)
    traffic = online_traffic(results)
    if traffic is not None:
        lines.append(traffic.sentence())
    summary = summary_line(results, failures)
    lines.append(f"{_BOLD}{summary}{_RESET}" if colour else summary)
    return "\n".join(lines) + "\n"


def manuscript_lines(r: ManuscriptResult, colour: bool = False) -> list[str]:
    """One manuscript's part of the text report: its findings, then its claims."""
    lines: list[str] = []
    locator = Locator(r.analysis.document)
    path = printable(r.path)
    if colour and r.findings:
        lines.append(f"{_BOLD}{path}{_RESET}")
    lines.extend(finding_line(r.path, f, locator, colour) for f in r.findings)
    system = r.analysis.system
    if system in SYSTEM_NOTES:
        lines.append(f"{path}: {SYSTEM_NOTES[system]}")
    elif is_keyed(r.analysis.references) and any(x.number is None for x in r.analysis.references):
        lines.append(f"{path}: {KEYED_NOTE}")
    for claim in claim_entries(r) or ():
        verdict = claim.get("verdict", "")
        text = f"claim {claim.get('id', '')!s}: {verdict}: {claim.get('text', '')}"
        lines.append(f"{path}: {printable(text)}")
        source = source_line(claim)
        if source is not None:
            lines.append(f"{path}: {printable(source)}")
    return lines


SYSTEM_NOTES = {  # docs/author-date.md
    "author-date": "author-date citations (APA, Harvard, Chicago): linked by first author, year "
    "and suffix; numbering checks do not apply",
    "unknown": "citation system not understood: no citation was checked",
}
KEYED_NOTE = (
    "references cited by key: undefined and uncited keys, duplicates, fields and identifiers "
    "checked; first-citation order, ranges and numbering gaps are left to what prints the list "
    "(LaTeX, pandoc, the citation manager)"
)


def summary_line(
    results: Sequence[ManuscriptResult], failures: Sequence[ManuscriptFailure] = ()
) -> str:
    """``1 manuscript, 88 references, 59 citation groups: 0 errors, 0 warnings, 2 info``,
    then the manuscripts that could not be checked and, after an online check, how many
    references a registry record verified (:mod:`citecheck.report.status`) and the online
    coverage: checked, could not be checked, not asked."""
    counts = severity_counts(results)
    refs = sum(len(r.analysis.references) for r in results)
    cits = sum(len(r.analysis.citations) for r in results)
    failed = f" ({len(failures)} could not be checked)" if failures else ""
    n = len(results) + len(failures)
    summary = (
        f"{n} manuscript{'s' if n != 1 else ''}{failed}, "
        f"{refs} references, {cits} citation groups: "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info"
    )
    coverage = online_coverage(results)
    if coverage is None:
        return summary
    verified = sum(
        s.status is Status.VERIFIED
        for r in results
        if r.online is not None
        for s in reference_statuses(r).values()
    )
    return f"{summary}; {verified} verified by a registry record; {coverage_sentence(coverage)}"


def manuscript_text(result: ManuscriptResult, digest: str = "", colour: bool = False) -> str:
    """One manuscript's lines as a streamed text report prints them (``digest`` unused:
    the signature of a corpus run's renderer)."""
    lines = manuscript_lines(result, colour)
    return "".join(f"{line}\n" for line in lines)
