"""Where a finding or citation is, in words a person can follow in their own copy of the
manuscript: the place from :class:`~citecheck.locations.Locator` (``line:column`` for text,
the reader's label for Word and PDF: "paragraph 12 …", "page 3, line 14"), the heading of
the section it is in, and a short quoted phrase around it (pure)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from citecheck.locations import Locator
from citecheck.model import Document

PHRASE_CHARS = 40  # of text either side of the offset in the quoted phrase


@dataclass(frozen=True)
class Place:
    where: str  # "3:204" for text; the reader's label where lines mean nothing
    section: str  # the heading above, "" before the first
    phrase: str  # a few words around the offset, on one line


class Places:
    """Resolves offsets of one document to :class:`Place` (built once per document)."""

    def __init__(self, document: Document) -> None:
        self._text = document.text
        self._locator = Locator(document)
        self._headings = document.headings
        self._starts = [h.span.start for h in document.headings]

    def line_col(self, offset: int) -> str:
        line, col = self._locator.line_col(offset)
        return f"{line}:{col}"

    def where(self, offset: int) -> str:
        place = self._locator.locate(offset)
        return place.label or f"{place.line}:{place.column}"

    def section(self, offset: int) -> str:
        i = bisect_right(self._starts, offset) - 1
        return self._headings[i].title if i >= 0 else ""

    def phrase(self, start: int, end: int | None = None) -> str:
        end = start if end is None else end
        lo, hi = max(0, start - PHRASE_CHARS), min(len(self._text), end + PHRASE_CHARS)
        head = self._text[lo:start].rsplit("\n\n", 1)[-1]
        tail = self._text[end:hi].split("\n\n", 1)[0]
        if lo > 0 and " " in head and len(head) == start - lo:
            head = head.split(" ", 1)[1]
        if hi < len(self._text) and " " in tail and len(tail) == hi - end:
            tail = tail.rsplit(" ", 1)[0]
        return re.sub(r"\s+", " ", head + self._text[start:end] + tail).strip()

    def place(self, start: int, end: int | None = None) -> Place:
        return Place(self.where(start), self.section(start), self.phrase(start, end))


__all__ = ["Place", "Places"]
