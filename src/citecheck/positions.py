"""Offsets in a text to 1-based line and column: for the reports, and for the few messages
that name a place ("sentence at 12:5"). Everything else works on offsets."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps character offsets of one text to (line, column), both 1-based; built once per
    text, each look-up a bisection."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        at = find("\n")
        while at >= 0:  # str.find runs in C: ~40x faster than a loop over the characters
            starts.append(at + 1)
            at = find("\n", at + 1)
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of one offset (for a single look-up; many look-ups in
    the same text: :class:`LineIndex`)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
