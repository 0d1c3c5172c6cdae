"""Finding in-text citation groups and expanding them into reference numbers.

Candidates of four kinds are found — ``(12)``, ``[12]``, ``^{12}``/``^12^``/``<sup>12</sup>``
and Unicode superscripts ``¹²`` — then filtered by context (figures, equations, years,
isotopes, exponents, enumerations, links, code) and by the manuscript's citation style: the
kind that carries most valid citations is the manuscript's style. Superscripts of another
kind are kept only where they sit right after punctuation, as citations usually do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import pairwise

from citecheck.citations.candidates import (
    Candidate,
    choose_family,
    find_candidates,
    masked_spans,
)
from citecheck.citations.intervals import is_bracketed_interval
from citecheck.inputs.markdown import masked_regions
from citecheck.model import Citation, Span
from citecheck.typography import DASHES  # noqa: F401 (renumber.py imports it from here)

_NOT_BEFORE = re.compile(  # a full stop only after an abbreviation: "table. [3] Briefly" cites
    r"(?:\b(?:fig|figs|eq|eqs|ref\.?\s*no|no)\.?\s*"
    r"|\b(?:figure|figures|table|tables|equation|equations|step|steps|section|sections"
    r"|chapter|appendix|supplementary|panel|box|scheme|formula|item|items)\s*)$",
    re.IGNORECASE,
)
# A name that ends in a label word, without a number: "International Critical Tables",
# "the Periodic Table" (a title: a citation may follow), not "Supplementary Tables", "In Table".
_NAME_ENDING_LIKE_A_LABEL = re.compile(
    r"(?<![\w-])(?!(?:Supplementary|Supplemental|Extended|Additional|Supporting|Source|Data"
    r"|Online|Appendix|See|In|As|From|And|The|Our|This|These|Those|Both|All|Also|Main|Previous"
    r"|Following|Electronic)\b)[A-Z][a-z][\w-]*\s+(?:Tables?|Figures?|Equations?|Steps?|Sections?"
    r"|Chapters?|Items?|Panels?|Boxes|Box|Schemes?|Formulas?)\s*$"
)
# A word a paren citation may be glued to: "tumors(12)", "ART(14)", "in(9)", "mDCs(29)".
_GLUED_WORD = re.compile(r"(?:[A-Za-z]{3,}|(?<![\w-])(?=[A-Za-z]*[a-z])[A-Za-z]{2})$")
_FUNCTION_NAME = re.compile(
    r"(?<![A-Za-z])(?:exp|log|ln|sin|cos|tan|max|min|det|var|cov|mod|abs|sqrt|argmax|argmin)$"
)
# "| 125 (100)": a table row ("|" opening the line) whose cell ends in a number
_TABLE_LINE = re.compile(r"[^\S\n]{0,200}\|")
_NUMBER_BEFORE = re.compile(r"[\s|]\d+(?:\.\d+)?$")
_CONTEXT = 200  # characters read before a marker for a count it qualifies
_MATH = re.compile(r"[=≈∑∂∫≪≫≤≥±×√∏Π−]")
_AMINO = re.compile(
    r"(?:Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val)$"
)
_COMMON_SHORT = frozenset(
    "in of to on at by as is or an be it we so up do if no us me he ph".split()  # noqa: SIM905
)
_SENTENCE_START = re.compile(r"(?:^|[.:;!?]\s+|\n\s*)$")
_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")
_POWER_OF_TEN = re.compile(r"(?:^|[^\w.])10$|[×x]\s*\d+$")
_LAST_WORD = re.compile(r"([^\W\d_]+)$")
_AFTER_EQUALS = re.compile(r"=\s*\S*$")
_LAST_TOKEN = re.compile(r"(\S+)[\s,.;]*$")
_LOWER_WORD = re.compile(r"(?:^|\s)[a-z][a-z]+")
_SPACE_LETTER = re.compile(r"\s+[A-Za-z]")
_SPACE_WORD = re.compile(r"\s+([a-z]+)")
# The words _NOT_BEFORE ends in ("ref. no" ends in "no"), and the characters that match an
# ASCII letter when case is ignored besides the letters themselves (Kelvin sign, dotted and
# dotless i, long s): _ends_in_label_word, a test that _NOT_BEFORE can match, folds them.
_LABEL_WORDS = (
    "fig", "figs", "figure", "figures", "table", "tables", "eq", "eqs", "equation", "equations",
    "step", "steps", "section", "sections", "chapter", "appendix", "supplementary", "panel", "box",
    "scheme", "formula", "item", "items", "no",
)  # fmt: skip
_FOLD = str.maketrans({"\u212a": "k", "\u0130": "i", "\u0131": "i", "\u017f": "s"})


_NEWLINE = re.compile("\n")
_CELL_NUMBER = re.compile(r"[ \t\f]*\d[\d.,]*[ \t]*")  # a line holding only a number so far
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")


class _Breaks:
    """Where the lines and paragraphs of one text start: each look-up a bisection, so that a
    text on one line costs no more than one with many."""

    def __init__(self, text: str) -> None:
        self._newlines = [m.start() for m in _NEWLINE.finditer(text)]
        # "\n\n" starts where a newline's next character is a newline too
        self._paragraphs = [a for a, b in pairwise(self._newlines) if b == a + 1]

    def line_break_before(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos)``."""
        i = bisect_right(self._newlines, pos - 1)
        return self._newlines[i - 1] if i else -1

    def paragraph_break_before(self, pos: int) -> int:
        """``text.rfind("\\n\\n", 0, pos)``."""
        i = bisect_right(self._paragraphs, pos - 2)
        return self._paragraphs[i - 1] if i else -1


