"""Entries that are not journal articles: books ("City: Publisher; 2004."), chapters ("In: …
editors. Book. City: …"), entries after "(2004)" with no journal tail, and anything else with a
year; and the type an entry's wording gives (abstract, preprint, thesis, web page)."""

from __future__ import annotations

import re
from collections.abc import Callable

from citecheck.bibliography import tails
from citecheck.bibliography.title import SENT_END as _SENT_END
from citecheck.bibliography.title import split_title_container as _split_title_container
from citecheck.bibliography.title import strip_span as _strip_span
from citecheck.model import RefType

Put = Callable[[str, str, int, int], None]  # (field, value, start, end): record a field
_Bounds = tuple[int, int]
_Split = tuple[_Bounds | None, _Bounds | None, RefType]  # where title and container are, type

_ABSTRACT_MEETING = re.compile(r"\babstract\b.*\bmeeting\b")
_PREPRINT = re.compile(r"\b(biorxiv|medrxiv|arxiv|preprint|research square|ssrn)\b")
_THESIS = re.compile(r"\b(thesis|dissertation)\b")
_BOOK = re.compile(
    rf"(?P<place>[A-Z][^.:;]{{1,40}}):\s*(?P<publisher>[^.;]{{2,80}});\s*(?P<year>{tails.YEAR})"
)
_CHAPTER = re.compile(r"\bIn:\s*", re.IGNORECASE)
_CHAPTER_START = re.compile(r"In:?\s+(?=[A-Z])")  # "In Body beautiful: …" after a title


def book_or_other(core: str, start: int, put: Put) -> _Split:
    """Books ("City: Publisher; 2004."), chapters ("In: …"), and anything with a year."""
    book = _book(core, start)
    if book:
        put("year", book.group("year"), book.start("year"), book.end("year"))
        put(
            "publisher",
            book.group("publisher").strip(),
            book.start("publisher"),
            book.end("publisher"),
        )
        chapter = _CHAPTER.search(core, start)
        if chapter and chapter.start() < book.start():
            chapter_title = _strip_span(core, start, chapter.start())
            container = _container_of_chapter(core, chapter.end(), book.start())
            return chapter_title, container, RefType.CHAPTER
        return _strip_span(core, start, book.start()), None, RefType.BOOK
    year = None
    for m in tails.ANY_YEAR.finditer(core, start):
        year = m
    for m in tails.PAREN_YEAR.finditer(core, start):  # "(2015)" beats a page or arXiv number
        year = m if m.group("year") else year
    if year:
        put("year", year.group("year"), year.start("year"), year.end("year"))
        end = year.start()
        title, container = _split_title_container(core, start, end, journal=False)
        if title is None and container is not None:
            return container, None, RefType.OTHER
        return title, container, RefType.OTHER
    return _strip_span(core, start, len(core)), None, RefType.OTHER


def _book(core: str, start: int) -> re.Match[str] | None:
    """ "City: Publisher; 2004": the place ends at a colon at most 41 characters after its
    first letter, so the search starts there."""
    colon = core.find(":", start)
    if colon < 0 or core.find(";", colon) < 0:
        return None
    return _BOOK.search(core, max(start, colon - 41))


