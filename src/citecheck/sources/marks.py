"""What a number of an abstract or a claim is, from the text around it (pure): inside a CI
or not, a condition or a result, a time point, a period's end, the unit after its CI.

Helpers of :mod:`citecheck.sources.facts`; each takes the canonical text and offsets.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from citecheck.claims.model import Quantity
from citecheck.claims.units import dimension_of, unit_by_spelling, unit_pattern

if TYPE_CHECKING:
    from citecheck.sources.facts import Fact

_BOUND = re.compile(
    r"\bCI\b|confidence|\bIQR\b|interquartile|\brange\b|\bSD\b|\bSE\b|standard (?:error|deviation)"
    r"|\bSEM\b|\b9[059]\s?%",
    re.IGNORECASE,
)
_THRESHOLD_BEFORE = re.compile(
    r"\b(?:counts?|levels?|values?|scores?|concentrations?|cd4|with|at|aged?|durations?|intervals?"
    r"|groups?|thresholds?|cut-?offs?|doses?|if|when|whose|lived|living)(?:\s+[a-z]+)?\s*$",
    re.IGNORECASE,
)
_UNIT_AFTER_PAREN = re.compile(
    rf"\s*(?:further|additional|more|extra)?\s*(?P<unit>{unit_pattern()})(?![A-Za-z0-9µμ])"
)


def brackets(ct: str, lo: int, hi: int) -> list[tuple[int, int] | None]:
    """For each offset of the sentence, the innermost closed parenthesis or bracket around it
    (one pass, so that a sentence of many numbers is read in linear time)."""
    closes: dict[int, int] = {}
    stack: list[int] = []
    for i in range(lo, hi):
        if ct[i] in "([":
            stack.append(i)
        elif ct[i] in ")]" and stack:
            closes[stack.pop()] = i + 1
    out: list[tuple[int, int] | None] = []
    stack = []
    for i in range(lo, hi):
        if ct[i] in ")]" and stack:
            stack.pop()
        opener = stack[-1] if stack else None
        out.append((opener, closes[opener]) if opener is not None and opener in closes else None)
        if ct[i] in "([":
            stack.append(i)
    return out


def is_bound(ct: str, paren: tuple[int, int], f: Fact) -> bool:
    """In "(95% CI, 25.4 to 28.5)" or "(IQR 1.6-5.8)": after the keyword, in the same part
    of the parenthesis (not "(median 3.3 years, IQR …)", whose 3.3 is a point)."""
    part_start = max(ct.rfind(";", paren[0], f.start), paren[0])
    part = ct[part_start : f.start]
    for _ in range(3):  # not the keyword of a nested, closed CI: "(up to 68% [95% CI …] and 80%"
        part = re.sub(r"\[[^\[\]]*\]|\([^()]*\)", " ", part)
    if _BOUND.search(part):
        return True
    level = re.match(r"\s*(?:CI\b|confidence)", ct[f.end : paren[1]], re.IGNORECASE)
    return bool(level)


def is_threshold(ct: str, lo: int, f: Fact) -> bool:
    """A comparator that sets a condition rather than states a result: after a measure noun or
    "with"/"at" ("CD4 counts above 200 cells/µl", "durations greater than 36 mo", "with ≥10
    km"), or "over" before a unit used as an adjective ("over 5-y age groups")."""
    q = f.quantity
    if q.comparator not in (">", "≥", "<", "≤"):
        return False
    if _THRESHOLD_BEFORE.search(ct[max(lo, f.start - 30) : f.start]):
        return True
    hyphenated = re.search(r"[0-9]-[A-Za-z]+$", ct[f.start : f.end])
    return bool(hyphenated and re.match(r"\s+[A-Za-z]", ct[f.end : f.end + 3]))


def is_timepoint(ct: str, lo: int, f: Fact) -> bool:
    """A time that says when ("at 5 years", "survived to 24 mo after starting", "12 months
    post-treatment"), not how long something lasted."""
    if dimension_of(f.quantity.unit) != "time" or f.quantity.comparator:
        return False
    before = ct[max(lo, f.start - 12) : f.start]
    after = ct[f.end : f.end + 14]
    return bool(
        re.search(r"\b(?:at|by|to|within|after|until)\s*$", before, re.IGNORECASE)
        or re.match(r"\s+(?:after|post|from|since)\b", after, re.IGNORECASE)
    )


def year_end(start: float, written: str) -> float:
    """ "1996-9" ends in 1999, "2006-08" in 2008, "1995-2001" in 2001."""
    m = re.search(r"[0-9]+\s*$", written)
    tail = m.group().strip() if m else ""
    if not tail or len(tail) >= 4:
        return float(tail) if tail else start
    head = str(int(start))[: 4 - len(tail)]
    return float(head + tail)


def unit_after_parenthesis(ct: str, hi: int, end: int, q: Quantity) -> Quantity:
    """ "26.7 (CI, 25.0 to 28.4) further years": the unit after the CI is the value's."""
    m = re.match(r"\s*[(\[]", ct[end:hi])
    if not m:
        return q
    closer = ")" if m.group().strip() == "(" else "]"
    close = ct.find(closer, end, hi)
    if close < 0:
        return q
    after = _UNIT_AFTER_PAREN.match(ct, close + 1)
    unit = unit_by_spelling(re.sub(r"\s+", " ", after.group("unit"))) if after else None
    return replace(q, unit=unit.symbol) if unit else q
