"""A PDF line's tokens written as text, superscripts as ``^{…}`` (as the Markdown and Word
readers write them), so the citation finder and its filters (isotopes ``⁶⁸Ga``, ions
``Ca²⁺``, powers ``10¹¹``, affiliation marks) see what they see in those formats.

A token is a superscript when it is set smaller than the line's body text and its baseline
is raised: its loose box is shorter than the body's and its bottom stands well above the
body's bottom. A subscript (lowered) is written as plain text. Neighbouring superscript
tokens form one ``^{…}``; which of them are a formula's exponents, not citations, is
:mod:`citecheck.inputs.pdf_exponents`'s to say. Between tokens a space is written where
PDFium put one, and where PDFium broke the line at a raised or lowered token the gap
decides. Ligature glyphs (``ﬁ``, ``ﬂ``, …) are written as their letters.
"""

from __future__ import annotations

import re

from citecheck.inputs.pdf_layout import Line
from citecheck.inputs.pdf_tokens import Token

LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\x02": "-",  # PDFium's mark for a hyphen that ends a line
        "\ufffe": "-",
        "\u00ad": "-",  # a soft hyphen printed at a line end
    }
)
_SPECIAL = re.compile("[\ufb00-\ufb06\x02\ufffe\u00ad]")
_SMALLER = 0.9  # a superscript's box is at most this part of the body's height
_RAISED = 0.2  # ... and its bottom at least this part of it above the body's bottom
_SPACE = 0.15  # a gap of this part of the body's height between tokens is a space


def is_superscript(token: Token, line: Line) -> bool:
    """Whether ``token`` is set as a superscript in ``line`` (module doc)."""
    return (
        token.height < _SMALLER * line.height and token.bottom > line.bottom + _RAISED * line.height
    )


def line_text(line: Line) -> tuple[str, list[tuple[int, int]]]:
    """The line as text, and ``(offset in that text, PDFium glyph index)`` where each
    token starts."""
    text, points, _ = write_line(line)
    return text, points


def write_line(line: Line) -> tuple[str, list[tuple[int, int]], list[tuple[int, int, bool]]]:
    """The line as text; ``(offset in that text, PDFium glyph index)`` where each token
    starts; and each ``^{…}`` written, as its ``(start, end, math)``: ``math`` when one of its
    tokens is marked as set in a math font (:mod:`citecheck.inputs.pdf_fonts`)."""
    parts: list[str] = []
    points: list[tuple[int, int]] = []
    raised_runs: list[tuple[int, int, bool]] = []
    at = 0
    sup = False
    run_start, run_math = 0, False
    translate = _SPECIAL.search(line.text) is not None
    previous: Token | None = None
    for token in line.tokens:
        raised = is_superscript(token, line)
        if previous is not None:
            space = _separator(previous, token, line, raised != sup)
            if raised != sup and sup:
                parts.append("}")
                at += 1
                raised_runs.append((run_start, at, run_math))
            if space:
                parts.append(" ")
                at += 1
        if raised and not sup:
            run_start, run_math = at, False
            parts.append("^{")
            at += 2
        sup = raised
        run_math = run_math or (raised and token.math)
        text = _letters(token.text) if translate else token.text
        points.append((at, token.glyph))
        parts.append(text)
        at += len(text)
        previous = token
    if sup:
        parts.append("}")
        raised_runs.append((run_start, at + 1, run_math))
    return "".join(parts), points, raised_runs


def _letters(text: str) -> str:
    """Ligatures as letters; a soft hyphen inside a word dropped, one ending it (where the
    line broke) written as a hyphen."""
    if "\u00ad" in text[:-1]:
        text = text[:-1].replace("\u00ad", "") + text[-1]
    return text.translate(LIGATURES)


def _separator(previous: Token, token: Token, line: Line, switch: bool) -> bool:
    """Whether a space stands between two tokens of one line."""
    if not token.gap:
        return False
    if token.gap == " " and not switch:
        return True
    return token.x0 - previous.x1 > _SPACE * line.height
