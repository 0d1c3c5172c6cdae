"""Offsets in a document's text to the places a person looks them up: a file, a 1-based line
and column, and for formats without usable lines (Word, PDF) a page and a label.

A text file's places are its lines. A reader whose text is assembled from several files, or
from a format whose lines mean nothing to its reader, records :class:`~citecheck.model.Origin`
points in :attr:`Document.origins <citecheck.model.Document.origins>`; :class:`Locator`
resolves an offset against them. Every report names places through it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from citecheck.model import Document
from citecheck.positions import LineIndex


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a manuscript: ``path`` (the manuscript or a file it includes), 1-based
    ``line`` and ``column`` there, the ``page`` when the format has pages, and a ``label``
    naming the place in words when lines are not what a person uses."""

    path: str
    line: int
    column: int
    page: int | None = None
    label: str = ""


class Locator:
    """Resolves offsets of one document's text to :class:`Location`; built once per
    document, each look-up a bisection or two."""

    def __init__(self, document: Document) -> None:
        self._path = document.path
        self._index = LineIndex(document.text)
        self._origins = document.origins
        self._starts = [o.start for o in document.origins]

    def locate(self, offset: int) -> Location:
        """The place of ``offset`` in the text."""
        line, column = self._index.line_col(offset)
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return Location(self._path, line, column)
        origin = self._origins[i]
        path = origin.path or self._path
        if origin.line:
            first_line, _ = self._index.line_col(origin.start)
            if line == first_line:
                line, column = origin.line, origin.column + (offset - origin.start)
            else:
                line = origin.line + (line - first_line)
        return Location(path, line, column, origin.page, origin.label)

    def line_col(self, offset: int) -> tuple[int, int]:
        """The located line and column of ``offset`` (its file: :meth:`locate`)."""
        place = self.locate(offset)
        return place.line, place.column
