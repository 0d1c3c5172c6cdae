"""The Word reader: a ``.docx`` manuscript into a :class:`~citecheck.model.Document`.

The package is opened by :mod:`citecheck.inputs.ooxml` (limits, no DTDs, one-line errors),
the main story is walked in reading order by :mod:`citecheck.inputs.docx_walk`, footnotes
and endnotes follow it under a heading of their own. The document's text is made to read as
the Markdown reader's does:

* one paragraph of text per ``w:p`` (a table row is one: ``| cell | cell |``), separated by a
  blank line; empty paragraphs leave nothing;
* Word's automatic numbering written as printed (``12. ``, ``a) ``, ``• ``), so an
  auto-numbered reference list keeps its numbers;
* superscript runs (direct, or through a character style) written ``^{…}`` (neighbouring
  superscript runs as one), so the citation finder and its filters see what they see in
  Markdown;
* ``headings``: paragraphs styled ``heading 1``…``heading 9`` or ``Title`` (level 1), or with
  an outline level; short lines that are all bold or all capitals, as authors type section
  names, at level 3. ``blocks``: ``heading``, ``paragraph``, ``list-item`` (a numbered or
  bulleted paragraph), ``table-row``, ``caption`` (style Caption). ``masked``: URLs.

**Source offsets.** A zip has no character positions a person could use, so the offset map
(:attr:`Document.offsets`, what JSON reports print as ``start``/``end``) points at
*paragraph number × 1,000,000 + character offset in that paragraph's text*: the paragraph
number counts the ``w:p`` elements of the body in document order from 1 (table-cell
paragraphs included, then footnotes, then endnotes), and the character offset counts the
paragraph's own text as Word stores it (no label, no ``^{}``). ``start // 1000000`` is the
paragraph, ``start % 1000000`` where in it. Line and column are those of the text view
(one line per paragraph, a blank line between). :attr:`Document.origins` names each
paragraph's place as a person finds it in Word: its number and first words, and its page
when the file records page breaks (:mod:`citecheck.inputs.docx_places`).

Tracked changes are read as accepted; when there were any, a :class:`TrackedChangesWarning`
says so. Comments are not read.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from xml.etree import ElementTree as ET

from citecheck.errors import InputError
from citecheck.inputs.docx_csl_list import with_field_list
from citecheck.inputs.docx_fields import FieldSpan, with_field_marks
from citecheck.inputs.docx_numbering import Numbering
from citecheck.inputs.docx_places import Pages, add_origin, page_starts, paragraph_label
from citecheck.inputs.docx_styles import Styles
from citecheck.inputs.docx_walk import PARAGRAPH_STRIDE, Field, Line, Segment, Walker
from citecheck.inputs.format import InputFormat
from citecheck.inputs.ooxml import W, parse_xml, read_parts
from citecheck.model import Block, Document, Heading, OffsetMap, Origin, Span

DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
NUMBERING = "word/numbering.xml"
PROPERTIES = "docProps/custom.xml"
NOTES = (
    ("word/footnotes.xml", "footnote", "Footnotes"),
    ("word/endnotes.xml", "endnote", "Endnotes"),
)
_URL = re.compile(r"https?://[^\s}]+")
_NUMBERING_WORDS = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\.)[ \t]+")


class TrackedChangesWarning(UserWarning):
    """The Word document had tracked changes; they were read as accepted."""


def read_docx(path: Path) -> Document:
    """Read a Word ``.docx`` file (see the module doc), its citation-manager fields as
    citation marks (:mod:`citecheck.inputs.docx_fields`), and, in a draft that prints no
    reference list, their Zotero or Mendeley items as the list
    (:mod:`citecheck.inputs.docx_csl_list`). Raises :class:`InputError`."""
    document, fields = read_docx_fields(path)
    return with_field_list(with_field_marks(document, fields), fields)


def _not_a_pointer(path: Path) -> None:
    """Raises :class:`InputError` for a Git LFS pointer saved under the document's name (a
    repository's manuscript.docx kept in Git LFS and not pulled)."""
    from citecheck.inputs.pdf import LFS_MESSAGE, LFS_POINTER

    try:
        with path.open("rb") as f:
            head = f.read(len(LFS_POINTER))
    except OSError:
        return  # read_parts says why
    if head == LFS_POINTER:
        raise InputError(f"{path}: {LFS_MESSAGE}")


