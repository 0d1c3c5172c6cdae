"""Regions that run from an opener to the first closer after it (``<!-- … -->``,
``<sup>…</sup>``), found in one pass.

A regular expression such as ``<!--.*?-->`` tried at every opener scans to the end of the
text for each opener that is never closed: thousands of unclosed ``<!--`` cost time
quadratic in their number. Here a closer that is not found once is never looked for again
(none can follow a later opener either), so the whole text is scanned about once, whatever
it holds. The regions are the ones ``re.finditer`` would give for the same pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

Closer = Callable[[re.Match[str]], "re.Pattern[str] | None"]


def closed_regions(text: str, opener: re.Pattern[str], closer: Closer) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each region, left to right, none overlapping.

    ``opener`` finds where a region may start; ``closer(match)`` is the pattern that ends
    the region that match opens, or ``None`` when the opener is a whole region by itself. An
    opener with no closer after it opens no region, and the search goes on one character
    after it (as ``finditer`` would)."""
    exhausted: set[tuple[str, int]] = set()  # closers with no match left past some opener
    pos = 0
    while (m := opener.search(text, pos)) is not None:
        rx = closer(m)
        if rx is None:
            yield m.start(), m.end()
            pos = max(m.end(), m.start() + 1)
            continue
        key = (rx.pattern, rx.flags)
        end = None if key in exhausted else rx.search(text, m.end())
        if end is None:
            exhausted.add(key)
            pos = m.start() + 1
            continue
        yield m.start(), end.end()
        pos = end.end()
