"""LaTeX markup in bibliography text (``{\\"o}``, ``\\textit{…}``, ``--``, ``~``, braces)
decoded to plain Unicode for matching and comparison; the text as written stays in
``Reference.raw`` for output."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_BARE_PERCENT = re.compile(r"(?<!\\)%")  # a per cent sign, not a comment, in a field


def plain_from_latex(text: str) -> str:
    """``text`` as a reader sees it: accents and symbols decoded, formatting commands and
    braces dropped, ``~`` and line breaks as spaces; math kept as written (``$\\beta$``).
    Text without a command is only tidied (most of a .bib): decoding is the slow part."""
    if "\\" in text:
        from pylatexenc.latex2text import LatexNodes2Text  # type: ignore[import-untyped]

        text = _BARE_PERCENT.sub(r"\\%", text)
        text = LatexNodes2Text(math_mode="verbatim").latex_to_text(text)
    else:
        text = text.replace("---", "—").replace("--", "–")
    text = text.replace("{", "").replace("}", "").replace("~", " ").replace("\xa0", " ")
    return _SPACES.sub(" ", text).strip()