def _after_count(text: str, line_start: int, start: int, end: int) -> bool:
    """ "42% (27)", "| 125 (100)", "| 656 (372–940)": a count or interval, after a
    percentage or after a number in a table row; or alone on its line after a number (a
    table's cell as pdftotext writes it, one cell a line: "656 (372–940)")."""
    before = text[max(line_start, start - _CONTEXT) : start].rstrip()
    if before.endswith("%"):
        return True
    if _CELL_NUMBER.fullmatch(text, line_start, start) and _LINE_END.match(text, end):
        return True
    row = _TABLE_LINE.match(text, line_start, start)
    if row is None:
        return False
    cells = text[max(row.end(), start - _CONTEXT) : start].rstrip()
    return bool(_NUMBER_BEFORE.search(cells))


def _ends_in_label_word(before: str) -> bool:
    """Whether ``before`` ends in one of _NOT_BEFORE's words (then a full stop, blanks), in
    any case: the cheap test before that pattern, which is tried at every position."""
    tail = before.rstrip()
    tail = (tail[:-1] if tail.endswith(".") else tail)[-16:]
    folded = tail.lower() if tail.isascii() else tail.translate(_FOLD).lower()
    return folded.endswith(_LABEL_WORDS)


def _rejected(text: str, c: Candidate, max_ref: int, breaks: _Breaks) -> bool:
    """Context says this is not a citation (figure, year, isotope, exponent, …)."""
    before = text[max(0, c.span.start - 30) : c.span.start]
    after = text[c.span.end : c.span.end + 3]
    nums = c.numbers
    if 0 in nums or is_bracketed_interval(text, c.span, c.items):
        return True  # "[0, 1]", "[0-1]", "[15, 30] mm", "interval [140, 160]": intervals
    top, floor = max(nums), max(max_ref, 999)
    if top > floor and any(floor < n <= 2999 for n in nums):
        return True  # years above the last reference number
    if (
        _ends_in_label_word(before)
        and _NOT_BEFORE.search(before)
        and not _NAME_ENDING_LIKE_A_LABEL.search(before)
    ):
        return True  # "Fig. (1)", "Eq. (3)", "phase (2)"; not "International Critical Tables"
    if (
        c.family == "paren"
        and before[-1:].isalnum()
        and (not _GLUED_WORD.search(before) or _FUNCTION_NAME.search(before))
    ):
        return True  # "276(2)", "f(1)", "CD4(2)": volume(issue), function notation
    line_start = breaks.line_break_before(c.span.start) + 1
    if c.family == "paren" and _after_count(text, line_start, c.span.start, c.span.end):
        return True  # "42% (27)", "125 (100)", "656 (372–940)": counts and intervals
    if top > max_ref and _THOUSANDS.search(text, c.span.start, c.span.end):
        return True  # "(5,379–8,677)": thousands separators
    if c.family == "paren" and (
        _is_equation_number(text, c.span.start) or _ends_a_display(text, line_start, c)
    ):
        return True  # "… = 0 . (3)", "|S1 ∩ S2| (4)": an equation number
    if c.family == "super":
        if after[:1].isalpha():
            return True  # "⁶⁸Ga", "^{99m}Tc", "¹Department": isotopes, affiliations
        tail = before.rstrip()
        if not tail or before.endswith("\n") or tail[-1] in "⁻⁺^*×":
            return True  # a superscript opening a line, or "hr⁻¹"
        if before.endswith(" ") and not _spaced_superscript_ok(tail, c):
            return True  # after a space: kept after words ("in mice ^{12}"), not after symbols
        if _POWER_OF_TEN.search(tail):
            return True  # "10⁵", "3 × 10^{8}": powers of ten
        word = _LAST_WORD.search(tail)
        if word:
            w = word.group(1)
            if _AMINO.search(w) and before.endswith(w):
                return True  # "[Tyr^{5,12},Lys⁷]": residue numbers
            if before.endswith(w) and _is_exponent(tail, w, c):
                return True  # "x²", "mc^2^", "cm³", "x^10^": exponents
        if "=" in tail and _AFTER_EQUALS.search(tail) and not _closes_an_aside(tail):
            return True
    return False


