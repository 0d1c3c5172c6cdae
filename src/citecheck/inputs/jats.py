"""The JATS reader: a publisher's or PubMed Central's XML article (``.xml``, ``.nxml``) into a
:class:`~citecheck.model.Document`.

The file is parsed by :mod:`citecheck.inputs.jats_xml` (no DTD fetched, no entity declared,
limits; one-line errors). JATS 1.x, the NLM Journal Publishing/Archiving DTDs it grew from
and BITS books are read alike; a PMC ``<pmc-articleset>`` is read for its first article;
XML with another root is refused in one line. The text is written in reading order, one
block per line and a blank line between blocks:

* the article title (heading level 1) and the abstracts (under their titles, else
  "Abstract"), then ``<body>``: section titles as headings (level 2 for a top section,
  deeper ones below), paragraphs, lists, figure and table captions with their labels,
  tables row by row (``| cell | cell |``), table footnotes, boxes, quotes, supplementary
  material; then the back matter (acknowledgments, appendices, notes, footnotes, glossary);
  ``<sub-article>``s (peer review, decision letters) and the front matter's metadata are not
  read;
* superscripts as ``^{…}``; mathematics (MathML, TeX) and links kept but masked;
* the reference list last, under its title: each ``<ref>`` one item, its label first. Its
  references, fields from the tags, are :mod:`citecheck.inputs.jats_refs`' work, and the
  citation marks made of ``<xref ref-type="bibr">`` are :mod:`citecheck.inputs.jats_cites`'.

References are keyed by their label (numbered lists) or their place in the list, and by
their id when the list is author–year (no numeric labels and xrefs that print no numbers).
Printed citations left untagged are found by the text finder (``marks_partial``).
Every stretch of text records the line and column it comes from (``Document.origins``), so
findings point at the ``.xml`` file's own lines.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path

from citecheck.errors import InputError
from citecheck.inputs.format import InputFormat
from citecheck.inputs.jats_cites import (
    BIBR,
    Target,
    citation_marks,
    cross_reference_masks,
    same_identifiers,
)
from citecheck.inputs.jats_inline import BLOCKS_IN_TEXT, Inline
from citecheck.inputs.jats_refs import CITATIONS, Numbering, ref_label, write_reference
from citecheck.inputs.jats_text import TextWriter
from citecheck.inputs.jats_xml import Element, Text, XmlFile, read_xml
from citecheck.inputs.markdown import merge_spans
from citecheck.model import Document, Heading, OffsetMap, Reference, ReferenceSection, Span

ROOTS = frozenset({"article", "book", "book-part-wrapper", "pmc-articleset"})
_OWN_HEADS = ("article-metadata", "header", "item-info", "head", "pubfm")  # others' DTDs
_METADATA = frozenset(
    {
        "journal-meta",
        "article-meta",
        "book-meta",
        "book-part-meta",
        "collection-meta",
        "front-stub",
        "book-front",
    }
)
_NOT_READ = frozenset({"sub-article", "response", "processing-meta"})
_SECTIONS = frozenset(
    {"sec", "app", "ack", "glossary", "notes", "bio", "fn-group", "abstract", "trans-abstract"}
)
_CAPTIONED = frozenset(
    {"fig", "table-wrap", "supplementary-material", "chem-struct-wrap", "boxed-text", "media"}
)
_DEFAULT_TITLES = {"ack": "Acknowledgments", "abstract": "Abstract", "trans-abstract": "Abstract"}
_NUMERIC = re.compile(r"^\s*[\[(]?\s*(\d{1,5})\s*[.\])]?\s*$")
_PRINTED_NUMBERS = re.compile(r"^[\s\[\](),;\d\u2010-\u2015-]*\d[\s\[\](),;\d\u2010-\u2015-]*$")
_YEAR = re.compile(r"^\s*\(?(?:1[89]|20)\d\d[a-z]?\)?\s*$")  # "2014", "(2014a)": author–year


def read_jats(path: Path) -> Document:
    """Read a JATS XML file (see the module doc). Raises :class:`InputError`.

    The cyclic garbage collector is paused while the tree is built and walked: it makes
    millions of small objects without a cycle among them, and each collection of the oldest
    generation would walk all of them (and everything else the process holds) again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return document_from_xml(str(path), read_xml(path))
    finally:
        if enabled:
            gc.enable()


