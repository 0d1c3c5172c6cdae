"""Finding the quantities in a piece of text, and comparing two of them.

Handled: integers and decimals (``1,589``, ``0.65``, ``.001``), ranges (``10–20``, ``2 to 3``,
``between 2 and 3``), ``±``, units with their synonyms, glued or spaced (``223d``, ``54 d``,
``5-y``), percentages, fractions in words (``two thirds``, ``a quarter``, ``half``) and
comparators (``more than 30``, ``<``, ``≥``, ``about``). A unit written once after a list
("54 and 223 d") is shared by the list.

Not quantities: digits inside names (``CXCR4``, ``IgG4``, ``AMD3100``, ``NCT01339039``),
numbers glued to letters that are not a unit (``1990s``, ``12G5``), ratios like ``1/2``, and
anything inside superscript markup (``223 d^{88}``: the citation is not part of the number),
HTML comments or spans the caller masks (in-text citations).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from citecheck.claims.model import Quantity
from citecheck.claims.units import dimension_of, factor_of, unit_by_spelling, unit_pattern
from citecheck.delimited import closed_regions
from citecheck.model import Span

_COMPARATORS: tuple[tuple[str, str], ...] = (
    (r"\b(?:no\s+more\s+than|at\s+most|up\s+to)|≤|<=|=<", "≤"),
    (r"\b(?:at\s+least|no\s+less\s+than)|≥|>=|=>", "≥"),
    (r"\b(?:(?:more|greater|higher|larger)\s+than|over|above|exceeding)|>", ">"),
    (r"\b(?:(?:less|fewer|lower|smaller)\s+than|under|below)|<", "<"),
    (r"\b(?:approximately|approx\.|about|around|nearly|almost|roughly|circa|ca\.|some)|[~≈∼]", "~"),
    (r"=", "="),
)
_CMP = "(?i:" + "|".join(f"(?:{p})" for p, _ in _COMPARATORS) + ")"
# The characters a comparator (above) or "between"/"from" can start with, tried before the
# long alternations at each position: most positions start none, and the pattern runs over
# every sentence. Keep in step with _COMPARATORS (tests/claims/test_claims_quantities.py
# reads every comparator through it); "ſ" is the long s, which a case-blind "s" matches.
_CMP_FIRST = "[abcefghlmnorsuABCEFGHLMNORSUſ≤≥<>=~≈∼]"
_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+"
_UNIT = unit_pattern()
_UNIT_AFTER = r"(?![A-Za-z0-9µμ])"

_NUMBER_RX = re.compile(
    rf"""
    (?:(?={_CMP_FIRST})(?P<cmp>{_CMP})\s*)?
    (?:(?=[bBfF])(?<![\w])(?P<between>between|from)\s+)?
    (?<![\w.\-–−/])
    (?P<sign>[-−](?=[0-9.]))?
    (?P<a>{_NUM})
    (?:(?:\s*|-)(?P<ua>{_UNIT}){_UNIT_AFTER})?
    (?:
        \s*(?P<rsep>–|—|-|to(?=\s)|(?(between)and(?=\s)|(?!)))\s*(?P<b>{_NUM})
      | \s*(?:±|\+/-|\+/−|\+-)\s*(?P<pm>{_NUM})
    )?
    (?:(?:\s*|-)(?P<ub>{_UNIT}){_UNIT_AFTER})?
    (?![\w])(?!/[0-9])(?!\.[0-9])
    """,
    re.VERBOSE,
)

_WORD_NUMERATORS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_WORD_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
_WORD_RX = re.compile(
    rf"""
    (?:(?P<cmp>{_CMP})\s+)?
    (?<![\w\-])
    (?:
        (?P<num>{"|".join(_WORD_NUMERATORS)})[\s\-]+(?P<den>{"|".join(_WORD_DENOMINATORS)})
      | (?P<half>half)
    )
    (?![\w\-])
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Markup whose digits are never part of a quantity: superscripts and HTML comments. The
# first two are whole; the others run to their first closer (citecheck.delimited, so that
# unclosed openers cost one scan, not one each).
_BLANK_RX = re.compile(r"\^\{[^{}\n]*\}|\^[^\s^]{1,20}\^|<sup>|<!--", re.IGNORECASE)
_CLOSERS = {"<sup>": re.compile("</sup>", re.IGNORECASE), "<!--": re.compile("-->")}


def _closer(m: re.Match[str]) -> re.Pattern[str] | None:
    return _CLOSERS.get(m.group().lower())


