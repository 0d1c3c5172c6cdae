"""LaTeX markup in bibliography text (``{\\"o}``, ``\\textit{…}``, ``--``, ``~``, braces)
decoded to plain Unicode for matching and comparison; the text as written stays in
``Reference.raw`` for output.

Accents and the usual escapes (most of what a .bib holds) are decoded here; text with any
other command goes through pylatexenc, which knows LaTeX's macros but costs about a
millisecond a call (a 2,000-entry .bib has some 18,000 values)."""

from __future__ import annotations

import logging
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_BARE_PERCENT = re.compile(r"(?<!\\)%")  # a per cent sign, not a comment, in a field
_COMBINING = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "r": "\u030a",
    "k": "\u0328",
}
# {\"u}, \"{u}, \"u, \c{c}, \v{s}, \c c; \i and \j as the base letter
_ACCENT = re.compile(
    r"""\\(?:(?P<sym>["'`^~=.])\s*|(?P<word>[cvuHrk])(?:\s*(?=\{)|\s+))"""
    r"""(?:\{\s*(?P<braced>\\[ij](?![A-Za-z])|[A-Za-z])\s*\}|(?P<bare>\\[ij](?![A-Za-z])|[A-Za-z]))"""
)
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
}
_LETTER = re.compile(
    r"\\(" + "|".join(sorted(_LETTERS, key=len, reverse=True)) + r")(?![A-Za-z])\s?"
)
_ESCAPE = re.compile(r"\\([&%_$#{}])")


# links and the commands of bibliography styles, read before anything else: \href{url}{text},
# \url{…}, \doi{…}, \newblock
_LINKS = re.compile(
    r"\\href\s*\{(?P<href>[^{}]*)\}\s*\{(?P<text>[^{}]*)\}"
    r"|\\(?P<name>url|doi|path)\s*\{(?P<arg>[^{}]*)\}"
    r"|\\newblock(?![A-Za-z])\s*"
)
_COMMAND = re.compile(r"\\(?:[A-Za-z@]+\*?|.)")


def _link(m: re.Match[str]) -> str:
    if m.group("href") is not None:
        return m.group("text")
    if m.group("name") == "doi":
        return f"doi:{m.group('arg')}"
    return m.group("arg") or " "


def _pylatexenc(text: str) -> str:
    """``text`` through pylatexenc; when it fails on malformed markup (it can raise on an
    argument that is not there), the commands are dropped and their arguments kept."""
    from pylatexenc.latex2text import LatexNodes2Text  # type: ignore[import-untyped]

    logger = logging.getLogger("pylatexenc")  # it logs macros it cannot expand
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        return str(LatexNodes2Text(math_mode="verbatim").latex_to_text(text))
    except Exception:  # a third-party parser on untrusted text: fall back
        return _COMMAND.sub(" ", text)
    finally:
        logger.setLevel(level)


def _accent(m: re.Match[str]) -> str:
    letter = m.group("braced") or m.group("bare")
    base = {"\\i": "i", "\\j": "j"}.get(letter, letter)
    mark = _COMBINING[m.group("sym") or m.group("word")]
    return unicodedata.normalize("NFC", base + mark)


def plain_from_latex(text: str) -> str:
    """``text`` as a reader sees it: accents and symbols decoded, formatting commands and
    braces dropped, ``~`` and line breaks as spaces; math kept as written (``$\\beta$``)."""
    if "\\" in text:
        text = _ACCENT.sub(_accent, text)
        text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
        if "\\" not in _ESCAPE.sub("", text):  # only escapes left: no other command
            text = _ESCAPE.sub(r"\1", text)
    if "\\" in text:
        text = _LINKS.sub(_link, text)
    if "\\" in text:
        text = _pylatexenc(_BARE_PERCENT.sub(r"\\%", text))
    else:
        text = text.replace("---", "—").replace("--", "–")
    text = text.replace("{", "").replace("}", "").replace("~", " ").replace("\xa0", " ")
    return _SPACES.sub(" ", text).strip()