def document_from_xml(path: str, xml: XmlFile) -> Document:
    """The document a parsed JATS file makes (see the module doc)."""
    article = _article(path, xml.root)
    walker = _Walker(TextWriter(xml))
    try:
        walker.read(article)
        references, heading = walker.references(article)
    except RecursionError as exc:  # pragma: no cover - the parser's depth limit comes first
        raise InputError(f"{path}: the XML is nested too deeply") from exc
    written = walker.writer.result()
    text = written.text
    targets = walker.targets
    numbers = [r.number for r in references if r.number is not None and r.citekey is None]
    marks, findings = citation_marks(text, walker.inline.xrefs, targets, numbers)
    others = cross_reference_masks(text, walker.inline.xrefs, targets)
    masked = merge_spans(
        [*((m.start, m.end) for m in written.masked), *((o.start, o.end) for o in others)]
    )
    section = None
    if heading is not None:
        section = ReferenceSection(heading.title, heading.span, Span(heading.span.end, len(text)))
    return Document(
        path,
        text,
        offsets=OffsetMap(written.points),
        format="jats",
        masked=tuple(Span(start, end) for start, end in masked),
        headings=written.headings,
        blocks=written.blocks,
        references=references or None,  # no <ref>: a typed list in the text, if any
        marks=marks,
        marks_partial=not any(isinstance(r.key, str) for r in references),
        section=section,
        origins=written.origins,
        problems=(*findings, *same_identifiers(references)),
        nocite=("*",) if article.attrs.get("article-type") in _NOTICES else (),
    )


# A notice about another article lists it as its reference and links it by <related-article>,
# not by a citation in the text: its list is printed whole, uncited.
_NOTICES = frozenset({"correction", "retraction", "expression-of-concern", "addendum"})


def _article(path: str, root: Element) -> Element:
    """The article (or book) element, or a one-line refusal of XML that is not JATS."""
    if root.tag == "pmc-articleset":
        first = root.first("article")
        if first is None:
            raise InputError(f"{path}: a <pmc-articleset> without an <article>")
        return first
    if root.tag not in ROOTS:
        raise InputError(
            f"{path}: XML whose root element is <{root.tag}>, not a JATS <article> "
            "(citecheck reads JATS, NLM and BITS XML)"
        )
    own = root.first(*_OWN_HEADS) if root.first("front") is None else None
    if own is not None:  # IOP's <article-metadata>, Elsevier's <item-info> and <head>
        raise InputError(
            f"{path}: an <article> with no JATS <front> but <{own.tag}>: a publisher's own "
            "XML, not JATS (citecheck reads JATS, NLM and BITS XML)"
        )
    return root


