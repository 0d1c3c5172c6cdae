"""A page's tokens into lines in reading order: lines by baseline, two columns read one after
the other.

Pure geometry over :class:`~citecheck.inputs.pdf_tokens.Token`s (PDF points, y upwards):

* **lines**: tokens in PDFium's order join the current line while their box overlaps the
  line's body, they do not go back to the left and they do not jump very far to the right (a
  superscript overlaps the upper part of its line, so it stays in it; a justified line with
  an unbreakable URL has wide spaces; a line written across both columns is parted at the
  gutter below);
* **columns**: a page is read as two columns (three, when one side of the gutter holds
  another) when some vertical strip near its middle is
  crossed by (almost) no line while many lines lie on either side of it (the lines that
  cross it all above or below the stretch the columns share: a first page's title and
  abstract; the widest such strip, not a right column's hanging labels); a line that spans
  the strip (a title, a wide caption) cuts the page into bands, and each band is read left
  column first;

What stands in the margins (running heads, page and line numbers) is
:mod:`citecheck.inputs.pdf_margins`'s.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median

from citecheck.inputs.pdf_tokens import PageTokens, Token

THIRDS = 11  # the column numbers of a page of three columns: 11, 12, 13
_FAR = 12  # a token this many line heights right of the last is on another line (a table's)
_COLUMN_GAP = 0.6  # a gap between tokens this part of the line's height may part columns


@dataclass(frozen=True, slots=True)
class Line:
    """A line of one page: its tokens left to right and its body text's box (``height``
    is the loose box height of the text most of the line is set in). ``column``: 0 the
    page is one column or the line spans both, 1 left, 2 right."""

    page: int
    tokens: tuple[Token, ...]
    x0: float
    x1: float
    bottom: float
    top: float
    height: float
    column: int = 0
    text: str = ""  # the tokens' words, a space between each two


def page_lines(page: PageTokens) -> list[Line]:
    """The page's lines in reading order (columns read one after the other)."""
    lines = [_line(page.number, group) for group in _groups(page.tokens)]
    gutter = _gutter(lines, page.width)
    if gutter is None:
        return _rows_flat(lines)
    parts = [part for line in lines for part in _split(line, gutter)]
    third = _third_column(parts, gutter)
    if third is not None and _even(parts, sorted((gutter, third))):
        # three columns of a width (AI Magazine's reference pages): the two gutters
        parts = [part for line in parts for part in _split(line, third)]
        return _columns(parts, sorted((gutter, third)))
    return _two_columns(parts, gutter)


def _third_column(lines: list[Line], gutter: float) -> float | None:
    """A gutter on either side of ``gutter`` (a page of three columns), or ``None``."""
    for side in (
        [ln for ln in lines if ln.x1 <= gutter],
        [ln for ln in lines if ln.x0 >= gutter],
    ):
        if len(side) < 10:
            continue
        origin = min(ln.x0 for ln in side)
        found = _gutter(side, max(ln.x1 for ln in side) - origin, origin)
        if found is not None:
            return found
    return None


def _even(lines: list[Line], gutters: list[float]) -> bool:
    """Whether the columns the gutters part are about as wide as each other, each with ten
    lines or more (not a table's columns within one of two)."""
    bounds = [min(ln.x0 for ln in lines), *gutters, max(ln.x1 for ln in lines)]
    widths = [b - a for a, b in itertools.pairwise(bounds)]
    counts = [0] * len(widths)
    for line in lines:  # lines of text, not a chart's labels: four words, half a column
        if len(line.tokens) >= 4 and not any(_crosses(line, g) for g in gutters):
            k = sum(1 for g in gutters if line.x0 >= g)
            counts[k] += line.x1 - line.x0 >= 0.5 * widths[k]
    return min(widths) >= 0.8 * max(widths) and min(counts) >= 10


