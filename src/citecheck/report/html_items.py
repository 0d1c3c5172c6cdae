"""The small pieces every part of the HTML report shares: escaping, anchor ids, links to
references, citations and DOIs, and one finding as a list item (pure)."""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Mapping
from urllib.parse import quote

from citecheck.citations.ranges import compact_numbers
from citecheck.model import Finding, RefKey, key_order
from citecheck.report.places import Places


def e(text: object) -> str:
    """Escape any text for an element body or a quoted attribute."""
    return html.escape(str(text), quote=True)


class Ids:
    """Anchor ids, unique per manuscript on a page that may hold several, and the anchors
    that exist: a link is only written to a reference in the list or a citation found."""

    def __init__(
        self,
        prefix: str,
        keys: Collection[RefKey] = (),
        citation_starts: Mapping[int, int] | None = None,
    ) -> None:
        self.prefix = prefix
        self.keys = frozenset(keys)
        self.citation_at = dict(citation_starts or {})  # span start → citation index

    def ref(self, number: RefKey | None) -> str:
        return f"{self.prefix}-ref-{number}"

    def cit(self, k: int) -> str:
        return f"{self.prefix}-cit-{k}"

    def claim(self, k: int) -> str:
        return f"{self.prefix}-claim-{k}"

    def cit_of(self, f: Finding) -> int | None:
        """The citation a finding's span starts at, if any."""
        return self.citation_at.get(f.span.start) if f.span is not None else None


def doi_link(doi: str) -> str:
    """A DOI as a link to its resolver (escaped; the path percent-encoded)."""
    doi = doi.strip()
    href = "https://doi.org/" + quote(doi, safe="/:;()._-")
    return f'<a class="doi" href="{e(href)}" rel="noreferrer">{e(doi)}</a>'


def ref_links(numbers: Iterable[RefKey], ids: Ids) -> str:
    """Links to the references named; a key not in the list is shown unlinked (it has no
    anchor to go to)."""
    nums = sorted(set(numbers), key=key_order)
    listed = [n for n in nums if n in ids.keys]
    missing = "".join(
        f' <span class="reflink missing" title="not in the reference list">[{e(n)}]</span>'
        for n in nums
        if n not in ids.keys
    )
    if len(listed) > 8:  # a long run: one compact label, linked to its first reference
        first = e(ids.ref(listed[0]))
        return f'<a class="reflink" href="#{first}">[{e(compact_numbers(listed))}]</a>{missing}'
    links = " ".join(f'<a class="reflink" href="#{e(ids.ref(n))}">[{e(n)}]</a>' for n in listed)
    return (links + missing).strip()


def where_html(places: Places, start: int, end: int | None = None) -> str:
    """A place a person can find: ``line:col`` (or the reader's label), the section and a
    quoted phrase."""
    place = places.place(start, end)
    section = f' <span class="section">in “{e(place.section)}”</span>' if place.section else ""
    return (
        f'<span class="loc">{e(place.where)}</span>{section}'
        f' <q class="phrase">{e(place.phrase)}</q>'
    )


def finding_item(f: Finding, places: Places, ids: Ids, *, with_refs: bool = True) -> str:
    where = ""
    if f.span is not None:
        k = ids.cit_of(f)
        loc = e(places.where(f.span.start))
        where = (
            f'<a class="loc" href="#{e(ids.cit(k))}">{loc}</a> '
            if k is not None
            else f'<span class="loc">{loc}</span> '
        )
    refs = f" {ref_links(f.refs, ids)}" if with_refs and f.refs else ""
    sev = f.severity.value
    return (
        f'<li class="finding sev-{sev}" data-severity="{sev}">{where}'
        f'<span class="rule">{e(f.rule)}</span> <span class="badge sev-{sev}">{sev}</span> '
        f'<span class="msg">{e(f.message)}</span>{refs}</li>'
    )


__all__ = ["Ids", "doi_link", "e", "finding_item", "ref_links", "where_html"]
