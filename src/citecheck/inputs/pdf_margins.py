"""What stands in a PDF page's margins and is not the manuscript's text: running headers and
footers, page numbers, and the line numbers of a manuscript under review.

* **Running heads**: a page's six top and six bottom lines, when they stand in the outer 15%
  of the page (or of its printed area, a small page set on a large sheet), are dropped when
  the same words (digits aside) stand there on several pages (three, and at least 30% of
  them); a line that is only a page number (``12``, ``Page 3 of 9``), set apart from the
  text, is dropped at the very top or bottom.
* **Line numbers**: digits alone in a narrow band beside the text (left of every other word,
  or right of it, further than a word space), at least five on a page and rising down the
  page, are dropped before the lines are formed; on a later page with fewer (a manuscript
  numbered every fifth line ends with ``5``, ``10``, ``15``) or with more digits elsewhere
  (a page of formulas), those in the same band go too.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from citecheck.inputs.pdf_layout import Line
from citecheck.inputs.pdf_tokens import Token

_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:of|/)\s*\d{1,4})?$"
)
_DIGITS = re.compile(r"\d+")
_MIN_LINE_NUMBERS = 5
_BAND = 4.0  # a line number of a known column stands at most this far outside its edges
Band = tuple[float, float]  # a column of line numbers: its left and right edge
_LINE_NUMBER_GAP = 0.4  # line numbers stand apart from the text by more than a word space
_EDGE = 6  # lines at the top and at the bottom of a page that may be running heads
_MARGIN = 0.15  # ... if they stand in this part of the page's height from its edge
_AREA_EDGE = 0.05  # ... or in this part of it from the printed area's edge


def drop_running_heads(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """The pages (of these heights) without their running headers, footers and page numbers
    (module doc)."""
    seen: Counter[tuple[str, str]] = Counter()
    edges = [_edges(lines, height) for lines, height in zip(pages, heights, strict=True)]
    for top, bottom in edges:
        keys = {("top", _key(ln)) for ln in top} | {("bottom", _key(ln)) for ln in bottom}
        seen.update(keys)
    needed = max(3, 0.3 * len(pages))
    out = []
    for lines, (top, bottom) in zip(pages, edges, strict=False):
        drop = {id(ln) for ln in top if seen["top", _key(ln)] >= needed}
        drop |= {id(ln) for ln in bottom if seen["bottom", _key(ln)] >= needed}
        drop |= {id(ln) for ln in _lone_numbers(lines)}
        out.append([ln for ln in lines if id(ln) not in drop])
    return out


def _edges(lines: list[Line], height: float) -> tuple[list[Line], list[Line]]:
    """The page's top and bottom lines that stand in its outer margins."""
    by_height = sorted(lines, key=lambda ln: -ln.top)
    if not by_height:
        return [], []
    # the margins of the page or of its printed area, whichever is lower (a journal's small
    # page printed on A4: ACM's running heads stand 150 pt below the sheet's top)
    high = min((1 - _MARGIN) * height, by_height[0].top - _AREA_EDGE * height)
    low = max(_MARGIN * height, min(ln.bottom for ln in lines) + _AREA_EDGE * height)
    top = [ln for ln in by_height[:_EDGE] if ln.bottom >= high]
    bottom = [ln for ln in by_height[-_EDGE:] if ln.top <= low]
    return top, [ln for ln in bottom if ln not in top]


def _key(line: Line) -> str:
    return _DIGITS.sub("#", " ".join(line.text.lower().split()))


def _lone_numbers(lines: list[Line]) -> list[Line]:
    """The topmost and bottommost line when it is only a page number, apart from the rest."""
    if len(lines) < 2:
        return []
    by_height = sorted(lines, key=lambda ln: -ln.top)
    out = []
    for edge, neighbour in ((by_height[0], by_height[1]), (by_height[-1], by_height[-2])):
        apart = min(abs(edge.bottom - neighbour.top), abs(neighbour.bottom - edge.top))
        if _PAGE_NUMBER.match(edge.text.strip()) and apart >= 0.8 * edge.height:
            out.append(edge)
    return out


def drop_line_numbers(
    tokens: tuple[Token, ...], known: Band | None = None
) -> tuple[tuple[Token, ...], Band | None]:
    """The page's tokens without a column of line numbers beside the text (module doc), and
    the left and right edge of that column. ``known``: the column earlier pages' line numbers
    stood in; a page with fewer than five (the last page of a manuscript numbered every fifth
    line), or with more digits in another column (a page of formulas), loses those that
    stand there, beside the text, too."""
    digits = [t for t in tokens if t.text.isdigit() and len(t.text) <= 5]
    if not digits:
        return tokens, known
    bands: dict[int, list[Token]] = {}
    for token in digits:
        bands.setdefault(round(token.x1 / 4), []).append(token)
    band = max(bands.values(), key=len)
    if len(band) >= _MIN_LINE_NUMBERS:
        kept = _without_numbers(tokens, band)
        if kept is not None:
            return kept, (min(t.x0 for t in band), max(t.x1 for t in band))
    if known is None:
        return tokens, known
    band = [t for t in digits if t.x0 >= known[0] - _BAND and t.x1 <= known[1] + _BAND]
    kept = _without_numbers(tokens, band) if band else None
    return (tokens if kept is None else kept), known


def _without_numbers(tokens: tuple[Token, ...], band: list[Token]) -> tuple[Token, ...] | None:
    """The tokens without ``band`` when it is a column of line numbers: beside the others
    (further than a word space), rising down the page; else ``None``."""
    numbers = {id(t) for t in band}
    rest = [t for t in tokens if id(t) not in numbers]
    if not rest:
        return None
    gap = _LINE_NUMBER_GAP * max(t.top - t.bottom for t in band)
    left = max(t.x1 for t in band) + gap <= min(t.x0 for t in rest)
    beside = left or min(t.x0 for t in band) - gap >= max(t.x1 for t in rest)
    values = [int(t.text) for t in sorted(band, key=lambda t: -t.bottom)]
    rising = sum(1 for a, b in itertools.pairwise(values) if b > a)
    if not beside or rising < 0.8 * (len(values) - 1):
        return None
    return tuple(rest)
