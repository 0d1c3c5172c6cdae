"""Footnotes at the foot of a PDF column, kept out of the paragraph they interrupt.

A paragraph (a reference entry too) that runs on from the foot of one column to the top of
the next has the column's footnotes between its two parts in reading order: ACL 2020's
``Waleed Ammar, …, Sebastian Kohlmeier,`` / ``^{19}The Kaggle CORD-19 … for details.`` /
``Kyle Lo, …, and Oren Etzioni. 2018. Construction of the literature graph …``.

* **Footnote lines** (:func:`footnote_lines`) are a column's last lines from one that begins
  with a superscript number or a note sign (``∗ † ‡ § ¶``) on: all of them set smaller than
  the line above the first (the text, or a reference list, they stand under), which is no
  heading, and read one after the other (no line of another column among them). So are a
  two-column page's last lines when they span the page in print smaller than the body's (a
  first page's ``New Orleans, Louisiana, June 1 - 6, 2018. © 2017 Association for …``).
* **Held** (:class:`Notes`): while the reader reads footnote lines it holds them, so that the
  next column's first line is read against the paragraph before them and goes on it when it
  would have without them. The notes are written after the paragraph that holds their mark
  (a superscript of the same number on the same page or the one before), else after the
  paragraph they interrupted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

from citecheck.inputs.pdf_layout import Line
from citecheck.inputs.pdf_super import is_superscript

P = TypeVar("P")
_SIGNS = frozenset("*∗†‡§¶")
_MARK = re.compile(r"^(\d{1,3}|[*∗†‡§¶])[,.;:]?$")
_SMALLER = 0.95  # footnotes are set at most this part of the height of the line above them


def footnote_lines(lines: Sequence[Line], headings: dict[int, int], body: float) -> set[int]:
    """The ``id`` of every footnote line of ``lines`` (module doc); ``headings``: the
    heading lines' levels by ``id``; ``body``: the body text's line height."""
    columns: dict[tuple[int, int], list[tuple[int, Line]]] = {}
    for at, line in enumerate(lines):
        columns.setdefault((line.page, line.column), []).append((at, line))
    notes: set[int] = set()
    for column in columns.values():
        start, tallest = None, 0.0
        for k in range(len(column) - 1, 0, -1):  # upwards from the column's last line
            (at, line), above = column[k], column[k - 1][1]
            tallest = max(tallest, line.height)
            if at != column[-1][0] - (len(column) - 1 - k):
                break  # another column's line read among these: not one block of notes
            if (
                tallest <= _SMALLER * above.height
                and note_number(line) is not None
                and id(above) not in headings
            ):
                start = k
        if start is not None:
            notes.update(id(line) for _, line in column[start:])
    return notes | _page_feet(lines, body)


def _page_feet(lines: Sequence[Line], body: float) -> set[int]:
    """The ``id`` of the lines that end a page of columns across its width (column 0) in
    print smaller than the body's."""
    feet: set[int] = set()
    end = len(lines)
    while end:
        page, start = lines[end - 1].page, end
        while start and lines[start - 1].page == page:
            start -= 1
        foot = end
        while (
            foot > start
            and lines[foot - 1].column == 0
            and lines[foot - 1].height <= (_SMALLER * body)
        ):
            foot -= 1
        if foot < end and any(ln.column for ln in lines[start:foot]):
            feet.update(id(ln) for ln in lines[foot:end])
        end = start
    return feet


def note_number(line: Line) -> str | None:
    """The number or sign a footnote line begins with, if it begins one."""
    if len(line.tokens) < 2:
        return None
    first = line.tokens[0]
    if first.text in _SIGNS:
        return first.text
    if first.text.isdigit() and len(first.text) <= 3 and is_superscript(first, line):
        return first.text
    return None


class Notes(Generic[P]):
    """The footnote lines held while the paragraph they interrupt may go on, and where each
    note is written (module doc). ``P``: the reader's paragraph."""

    def __init__(self) -> None:
        self.held: list[list[Line]] = []
        self.marks: dict[str, tuple[P, int]] = {}
        self.after: dict[int, list[list[Line]]] = {}

    def hold(self, line: Line, goes_on: Callable[[list[Line], Line], bool]) -> None:
        """Hold a footnote line: on the note before it, or as a new note."""
        if self.held and note_number(line) is None and goes_on(self.held[-1], line):
            self.held[-1].append(line)
        else:
            self.held.append([line])

    def seen(self, line: Line, paragraph: P) -> None:
        """Note the footnote marks (superscript numbers or signs) ``line`` of ``paragraph``
        holds."""
        for token in line.tokens:
            if token.height < _SMALLER * line.height:  # cheap first: set smaller
                mark = _MARK.match(token.text)
                if mark and is_superscript(token, line):
                    self.marks[mark.group(1)] = (paragraph, line.page)

    def place(self, interrupted: P | None) -> None:
        """Place the notes held: the paragraph they interrupted (``interrupted``) has ended."""
        for note in self.held:
            number = note_number(note[0])
            target = self.marks.get(number) if number is not None else None
            anchor = target[0] if target and target[1] >= note[0].page - 1 else interrupted
            self.after.setdefault(id(anchor), []).append(note)
        self.held = []

    def order(self, paragraphs: Sequence[P], make: Callable[[list[Line]], P]) -> Iterator[P]:
        """The paragraphs with each placed note after its own (``make``: a note's lines
        into a paragraph)."""
        yield from (make(note) for note in self.after.get(id(None), ()))
        for paragraph in paragraphs:
            yield paragraph
            yield from (make(note) for note in self.after.get(id(paragraph), ()))