def _spaced_superscript_ok(tail: str, c: Candidate) -> bool:
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


def _is_exponent(tail: str, word: str, c: Candidate) -> bool:
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
    if not _MATH.search(before):
        return False
    token = _LAST_TOKEN.search(before)
    if not token:
        return False
    if _closes_an_aside(before.rstrip(" ,.;")):
        return False  # "the patients (n = 24) (7)": the formula was inside an aside
    word = token.group(1).strip(",.;")
    return len(word) <= 1 or not word.isalpha()


_PROSE_WORD = re.compile(r"[^\W\d_]{3,}")


def _ends_a_display(text: str, line_start: int, c: Candidate) -> bool:
    """ "|S1 ∩ S2| (4)", "∞ (1)", or "(2)" alone: a single number ending a line that holds no
    word of prose (a display equation's label, as PDF text keeps it)."""
    if len(c.items) != 1 or c.items[0][0] != c.items[0][1] or not _LINE_END.match(text, c.span.end):
        return False
    return c.span.start - line_start <= 200 and not _PROSE_WORD.search(
        text, line_start, c.span.start
    )


def _closes_an_aside(before: str) -> bool:
    """Whether ``before`` ends with a parenthetical aside in prose — "(n = 24)", "(OR = 2.1)" —
    opened after a space, with no formula before it (as "f(x) = g(x)" has)."""
    if not before.endswith(")"):
        return False
    depth = 0
    for i in range(len(before) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(before[i], 0)
        if depth == 0:
            prose = _ASIDE.sub(" ", before[:i])  # other asides may hold formulas too
            return (i == 0 or before[i - 1].isspace()) and not _MATH.search(prose)
    return False


_ASIDE = re.compile(r"(?:^|(?<=\s))\([^()]*\)")


def _author_line_supers(text: str, cands: list[Candidate], breaks: _Breaks) -> set[int]:
    """Superscripts on author/affiliation lines ("Lapa², Ken Herrmann^{3,4}, and …")."""
    by_line: dict[int, list[Candidate]] = {}
    for c in cands:
        if c.family == "super":
            by_line.setdefault(breaks.line_break_before(c.span.start), []).append(c)
    out: set[int] = set()
    for line_start, group in by_line.items():
        if len(group) < 2:
            continue
        end = text.find("\n", line_start + 1)
        line = text[line_start + 1 : end if end != -1 else len(text)]
        lower_words = _LOWER_WORD.findall(line)
        if len(lower_words) <= 2:
            out.update(c.span.start for c in group)
    return out


def _enumeration_labels(text: str, cands: list[Candidate], breaks: _Breaks) -> set[int]:
    """Spans of "(1) We propose … (2) We release …" enumeration labels and their back-refs."""
    drop: set[int] = set()
    groups: dict[tuple[int, str], list[Candidate]] = {}
    for c in cands:
        if c.family in ("paren", "square") and len(c.items) == 1 and c.items[0][0] == c.items[0][1]:
            paragraph = breaks.paragraph_break_before(c.span.start)
            groups.setdefault((paragraph, c.family), []).append(c)
    for group in groups.values():
        if not {1, 2} <= {c.items[0][0] for c in group}:
            continue  # labels are some of these numbers, and must start 1, 2
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


_ABBREVIATION_BEFORE = re.compile(r"\b(?:et\s+al|e\.\s?g|i\.\s?e|cf|vs|[Rr]efs?)\.\s*$")


def _looks_like_item_label(text: str, c: Candidate) -> bool:
    """A label in "(1) We propose … (2) We release …" or "field: (1) an assay, (2) a model":
    it opens a sentence or clause and a word follows it."""
    before = text[max(0, c.span.start - 12) : c.span.start]
    after = text[c.span.end : c.span.end + 3]
    if _ABBREVIATION_BEFORE.search(before):
        return False  # "Du et al. [1] found …", "see e.g. [2] for …": not a sentence's start
    if c.span.start == 0 or _SENTENCE_START.search(before[-3:]):
        return bool(_SPACE_LETTER.match(after))
    following = _SPACE_WORD.match(text[c.span.end : c.span.end + 20])
    return bool(_LEAD_IN.search(before) and following and following.group(1) not in _CONNECTIVES)


def find_citations(
    text: str,
    reference_numbers: Iterable[int],
    *,
    skip: Sequence[Span] = (),
    masked: Sequence[Span] | None = None,
    family: str | None = None,
) -> tuple[Citation, ...]:
    """All citation groups in ``text``, in document order, outside the ``skip`` spans
    (normally the reference section itself) and the ``masked`` regions its reader found
    (:attr:`Document.masked <citecheck.model.Document.masked>`: code, comments, links…).
    Without ``masked``, ``text`` is read as Markdown for them. ``family`` (``square``,
    ``paren``, ``super``) is the manuscript's citation style when it is known already
    (from citations its reader tagged); otherwise the candidates decide it."""
    numbers = set(reference_numbers)
    max_ref = max(numbers) if numbers else 0
    blocked = masked_spans(skip, masked_regions(text) if masked is None else masked)
    found = find_candidates(text, blocked, max_ref)
    breaks = _Breaks(text)
    cands = [c for c in found if c.items and not _rejected(text, c, max_ref, breaks)]
    drop = _author_line_supers(text, cands, breaks) | _enumeration_labels(text, cands, breaks)
    cands = [c for c in cands if c.span.start not in drop]
    valid = {
        c.span.start
        for c in cands
        if all(lo in numbers and hi in numbers and lo <= hi for lo, hi in c.items)
    }
    family = family or choose_family(cands, valid)
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


def _citation(text: str, c: Candidate) -> Citation:
    refs: list[int] = []
    for lo, hi in c.items:
        if lo <= hi and hi - lo <= 500:
            refs.extend(range(lo, hi + 1))
    style = "unicode-super" if c.kind == "usuper" else c.family
    return Citation(c.span, text[c.span.start : c.span.end], tuple(refs), style, c.items)
