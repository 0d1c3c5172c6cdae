"""Where a stretch of a Word document's text is, as a person finds it in Word (pure).

A Word file has no lines a reader uses; the places it has are its paragraphs, their first
words, and, when the file records them, its pages. The reader gives each paragraph of the
text an :class:`~citecheck.model.Origin` labelled ``paragraph 12 "The CXCR4 receptor is…"``
(the number counts the body's ``w:p`` from 1, table cells included, then footnotes and
endnotes, as the source offsets do) with its page, and a further origin where a page starts
inside a paragraph.

Pages: Word writes ``w:lastRenderedPageBreak`` where a page began when it last laid the
document out; those are counted when there are any (they include the hard breaks). A file
that has none but has hard page breaks (``w:br w:type="page"``, ``w:pageBreakBefore``)
counts those. A file with neither says nothing of pages: ``page`` is ``None``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from citecheck.model import Origin

LABEL_WORDS = 6
LABEL_CHARS = 40


def page_starts(rendered: Sequence[int], hard: Sequence[int]) -> tuple[int, ...] | None:
    """The source offsets where a new page starts (see the module doc), or ``None`` when
    the file records no page at all."""
    chosen = rendered or hard
    return tuple(sorted(chosen)) if chosen else None


class Pages:
    """The page at a source offset, given where pages start."""

    def __init__(self, starts: tuple[int, ...] | None) -> None:
        self._starts = starts

    def at(self, source: int) -> int | None:
        """The page of the text at ``source`` (1-based), ``None`` without page records."""
        if self._starts is None:
            return None
        return 1 + bisect_right(self._starts, source)

    def between(self, first: int, last: int) -> list[int]:
        """The page starts strictly after ``first`` and at or before ``last``."""
        if self._starts is None:
            return []
        lo, hi = bisect_right(self._starts, first), bisect_right(self._starts, last)
        return list(self._starts[lo:hi])


def paragraph_label(number: int, words: str) -> str:
    """``paragraph 12 "The CXCR4 receptor is…"``: the number and the first words."""
    parts = words.split()
    first = " ".join(parts[:LABEL_WORDS])
    cut = len(parts) > LABEL_WORDS or len(first) > LABEL_CHARS
    first = first[:LABEL_CHARS].rstrip()
    return f'paragraph {number} "{first}{"…" if cut else ""}"'


def add_origin(origins: list[Origin], origin: Origin) -> None:
    """Append ``origin``; one at the same offset as the last replaces it."""
    if origins and origins[-1].start == origin.start:
        origins[-1] = origin
    elif not origins or origins[-1].start < origin.start:
        origins.append(origin)