def first_sentence_title(core: str, start: int, put: Put) -> _Split:
    """After "(2004)" with no journal tail: the title is the first sentence; then a book,
    chapter or other source."""
    stop = _SENT_END.search(core, start)
    if not stop:
        return (
            _without_publisher(core, _strip_span(core, start, len(core)), put),
            None,
            RefType.OTHER,
        )
    while core[stop.start()] in "?!" and not _CHAPTER_START.match(core, stop.end()):
        # "Healthy body equals beautiful body? Changing perceptions …. In …": a question
        # with its subtitle, when a chapter's "In" follows the next sentence
        nxt = _SENT_END.search(core, stop.end())
        if not nxt or not _CHAPTER_START.match(core, nxt.end()):
            break
        stop = nxt
    title = _strip_span(core, start, stop.start() + 1)
    rest = stop.end()
    pages = re.search(rf"(?:pp?\.\s*)?(?P<pages>{tails.PAGES})\.?\s*$", core[rest:])
    if pages and not re.fullmatch(r"\d{1,3}", pages.group("pages")):
        put("pages", pages.group("pages"), rest + pages.start("pages"), rest + pages.end("pages"))
    chapter = _CHAPTER.match(core, rest) or _CHAPTER_START.match(core, rest)
    if chapter:
        nxt = _SENT_END.search(core, chapter.end())
        end = nxt.start() if nxt else len(core)
        return title, _container_of_chapter(core, chapter.end(), end), RefType.CHAPTER
    journal = _JOURNAL_ALONE.fullmatch(core, rest)
    if journal and not _ORGANISATION.search(journal.group("journal")) and not pages:
        # "(2007) Induction of … Factors. Cell.": ahead of print, the journal alone
        return title, _strip_span(core, *journal.span("journal")), RefType.ARTICLE
    return title, None, RefType.OTHER


def _without_publisher(core: str, title: tuple[int, int], put: Put) -> tuple[int, int]:
    """ "Particle Image Velocimetry, A Practical Guide: Springer, Berlin": the publisher and
    place after the last colon are not the title's."""
    m = _PUBLISHER_AT_END.search(core, *title)
    if not m or not _ORGANISATION.search(m.group("publisher")):
        return title
    put("publisher", m.group("publisher"), m.start("publisher"), m.end("publisher"))
    return _strip_span(core, title[0], m.start())


_PUBLISHER_AT_END = re.compile(r":\s*(?P<publisher>[^:,]{2,60}),\s*[A-Z][\w .-]{1,30}$")
# A journal name alone after the title (ahead of print): capitalised words and connectors.
_JOURNAL_ALONE = re.compile(
    r"(?P<journal>[A-Z][\w'’-]*\.?(?:\s+(?:[A-Z(][\w'’()-]*\.?|of|and|&|the|for|in|et)){0,7})"
    r"[.\s]*(?:\(?(?i:in press|epub ahead of print|online ahead of print)\)?[.\s]*)?"
)
_ORGANISATION = re.compile(
    r"\b(?:press|foundation|university|institute|organi[sz]ation|department|ministry|office"
    r"|agency|council|committee|publish\w*|ltd|inc|cent(?:er|re)|group|team|bank|program\w*"
    r"|report|available|accessed|retrieved|springer|wiley|elsevier|academic|blackwell|oxford"
    r"|cambridge|crc|routledge|sage|macmillan|mcgraw|karger|thieme|pearson|norton|freeman)\b",
    re.IGNORECASE,
)


def _container_of_chapter(core: str, start: int, end: int) -> tuple[int, int] | None:
    """In "In: Smith J, editor. Book title. City: …" the book title follows the editors."""
    seg = core[start:end]
    m = re.search(r"\beds?\.|\beditors?\b\.?", seg)
    if m:
        start = start + m.end()
    return _strip_span(core, start, end)


def refine_type(ref_type: RefType, low: str, fields: dict[str, str], notes: list[str]) -> RefType:
    if "[abstract]" in notes or ("meeting" in low and _ABSTRACT_MEETING.search(low)):
        return RefType.ABSTRACT
    if _has_preprint_key(low) and _PREPRINT.search(low):
        return RefType.PREPRINT
    if ("thesis" in low or "dissertation" in low) and _THESIS.search(low):
        return RefType.THESIS
    if ref_type is not RefType.OTHER:
        return ref_type
    if fields.get("url") and ("accessed" in low or "cited" in low or "available" in low):
        return RefType.WEB
    if fields.get("container") and fields.get("year"):
        return RefType.ARTICLE
    return ref_type


def _has_preprint_key(low: str) -> bool:
    """A cheap test before :data:`_PREPRINT`: one of its words' letters occurs."""
    return "rxiv" in low or "preprint" in low or "research square" in low or "ssrn" in low


__all__ = ["book_or_other", "first_sentence_title", "refine_type"]
