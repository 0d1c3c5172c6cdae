"""The HTML report for editors: one self-contained page (inline CSS and JS, no network).

A pure function from results to a string: :func:`render_html`. Every piece of manuscript,
claim and registry text goes through :func:`html.escape` (the ``_e`` helper) before it
reaches the page; the only script element is the module's own :data:`SCRIPT`.

Per manuscript the page shows the summary counts, the findings (filterable by severity with
checkboxes, or with ``#hide=info,warning`` in the address), the reference list with each
reference's findings and, when online verification ran, its registry record side by side
(see :mod:`citecheck.report.html_evidence`), the
claims with their verdicts and sentences, and every citation in context.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from citecheck import __version__
from citecheck.citations.ranges import compact_numbers
from citecheck.locations import Locator
from citecheck.model import Citation, Finding, Reference, RefKey, Severity, key_order
from citecheck.report.claims import claim_entries
from citecheck.report.html_assets import SCRIPT, STYLE
from citecheck.report.html_evidence import RegistryEvidence, registry_evidence, run_notes_html
from citecheck.results import ManuscriptFailure, ManuscriptResult, severity_counts

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SNIPPET_CHARS = 90  # context shown on each side of a citation marker
REFS_PER_FINDING_SHOWN_ON_ENTRY = 5  # a finding about 25 refs is listed once, not 25 times


def _e(text: object) -> str:
    """Escape any text for an element body or a quoted attribute."""
    return html.escape(str(text), quote=True)


def render_html(
    results: Sequence[ManuscriptResult],
    *,
    title: str = "citecheck report",
    failures: Sequence[ManuscriptFailure] = (),
) -> str:
    """The whole report as one HTML document."""
    counts = severity_counts(results)
    body = "\n".join(_manuscript_section(i, r) for i, r in enumerate(results))
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


def _manuscript_section(i: int, result: ManuscriptResult) -> str:
    a = result.analysis
    index = Locator(a.document)
    ids = _Ids(f"m{i}")
    evidence = registry_evidence(result)
    parts = [
        f'<section class="manuscript" id="{ids.prefix}">',
        f"<h2>{_e(result.path)}</h2>",
        _summary(result),
        _findings_section(result.findings, index, ids),
    ]
    claims = claim_entries(result)
    if claims is not None:
        parts.append(_claims_section(claims, ids))
    parts.append(_references_section(result, index, ids, evidence))
    parts.append(_citations_section(a.document.text, a.citations, index, ids))
    parts.append("</section>")
    return "\n".join(parts)


class _Ids:
    """Anchor ids, unique per manuscript on a page that may hold several."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def ref(self, number: RefKey | None) -> str:
        return f"{self.prefix}-ref-{number}"

    def cit(self, k: int) -> str:
        return f"{self.prefix}-cit-{k}"

    def claim(self, k: int) -> str:
        return f"{self.prefix}-claim-{k}"


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


def _finding_item(f: Finding, index: Locator, ids: _Ids, *, with_refs: bool = True) -> str:
    where = ""
    if f.span is not None:
        line, col = index.line_col(f.span.start)
        where = f'<span class="loc">{line}:{col}</span> '
    refs = f" {_ref_links(f.refs, ids)}" if with_refs and f.refs else ""
    sev = f.severity.value
    return (
        f'<li class="finding sev-{sev}" data-severity="{sev}">{where}'
        f'<span class="rule">{_e(f.rule)}</span> <span class="badge sev-{sev}">{sev}</span> '
        f'<span class="msg">{_e(f.message)}</span>{refs}</li>'
    )


def _findings_section(findings: Sequence[Finding], index: Locator, ids: _Ids) -> str:
    if not findings:
        items = '<p class="none">No findings.</p>'
    else:
        items = (
            '<ul class="findings findings-list">'
            + "".join(_finding_item(f, index, ids) for f in findings)
            + "</ul>"
        )
    return f'<section class="block" id="{ids.prefix}-findings"><h3>Findings</h3>{items}</section>'


def _ref_links(numbers: Iterable[RefKey], ids: _Ids) -> str:
    nums = sorted(set(numbers), key=key_order)
    if len(nums) > 8:  # a long run: one compact label, linked to its first reference
        first = _e(ids.ref(nums[0]))
        return f'<a class="reflink" href="#{first}">[{_e(compact_numbers(nums))}]</a>'
    return " ".join(f'<a class="reflink" href="#{_e(ids.ref(n))}">[{_e(str(n))}]</a>' for n in nums)


# --- references ------------------------------------------------------------------------------


def _references_section(
    result: ManuscriptResult,
    index: Locator,
    ids: _Ids,
    evidence: Mapping[RefKey, RegistryEvidence],
) -> str:
    a = result.analysis
    cited_at: dict[RefKey, list[tuple[int, str]]] = defaultdict(list)
    for k, c in enumerate(a.citations):
        line, col = index.line_col(c.span.start)
        for n in dict.fromkeys(c.refs):
            cited_at[n].append((k, f"{line}:{col}"))
    on_ref: dict[RefKey, list[Finding]] = defaultdict(list)
    for f in result.findings:
        if len(f.refs) <= REFS_PER_FINDING_SHOWN_ON_ENTRY:
            for n in f.refs:
                on_ref[n].append(f)
    entries = "".join(
        _reference_entry(
            r,
            on_ref.get(r.key, []),
            cited_at.get(r.key, []),
            index,
            ids,
            evidence.get(r.key),
        )
        for r in a.references
    )
    online = " · registry evidence shown beside each checked reference" if evidence else ""
    return (
        f'<section class="block" id="{ids.prefix}-references">'
        f"<h3>References <small>({len(a.references)}{online})</small></h3>"
        f'<ol class="references">{entries}</ol></section>'
    )


