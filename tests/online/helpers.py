"""Shared test helpers: recorded bodies, a fake registry, references."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import requests

from citecheck.model import Author, Reference, Span
from citecheck.registry.crossref import work_from_message
from citecheck.registry.http import http_registry
from citecheck.registry.protocol import Registries
from citecheck.registry.records import Lookup, PubmedRecord, WorkRecord
from citecheck.registry.settings import OnlineOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CROSSREF = "https://api.crossref.org"
NCBI = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"


def body(name: str) -> str:
    """A recorded response body from tests/fixtures/ (crossref/… or ncbi/…)."""
    return (FIXTURES / name).read_text(encoding="utf-8")


def make_ref(
    number: int = 1,
    *,
    authors: Sequence[str] = ("Boulkedid R",),
    et_al: bool = True,
    title: str | None = "Using and reporting the Delphi method for selecting healthcare quality "
    "indicators: a systematic review",
    container: str | None = "PLoS One",
    year: str | None = "2011",
    volume: str | None = "6",
    issue: str | None = None,
    pages: str | None = "e20476",
    doi: str | None = None,
    pmid: str | None = None,
) -> Reference:
    people = tuple(Author(*a.rsplit(" ", 1)) for a in authors)
    raw = f"{', '.join(authors)}. {title}. {container}. {year};{volume}:{pages}."
    return Reference(
        number=number,
        raw=raw,
        span=Span(0, len(raw)),
        authors=people,
        et_al=et_al,
        title=title,
        container=container,
        year=year,
        volume=volume,
        issue=issue,
        pages=pages,
        doi=doi,
        pmid=pmid,
    )


def work(**fields: object) -> WorkRecord:
    """A WorkRecord from Crossref-shaped fields (``DOI``, ``title`` list, …)."""
    return work_from_message(fields)


@dataclass
class FakeRegistry:
    """An in-memory registry: dicts of answers; anything unknown is 'not found'."""

    works: dict[str, Lookup[WorkRecord]] = field(default_factory=dict)
    agencies: dict[str, Lookup[str]] = field(default_factory=dict)
    registered: dict[str, Lookup[WorkRecord]] = field(default_factory=dict)  # DataCite's
    searches: dict[str, Lookup[tuple[WorkRecord, ...]]] = field(default_factory=dict)
    pubmed: dict[str, Lookup[PubmedRecord]] = field(default_factory=dict)
    default_search: Lookup[tuple[WorkRecord, ...]] = field(
        default_factory=lambda: Lookup.not_found("no candidates")
    )
    asked: list[str] = field(default_factory=list)

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        self.asked.append(f"work {doi}")
        return self.works.get(doi.lower(), Lookup.not_found("Crossref: Resource not found."))

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        return {}

    def doi_agency(self, doi: str) -> Lookup[str]:
        self.asked.append(f"agency {doi}")
        return self.agencies.get(doi.lower(), Lookup.not_found("no agency"))

    def work_by_doi_at(self, agency: str, doi: str) -> Lookup[WorkRecord]:
        self.asked.append(f"{agency} work {doi}")
        return self.registered.get(doi.lower(), Lookup.not_found("DataCite: no record"))

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        self.asked.append(f"search {text}")
        for key, answer in self.searches.items():
            if key in text:
                return answer
        return self.default_search

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        self.asked.append(f"pubmed {','.join(pmids)}")
        return {
            p: self.pubmed.get(p, Lookup.not_found("PubMed: cannot get document summary"))
            for p in pmids
        }


def live_registry(
    *, email: str | None = "test@example.org", attempts: int = 3, **kw: object
) -> tuple[Registries, list[float]]:
    """The real HTTP registry over a plain session, sleeping into a list instead of waiting."""
    slept: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:  # virtual time: sleeping advances the clock
        slept.append(seconds)
        now[0] += seconds

    config = OnlineOptions(email=email, cache=False, attempts=attempts, **kw)  # type: ignore[arg-type]
    registry = http_registry(
        config, requests.Session(), sleep=sleep, clock=lambda: now[0], rng=random.Random(7)
    )
    return registry, slept


def rules(findings: Sequence[object]) -> list[str]:
    return sorted(f.rule for f in findings)  # type: ignore[attr-defined]


def by_rule(findings: Sequence[object], rule: str) -> list[object]:
    return [f for f in findings if f.rule == rule]  # type: ignore[attr-defined]


Answers = Mapping[str, object]
