"""PubMed's baseline and update files (``pubmed25n0001.xml.gz``) as PubMed records.

A file is one ``<PubmedArticleSet>``: ``<PubmedArticle>`` elements (``MedlineCitation`` with
the PMID, the journal, volume, issue, date, title, pages, authors and publication types;
``PubmedData`` with the article's ``ArticleIdList`` — its DOI), then, in update files, one
``<DeleteCitation>`` listing PMIDs withdrawn. Each article becomes the
:class:`~citecheck.registry.records.PubmedRecord` the E-utilities' esummary would give for
it (the NLM journal abbreviation, ``MedlinePgn`` pages, individual authors only, the title
without its final full stop), so the local registry answers PubMed questions as NCBI does.

The file is streamed through the standard library's expat parser, as the JATS reader parses:
the DOCTYPE's DTD is never fetched (expat loads nothing without an external-entity handler,
and none is set), any entity declaration stops the parse, named entities the DTD would
define are read from HTML's table, elements deeper than :data:`MAX_DEPTH` or text longer
than :data:`MAX_TEXT` are refused. Book records (``PubmedBookArticle``) are passed over.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from html.entities import html5
from pathlib import Path
from xml.parsers import expat

from citecheck.errors import CitecheckError
from citecheck.model import Author
from citecheck.registry.records import PubmedRecord

CHUNK = 1 << 20  # bytes given to expat at a time
MAX_DEPTH = 64  # PubMed's elements nest about 8 deep
MAX_TEXT = 1 << 20  # characters in one element (an abstract is a few thousand)


class PubmedXmlError(CitecheckError):
    """A file that is not PubMed XML, or is truncated or corrupt."""


@dataclass(frozen=True)
class PubmedFile:
    """What one PubMed file holds: its articles (in order) and the PMIDs it deletes, or —
    instead — why it cannot be ingested."""

    records: tuple[PubmedRecord, ...] = ()
    deleted: tuple[str, ...] = ()
    error: str = ""


def is_pubmed_file(path: Path) -> bool:
    return path.name.lower().endswith((".xml", ".xml.gz"))


def read_pubmed_file(path: str | Path) -> PubmedFile:
    """The articles and deletions of one PubMed XML file (gzipped or not), or its error."""
    p = Path(path)
    reader = _Reader()
    parser = expat.ParserCreate()
    reader.attach(parser)
    try:
        with gzip.open(p, "rb") if p.name.lower().endswith(".gz") else p.open("rb") as raw:
            while chunk := raw.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        if reader.root != "PubmedArticleSet":
            raise PubmedXmlError(f"{p}: not PubMed XML (the root is <{reader.root or '?'}>)")
    except _Refused as exc:
        return PubmedFile(error=f"{p}: {exc} (not ingested)")
    except PubmedXmlError as exc:
        return PubmedFile(error=f"{exc} (not ingested)")
    except expat.ExpatError as exc:
        return PubmedFile(error=f"{p}: truncated or not well-formed XML ({exc}) (not ingested)")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        why = str(exc) or "ends early"
        return PubmedFile(error=f"{p}: truncated or corrupt gzip ({why}) (not ingested)")
    except OSError as exc:
        return PubmedFile(error=f"{p}: cannot read ({exc.strerror or exc}) (not ingested)")
    return PubmedFile(tuple(reader.records), tuple(reader.deleted))


class _Refused(PubmedXmlError):
    pass


@dataclass
class _Frame:
    name: str
    attrs: dict[str, str]
    text: list[str]


class _Reader:
    """expat's callbacks: each element's text (its descendants' included) is kept until
    the element ends, then read by where it stands (its parents' names)."""

    def __init__(self) -> None:
        self.root = ""
        self.records: list[PubmedRecord] = []
        self.deleted: list[str] = []
        self._stack: list[_Frame] = []
        self._article: dict[str, str] = {}
        self._authors: list[Author] | None = []
        self._author: dict[str, str] = {}
        self._pubtypes: list[str] = []

    def attach(self, parser: expat.XMLParserType) -> None:
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._data
        parser.EntityDeclHandler = self._entity
        parser.SkippedEntityHandler = self._skipped

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if len(self._stack) >= MAX_DEPTH:
            raise _Refused(f"elements nested more than {MAX_DEPTH} deep; refused")
        if not self._stack:
            self.root = name
        if name == "PubmedArticle":
            self._article, self._authors, self._pubtypes = {}, [], []
        elif name == "Author":
            self._author = {}
        self._stack.append(_Frame(name, attrs, []))

    def _data(self, data: str) -> None:
        if self._stack and self._stack[-1].name in TEXT:
            frame = self._stack[-1]
            frame.text.append(data)
            if len(frame.text) > 64 and sum(map(len, frame.text)) > MAX_TEXT:
                raise _Refused(f"<{frame.name}> holds over {MAX_TEXT:,} characters; refused")

    def _end(self, name: str) -> None:
        frame = self._stack.pop()
        text = " ".join("".join(frame.text).split())
        if name in INLINE and self._stack:
            self._stack[-1].text.append("".join(frame.text))  # a title reads its <i>, <sup>
        parents = tuple(f.name for f in self._stack[-3:])
        self._read(name, frame.attrs, text, parents)

    def _read(self, name: str, attrs: dict[str, str], text: str, parents: tuple[str, ...]) -> None:
        parent = parents[-1] if parents else ""
        field = FIELDS.get((parent, name))
        if field is not None:
            self._article.setdefault(field, text)
        elif name == "PMID" and parent == "DeleteCitation":
            self.deleted.append(text)
        elif parent == "Author":
            self._author[name] = text
        elif name == "Author" and parents[-2:] == ("Article", "AuthorList"):
            self._add_author()
        elif name == "PublicationType":
            self._pubtypes.append(text)
        elif name == "ArticleId" and parents[-2:] == ("PubmedData", "ArticleIdList"):
            if attrs.get("IdType") == "doi":
                self._article.setdefault("doi", text)
        elif name == "ELocationID" and parent == "Article" and attrs.get("EIdType") == "doi":
            self._article.setdefault("elocation_doi", text)
        elif name == "PubmedArticle":
            record = record_from(self._article, self._authors or [], self._pubtypes)
            if record is not None:
                self.records.append(record)

    def _add_author(self) -> None:
        a = self._author
        if self._authors is None or a.get("CollectiveName"):
            return  # a group: esummary lists individual authors only
        if not a.get("LastName"):
            self._authors = None  # a nameless author: the list is not compared
            return
        self._authors.append(Author(a["LastName"], a.get("Initials", "")))

    def _entity(self, name: str, is_parameter: int, *_: object) -> None:
        kind = "a parameter entity" if is_parameter else "an entity"
        raise _Refused(f"declares {kind} ({name!r}); refused")

    def _skipped(self, name: str, is_parameter: int) -> None:
        if self._stack and f"{name};" in html5:
            self._data(html5[f"{name};"])


# (parent, element) -> the article field its text is
FIELDS = {
    ("MedlineCitation", "PMID"): "pmid",
    ("Article", "ArticleTitle"): "title",
    ("Article", "VernacularTitle"): "vernacular",
    ("JournalIssue", "Volume"): "volume",
    ("JournalIssue", "Issue"): "issue",
    ("PubDate", "Year"): "year",
    ("PubDate", "MedlineDate"): "medline_date",
    ("Journal", "Title"): "journal_full",
    ("Journal", "ISOAbbreviation"): "iso",
    ("MedlineJournalInfo", "MedlineTA"): "journal",
    ("Pagination", "MedlinePgn"): "pages",
    ("Pagination", "StartPage"): "start_page",
    ("Pagination", "EndPage"): "end_page",
}


INLINE = frozenset({"i", "b", "u", "sup", "sub"})  # markup inside titles
TEXT = frozenset(
    {name for _, name in FIELDS}
    | {"PMID", "LastName", "ForeName", "Initials", "CollectiveName", "PublicationType"}
    | {"ArticleId", "ELocationID"}
    | INLINE
)  # the elements whose text is kept (the others' is whitespace or not read)


def record_from(
    article: dict[str, str], authors: Iterable[Author], pubtypes: Iterable[str]
) -> PubmedRecord | None:
    """The esummary-like record of one article (None without a PMID)."""
    pmid = article.get("pmid", "")
    if not pmid.isdigit():
        return None
    year = re.search(r"\d{4}", article.get("year") or article.get("medline_date", ""))
    pages = article.get("pages") or "-".join(
        p for p in (article.get("start_page"), article.get("end_page")) if p
    )
    doi = article.get("doi") or article.get("elocation_doi") or None
    return PubmedRecord(
        pmid=pmid,
        title=(article.get("title") or article.get("vernacular", "")).rstrip("."),
        authors=tuple(authors),
        year=int(year.group(0)) if year else None,
        journal=article.get("journal") or article.get("iso", ""),
        journal_full=article.get("journal_full", ""),
        volume=article.get("volume", ""),
        issue=article.get("issue", ""),
        pages=pages,
        doi=doi,
        pubtypes=tuple(pubtypes),
    )