class _Walker:
    """Walks an article in reading order, writing its text."""

    def __init__(self, writer: TextWriter) -> None:
        self.writer = writer
        self.inline = Inline(writer, self._block_in_text)
        self.ref_lists: list[Element] = []
        self.targets: dict[str, Target] = {}
        self._depth = 1  # section nesting, for heading levels

    # the article -----------------------------------------------------------------------
    def read(self, article: Element) -> None:
        self._titles(article)
        for meta in article.iter(*_METADATA):
            for abstract in meta.elements("abstract", "trans-abstract"):
                if abstract.attrs.get("abstract-type") not in ("toc", "teaser"):
                    self._section(abstract)
        self._children(article, skip=_METADATA | {"front"})

    def _titles(self, article: Element) -> None:
        for group in article.iter("title-group", "book-title-group"):
            for title in group.elements("article-title", "book-title", "subtitle"):
                self._heading(title, 1)
            break

    def _children(self, el: Element, skip: frozenset[str] = frozenset()) -> None:
        for child in el.elements():
            if child.tag not in skip:
                self._block(child)

    def _block(self, el: Element) -> None:
        """A block-level element (or a container of them)."""
        tag = el.tag
        if tag in _NOT_READ or tag in _METADATA:
            return
        if tag == "ref-list":
            self.ref_lists.append(el)
        elif tag in _SECTIONS:
            self._section(el)
        elif tag in ("book-part", "book-app", "book-part-wrapper"):
            self._book_part(el)
        elif tag in ("p", "title", "caption", "attrib", "def", "term", "speaker"):
            self._paragraph(el)
        elif tag in ("list", "def-list"):
            self._list(el)
        elif tag in _CAPTIONED:
            self._captioned(el)
        elif tag == "table":
            self._table(el)
        elif tag == "table-wrap-foot":
            self._table_notes(el)
        elif tag == "fn":
            self._children(el)
        elif tag in ("disp-formula", "preformat", "code", "disp-formula-group"):
            self.writer.open_block("code" if tag != "disp-formula" else "paragraph")
            if tag == "disp-formula":
                self.inline.element(el)  # masked as mathematics
            else:  # its content: as an element it would be a block again, without end
                self.inline.content(el)
            self._end_block()
        elif tag in ("disp-quote", "verse-group"):
            self._children(el)
        elif tag == "label":
            return
        else:
            self._children(el)

    def _section(self, el: Element) -> None:
        title = el.first("title")
        if title is not None:
            self._heading(title, self._depth + 1)
        elif el.tag in _DEFAULT_TITLES:
            self.writer.open_block("heading", self._depth + 1)
            self.writer.generated(_DEFAULT_TITLES[el.tag])
            self.writer.close_block()
        self._depth += 1
        self._children(el, skip=frozenset({"title", "label", "sec-meta"}))
        self._depth -= 1

    def _book_part(self, el: Element) -> None:
        """A BITS chapter: its title (in its metadata) as a heading, then its body."""
        meta = el.first("book-part-meta", "collection-meta")
        title = next(meta.iter("title"), None) if meta is not None else None
        if title is not None:
            self._heading(title, self._depth + 1)
        self._depth += 1
        self._children(el)
        self._depth -= 1

    def _heading(self, el: Element, level: int) -> None:
        self.writer.open_block("heading", level)
        self.inline.content(el)
        self._end_block()

    def _paragraph(self, el: Element, kind: str = "paragraph") -> None:
        self.writer.open_block(kind)
        self.inline.content(el)
        self._end_block()

    def _end_block(self) -> None:
        self.writer.close_block()
        notes, self.inline.footnotes = self.inline.footnotes, []
        for note in notes:
            self._children(note)

    def _block_in_text(self, el: Element) -> None:
        """A list, table or figure inside a paragraph: it ends the line, the paragraph goes
        on after it."""
        kind = "paragraph"
        self.writer.close_block()
        self._block(el)
        self.writer.open_block(kind)

    def _list(self, el: Element) -> None:
        ordered = el.attrs.get("list-type", "") in ("order", "arabic", "alpha-lower", "roman-lower")
        number = 0
        for item in el.elements("list-item", "def-item", "title"):
            if item.tag == "title":
                self._paragraph(item)
                continue
            number += 1
            self.writer.open_block("list-item")
            label = item.first("label")
            if label is not None:
                self.inline.content(label)
                self.writer.space()
            elif ordered:
                self.writer.generated(f"{number}.")
                self.writer.space()
            for part in item.children:
                if isinstance(part, Text):
                    self.writer.write(part)
                elif part.tag in ("p", "term", "def"):
                    if self.writer.in_block:
                        self.inline.content(part)
                        self.writer.space()
                    else:
                        self._paragraph(part)
                elif part.tag in BLOCKS_IN_TEXT:
                    self._block_in_text(part)
                elif part.tag != "label":
                    self._block(part)
            self._end_block()

    def _captioned(self, el: Element) -> None:
        """A figure, table, box or supplementary file: label and caption as one block, then
        what it holds."""
        label, caption = el.first("label"), el.first("caption")
        if label is not None or caption is not None:
            self.writer.open_block("caption")
            if label is not None:
                self.inline.content(label)
                self.writer.space()
            if caption is not None:
                for part in caption.elements():
                    self.inline.content(part)
                    self.writer.space()
            self._end_block()
        self._children(el, skip=frozenset({"label", "caption", "graphic", "media"}))

    def _table_notes(self, foot: Element) -> None:
        """A table's notes, read as its caption is: a citation there is numbered where the
        table is first called, as one in the caption."""
        for note in foot.elements():
            for part in note.elements() if note.tag == "fn" else [note]:
                if part.tag == "p":
                    self._paragraph(part, "caption")
                else:
                    self._block(part)

    def _table(self, el: Element) -> None:
        for row in el.iter("tr"):
            self.writer.open_block("table-row")
            self.writer.generated("|")
            for cell in row.elements("td", "th"):
                self.writer.space()
                self.inline.content(cell)
                self.writer.space()
                self.writer.generated("|")
            self._end_block()

    # the reference list ----------------------------------------------------------------
    def references(self, article: Element) -> tuple[tuple[Reference, ...], Heading | None]:
        """Every ``<ref>`` of the reference lists met, written last, as references."""
        refs = [r for lst in self.ref_lists for r in lst.iter("ref")]
        if not refs:
            return (), None
        title = next((t for lst in self.ref_lists for t in lst.elements("title")), None)
        writer = self.writer
        writer.open_block("heading", 2)
        if title is not None:
            self.inline.content(title)
        if title is None or not title.text().strip():
            writer.generated("References")
        span = writer.close_block()
        assert span is not None
        words = re.sub(r"\s+", " ", title.text()).strip() if title is not None else ""
        heading = Heading(span, 2, words or "References")
        out = []
        for ref, number in zip(refs, _numbering(refs, article), strict=True):
            reference = write_reference(self.inline, ref, number)
            out.append(reference)
            printed = number.citekey is None and not number.inferred
            target = Target(reference.key, number.number if printed else None)
            for node in ref.iter("ref", *CITATIONS):
                rid = node.attrs.get("id")
                if rid:
                    self.targets.setdefault(rid, target)
        return tuple(out), heading


