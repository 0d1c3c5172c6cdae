"""Splitting text into sentences without losing offsets.

A sentence ends at ``.``, ``!`` or ``?`` (and any closing quotes or brackets) followed by
space and a capital letter, a digit or an opening bracket, or at a paragraph break. It does
not end after an abbreviation (``et al.``, ``Fig.``, ``e.g.``, ``vs.``), an initial
(``M.E.``), or inside a number (``0.65``). Spans the caller keeps together (in-text
citations, inline claim tags) are never cut, and one that directly follows the end of a
sentence ("... respectively.^{88}", "... (88). <!-- claim: ... -->") belongs to that
sentence. A paragraph break in the middle of a sentence — a page break in text converted
from PDF — does not end it when the next paragraph starts in lower case.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.claims.model import Sentence
from citecheck.inputs.markdown import find_blocks
from citecheck.model import Block, Document, Span

ABBREVIATIONS = frozenset(
    """al fig figs eq eqs ref refs tab no nos vol vols pp p e.g i.e cf vs etc approx ca
    dr mr mrs ms prof st jr sr inc ltd co corp dept univ suppl ed eds resp mol approx
    ch chap sect sec viz nat natl proc""".split()  # noqa: SIM905 (a word list reads best as text)
)
_TERMINATOR = re.compile(r"[.!?]+[\"'”’)\]]*")
_NEXT_START = re.compile(r"\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_OWN_LINE_BLOCKS = ("heading", "list-item", "table-row")  # each starts a sentence of its own
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_ATTACH_GAP = re.compile(r"[ \t]*")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")


def split_sentences(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    keep_together: Sequence[Span] = (),
    document: Document | None = None,
) -> tuple[Sentence, ...]:
    """The sentences of ``text[start:end]``, with spans into ``text``, stripped of space.

    Headings, list items and table rows (``document``'s blocks; without a document, ``text``
    is read as Markdown for them) stand apart from the sentences around them."""
    end = len(text) if end is None else min(end, len(text))
    keep = _kept([s for s in keep_together if s.end > start and s.start < end])
    blocks = find_blocks(text) if document is None else document.blocks
    cuts = sorted(set(_cuts(text, start, end, keep) + _block_cuts(blocks, start, end, keep)))
    sentences = []
    begin = start
    for cut in [*cuts, end]:
        sentence = _stripped(text, begin, cut)
        if sentence is not None:
            sentences.append(sentence)
        begin = cut
    return tuple(sentences)


def _cuts(text: str, start: int, end: int, keep: _Kept) -> list[int]:
    cuts = []
    last = len(text[:end].rstrip())  # past it, only white space is left
    for m in _TERMINATOR.finditer(text, start, end):
        if _inside(m.start(), keep) or _is_abbreviation(text, m, start):
            continue
        cut = _attach_following(text, m.end(), end, keep)
        if _NEXT_START.match(text, cut, end) or cut >= last:
            cuts.append(cut)
    for m in _PARAGRAPH.finditer(text, start, end):
        if _inside(m.start(), keep) or _continues(text, m.start(), m.end(), start):
            continue
        cuts.append(m.start())
    return cuts


def _block_cuts(blocks: Sequence[Block], start: int, end: int, keep: _Kept) -> list[int]:
    """Before each heading, list item and table row (at the line break), and after each
    heading."""
    cuts = []
    for block in blocks:
        if block.kind not in _OWN_LINE_BLOCKS:
            continue
        before = block.span.start - 1
        if start <= before < end and not _inside(before, keep):
            cuts.append(before)
        after = min(block.span.end, end)
        if block.kind == "heading" and start <= block.span.start < end and not _inside(after, keep):
            cuts.append(after)
    return cuts


@dataclass(frozen=True)
class _Kept:
    """The spans kept whole, sorted, with what answers "is this position inside one?" fast."""

    spans: tuple[Span, ...]
    starts: tuple[int, ...]
    reach: tuple[int, ...]  # the furthest end among each span and those before it


def _kept(spans: Sequence[Span]) -> _Kept:
    ordered = tuple(sorted(spans))
    reach, furthest = [], -1
    for span in ordered:
        furthest = max(furthest, span.end)
        reach.append(furthest)
    return _Kept(ordered, tuple(s.start for s in ordered), tuple(reach))


def _inside(pos: int, keep: _Kept) -> bool:
    i = bisect_right(keep.starts, pos)
    return i > 0 and keep.reach[i - 1] > pos


def _is_abbreviation(text: str, m: re.Match[str], start: int) -> bool:
    """A single full stop after ``et al``, ``Fig``, ``e.g``, an initial (``M.E.``, ``J.``)."""
    if m.group().rstrip("\"'”’)]") != ".":
        return False
    before = _WORD_BEFORE.search(text, max(start, m.start() - 20), m.start())
    if before is None:
        return False
    written = before.group(1)
    word = written.lower().strip(".")
    if word in ABBREVIATIONS or _DOTTED.fullmatch(word):
        return True
    return len(word) == 1 and written.isupper()


def _continues(text: str, gap_start: int, gap_end: int, start: int) -> bool:
    """A paragraph break inside a sentence: no terminator before, lower case after."""
    before = text[max(start, gap_start - 3) : gap_start].rstrip()
    after = text[gap_end : gap_end + 1]
    return bool(before) and before[-1] not in '.!?:"”)' and after.islower()


def _attach_following(text: str, pos: int, end: int, keep: _Kept) -> int:
    """Extend a sentence end over a kept span that follows it on the same line."""
    while True:
        gap = _ATTACH_GAP.match(text, pos, end)
        after = gap.end() if gap else pos
        i = bisect_left(keep.starts, after)
        follower = keep.spans[i] if i < len(keep.spans) and keep.starts[i] == after else None
        if follower is None:
            return pos
        pos = follower.end


def _stripped(text: str, begin: int, end: int) -> Sentence | None:
    chunk = text[begin:end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right <= left:
        return None
    span = Span(begin + left, begin + right)
    return Sentence(span, text[span.start : span.end])


def sentence_at(sentences: Sequence[Sentence], pos: int) -> Sentence | None:
    """The sentence whose span holds ``pos``, if any."""
    for sentence in sentences:
        if sentence.span.start <= pos < sentence.span.end:
            return sentence
    return None
