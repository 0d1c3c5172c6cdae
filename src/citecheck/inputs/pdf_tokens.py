"""A PDF page's text layer as tokens with their geometry, read through PDFium (pypdfium2).

This is the one module that calls PDFium's text API. A page's text comes out in one call
(``FPDFText_GetText``: PDFium's own order, with spaces and line breaks it generated between
glyphs); it is cut at whitespace into words, and each word gets the *loose* box of its first
and last glyph (``FPDFText_GetLooseCharBox``: the font's ascent to descent, so its height is
proportional to the font size and its bottom follows the baseline). A word holding a digit
gets every glyph's box and is cut where the glyphs' height or baseline changes: that is
where ``tumours¹²`` or ``⁶⁸Ga`` change from body text to superscript. So does a word whose
first and last glyphs stand on different lines (PDFium writes a word hyphenated at a line
end as one word). Asking only these glyphs keeps the calls to a third of the characters.

Coordinates are PDF points with *y upwards* (``bottom < top``).
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from citecheck.inputs.pdf_fonts import mark_math

_WORD = re.compile(r"[^\s\x00]+")
_DIGIT = re.compile(r"\d")
_SIZE = 0.12  # glyphs whose loose boxes differ in height by more than this part differ in size
_BASELINE = 0.15  # ... or whose bottoms differ by more than this part of the height
_BOLD = 600  # FPDFText_GetFontWeight: 400 regular, 700 bold, -1 unknown


class Token(NamedTuple):
    """A run of glyphs of one size and baseline: a word, or the part of a word that is
    raised or lowered (``17`` of ``cancers17``). A named tuple, not a dataclass: a page has
    thousands, and this is the reader's hot path.

    ``gap`` says what PDFium put before it: ``" "`` a space, ``"\\n"`` a line break, ``""``
    nothing (the token continues the previous one's word). ``glyph`` is its first glyph's
    index in PDFium's text of the page. ``bold``: its first glyph's font weight says bold
    (asked only at the ends of PDFium's lines; other tokens take their line's first).
    ``math``: a run of digits set smaller and raised after the word it is glued to, with a
    glyph of its own or of that word in a math font (an exponent, not a citation)."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    glyph: int
    gap: str
    bold: bool = False
    math: bool = False

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(frozen=True, slots=True)
class PageTokens:
    """One page: its 1-based number, size in points, and tokens in PDFium's order."""

    number: int
    width: float
    height: float
    tokens: tuple[Token, ...]


def page_text(raw: Any, textpage: Any) -> str:
    """PDFium's text of a page, one character per glyph index."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (2 * count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    units = bytes(buffer)[: max(0, written - 1) * 2]
    text = units.decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters beyond the BMP: read them one by one
        text = _astral(
            "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(count))
        )
    return text


def _astral(text: str) -> str:
    """PDFium's text read one glyph index at a time, a character beyond the BMP being two
    (its UTF-16 halves): the character at the first, in its plain form if it has one
    (mathematical italic ``𝑁`` is ``N``), and ``\x00`` at the second, so that indices stay
    glyph indices and no lone half is left (it cannot be written as UTF-8)."""
    chars = list(text)
    for i, (high, low) in enumerate(itertools.pairwise(text)):
        if "\ud800" <= high <= "\udbff" and "\udc00" <= low <= "\udfff":
            joined = high.encode("utf-16-le", "surrogatepass") + low.encode(
                "utf-16-le", "surrogatepass"
            )
            char = joined.decode("utf-16-le")
            plain = unicodedata.normalize("NFKC", char)
            chars[i], chars[i + 1] = (plain if len(plain) == 1 else char), "\x00"
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in chars)


def read_tokens(raw: Any, textpage: Any) -> list[Token]:
    """The tokens of one page's text layer (see the module doc)."""
    text = page_text(raw, textpage)
    rect = raw.FS_RECTF()
    box = raw.FPDFText_GetLooseCharBox
    weight = raw.FPDFText_GetFontWeight
    tokens: list[Token] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        gap = "" if start == previous_end else ("\n" if "\n" in text[previous_end:start] else " ")
        previous_end = end
        word = match.group()
        if gap != "\n" and tokens:
            bold = tokens[-1].bold
        else:
            if tokens and tokens[-1].bold != (weight(textpage, tokens[-1].glyph) >= _BOLD):
                tokens[-1] = tokens[-1]._replace(bold=not tokens[-1].bold)
            bold = weight(textpage, start) >= _BOLD
        if _DIGIT.search(word) is None or len(word) == 1:
            box(textpage, start, rect)
            x0, bottom, top = rect.left, rect.bottom, rect.top
            if end - start > 1:
                box(textpage, end - 1, rect)
            height = top - bottom
            if abs(rect.top - rect.bottom - height) <= _SIZE * height and (
                abs(rect.bottom - bottom) <= _BASELINE * height
            ):  # first and last glyph alike (as _differs, inline: the hot path)
                tokens.append(Token(word, x0, rect.right, bottom, top, start, gap, bold))
                continue
        tokens.extend(_runs(word, start, gap, bold, textpage, box, rect))
    return mark_math(_compose_accents(tokens, textpage, box, rect), _font_names(raw, textpage))


def _font_names(raw: Any, textpage: Any) -> Callable[[int], str]:
    """The name of the font of the glyph at an index of the page's text
    (``FPDFText_GetFontInfo``; ``""`` when PDFium gives none)."""
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()

    def name(glyph: int) -> str:
        size = raw.FPDFText_GetFontInfo(textpage, glyph, buffer, 128, ctypes.byref(flags))
        if size > 128:  # a longer name than the buffer holds: ask again with room for it
            longer = ctypes.create_string_buffer(size)
            size = raw.FPDFText_GetFontInfo(textpage, glyph, longer, size, ctypes.byref(flags))
            return longer.value.decode("latin-1") if size else ""
        return buffer.value.decode("latin-1") if size else ""

    return name


# spacing accents as pdfLaTeX sets ``\'e``: the glyph drawn over its letter, and the
# combining mark it stands for
_ACCENTS = dict(
    zip(
        "´¨`^˜¯˘˙˚˝ˇ¸",
        "\u0301\u0308\u0300\u0302\u0303\u0304\u0306\u0307\u030a\u030b\u030c\u0327",
        strict=True,
    )
)
_DOTLESS = {"ı": "i", "ȷ": "j"}  # ``\'{\i}``: the accent takes the dot's place
_ABOVE = 0.5  # an accent's box starts at most this part of the letter's height above it
_TOUCH = 0.05  # pieces of a word this part of their height apart, or less, touch


def _compose_accents(tokens: list[Token], textpage: Any, box: Any, rect: Any) -> list[Token]:
    """Tokens with each lone accent glyph lying over a letter (its middle within the
    letter's word, its box as high or a little higher) written into that letter
    (``´`` over ``e`` → ``é``) and dropped, so it never makes a line of its own. An accent
    over no letter stays. Words are looked up among those sorted by baseline, only those
    within the accent's reach."""
    if not any(c in _ACCENTS for t in tokens for c in t.text):
        return tokens
    tokens = _split_accents(tokens, textpage, box, rect)
    accents = [i for i, t in enumerate(tokens) if len(t.text) == 1 and t.text in _ACCENTS]
    words = sorted(
        (t.bottom, i) for i, t in enumerate(tokens) if t.text[0] not in _ACCENTS and t.height > 0
    )
    bottoms = [b for b, _ in words]
    out = list(tokens)
    dropped: set[int] = set()
    for a in accents:
        accent = tokens[a]
        middle = (accent.x0 + accent.x1) / 2
        low = bisect.bisect_left(bottoms, accent.bottom - _ABOVE * accent.height)
        high = bisect.bisect_right(bottoms, accent.bottom + _BASELINE * accent.height)
        under = [
            i
            for _, i in words[low:high]
            if out[i].x0 <= middle <= out[i].x1
            and abs(out[i].height - accent.height) <= 0.4 * accent.height
            and i not in dropped
        ]
        if not under:
            continue
        i = min(under, key=lambda i: abs(out[i].bottom - accent.bottom))
        composed = _compose(out[i], middle, _ACCENTS[accent.text], textpage, box, rect)
        if composed is None:
            continue
        out[i] = composed
        dropped.add(a)
    return _without(out, dropped)


def _split_accents(tokens: list[Token], textpage: Any, box: Any, rect: Any) -> list[Token]:
    """Tokens with each accent glyph inside a word (PDFium writes ``Mart´ın``) cut off as a
    token of its own, the pieces glued (no gap)."""
    out: list[Token] = []
    for token in tokens:
        if len(token.text) == 1 or not any(c in _ACCENTS for c in token.text):
            out.append(token)
            continue
        start, gap = 0, token.gap
        for k, char in enumerate(token.text):
            if char not in _ACCENTS:
                continue
            for a, b in ((start, k), (k, k + 1)):
                if a < b:
                    box(textpage, token.glyph + a, rect)
                    x0 = rect.left
                    box(textpage, token.glyph + b - 1, rect)
                    piece = token.text[a:b]
                    out.append(
                        token._replace(
                            text=piece, x0=x0, x1=rect.right, glyph=token.glyph + a, gap=gap
                        )
                    )
                    gap = ""
            start = k + 1
        if start < len(token.text):
            box(textpage, token.glyph + start, rect)
            out.append(
                token._replace(
                    text=token.text[start:], x0=rect.left, glyph=token.glyph + start, gap=gap
                )
            )
    return out


def _compose(
    word: Token, middle: float, mark: str, textpage: Any, box: Any, rect: Any
) -> Token | None:
    """The word with the letter under ``middle`` carrying the mark, or ``None`` when no
    letter there composes with it into one character."""
    best, distance = -1, float("inf")
    for k, char in enumerate(word.text):
        box(textpage, word.glyph + k, rect)
        d = abs((rect.left + rect.right) / 2 - middle)
        if char.isalpha() and rect.left <= middle <= rect.right and d < distance:
            best, distance = k, d
    if best < 0:
        return None
    letter = unicodedata.normalize("NFC", _DOTLESS.get(word.text[best], word.text[best]) + mark)
    if len(letter) != 1:
        return None
    return word._replace(text=word.text[:best] + letter + word.text[best + 1 :])


def _without(tokens: list[Token], dropped: set[int]) -> list[Token]:
    """The tokens but the dropped ones, a token glued to a dropped one (or after a line
    break the dropped one stood for) taking its gap. A token after a dropped accent that
    touches the token before it on its line is glued to it: PDFium sets the accent drawn
    between two pieces of a word apart with spaces (``M ¨ uller``, ``J ´ es´ us``)."""
    out: list[Token] = []
    carried: str | None = None
    for i, token in enumerate(tokens):
        if i in dropped:
            carried = token.gap if carried is None or token.gap == "\n" else carried
            continue
        if carried is not None and (token.gap == "" or carried == "\n"):
            token = token._replace(gap=carried)
        if carried is not None and token.gap == " " and out and _touches(out[-1], token):
            token = token._replace(gap="")
        carried = None
        out.append(token)
    return out


def _touches(before: Token, token: Token) -> bool:
    """Whether ``token`` starts where ``before`` ends, on its baseline: no word space."""
    height = max(before.height, 0.1)
    return (
        abs(token.x0 - before.x1) <= _TOUCH * height
        and abs(token.bottom - before.bottom) <= _BASELINE * height
    )


def _runs(
    word: str, start: int, gap: str, bold: bool, textpage: Any, box: Any, rect: Any
) -> list[Token]:
    """A word cut where its glyphs' height or baseline changes."""
    out: list[Token] = []
    run_start = 0
    x0 = x1 = bottom = top = 0.0
    for i in range(len(word)):
        box(textpage, start + i, rect)
        b, t = rect.bottom, rect.top
        if i and _differs(bottom, top, b, t):
            out.append(Token(word[run_start:i], x0, x1, bottom, top, start + run_start, gap, bold))
            gap = ""
            run_start = i
        if i == run_start:
            x0, bottom, top = rect.left, b, t
        x1 = rect.right
    out.append(Token(word[run_start:], x0, x1, bottom, top, start + run_start, gap, bold))
    return out


def _differs(bottom: float, top: float, b: float, t: float) -> bool:
    """Whether a glyph's loose box (``b``, ``t``) is not of the run's size and baseline."""
    height = max(top - bottom, 0.1)
    return abs((t - b) - height) > _SIZE * height or abs(b - bottom) > _BASELINE * height
