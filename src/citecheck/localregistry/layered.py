"""The local registry first, then a live registry for what the snapshot does not hold.

A DOI the local registry holds is answered from it; one it does not hold (a work newer than
the snapshot, another agency's DOI) is asked of the live registry. A search whose best local
candidate agrees strongly with the reference (:data:`STRONG`) is answered locally; otherwise
the live candidates are added after the local ones, and the verifier chooses among them all.
PubMed, the citation matcher, abstracts and other agencies' records (DataCite) always come
from the live registry.

The questions the local registry answered alone are counted in the live registry's
:class:`~citecheck.registry.traffic.Meter` as the service ``local`` beside ``crossref``, so
the run's traffic (text and JSON reports) says which source answered how many.
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.localregistry.registry import LOCAL, SqliteRegistry
from citecheck.registry.ecitmatch import CitationQuery, ask_ecitmatch
from citecheck.registry.protocol import Registry
from citecheck.registry.records import Abstract, Lookup, PubmedRecord, WorkRecord
from citecheck.registry.traffic import Meter

STRONG = 80.0  # of 100: title, authors and year agree (see registry.rank_candidates)


class LayeredRegistry:
    """A :class:`~citecheck.registry.protocol.Registry`: ``local`` first, then ``live``
    (``local`` without a meter of its own: this class counts what it answered alone)."""

    def __init__(self, local: SqliteRegistry, live: Registry) -> None:
        self.local = local
        self.live = live
        self.meter: Meter | None = getattr(live, "meter", None)

    def _answered(self, count: int = 1) -> None:
        if self.meter is not None:
            for _ in range(count):
                self.meter.sent(LOCAL)

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        held = self.local.work_by_doi(doi)
        if held.is_found:
            self._answered()
            return held
        return self.live.work_by_doi(doi)

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        found = self.local.works_batch(dois)
        self._answered(len({w.doi for w in found.values()}))
        rest = [d for d in dois if d not in found]
        if rest:
            found.update(self.live.works_batch(rest))
        return found

    def doi_agency(self, doi: str) -> Lookup[str]:
        held = self.local.doi_agency(doi)
        return held if held.is_found else self.live.doi_agency(doi)

    def work_by_doi_at(self, agency: str, doi: str) -> Lookup[WorkRecord]:
        return self.live.work_by_doi_at(agency, doi)  # the snapshot holds Crossref's alone

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        held = self.local.search_bibliographic(text, rows)
        local = held.value or ()
        if local and (local[0].score or 0.0) >= STRONG:
            self._answered()
            return held
        live = self.live.search_bibliographic(text, rows)
        if not local:
            return live
        seen = {w.doi.lower() for w in local}
        more = tuple(w for w in live.value or () if w.doi.lower() not in seen)
        return Lookup.found(local + more)

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        found = {p: x for p, x in self.local.pubmed_summaries(pmids).items() if x.is_found}
        self._answered(len(found))
        rest = [p for p in pmids if p not in found]
        return {**found, **self.live.pubmed_summaries(rest)} if rest else found

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        held = self.local.pmid_for_doi(doi)
        if held.is_found:
            self._answered()
            return held
        return self.live.pmid_for_doi(doi)

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        return self.live.pubmed_abstract(pmid)

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> dict[CitationQuery, Lookup[str]]:
        return ask_ecitmatch(self.live, queries)

    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]:
        return self.live.europepmc_abstract(doi, pmid)
