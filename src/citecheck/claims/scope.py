"""Where a number without a citation is the authors' own: Results, Methods, tables.

CLM005 (and the uncited candidates of ``claims extract``) look for quantitative statements
that should lean on a reference. In a research article the Results and Methods are full of
the authors' own numbers, which need none; so are table rows. Such regions are *own data*.
A region opens at a heading named like one of :data:`OWN_DATA_HEADINGS` (one of the document's
:attr:`~citecheck.model.Document.headings`, or a line of its own such as ``RESULTS``) and runs
to the next heading of the same or a higher level (for a line of its own: the next such line
naming another known section); Supporting Information runs to the end of the body. Table rows
are the document's ``table-row`` blocks, and figure and table captions ("Fig 1. …",
"Table 2. …") are own data to the end of their paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter

from citecheck.inputs.markdown import find_blocks, find_headings
from citecheck.model import Document, Heading, Span

OWN_DATA_HEADINGS = (
    r"results(?:\s+and\s+discussion)?|methods|materials\s+and\s+methods|patients\s+and\s+methods"
    r"|methods\s+and\s+materials|experimental\s+procedures|statistical\s+analys[ie]s"
    r"|study\s+design|supporting\s+information|supplementary\s+(?:material|information)"
)
# The back matter of supporting material runs to the end of the body, whatever the levels of
# the legends' own headings (PLOS renders each legend as a heading of the same level).
_TO_THE_END = re.compile(
    r"supporting\s+information|supplementary\s+(?:material|information)", re.IGNORECASE
)


def _at_line_starts(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``pattern`` as matched at the text's start and after each line break (group ``line``):
    a search for the line break, a literal, is many times faster than trying ``^`` at every
    position (see :func:`_line_matches`)."""
    return re.compile(f"(?P<line>{pattern})", flags), re.compile(rf"\n(?P<line>{pattern})", flags)


def _line_matches(
    patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str, end: int
) -> Iterator[re.Match[str]]:
    """What ``re.finditer`` with ``^`` and MULTILINE finds in ``text[:end]`` (a match may run
    on over line breaks, but none ends with one: the next starts at a line break after it)."""
    first, after_break = patterns
    head = first.match(text, 0, end)
    if head is not None:
        yield head
    yield from after_break.finditer(text, 0 if head is None else head.end(), end)


# A figure or table caption: a paragraph opening "Fig 1.", "Figure 2A.", "Table 3.", "S1 Fig."
_CAPTION = _at_line_starts(
    r"[ \t]*(?:\*\*)?(?:(?:Fig(?:ure)?|Table|Supplementary\s+(?:Fig(?:ure)?|Table))\.?\s*S?\d+"
    r"[A-Za-z]?|S\d+\s+(?:Fig|Table))[.:]"
)
_KNOWN = (
    rf"{OWN_DATA_HEADINGS}|introduction|background|discussion|conclusions?|summary|abstract"
    r"|references|acknowledge?ments?|funding"
)
# A line of its own naming a section: "RESULTS", "**2. Methods**", "Discussion:". (Each
# optional piece after the name starts with its own mark, so that a name followed by a long
# run of spaces and more text fails in one pass, not one per way of sharing the spaces out.)
_BARE = _at_line_starts(
    rf"[ \t]*(?:\*\*)?(?:\d+(?:\.\d+)*\.?[ \t]+)?(?P<name>{_KNOWN})"
    r"[ \t]*(?::(?:\*\*)?[ \t]*|\*\*[ \t]*)?$",
    re.MULTILINE | re.IGNORECASE,
)
_OWN = re.compile(rf"(?:{OWN_DATA_HEADINGS})\b", re.IGNORECASE)


def own_data_spans(
    text: str, end: int | None = None, *, document: Document | None = None
) -> tuple[Span, ...]:
    """The regions of ``text[:end]`` that hold the authors' own data (see the module doc).

    Headings and table rows are ``document``'s; without a document, ``text`` is read as
    Markdown for them."""
    end = len(text) if end is None else end
    headings = find_headings(text) if document is None else document.headings
    blocks = find_blocks(text) if document is None else document.blocks
    spans = [
        Span(b.span.start, min(b.span.end, end))
        for b in blocks
        if b.kind == "table-row" and b.span.start < end
    ]
    before = [h for h in headings if h.span.start < end]
    for h, stop in zip(before, _section_ends(before, end), strict=True):
        if _OWN.match(h.title):
            spans.append(Span(h.span.start, end if _TO_THE_END.match(h.title) else stop))
    # a caption runs to the first paragraph break after it (found again only once passed)
    found = -2  # where that break is (-1: there is none)
    for m in _line_matches(_CAPTION, text, end):
        at = m.start("line")
        if found != -1 and found < at:
            found = text.find("\n\n", at)
        spans.append(Span(at, end if found < 0 else min(found, end)))
    # each bare line naming own data runs to the next one naming another section
    bare = [(m.start("line"), m.group("name")) for m in _line_matches(_BARE, text, end)]
    stop = end
    for at, name in reversed(bare):
        if _OWN.fullmatch(name):
            spans.append(Span(at, stop))
        else:
            stop = at
    return tuple(sorted(spans, key=attrgetter("start", "end")))


def _section_ends(headings: Sequence[Heading], end: int) -> list[int]:
    """Where each heading's section ends: at the next heading of its level or a higher one
    (a level number no greater), else at ``end``; in one pass, with the open sections on a
    stack (their levels rising towards the top)."""
    ends = [end] * len(headings)
    open_sections: list[int] = []
    for j, heading in enumerate(headings):
        while open_sections and headings[open_sections[-1]].level >= heading.level:
            ends[open_sections.pop()] = heading.span.start
        open_sections.append(j)
    return ends


def inside(spans: tuple[Span, ...], pos: int) -> bool:
    return any(span.start <= pos < span.end for span in spans)


@dataclass(frozen=True, slots=True)
class Regions:
    """Spans, perhaps overlapping, that answer "is this position inside one?" by bisection
    (for the many positions of one document; :func:`inside` asks once)."""

    starts: tuple[int, ...]
    reach: tuple[int, ...]  # the furthest end among each span (by start) and those before it

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos)
        return i > 0 and self.reach[i - 1] > pos

    def gaps(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The stretches of ``[start, end)`` that no span covers, in order."""
        covered = start
        for first, reach in zip(self.starts, self.reach, strict=True):
            if first >= end:
                break
            if first > covered:
                yield covered, first
            covered = max(covered, reach)
        if covered < end:
            yield covered, end


def regions_of(spans: Sequence[Span]) -> Regions:
    ordered = sorted(spans, key=attrgetter("start", "end"))
    reach = accumulate((s.end for s in ordered), max)
    return Regions(tuple(s.start for s in ordered), tuple(reach))
