"""Closed intervals printed in square brackets, as a numbered citation is.

"misaligned by [15, 30] mm", "over the time interval [140, 160] (in hours)": two numbers in
square brackets, the first below the second, followed by a unit of measurement or following
the word "interval" (or "∈"), bound a quantity; they cite nothing. A citation list is seldom
followed by a unit, nor written right after "interval".
"""

from __future__ import annotations

import re

from citecheck.model import Span

_UNIT_AFTER = re.compile(
    r"[^\S\n]*(?:\(in[^\S\n]+)?"
    r"(?:mm|cm|µm|μm|nm|km|m|ms|s|sec|min|h|hr|hrs|hours?|days?|weeks?|months?|years?"
    r"|degrees?|deg|°C?|K|Hz|kHz|MHz|GHz|mV|V|dB|kg|g|mg|px|pixels?)(?![\w/])"
)
_INTERVAL_BEFORE = re.compile(r"(?:\bintervals?(?:[^\S\n]+of)?|∈)[^\S\n]*$", re.IGNORECASE)


def is_bracketed_interval(text: str, span: Span, items: tuple[tuple[int, int], ...]) -> bool:
    """Whether the bracketed pair at ``span`` (its ``items``, as a candidate citation reads
    them) is an interval of a quantity: "[15, 30] mm", "interval [140, 160]"."""
    if text[span.start : span.start + 1] != "[" or len(items) != 2:
        return False
    (a, a_end), (b, b_end) = items
    if a != a_end or b != b_end or a >= b:
        return False
    if _UNIT_AFTER.match(text, span.end):
        return True
    return bool(_INTERVAL_BEFORE.search(text[max(0, span.start - 40) : span.start]))