def _columns(lines: list[Line], gutters: list[float]) -> list[Line]:
    """Lines read column by column between the gutters, a row that crosses a gutter (a
    title) cutting the page into bands."""
    out: list[Line] = []
    buckets: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]

    def flush() -> None:
        for k, bucket in enumerate(buckets, THIRDS):
            out.extend(_with_column(ln, k) for ln in bucket)
            bucket.clear()

    for row in _rows(lines):
        if any(_crosses(line, g) for line in row for g in gutters):
            flush()
            out.extend(row)
            continue
        for line in row:
            buckets[sum(1 for g in gutters if line.x0 >= g)].append(line)
    flush()
    return out


def _groups(tokens: Sequence[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = []
    current: list[Token] = []
    bottom = top = 0.0
    for token in tokens:
        if current:
            # whether the token goes on the current line (inline: the hot path)
            line_height = top - bottom
            token_height = token.top - token.bottom
            height = max(line_height, token_height, 0.1)
            overlap = min(top, token.top) - max(bottom, token.bottom)
            x1 = current[-1].x1
            if (
                overlap >= 0.4 * max(min(line_height, token_height), 0.1)
                and x1 - 0.3 * height <= token.x0 <= x1 + _FAR * height
            ):
                current.append(token)
                if token_height > line_height:
                    bottom, top = token.bottom, token.top
                continue
        current = [token]
        groups.append(current)
        bottom, top = token.bottom, token.top
    return groups


def _line(page: int, tokens: list[Token]) -> Line:
    tokens = sorted(tokens, key=lambda t: t.x0) if _unordered(tokens) else tokens
    if len(tokens) == 1:
        (t,) = tokens
        return Line(page, (t,), t.x0, t.x1, t.bottom, t.top, t.top - t.bottom, 0, t.text)
    weight: dict[float, int] = {}
    for t in tokens:
        key = round((t.top - t.bottom) * 2) / 2
        weight[key] = weight.get(key, 0) + len(t.text)
    body = max(weight, key=weight.__getitem__)
    near = [t.bottom for t in tokens if abs(t.top - t.bottom - body) <= 0.12 * body + 0.5]
    bottom = median(near) if near else tokens[0].bottom
    text = " ".join([t.text for t in tokens])
    x1 = max([t.x1 for t in tokens])
    return Line(page, tuple(tokens), tokens[0].x0, x1, bottom, bottom + body, body, 0, text)


def _unordered(tokens: list[Token]) -> bool:
    return any(b.x0 < a.x0 for a, b in itertools.pairwise(tokens))


def _gap_at(line: Line, x: float) -> int:
    """The index of the token after a gap wider than a word space that holds ``x`` (where
    a line written across both columns parts); -1: none."""
    tokens = line.tokens
    for i in range(1, len(tokens)):
        left, right = tokens[i - 1].x1, tokens[i].x0
        if left <= x <= right and right - left >= _COLUMN_GAP * line.height:
            return i
    return -1


def _crosses(line: Line, x: float) -> bool:
    return line.x0 < x < line.x1 and _gap_at(line, x) < 0


def _gutter(lines: list[Line], width: float, origin: float = 0.0) -> float | None:
    """The x of the strip between two columns, or ``None`` for a one-column page (or part of
    a page: from ``origin``, ``width`` wide)."""
    text = [line for line in lines if len(line.tokens) >= 2]
    if len(text) < 10 or width <= 0:
        return None
    # how many lines cover each of the strips 60..140 of 200 (a difference array)
    first, last, bins = 60, 140, 200
    change = [0] * (bins + 2)
    for line in text:
        pieces, start = [], line.x0
        for a, b in _wide_gaps(line):
            pieces.append((start, a))
            start = b
        pieces.append((start, line.x1))
        for a, b in pieces:
            lo = max(first, int((a - origin) / width * bins) + 1)
            hi = min(last, int((b - origin) / width * bins - 1e-9))
            if lo <= hi:
                change[lo] += 1
                change[hi + 1] -= 1
    counts: dict[int, int] = {}
    crossing = sum(change[:first])
    for step in range(first, last + 1):
        crossing += change[step]
        counts[step] = crossing
    fewest = min(counts.values())
    # the strips crossed by as few lines, give or take one (a line a little longer than
    # its column's others): the widest run of them is the gutter
    x = origin + width * _widest_run([s for s, n in counts.items() if n <= fewest + 1]) / bins
    parted = [line for line in text if line.x0 < x < line.x1 and _gap_at(line, x) >= 0]
    left = len(parted) + sum(1 for line in text if line.x1 <= x)  # a line written across
    right = len(parted) + sum(1 for line in text if line.x0 >= x)  # both columns counts twice
    if min(left, right) < 5:
        return None
    if fewest > max(2, 0.15 * len(text)) and not _columns_below_or_above(text, x):
        return None
    return x


def _columns_below_or_above(text: list[Line], x: float) -> bool:
    """Whether the lines crossing ``x`` stand above or below the stretch of the page where
    lines lie on both sides of it (a first page's title, authors and abstract over its two
    columns, a licence note under them): few cross it within that stretch."""
    left = [line for line in text if line.x1 <= x]
    right = [line for line in text if line.x0 >= x]
    if not left or not right:
        return False
    low = max(_tenth([ln.bottom for ln in left]), _tenth([ln.bottom for ln in right]))
    high = min(-_tenth([-ln.top for ln in left]), -_tenth([-ln.top for ln in right]))
    inside = [line for line in text if low <= line.bottom <= high]
    crossing = sum(1 for line in inside if _crosses(line, x))
    return crossing <= max(2, 0.15 * len(inside))


def _tenth(values: list[float]) -> float:
    """The value a tenth of the way up ``values`` (a stray line, such as an "Open Access"
    badge beside a title, does not stretch a column)."""
    return sorted(values)[len(values) // 10]


def _widest_run(steps: list[int]) -> float:
    """The middle of the widest run of consecutive ``steps`` (the gutter, not the gap
    between the right column's hanging labels and its text: Clinical Science's reference
    numbers), the first of equals."""
    runs: list[list[int]] = []
    for step in steps:
        if runs and step == runs[-1][-1] + 1:
            runs[-1].append(step)
        else:
            runs.append([step])
    run = max(runs, key=len)
    return (run[0] + run[-1]) / 2


def _wide_gaps(line: Line) -> list[tuple[float, float]]:
    wide = _COLUMN_GAP * line.height
    return [(a.x1, b.x0) for a, b in itertools.pairwise(line.tokens) if b.x0 - a.x1 >= wide]


def _split(line: Line, gutter: float) -> list[Line]:
    """A line with a gap at the gutter as its two halves (content written across columns)."""
    i = _gap_at(line, gutter) if line.x0 < gutter < line.x1 else -1
    if i <= 0:
        return [line]
    return [_line(line.page, list(line.tokens[:i])), _line(line.page, list(line.tokens[i:]))]


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Lines top to bottom, those on one baseline together, each row left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: -ln.bottom):
        if rows and abs(rows[-1][0].bottom - line.bottom) <= 0.5 * line.height:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def _rows_flat(lines: list[Line]) -> list[Line]:
    return [line for row in _rows(lines) for line in row]


def _two_columns(lines: list[Line], gutter: float) -> list[Line]:
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        out.extend(_with_column(ln, 1) for ln in left)
        out.extend(_with_column(ln, 2) for ln in right)
        left.clear()
        right.clear()

    right_edge = max(line.x1 for line in lines)
    for row in _rows(lines):
        if any(_spans(line, row, gutter, right_edge) for line in row):
            flush()
            out.extend(row)
            continue
        for line in row:
            (left if line.x0 < gutter else right).append(line)
    flush()
    return out


def _spans(line: Line, row: list[Line], gutter: float, right_edge: float) -> bool:
    """Whether ``line`` spans both columns (a title, a wide caption): it crosses the gutter
    well into the right column, and nothing else stands on its right in its row. A line
    that only runs over the gutter (a long URL) is its left column's."""
    if not _crosses(line, gutter) or line.x1 < gutter + 0.4 * (right_edge - gutter):
        return False
    return not any(other is not line and other.x0 >= gutter for other in row)


def _with_column(line: Line, column: int) -> Line:
    return replace(line, column=column)
