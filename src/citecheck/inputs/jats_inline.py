"""JATS inline content into text: the words of a paragraph, title, caption or citation, with
superscripts written ``^{…}``, mathematics and links masked, and every ``<xref>`` recorded
where it lands in the text (the citation marks are made of them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from citecheck.inputs.jats_text import TextWriter
from citecheck.inputs.jats_xml import Element, Text
from citecheck.model import Span

# Block-level elements that may stand inside a paragraph: they end the paragraph's line.
BLOCKS_IN_TEXT = frozenset(
    {
        "list",
        "def-list",
        "table-wrap",
        "table-wrap-group",
        "fig",
        "fig-group",
        "disp-quote",
        "boxed-text",
        "statement",
        "preformat",
        "code",
        "chem-struct-wrap",
        "supplementary-material",
        "speech",
        "verse-group",
        "array",
        "p",
    }
)
MATH = frozenset({"inline-formula", "disp-formula", "tex-math", "math", "chem-struct"})
LINKS = frozenset({"ext-link", "uri", "email", "self-uri", "inline-supplementary-material"})
SKIPPED = frozenset(
    {"inline-graphic", "graphic", "media", "alt-text", "long-desc", "object-id", "private-char"}
)
_MATH_ALTERNATIVES = ("math", "tex-math")


@dataclass(frozen=True, slots=True)
class XrefAt:
    """An ``<xref>`` as written: its type, the ids it names, its span in the text, whether it
    stands in a superscript, and where its start tag is in the file (line, column)."""

    ref_type: str
    rids: tuple[str, ...]
    span: Span
    sup: bool
    line: int
    column: int


@dataclass
class Inline:
    """Writes inline content through ``writer``; ``on_block`` writes a block-level element
    met inside a paragraph. ``xrefs`` and ``footnotes`` (``<fn>`` inside the text, for the
    caller to write after the block) collect as it goes."""

    writer: TextWriter
    on_block: Callable[[Element], None]
    xrefs: list[XrefAt] = field(default_factory=list)
    footnotes: list[Element] = field(default_factory=list)
    _sup: int = 0

    def content(self, element: Element, skip: frozenset[str] = frozenset()) -> None:
        """The children of ``element`` (those not named in ``skip``)."""
        for child in element.children:
            if isinstance(child, Text):
                self.writer.write(child)
            elif child.tag not in skip:
                self.element(child)

    def element(self, el: Element) -> None:
        tag = el.tag
        if el.ns == "mml" or tag in MATH:
            self._masked(el, math=True)
        elif tag in SKIPPED:
            return
        elif tag in LINKS or tag == "sub":  # a subscript holds no citation: F_{[2,4]}
            self._masked(el, math=False)
        elif tag == "alternatives":
            self._alternatives(el)
        elif tag == "xref":
            self._xref(el)
        elif tag == "sup":
            self._superscript(el)
        elif tag == "fn":
            self.footnotes.append(el)
        elif tag == "break":
            self.writer.space()
        elif tag in BLOCKS_IN_TEXT:
            self.on_block(el)
        else:
            self.content(el)

    def _masked(self, el: Element, *, math: bool) -> None:
        """Mathematics or a link: kept in the text for a person, masked for the stages. A
        display formula stands apart from the words around it."""
        writer = self.writer
        if el.tag == "disp-formula":
            writer.space()
        writer.start_mask()
        if math and el.ns != "mml" and el.tag not in ("tex-math",):
            self._math_content(el)
        else:
            self.content(el)
        writer.end_mask()
        if el.tag == "disp-formula":
            writer.space()

    def _math_content(self, el: Element) -> None:
        """A formula's children: one rendering of its alternatives, labels, text."""
        for child in el.children:
            if isinstance(child, Text):
                self.writer.write(child)
            elif child.tag == "alternatives":
                self._alternatives(child)
            elif child.ns == "mml":
                self.content(child)
            elif child.tag not in SKIPPED:
                self.element(child)

    def _alternatives(self, el: Element) -> None:
        """One of the renderings (MathML before TeX, else the first that is not an image)."""
        options = [c for c in el.elements() if c.tag not in SKIPPED]
        math = [c for c in options if c.tag in _MATH_ALTERNATIVES]
        chosen = sorted(math, key=lambda c: _MATH_ALTERNATIVES.index(c.tag))[:1] or options[:1]
        for child in chosen:
            self.element(child)

    def _superscript(self, el: Element) -> None:
        writer = self.writer
        writer.generated("^{")
        self._sup += 1
        self.content(el)
        self._sup -= 1
        writer.generated("}")

    def _xref(self, el: Element) -> None:
        writer = self.writer
        start = writer.next_start()
        self.content(el)
        end = writer.pos
        rids = tuple((el.attrs.get("rid") or "").split())
        ref_type = el.attrs.get("ref-type", "")
        if end > start:
            self.xrefs.append(
                XrefAt(ref_type, rids, Span(start, end), self._sup > 0, el.line, el.column)
            )
        elif ref_type == "bibr":  # an empty xref: nothing printed, nothing a reader sees
            self.xrefs.append(
                XrefAt(ref_type, rids, Span(end, end), self._sup > 0, el.line, el.column)
            )
