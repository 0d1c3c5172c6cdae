"""Numbers that go together in a sentence (pure): the two ends of a change, a pair in
parentheses after two names ("between men and women (7.5 versus 5.9%)"), the years that
span a period, a unit shared by a list. Helpers of :mod:`citecheck.sources.context`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from citecheck.model import Span
from citecheck.sources.facts import VALUE_KINDS, Fact
from citecheck.sources.words import stem_word

_UNIT_SHARE_GAP = re.compile(
    r"\s*(?:(?:\([^()]*\)|\[[^\[\]]*\])\s*)?(?:,\s*(?:and|or)?|and|or|to|versus|vs\.?|–|-)?\s*",
    re.IGNORECASE,
)


def pair_changes(blank: str, lo: int, values: Sequence[Fact], own: dict[int, set[str]]) -> None:
    """ "from 38.6 (…) to 51.4 years (…) in men": both ends of a change share their words."""
    for i in range(len(values) - 1):
        a, b = values[i], values[i + 1]
        before = blank[max(0, a.start - lo - 6) : a.start - lo]
        if (a.change and b.change) or (
            re.search(r"\bfrom\s*$", before)
            and re.fullmatch(r"\s*to\s*", blank[a.end - lo : b.start - lo])
        ):
            union = own[i] | own[i + 1]
            own[i], own[i + 1] = set(union), set(union)


_PAIR_NAMES = re.compile(r"\b([A-Za-z][\w\-]+)\s+(?:and|versus|vs\.?)\s+([A-Za-z][\w\-]+)\b")


def pair_parenthesised(
    ct: str, lo: int, values: Sequence[Fact], own: dict[int, set[str]]
) -> set[str]:
    """ "between men and women (7.5 versus 5.9%)": the first value is the men's, the second
    the women's — a "respectively" without the word. Returns the names so paired."""
    paired: set[str] = set()
    for i in range(len(values) - 1):
        a, b = values[i], values[i + 1]
        opening = ct.rfind("(", max(lo, a.start - 200), a.start)
        if opening < 0 or ct.find(")", opening, a.start) >= 0 or ct.find(")", a.end, b.start) >= 0:
            continue
        if not re.fullmatch(r"\s*(?:versus|vs\.?|and|/|,)\s*", ct[a.end : b.start]):
            continue
        names = list(_PAIR_NAMES.finditer(ct, max(lo, opening - 80), opening))
        if not names:
            continue
        first, second = (stem_word(names[-1].group(1)), stem_word(names[-1].group(2)))
        own[i].discard(second)
        own[i].add(first)
        own[i + 1].discard(first)
        own[i + 1].add(second)
        paired |= {first, second}
    return paired


def year_span(ct: str, facts: Sequence[Fact]) -> list[Fact]:
    """A sentence with two or more years and no period: the span from the first to the last
    ("from 43 in 2001 to 131 in 2006": 2001–2006)."""
    years = [f for f in facts if f.kind == "year" and f.role == "point"]
    if len(years) < 2 or any(f.kind == "period" for f in facts):
        return []
    first, last = years[0], years[-1]
    values = sorted(f.quantity.value for f in years)
    if values[0] == values[-1]:
        return []
    span = Span(first.quantity.span.start, last.quantity.span.end)
    q = replace(
        first.quantity, span=span, value=values[0], high=values[-1], text=ct[first.start : last.end]
    )
    return [replace(first, quantity=q, kind="period", end=last.end)]


def share_units(ct: str, facts: list[Fact]) -> list[Fact]:
    """A bare value in a list takes the unit written after the next member."""
    out = list(facts)
    points = [i for i, f in enumerate(out) if f.role == "point" and f.kind in VALUE_KINDS]
    for a, b in reversed(list(pairwise(points))):
        fa, fb = out[a], out[b]
        if fa.quantity.unit is not None or fb.quantity.unit is None or fa.quantity.in_words:
            continue
        if fa.kind != "value" or fa.quantity.comparator:
            continue
        if _UNIT_SHARE_GAP.fullmatch(ct[fa.end : fb.start]):
            out[a] = replace(fa, quantity=replace(fa.quantity, unit=fb.quantity.unit))
    return out
