"""Finding in-text citation groups and expanding them into reference numbers.

Candidates of four kinds are found — ``(12)``, ``[12]``, ``^{12}``/``^12^``/``<sup>12</sup>``
and Unicode superscripts ``¹²`` — then filtered by context (figures, equations, years,
isotopes, exponents, enumerations, links, code) and by the manuscript's citation style: the
kind that carries most valid citations is the manuscript's style. Superscripts of another
kind are kept only where they sit right after punctuation, as citations usually do.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from citecheck.inputs.markdown import masked_regions, merge_spans
from citecheck.model import Citation, Span
from citecheck.typography import DASHES

_D = re.escape(DASHES)
_NUM = r"\d{1,4}"
_ITEM = rf"{_NUM}(?:\s*[{_D}]\s*{_NUM})?"
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

_CANDIDATE = re.compile(
    rf"""
      (?P<square>\[{_LEAD}(?P<sq>{_LIST}){_TAIL}\])
    | (?P<paren>\({_LEAD}(?P<pa>{_LIST}){_TAIL}\))
    | (?P<brace>\^\{{(?P<br>{_LIST})\}})
    | (?P<pandoc>\^(?P<pd>{_LIST})\^)
    | (?P<html><sup>(?P<ht>{_LIST})</sup>)
    | (?P<usuper>[{_SUPERS}]+(?:(?:[{_SUPER_DASH}\u2013]|[,˒]\ ?)[{_SUPERS}]+)*)
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
_NOT_BEFORE = re.compile(
    r"(?:\b(?:fig|figs|figure|figures|table|tables|eq|eqs|equation|equations|step|steps"
    r"|section|sections|chapter|appendix|supplementary|panel|box|scheme|formula|item|items"
    r"|ref\.?\s*no|no)\.?\s*)$",
    re.IGNORECASE,
)
# A word a paren citation may be glued to: "tumors(12)", "ART(14)", "in(9)", "mDCs(29)".
_GLUED_WORD = re.compile(r"(?:[A-Za-z]{3,}|(?<![\w-])(?=[A-Za-z]*[a-z])[A-Za-z]{2})$")
_FUNCTION_NAME = re.compile(
    r"(?<![A-Za-z])(?:exp|log|ln|sin|cos|tan|max|min|det|var|cov|mod|abs|sqrt|argmax|argmin)$"
)
_STAT_BEFORE = re.compile(r"%\s*$|^\s*\|.*(?:^|[\s|])\d+(?:\.\d+)?\s*$", re.DOTALL)
_MATH = re.compile(r"[=≈∑∂∫≪≫≤≥±×√∏Π−]")
_AMINO = re.compile(
    r"(?:Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val)$"
)
_COMMON_SHORT = frozenset(
    "in of to on at by as is or an be it we so up do if no us me he ph".split()  # noqa: SIM905
)
_SENTENCE_START = re.compile(r"(?:^|[.:;!?]\s+|\n\s*)$")


@dataclass(frozen=True, slots=True)
class _Candidate:
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


