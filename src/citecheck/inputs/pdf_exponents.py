"""Superscripts in a PDF's text that are a formula's exponents, not citations.

The reader writes every raised run ``^{…}``, as the Markdown and Word readers do, and the
citation finder's filters take ``x^{2}``, ``cm^{3}`` and ``10^{5}`` for exponents. A PDF
also prints display formulas, whose pieces the finder cannot tell from citations:
``(a^{2} + s)^{2} + …``, ``sin^{2} θ``, a big delimiter's ``⎞^{2}``, ``p3^{2}`` (``p₃²``).
Those are masked, so that a formula never makes a paper look numbered. Only a single
number can be masked: a list or a range (``^{1,4,7}``, ``^{3–5}``) is a citation's shape,
not an exponent's, and a sign (``^{−1}``) or a letter is no citation anyway.

A single-number superscript is an exponent when

* one of its glyphs, or one of the word it is glued to, is set in a math font
  (:mod:`citecheck.inputs.pdf_fonts`);
* it is glued to a big delimiter (TeX's ``CMEX10``, which PDFium reads as control or
  private-use characters) or to a closing bar or brace;
* it is glued to a function's name (``sin``, ``cos``, ``log``, ``exp`` …);
* an operator follows it (``=``, ``+``, ``−``, ``×``, ``≤``, ``/`` …), or a unit that has an
  exponent of its own (``m^{2} s^{−1}``);
* it is glued to a number (``2^{10}``, ``3^{4}``), unless that number is a year, a name's
  or a label's (``STATA 14``, ``version 12``, ``phase 3``), or follows a word while the
  superscript ends a clause (``were seen in 12^{3}.``, as a citation stands);
* it is glued to a symbol (a letter or three, a subscripted ``p3``, a closing bracket) in a
  paragraph that is a formula: an operator in it, and at most two words of prose.

A superscript glued to a full stop, comma, colon or semicolon is never masked, whatever its
font (``with coefficients β.^{1}``, ``et al.^{5}``): an exponent stands on a symbol. One
after a word, a closing parenthesis or a number named in prose is left to the citation
finder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.model import Span

_SINGLE = re.compile(r"\^\{\d{1,3}\}")
_OPERATORS = frozenset("=+−×·⋅÷±∓≤≥<>≈≃≅∝≡≠∼/∗")
_FORMULA = re.compile("[=+−×÷±≤≥≈∑∫∂√∞]")
_DELIMITERS = frozenset("⎞⎠⎟⎤⎦⎥⎫⎭⎬⎪⟩⟫〉‖|}")
_FUNCTIONS = frozenset(
    ("sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "arcsin",
     "arccos", "arctan", "log", "ln", "lg", "exp")
)  # fmt: skip
_LAST_LETTERS = re.compile(r"(?<![^\W\d_])[^\W\d_]+$")
_NUMBER_BASE = re.compile(r"(?:^|[(\[{−+×=/])(\d+(?:[.,]\d+)*)$")
_WORD_END = re.compile(r"[^\W\d_]$")
_NAMED_NUMBER = re.compile(
    r"(?:\b(?i:version|release|phase|stage|type|grade|class|step|level|day|week|month|wave"
    r"|round|cohort|group|arm|trial|study|experiment|model|chapter|section|v)"
    r"|\b[A-Z][\w-]*)$"
)
_UNIT_NEXT = re.compile(r" [^\W\d_]{1,3}\^\{")  # ``m^{2} s^{−1}``: another unit's exponent
_SYMBOL = re.compile(r"[^\W_]{1,3}|.*\d")
_PROSE = re.compile(r"[A-Za-z]{3,}")
_CLAUSE_END = frozenset(".,;:)")
_PUNCTUATION = frozenset(".,;:!?")  # and never after these: ``β.^{12}`` cites
_LEADING = "([{−+×=/"  # what may stand before a symbol in its word


def exponent_spans(text: str, superscripts: Sequence[tuple[Span, bool]]) -> list[Span]:
    """The spans of ``text``'s superscripts (``^{…}``, each with whether a math font sets
    it) that are exponents (module doc)."""
    return [
        span
        for span, math in superscripts
        if _SINGLE.fullmatch(text, span.start, span.end)
        and text[span.start - 1 : span.start] not in _PUNCTUATION
        and (math or _is_exponent(text, span))
    ]


def _is_exponent(text: str, span: Span) -> bool:
    """Whether the single-number superscript at ``span`` reads as an exponent by the text
    around it, in its paragraph (one line of ``text``)."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    end = len(text) if end < 0 else end
    before, after = text[start : span.start], text[span.end : end]
    base = "" if before[-1:].isspace() else before.rsplit(None, 1)[-1] if before.strip() else ""
    if _delimiter(base[-1:]) or _function(base) or _operator_follows(after):
        return True
    if _UNIT_NEXT.match(after):
        return True
    number = _NUMBER_BASE.search(base)
    if number is not None:
        return _number_exponent(number.group(1), before[: len(before) - len(base)], after)
    return _in_formula(base, text[start:end])


def _delimiter(char: str) -> bool:
    """A big delimiter's glyph as PDFium reads it (a control or private-use character), or
    a closing bar or brace."""
    return bool(char) and (
        char in _DELIMITERS or (ord(char) < 0x20 and char != "\n") or "\ue000" <= char <= "\uf8ff"
    )


def _function(base: str) -> bool:
    letters = _LAST_LETTERS.search(base)
    return letters is not None and letters.group() in _FUNCTIONS


def _operator_follows(after: str) -> bool:
    rest = after.lstrip(" ")
    return bool(rest) and rest[0] in _OPERATORS


def _number_exponent(number: str, lead: str, after: str) -> bool:
    """Whether a superscript glued to ``number`` is its exponent: not after a year, a
    number a name or a label gives (``STATA 14``, ``version 12``, ``phase 3``), nor a
    number that follows a word where the superscript ends a clause."""
    if len(number) == 4 and number.isdigit() and 1500 <= int(number) <= 2099:
        return False
    lead = lead.rstrip()
    if _NAMED_NUMBER.search(lead):
        return False
    rest = after.lstrip(" ")
    ends_clause = not rest or rest[0] in _CLAUSE_END
    return not (ends_clause and _WORD_END.search(lead))


def _in_formula(base: str, paragraph: str) -> bool:
    """Whether ``base`` is a symbol (a letter or three, ``p3``, ``(a + b)``) in a paragraph
    that is a formula: an operator, and at most two words of prose."""
    symbol = base.lstrip(_LEADING)
    if not (symbol and (_SYMBOL.fullmatch(symbol) or base[-1] in ")]")):
        return False
    if not _FORMULA.search(paragraph):
        return False
    words = [w for w in _PROSE.findall(paragraph) if w.lower() not in _FUNCTIONS]
    return len(words) <= 2