_DIGIT = re.compile(r"[0-9]")  # every number has one
# Whether _WORD_RX can match at all: a denominator ("half" is one) where a word starts, its
# first letter tried before the alternation (a case-blind class, as the words are): this runs
# over every sentence, and most positions start no such word.
_FRACTION_FIRST = "".join(sorted({word[0] for word in _WORD_DENOMINATORS}))
_FRACTION_WORD = re.compile(
    rf"\b(?=[{_FRACTION_FIRST}])(?:{'|'.join(_WORD_DENOMINATORS)})", re.IGNORECASE
)
_LIST_GAP_RX = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|,|/)\s*")


# The denominators that hold no other one ("thirds" holds "third"), for substring tests.
_DENOMINATOR_CORES = tuple(
    w for w in _WORD_DENOMINATORS if not any(o != w and o in w for o in _WORD_DENOMINATORS)
)


def may_hold_quantity(text: str) -> bool:
    """``False`` when :func:`parse_quantities` is sure to find nothing in ``text`` (no digit,
    no fraction word): a test cheaper than parsing. In ASCII text, where case folds as
    ``str.lower`` does, fraction words are looked for as plain substrings (several times
    faster than the case-blind pattern)."""
    if _DIGIT.search(text) is not None:
        return True
    if text.isascii():
        lowered = text.lower()
        return any(word in lowered for word in _DENOMINATOR_CORES)
    return _FRACTION_WORD.search(text) is not None


def parse_quantities(
    text: str, start: int = 0, end: int | None = None, *, mask: Sequence[Span] = ()
) -> tuple[Quantity, ...]:
    """All quantities in ``text[start:end]``, with spans into ``text``, in reading order.

    ``mask`` spans (e.g. in-text citations) are treated as blank space. Never raises.
    """
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, end))
    view = blank_markup(text, start, end, mask)
    found: list[Quantity] = []
    if _DIGIT.search(view):  # cheap tests first: most sentences hold few numbers or none
        for m in _NUMBER_RX.finditer(view):
            quantity = _number(m, text, start)
            if quantity is not None:
                found.append(quantity)
    if _FRACTION_WORD.search(view):
        found += [_fraction(m, text, start) for m in _WORD_RX.finditer(view)]
    found.sort(key=lambda q: q.span)
    return _share_units(view, start, found)


def blank_markup(text: str, start: int, end: int, mask: Sequence[Span] = ()) -> str:
    """``text[start:end]`` with markup and masked spans turned into spaces (same length)."""
    chars = list(text[start:end])
    for span in mask:
        for i in range(max(span.start, start), min(span.end, end)):
            chars[i - start] = " "
    for a, b in closed_regions("".join(chars), _BLANK_RX, _closer):
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _comparator(word: str | None) -> str | None:
    if not word:
        return None
    for pattern, symbol in _COMPARATORS:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return None if symbol == "=" else symbol
    return None


def _to_float(number: str) -> float:
    return float(number.replace(",", ""))


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


def _number(m: re.Match[str], text: str, offset: int) -> Quantity | None:
    a = m.group("a")
    unit_spelling = m.group("ub") or m.group("ua")
    unit = unit_by_spelling(_squash(unit_spelling)) if unit_spelling else None
    if unit_spelling and unit is None:
        return None
    value = _to_float(a)
    if m.group("sign"):
        value = -value
    high = _to_float(m.group("b")) if m.group("b") else None
    pm = _to_float(m.group("pm")) if m.group("pm") else None
    decimals = max(_decimals(a), _decimals(m.group("b") or ""))
    cmp_start = m.start("cmp") if m.group("cmp") else None
    begin = cmp_start if cmp_start is not None else m.start("between")
    if begin < 0:
        begin = m.start("sign") if m.group("sign") else m.start("a")
    span = Span(offset + begin, offset + m.end())
    return Quantity(
        span=span,
        text=text[span.start : span.end],
        value=value,
        high=high,
        plus_minus=pm,
        unit=unit.symbol if unit else None,
        comparator=_comparator(m.group("cmp")),
        decimals=decimals,
    )


def _squash(spelling: str) -> str:
    return re.sub(r"\s+", " ", spelling)


# Letters a case-blind pattern matches that str.lower() does not map to ASCII: the Kelvin
# sign, dotted and dotless i, long s ("two thirdſ" matches "thirds").
_ASCII_FOLD = str.maketrans({"\u212a": "k", "\u0130": "i", "\u0131": "i", "\u017f": "s"})


def _word_key(word: str) -> str:
    return word.translate(_ASCII_FOLD).lower()


