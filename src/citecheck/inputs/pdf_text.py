"""A PDF's lines, in reading order, into a document's text: paragraphs, headings, hyphenation.

The text is made to read like a clean text manuscript: one paragraph per line, paragraphs
separated by a blank line, headings and reference entries on lines of their own.

* **Paragraphs** break where the vertical gap between lines is larger than the body's line
  pitch, where a line begins with a list label (``12.``, ``[12]``, ``•``), after a line that
  ends its paragraph short of its column's right edge (in ragged-right text: when the next
  line's first word would have fitted), before a first-line indent, after a hanging indent,
  and around headings (:mod:`citecheck.inputs.pdf_paragraphs`). A paragraph goes on across
  columns and pages.
* **Headings** are lines set larger than the body text (the larger, the higher the level),
  or short lines set all in bold or centred in their column (level 3); neighbouring lines of
  one heading are one heading. Bold names with initials in small print are a reference's
  authors (as some journals set them), not a heading.
* **Hyphenation**: a word cut by a hyphen at a line end is joined without it when the joined
  word occurs elsewhere in the document and the hyphenated one does not; with the hyphen
  when the hyphenated word occurs elsewhere; otherwise as the document's other line-end
  hyphens go (a document whose cut words are words elsewhere is hyphenated by its typesetter,
  and its cut hyphens are dropped; one that never is keeps them: they are real hyphens).
* **URLs and DOIs** cut after punctuation at a line end (``https://doi.org/10.`` then
  ``1080/…``) are joined without a space, unless what follows is a word or another URL.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from citecheck.inputs.pdf_footnotes import Notes, footnote_lines
from citecheck.inputs.pdf_layout import THIRDS, Line
from citecheck.inputs.pdf_paragraphs import CAPTION, LABEL, Columns, columns, continues, next_line
from citecheck.inputs.pdf_super import LIGATURES, write_line
from citecheck.model import Block, Heading, Origin, Span

PAGE_OFFSET = 1_000_000  # source offset = page × this + PDFium's glyph index on the page
_COLUMN_NAMES = {1: "left column, ", 2: "right column, "} | {
    THIRDS + k: f"{name} column, " for k, name in enumerate(("left", "middle", "right"))
}
_WORD = re.compile(r"[^\W\d_]{2,}")
_HYPHENATED = re.compile(r"[^\W\d_]+-[^\W\d_]+")
_CUT = re.compile(r"([^\W\d_]+)-$")
_NEXT = re.compile(r"^([^\W\d_]+)")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+")
_DASH_END = re.compile(r"\S[-–—]$")
_NUMBER = re.compile(r"\d+")
_INITIALS = re.compile(r"(?:^|[\s,])[A-Z]\.(?:[\s,-]|$)")  # ``Smith, R. F.,``
_URL = re.compile(r"(?i)(?:https?://|www\.|doi\.org/|^doi:|^10\.\d{4,9}/)\S*$")
_URL_PIECE = re.compile(r"^[\w./\-=?&%#:;~+()]+$")
_WORD_START = re.compile(r"^[A-Z][a-z]+[,.;:]?$")  # the next entry's author, not a URL piece


@dataclass(frozen=True)
class PdfText:
    """What :func:`assemble` makes of the lines: the pieces of a Document."""

    text: str
    points: tuple[tuple[int, int], ...]
    origins: tuple[Origin, ...]
    headings: tuple[Heading, ...]
    blocks: tuple[Block, ...]
    superscripts: tuple[tuple[Span, bool], ...] = ()  # each ``^{…}``, and its math font flag


@dataclass
class _Paragraph:
    lines: list[Line]
    kind: str
    level: int = 0


def assemble(lines: list[Line]) -> PdfText:
    """The document's text from its lines in reading order (see the module doc)."""
    if not lines:
        return PdfText("", (), (), (), ())
    body = _body_height(lines)
    cols = columns(lines, body)
    levels = _heading_levels(lines, body, cols)
    footnotes = footnote_lines(lines, levels, body)
    notes: Notes[_Paragraph] = Notes()
    paragraphs: list[_Paragraph] = []
    for line in lines:
        if id(line) in footnotes:
            notes.hold(line, lambda held, line: continues(held, line, cols))
            continue
        level = levels.get(id(line), 0)
        last = paragraphs[-1] if paragraphs else None
        if last is not None and _continues(last, line, level, cols):
            last.lines.append(line)
        else:
            notes.place(last)
            kind = "heading" if level else _kind(line.text)
            paragraphs.append(_Paragraph([line], kind, level))
        if footnotes:
            notes.seen(line, paragraphs[-1])
    notes.place(paragraphs[-1] if paragraphs else None)
    ordered = notes.order(paragraphs, lambda note: _Paragraph(note, _kind(note[0].text)))
    return _write(list(ordered), _Hyphens(lines), _line_numbers(lines))


