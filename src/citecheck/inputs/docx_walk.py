"""Walking a Word document's XML in reading order into lines of text segments.

A *line* is what becomes one paragraph of :attr:`Document.text`: a ``w:p`` (its automatic
number first), or a table row (``| cell | cell |``, each cell's paragraphs joined). A
*segment* is a stretch of one run's text with where it came from (the paragraph's number and
the character offset in it), whether it is superscript, and the innermost field whose result
it is. What is read, what is not:

* paragraphs, tables row by row, content controls (``w:sdt``), custom XML and smart tags,
  hyperlinks' text, text boxes (after their paragraph; ``mc:Choice`` only, not the fallback
  copy), math's text;
* fields: only their *results* (between ``separate`` and ``end``), never ``w:instrText``,
  which is kept per field for the citation-manager readers, with a field's ``w:fldData``
  (EndNote's base64 record) and the field it is nested in; a content control tagged by a
  citation manager (Mendeley Cite's ``MENDELEY_CITATION_v3_…``) and a Zotero bookmark
  (``ZOTERO_BREF_…``, bookmark storage) count as fields whose result is their content;
* tracked changes as accepted: ``w:ins``/``w:moveTo`` in, ``w:del``/``w:moveFrom`` and
  deleted table rows out (counted);
* not read: comments, hidden text (``w:vanish``), deleted text, field codes, drawings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from citecheck.inputs.docx_numbering import Numbering
from citecheck.inputs.docx_styles import Styles, num_pr, on, val
from citecheck.inputs.ooxml import W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
PARAGRAPH_STRIDE = 1_000_000  # source offset = paragraph number × stride + offset in it

_SKIPPED_NAMES = (
    "rPr pPr sdtPr sdtEndPr tblPr tblGrid trPr tcPr sectPr del moveFrom delText "
    "delInstrText commentReference footnoteReference endnoteReference annotationRef "
    "fldData proofErr permStart permEnd"
)
_SKIP = {f"{W}{name}" for name in _SKIPPED_NAMES.split()} | {f"{MC}Fallback"}
_CHANGES = {f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"}
# Run content that stands for a character (a tab or break read as a space).
_RUN_TEXT = {f"{W}{name}": " " for name in ("tab", "br", "cr", "ptab")}
_RUN_TEXT[f"{W}noBreakHyphen"] = "-"
_RUN_TEXT[f"{W}softHyphen"] = ""


@dataclass(slots=True)
class Segment:
    text: str
    source: int | None  # None: markup the reader wrote (a label, a cell separator)
    sup: bool = False
    field: int = -1  # index into Walker.fields of the innermost field, -1 outside fields


@dataclass(slots=True)
class Line:
    number: int  # the paragraph number of its first w:p (1-based)
    kind: str = "paragraph"  # paragraph, heading, list-item, table-row, caption
    level: int = 0  # a heading's level
    style: str = ""
    segments: list[Segment] = field(default_factory=list)
    chars: int = 0  # characters of the paragraph's own text so far

    @property
    def words(self) -> str:
        return "".join(s.text for s in self.segments if s.source is not None).strip()


@dataclass(slots=True)
class Field:
    instr: list[str] = field(default_factory=list)
    result: bool = False
    data: str = ""  # w:fldData of its begin (EndNote's base64 record)
    parent: int = -1  # the field it is nested in, -1 none
    bookmark: str = ""  # a Zotero bookmark's name: its code is in the document properties

    @property
    def code(self) -> str:
        return "".join(self.instr).strip()


class Walker:
    """Reads block containers (a body, a cell, a note) into :attr:`lines`."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[Line] = []
        self.fields: list[Field] = []
        self.changes = 0  # tracked changes accepted
        self._stack: list[int] = []  # open fields
        self.rendered_breaks: list[int] = []  # source offsets of w:lastRenderedPageBreak
        self.hard_breaks: list[int] = []  # of page breaks typed (w:br page, pageBreakBefore)
        self._bookmarks: dict[str, int] = {}  # open Zotero bookmarks: w:id → field
        self._number = 0

    def read(self, container: ET.Element) -> None:
        self.lines.extend(self.block_lines(container))

    def block_lines(self, container: ET.Element) -> list[Line]:
        lines: list[Line] = []
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                lines.extend(self._paragraph(child))
            elif tag == f"{W}tbl":
                lines.extend(self._table(child))
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    opened = self._open_control(child)
                    lines.extend(self.block_lines(content))
                    self._close(opened)
            elif tag in (f"{W}bookmarkStart", f"{W}bookmarkEnd"):
                self._bookmark(child)
            elif tag in (f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                self.changes += tag != f"{W}customXml"
                lines.extend(self.block_lines(child))
            elif tag in (f"{W}del", f"{W}moveFrom"):
                self.changes += 1
        return lines

    def _table(self, table: ET.Element) -> list[Line]:
        rows = []
        for row in _children(table, f"{W}tr"):
            trpr = row.find(f"{W}trPr")
            if trpr is not None and trpr.find(f"{W}del") is not None:
                self.changes += 1
                continue
            line = Line(self._number + 1, "table-row")
            line.segments.append(Segment("|", None))
            for cell in _children(row, f"{W}tc"):
                line.segments.append(Segment(" ", None))
                for k, inner in enumerate(self.block_lines(cell)):
                    if k:
                        line.segments.append(Segment(" ", None))
                    line.segments.extend(inner.segments)
                line.segments.append(Segment(" |", None))
            rows.append(line)
        return rows

    def _paragraph(self, p: ET.Element) -> list[Line]:
        self._number += 1
        ppr = p.find(f"{W}pPr")
        style = val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        style = style or self.styles.default_paragraph
        line = Line(self._number, style=self.styles.name(style))
        if ppr is not None and ppr.find(f"{W}rPr/{W}del") is not None:
            self.changes += 1
        if ppr is not None and on(ppr.find(f"{W}pageBreakBefore")):
            self.hard_breaks.append(line.number * PARAGRAPH_STRIDE)
        level = self.styles.heading_level(style)
        outline = val(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
        if outline is not None and outline.isdigit():
            level = int(outline) + 1 if int(outline) < 9 else None
        numbering = num_pr(ppr) or self.styles.numbering(style)
        if numbering is not None:
            own = num_pr(ppr)
            ilvl = own[1] if own and own[1] is not None else numbering[1]
            label = self.numbering.label(numbering[0], ilvl or 0)
            if label:
                line.segments.append(Segment(label, None))
                line.kind = "list-item"
        if level is not None:
            line.kind, line.level = "heading", level
        elif line.style.lower() == "caption":
            line.kind = "caption"
        extra: list[Line] = []
        bold = self._inline(p, line, extra, self.styles.bold(style))
        words = line.words
        if line.kind == "paragraph" and (
            (bold and _looks_like_heading(words)) or _is_capitals_heading(words)
        ):
            line.kind, line.level = "heading", 3
        return [line, *extra]

    def _inline(self, element: ET.Element, line: Line, extra: list[Line], bold: bool) -> bool:
        """Read ``element``'s inline content into ``line`` (text boxes into ``extra``);
        whether all its text was bold."""
        all_bold = True
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                self.changes += tag in _CHANGES
                continue
            if tag == f"{W}r":
                all_bold &= self._run(child, line, extra, bold)
            elif tag == f"{W}sdt":
                opened = self._open_control(child)
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    all_bold &= self._inline(content, line, extra, bold)
                self._close(opened)
            elif tag in (f"{W}bookmarkStart", f"{W}bookmarkEnd"):
                self._bookmark(child)
            elif tag == f"{W}fldSimple":
                self.fields.append(Field([child.get(f"{W}instr") or ""], True))
                self._stack.append(len(self.fields) - 1)
                all_bold &= self._inline(child, line, extra, bold)
                self._stack.pop()
            elif tag == f"{W}txbxContent":
                extra.extend(self.block_lines(child))
            elif tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    all_bold &= self._inline(choice, line, extra, bold)
            elif tag == f"{M}t":
                self._text(child.text or "", line, False)
            else:
                self.changes += tag in _CHANGES
                all_bold &= self._inline(child, line, extra, bold)
        return all_bold

    def _run(self, run: ET.Element, line: Line, extra: list[Line], bold: bool) -> bool:
        rpr = run.find(f"{W}rPr")
        sup = hidden = False
        if rpr is not None:
            rstyle = val(rpr.find(f"{W}rStyle"))
            align = val(rpr.find(f"{W}vertAlign")) or self.styles.vert_align(rstyle)
            sup = align == "superscript"
            hidden = bool(on(rpr.find(f"{W}vanish")))
            own_bold = on(rpr.find(f"{W}b"))
            bold = own_bold if own_bold is not None else (bold or self.styles.bold(rstyle))
        wrote = ""
        for child in run:
            tag = child.tag
            if tag == f"{W}br" and child.get(f"{W}type") == "page":
                self.hard_breaks.append(line.number * PARAGRAPH_STRIDE + line.chars)
            text = _RUN_TEXT.get(tag, child.text if tag == f"{W}t" else None)
            if text is not None and not hidden and self._text(text or "", line, sup):
                wrote += text or ""
            elif tag == f"{W}lastRenderedPageBreak":
                self.rendered_breaks.append(line.number * PARAGRAPH_STRIDE + line.chars)
            elif tag == f"{W}fldChar":
                self._field_char(child)
            elif tag == f"{W}instrText":
                if self._stack and not self.fields[self._stack[-1]].result:
                    self.fields[self._stack[-1]].instr.append(child.text or "")
            elif tag not in _SKIP:
                self._inline(child, line, extra, bold)  # drawings: text boxes only
        return bold or not wrote.strip()

    def _field_char(self, char: ET.Element) -> None:
        kind = val_type(char)
        if kind == "begin":
            data = char.find(f"{W}fldData")
            parent = self._stack[-1] if self._stack else -1
            self.fields.append(Field(data="" if data is None else data.text or "", parent=parent))
            self._stack.append(len(self.fields) - 1)
        elif kind == "separate" and self._stack:
            self.fields[self._stack[-1]].result = True
        elif kind == "end" and self._stack:
            self._stack.pop()

    def _open_control(self, sdt: ET.Element) -> int:
        """A content control a citation manager tagged opens a field (its tag the code);
        the field's index, or -1 for any other control."""
        tag = (val(sdt.find(f"{W}sdtPr/{W}tag")) or "").removeprefix("ITEM ")
        if not tag.upper().startswith("MENDELEY_"):
            return -1
        return self._open(Field([tag], True))

    def _bookmark(self, mark: ET.Element) -> None:
        """A Zotero bookmark (bookmark storage) is a field from its start to its end."""
        ident = mark.get(f"{W}id") or ""
        if mark.tag == f"{W}bookmarkEnd":
            self._close(self._bookmarks.pop(ident, -1))
            return
        name = mark.get(f"{W}name") or ""
        if name.startswith("ZOTERO_BREF_") and ident not in self._bookmarks:
            self._bookmarks[ident] = self._open(Field(result=True, bookmark=name))

    def _open(self, opened: Field) -> int:
        opened.parent = self._stack[-1] if self._stack else -1
        self.fields.append(opened)
        self._stack.append(len(self.fields) - 1)
        return len(self.fields) - 1

    def _close(self, index: int) -> None:
        if index >= 0 and index in self._stack:
            self._stack.remove(index)

    def _text(self, text: str, line: Line, sup: bool) -> bool:
        if not text or any(not self.fields[i].result for i in self._stack):
            return False
        source = line.number * PARAGRAPH_STRIDE + line.chars
        line.chars += len(text)
        inner = self._stack[-1] if self._stack else -1
        line.segments.append(Segment(text, source, sup, inner))
        return True


def val_type(element: ET.Element) -> str | None:
    return element.get(f"{W}fldCharType")


def _children(element: ET.Element, tag: str) -> list[ET.Element]:
    """Children named ``tag``, also inside content controls and custom XML around them."""
    out = []
    for child in element:
        if child.tag == tag:
            out.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent"):
            out.extend(_children(child, tag))
    return out


def _looks_like_heading(words: str) -> bool:
    """A short bold line that reads as a section name (not a sentence, not a caption)."""
    return (
        0 < len(words) <= 60
        and any(c.isalpha() for c in words)
        and not words.endswith((".", ",", ";"))
        and not words.lower().startswith(("figure", "fig.", "table"))
    )


def _is_capitals_heading(words: str) -> bool:
    if len(words) > 60:  # the longest heading _looks_like_heading takes
        return False
    letters = [c for c in words if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and _looks_like_heading(words)
