"""What a registry lookup returns: plain frozen data, never raw JSON.

A lookup is *found* (with a value), *not found* (the registry answered that the thing does
not exist) or *unavailable* (the registry could not be asked or did not answer usefully:
timeout, 429 after retries, 5xx, bad JSON, offline and not in the lockfile). Only "not found"
is evidence against a reference; "unavailable" always becomes NET001.

Records are converted to and from plain dicts for the evidence lockfile.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

from citecheck.model import Author

T = TypeVar("T")


class LookupStatus(str, Enum):
    FOUND = "found"
    NOT_FOUND = "not-found"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class Lookup(Generic[T]):
    """The outcome of one question to a registry."""

    status: LookupStatus
    value: T | None = None
    reason: str = ""

    @classmethod
    def found(cls, value: T) -> Lookup[T]:
        return cls(LookupStatus.FOUND, value)

    @classmethod
    def not_found(cls, reason: str = "not found") -> Lookup[T]:
        return cls(LookupStatus.NOT_FOUND, None, reason)

    @classmethod
    def unavailable(cls, reason: str) -> Lookup[T]:
        return cls(LookupStatus.UNAVAILABLE, None, reason)

    @property
    def is_found(self) -> bool:
        return self.status is LookupStatus.FOUND

    @property
    def is_unavailable(self) -> bool:
        return self.status is LookupStatus.UNAVAILABLE


@dataclass(frozen=True)
class Update:
    """A notice that updates a work (Crossref ``updated-by``): retraction, correction, …"""

    doi: str
    type: str  # "retraction", "correction", "expression_of_concern", …
    label: str = ""
    source: str = ""  # "publisher" or "retraction-watch"
    date: str = ""  # ISO date "2019-07-26" (as far as known)


@dataclass(frozen=True)
class Relation:
    """One entry of Crossref ``relation`` (e.g. ``is-preprint-of``)."""

    type: str
    id: str
    id_type: str = "doi"


AGENCY_NAMES = {"crossref": "Crossref", "datacite": "DataCite"}


@dataclass(frozen=True)
class WorkRecord:
    """The parts of a work record that citecheck compares: Crossref's, or the record of the
    agency that registered the DOI (``agency``, e.g. ``datacite``)."""

    doi: str
    title: str = ""
    subtitles: tuple[str, ...] = ()
    authors: tuple[Author, ...] = ()
    container_titles: tuple[str, ...] = ()
    short_container_titles: tuple[str, ...] = ()
    years: tuple[int, ...] = ()  # issued first, then print / online / posted years
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    article_number: str | None = None
    type: str = ""
    updates: tuple[Update, ...] = ()
    updates_to: tuple[str, ...] = ()  # DOIs this notice updates (it is itself a notice)
    relations: tuple[Relation, ...] = ()
    score: float | None = None  # search relevance in a list; not a probability
    abstract: str = ""  # Crossref ``abstract`` (JATS) as plain text, when deposited
    agency: str = "crossref"  # the registry the record came from

    @property
    def agency_name(self) -> str:
        """``Crossref``, ``DataCite``: who holds this record, for messages."""
        return AGENCY_NAMES.get(self.agency, self.agency)

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def is_notice(self) -> bool:
        return bool(self.updates_to)


@dataclass(frozen=True)
class PubmedRecord:
    """The parts of a PubMed esummary record that citecheck compares."""

    pmid: str
    title: str = ""
    authors: tuple[Author, ...] = ()
    year: int | None = None
    journal: str = ""  # NLM abbreviation ("J Nucl Med")
    journal_full: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str | None = None
    pubtypes: tuple[str, ...] = ()

    @property
    def is_retracted(self) -> bool:
        return any(t.lower() == "retracted publication" for t in self.pubtypes)


@dataclass(frozen=True)
class Abstract:
    """A work's abstract as plain text: paragraphs (structured sections ``LABEL: text``)
    separated by blank lines, and where it came from."""

    text: str
    source: str  # "pubmed", "europepmc", or the agency of a work record ("crossref", …)
    id: str  # what it was asked by: the PMID (PubMed, Europe PMC by PMID) or the DOI

    @property
    def label(self) -> str:
        """``PubMed 28529651``, ``Europe PMC 10.7150/thno.20575``, ``Crossref 10.…``."""
        name = {"pubmed": "PubMed", "europepmc": "Europe PMC", **AGENCY_NAMES}
        return f"{name.get(self.source, self.source)} {self.id}"


# --- plain-dict form, for the lockfile -------------------------------------------------------


def _author_to_data(a: Author) -> dict[str, Any]:
    d: dict[str, Any] = {"family": a.family, "given": a.given}
    if a.is_group:
        d["is_group"] = True
    return d


def _author_from_data(d: dict[str, Any]) -> Author:
    return Author(d.get("family", ""), d.get("given", ""), bool(d.get("is_group", False)))


def work_to_data(w: WorkRecord) -> dict[str, Any]:
    return {
        "doi": w.doi,
        "title": w.title,
        "subtitles": list(w.subtitles),
        "authors": [_author_to_data(a) for a in w.authors],
        "container_titles": list(w.container_titles),
        "short_container_titles": list(w.short_container_titles),
        "years": list(w.years),
        "volume": w.volume,
        "issue": w.issue,
        "page": w.page,
        "article_number": w.article_number,
        "type": w.type,
        "updates": [vars_of(u) for u in w.updates],
        "updates_to": list(w.updates_to),
        "relations": [vars_of(r) for r in w.relations],
        "score": w.score,
        **({"abstract": w.abstract} if w.abstract else {}),  # older lockfiles have none
        **({"agency": w.agency} if w.agency != "crossref" else {}),  # Crossref's: none
    }


def work_from_data(d: dict[str, Any]) -> WorkRecord:
    return WorkRecord(
        doi=d["doi"],
        title=d.get("title", ""),
        subtitles=tuple(d.get("subtitles", ())),
        authors=tuple(_author_from_data(a) for a in d.get("authors", ())),
        container_titles=tuple(d.get("container_titles", ())),
        short_container_titles=tuple(d.get("short_container_titles", ())),
        years=tuple(int(y) for y in d.get("years", ())),
        volume=d.get("volume"),
        issue=d.get("issue"),
        page=d.get("page"),
        article_number=d.get("article_number"),
        type=d.get("type", ""),
        updates=tuple(Update(**u) for u in d.get("updates", ())),
        updates_to=tuple(d.get("updates_to", ())),
        relations=tuple(Relation(**r) for r in d.get("relations", ())),
        score=d.get("score"),
        abstract=d.get("abstract", ""),
        agency=d.get("agency", "crossref"),
    )


def pubmed_to_data(p: PubmedRecord) -> dict[str, Any]:
    d = vars_of(p)
    d["authors"] = [_author_to_data(a) for a in p.authors]
    d["pubtypes"] = list(p.pubtypes)
    return d


def pubmed_from_data(d: dict[str, Any]) -> PubmedRecord:
    fields = dict(d)
    fields["authors"] = tuple(_author_from_data(a) for a in d.get("authors", ()))
    fields["pubtypes"] = tuple(d.get("pubtypes", ()))
    return PubmedRecord(**fields)


def abstract_to_data(a: Abstract) -> dict[str, Any]:
    return vars_of(a)


def abstract_from_data(d: dict[str, Any]) -> Abstract:
    return Abstract(str(d.get("text", "")), str(d.get("source", "")), str(d.get("id", "")))


def vars_of(obj: Any) -> dict[str, Any]:
    """A shallow dict of a dataclass instance's fields."""
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}
