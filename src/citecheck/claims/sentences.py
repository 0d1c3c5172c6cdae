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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter

from citecheck.claims.model import Sentence
from citecheck.claims.scope import Regions, regions_of
from citecheck.inputs.markdown import find_blocks
from citecheck.model import Block, Document, Span

ABBREVIATIONS = frozenset(
    """al fig figs eq eqs ref refs tab no nos vol vols pp p e.g i.e cf vs etc approx ca
    dr mr mrs ms prof st jr sr inc ltd co corp dept univ suppl ed eds resp mol approx
    ch chap sect sec viz nat natl proc""".split()  # noqa: SIM905 (a word list reads best as text)
)
_NEXT_START = re.compile(r"\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# A terminator, with what decides cheaply whether it can end a sentence at all: ``gap``, the
# spaces after it (a kept span starting past them is attached to the sentence), and ``next``,
# empty when the next sentence could start right after it (``_NEXT_START``), else ``None``.
# ("[.!?][.!?]*" is "[.!?]+" in a form the regex engine scans for twice as fast.)
_TERMINATOR = re.compile(
    r"[.!?][.!?]*[\"'”’)\]]*(?=(?P<gap>[ \t]*))(?P<next>(?=\s+[\"'“‘(\[]?[A-Z0-9]))?"
)
_STOP = re.compile(r"[.!?]")  # where a _TERMINATOR starts
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_OWN_LINE_BLOCKS = ("heading", "list-item", "table-row")  # each starts a sentence of its own
_LONGER = max(map(len, ABBREVIATIONS)) + 1  # letters that make a word no abbreviation
_WORD_BEFORE = re.compile(r"([\w.]++)$")  # possessive: no backing off a word that fails
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
    bounds = sentence_bounds(text, start, end, keep_together=keep_together, document=document)
    found = (sentence_between(text, a, b) for a, b in pairwise(bounds))
    return tuple(s for s in found if s is not None)


def sentence_bounds(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    keep_together: Sequence[Span] = (),
    document: Document | None = None,
    skip: Sequence[Span] = (),
) -> list[int]:
    """Where :func:`split_sentences` cuts ``text[start:end]``, in order: ``start``, each cut,
    ``end`` (unless a kept span running past it ends the last sentence). Between two
    neighbours lies a sentence (:func:`sentence_between`) or only space.

    Inside the ``skip`` spans, for a caller that wants no sentence starting there, cuts may
    be missing; every bound of a sentence reaching out of them is there."""
    end = len(text) if end is None else min(end, len(text))
    keep = _kept([s for s in keep_together if s.end > start and s.start < end])
    blocks = find_blocks(text) if document is None else document.blocks
    known = sorted(
        set(_paragraph_cuts(text, start, end, keep) + _block_cuts(blocks, start, end, keep))
    )
    windows = _windows(text, start, end, known, regions_of(skip), keep) if skip else [(start, end)]
    cuts = sorted(set(known + _terminator_cuts(text, start, end, keep, windows)))
    bounds = [start, *cuts]
    if end > bounds[-1]:
        bounds.append(end)
    return bounds


def _windows(
    text: str, start: int, end: int, known: list[int], skip: Regions, keep: _Kept
) -> list[tuple[int, int]]:
    """Where terminators are looked for when only sentences outside ``skip`` are wanted: for
    each stretch outside, from the last *safe* known cut at or before it (a line break in no
    kept span: no terminator before it cuts past it, and the terminators after it are found
    alike from there) to the first known cut after it."""
    safe = [c for c in known if text[c : c + 1] == "\n" and not _inside(c, keep)]
    windows: list[tuple[int, int]] = []
    for low, high in skip.gaps(start, end):
        i = bisect_right(safe, low) - 1
        j = bisect_left(known, high)
        window = (safe[i] if i >= 0 else start, known[j] if j < len(known) else end)
        if windows and window[0] <= windows[-1][1]:  # overlapping: one window
            before = windows.pop()
            window = (before[0], max(before[1], window[1]))
        windows.append(window)
    return windows


def _terminator_cuts(
    text: str, start: int, end: int, keep: _Kept, windows: Sequence[tuple[int, int]]
) -> list[int]:
    """The sentence ends at the terminators that start inside the ``windows``."""
    cuts = []
    last = len(text[:end].rstrip())  # past it, only white space is left
    for low, high in windows:
        for m in _terminators(text, low, high, end):
            cut = m.end()
            attached = m.end("gap") in keep.start_set  # a kept span follows on its line
            if m.group("next") is None and cut < last and not attached:
                continue  # no sentence can start after it, whatever the word before
            if _inside(m.start(), keep) or _is_abbreviation(text, m, start):
                continue
            if attached:
                cut = _attach_following(text, cut, end, keep)
                if not (_NEXT_START.match(text, cut, end) or cut >= last):
                    continue
            cuts.append(cut)
    return cuts


def _terminators(text: str, low: int, high: int, end: int) -> Iterator[re.Match[str]]:
    """What ``_TERMINATOR.finditer(text, low, end)`` finds that starts before ``high``, with
    no search past ``high`` for one more (window after window, that would scan the rest of
    the text each time: quadratic in a text of many windows and few terminators)."""
    pos = low
    while (stop := _STOP.search(text, pos, high)) is not None:
        m = _TERMINATOR.match(text, stop.start(), end)
        if m is None:  # never: a terminator starts at every stop
            return
        yield m
        pos = m.end()


def _paragraph_cuts(text: str, start: int, end: int, keep: _Kept) -> list[int]:
    cuts = []
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
    start_set: frozenset[int]


def _kept(spans: Sequence[Span]) -> _Kept:
    ordered = tuple(sorted(spans, key=attrgetter("start", "end")))  # as Span orders, faster
    reach, furthest = [], -1
    for span in ordered:
        furthest = max(furthest, span.end)
        reach.append(furthest)
    starts = tuple(s.start for s in ordered)
    return _Kept(ordered, starts, tuple(reach), frozenset(starts))


def _inside(pos: int, keep: _Kept) -> bool:
    i = bisect_right(keep.starts, pos)
    return i > 0 and keep.reach[i - 1] > pos


def _is_abbreviation(text: str, m: re.Match[str], start: int) -> bool:
    """A single full stop after ``et al``, ``Fig``, ``e.g``, an initial (``M.E.``, ``J.``)."""
    if m.group().rstrip("\"'”’)]") != ".":
        return False
    at = m.start()
    if at - _LONGER >= start and text[at - _LONGER : at].isalpha():
        return False  # the common case: a word too long to be one, and not dotted
    before = _WORD_BEFORE.search(text, max(start, at - 20), at)
    if before is None:
        return False
    written = before.group(1)
    word = written.lower().strip(".")
    if word in ABBREVIATIONS or _DOTTED.fullmatch(word):
        return True
    return len(word) == 1 and written.isupper()


def _continues(text: str, gap_start: int, gap_end: int, start: int) -> bool:
    """A paragraph break inside a sentence: no terminator before, lower case after."""
    if not text[gap_end : gap_end + 1].islower():
        return False
    before = text[max(start, gap_start - 3) : gap_start].rstrip()
    return bool(before) and before[-1] not in '.!?:"”)'


def _attach_following(text: str, pos: int, end: int, keep: _Kept) -> int:
    """Extend a sentence end over a kept span that follows it on the same line."""
    while True:
        gap = _ATTACH_GAP.match(text, pos, end)
        after = gap.end() if gap else pos
        i = bisect_left(keep.starts, after)
        follower = keep.spans[i] if i < len(keep.spans) and keep.starts[i] == after else None
        if follower is None or follower.end <= pos:  # (an empty span would never end)
            return pos
        pos = follower.end


def sentence_between(text: str, begin: int, end: int) -> Sentence | None:
    """The sentence ``text[begin:end]`` stripped of space (``None``: only space)."""
    chunk = text[begin:end]
    led = chunk.lstrip()
    body = led.rstrip()
    if not body:
        return None
    first = begin + len(chunk) - len(led)
    return Sentence(Span(first, first + len(body)), body)


def sentence_at(sentences: Sequence[Sentence], pos: int) -> Sentence | None:
    """The sentence whose span holds ``pos``, if any."""
    for sentence in sentences:
        if sentence.span.start <= pos < sentence.span.end:
            return sentence
    return None