def _numbering(refs: list[Element], article: Element) -> list[Numbering]:
    """Each reference's number (its label, else its place) and, for an author–year list,
    its id as cite key."""
    labels = [_label_number(r) for r in refs]
    numbered = any(n is not None for n in labels) or _numeric_xrefs(article)
    out = []
    for i, (ref, label) in enumerate(zip(refs, labels, strict=True), 1):
        citekey = None if numbered else (ref.attrs.get("id") or f"ref{i}")
        out.append(Numbering(label if label is not None else i, label is None, citekey))
    return out


def _label_number(ref: Element) -> int | None:
    label = ref_label(ref)
    if label is None:
        return None
    m = _NUMERIC.match(label.text())
    return int(m.group(1)) if m else None


def _numeric_xrefs(article: Element) -> bool:
    """Whether an unlabelled list is numbered: most bibliographic xrefs print numbers
    (``1``, ``[2]``, ``3–5``), not names and years. Without xrefs, numbered."""
    shown = [x.text() for x in article.iter("xref") if x.attrs.get("ref-type") in BIBR]
    if not shown:
        return True
    numeric = sum(1 for t in shown if _PRINTED_NUMBERS.match(t) and not _YEAR.match(t))
    return numeric * 2 >= len(shown)


JATS = InputFormat("jats", read_jats)
"""JATS XML articles (``.xml``, PubMed Central's ``.nxml``), NLM and BITS XML alike."""
