"""Which raised digits a PDF sets as a formula's exponent, told by their fonts.

A superscript citation is set in the text's own font, smaller; an exponent belongs to a
formula, and a formula's letters, symbols and big delimiters are set in a math font: TeX's
``CMMI10`` (math italic), ``CMSY10`` (symbols), ``CMEX10`` (delimiters) and their Latin
Modern, txfonts, newtx, pxfonts and AMS kin; Word's ``Cambria Math``; ``STIXMath``,
``MathJax_*`` and any other font named for math. TeX sets the digits of an exponent in its
roman font (``CMR7``), as it sets a ``\\textsuperscript`` in a Computer Modern text, so the
word an exponent is glued to speaks too: ``x²`` (``x`` in ``CMMI10``), ``p₃²``, ``(a+b)²``
(``b`` in math italic), ``⎛…⎞²`` (the delimiter in ``CMEX10``). A citation glued to a math
variable (``$k$\\textsuperscript{5}``) is taken for an exponent: rare, and after a lone
letter the citation finder reads an exponent there too. The signs prose borrows from a math
font do not count: a unit's ``µ`` (``10 $\\mu$M`` then a citation) and note marks (``∗``).

Only a token that starts with a digit, is set smaller than the word it is glued to and
stands raised above that word's baseline is asked, with the first and last glyph of each
piece of that word: a few font look-ups a page (PDFium is asked by
:mod:`citecheck.inputs.pdf_tokens`, through the ``font_name`` it passes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citecheck.inputs.pdf_tokens import Token

_MATH_FONT = re.compile(
    r"(?i)math"
    r"|(?:^|\+)(?:(?:cm|lm)(?:mib?|b?sy|ex)\d|msam|msbm|eu[frs][mb]|rsfs|stmary|wasy|esint"
    r"|(?:n?tx|newtx|n?px|newpx|zpl|zpz|mt2)(?:b?mi|b?sy|ex)|mtextra|mtsy|mtmi|euclid)"
)
_SMALLER = 0.9  # as pdf_super: a superscript's box is at most this part of the word's height
_RAISED = 0.2  # ... and its bottom at least this part of it above the word's bottom
_ABOVE = 0.1  # the cheap test first: its bottom this part of the previous token's height above
_WORD_PIECES = 4  # pieces of the word before a raised token looked at (``p``, ``3`` of ``p₃²``)
_DIGITS = frozenset("0123456789")
# signs prose takes from a math font: a unit's micro (``µM``), note marks (``Douglas∗``)
_TEXT_SIGNS = frozenset("µμ∗*†‡§¶⋆")


def is_math_font(name: str) -> bool:
    """Whether a font of this (PDF base) name sets formulas (module doc); a subset prefix
    (``ABCDEF+CMMI10``) is allowed."""
    return _MATH_FONT.search(name) is not None


def mark_math(tokens: list[Token], font_name: Callable[[int], str]) -> list[Token]:
    """The tokens, each raised run of digits whose own font or whose word's is a math font
    marked ``math`` (module doc); ``font_name`` names the font of the glyph at an index of
    the page's text (:mod:`citecheck.inputs.pdf_tokens` asks PDFium)."""
    known: dict[int, bool] = {}

    def math(glyph: int) -> bool:
        if glyph not in known:
            known[glyph] = is_math_font(font_name(glyph))
        return known[glyph]

    digits = [  # a digit set above the token before it
        i
        for i in range(1, len(tokens))
        if tokens[i].text[0] in _DIGITS
        and tokens[i].bottom > tokens[i - 1].bottom + _ABOVE * tokens[i - 1].height
    ]
    for i in digits:
        token = tokens[i]
        if not _beside(tokens[i - 1], token):
            continue
        word = _word_before(tokens, i)
        if not word or not _raised(token, word):
            continue
        glyphs = [token.glyph]
        for piece in word:
            glyphs += [piece.glyph] if piece.text[0] not in _TEXT_SIGNS else []
            if len(piece.text) > 1 and piece.text[-1] not in _TEXT_SIGNS:
                glyphs.append(piece.glyph + len(piece.text) - 1)
        if any(math(g) for g in glyphs):
            tokens[i] = token._replace(math=True)
    return tokens


def _word_before(tokens: list[Token], i: int) -> list[Token]:
    """The pieces of the word before token ``i`` on its line: the word it continues
    (PDFium put nothing between them), else the word a space before it."""
    out: list[Token] = []
    j = i - 1
    while j >= 0 and len(out) < _WORD_PIECES:
        out.append(tokens[j])
        if tokens[j].gap:
            break
        j -= 1
    return out


def _beside(previous: Token, token: Token) -> bool:
    """Whether ``token`` goes on the line of ``previous``: PDFium put no line break between
    them, or it did (as it does before a raised glyph) where ``token`` starts at most half
    ``previous``'s height after its end, their boxes overlapping in height."""
    if token.gap != "\n":
        return True
    return (
        abs(token.x0 - previous.x1) <= 0.5 * previous.height
        and token.bottom < previous.top
        and token.top > previous.bottom
    )


def _raised(token: Token, word: list[Token]) -> bool:
    """Whether ``token`` is set smaller than the tallest piece of ``word`` and raised above
    its baseline."""
    body = max(word, key=lambda t: t.height)
    return (
        token.height < _SMALLER * body.height and token.bottom > body.bottom + _RAISED * body.height
    )
