"""What callers ask a registry, split by who asks it.

* :class:`WorksRegistry` — bibliographic records by DOI and by search (Crossref, a local
  snapshot of Crossref's public data file);
* :class:`RegisteredWorks` — a DOI's record at the agency that registered it when that is
  not Crossref (:data:`READ_AGENCIES`; one :class:`AgencyRegistry` part each: DataCite);
* :class:`PubmedRegistry` — PubMed summaries, PMIDs for DOIs and PubMed abstracts (NCBI);
* :class:`AbstractRegistry` — abstracts from a full-text service (Europe PMC).

A backend implements only its part; :class:`Registries` puts the parts together, and a part
that is not there answers *unavailable* (so the reference is "could not check", never
wrong). Every lookup returns a :class:`~citecheck.registry.records.Lookup` and never
raises for IO.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from citecheck.registry.ecitmatch import CitationQuery, ask_ecitmatch
from citecheck.registry.records import AGENCY_NAMES, Abstract, Lookup, PubmedRecord, WorkRecord
from citecheck.registry.traffic import Meter

READ_AGENCIES = frozenset({"datacite"})  # agencies besides Crossref whose records are read


class WorksRegistry(Protocol):
    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]: ...

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        """Works found for many DOIs at once; DOIs missing here are asked one by one."""
        ...

    def doi_agency(self, doi: str) -> Lookup[str]: ...

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]: ...


class RegisteredWorks(Protocol):
    def work_by_doi_at(self, agency: str, doi: str) -> Lookup[WorkRecord]:
        """The record of a DOI at the agency that registered it (one of
        :data:`READ_AGENCIES`; another agency answers *unavailable*)."""
        ...


class AgencyRegistry(Protocol):
    """The records of one registration agency besides Crossref (DataCite), by DOI."""

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]: ...


class PubmedRegistry(Protocol):
    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]: ...

    def pmid_for_doi(self, doi: str) -> Lookup[str]: ...

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]: ...

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> dict[CitationQuery, Lookup[str]]:
        """PMIDs of printed citations (NCBI's batch citation matcher); candidates only."""
        ...


class AbstractRegistry(Protocol):
    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]: ...


class Registry(WorksRegistry, RegisteredWorks, PubmedRegistry, AbstractRegistry, Protocol):
    """Everything online verification and the claims-against-sources check ask."""


@dataclass(frozen=True)
class Registries:
    """A :class:`Registry` made of the parts that exist: works (required), PubMed, abstracts
    and DataCite (optional; a missing part answers *unavailable*), and the meter that counts
    their requests."""

    works: WorksRegistry
    pubmed: PubmedRegistry | None = None
    abstracts: AbstractRegistry | None = None
    meter: Meter | None = None  # what the parts asked of the network (HTTP registries)
    datacite: AgencyRegistry | None = None

    def _agency(self, agency: str) -> AgencyRegistry | None:
        return {"datacite": self.datacite}.get(agency)

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        return self.works.work_by_doi(doi)

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        return self.works.works_batch(dois)

    def doi_agency(self, doi: str) -> Lookup[str]:
        return self.works.doi_agency(doi)

    def work_by_doi_at(self, agency: str, doi: str) -> Lookup[WorkRecord]:
        part = self._agency(agency)
        if part is None:
            name = AGENCY_NAMES.get(agency, agency)
            return Lookup.unavailable(f"no {name} registry is configured")
        return part.work_by_doi(doi)

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        return self.works.search_bibliographic(text, rows)

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        if self.pubmed is None:
            return {p: Lookup.unavailable("no PubMed registry is configured") for p in pmids}
        return self.pubmed.pubmed_summaries(pmids)

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        if self.pubmed is None:
            return Lookup.unavailable("no PubMed registry is configured")
        return self.pubmed.pmid_for_doi(doi)

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        if self.pubmed is None:
            return Lookup.unavailable("no PubMed registry is configured")
        return self.pubmed.pubmed_abstract(pmid)

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> dict[CitationQuery, Lookup[str]]:
        return ask_ecitmatch(self.pubmed, queries)

    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]:
        if self.abstracts is None:
            return Lookup.unavailable("Europe PMC is not configured")
        return self.abstracts.europepmc_abstract(doi, pmid)
