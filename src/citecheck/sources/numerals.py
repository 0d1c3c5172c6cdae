"""Numbers written in words or in other notations, rewritten as digits (pure).

Abstracts and claims write the same number in many ways. Before quantities are read, a text
is *canonicalised*: each rewrite below replaces a piece of the text, and a position map leads
every offset of the canonical text back to the original, so that evidence still quotes what
the abstract says.

==========================  =============================================================
written                     canonical
==========================  =============================================================
``Twelve``, ``twenty-one``  ``12``, ``21``; compounds up to millions ("Seven thousand,
                            three hundred and twenty-three" → ``7323``); a lone ``one``
                            and fraction numerators ("two thirds") are left alone
``three to four``           ``3 to 4`` (each word on its own)
``Three percent``           ``3 percent``
``twofold``, ``2-fold``     ``2-fold``; ``doubled`` → ``2-fold``, ``tripled`` → ``3-fold``
``22 315``, ``17 580``      ``22315`` (a space, no-break or thin space before 3 digits)
``1.8 million``             ``1800000`` (thousand, million, billion after digits)
``19-12 thousand years``    ``19000-12000 years``; also ``19–12 ka``, ``kyr``
``0.050 × 10⁹``             ``50000000`` (also ``x 10^9``, ``×10(9)``, ``* 10^{9}``)
``per 10⁵``                 ``per 100000``
``1997/8``                  ``1998`` after "and", "to", "-", else ``1997`` (survey years)
``27 additional years``     ``27 years`` (further, extra, more: the unit is the value's)
==========================  =============================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_FOLD_WORDS = {"doubled": 2, "tripled": 3, "quadrupled": 4}
_FRACTION_AFTER = re.compile(
    r"[\s\-]+(?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?"
    r"|ninths?|tenths?)\b",
    re.IGNORECASE,
)
_WORD = "|".join(sorted([*_ONES, *_TENS, *_SCALES], key=len, reverse=True))
_NUMBER_WORDS = re.compile(
    rf"(?<![\w\-])(?:{_WORD})(?:(?:\s*,\s*|\s+and\s+|[\s\-]+)(?:{_WORD}))*(?![\w])",
    re.IGNORECASE,
)
_FOLD = re.compile(
    rf"(?<![\w\-])(?:(?P<word>{'|'.join(_ONES)}|{'|'.join(_TENS)})|(?P<digits>[0-9]+(?:\.[0-9]+)?))"
    r"[\s\-]?fold\b",
    re.IGNORECASE,
)
_FOLD_VERB = re.compile(rf"\b(?:{'|'.join(_FOLD_WORDS)})\b", re.IGNORECASE)
_SPACED = re.compile(r"(?<![\d.,])(\d{1,3})((?:[ \u00a0\u2009\u202f]\d{3})+)(?![\d])(?![.,]\d)")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_POWER = (
    r"10\s*(?:\^\{?(?P<p1>[−\-]?\d{1,2})\}?|\((?P<p2>[−\-]?\d{1,2})\)|(?P<p3>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))"
)
_TIMES_POWER = re.compile(rf"(?P<m>\d+(?:\.\d+)?)\s*[×x\*]\s*{_POWER}")
_PER_POWER = re.compile(rf"(?<=per\s){_POWER}", re.IGNORECASE)
_ADJECTIVE_BEFORE_UNIT = re.compile(
    r"[0-9]\s+((?:additional|further|extra|more)\s+)(?=(?:years?|months?|weeks?|days?)\b)",
    re.IGNORECASE,
)
# "1.43, 95% CI": the comma would make 1.43 share the level's "%" (a list "1.43, 95%")
_COMMA_BEFORE_CI = re.compile(r"(?<=[0-9]),(?=\s*9[059]\s?%\s*(?:CI\b|confidence))", re.IGNORECASE)
_SURVEY_YEAR = re.compile(r"(?<![\d.])((?:18|19|20)\d\d)/(\d{1,2})(?![\d/])")


@dataclass(frozen=True)
class Canonical:
    """A canonical text and, for each of its offsets (and its end), the original offset."""

    text: str
    origin: tuple[int, ...]
    rewrites: tuple[tuple[int, int, str], ...]  # (original start, end, rule) of each rewrite

    def original(self, pos: int) -> int:
        return self.origin[max(0, min(pos, len(self.origin) - 1))]


def canonicalise(text: str) -> Canonical:
    """``text`` with numbers rewritten as digits; offsets map back through ``origin``."""
    edits: list[tuple[int, int, str, str]] = []
    edits += _number_words(text)
    edits += _folds(text)
    edits += _spaced_thousands(text)
    edits += _powers(text)
    edits += _scaled(text)
    edits += _survey_years(text)
    edits += [
        (m.start(), m.end(), " ", "CI after a value") for m in _COMMA_BEFORE_CI.finditer(text)
    ]
    edits += [
        (m.start(1), m.end(1), "", "adjective dropped")
        for m in _ADJECTIVE_BEFORE_UNIT.finditer(text)
    ]
    chosen = _without_overlaps(edits)
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for start, end, replacement, _rule in chosen:
        out.append(text[pos:start])
        origin.extend(range(pos, start))
        out.append(replacement)
        origin.extend([start] * len(replacement))
        pos = end
    out.append(text[pos:])
    origin.extend(range(pos, len(text) + 1))
    rewrites = tuple((s, e, rule) for s, e, _r, rule in chosen)
    return Canonical("".join(out), tuple(origin), rewrites)


def _without_overlaps(
    edits: list[tuple[int, int, str, str]],
) -> list[tuple[int, int, str, str]]:
    chosen: list[tuple[int, int, str, str]] = []
    for edit in sorted(edits, key=lambda e: (e[0], -(e[1] - e[0]))):
        if chosen and edit[0] < chosen[-1][1]:
            continue
        chosen.append(edit)
    return chosen


def words_value(phrase: str) -> int | None:
    """The value of a cardinal written in words ("three hundred and twenty-three")."""
    total = current = 0
    seen = False
    for token in re.findall(r"[a-z]+", phrase.lower()):
        if token == "and":
            continue
        if token in _ONES:
            current += _ONES[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _number_words(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _NUMBER_WORDS.finditer(text):
        phrase = m.group()
        if phrase.lower() == "one" or _FRACTION_AFTER.match(text, m.end()):
            continue  # "one of the", "two thirds" (fractions are read as such)
        if re.match(r"[\s\-]?fold\b", text[m.end() : m.end() + 6], re.IGNORECASE):
            continue  # "twofold": see _folds
        # "ten and twelve" are two numbers; only scales join words with "and" or commas
        for start, end in _split_compounds(m.start(), phrase):
            value = words_value(text[start:end])
            if value is not None:
                out.append((start, end, str(value), f"number in words: {text[start:end]!r}"))
    return out


def _split_compounds(offset: int, phrase: str) -> list[tuple[int, int]]:
    """Cut a run of number words where a new number starts ("three to four" is not one run,
    but "twelve and fifteen" is matched as one: cut before a word that cannot continue)."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"[A-Za-z]+", phrase)]
    parts: list[tuple[int, int]] = []
    start = prev = None
    prev_word = ""
    for a, b, word in tokens:
        if word == "and":
            continue
        joins = prev is not None and (
            prev_word in _SCALES
            or (prev_word in _TENS and word in _ONES and _ONES[word] < 10)
            or (word in _SCALES)
        )
        if start is None or not joins:
            if start is not None and prev is not None:
                parts.append((offset + start, offset + prev))
            start = a
        prev, prev_word = b, word
    if start is not None and prev is not None:
        parts.append((offset + start, offset + prev))
    return parts


