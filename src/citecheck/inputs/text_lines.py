"""Plain text copied out of a line-numbered PDF (a review copy, a preprint server's
template): nearly every line begins with its running line number ("488 References",
"489 Assis, J., …"). Such a text is read without those numbers, as the PDF reader drops them
beside the page, so that headings and reference numbers are seen as printed.

The numbers are cut from the document's text; its offset map and origins still point into
the file as written (each cut shifts the text against the file, and columns on a cut line
are counted from the file's line). A number is taken as the line's only when it goes on
the count: above the last one taken, by no more than the lines since it and three (lines
the PDF left unnumbered or put elsewhere, lines joined); so a page number ("12" on a line
of its own) is no line number once the count has passed it. PDFium joins a hyphenated
line to the next through U+FFFE, carrying that line's number inside the line
("math\\ufffe8 ematically"): such a number is cut too, with the mark. One pass over the
lines.
"""

from __future__ import annotations

import re
from dataclasses import replace

from citecheck.model import Document, OffsetMap, Origin

_LEADING = re.compile(r"(\d{1,5})(?:[ \t]+|$)")
_JOINED = re.compile("\ufffe(\\d{1,5})[ \\t]+")
_SAMPLE_LINES = 60  # the lines a quick look reads before the whole text is read
_MIN_NUMBERED = 20
_SHARE = 0.6  # of the non-blank lines, at least, begin with a running number


def without_line_numbers(document: Document) -> Document:
    """``document`` without the running line numbers its lines begin with, when nearly all
    of them do (see the module doc); otherwise ``document`` itself."""
    text = document.text
    if document.origins or not _worth_reading(text):
        return document
    cuts, numbered, nonblank = _cuts(text)
    if numbered < _MIN_NUMBERED or numbered < _SHARE * nonblank:
        return document
    return _cut(document, cuts)


def _worth_reading(text: str) -> bool:
    """Whether the first lines are numbered often enough to read the whole text for it."""
    sample = [line for line in text[:8000].split("\n", _SAMPLE_LINES)[:_SAMPLE_LINES] if line]
    return sum(1 for line in sample if line[:1].isdigit()) >= 0.4 * max(len(sample), 1) > 5


def _cuts(text: str) -> tuple[list[tuple[int, int, int]], int, int]:
    """``(start, end, line)`` of each running number to cut (offsets in ``text``, 1-based
    line), how many lines began with one, and how many lines are not blank."""
    cuts: list[tuple[int, int, int]] = []
    last = numbered = nonblank = last_line = 0
    pos = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip():
            nonblank += 1
        m = _LEADING.match(line)
        if m and last < int(m.group(1)) <= last + 3 + lineno - last_line:
            last, last_line = int(m.group(1)), lineno
            numbered += 1
            cuts.append((pos, pos + m.end(), lineno))
        if "\ufffe" in line:
            for j in _JOINED.finditer(line):
                if int(j.group(1)) == last + 1:
                    last += 1
                    cuts.append((pos + j.start(), pos + j.end(), lineno))
        pos += len(line) + 1
    return cuts, numbered, nonblank


def _cut(document: Document, cuts: list[tuple[int, int, int]]) -> Document:
    """``document``'s text without the ``cuts``, with offsets and origins that still name
    the file as written."""
    text = document.text
    kept: list[str] = []
    points: list[tuple[int, int]] = []
    origins: list[Origin] = []
    pos = length = 0
    line_starts = _line_starts(text)
    for start, end, lineno in cuts:
        kept.append(text[pos:start])
        length += start - pos
        pos = end
        column = end - line_starts[lineno - 1] + 1
        points.append((length, document.source_offset(end)))
        origins.append(Origin(length, line=lineno, column=column))
    kept.append(text[pos:])
    # a dropped CR shifts the file against the text too: keep those points after each cut
    old = document.offsets.points
    merged = _merge_points(points, old, cuts)
    return replace(
        document,
        text="".join(kept),
        offsets=OffsetMap(tuple(merged)),
        origins=tuple(origins),
    )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _merge_points(
    points: list[tuple[int, int]],
    old: tuple[tuple[int, int], ...],
    cuts: list[tuple[int, int, int]],
) -> list[tuple[int, int]]:
    """The cut points with the document's own (a dropped CR, a BOM) moved into the cut
    text: an old point at text offset ``t`` moves back by the cut lengths before it."""
    if not old:
        return points
    out = list(points)
    i = removed = 0
    for at, source in old:
        while i < len(cuts) and cuts[i][1] <= at:
            removed += cuts[i][1] - cuts[i][0]
            i += 1
        if i < len(cuts) and cuts[i][0] < at:
            continue  # inside a cut: the cut's own point says where the text goes on
        out.append((at - removed, source))
    out.sort()
    return out
