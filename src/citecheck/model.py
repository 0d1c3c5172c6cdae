"""The data every stage passes on: frozen dataclasses, offsets into the text.

All spans are half-open character offsets ``[start, end)`` into the *document text*
(the decoded manuscript with a BOM removed and line endings normalised to ``\\n``).
Line and column are computed only when a report is rendered (:mod:`citecheck.report.location`).
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

RefKey = int | str
"""How a reference is identified: its printed number in a numbered list (``12``), or the key
it is cited by (``"smith2019"`` in LaTeX or pandoc). One manuscript uses one kind."""


def key_order(key: RefKey) -> tuple[int, int, str]:
    """A sort key that puts numbers in numeric order and cite keys after them, by name."""
    return (0, key, "") if isinstance(key, int) else (1, 0, key)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into the document text."""

    start: int
    end: int

    def shift(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    def __len__(self) -> int:
        return self.end - self.start


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class RefType(str, Enum):
    ARTICLE = "article"  # journal article
    BOOK = "book"
    CHAPTER = "chapter"
    ABSTRACT = "abstract"  # conference abstract, "[abstract]"
    PREPRINT = "preprint"
    WEB = "web"
    THESIS = "thesis"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Author:
    family: str
    given: str = ""  # initials without dots, e.g. "HJ"; empty for group authors
    is_group: bool = False

    def __str__(self) -> str:
        return f"{self.family} {self.given}".strip()


IDENTIFIER_ONLY = "cited by its identifier"
"""A ``Reference.notes`` entry: the reference is a Manubot-style key (``@doi:10.…``) that no
bibliography defines; the identifier is all it has."""


@dataclass(frozen=True)
class Reference:
    """One entry of the reference list, parsed as far as the text allows.

    A field that could not be read is ``None`` (never guessed); ``spans`` maps each field
    that was found to where its text lies in the document.
    """

    number: int | None
    raw: str
    span: Span
    number_inferred: bool = False
    authors: tuple[Author, ...] = ()
    et_al: bool = False
    title: str | None = None
    container: str | None = None
    year: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None  # "271-278", "e24918", "1589-1597" (abbreviated ranges expanded)
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    publisher: str | None = None
    type: RefType = RefType.OTHER
    notes: tuple[str, ...] = ()
    spans: Mapping[str, Span] = field(default_factory=dict, compare=False)
    parsed: bool = True  # False: nothing could be read; kept raw and reported (REF001)
    citekey: str | None = None  # the key it is cited by (LaTeX, pandoc); None: by number

    @property
    def key(self) -> RefKey:
        """How citations, findings and claims name this reference: its cite key, or else its
        printed (or inferred) number."""
        if self.citekey is not None:
            return self.citekey
        return self.number if self.number is not None else f"@{self.span.start}"

    @property
    def first_page(self) -> str | None:
        return self.pages.split("-", 1)[0] if self.pages else None

    @property
    def last_page(self) -> str | None:
        if not self.pages or "-" not in self.pages:
            return None
        return self.pages.split("-", 1)[1]

    @property
    def first_author(self) -> Author | None:
        return self.authors[0] if self.authors else None


@dataclass(frozen=True, slots=True)
class ReferenceSection:
    """Where the reference list lies, and the heading that introduced it."""

    heading: str
    heading_span: Span
    body: Span  # from the line after the heading to the end of the section
    candidates: int = 1  # how many headings looked like a reference section


@dataclass(frozen=True, slots=True)
class Citation:
    """One in-text citation group, e.g. ``(3,34,47–49)`` or ``^{20–22}``."""

    span: Span
    text: str
    refs: tuple[RefKey, ...]  # expanded, in the order written
    style: str  # "paren", "square", "super", "unicode-super"
    ranges: tuple[tuple[int, int], ...] = ()  # (first, last) as written, before expansion


@dataclass(frozen=True)
class Finding:
    """One problem (or note) found by a check: data, with a stable rule id."""

    rule: str
    severity: Severity
    message: str
    span: Span | None = None
    refs: tuple[RefKey, ...] = ()
    evidence: Mapping[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Offsets in a document's text back to offsets in its source.

    ``points`` are ``(text_offset, source_offset)`` pairs in increasing order; between two
    points both advance together. A plain-text file has a point where a BOM or a dropped
    ``\r`` shifts the two; a structured reader (Word, XML) has a point where each run of
    text it kept starts. No points: the text is the source.
    """

    points: tuple[tuple[int, int], ...] = ()

    def source_offset(self, offset: int) -> int:
        """``offset`` in the text as an offset into the source."""
        i = bisect_right(self.points, (offset, sys.maxsize)) - 1
        if i < 0:
            return offset
        text_at, source_at = self.points[i]
        return source_at + (offset - text_at)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the stretch of a document's text from ``start`` on comes from, for a reader
    whose text is not its file's lines: another file (a LaTeX ``\\input``, a .bib), a line
    and column in a source file (XML), or a place a person finds without lines (a Word
    paragraph, a PDF page and line).

    ``line``/``column`` (1-based) are the source position at ``start``; ``line`` 0 means
    the format has no lines a person can use, and reports fall back to the text's lines.
    ``path`` "" is the document's own file. ``label`` names the place in words
    ("paragraph 12 'The CXCR4 receptor…'", "page 3, line 14").
    """

    start: int
    path: str = ""
    line: int = 0
    column: int = 1
    page: int | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading as its reader saw it: where it is, its level (1 = top) and its words
    (markup and numbering removed)."""

    span: Span
    level: int
    title: str


@dataclass(frozen=True, slots=True)
class Block:
    """A block of the document: ``paragraph``, ``heading``, ``list-item``, ``table-row``,
    ``code``, ``caption`` or ``quote``."""

    kind: str
    span: Span


@dataclass(frozen=True, slots=True)
class CitedWork:
    """A work as a citation manager's field records it (a Zotero or Mendeley CSL item, an
    EndNote record): exact data, independent of the typed list. ``id`` names the same work
    in every citation of one document (a library URI, a record number)."""

    manager: str  # "zotero", "mendeley", "endnote", "csl"
    id: str
    title: str | None = None
    authors: tuple[Author, ...] = ()
    year: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    note: str | None = None  # an item with no fields but the printed text (CSL ``note``)


@dataclass(frozen=True, slots=True)
class CitationMark:
    """An in-text citation a structured format tags (a Zotero field, ``\\cite{a,b}``,
    ``[@a; @b]``, a JATS ``<xref>``): where it is and the keys it cites. A citation
    manager's field also carries the ``works`` its code names (in the code's order; which
    printed number is which work is for :mod:`citecheck.checks.fields` to decide)."""

    span: Span
    text: str
    keys: tuple[RefKey, ...]
    style: str = "key"
    works: tuple[CitedWork, ...] = ()


@dataclass(frozen=True)
class Document:
    """A manuscript as its reader turned it into text, with what the reader knows.

    ``text`` has no BOM and ``\n`` line ends. ``offsets`` maps offsets in ``text`` back to
    the decoded file. ``masked`` are regions that are not prose (code, comments, link
    targets, markup tags): no stage looks for citations or claims there. ``headings`` and
    ``blocks`` are the structure the reader found. A structured reader also fills
    ``references`` (the entries of its bibliography, already split and keyed) and ``marks``
    (the citations it tags), and ``section`` where its bibliography stands; ``None`` means
    the format does not say and the text is read. A format that tags citations but may leave
    some untagged (a Zotero field beside a typed ``[3]``, publisher XML) sets
    ``marks_partial``: the text is then also searched, outside the tagged marks.
    ``origins`` say where stretches of the text come from when that is not simply the
    file's lines (:mod:`citecheck.locations` turns an offset into a place). A keyed format
    lists in ``nocite`` the keys it includes in the bibliography without citing them
    (LaTeX's ``\\nocite``, pandoc's ``nocite:``; ``"*"`` for all), and in ``problems`` the
    findings about the files themselves (an included file missing, a .bib block that
    failed), which the pipeline reports with its own. ``without_list`` gives the reader's
    reading for when the text holds no reference list (a Word draft whose Zotero or Mendeley
    fields carry the works: they are the list), or ``None`` when it has none after all; the
    pipeline calls it then, and only then (a value object: it pickles and compares).
    """

    path: str
    text: str
    encoding: str = "utf-8"
    had_bom: bool = False
    had_crlf: bool = False
    offsets: OffsetMap = field(default_factory=OffsetMap)
    format: str = ""  # the reader's format ("markdown", …); "" : no reader has read it yet
    masked: tuple[Span, ...] = ()
    headings: tuple[Heading, ...] = ()
    blocks: tuple[Block, ...] = ()
    references: tuple[Reference, ...] | None = None
    marks: tuple[CitationMark, ...] | None = None
    marks_partial: bool = False  # True: the text may hold untagged citations beside ``marks``
    section: ReferenceSection | None = None  # where ``references`` are printed, if known
    origins: tuple[Origin, ...] = ()  # by ``start``; none: the text's lines are the file's
    nocite: tuple[str, ...] = ()  # keys listed without a printed citation (``\\nocite``); "*": all
    problems: tuple[Finding, ...] = ()  # what the reader found wrong (a missing included file)
    without_list: Callable[[], Document | None] | None = None  # when the text has no list

    def source_offset(self, offset: int) -> int:
        """``offset`` in ``text`` as an offset into the decoded file (BOM and CRs counted)."""
        return self.offsets.source_offset(offset)
