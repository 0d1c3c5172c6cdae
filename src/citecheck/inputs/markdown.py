"""The Markdown reader: the one place that knows Markdown syntax.

It fills a :class:`~citecheck.model.Document` with what the syntax says:

* ``masked`` — regions that are not prose: fenced code (```` ``` ```` and ``~~~``), inline code,
  HTML comments (where inline claim tags live), ``<script>``/``<style>``/``<code>``/``<pre>``
  elements, other HTML tags (the tags only, and never ``<sup>``: superscript citations live
  there), link definitions, inline and reference links, footnote markers and bare URLs;
  merged and in order.
* ``headings`` — ATX headings (``#`` to ``######``, up to three spaces in) and Setext headings
  (a line underlined with ``===`` or ``---``), outside fenced code. The title is the words:
  closing hashes, emphasis and a section number ("3.", "2.1") removed. A line that is only
  bold (``**References**``) is a paragraph in Markdown and not a heading here; the stages
  that accept such a line as a section name do so by its words.
* ``blocks`` — ``heading``, ``code`` (a fenced block), ``list-item`` (a ``-``/``*``/``+``/``•``
  bullet or ``1.``/``1)`` item with its continuation lines), ``table-row`` (a line starting
  with ``|``), ``quote`` (``>`` lines) and ``paragraph`` (the other runs of non-blank lines).

Everything is one pass over the lines (and one regular expression pass per masked construct),
linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from citecheck.delimited import closed_regions
from citecheck.inputs.format import text_format
from citecheck.inputs.text_lines import without_line_numbers
from citecheck.model import Block, Document, Heading, Span
from citecheck.typography import DASHES

# The dashes a reference number range may use (as in citecheck.citations.find).
_DASHES = re.escape(DASHES)
_FENCES = ("```", "~~~")
# Bracket contents exclude an opening bracket too ("[^\[\]\n]"), so that a run of "[" without
# a "]" (or "<" without ">") costs one scan, not one per bracket: the match then starts at
# the innermost opening bracket, which for a link is where its text starts anyway.
# Each with a string every match holds: a text without it is not searched.
# (A "]" followed by ":", "(" or "[" is looked for once, by _BRACKET_PAIRS; one character
# ("^") is searched for far faster than two.)
_MASKS = (
    ("`", re.compile(r"`[^`\n]+`")),  # inline code
    ("<", re.compile(r"<(?!/?sup\b)[A-Za-z/][^<>\n]*>")),  # other HTML tags (not their text)
    ("]:", re.compile(r"^[ \t]*\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE)),  # link definitions
    ("]:", re.compile(r"\[[^\[\]\n]+\]:\s*(?:https?://|www\.|<)\S*")),  # "[1]: https://…"
    ("^", re.compile(r"\[\^[^\[\]\n]*\]")),  # footnote markers
    # inline links [text](url), reference links [text][2] (but not "[1][2]", two citation
    # markers): the target is masked, and the whole link when its text is numbers alone
    # ("[3](url)", a linked number) or holds a pandoc key ("[see @x](url)": pandoc reads a
    # link there, not a citation); other text is read with its brackets, which may
    # be a citation ("[Smith, 2001](https://…)", "[(3)](#B3)", "[[3]](#ref3)" as converters
    # write them: the text's own brackets are allowed one level deep)
    ("](", re.compile(r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\](\([^)\n]*\))")),
    ("][", re.compile(rf"\[(?![\d \t,;{_DASHES}]*\])[^\[\]\n]*\](\[[^\[\]\n]*\])")),
    ("://", re.compile(r"https?://\S+")),
)
_BRACKET_PAIRS = re.compile(r"\][:(\[]")
# HTML comments (claim tags live here) and <script>/<style>/<code>/<pre> elements, each up to
# its first closer (citecheck.delimited: an opener never closed costs one scan, not one each).
_COMMENT = re.compile(r"<!--")
_COMMENT_END = re.compile(r"-->")
_ELEMENT = re.compile(r"<(script|style|code|pre)\b", re.IGNORECASE)


def _comment_end(m: re.Match[str]) -> re.Pattern[str]:
    return _COMMENT_END


def _element_end(m: re.Match[str]) -> re.Pattern[str]:
    return re.compile(rf"</{m.group(1).lower()}\s*>", re.IGNORECASE)


_ATX = re.compile(r" {0,3}(#{1,6})[ \t]+\S")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•]\s|\d{1,3}[.)]\s)")
_TABLE_ROW = re.compile(r"[ \t]*\|")
_QUOTE = re.compile(r" {0,3}>")
_ATTRIBUTES = re.compile(r"\{[ \t]*(?:[#.][^{}\n]*|-)\}")  # pandoc's {#id .class}, {-}
_NUMBERING = re.compile(r"\d+(?:\.\d+)*\.?[ \t]+")


def read_markdown(document: Document) -> Document:
    """``document`` with what its Markdown says: masked regions, headings and blocks (a
    plain text copied from a line-numbered PDF read without its line numbers first)."""
    document = without_line_numbers(document)
    headings, blocks, fences = _structure(document.text)
    masked = masked_regions(document.text, fences=fences)
    return replace(document, format="markdown", masked=masked, headings=headings, blocks=blocks)


def masked_regions(text: str, *, fences: Iterable[Span] | None = None) -> tuple[Span, ...]:
    """The regions of ``text`` that are not prose (see the module doc), sorted and merged
    (regions that touch or overlap become one)."""
    if fences is None:
        fences = _structure(text)[2]
    spans = [(s.start, s.end) for s in fences]
    pairs = set(_BRACKET_PAIRS.findall(text))
    for needle, rx in _MASKS:
        if needle in pairs if needle[0] == "]" else needle in text:
            spans.extend(_mask_spans(rx, text))
    spans.extend(closed_regions(text, _COMMENT, _comment_end))
    spans.extend(closed_regions(text, _ELEMENT, _element_end))
    return tuple(Span(start, end) for start, end in merge_spans(spans))


_NUMBERS_ONLY = re.compile(rf"[\d \t,;{_DASHES}]*")


def _mask_spans(rx: re.Pattern[str], text: str) -> Iterable[tuple[int, int]]:
    """The regions ``rx`` masks in ``text``: each whole match, but for a link (a pattern
    with a group: the target) whose text is more than numbers and holds no "@", only the
    target."""
    for m in rx.finditer(text):
        if (
            rx.groups
            and not _NUMBERS_ONLY.fullmatch(text, m.start() + 1, m.start(1) - 1)
            and "@" not in text[m.start() : m.start(1)]
        ):
            yield m.span(1)
        else:
            yield m.span()


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``(start, end)`` pairs sorted, with those that touch or overlap joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def find_headings(text: str) -> tuple[Heading, ...]:
    """The ATX and Setext headings of ``text``, in order (see the module doc)."""
    return _structure(text)[0]


def find_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of ``text``, in order (see the module doc)."""
    return _structure(text)[1]


