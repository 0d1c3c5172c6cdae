"""Where a PDF's paragraphs break: whether a line, in reading order, goes on the paragraph
before it. Pure geometry over :class:`~citecheck.inputs.pdf_layout.Line`s.

A new paragraph starts

* where a line begins with a list label (``12.``, ``[12]``, ``•``) where the paragraph's own
  first line began (not a number wrapped to the start of a line), or with a caption's
  ``Figure 2``; where a reference entry begins, ``35 Kroger, W. L.,`` at the column's edge,
  or ``Schwall, A. R.`` where a one-line entry ``Schneider, W. J.`` began, or where an entry
  with its year began and its last line ends a sentence (a list set flush left: AI
  Magazine's ``… Computational Linguistics.`` then ``Banko, M.; Cafarella, M.; …``);
* after a line that ends its paragraph short of the column's right edge. In justified text
  any line that stops well short does. In ragged-right text (a web page printed, most
  word-processor output) lines stop short all the time, so a line ends its paragraph only
  when the next line's first word would have fitted after it: a typesetter that wraps
  would have put it there. This keeps unnumbered reference entries whole and apart when
  nothing else (a gap, an indent) tells them apart;
* where the gap to the previous line of the same column is larger than the body's line
  pitch allows;
* before a first-line indent, and where a line comes back to the first line's start after
  a hanging indent (author-date reference lists); but a line at a hanging indent under an
  entry's first line (``Blume, J. D., … (2018).``) goes on that entry, however short the
  first line;
* around headings (see :mod:`citecheck.inputs.pdf_text`).

Small print (a reference list set smaller than the body) is justified or ragged by its own
lines, not by the body text's around it; in it, a line at a hanging indent goes on the entry
above it: only a line back at the column's edge starts the next.

A paragraph goes on across columns and pages.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from statistics import median

from citecheck.inputs.pdf_layout import Line
from citecheck.inputs.pdf_tokens import Token

LABEL = re.compile(  # not ``(2012)``: a year wrapped to a line's start (``Alvarez et al.``)
    r"^(?:\[\d{1,4}\]|\((?!(?:1[89]|20)\d\d\))\d{1,4}\)|\d{1,3}[.)](?!\d)|[•▪◦‣∙·-](?=\s))"
)
_NAMED_ENTRY = re.compile(r"^\d{1,3}\s+[A-Z](?:[^\W\d_]|[-'’](?=[^\W\d_]))+,\s+[A-Z]\.")
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|du|da|dos|la|le|ten|ter)"
_AUTHORS = re.compile(  # ``Van der Linden, W. J.``, ``O’Neill, H.``: a reference's first author
    rf"^(?:{_PARTICLE}\s)*[A-Z][^\W\d_]*(?:[-'’][^\W\d_]+|\s(?:[A-Z][^\W\d_]+|{_PARTICLE}))*"
    r",\s[A-Z]\."
)
CAPTION = re.compile(r"^(?:fig(?:ure)?\.?|table|box)\s*S?\d+", re.IGNORECASE)
_BREAK_AFTER = re.compile(r"^.*?[^\W\d_][-–—](?=[^\W\d_])")  # ``anti-`` of ``anti-HIV``
_URL_START = re.compile(r"(?i)https?://|www\.|doi:")
_KERN = 0.1  # tokens this part of the line's height apart, or less, are one word
_YEAR_END = re.compile(r"\b(?:1[6-9]|20)\d\d[a-z]?\.$")  # ``…, 274–283, 2019.``
_LIST_GOES_ON = re.compile(r"(?:[,;&]|\band)\s*$")  # a line ending so ends no entry
_ENTRY_END = re.compile(r"(?:[^\W\d_]{2}|\d|\))\.$")  # ``Linguistics.``, ``2019.``; not ``R.``
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d[a-z]?\b")
_DASH_END = re.compile(r"[-–—\u00ad\ufffe]$")  # hyphens, also soft ones PDFium marks
_JUSTIFIED = 0.5  # a column is justified when this part of its lines end at its right edge
_SLACK = 0.3  # a word fits after a line when this part of its height is left over too
_FEW = 8  # a column with fewer lines takes the document's justification
_SMALL = 0.9  # lines lower than this part of the body's are small print (references, notes)

Key = tuple[int, int]  # (page, column)
Start = tuple[int, int]  # (column, x0 rounded to a point): lines set in one box


@dataclass(frozen=True)
class Columns:
    """Each page column's geometry: where most of its lines start and end (``left``,
    ``right``: a URL running over the margin or an indented line does not move them), its
    leftmost start (``outer``: a list's labels), and whether its lines are justified; and
    how far a line may reach before it wraps (``limit``), in the whole document, for lines
    that start where it does (an indented caption's box ends before the body's)."""

    left: dict[Key, float]
    right: dict[Key, float]
    outer: dict[Key, float]
    limit: dict[Start, float]
    justified: dict[Key, bool]
    pitch: float  # the body text's usual distance from one baseline to the next
    body: float = 0.0  # the body text's line height
    justified_small: dict[Key, bool] | None = None  # the same for its small print

    def is_justified(self, line: Line) -> bool:
        """Whether the lines of ``line``'s column and print size are justified: a reference
        list set small and ragged under justified body text goes by its own lines."""
        key = (line.page, line.column)
        if self.justified_small is not None and line.height < _SMALL * self.body:
            return self.justified_small.get(key, self.justified[key])
        return self.justified[key]


def columns(lines: list[Line], body: float) -> Columns:
    """The geometry of every page column of ``lines`` (``body``: the body text's line
    height)."""
    starts: dict[Key, list[float]] = {}
    ends: dict[Key, list[Line]] = {}
    for line in lines:
        starts.setdefault((line.page, line.column), []).append(line.x0)
        ends.setdefault((line.page, line.column), []).append(line)
    left, right, outer = {}, {}, {}
    for key, xs in starts.items():
        xs.sort()
        right_ends = sorted(ln.x1 for ln in ends[key])
        left[key], outer[key] = xs[len(xs) // 10], xs[0]
        right[key] = right_ends[(len(right_ends) - 1) * 9 // 10]
    limit: dict[Start, float] = {}
    for line in lines:
        if line.x1 <= right[line.page, line.column] + 1.5 * line.height:  # not a long URL
            start = (line.column, round(line.x0))
            limit[start] = max(limit.get(start, line.x1), line.x1)
    justified = _justified({key: _flush(ends[key], right[key]) for key in ends})
    small = {
        key: _flush([ln for ln in group if ln.height < _SMALL * body], right[key])
        for key, group in ends.items()
    }
    return Columns(
        left, right, outer, limit, justified, _pitch(lines, body), body, _justified(small)
    )


def _justified(flush: dict[Key, tuple[int, int]]) -> dict[Key, bool]:
    """Whether each column's lines are justified, from how many of them end at its right
    edge (a column with few lines goes as the document's lines go)."""
    total = [sum(f[i] for f in flush.values()) for i in (0, 1)]
    whole = total[0] >= _JUSTIFIED * total[1] if total[1] else True
    return {key: (f[0] >= _JUSTIFIED * f[1] if f[1] >= _FEW else whole) for key, f in flush.items()}


def _flush(lines: list[Line], right: float) -> tuple[int, int]:
    """How many of the column's lines of three words or more end at its right edge, of how
    many."""
    text = [ln for ln in lines if len(ln.tokens) >= 3]
    return sum(1 for ln in text if abs(ln.x1 - right) <= 0.5 * ln.height), len(text)


def _reach(line: Line, cols: Columns) -> float:
    """How far right a line that starts where ``line`` does may reach."""
    column, x = line.column, round(line.x0)
    ends = [cols.limit.get((column, x + d), 0.0) for d in (-1, 0, 1)]
    return max(max(ends), line.x1)


def continues(lines: list[Line], line: Line, cols: Columns) -> bool:
    """Whether ``line`` goes on the paragraph of ``lines`` (see the module doc; headings
    aside)."""
    if CAPTION.match(line.text):
        return False
    first, previous, count = lines[0], lines[-1], len(lines)
    if (
        _NAMED_ENTRY.match(line.text)
        and line.x0 <= cols.outer[line.page, line.column] + line.height
    ):
        return False  # ``35 Kroger, W. L., …``: a reference numbered without a full stop
    if (
        (count == 1 or _YEAR_END.search(previous.text))
        and _AUTHORS.match(line.text)
        and _AUTHORS.match(first.text)
        and abs(line.x0 - first.x0) <= 0.3 * line.height
        and not _LIST_GOES_ON.search(previous.text)
    ):
        return False  # a one-line reference entry, then the next: ``Schneider, W. J. (2025)…``;
        # an entry ending in its year (Copernicus: ``…, 274–283, 2019.``), then the next; not
        # when the line breaks an author list: ``…, Lunt, D. J.,`` then ``Siler, N., …``
    key, first_key = (line.page, line.column), (first.page, first.column)
    if _next_entry(lines, line, cols):
        return False
    label = LABEL.match(line.text)
    if (
        label
        and line.text[label.end() :].strip()
        and (line.x0 - cols.outer[key] <= first.x0 - cols.outer[first_key] + 0.5 * line.height)
    ):
        return False  # a list item's label where this one's stood, not a number wrapped
        # to the start of a line (``75.`` of a page range ``47–75.``: nothing after it)
    if count == 1 and _hanging_entry(first, line):
        return True  # ``Blume, J. D., … (2018).`` then its title at the hanging indent
    if _ends_paragraph(previous, line, cols):
        return False
    same_column = previous.page == line.page and previous.column == line.column
    if same_column and not next_line(previous, line, cols.pitch, 1.35):
        return False
    if not same_column and count > 1 and _hangs_on(lines, line, cols):
        return True  # an entry at a hanging indent goes on at the top of the next column
    if count > 1 and _hanging(lines, line, cols):
        return False
    left = cols.left[key]
    indented = line.x0 > left + 0.8 * line.height
    return not (indented and count > 1 and previous.x0 <= left + 0.3 * line.height)


def _next_entry(lines: list[Line], line: Line, cols: Columns) -> bool:
    """Whether ``line`` begins the next entry of a list set flush left with no hanging
    indent (AI Magazine, AAAI): the entry began with ``Surname, I.`` and has its year, its
    last line ends a sentence (``… Computational Linguistics.``, not an initial ``R.``), and
    ``line`` begins with ``Surname, I.`` where the entry began in its column."""
    first, previous = lines[0], lines[-1]
    h = line.height
    return (
        line.text[:1].isupper()  # cheap first
        and _ENTRY_END.search(previous.text) is not None
        and _AUTHORS.match(line.text) is not None
        and _AUTHORS.match(first.text) is not None
        and abs(_offset(line, cols) - _offset(first, cols)) <= 0.3 * h
        and any(_YEAR.search(ln.text) for ln in lines[:3])
    )


def _offset(line: Line, cols: Columns) -> float:
    return line.x0 - cols.outer[line.page, line.column]


def _hanging_entry(first: Line, line: Line) -> bool:
    """Whether ``line`` stands at a hanging indent under ``first``, a reference entry's
    first line (``Surname, I.``) and the line above it: the entry goes on, however short its
    first line (APA entries end their authors' line at the year)."""
    h = first.height
    return (
        first.page == line.page
        and first.column == line.column
        and 0 < first.bottom - line.bottom <= 2.5 * max(h, line.height)  # double spacing too
        and 0.8 * h <= line.x0 - first.x0 <= 4 * h
        and _AUTHORS.match(first.text) is not None
    )


def _ends_paragraph(previous: Line, line: Line, cols: Columns) -> bool:
    """Whether ``previous`` stops short of its column's right edge as a paragraph's last
    line does (module doc)."""
    key = (previous.page, previous.column)
    if _small_hanging(previous, line, cols):
        return False
    if cols.is_justified(previous):
        return previous.x1 < cols.right[key] - 2.5 * previous.height
    if _cells(previous) or _cells(line):  # a table's rows: their cells wrap on their own
        return previous.x1 < cols.right[key] - 2.5 * previous.height
    if _DASH_END.search(previous.text):
        return False  # a word or a range cut at the line's end
    room = _reach(previous, cols) - previous.x1
    return _space(previous) + _first_piece(line) < room - _SLACK * previous.height


def _small_hanging(previous: Line, line: Line, cols: Columns) -> bool:
    """Whether ``line``, in small print, stands at a hanging indent from its column's left
    edge under ``previous``, which starts at that edge or that indent: a reference entry
    goes on (small print wraps early, where initials or a number must not be parted from
    what follows); only a line back at the edge starts the next entry."""
    h = previous.height
    left = cols.left[previous.page, previous.column]
    return (
        h < _SMALL * cols.body
        and previous.page == line.page
        and previous.column == line.column
        and 0.8 * h <= line.x0 - left <= 4 * h
        and previous.x0 <= line.x0 + 0.3 * h
    )


def _cells(line: Line) -> bool:
    """Whether ``line`` has a gap wider than a ragged line's word space: a table's row."""
    return any(b.x0 - a.x1 > line.height for a, b in itertools.pairwise(line.tokens))


def _space(line: Line) -> float:
    """A word space in ``line``: its narrowest gap between words."""
    gaps = [
        b.x0 - a.x1
        for a, b in itertools.pairwise(line.tokens)
        if b.gap == " " and b.x0 - a.x1 > 0.05 * line.height
    ]
    return min(gaps, default=0.25 * line.height)


def _first_piece(line: Line) -> float:
    """The width of ``line``'s text up to its first break: its first word (the tokens that
    touch or stand closer than a word space: ``46`` and ``(4),`` of an APA volume and issue
    a kern apart), or the first piece of a word hyphenated between letters (``anti-`` of
    ``anti-HIV``), where a line may end too; a URL is not broken at its hyphens."""
    tokens = line.tokens
    end = 1
    while end < len(tokens) and _one_word(tokens[end - 1], tokens[end], line.height):
        end += 1
    first = tokens[0]
    piece = None if _URL_START.match(first.text) else _BREAK_AFTER.match(first.text)
    if piece:
        return (first.x1 - first.x0) * len(piece.group()) / len(first.text)
    return tokens[end - 1].x1 - first.x0


def _one_word(before: Token, token: Token, height: float) -> bool:
    """Whether two neighbouring tokens are one word: they touch, or they stand on one
    baseline closer than a word space (a kern: ``46`` ``(4),``)."""
    gap = token.x0 - before.x1
    same = abs(token.bottom - before.bottom) <= 0.1 * height
    return gap <= (_KERN if same else 0.05) * height


def _hanging(lines: list[Line], line: Line, cols: Columns) -> bool:
    """Whether the paragraph's second and last lines are indented alike from its first (a
    hanging indent), and ``line`` comes back to where the first began. (Three lines, not
    all: a paragraph of thousands of lines costs no more.)"""
    h = line.height
    start, second, last = [ln.x0 - cols.outer[ln.page, ln.column] for ln in (*lines[:2], lines[-1])]
    back = line.x0 - cols.outer[line.page, line.column]
    if abs(back - start) > 0.3 * h or min(second, last) < start + 0.8 * h:
        return False
    return abs(second - last) <= 0.3 * h


def _hangs_on(lines: list[Line], line: Line, cols: Columns) -> bool:
    """Whether the paragraph's lines after its first stand at a hanging indent from their
    column's edge, and ``line`` stands at that indent in its own column (whose edge the
    column's other lines may not show: a column of short entries starts most at the edge)."""
    h = line.height
    start, second, last = [ln.x0 - cols.outer[ln.page, ln.column] for ln in (*lines[:2], lines[-1])]
    back = line.x0 - cols.outer[line.page, line.column]
    return (
        second >= start + 0.8 * h and abs(second - last) <= 0.3 * h and abs(back - last) <= 0.3 * h
    )


def next_line(previous: Line, line: Line, pitch: float, factor: float) -> bool:
    """Whether ``line`` is the line after ``previous`` in one column: below it by no more
    than ``factor`` line pitches."""
    if previous.page != line.page or previous.column != line.column:
        return False
    step = previous.bottom - line.bottom
    return 0 < step <= factor * max(pitch, line.height)


def _pitch(lines: list[Line], body: float) -> float:
    """The body text's usual step from one baseline to the next: steps shorter than most of
    a line's height are a formula's pieces (indices, fractions), not the next line."""
    steps = [
        a.bottom - b.bottom
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and a.column == b.column and abs(a.height - body) <= 0.1 * body
        if 0.8 * body < a.bottom - b.bottom < 3 * body
    ]
    return median(steps) if steps else 1.2 * body
