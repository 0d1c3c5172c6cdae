"""The HTML report of a corpus (``citecheck check DIR --format html``): one page an
integrity team reads from the top.

First the corpus as a whole — the manuscripts ranked by problems (errors, then warnings,
then info), the most common findings, every citation of a retracted or corrected work
(RET001, RET002) across the corpus, the manuscripts that could not be checked — with a
filter on the manuscripts' paths and the severity filters of the one-manuscript report;
then each manuscript's own section (the one-manuscript report's), linked from every table.
Built from every result at once (the page needs them all), so a corpus run keeps its
results in memory for this format.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from citecheck import __version__
from citecheck.citations.ranges import compact_numbers
from citecheck.model import Severity
from citecheck.report.html import _filters, _manuscript_section, render_html
from citecheck.report.html_assets import SCRIPT, STYLE
from citecheck.report.status import Status, reference_statuses, status_counts
from citecheck.results import ManuscriptFailure, ManuscriptResult, severity_counts
from citecheck.rules import RULES

NOTICE_RULES = ("RET001", "RET002")
TOP_RULES = 20

CORPUS_STYLE = """
table.corpus { border-collapse: collapse; margin: .5rem 0 1.5rem; }
table.corpus th, table.corpus td { border-bottom: 1px solid #ddd; padding: .25rem .6rem;
  text-align: left; vertical-align: top; }
