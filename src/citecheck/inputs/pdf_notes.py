"""Footnote marks in a PDF's text: not citations.

A paper with author-date citations (ACL, JMLR) numbers its footnotes with superscripts, as a
paper with numbered citations numbers its references: ``corpus^{10}`` reads like a
superscript citation. A footnote gives itself away by its body, a paragraph that begins with
its superscript number (``^{5}The TagMe APIs are…``; the notes set after it in that
paragraph, ``^{3}https://… ^{4}https://…``, too), or a paragraph of notes that are
only URLs, their numbers set on the line (``10http://labs.semanticscholar.org/corpus/
11http://allenai.org/data.html``): every ``^{N}`` of such a number is a footnote mark (or
label), masked so that no citation is read from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.model import Block, Span

_NOTE_START = re.compile(r"\^\{(\d{1,3})\}\s*\S")
# notes that are only a URL, their number set in the line (``10http://…  11http://…``)
_URL_NOTES = re.compile(r"(\d{1,3})(?=https?://|www\.)")
_NEXT_NOTE = re.compile(r"\s\^\{(\d{1,3})\}(?=\S)")
_URL_NOTE_START = re.compile(r"\d{1,3}(?:https?://|www\.)")


def footnote_marks(text: str, blocks: Sequence[Block]) -> list[Span]:
    """The spans of ``text``'s footnote marks and labels (module doc); ``blocks``: its
    paragraphs."""
    numbers = set()
    for block in blocks:
        if block.kind == "heading":
            continue
        start = _NOTE_START.match(text, block.span.start, block.span.end)
        if start:  # and the notes run on after it: ``^{3}https://… ^{4}https://…``
            numbers.add(start.group(1))
            body = text[start.end() : block.span.end]
            numbers.update(m.group(1) for m in _NEXT_NOTE.finditer(body))
        elif _URL_NOTE_START.match(text, block.span.start, block.span.end):
            body = text[block.span.start : block.span.end]
            numbers.update(m.group(1) for m in _URL_NOTES.finditer(body))
    if not numbers:
        return []
    marks = re.compile(r"\^\{(" + "|".join(sorted(numbers)) + r")\}")
    return [Span(m.start(), m.end()) for m in marks.finditer(text)]
