"""Candidate citation markers: every ``(…)``, ``[…]``, superscript and run of Unicode
superscript digits whose content is a list of reference numbers and ranges, outside the
masked regions, with markers written as several (``[4]–[7]``, ``[1],[2]``) joined into one.
Which of them are citations is :mod:`citecheck.citations.find`'s to decide.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from citecheck.inputs.markdown import merge_spans
from citecheck.model import Span
from citecheck.typography import DASHES

_D = re.escape(DASHES)
_NUM = r"\d{1,6}"  # a number of five or six digits only within the list (_too_long)
_RANGE_DASH = rf"(?:-{{2,3}}|[{_D}])"  # "4–6", and "4--6", "4---6" as typed for TeX and pandoc
_ITEM = rf"{_NUM}(?:\s*{_RANGE_DASH}\s*{_NUM})?"
_LIST = rf"\s*{_ITEM}(?:\s*[,;]\s*{_ITEM})*\s*"
# Words a bracketed citation may carry: "(ref. 12)", "[see refs 3–5]", "(e.g., 4, 7)",
# "(reviewed in 9)", "(12 and references therein)".
_LEAD = (
    r"(?:(?:see(?:\s+also)?|e\.\s?g\.|cf\.|reviewed\s+in|for\s+(?:a\s+)?reviews?,?\s+see)"
    r",?\s+)?(?:(?:refs?\.?|references?)\s*)?"
)
_TAIL = r"(?:,?\s+and\s+(?:the\s+)?ref(?:erence)?s?\.?\s+therein)?"
_SUPERS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MAXPOS = sys.maxsize
_SUPER_DASH = "⁻"

# Every candidate starts with one of a few characters: the look-ahead lets the scanner skip
# the other positions without trying the six alternatives at each (5x faster, same matches).
_CANDIDATE = re.compile(
    rf"""
    (?=[\[(^<{_SUPERS}])
    (?:
      (?P<square>\[{_LEAD}(?P<sq>{_LIST}){_TAIL}\])
    | (?P<paren>\({_LEAD}(?P<pa>{_LIST}){_TAIL}\))
    | (?P<brace>\^\{{(?P<br>{_LIST})\}})
    | (?P<pandoc>\^(?P<pd>{_LIST})\^)
    | (?P<html><sup>(?P<ht>{_LIST})</sup>)
    | (?P<usuper>[{_SUPERS}]+(?:(?:[{_SUPER_DASH}\u2013]|[,˒]\ ?)[{_SUPERS}]+)*)
    )
    """,
    re.VERBOSE,
)
_FAMILY = {
    "square": "square",
    "paren": "paren",
    "brace": "super",
    "pandoc": "super",
    "html": "super",
    "usuper": "super",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    span: Span
    kind: str  # square, paren, brace, pandoc, html, usuper
    items: tuple[tuple[int, int], ...]  # (first, last) per item; first == last for singles

    @property
    def family(self) -> str:
        return _FAMILY[self.kind]

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(n for item in self.items for n in item)


def _from_superscript(s: str) -> str:
    table = {ord(c): str(i) for i, c in enumerate(_SUPERS)}
    table[ord(_SUPER_DASH)] = "-"
    table[ord("˒")] = ","
    return s.translate(table)


def _items(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in re.split(r"[,;]", text):
        nums = re.split(rf"[{_D}]", part)
        nums = [n.strip() for n in nums if n.strip()]
        if len(nums) == 1:
            out.append((int(nums[0]), int(nums[0])))
        elif len(nums) == 2:
            out.append((int(nums[0]), int(nums[1])))
    return tuple(out)


def masked_spans(skip: Sequence[Span], masked: Iterable[Span]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans where no citation can start."""
    return merge_spans([(s.start, s.end) for s in (*skip, *masked)])


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (pos, _MAXPOS)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def find_candidates(text: str, masked: list[tuple[int, int]], max_ref: int) -> list[Candidate]:
    found = []
    for m in _CANDIDATE.finditer(text):
        if _inside(m.start(), masked) or _too_long(m.group(0), max_ref):
            continue
        kind = next(k for k in _FAMILY if m.group(k) is not None)
        if kind == "usuper":
            inner = _from_superscript(m.group(0))
            if _too_long(inner, max_ref):
                continue
        else:
            group = {"square": "sq", "paren": "pa", "brace": "br", "pandoc": "pd", "html": "ht"}
            inner = m.group(group[kind])
        found.append(Candidate(Span(m.start(), m.end()), kind, _items(inner)))
    return _merge_marker_spans(text, found)


_LONG_NUMBER = re.compile(r"\d{5,}")


def _too_long(marker: str, max_ref: int) -> bool:
    """A number of five digits or more is a reference number only in a list that long (the
    marker is dropped before markers are joined, as when four digits were all that was
    read). A run of digits longer than ``max_ref``'s is too long without reading it (a run
    of thousands of superscript digits is no number ``int`` will read)."""
    longest = len(str(max_ref))
    return any(len(n) > longest or int(n) > max_ref for n in _LONG_NUMBER.findall(marker))


def single_number(c: Candidate) -> int | None:
    if len(c.items) == 1 and c.items[0][0] == c.items[0][1]:
        return c.items[0][0]
    return None


def _merge_marker_spans(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Join "[4]–[7]" and "(1)–(4)" (two single markers with only a dash between) and
    "[1],[2]", "[6], [7]", "[1][2]" (one group written as several square markers).

    A group being joined is kept open as a list of items and made a candidate when it
    closes, so that a run of thousands of adjacent markers costs one pass, not a copy of the
    growing group per marker."""
    out: list[Candidate] = []
    items: list[tuple[int, int]] = []  # the open group's (the last of ``out``) items
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == c.kind:
            gap = text[prev.span.end : c.span.start].strip()
            if (
                c.kind in ("square", "paren")
                and items
                and items[-1][0] == items[-1][1]
                and single_number(c) is not None
                and _DASH.fullmatch(gap)
            ):
                items[-1] = (items[-1][0], c.items[0][0])
            elif c.kind == "square" and gap in ("", ",", ";"):
                items.extend(c.items)
            else:
                prev = None
            if prev is not None:
                out[-1] = Candidate(Span(prev.span.start, c.span.end), c.kind, prev.items)
                continue
        _close(out, items)
        out.append(c)
        items = list(c.items)
    _close(out, items)
    return out


_DASH = re.compile(_RANGE_DASH)


def _close(out: list[Candidate], items: list[tuple[int, int]]) -> None:
    """Give the last candidate of ``out`` the items of its group."""
    if out and tuple(items) != out[-1].items:
        last = out[-1]
        out[-1] = Candidate(last.span, last.kind, tuple(items))