def _folds(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _FOLD.finditer(text):
        word = m.group("word")
        value = words_value(word) if word else None
        number = str(value) if value is not None else m.group("digits")
        if number:
            out.append((m.start(), m.end(), f"{number}-fold", f"fold: {m.group()!r}"))
    for m in _FOLD_VERB.finditer(text):
        value = _FOLD_WORDS[m.group().lower()]
        out.append((m.start(), m.end(), f"{value}-fold", f"fold: {m.group()!r}"))
    return out


def _spaced_thousands(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _SPACED.finditer(text):
        digits = m.group(1) + re.sub(r"\D", "", m.group(2))
        out.append((m.start(), m.end(), digits, f"thousands spaced: {m.group()!r}"))
    return out


def _power(m: re.Match[str]) -> int | None:
    raw = m.group("p1") or m.group("p2") or m.group("p3")
    if raw is None:
        return None
    try:
        return int(raw.translate(_SUPERSCRIPT).replace("−", "-"))
    except ValueError:
        return None


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _powers(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _TIMES_POWER.finditer(text):
        power = _power(m)
        if power is None:
            continue
        try:
            value = Decimal(m.group("m")) * (Decimal(10) ** power)
        except InvalidOperation:
            continue
        out.append((m.start(), m.end(), _plain(value), f"power of ten: {m.group()!r}"))
    for m in _PER_POWER.finditer(text):
        power = _power(m)
        if power is not None and 0 < power < 10:
            out.append((m.start(), m.end(), str(10**power), f"power of ten: {m.group()!r}"))
    return out


_SCALED = re.compile(
    r"(?<![\d.,])(?P<a>\d+(?:\.\d+)?)(?:\s*[–\-]\s*(?P<b>\d+(?:\.\d+)?))?\s*"
    r"(?P<scale>(?<=\s)thousand\s+years|(?<=\s)(?:thousand|million|billion)\b|ka\b|kyr\b)",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1000, "million": 10**6, "billion": 10**9, "ka": 1000, "kyr": 1000}


def _scaled(text: str) -> list[tuple[int, int, str, str]]:
    """ "1.8 million" → 1800000; "19-12 thousand years", "19–12 ka" → 19000-12000 years."""
    out = []
    for m in _SCALED.finditer(text):
        scale = m.group("scale").lower()
        factor = _SCALE[scale.split()[0]]
        years = " years" if scale in ("ka", "kyr") or "years" in scale else ""
        value = _plain(Decimal(m.group("a")) * factor)
        if m.group("b"):
            value += "-" + _plain(Decimal(m.group("b")) * factor)
        out.append((m.start(), m.end(), value + years, f"scale word: {m.group()!r}"))
    return out


def _survey_years(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _SURVEY_YEAR.finditer(text):
        first, tail = m.group(1), m.group(2)
        later = int(first[: 4 - len(tail)] + tail)
        if later <= int(first):
            continue
        before = text[max(0, m.start() - 6) : m.start()].lower()
        is_end = bool(re.search(r"(?:\band|\bto|[\-–])\s*$", before))
        year = str(later) if is_end else first
        out.append((m.start(), m.end(), year, f"survey year: {m.group()!r}"))
    return out
