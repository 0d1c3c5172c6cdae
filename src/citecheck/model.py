"""The data every stage passes on: frozen dataclasses, offsets into the text.

All spans are half-open character offsets ``[start, end)`` into the *document text*
(the decoded manuscript with a BOM removed and line endings normalised to ``\\n``).
Line and column are computed only when a report is rendered (:mod:`citecheck.report.location`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


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
class Document:
    """A manuscript as read from disk: its text and how it was decoded.

    ``text`` has no BOM and ``\n`` line ends; ``dropped_cr`` lists the offsets in ``text``
    where a ``\r`` of a CRLF line end was dropped, so that :meth:`source_offset` can map an
    offset back to the file's decoded text as it is.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    had_bom: bool = False
    had_crlf: bool = False
    dropped_cr: tuple[int, ...] = ()

    def source_offset(self, offset: int) -> int:
        """``offset`` in ``text`` as an offset into the decoded file (BOM and CRs counted)."""
        return offset + self.had_bom + bisect_left(self.dropped_cr, offset)


@dataclass(frozen=True, slots=True)
class Author:
    family: str
    given: str = ""  # initials without dots, e.g. "HJ"; empty for group authors
    is_group: bool = False

    def __str__(self) -> str:
        return f"{self.family} {self.given}".strip()


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
    refs: tuple[int, ...]  # expanded, in the order written
    style: str  # "paren", "square", "super", "unicode-super"
    ranges: tuple[tuple[int, int], ...] = ()  # (first, last) as written, before expansion


@dataclass(frozen=True)
class Finding:
    """One problem (or note) found by a check: data, with a stable rule id."""

    rule: str
    severity: Severity
    message: str
    span: Span | None = None
    refs: tuple[int, ...] = ()
    evidence: Mapping[str, str] = field(default_factory=dict, compare=False)
