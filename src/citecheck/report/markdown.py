"""The Markdown report (``--format markdown``): a summary table and the findings, for a pull
request comment or ``$GITHUB_STEP_SUMMARY``.

Everything taken from the manuscript is escaped: Markdown punctuation is backslash-escaped,
``<``, ``>`` and ``&`` become entities (GitHub renders HTML in Markdown), ``@`` cannot
mention anyone, ``|`` cannot break a table, and line breaks become spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.locations import Locator
from citecheck.model import Severity
from citecheck.report.github import refs_suffix
from citecheck.report.online import coverage_sentence
from citecheck.results import ManuscriptFailure, ManuscriptResult, online_coverage, severity_counts

MAX_FINDINGS = 200  # per manuscript: a PR comment holds at most 65,536 characters
_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_ICONS = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.INFO: "🔵"}


def escape_markdown(text: str) -> str:
    """``text`` as literal inline Markdown, safe inside a table cell."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "&#64;")


def _failed(r: ManuscriptResult, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    return any(f.severity.rank >= Severity(fail_on).rank for f in r.findings)


def render_markdown(
    results: Sequence[ManuscriptResult],
    fail_on: str = "error",
    max_findings: int = MAX_FINDINGS,
    *,
    failures: Sequence[ManuscriptFailure] = (),
) -> str:
    counts = severity_counts(results)
    failed = bool(failures) or any(_failed(r, fail_on) for r in results)
    verdict = "❌ failed" if failed else "✅ passed"
    threshold = "never fails" if fail_on == "never" else f"fails on {fail_on} or worse"
    lines = [
        "## citecheck",
        "",
        f"**{verdict}** ({threshold}): {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} info",
        *_coverage_lines(results, failures),
        "",
        "| manuscript | references | citation groups | errors | warnings | info | status |",
        "|---|--:|--:|--:|--:|--:|:-:|",
    ]
    for r in results:
        c = severity_counts([r])
        status = "❌" if _failed(r, fail_on) else "✅"
        lines.append(
            f"| {escape_markdown(r.path)} | {len(r.analysis.references)} "
            f"| {len(r.analysis.citations)} | {c['error']} | {c['warning']} | {c['info']} "
            f"| {status} |"
        )
    for failure in failures:
        lines.append(
            f"| {escape_markdown(failure.path)} | | | | | | ⚠️ not checked: "
            f"{escape_markdown(failure.reason)} |"
        )
    for r in results:
        if not r.findings:
            continue
        index = Locator(r.analysis.document)
        lines += [
            "",
            f"### {escape_markdown(r.path)}",
            "",
            "| line:col | rule | severity | message |",
            "|--:|---|---|---|",
        ]
        for f in r.findings[:max_findings]:
            where = _place(index, f.span.start, r.path) if f.span else ""
            lines.append(
                f"| {where} | `{f.rule}` | {_ICONS[f.severity]} {f.severity.value} "
                f"| {escape_markdown(f.message + refs_suffix(f))} |"
            )
        if len(r.findings) > max_findings:
            lines += ["", f"… and {len(r.findings) - max_findings} more findings."]
    return "\n".join(lines) + "\n"


def _place(index: Locator, offset: int, manuscript: str) -> str:
    """``line:col``, led by the file when it is not the manuscript (a LaTeX chapter, a .bib)."""
    place = index.locate(offset)
    where = f"{place.line}:{place.column}"
    return escape_markdown(f"{place.path}:{where}") if place.path != manuscript else where


def _coverage_lines(
    results: Sequence[ManuscriptResult], failures: Sequence[ManuscriptFailure]
) -> list[str]:
    lines = []
    if failures:
        lines += ["", f"**{len(failures)} manuscript(s) could not be checked** (listed below)."]
    coverage = online_coverage(results)
    if coverage is not None:
        sentence = escape_markdown(coverage_sentence(coverage))
        lines += ["", f"**{sentence}**" if coverage.could_not_check else sentence]
    return lines