def heading_title(line: str) -> str:
    """The words of a heading's text: closing hashes, emphasis, a closing colon and the
    section number removed (``## **3. Results:**`` → ``Results``), and pandoc's attributes
    (``# References {#references .unnumbered}`` → ``References``)."""
    title = _without_attributes(line).rstrip(" \t#").strip("*_ \t").rstrip(":").rstrip("*_ \t")
    numbering = _NUMBERING.match(title)
    return title[numbering.end() :] if numbering else title


def _without_attributes(line: str) -> str:
    """``line`` without pandoc's attributes at its end (`` {#id .class}``, `` {-}``), found
    from the end: the last ``{`` of a line ending in ``}`` (a pattern tried at every blank of
    a long run of blanks would cost time quadratic in the run)."""
    stripped = line.rstrip(" \t")
    brace = stripped.rfind("{") if stripped.endswith("}") else -1
    if brace > 0 and stripped[brace - 1] in " \t" and _ATTRIBUTES.fullmatch(stripped, brace):
        return stripped[:brace].rstrip(" \t")
    return line


def _lines(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Every line of ``text`` (the empty last one included) and its ``(start, end)`` (``end``
    at its ``\\n``)."""
    strings = text.split("\n")
    out = []
    start = 0
    for line in strings:
        end = start + len(line)
        out.append((start, end))
        start = end + 1
    return strings, out


def _fence_closers(text: str, lines: list[tuple[int, int]]) -> dict[str, list[int]]:
    """For each fence kind, the indices of the lines that start with it, in order."""
    out: dict[str, list[int]] = {fence: [] for fence in _FENCES}
    if "`" not in text and "~" not in text:  # one character is the quicker search
        return out
    for i, (start, _) in enumerate(lines):
        if text.startswith(_FENCES, start):
            out[text[start : start + 3]].append(i)
    return out


def _structure(text: str) -> tuple[tuple[Heading, ...], tuple[Block, ...], tuple[Span, ...]]:
    """Headings, blocks and fenced code spans: one pass over the lines."""
    strings, lines = _lines(text)
    fence_lines = _fence_closers(text, lines)
    next_fence = {fence: 0 for fence in _FENCES}  # pointer into fence_lines[fence]
    headings: list[Heading] = []
    blocks: list[Block] = []
    fences: list[Span] = []
    open_kind: str | None = None  # the block that the next plain line continues
    open_start = open_end = 0
    i = 0

    def close() -> None:
        nonlocal open_kind
        if open_kind is not None:
            blocks.append(Block(open_kind, Span(open_start, open_end)))
        open_kind = None

    while i < len(lines):
        start, end = lines[i]
        line = strings[i]
        first = line[:1]
        if not first:  # an empty line
            close()
            i += 1
            continue
        if first.isalpha():  # prose: none of the constructs below starts with a letter
            if open_kind not in ("paragraph", "list-item"):
                close()
                open_kind, open_start = "paragraph", start
            open_end = end
            i += 1
            continue
        if first == "|":  # a table row: nothing else starts with "|"
            close()
            blocks.append(Block("table-row", Span(start, end)))
            i += 1
            continue
        fence = line[:3] if line.startswith(_FENCES) else None
        if fence is not None:
            closers = fence_lines[fence]
            k = next_fence[fence]
            while k < len(closers) and closers[k] <= i:
                k += 1
            next_fence[fence] = k
            if k < len(closers):  # closed: a code block up to the end of its closing line
                close()
                span = Span(start, lines[closers[k]][1])
                fences.append(span)
                blocks.append(Block("code", span))
                i = closers[k] + 1
                continue
        if not line.strip():
            close()
        elif atx := _ATX.match(line):
            close()
            title = heading_title(line[atx.end() - 1 :])
            headings.append(Heading(Span(start, end), len(atx.group(1)), title))
            blocks.append(Block("heading", Span(start, end)))
        elif open_kind == "paragraph" and (setext := _SETEXT.match(line)):
            title_start = lines[i - 1][0]  # the line above is the heading's text
            if title_start > open_start:
                blocks.append(Block("paragraph", Span(open_start, lines[i - 2][1])))
            open_kind = None
            level = 1 if setext.group(1).startswith("=") else 2
            title = heading_title(text[title_start : lines[i - 1][1]])
            headings.append(Heading(Span(title_start, end), level, title))
            blocks.append(Block("heading", Span(title_start, end)))
        elif _LIST_ITEM.match(text, start):
            close()
            open_kind, open_start, open_end = "list-item", start, end
        elif _TABLE_ROW.match(line):
            close()
            blocks.append(Block("table-row", Span(start, end)))
        elif _QUOTE.match(line):
            if open_kind != "quote":
                close()
                open_kind, open_start = "quote", start
            open_end = end
        elif open_kind in ("paragraph", "list-item"):
            open_end = end  # a continuation line
        else:
            close()
            open_kind, open_start, open_end = "paragraph", start, end
        i += 1
    close()
    return tuple(headings), tuple(blocks), tuple(fences)


MARKDOWN = text_format("markdown", read_markdown)
"""Markdown, and plain text (Markdown with no markup)."""
