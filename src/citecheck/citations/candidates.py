"""Candidate citation markers: every ``(…)``, ``[…]``, superscript and run of Unicode
superscript digits whose content is a list of reference numbers and ranges, outside the
masked regions, with markers written as several (``[4]–[7]``, ``[1],[2]``) joined into one.
Which of them are citations is :mod:`citecheck.citations.find`'s to decide; which family is
the manuscript's style, :func:`choose_family`'s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
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
# A locator after the numbers: "[27, p. 399]", "[3, pp. 5-9]", "[2, Ch. 4]", "[26, S. 13 f.]"
# (German Seite), "[5, Thm. 2]"; its value starts with a digit or a roman numeral
_LOCATOR = (
    r"(?:,\s*(?i:pp?|pg|p[áa]g|S|sec|sect|section|ch|chap|chapter|kap|abschn|cap|fig|abb"
    rf"|tab|table|thm|theorem|eq|def|lemma|prop|cor|§)\.?\s*§?\s*[\dIVXLCivxlc][\w.:{_D}-]{{0,15}}"
    r"(?:\s*ff?\.)?)?"
)
_SUPERS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_DASH = "⁻"

# Every candidate starts with one of a few characters: _START finds them (a character set
# the regex engine scans for in C) and _CANDIDATE is tried only there.
_START = re.compile(rf"[\[(^<{_SUPERS}]")
_CANDIDATE = re.compile(
    rf"""
    (?:
      (?P<square>\[{_LEAD}(?P<sq>{_LIST}){_LOCATOR}{_TAIL}\])
    | (?P<paren>\({_LEAD}(?P<pa>{_LIST}){_LOCATOR}{_TAIL}\))
    | (?P<brace>\^\{{(?P<br>{_LIST})\}})
    | (?P<pandoc>\^(?P<pd>{_LIST})\^)
    | (?P<html><sup>(?P<ht>{_LIST})</sup>)
    | (?P<usuper>[{_SUPERS}]+(?:(?:[{_SUPER_DASH}\u2013]|[,˒]\ ?)[{_SUPERS}]+)*)
    )
    """,
    re.VERBOSE,
)
# The group holding the list, per kind (the kind is the match's last group: the outer one).
_LIST_GROUP = {"square": "sq", "paren": "pa", "brace": "br", "pandoc": "pd", "html": "ht"}
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


_FROM_SUPERSCRIPT = {
    **{ord(c): str(i) for i, c in enumerate(_SUPERS)},
    ord(_SUPER_DASH): "-",
    ord("˒"): ",",
}


def _from_superscript(s: str) -> str:
    return s.translate(_FROM_SUPERSCRIPT)


_SEPARATOR = re.compile(r"[,;]")
_DASH_CHAR = re.compile(rf"[{_D}]")


def _items(text: str) -> tuple[tuple[int, int], ...]:
    if text.isdecimal():  # one number, as most markers are
        return ((int(text), int(text)),)
    out = []
    for part in _SEPARATOR.split(text):
        nums = _DASH_CHAR.split(part)
        nums = [n.strip() for n in nums if n.strip()]
        if len(nums) == 1:
            out.append((int(nums[0]), int(nums[0])))
        elif len(nums) == 2:
            out.append((int(nums[0]), int(nums[1])))
    return tuple(out)


def masked_spans(skip: Sequence[Span], masked: Iterable[Span]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans where no citation can start."""
    return merge_spans([(s.start, s.end) for s in (*skip, *masked)])


def _markers(text: str, blocked: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The markers of ``text`` that start outside the ``blocked`` spans (sorted, apart), left
    to right as ``_CANDIDATE.finditer`` finds them, except that the scan resumes at the end of
    each blocked span without reading it (so a marker that would run from inside a span past
    its end, possible only for a span that ends inside marker text, hides nothing after it).
    The pattern is tried only where a marker can start; a marker may run on into a blocked
    span."""
    start, match = _START.search, _CANDIDATE.match
    pos = 0
    for until, resume in (*blocked, (len(text), len(text))):
        while (s := start(text, pos, until)) is not None:
            m = match(text, s.start())
            pos = m.end() if m is not None else s.start() + 1
            if m is not None:
                yield m
        pos = max(pos, resume)


def find_candidates(text: str, masked: list[tuple[int, int]], max_ref: int) -> list[Candidate]:
    found = []
    for m in _markers(text, masked):
        if _too_long(m.group(0), max_ref):
            continue
        kind = str(m.lastgroup)
        if kind == "usuper":
            inner = _from_superscript(m.group(0))
            if _too_long(inner, max_ref):
                continue
        else:
            inner = m.group(_LIST_GROUP[kind])
        found.append(Candidate(Span(m.start(), m.end()), kind, _items(inner)))
    return _merge_marker_spans(text, found)


_LONG_NUMBER = re.compile(r"\d{5,}")


def _too_long(marker: str, max_ref: int) -> bool:
    """A number of five digits or more is a reference number only in a list that long (the
    marker is dropped before markers are joined, as when four digits were all that was
    read). A run of digits longer than ``max_ref``'s is too long without reading it (a run
    of thousands of superscript digits is no number ``int`` will read)."""
    if len(marker) < 5:  # too short to hold five digits: most markers
        return False
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


def choose_family(cands: list[Candidate], valid: set[int]) -> str | None:
    """The manuscript's citation style: the family whose valid candidates name the most
    reference numbers, then the one with most valid candidates. Equation numbers and labels
    ("(1)", "(1,2)" many times) name few numbers however often they recur; citations name
    most of the list."""
    counts = Counter(c.family for c in cands if c.span.start in valid)
    if not counts:
        counts = Counter(c.family for c in cands)
    if not counts:
        return None
    items: dict[str, list[tuple[int, int]]] = {f: [] for f in counts}
    for c in cands:
        if c.span.start in valid:
            items[c.family].extend(c.items)
    named = {f: _numbers_named(found) for f, found in items.items()}
    order = {"square": 0, "super": 1, "paren": 2}
    return max(counts, key=lambda f: (named[f], counts[f], -order[f]))


def _numbers_named(items: list[tuple[int, int]]) -> int:
    """How many numbers the ``(first, last)`` items name together (ranges merged, sorted:
    not one number at a time)."""
    total, reach = 0, 0
    for lo, hi in sorted(items):
        if hi > reach:
            total += hi - max(lo, reach + 1) + 1
            reach = hi
    return total