def _masked_spans(skip: Sequence[Span], masked: Iterable[Span]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans where no citation can start."""
    return merge_spans([(s.start, s.end) for s in (*skip, *masked)])


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (pos, _MAXPOS)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _candidates(text: str, masked: list[tuple[int, int]]) -> list[_Candidate]:
    found = []
    for m in _CANDIDATE.finditer(text):
        if _inside(m.start(), masked):
            continue
        kind = next(k for k in _FAMILY if m.group(k) is not None)
        if kind == "usuper":
            inner = _from_superscript(m.group(0))
        else:
            group = {"square": "sq", "paren": "pa", "brace": "br", "pandoc": "pd", "html": "ht"}
            inner = m.group(group[kind])
        found.append(_Candidate(Span(m.start(), m.end()), kind, _items(inner)))
    return _merge_marker_spans(text, found)


def _single(c: _Candidate) -> int | None:
    if len(c.items) == 1 and c.items[0][0] == c.items[0][1]:
        return c.items[0][0]
    return None


def _merge_marker_spans(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """Join "[4]–[7]" and "(1)–(4)": two single markers with only a dash between."""
    out: list[_Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == c.kind
            and c.kind in ("square", "paren")
            and prev.items[-1][0] == prev.items[-1][1]
            and _single(c) is not None
            and re.fullmatch(rf"\s*[{_D}]\s*", text[prev.span.end : c.span.start])
        ):
            items = (*prev.items[:-1], (prev.items[-1][0], c.items[0][0]))
            out[-1] = _Candidate(Span(prev.span.start, c.span.end), c.kind, items)
            continue
        if (
            prev is not None
            and prev.kind == c.kind == "square"
            and re.fullmatch(r"\s*[,;]?\s*", text[prev.span.end : c.span.start])
        ):  # "[1],[2]", "[6], [7]", "[1][2]": one group written as several markers
            out[-1] = _Candidate(Span(prev.span.start, c.span.end), c.kind, prev.items + c.items)
            continue
        out.append(c)
    return out


def _rejected(text: str, c: _Candidate, max_ref: int) -> bool:
    """Context says this is not a citation (figure, year, isotope, exponent, …)."""
    before = text[max(0, c.span.start - 30) : c.span.start]
    after = text[c.span.end : c.span.end + 3]
    nums = c.numbers
    if any(n == 0 for n in nums):
        return True  # "[0, 1]", "[0-1]": intervals
    if any(n > max(max_ref, 0) and 1000 <= n <= 2999 for n in nums):
        return True  # years
    if _NOT_BEFORE.search(before):
        return True  # "Fig. (1)", "Eq. (3)", "phase (2)"
    if (
        c.family == "paren"
        and before[-1:].isalnum()
        and (not _GLUED_WORD.search(before) or _FUNCTION_NAME.search(before))
    ):
        return True  # "276(2)", "f(1)", "CD4(2)": volume(issue), function notation
    line_start = text.rfind("\n", 0, c.span.start) + 1
    if c.family == "paren" and _STAT_BEFORE.search(text[line_start : c.span.start]):
        return True  # "42% (27)", "125 (100)", "656 (372–940)": counts and intervals
    if re.search(r"\d,\d{3}(?!\d)", text[c.span.start : c.span.end]) and max(nums) > max_ref:
        return True  # "(5,379–8,677)": thousands separators
    if c.family == "paren" and _is_equation_number(text, c.span.start):
        return True  # "… = 0 . (3)": an equation number
    if c.family == "super":
        if after[:1].isalpha():
            return True  # "⁶⁸Ga", "^{99m}Tc", "¹Department": isotopes, affiliations
        tail = before.rstrip()
        if not tail or before.endswith("\n") or tail[-1] in "⁻⁺^*×":
            return True  # a superscript opening a line, or "hr⁻¹"
        if before.endswith(" ") and not _spaced_superscript_ok(tail, c):
            return True  # after a space: kept after words ("in mice ^{12}"), not after symbols
        if re.search(r"(?:^|[^\w.])10$|[×x]\s*\d+$", tail):
            return True  # "10⁵", "3 × 10^{8}": powers of ten
        word = re.search(r"([^\W\d_]+)$", tail)
        if word:
            w = word.group(1)
            if _AMINO.search(w) and before.endswith(w):
                return True  # "[Tyr^{5,12},Lys⁷]": residue numbers
            if before.endswith(w) and _is_exponent(tail, w, c):
                return True  # "x²", "mc^2^", "cm³", "x^10^": exponents
        if re.search(r"=\s*\S*$", tail):
            return True
    return False


def _spaced_superscript_ok(tail: str, c: _Candidate) -> bool:
    """A superscript after a space (as PDF conversions leave them) is a citation unless
    it follows an operator, or is a single number after a number ("10 ^{5}") or after a
    one- or two-letter symbol ("x ^{2}")."""
    token = tail.split()[-1] if tail.split() else ""
    if token[-1:] in "=×+−*^<>≤≥/":
        return False
    if len(c.items) > 1 or c.items[0][0] != c.items[0][1]:
        return True  # a list or range is no exponent: "10 y ^{17–19}"
    if re.fullmatch(r"[\d.,]+", token):
        return False
    return not (re.fullmatch(r"[^\W\d_]{1,2}", token) and token.lower() not in _COMMON_SHORT)


def _is_exponent(tail: str, word: str, c: _Candidate) -> bool:
    """A superscript after a short symbol or unit is an exponent unless it reads as a
    citation: a list or range ("10 y^{17–19}"), or a number above 3 after a unit
    ("50 nm^{27}", "cells/µl^{46}") rather than after a lone variable ("x^10^")."""
    if len(word) > 2 or word.lower() in _COMMON_SHORT or tail[: -len(word)].endswith(("'", "’")):
        return False
    if len(c.items) > 1 or c.items[0][0] != c.items[0][1]:
        return False
    if c.items[0][0] <= 3:
        return True
    after_number = re.search(r"\d\s*(?:[^\W\d_]+/)?$", tail[: -len(word)])
    return len(word) == 1 and not after_number


def _is_equation_number(text: str, start: int) -> bool:
    """ "… ( L v − n v ) ! , (2)": a number after a formula, not after a word."""
    before = text[max(0, start - 80) : start]
    token = re.search(r"(\S+)[\s,.;]*$", before)
    if not token or not _MATH.search(before):
        return False
    word = token.group(1).strip(",.;")
    return len(word) <= 1 or not word.isalpha()


def _author_line_supers(text: str, cands: list[_Candidate]) -> set[int]:
    """Superscripts on author/affiliation lines ("Lapa², Ken Herrmann^{3,4}, and …")."""
    by_line: dict[int, list[_Candidate]] = {}
    for c in cands:
        if c.family == "super":
            by_line.setdefault(text.rfind("\n", 0, c.span.start), []).append(c)
    out: set[int] = set()
    for line_start, group in by_line.items():
        if len(group) < 2:
            continue
        end = text.find("\n", line_start + 1)
        line = text[line_start + 1 : end if end != -1 else len(text)]
        lower_words = re.findall(r"(?:^|\s)[a-z][a-z]+", line)
        if len(lower_words) <= 2:
            out.update(c.span.start for c in group)
    return out


def _paragraph_of(text: str, pos: int) -> int:
    return text.rfind("\n\n", 0, pos)


def _enumeration_labels(text: str, cands: list[_Candidate]) -> set[int]:
    """Spans of "(1) We propose … (2) We release …" enumeration labels and their back-refs."""
    drop: set[int] = set()
    groups: dict[tuple[int, str], list[_Candidate]] = {}
    for c in cands:
        if c.family in ("paren", "square") and len(c.items) == 1 and c.items[0][0] == c.items[0][1]:
            groups.setdefault((_paragraph_of(text, c.span.start), c.family), []).append(c)
    for group in groups.values():
        labels = [c.items[0][0] for c in group if _looks_like_item_label(text, c)]
        if len(labels) >= 2 and sorted(labels)[:2] == [1, 2]:
            top = max(labels)
            drop.update(c.span.start for c in group if c.items[0][0] <= top)
    return drop


_LEAD_IN = re.compile(
    r"(?:^|[.:;!?,]\s*|\n\s*|\b(?:and|or|that|were|are|was|is|to|by|then|first|namely"
    r"|including|i\.e\.|e\.g\.)\s+)$"
)


_CONNECTIVES = {
    "and",
    "or",
    "but",
    "nor",
    "in",
    "of",
    "with",
    "for",
    "to",
    "at",
    "on",
    "as",
    "than",
    "from",
    "by",
    "were",
    "was",
    "is",
    "are",
    "have",
    "has",
    "showed",
    "reported",
    "found",
    "described",
    "also",
    "which",
    "who",
    "that",
}


def _looks_like_item_label(text: str, c: _Candidate) -> bool:
    """A label in "(1) We propose … (2) We release …" or "field: (1) an assay, (2) a model":
    it opens a sentence or clause and a word follows it."""
    before = text[max(0, c.span.start - 12) : c.span.start]
    after = text[c.span.end : c.span.end + 3]
    if c.span.start == 0 or _SENTENCE_START.search(before[-3:]):
        return bool(re.match(r"\s+[A-Za-z]", after))
    following = re.match(r"\s+([a-z]+)", text[c.span.end : c.span.end + 20])
    return bool(_LEAD_IN.search(before) and following and following.group(1) not in _CONNECTIVES)


def _choose_family(cands: list[_Candidate], valid: set[int]) -> str | None:
    counts = Counter(c.family for c in cands if c.span.start in valid)
    if not counts:
        counts = Counter(c.family for c in cands)
    if not counts:
        return None
    order = {"square": 0, "super": 1, "paren": 2}
    return max(counts, key=lambda f: (counts[f], -order[f]))


def find_citations(
    text: str,
    reference_numbers: Iterable[int],
    *,
    skip: Sequence[Span] = (),
    masked: Sequence[Span] | None = None,
) -> tuple[Citation, ...]:
    """All citation groups in ``text``, in document order, outside the ``skip`` spans
    (normally the reference section itself) and the ``masked`` regions its reader found
    (:attr:`Document.masked <citecheck.model.Document.masked>`: code, comments, links…).
    Without ``masked``, ``text`` is read as Markdown for them."""
    numbers = set(reference_numbers)
    max_ref = max(numbers) if numbers else 0
    blocked = _masked_spans(skip, masked_regions(text) if masked is None else masked)
    cands = [c for c in _candidates(text, blocked) if c.items and not _rejected(text, c, max_ref)]
    drop = _author_line_supers(text, cands) | _enumeration_labels(text, cands)
    cands = [c for c in cands if c.span.start not in drop]
    valid = {
        c.span.start
        for c in cands
        if all(lo in numbers and hi in numbers and lo <= hi for lo, hi in c.items)
    }
    family = _choose_family(cands, valid)
    out = []
    for c in cands:
        if c.family != family:
            before = text[max(0, c.span.start - 1) : c.span.start]
            strong = (
                c.family == "super"
                and before in (".", ",", ";", ":", ")")
                and (c.span.start in valid)
            )
            if not strong:
                continue
        out.append(_citation(text, c))
    return tuple(out)


def _citation(text: str, c: _Candidate) -> Citation:
    refs: list[int] = []
    for lo, hi in c.items:
        if lo <= hi and hi - lo <= 500:
            refs.extend(range(lo, hi + 1))
    style = "unicode-super" if c.kind == "usuper" else c.family
    return Citation(c.span, text[c.span.start : c.span.end], tuple(refs), style, c.items)