def _fraction(m: re.Match[str], text: str, offset: int) -> Quantity:
    if m.group("half"):
        value = 0.5
    else:
        num, den = _word_key(m.group("num")), _word_key(m.group("den"))
        value = _WORD_NUMERATORS[num] / _WORD_DENOMINATORS[den]
    begin = m.start("cmp") if m.group("cmp") else m.start("num") if m.group("num") else m.start()
    span = Span(offset + begin, offset + m.end())
    return Quantity(
        span=span,
        text=text[span.start : span.end],
        value=value,
        unit="fraction",
        comparator=_comparator(m.group("cmp")),
        decimals=2,
        in_words=True,
    )


def _share_units(view: str, offset: int, found: list[Quantity]) -> tuple[Quantity, ...]:
    """Give bare numbers in a list the unit written after its last member ("54 and 223 d")."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        here, nxt = out[i], out[i + 1]
        if here.unit is not None or nxt.unit is None or here.in_words or nxt.in_words:
            continue
        gap = view[here.span.end - offset : nxt.span.start - offset]
        if _LIST_GAP_RX.fullmatch(gap):
            out[i] = replace(here, unit=nxt.unit, unit_inherited=True)
    return tuple(out)


def is_measure(quantity: Quantity) -> bool:
    """Whether a quantity states a measurement rather than a count or a label.

    A unit (incl. ``%`` and fractions in words) or a comparator makes it one: ``54 d``,
    ``70%``, ``two thirds``, ``more than 30``. A bare ``4`` (``4 major classes``) does not.
    """
    return quantity.unit is not None or quantity.comparator is not None


def _tolerance(quantity: Quantity, factor: float) -> float:
    """Half a unit of the last written digit, in base units (the rounding it allows)."""
    if quantity.in_words:
        return 0.005
    return 0.5 * 10 ** (-quantity.decimals) * factor


def compare_quantities(claimed: Quantity, stated: Quantity) -> str | None:
    """``None`` when a claimed quantity agrees with a stated one, else what differs.

    What differs is ``unit``, ``value`` or ``comparator``. Values are compared in base
    units: the stated value, rounded as the claim is written, must give the claim, so that
    ``67%`` agrees with ``two thirds`` and ``7.5 mo`` with ``228 d``, but ``1`` is not
    ``0.65``. A bare claimed number (``PFS 54``) agrees with the same number in any unit; a
    bare stated number does not stand for a claimed unit. "About" agrees with no comparator.
    """
    dim_a, dim_b = dimension_of(claimed.unit), dimension_of(stated.unit)
    same_written = claimed.value == stated.value and claimed.high == stated.high
    if dim_a is not None and dim_a != dim_b:
        return "unit"
    fa = factor_of(claimed.unit) if dim_a else factor_of(stated.unit)
    fb = factor_of(stated.unit)
    tol = _tolerance(claimed, fa) + 1e-12

    def differ(a: float, b: float) -> bool:
        return abs(a * fa - b * fb) > tol

    if differ(claimed.value, stated.value):
        return "unit" if same_written else "value"
    if (claimed.high is None) != (stated.high is None):
        return "value"
    if claimed.high is not None and stated.high is not None and differ(claimed.high, stated.high):
        return "unit" if same_written else "value"
    if (
        claimed.plus_minus is not None
        and stated.plus_minus is not None
        and differ(claimed.plus_minus, stated.plus_minus)
    ):
        return "value"
    if _strict(claimed.comparator) != _strict(stated.comparator):
        return "comparator"
    return None


def _strict(comparator: str | None) -> str | None:
    return None if comparator in (None, "~") else comparator


def format_quantity(quantity: Quantity) -> str:
    """A quantity rendered the same way whatever its spelling: ``> 30``, ``54 d``, ``2/3``."""
    if quantity.in_words:
        body = quantity.text
        if quantity.comparator:
            body = re.sub(rf"^(?:{_CMP})\s+", "", body, flags=re.IGNORECASE)
    else:
        body = _fmt(quantity.value, quantity.decimals)
        if quantity.high is not None:
            body += f"–{_fmt(quantity.high, quantity.decimals)}"
        if quantity.plus_minus is not None:
            body += f" ± {quantity.plus_minus:g}"
        if quantity.unit:
            body += quantity.unit if quantity.unit == "%" else f" {quantity.unit}"
    prefix = {"~": "about ", None: ""}.get(quantity.comparator, f"{quantity.comparator} ")
    return prefix + body


def _fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"
