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
from citecheck.model import Span

ABBREVIATIONS = frozenset(
    """al fig figs eq eqs ref refs tab no nos vol vols pp p e.g i.e cf vs etc approx ca
    dr mr mrs ms prof st jr sr inc ltd co corp dept univ suppl ed eds resp mol approx
    ch chap sect sec viz nat natl proc""".split()  # noqa: SIM905 (a word list reads best as text)
)
_TERMINATOR = re.compile(r"[.!?]+[\"'”’)\]]*")
_NEXT_START = re.compile(r"\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_BLOCK_LINE = re.compile(r"\n(?=[ \t]*(?:#{1,6}\s|[-*+•]\s|\d{1,3}[.)]\s|\|))")
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t].*$", re.MULTILINE)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_ATTACH_GAP = re.compile(r"[ \t]*")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")


def split_sentences(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    keep_together: Sequence[Span] = (),
) -> tuple[Sentence, ...]:
    """The sentences of ``text[start:end]``, with spans into ``text``, stripped of space."""
    end = len(text) if end is None else min(end, len(text))
    keep = _kept([s for s in keep_together if s.end > start and s.start < end])
    cuts = sorted(set(_cuts(text, start, end, keep)))
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
    for m in _BLOCK_LINE.finditer(text, start, end):
        if not _inside(m.start(), keep):
            cuts.append(m.start())
    for m in _HEADING_LINE.finditer(text, start, end):
        if not _inside(m.end(), keep):
            cuts.append(m.end())
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
