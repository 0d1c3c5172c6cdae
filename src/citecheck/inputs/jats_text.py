"""The text a structured XML reader writes, and where each stretch of it came from.

:class:`TextWriter` collects the document's text block by block (one line per block, a blank
line between blocks, white space collapsed as XML renders it), the blocks and headings, the
masked regions, and for every stretch of text taken from the file an
:class:`~citecheck.model.Origin` (line and column in the ``.xml``) and an offset-map point
(character offset in the decoded file), so that reports point at the file's own lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.inputs.jats_xml import Text, XmlFile
from citecheck.model import Block, Heading, Origin, Span

_WORD = re.compile(r"[^ \t\r\n]+")  # XML's white space only: a no-break space stays
_NEWLINE = re.compile(r"\r\n?|\n")
_XML_SPACE = " \t\r\n"
_COLLAPSIBLE = re.compile(r"[\t\r\n]|  ")  # white space that is not one plain space


@dataclass(frozen=True, slots=True)
class Written:
    """The writer's result: the text and what it knows about it."""

    text: str
    blocks: tuple[Block, ...]
    headings: tuple[Heading, ...]
    masked: tuple[Span, ...]
    origins: tuple[Origin, ...]
    points: tuple[tuple[int, int], ...]


class TextWriter:
    """Writes blocks of text (see the module doc)."""

    def __init__(self, xml: XmlFile) -> None:
        self._xml = xml
        self._parts: list[str] = []
        self.pos = 0
        self._blocks: list[Block] = []
        self._headings: list[Heading] = []
        self._masked: list[Span] = []
        self._origins: list[Origin] = []
        self._points: list[tuple[int, int]] = []
        self._block: tuple[str, int, int] | None = None  # kind, start, heading level
        self._block_part = 0  # the index in ``_parts`` where the open block's text starts
        self._space = False  # a space is due before the next word
        self._mask_depth = 0
        self._mask_start = 0
        self._last: tuple[int, int, int] | None = None  # origin start, line, column

    # blocks ----------------------------------------------------------------------------
    def open_block(self, kind: str, level: int = 0) -> None:
        """Start a block (closing the one open)."""
        self.close_block()
        self._block = (kind, -1, level)
        self._space = False

    def close_block(self) -> Span | None:
        """End the open block; its span (``None`` when nothing was written in it)."""
        if self._block is None:
            return None
        kind, start, level = self._block
        self._block = None
        self._space = False
        if start < 0:
            return None
        span = Span(start, self.pos)
        self._blocks.append(Block(kind, span))
        if kind == "heading":
            words = "".join(self._parts[self._block_part :])
            title = re.sub(r"\s+", " ", words).strip().rstrip(":").strip()
            self._headings.append(Heading(span, level or 1, title))
        return span

    @property
    def in_block(self) -> bool:
        return self._block is not None

    def ends_with(self, characters: str) -> bool:
        """Whether the text written last ends with one of ``characters``."""
        return bool(self._parts) and self._parts[-1][-1:] in characters

    def written_since(self, offset: int) -> str:
        """The open block's text from ``offset`` on ("" when the block has none yet)."""
        if self._block is None or self._block[1] < 0:
            return ""
        return "".join(self._parts[self._block_part :])[max(0, offset - self._block[1]) :]

    # text ------------------------------------------------------------------------------
    def space(self) -> None:
        """A word break (between cells, after a label) without writing anything yet."""
        if self._block is not None and self._block[1] >= 0:
            self._space = True

    def write(self, node: Text) -> None:
        """A run of the file's text, white space collapsed, each stretch placed."""
        data = node.data
        body = data.strip(_XML_SPACE)
        if not body:
            if data:
                self.space()
            return
        lead = data[: len(data) - len(data.lstrip(_XML_SPACE))]
        line, column = node.line, node.column + len(lead)
        if lead:
            self.space()
            breaks = list(_NEWLINE.finditer(lead))
            if breaks:
                line, column = line + len(breaks), len(lead) - breaks[-1].end()
        if _COLLAPSIBLE.search(body):  # white space to collapse inside: word by word
            self._words(body, line, column)
        else:  # the common case: one stretch as it stands
            self._emit(body, line, column)
        if len(lead) + len(body) < len(data):
            self.space()

    def _words(self, data: str, line: int, column: int) -> None:
        consumed = 0
        for m in _WORD.finditer(data):
            gap = data[consumed : m.start()]
            breaks = list(_NEWLINE.finditer(gap))
            if breaks:
                line += len(breaks)
                column = len(gap) - breaks[-1].end()
            else:
                column += len(gap)
            if gap:
                self.space()
            self._emit(m.group(0), line, column)
            column += len(m.group(0))
            consumed = m.end()

    def generated(self, text: str) -> None:
        """Text that is not in the file (a separator, a default heading): no origin."""
        self._emit(text, None, 0)

    def start_mask(self) -> None:
        if self._mask_depth == 0:
            self._mask_start = self._next_start()
        self._mask_depth += 1

    def end_mask(self) -> None:
        self._mask_depth -= 1
        if self._mask_depth == 0 and self.pos > self._mask_start:
            self._masked.append(Span(self._mask_start, self.pos))

    def next_start(self) -> int:
        """Where the next word will start (after the space that is due)."""
        return self._next_start()

    def _next_start(self) -> int:
        if self._block is None or self._block[1] < 0:
            return self.pos + (2 if self._parts else 0)
        return self.pos + (1 if self._space else 0)

    def _emit(self, text: str, line: int | None, column: int) -> None:
        if not text:
            return
        if self._block is None:
            self.open_block("paragraph")
        assert self._block is not None
        kind, start, level = self._block
        if start < 0:
            if self._parts:
                self._put("\n\n")
            self._block = (kind, self.pos, level)
            self._block_part = len(self._parts)
            self._last = None
        elif self._space:
            self._put(" ")
        self._space = False
        if line is not None:
            self._place(line, column)
        self._put(text)

    def _place(self, line: int, column: int) -> None:
        last = self._last
        if last and last[1] == line and column - last[2] == self.pos - last[0]:
            return
        self._last = (self.pos, line, column)
        self._origins.append(Origin(self.pos, line=line, column=column + 1))
        self._points.append((self.pos, self._xml.source_offset(line, column)))

    def _put(self, text: str) -> None:
        self._parts.append(text)
        self.pos += len(text)

    def result(self) -> Written:
        self.close_block()
        return Written(
            "".join(self._parts),
            tuple(self._blocks),
            tuple(self._headings),
            tuple(self._masked),
            tuple(self._origins),
            tuple(self._points),
        )