table.corpus td.n { text-align: right; font-variant-numeric: tabular-nums; }
#path-filter { margin: .5rem 0; min-width: 20rem; }
"""

CORPUS_SCRIPT = """
(function () {
  "use strict";
  var box = document.getElementById("path-filter");
  if (!box) { return; }
  box.addEventListener("input", function () {
    var needle = box.value.toLowerCase();
    document.querySelectorAll("[data-path]").forEach(function (el) {
      el.hidden = needle && el.getAttribute("data-path").toLowerCase().indexOf(needle) < 0;
    });
  });
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _ranked(results: Sequence[ManuscriptResult]) -> list[tuple[int, ManuscriptResult]]:
    """(section number, result), the manuscripts with the most serious problems first."""

    def key(item: tuple[int, ManuscriptResult]) -> tuple[int, int, int, str]:
        c = severity_counts([item[1]])
        return (-c["error"], -c["warning"], -c["info"], item[1].path)

    return sorted(enumerate(results), key=key)


def _ranking(results: Sequence[ManuscriptResult]) -> str:
    rows = []
    for i, r in _ranked(results):
        c = severity_counts([r])
        rows.append(
            f'<tr data-path="{_e(r.path)}"><td><a href="#m{i}">{_e(r.path)}</a></td>'
            f'<td class="n">{c["error"]}</td><td class="n">{c["warning"]}</td>'
            f'<td class="n">{c["info"]}</td><td class="n">{len(r.analysis.references)}</td>'
            f"{_status_cells(r)}</tr>"
        )
    return (
        '<h2 id="ranking">Manuscripts ranked by problems</h2>'
        '<table class="corpus"><thead><tr><th>manuscript</th><th>errors</th><th>warnings</th>'
        "<th>info</th><th>references</th><th>problem</th><th>check</th><th>verified</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _status_cells(r: ManuscriptResult) -> str:
    """References per status (citecheck.report.status); offline, "verified" is a dash."""
    n = status_counts(reference_statuses(r))
    verified = n[Status.VERIFIED] if r.online is not None else "—"
    return (
        f'<td class="n">{n[Status.PROBLEM]}</td><td class="n">{n[Status.CHECK]}</td>'
        f'<td class="n">{verified}</td>'
    )


def _common(results: Sequence[ManuscriptResult]) -> str:
    findings = Counter(f.rule for r in results for f in r.findings)
    papers = Counter(rule for r in results for rule in {f.rule for f in r.findings})
    summaries = RULES
    rows = []
    for rule, n in sorted(findings.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]:
        known = summaries.get(rule)
        severity = known.severity.value if known else ""
        summary = known.summary if known else ""
        rows.append(
            f'<tr data-severity="{_e(severity)}"><td>{_e(rule)}</td><td>{_e(severity)}</td>'
            f'<td class="n">{n}</td><td class="n">{papers[rule]}</td><td>{_e(summary)}</td></tr>'
        )
    if not rows:
        return '<h2 id="common">Most common findings</h2><p>No findings.</p>'
    return (
        '<h2 id="common">Most common findings</h2><table class="corpus"><thead><tr><th>rule'
        "</th><th>default severity</th><th>findings</th><th>manuscripts</th><th>what</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _notices(results: Sequence[ManuscriptResult]) -> str:
    rows = []
    for i, r in enumerate(results):
        for f in r.findings:
            if f.rule not in NOTICE_RULES:
                continue
            refs = compact_numbers(f.refs) if f.refs else ""
            anchor = f"m{i}-ref-{f.refs[0]}" if f.refs else f"m{i}"
            rows.append(
                f'<tr data-path="{_e(r.path)}" data-severity="{_e(f.severity.value)}">'
                f'<td><a href="#m{i}">{_e(r.path)}</a></td>'
                f'<td><a href="#{_e(anchor)}">{_e(refs)}</a></td><td>{_e(f.rule)}</td>'
                f"<td>{_e(f.message)}</td></tr>"
            )
    title = '<h2 id="notices">Citations of retracted or corrected works</h2>'
    if not rows:
        checked = any(r.online is not None for r in results)
        why = "" if checked else " (the corpus was not checked online: run with --online)"
        return f"{title}<p>None found{_e(why)}.</p>"
    return (
        f'{title}<table class="corpus"><thead><tr><th>manuscript</th><th>reference</th>'
        f"<th>rule</th><th>notice</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _failures(failures: Sequence[ManuscriptFailure]) -> str:
    if not failures:
        return ""
    items = "".join(
        f'<li data-path="{_e(f.path)}">{_e(f.path)}: {_e(f.reason)}</li>' for f in failures
    )
    return f'<h2 id="failed">Could not be checked ({len(failures)})</h2><ul>{items}</ul>'


def render_html_report(
    results: Sequence[ManuscriptResult], *, failures: Sequence[ManuscriptFailure] = ()
) -> str:
    """``--format html``: one manuscript's page, or for several the corpus page that leads
    with the overview (ranked manuscripts, common findings, retracted works cited)."""
    if len(results) + len(failures) > 1:
        return render_corpus_html(results, failures=failures)
    return render_html(results, failures=failures)


def render_corpus_html(
    results: Sequence[ManuscriptResult],
    *,
    title: str = "citecheck corpus report",
    failures: Sequence[ManuscriptFailure] = (),
) -> str:
    """The corpus page (see the module doc)."""
    counts = severity_counts(results)
    sections = "\n".join(
        f'<div data-path="{_e(r.path)}">{_manuscript_section(i, r)}</div>'
        for i, r in enumerate(results)
    )
    n = len(results) + len(failures)
    errors = sum(1 for r in results if any(f.severity is Severity.ERROR for f in r.findings))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="citecheck {_e(__version__)}">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}{CORPUS_STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{_e(title)}</h1>"
        f'<p class="tool">citecheck {_e(__version__)} · {n} manuscripts '
        f"({len(failures)} could not be checked; {errors} with errors) · "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info</p>"
        f"{_filters()}"
        '<input id="path-filter" type="search" placeholder="filter manuscripts by path" '
        'aria-label="filter manuscripts by path"></header>\n<main>\n'
        f"{_ranking(results)}\n{_common(results)}\n{_notices(results)}\n{_failures(failures)}\n"
        f"{sections}\n</main>\n<script>{SCRIPT}{CORPUS_SCRIPT}</script>\n</body>\n</html>\n"
    )