def _line_numbers(lines: list[Line]) -> dict[int, int]:
    """Each line's number in its page column, counted in reading order (by ``id``)."""
    counts: Counter[tuple[int, int]] = Counter()
    numbers: dict[int, int] = {}
    for line in lines:
        counts[line.page, line.column] += 1
        numbers[id(line)] = counts[line.page, line.column]
    return numbers


def _body_height(lines: list[Line]) -> float:
    weight: Counter[float] = Counter()
    for line in lines:
        weight[round(line.height * 2) / 2] += len(line.tokens)
    return weight.most_common(1)[0][0]


def _heading_levels(lines: list[Line], body: float, cols: Columns) -> dict[int, int]:
    """Lines that are headings, by ``id``, and their level."""
    sizes = _size_levels([ln.height for ln in lines if ln.height >= 1.15 * body])
    levels: dict[int, int] = {}
    for line in lines:
        words = line.text.split()
        if not any(_WORD.search(w) for w in words) or len(words) > 25:
            continue
        if line.height >= 1.15 * body:
            levels[id(line)] = min(sizes[line.height], 3)
        elif line.height < 0.9 * body and (
            _INITIALS.search(line.text) or len(_NUMBER.findall(line.text)) >= 3
        ):
            continue  # small print's bold authors (with initials) or dates: not a heading
        elif _bold_heading(line, words, cols) or _centred_heading(line, words, cols):
            levels[id(line)] = min(max(sizes.values(), default=0) + 1, 3)
    return levels


def _size_levels(heights: list[float]) -> dict[float, int]:
    """Heading levels by size: the largest is 1; sizes within 8% of a level's largest are
    that level (one font's lines measure a little differently)."""
    levels: dict[float, int] = {}
    level, top = 0, 0.0
    for height in sorted(set(heights), reverse=True):
        if not level or height < 0.92 * top:
            level, top = level + 1, height
        levels[height] = level
    return levels


def _bold_heading(line: Line, words: list[str], cols: Columns) -> bool:
    """A short line all in bold at its column's left edge, not ending a sentence."""
    return (
        all(t.bold for t in line.tokens)
        and len(words) <= 12
        and line.x0 <= cols.left[line.page, line.column] + line.height
        and not line.text.rstrip().endswith((".", ",", ";"))
        and not LABEL.match(line.text)
    )


def _centred_heading(line: Line, words: list[str], cols: Columns) -> bool:
    """A short line set in the middle of its column, starting with a capital and not ending
    a sentence: an APA manuscript's or a word processor's centred heading (``References``,
    ``Method``), bold or not."""
    key = (line.page, line.column)
    left, right, h = cols.left[key], cols.right[key], line.height
    return (
        len(words) <= 8
        and line.text[:1].isupper()
        and line.x0 > left + 5 * h  # not a hanging or first-line indent
        and line.x1 < right - 5 * h
        and abs((line.x0 + line.x1) - (left + right)) <= 2 * h
        and not re.search(r"[.,;:]\s|[.,;:]$", line.text.rstrip())
        and not LABEL.match(line.text)
        and not CAPTION.match(line.text)
        and not any(c in line.text for c in "=+<>|")
    )


def _continues(last: _Paragraph, line: Line, level: int, cols: Columns) -> bool:
    """Whether ``line`` goes on the paragraph ``last`` (``level``: the line's heading level,
    0 for none)."""
    if level or last.kind == "heading":
        return (
            bool(level) and level == last.level and next_line(last.lines[-1], line, cols.pitch, 1.6)
        )
    return continues(last.lines, line, cols)


def _kind(text: str) -> str:
    if LABEL.match(text):
        return "list-item"
    return "caption" if CAPTION.match(text) else "paragraph"


