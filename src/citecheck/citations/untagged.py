"""Author-date citations that publisher XML left untagged.

A JATS article cited by author and year tags most citations as ``<xref ref-type="bibr">``
but may print some without a tag (``(Smith et al., 2019; Lee, 2020)`` with only Smith
tagged). The author-date finder reads the text; the cited works that no tag covers and that
link by name and year to an entry of the list (keyed by the XML's ids) are returned as
citations of that entry. A work that links to no entry is left out: without a tag there is
nothing but the finder's word that it is a citation at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from citecheck.citations.adlink import authordate_keys, link_authordate
from citecheck.citations.authordate import AuthorDateCitation, find_authordate
from citecheck.model import Citation, Document, Reference, ReferenceSection, Span

_YEAR = re.compile(r"(?:1[6-9]|20)\d\d")


def cites_by_date(tagged: Sequence[Citation]) -> bool:
    """Whether most tagged citations print a year (``Smith et al., 2019``), not a number."""
    return 2 * sum(1 for c in tagged if _YEAR.search(c.text)) > len(tagged)


def untagged_authordate(
    document: Document,
    section: ReferenceSection,
    references: Sequence[Reference],
    tagged: Sequence[Citation],
) -> tuple[Citation, ...]:
    """The author-date citations of ``document`` outside its tags, linked to the keys of
    ``references`` (a JATS list: ``bib12``), in document order."""
    if not tagged or not references or not cites_by_date(tagged):
        return ()
    skip = (Span(section.heading_span.start, section.body.end),)
    spans = sorted((c.span for c in tagged), key=lambda s: s.start)
    starts = [s.start for s in spans]
    found = []
    for c in find_authordate(document.text, skip=skip, masked=document.masked):
        works = tuple(w for w in c.works if not _covered(w.span, spans, starts))
        if works:
            span = c.span if len(works) == len(c.works) else _around(works)
            text = document.text[span.start : span.end]
            found.append(AuthorDateCitation(span, text, works, c.style))
    keyed = authordate_keys(references)
    own_key = {k.citekey: r.key for k, r in zip(keyed, references, strict=True)}
    out = []
    for linked in link_authordate(found, keyed):
        keys = tuple(own_key[k] for k in linked.refs if k in own_key)
        if keys:
            out.append(Citation(linked.span, linked.text, keys, linked.style))
    return tuple(out)


def _covered(span: Span, spans: Sequence[Span], starts: Sequence[int]) -> bool:
    """Whether ``span`` overlaps a tag (``spans`` sorted by start, ``starts`` theirs)."""
    i = bisect_left(starts, span.end)
    return any(s.end > span.start for s in spans[max(0, i - 3) : i])


def _around(works: Sequence) -> Span:
    return Span(min(w.span.start for w in works), max(w.span.end for w in works))
