"""The HTML report for editors: one self-contained page (inline CSS and JS, no network).

A pure function from results to a string: :func:`render_html`. Every piece of manuscript,
claim and registry text goes through :func:`html.escape` (the ``_e`` helper) before it
reaches the page; the only script element is the module's own :data:`SCRIPT`.

Per manuscript the page shows, first, what was run and the references' statuses with the
needs-attention list (:mod:`citecheck.report.html_top`, statuses from
:mod:`citecheck.report.status`); then the counts, the findings (errors and warnings most
serious first, info folded; filterable by severity with checkboxes, or with
``#hide=info,warning`` in the address), the claims with their verdicts and sentences, the
reference table with each reference's evidence (:mod:`citecheck.report.html_refs`) and every
citation in context (folded).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from citecheck import __version__
from citecheck.model import Citation, Finding, Severity
from citecheck.report.claims import claim_entries
from citecheck.report.html_assets import SCRIPT, STYLE
from citecheck.report.html_evidence import registry_evidence, run_notes_html
from citecheck.report.html_items import Ids, finding_item, ref_links
from citecheck.report.html_items import e as _e
from citecheck.report.html_refs import references_section
from citecheck.report.html_top import top_html
from citecheck.report.places import Places
from citecheck.report.status import attention_rank, needs_attention, reference_statuses
from citecheck.results import ManuscriptFailure, ManuscriptResult, severity_counts

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SNIPPET_CHARS = 90  # context shown on each side of a citation marker


def render_html(
    results: Sequence[ManuscriptResult],
    *,
    title: str = "citecheck report",
    failures: Sequence[ManuscriptFailure] = (),
    generated: str = "",
) -> str:
    """The whole report as one HTML document; ``generated`` is the run's date as shown
    (default: now, in UTC)."""
    counts = severity_counts(results)
    generated = generated or _now()
    body = "\n".join(_manuscript_section(i, r, generated) for i, r in enumerate(results))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="citecheck {_e(__version__)}">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{_e(title)}</h1>"
        f'<p class="tool">citecheck {_e(__version__)} · {len(results)} '
        f"manuscript{'s' if len(results) != 1 else ''} · "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info</p>"
        f"{run_notes_html(results, failures)}{_filters()}</header>\n<main>\n{body}\n</main>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _filters() -> str:
    boxes = "".join(
        f'<label class="sev-{s.value}"><input type="checkbox" class="sev-filter" '
        f'value="{s.value}" checked> {s.value}</label>'
        for s in SEVERITIES
    )
    return (
        f'<form id="filters" class="filters"><span>Show findings:</span>{boxes}'
        '<output id="shown-count" aria-live="polite"></output></form>'
    )


# --- one manuscript --------------------------------------------------------------------------


def _manuscript_section(i: int, result: ManuscriptResult, generated: str = "") -> str:
    a = result.analysis
    places = Places(a.document)
    ids = Ids(
        f"m{i}",
        [r.key for r in a.references],
        {c.span.start: k for k, c in reversed(list(enumerate(a.citations)))},
    )
    evidence = registry_evidence(result)
    statuses = reference_statuses(result)
    attention = needs_attention(result, statuses)
    parts = [
        f'<section class="manuscript" id="{ids.prefix}">',
        f"<h2>{_e(result.path)}</h2>",
        top_html(result, statuses, attention, places, ids, generated or _now()),
        _summary(result),
        _findings_section(result.findings, places, ids),
    ]
    claims = claim_entries(result)
    if claims is not None:
        parts.append(_claims_section(claims, ids))
    parts.append(references_section(result, places, ids, evidence, statuses))
    parts.append(_citations_section(a.document.text, a.citations, places, ids))
    parts.append("</section>")
    return "\n".join(parts)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _summary(result: ManuscriptResult) -> str:
    a = result.analysis
    counts = severity_counts([result])
    cells = [
        ("references", len(a.references)),
        ("citations", len(a.citations)),
        ("claims", len(result.claims.verdicts) if result.claims else 0),
        *((s.value, counts[s.value]) for s in SEVERITIES),
    ]
    items = "".join(
        f'<div class="count count-{_e(name)}" data-count="{_e(name)}">'
        f'<span class="n">{n}</span><span class="what">{_e(name)}</span></div>'
        for name, n in cells
    )
    return f'<div class="summary">{items}</div>'


def _findings_section(findings: Sequence[Finding], places: Places, ids: Ids) -> str:
    """Errors and warnings, most serious first; info findings folded away."""
    serious = sorted((f for f in findings if f.severity is not Severity.INFO), key=attention_rank)
    info = [f for f in findings if f.severity is Severity.INFO]
    parts = []
    if serious:
        parts.append(
            '<ul class="findings findings-list">'
            + "".join(finding_item(f, places, ids) for f in serious)
            + "</ul>"
        )
    if info:
        parts.append(
            f'<details class="info-findings"><summary>{len(info)} info '
            f"finding{'s' if len(info) != 1 else ''}</summary>"
            '<ul class="findings findings-list">'
            + "".join(finding_item(f, places, ids) for f in info)
            + "</ul></details>"
        )
    body = "".join(parts) or '<p class="none">No findings.</p>'
    return f'<section class="block" id="{ids.prefix}-findings"><h3>Findings</h3>{body}</section>'


# --- claims ----------------------------------------------------------------------------------


def _claims_section(claims: Sequence[Mapping[str, Any]], ids: Ids) -> str:
    if not claims:
        body = '<p class="none">The claim file holds no claims.</p>'
    else:
        body = (
            '<ol class="claims">'
            + "".join(_claim_entry(k, c, ids) for k, c in enumerate(claims))
            + "</ol>"
        )
    return (
        f'<section class="block" id="{ids.prefix}-claims">'
        f"<h3>Claims <small>({len(claims)})</small></h3>{body}</section>"
    )


def _claim_entry(k: int, claim: Mapping[str, Any], ids: Ids) -> str:
    verdict = str(claim.get("verdict", ""))
    slug = verdict.replace(" ", "-")
    cites = ref_links([n for n in claim.get("cites", ()) if isinstance(n, int)], ids)
    sentence = claim.get("sentence") or None
    if sentence:
        marks = [q.get("manuscript_text") for q in claim.get("quantities", ()) if q]
        where = f'<span class="loc">{_e(sentence.get("line"))}:{_e(sentence.get("column"))}</span>'
        said = (
            f'<blockquote class="sentence">{where} '
            f"{_highlight(str(sentence.get('text', '')), [m for m in marks if m])}</blockquote>"
        )
    else:
        said = '<p class="none">No sentence of the manuscript carries this claim.</p>'
    quantities = "".join(
        f'<tr class="q-{_e(q.get("status", ""))}"><td>{_e(q.get("claim", ""))}</td>'
        f"<td>{_e(q.get('manuscript') or '—')}</td><td>{_e(q.get('status', ''))}</td>"
        f"<td>{_e(q.get('differs') or '')}</td></tr>"
        for q in claim.get("quantities", ())
    )
    table = (
        '<table class="quantities"><thead><tr><th>claim</th><th>manuscript</th><th>status</th>'
        f"<th>why</th></tr></thead><tbody>{quantities}</tbody></table>"
        if quantities
        else ""
    )
    note = f'<p class="note">{_e(claim["note"])}</p>' if claim.get("note") else ""
    return (
        f'<li class="claim verdict-{_e(slug)}" id="{ids.claim(k)}" data-verdict="{_e(verdict)}">'
        f'<div class="claim-head"><span class="claim-id">{_e(claim.get("id", ""))}</span> '
        f'<span class="badge verdict-{_e(slug)}">{_e(verdict)}</span> '
        f"<q>{_e(claim.get('text', ''))}</q> → {cites}</div>{note}{said}"
        f'<p class="explanation">{_e(claim.get("explanation", ""))}</p>{table}</li>'
    )


def _highlight(text: str, needles: Sequence[str]) -> str:
    """``text`` escaped, with the first occurrence of each needle marked."""
    marks: list[tuple[int, int]] = []
    for needle in needles:
        at = text.find(needle)
        if at >= 0 and not any(s < at + len(needle) and at < e for s, e in marks):
            marks.append((at, at + len(needle)))
    out, pos = [], 0
    for s, e in sorted(marks):
        out.append(_e(text[pos:s]) + f"<mark>{_e(text[s:e])}</mark>")
        pos = e
    return "".join(out) + _e(text[pos:])


# --- citations in context --------------------------------------------------------------------


def _citations_section(text: str, citations: Sequence[Citation], places: Places, ids: Ids) -> str:
    """Every citation in context, folded away until asked for (a link to one opens it)."""
    rows = "".join(_citation_row(text, k, c, places, ids) for k, c in enumerate(citations))
    return (
        f'<section class="block" id="{ids.prefix}-citations"><details class="citations">'
        f"<summary><h3>Citations in context <small>({len(citations)})</small></h3></summary>"
        '<table class="citations"><thead><tr><th>#</th><th>where</th><th>section</th>'
        "<th>context</th><th>references</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details></section>"
    )


def _citation_row(text: str, k: int, c: Citation, places: Places, ids: Ids) -> str:
    start = c.span.start
    return (
        f'<tr class="citation" id="{ids.cit(k)}"><td>{k + 1}</td>'
        f'<td class="loc">{_e(places.where(start))}</td>'
        f'<td class="section">{_e(places.section(start))}</td>'
        f'<td class="context">{snippet_html(text, start, c.span.end)}</td>'
        f"<td>{ref_links(c.refs, ids) if c.refs else '—'}</td></tr>"
    )


def snippet_html(text: str, start: int, end: int, width: int = SNIPPET_CHARS) -> str:
    """The marker ``text[start:end]`` in <mark>, with up to ``width`` characters either side
    from the same paragraph, all escaped."""
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    lo, hi = max(para_start, start - width), min(para_end, end + width)
    if lo > para_start:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < para_end:
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    before = ("…" if lo > para_start else "") + _one_line(text[lo:start])
    after = _one_line(text[end:hi]) + ("…" if hi < para_end else "")
    return f"{_e(before)}<mark>{_e(text[start:end])}</mark>{_e(after)}"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


__all__ = ["render_html", "snippet_html"]
