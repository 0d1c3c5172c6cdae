"""Floats printed after the text: with the ``endfloat`` package (``\\usepackage[nofiglist]
{endfloat}``, as journals ask of submissions), every figure and table, caption and all, is
set at the end of the document (figures, then tables). A citation in a caption is then
printed after the whole text, and the order of first citation, by which a list in
citation order is numbered, counts it there.

:func:`in_print_order` puts the marks in that order: the text's first, then those inside
figures, then those inside tables, each in the order written. One pass over the source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from citecheck.inputs.latex_scan import Regions
from citecheck.model import CitationMark

_ENDFLOAT = re.compile(r"\\usepackage\s*(?:\[[^\]]*\]\s*)?\{[^}]*\bendfloat\b[^}]*\}")
_FLOAT = re.compile(r"\\(begin|end)\s*\{(figure|table)\*?\}")
_BODY, _FIGURE, _TABLE = 0, 1, 2


def in_print_order(
    text: str, marks: tuple[CitationMark, ...], source: Regions
) -> tuple[CitationMark, ...]:
    """``marks`` (in the order written) in the order they are printed: as written, unless
    the document loads ``endfloat`` (outside the ``source`` regions LaTeX skips, such as
    comments); then the marks in figures and tables come after the others."""
    if not marks or not any(not source.covers(m.start()) for m in _ENDFLOAT.finditer(text)):
        return marks
    floats = _floats(text, source)
    if not floats:
        return marks
    starts = [f[0] for f in floats]
    places = [_place(m.span.start, floats, starts) for m in marks]
    order = sorted(range(len(marks)), key=lambda i: places[i])  # stable: as written within
    return tuple(marks[i] for i in order)


def _floats(text: str, source: Regions) -> list[tuple[int, int, int]]:
    """``(start, end, kind)`` of each figure and table environment, in order (an
    environment left open runs to the end of the text)."""
    found: list[tuple[int, int, int]] = []
    opened: tuple[int, int] | None = None
    for m in _FLOAT.finditer(text):
        if source.covers(m.start()):
            continue
        kind = _FIGURE if m.group(2) == "figure" else _TABLE
        if m.group(1) == "begin" and opened is None:
            opened = (m.start(), kind)
        elif m.group(1) == "end" and opened is not None:
            found.append((opened[0], m.end(), opened[1]))
            opened = None
    if opened is not None:
        found.append((opened[0], len(text), opened[1]))
    return found


def _place(offset: int, floats: Sequence[tuple[int, int, int]], starts: list[int]) -> int:
    """Where a mark at ``offset`` is printed: in the text, or among figures or tables."""
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < floats[i][1]:
        return floats[i][2]
    return _BODY
