"""The reference list of the HTML report as a compact table: one row per reference (number
or key, first author, year, title, status, DOI as a link, how often cited), each a
``<details>`` that opens on its evidence: the entry as printed, where it is cited, its
findings and, online, the registry record side by side. The evidence of references that
need a look (problem, check, note) is open from the start, so it is also printed (pure)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from citecheck.model import Finding, Reference, RefKey
from citecheck.report.html_evidence import RegistryEvidence
from citecheck.report.html_items import Ids, doi_link, e, finding_item
from citecheck.report.places import Places
from citecheck.report.status import ReferenceStatus, Status, is_about_references
from citecheck.results import ManuscriptResult

OPEN_STATUSES = frozenset({Status.PROBLEM, Status.CHECK, Status.NOTE})
CITED_AT_SHOWN = 12


def references_section(
    result: ManuscriptResult,
    places: Places,
    ids: Ids,
    evidence: Mapping[RefKey, RegistryEvidence],
    statuses: Mapping[RefKey, ReferenceStatus],
) -> str:
    a = result.analysis
    cited_at: dict[RefKey, list[int]] = defaultdict(list)
    cit_where = [places.where(c.span.start) for c in a.citations]
    for k, c in enumerate(a.citations):
        for n in dict.fromkeys(c.refs):
            cited_at[n].append(k)
    on_ref: dict[RefKey, list[Finding]] = defaultdict(list)
    for f in result.findings:
        if is_about_references(f):
            for n in f.refs:
                on_ref[n].append(f)
    rows = "".join(
        _reference_row(
            r,
            statuses[r.key],
            on_ref.get(r.key, []),
            cited_at.get(r.key, []),
            cit_where,
            places,
            ids,
            evidence.get(r.key),
        )
        for r in a.references
    )
    online = " · registry evidence in each row" if evidence else ""
    head = "".join(
        f'<span class="c-{c}">{label}</span>'
        for c, label in (
            ("no", "#"),
            ("author", "first author"),
            ("year", "year"),
            ("title", "title"),
            ("status", "status"),
            ("doi", "DOI"),
            ("cited", "cited"),
        )
    )
    return (
        f'<section class="block" id="{ids.prefix}-references">'
        f"<h3>References <small>({len(a.references)}{online})</small></h3>"
        f'<div class="reftable"><div class="refhead">{head}</div>{rows}</div></section>'
    )


def _reference_row(
    ref: Reference,
    status: ReferenceStatus,
    findings: Sequence[Finding],
    cited_at: Sequence[int],
    cit_where: Sequence[str],
    places: Places,
    ids: Ids,
    evidence: RegistryEvidence | None,
) -> str:
    st = status.status
    number = ref.citekey or ("?" if ref.number is None else str(ref.number))
    first = ref.authors[0].family if ref.authors else ""
    title = ref.title or (ref.raw[:120] + ("…" if len(ref.raw) > 120 else ""))
    doi = ref.doi or (evidence.doi if evidence is not None else "")
    summary = (
        f'<span class="c-no refno">{e(number)}</span>'
        f'<span class="c-author">{e(first)}</span>'
        f'<span class="c-year">{e(ref.year or "")}</span>'
        f'<span class="c-title">{e(title)}</span>'
        f'<span class="c-status"><span class="badge st-{st.slug}">{e(st.value)}</span></span>'
        f'<span class="c-doi">{doi_link(doi) if doi else ""}</span>'
        f'<span class="c-cited">{len(cited_at) or "never"}</span>'
    )
    tags = []
    if ref.number_inferred:
        tags.append('<span class="tag">number inferred</span>')
    if not ref.parsed:
        tags.append('<span class="tag">not parsed</span>')
    if doi and not ref.doi:
        tags.append('<span class="tag">DOI from the registry</span>')
    cites = (
        "cited at "
        + ", ".join(
            f'<a href="#{ids.cit(k)}">{e(cit_where[k])}</a>' for k in cited_at[:CITED_AT_SHOWN]
        )
        + (f" and {len(cited_at) - CITED_AT_SHOWN} more" if len(cited_at) > CITED_AT_SHOWN else "")
        if cited_at
        else "never cited"
    )
    found = (
        '<ul class="findings">'
        + "".join(finding_item(f, places, ids, with_refs=False) for f in findings)
        + "</ul>"
        if findings
        else ""
    )
    side = side_by_side(ref, evidence) if evidence is not None else ""
    opened = " open" if st in OPEN_STATUSES else ""
    return (
        f'<details class="ref st-{st.slug}" id="{e(ids.ref(ref.key))}" '
        f'data-status="{e(st.value)}"{opened}><summary>{summary}</summary>'
        f'<div class="ref-body"><div class="raw">{_markdown_emphasis(e(ref.raw))}</div>'
        f'<div class="ref-meta">{"".join(tags)}<span class="cites">{cites}</span></div>'
        f"{found}{side}</div></details>"
    )


def _markdown_emphasis(escaped: str) -> str:
    """``*Journal.*`` → <em>: applied to text that is already escaped, so it stays inert."""
    return re.sub(r"(?<![*\w])\*([^*\n]+?)\*(?![*\w])", r"<em>\1</em>", escaped)


_DIFF_CLASS = ' class="diff"'


def side_by_side(ref: Reference, ev: RegistryEvidence) -> str:
    rows = "".join(
        f"<tr{_DIFF_CLASS if name in ev.differing_fields else ''}><th>{e(name)}</th>"
        f"<td>{_cell(name, printed)}</td><td>{_cell(name, registry)}</td>"
        f"<td>{e(difference)}</td></tr>"
        for name, printed, registry, difference in ev.rows(ref)
    )
    detail = f'<p class="detail">{e(ev.detail)}</p>' if ev.detail else ""
    notes = "".join(f"<li>{e(n)}</li>" for n in ev.notes)
    doi = f" · {doi_link(ev.doi)}" if ev.doi else ""
    source = f" (DOI from {e(ev.source)})" if ev.source else ""
    table = (
        '<table class="evidence"><thead><tr><th>field</th><th>printed</th><th>registry</th>'
        f"<th>difference</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    return (
        '<div class="registry"><div class="registry-head">Registry verdict: '
        f'<span class="badge online-{e(ev.status)}">{e(ev.status)}</span>{doi}{source}</div>'
        f"{detail}{table}{f'<ul class=notes>{notes}</ul>' if notes else ''}</div>"
    )


def _cell(name: str, value: str) -> str:
    return doi_link(value) if name == "doi" and value.startswith("10.") else e(value)


__all__ = ["references_section", "side_by_side"]