def read_docx_fields(path: Path) -> tuple[Document, tuple[FieldSpan, ...]]:
    """The document and its fields with a result in the text (for citation-manager fields)."""
    names = (DOCUMENT, STYLES, NUMBERING, *(part for part, _, _ in NOTES), PROPERTIES)
    _not_a_pointer(path)
    parts = read_parts(path, DOCUMENT, names[1:])
    trees = {name: parse_xml(path, name, data) for name, data in parts.items()}
    body = trees[DOCUMENT].find(f"{W}body")
    if body is None:
        raise InputError(f"{path}: not a Word document ({DOCUMENT} has no body)")
    walker = Walker(Styles(trees.get(STYLES)), Numbering(trees.get(NUMBERING)))
    try:
        walker.read(body)
        _head_bibliography(walker.lines)
        for part, tag, title in NOTES:
            _read_notes(walker, trees.get(part), tag, title)
    except RecursionError as exc:
        raise InputError(f"{path}: the document's XML is nested too deeply") from exc
    if walker.changes:
        warnings.warn(
            f"{path}: {walker.changes} tracked change(s) read as accepted",
            TrackedChangesWarning,
            stacklevel=3,
        )
    codes = bookmark_codes(trees.get(PROPERTIES))
    return _document(str(path), walker, codes)


_BIBLIOGRAPHY_STYLES = frozenset(("bibliography", "endnotebibliography"))


def _head_bibliography(lines: list[Line]) -> None:
    """A heading of the reader's before a list set in a bibliography style (pandoc's and
    Word's ``Bibliography``, EndNote's ``EndNote Bibliography``) that no heading opens: a
    Quarto or pandoc document prints its list with no heading unless the author wrote one."""
    styled = [_in_bibliography(line) for line in lines]
    first = next((i for i, is_entry in enumerate(styled) if is_entry), None)
    if first is None or sum(styled) < 2:
        return
    before = next((line for line in reversed(lines[:first]) if line.words), None)
    if before is not None and before.kind == "heading":
        return
    heading = Line(lines[first].number, "heading", 1, segments=[Segment("References", None)])
    lines.insert(first, heading)


def _in_bibliography(line: Line) -> bool:
    return line.style.replace(" ", "").lower() in _BIBLIOGRAPHY_STYLES


def _read_notes(walker: Walker, root: ET.Element | None, tag: str, title: str) -> None:
    """Footnotes or endnotes after the text, under a heading of the reader's."""
    if root is None:
        return
    notes = [n for n in root.iter(f"{W}{tag}") if n.get(f"{W}type") in (None, "normal")]
    lines = [line for note in notes for line in walker.block_lines(note) if line.words]
    if lines:
        # a heading of the reader's: it maps to the first note's paragraph
        heading = Line(lines[0].number, "heading", 1, segments=[Segment(title, None)])
        walker.lines.extend([heading, *lines])