def _status(findings: Sequence[Finding], cited: bool) -> str:
    if findings:
        return max(findings, key=lambda f: f.severity.rank).severity.value
    return "ok" if cited else "uncited"


def _reference_entry(
    ref: Reference,
    findings: Sequence[Finding],
    cited_at: Sequence[tuple[int, str]],
    index: Locator,
    ids: _Ids,
    evidence: RegistryEvidence | None,
) -> str:
    status = _status(findings, bool(cited_at))
    tags = []
    if ref.number_inferred:
        tags.append('<span class="tag">number inferred</span>')
    if not ref.parsed:
        tags.append('<span class="tag">not parsed</span>')
    if evidence is not None:
        tags.append(f'<span class="tag online-{_e(evidence.status)}">{_e(evidence.status)}</span>')
    cites = (
        "cited at "
        + ", ".join(f'<a href="#{ids.cit(k)}">{where}</a>' for k, where in cited_at[:12])
        + (f" and {len(cited_at) - 12} more" if len(cited_at) > 12 else "")
        if cited_at
        else "never cited"
    )
    found = (
        '<ul class="findings">'
        + "".join(_finding_item(f, index, ids, with_refs=False) for f in findings)
        + "</ul>"
        if findings
        else ""
    )
    side = _side_by_side(ref, evidence) if evidence is not None else ""
    number = ref.citekey or ("?" if ref.number is None else str(ref.number))
    return (
        f'<li class="ref status-{status}" id="{_e(ids.ref(ref.key))}" data-status="{status}">'
        f'<span class="refno">{_e(number)}</span><div class="ref-body">'
        f'<div class="raw">{_markdown_emphasis(_e(ref.raw))}</div>'
        f'<div class="ref-meta"><span class="badge st-{status}">{status}</span>{"".join(tags)}'
        f'<span class="cites">{cites}</span></div>{found}{side}</div></li>'
    )


def _markdown_emphasis(escaped: str) -> str:
    """``*Journal.*`` → <em>: applied to text that is already escaped, so it stays inert."""
    return re.sub(r"(?<![*\w])\*([^*\n]+?)\*(?![*\w])", r"<em>\1</em>", escaped)


_DIFF_CLASS = ' class="diff"'


def _side_by_side(ref: Reference, ev: RegistryEvidence) -> str:
    rows = "".join(
        f"<tr{_DIFF_CLASS if name in ev.differing_fields else ''}><th>{_e(name)}</th>"
        f"<td>{_e(printed)}</td><td>{_e(registry)}</td><td>{_e(difference)}</td></tr>"
        for name, printed, registry, difference in ev.rows(ref)
    )
    detail = f'<p class="detail">{_e(ev.detail)}</p>' if ev.detail else ""
    notes = "".join(f"<li>{_e(n)}</li>" for n in ev.notes)
    doi = f" · {_e(ev.doi)}" if ev.doi else ""
    source = f" (DOI from {_e(ev.source)})" if ev.source else ""
    table = (
        '<table class="evidence"><thead><tr><th>field</th><th>printed</th><th>registry</th>'
        f"<th>difference</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    return (
        '<div class="registry"><div class="registry-head">Registry: '
        f'<span class="badge online-{_e(ev.status)}">{_e(ev.status)}</span>{doi}{source}</div>'
        f"{detail}{table}{f'<ul class=notes>{notes}</ul>' if notes else ''}</div>"
    )


# --- claims ----------------------------------------------------------------------------------


def _claims_section(claims: Sequence[Mapping[str, Any]], ids: _Ids) -> str:
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


def _claim_entry(k: int, claim: Mapping[str, Any], ids: _Ids) -> str:
    verdict = str(claim.get("verdict", ""))
    slug = verdict.replace(" ", "-")
    cites = _ref_links([n for n in claim.get("cites", ()) if isinstance(n, int)], ids)
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


def _citations_section(text: str, citations: Sequence[Citation], index: Locator, ids: _Ids) -> str:
    rows = "".join(_citation_row(text, k, c, index, ids) for k, c in enumerate(citations))
    return (
        f'<section class="block" id="{ids.prefix}-citations">'
        f"<h3>Citations in context <small>({len(citations)})</small></h3>"
        '<table class="citations"><thead><tr><th>#</th><th>line:col</th><th>context</th>'
        f"<th>references</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _citation_row(text: str, k: int, c: Citation, index: Locator, ids: _Ids) -> str:
    line, col = index.line_col(c.span.start)
    return (
        f'<tr class="citation" id="{ids.cit(k)}"><td>{k + 1}</td><td class="loc">{line}:{col}</td>'
        f'<td class="context">{snippet_html(text, c.span.start, c.span.end)}</td>'
        f"<td>{_ref_links(c.refs, ids) if c.refs else '—'}</td></tr>"
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