class _Hyphens:
    """Which line-end hyphens are the typesetter's (module doc)."""

    def __init__(self, lines: list[Line]) -> None:
        words: Counter[str] = Counter()
        hyphenated: Counter[str] = Counter()
        for line in lines:
            text = line.text.translate(LIGATURES).lower()
            words.update(_WORD.findall(text))
            hyphenated.update(_HYPHENATED.findall(text))
        self.words = words
        self.hyphenated = hyphenated
        self.typeset = False
        cut = [self._cut(a.text, b.text) for a, b in itertools.pairwise(lines)]
        votes = [self._known(*c) for c in cut if c is not None]
        self.typeset = votes.count("join") > votes.count("keep")

    @staticmethod
    def _cut(first: str, second: str) -> tuple[str, str] | None:
        head = _CUT.search(first.translate(LIGATURES))
        tail = _NEXT.match(second.translate(LIGATURES))
        if head is None or tail is None or not tail.group(1)[0].islower():
            return None
        return head.group(1).lower(), tail.group(1).lower()

    def _known(self, head: str, tail: str) -> str | None:
        if self.hyphenated[f"{head}-{tail}"]:
            return "keep"
        return "join" if self.words[head + tail] else None

    def drop(self, first: str, second: str) -> bool:
        """Whether the hyphen ending ``first`` goes when ``second`` follows it."""
        cut = self._cut(first, second)
        if cut is None:
            return False
        known = self._known(*cut)
        return known == "join" if known else self.typeset


def _write(paragraphs: list[_Paragraph], hyphens: _Hyphens, numbers: dict[int, int]) -> PdfText:
    out: list[str] = []
    points: list[tuple[int, int]] = []
    origins: list[Origin] = []
    headings: list[Heading] = []
    blocks: list[Block] = []
    raised: list[tuple[Span, bool]] = []
    at = 0
    for paragraph in paragraphs:
        if out:
            out.append("\n\n")
            at += 2
        start = at
        previous = ""
        for line in paragraph.lines:
            text, starts, runs = write_line(line)
            if previous:
                if _url_goes_on(previous, text):
                    pass  # a URL or DOI cut at the line's end: no space into it
                elif previous.endswith("-") and hyphens.drop(previous, text):
                    out[-1] = out[-1][:-1]
                    at -= 1
                elif not _DASH_END.search(previous):
                    out.append(" ")
                    at += 1
            origins.append(Origin(at, page=line.page, label=_label(line, numbers[id(line)])))
            points.extend((at + offset, line.page * PAGE_OFFSET + i) for offset, i in starts)
            raised.extend((Span(at + a, at + b), math) for a, b, math in runs)
            out.append(text)
            at += len(text)
            previous = text
        span = Span(start, at)
        blocks.append(Block(paragraph.kind, span))
        if paragraph.kind == "heading":
            headings.append(Heading(span, paragraph.level, ""))
    text = "".join(out)
    headings = [Heading(h.span, h.level, _title(text[h.span.start : h.span.end])) for h in headings]
    return PdfText(
        text, tuple(points), tuple(origins), tuple(headings), tuple(blocks), tuple(raised)
    )


def _url_goes_on(previous: str, text: str) -> bool:
    """Whether ``previous`` ends in a URL or DOI that ``text`` goes on (``https://doi.org/10.``
    then ``1080/13645579``; ``package=`` then ``semTools``): the URL was cut where a line could
    break, after punctuation, and what follows has no space in it and is not a word."""
    last = previous.rsplit(None, 1)[-1] if previous.strip() else ""
    first = text.split(None, 1)[0] if text.strip() else ""
    piece = first.rstrip(",;")  # ``types-cases/civil-cases,``: the sentence's comma after it
    if not _URL.search(last) or not _URL_PIECE.match(piece) or _WORD_START.match(first):
        return False
    if piece != first and piece.isdigit():
        return False  # ``https://site.org/`` then ``2019,``: the entry's year
    if "://" in first or "www." in first:
        return False  # another URL starts (a footnote's, after its number)
    if last.endswith(","):
        return False  # ``https://doi.org/10.1130/G32054.1,`` then ``2011.``: Copernicus's year
    if last.endswith(("/", ".", "=", "-", "_", "?", "&", "#")):
        return True
    return first[0].isdigit() and not first.isdigit()  # not a bare number: an entry's own


def _label(line: Line, number: int) -> str:
    words = line.text.translate(LIGATURES).split()
    shown = ""
    for word in words:
        if len(shown) + len(word) > 30:
            break
        shown = f"{shown} {word}" if shown else word
    more = "…" if len(shown) < len(" ".join(words)) else ""
    shown = shown or (words[0][:30] if words else "")
    column = _COLUMN_NAMES.get(line.column, "")
    return f"page {line.page}, {column}line {number} '{shown}{more}'"


def _title(words: str) -> str:
    title = " ".join(words.split()).rstrip(":").strip()
    numbering = _NUMBERING.match(title)
    return title[numbering.end() :] if numbering else title