def _document(
    path: str, walker: Walker, codes: dict[str, str]
) -> tuple[Document, tuple[FieldSpan, ...]]:
    out: list[str] = []
    pos = 0
    points: list[tuple[int, int]] = []
    blocks: list[Block] = []
    headings: list[Heading] = []
    field_start: dict[int, int] = {}
    field_end: dict[int, int] = {}

    def emit(text: str, source: int | None) -> None:
        nonlocal pos
        if source is not None and (not points or points[-1][1] + (pos - points[-1][0]) != source):
            points.append((pos, source))
        out.append(text)
        pos += len(text)

    pages = Pages(page_starts(walker.rendered_breaks, walker.hard_breaks))
    origins: list[Origin] = []
    for line in walker.lines:
        words = line.words or "".join(s.text for s in line.segments).strip()
        if not words:
            continue
        if out:
            emit("\n\n", None)
        start = pos
        sup = False
        label = paragraph_label(line.number, words)
        first = next((s.source for s in line.segments if s.source is not None), None)
        where = line.number * PARAGRAPH_STRIDE if first is None else first
        add_origin(origins, Origin(start, page=pages.at(where), label=label))
        for segment in line.segments:
            if segment.source is not None and segment.source > where:
                for brk in pages.between(where, segment.source + len(segment.text) - 1):
                    at = pos + max(0, brk - segment.source)
                    add_origin(origins, Origin(at, page=pages.at(brk), label=label))
                where = segment.source + len(segment.text) - 1
            if segment.sup != sup:
                _close_fields(field_end, pos, "}" if sup else "")
                emit("}" if sup else "^{", None)
                sup = segment.sup
            if segment.field >= 0:
                field_start.setdefault(segment.field, pos - (2 if _opened(out, sup) else 0))
            emit(segment.text, segment.source)
            if segment.field >= 0:
                field_end[segment.field] = pos
        if sup:
            _close_fields(field_end, pos, "}")
            emit("}", None)
        span = Span(start, pos)
        blocks.append(Block(line.kind, span))
        if line.kind == "heading":
            headings.append(Heading(span, line.level or 1, _title(words)))
    _widen_to_parents(walker.fields, field_start, field_end)
    data: dict[int, list[str]] = {}
    for f in walker.fields:
        if f.data and f.parent >= 0:
            data.setdefault(f.parent, []).append(f.data)
    fields = tuple(
        FieldSpan(
            _code(walker.fields[i], codes),
            Span(start, field_end[i]),
            "".join([walker.fields[i].data, *data.get(i, ())]),
        )
        for i, start in sorted(field_start.items(), key=lambda item: item[1])
    )
    text = "".join(out)
    document = Document(
        path,
        text,
        offsets=OffsetMap(tuple(points)),
        format="docx",
        masked=tuple(Span(m.start(), m.end()) for m in _URL.finditer(text)),
        headings=tuple(headings),
        blocks=tuple(blocks),
        origins=tuple(origins),
    )
    return document, fields


def _widen_to_parents(fields: list[Field], start: dict[int, int], end: dict[int, int]) -> None:
    """A field whose result holds another field (a Zotero citation linked to its entry by a
    HYPERLINK field) spans its inner fields' results too."""
    for i in list(start):
        parent = fields[i].parent
        while parent >= 0 and fields[parent].result:
            start[parent] = min(start.get(parent, start[i]), start[i])
            end[parent] = max(end.get(parent, end[i]), end[i])
            parent = fields[parent].parent


def bookmark_codes(root: ET.Element | None) -> dict[str, str]:
    """Zotero's bookmark storage: the code of bookmark ``NAME`` is in the custom document
    properties ``NAME_1``, ``NAME_2``, … (at most 255 characters each), joined in order."""
    parts: dict[str, dict[int, str]] = {}
    for prop in root if root is not None else ():
        name, _, number = (prop.get("name") or "").rpartition("_")
        if name.startswith("ZOTERO_BREF_") and number.isdigit():
            parts.setdefault(name, {})[int(number)] = "".join(prop.itertext())
    return {name: "".join(p[k] for k in sorted(p)) for name, p in parts.items()}


def _code(field: Field, codes: dict[str, str]) -> str:
    """A field's code; a Zotero bookmark's from the document properties, written as the
    field it stands for (``ZOTERO_ITEM …`` → ``ADDIN ZOTERO_ITEM …``)."""
    if not field.bookmark:
        return field.code
    code = codes.get(field.bookmark, "").strip()
    return f"ADDIN {code}" if code else ""


def _opened(out: list[str], sup: bool) -> bool:
    """Whether the last thing written opened a superscript (a field's result starts there)."""
    return sup and bool(out) and out[-1] == "^{"


def _close_fields(field_end: dict[int, int], pos: int, closing: str) -> None:
    """Fields whose result ends where a superscript closes take the closing brace too."""
    if closing:
        for k, end in field_end.items():
            if end == pos:
                field_end[k] = pos + len(closing)


def _title(words: str) -> str:
    """A heading's words without a section number or a closing colon."""
    title = words.strip().rstrip(":").strip()
    numbering = _NUMBERING_WORDS.match(title)
    return title[numbering.end() :] if numbering else title


def refuse_odt(path: Path) -> Document:
    """OpenDocument text is not read: one line saying what to do."""
    raise InputError(f"{path}: an OpenDocument (.odt) file is not read; save it as .docx")


DOCX = InputFormat("docx", read_docx)
"""Word 2007+ documents (``.docx``); an old ``.doc`` gets a message saying what to do."""
ODT = InputFormat("odt", refuse_odt)
