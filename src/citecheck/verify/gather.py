"""The questions asked about one reference, and the per-reference strategy.

:func:`doi_evidence` checks a DOI (printed, or listed by PubMed): the record from a batch
answer, else asked alone, and its registration agency when Crossref has no record — then the
record at that agency when citecheck reads its records (DataCite); a DOI under a prefix only
DataCite registers is asked of DataCite alone.
:func:`search_evidence` searches Crossref with the printed reference
(``query.bibliographic``); a reference printing an arXiv id and no DOI is asked of DataCite
instead (:mod:`citecheck.verify.arxiv`). :func:`gather_one_by_one` is the strategy citecheck
used before batch resolution (:mod:`citecheck.verify.resolve`): printed PMIDs in one
``esummary``, DOIs in ``filter=doi:…`` batches, one search per reference without a DOI; it
is kept as the baseline the benchmark measures against and for
``OnlineOptions(batch_resolution=False)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from citecheck.model import Reference
from citecheck.registry.normalize import normalize_doi, plain_text
from citecheck.registry.protocol import READ_AGENCIES, Registry
from citecheck.registry.records import Lookup, LookupStatus, PubmedRecord, WorkRecord
from citecheck.registry.settings import OnlineOptions
from citecheck.verify.arxiv import arxiv_beside_journal, arxiv_to_check, ask_arxiv
from citecheck.verify.datacite_dois import datacite_evidence, registered_with_datacite
from citecheck.verify.judge import Evidence
from citecheck.verify.match import TITLE_SAME, title_similarity

Progress = Callable[[int], None]  # called with the number of references just finished

LIST_MARKER = re.compile(r"^\s*(?:[-*•]\s+|\[?\d{1,4}[.)\]]\s*)")
DOI_OR_URL = re.compile(r"(?:doi:\s*|https?://)\S+|\b10\.\d{4,9}/\S+", re.IGNORECASE)


def doi_evidence(
    doi: str,
    source: str,
    batch: Mapping[str, WorkRecord],
    registry: Registry,
    pm: Lookup[PubmedRecord] | None = None,
) -> Evidence:
    """The evidence for a DOI: its record (from ``batch`` or asked alone) and, when Crossref
    has none, its registration agency and, from an agency citecheck reads, the record there
    (found, not found or unavailable: it stands in for Crossref's answer). A DOI under a
    prefix only DataCite registers is asked of DataCite first
    (:mod:`citecheck.verify.datacite_dois`)."""
    if doi not in batch and registered_with_datacite(doi):
        return datacite_evidence(doi, source, registry, pm)
    work = Lookup.found(batch[doi]) if doi in batch else registry.work_by_doi(doi)
    agency = registry.doi_agency(doi) if work.status is LookupStatus.NOT_FOUND else None
    if agency is not None and agency.is_found and agency.value in READ_AGENCIES:
        work = registry.work_by_doi_at(agency.value, doi)
    return Evidence(doi, source, work, agency, pm)


def search_evidence(
    ref: Reference, registry: Registry, rows: int, pm: Lookup[PubmedRecord] | None = None
) -> Evidence:
    """The evidence of a bibliographic search for the printed reference (none when it
    gives too little to search by)."""
    query = search_text(ref)
    if not query:
        return Evidence(pubmed=pm)
    return Evidence(pubmed=pm, search=registry.search_bibliographic(query, rows))


def gather_one_by_one(
    refs: Sequence[Reference],
    registry: Registry,
    config: OnlineOptions,
    progress: Progress | None = None,
) -> list[Evidence]:
    """Printed PMIDs in one esummary, DOIs in batches, one search per other reference."""
    pmids = [r.pmid for r in refs if r.pmid]
    pubmed = registry.pubmed_summaries(pmids) if pmids else {}
    dois = [doi_to_check(r, pubmed) for r in refs]
    batch = registry.works_batch([d for d, _ in dois if d and not registered_with_datacite(d)])
    arxiv = {i: a for i, r in enumerate(refs) if (a := arxiv_to_check(r))}
    beside = {i: a for i, r in enumerate(refs) if (a := arxiv_beside_journal(r))}

    def one(i: int) -> Evidence:
        ref, (doi, source) = refs[i], dois[i]
        pm = pubmed.get(ref.pmid) if ref.pmid else None
        if doi:
            return doi_evidence(doi, source, batch, registry, pm)
        if i in arxiv:
            return asked[i].result()
        ev = search_evidence(ref, registry, config.rows, pm)
        return replace(ev, arxiv=asked[i].result()) if i in beside else ev

    workers = max(1, config.crossref_limits.concurrency)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="citecheck-online") as pool:
        asked = ask_arxiv({**arxiv, **beside}, registry, pool)  # queued first, before any waits
        results = []
        for ev in pool.map(one, range(len(refs))):
            results.append(ev)
            if progress is not None:
                progress(1)
    return results


def doi_to_check(ref: Reference, pubmed: Mapping[str, Lookup[PubmedRecord]]) -> tuple[str, str]:
    """The DOI to check and where it came from: printed, or listed by PubMed for the printed
    PMID when the titles agree; ``("", "")`` when there is none."""
    if ref.doi:
        return normalize_doi(ref.doi), "printed"
    lookup = pubmed.get(ref.pmid) if ref.pmid else None
    pm = lookup.value if lookup is not None and lookup.is_found else None
    if pm and pm.doi and ref.title and title_similarity(ref.title, pm.title) >= TITLE_SAME:
        return normalize_doi(pm.doi), "pubmed"
    return "", ""


def search_text(ref: Reference) -> str:
    """The reference as one string for ``query.bibliographic`` (markup, DOIs, URLs removed)."""
    if not ref.title and not (ref.container and ref.year):
        return ""
    text = LIST_MARKER.sub("", ref.raw)
    text = DOI_OR_URL.sub(" ", plain_text(text))
    text = " ".join(text.split())
    return text[:1000]
