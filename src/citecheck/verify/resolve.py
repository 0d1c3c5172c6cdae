"""Batch resolution: identifiers for a whole reference list in a few requests, then searches
only for what is left.

The per-reference strategy (:func:`citecheck.verify.gather.gather_one_by_one`) sends one
``query.bibliographic`` search per reference without a DOI, and Crossref's list requests are
limited to 3 a second. This one asks better questions first:

1. NCBI's citation matcher (``ecitmatch``) for every reference without a DOI or PMID that
   prints a journal, year, volume and first page — many citations per request;
2. one ``esummary`` for the PMIDs printed and found — titles, authors, years, DOIs;
3. Crossref ``filter=doi:…`` list requests (40 DOIs each) for the DOIs printed and those
   PubMed lists, but for those under a prefix only DataCite registers: DataCite is asked for
   them directly (:mod:`citecheck.verify.datacite_dois`);
4. DataCite, once per distinct arXiv id, for the preprints cited by their arXiv id alone
   (:mod:`citecheck.verify.arxiv`).

A PMID from the matcher is only a candidate: it counts when its PubMed record agrees with the
printed reference (:func:`pubmed_agrees`: title, first author, year) and the Crossref record
of the DOI PubMed lists passes the same candidate test a search result must pass
(:func:`~citecheck.verify.match.choose_candidate`), so the verdict is the one a search that
found this record would give. Everything else — no match, an ambiguous or disagreeing
record, no DOI, a matcher that could not be asked — goes to ``query.bibliographic`` exactly
as before. Crossref and NCBI work at the same time, each within its own gates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace

from citecheck.model import Reference, RefType
from citecheck.registry.ecitmatch import CitationQuery, ask_ecitmatch
from citecheck.registry.normalize import normalize_doi, normalize_title, split_pages, year_of
from citecheck.registry.protocol import Registry
from citecheck.registry.records import Lookup, PubmedRecord, WorkRecord
from citecheck.registry.settings import OnlineOptions
from citecheck.verify.arxiv import arxiv_beside_journal, arxiv_to_check, ask_arxiv
from citecheck.verify.datacite_dois import registered_with_datacite
from citecheck.verify.gather import doi_evidence, doi_to_check, search_evidence
from citecheck.verify.judge import Evidence
from citecheck.verify.match import (
    TITLE_SAME,
    authors_agree,
    choose_candidate,
    numbers_agree,
    title_similarity,
    years_agree,
)

Progress = Callable[[int], None]
NOT_IN_PUBMED = frozenset({RefType.BOOK, RefType.CHAPTER, RefType.WEB, RefType.THESIS})


def citation_query(ref: Reference) -> CitationQuery | None:
    """What the citation matcher is asked for a reference printing a journal, year, volume and
    first page (and its first author, when it has one); None otherwise, and for books,
    chapters, web pages and theses."""
    if ref.type in NOT_IN_PUBMED or not (ref.container and ref.volume and ref.pages):
        return None
    year = year_of(ref.year)
    first, _last = split_pages(ref.pages)
    if year is None or not first:
        return None
    author = ref.first_author
    name = ""
    if author is not None and not author.is_group and author.family:
        name = f"{author.family} {author.given}".strip()
    return CitationQuery(ref.container, str(year), ref.volume, first, name)


def pubmed_agrees(ref: Reference, pm: PubmedRecord) -> bool:
    """Whether a PubMed record is the printed reference: the same title (similarity at least
    ``TITLE_SAME``, and the same numbers in it), a year that agrees, the same volume and
    first page (where both give them) and a first author that agrees (when the record names
    one). A reference without a title is never confirmed this way."""
    if not ref.title or not pm.title or title_similarity(ref.title, pm.title) < TITLE_SAME:
        return False
    if _title_numbers(ref.title) != _title_numbers(pm.title):
        return False  # "Part 1" and "Part 2", "Volume I" and "Volume II": other works
    if pm.year is None or years_agree(ref.year, (pm.year,)) is not True:
        return False
    if ref.volume and pm.volume and numbers_agree(ref.volume, pm.volume) is False:
        return False  # the matcher keys on volume and page: a real match agrees on both
    printed, recorded = split_pages(ref.pages)[0], split_pages(pm.pages)[0]
    if printed and recorded and printed.lstrip("e") != recorded.lstrip("e"):
        return False
    first = ref.first_author
    if first is not None and pm.authors:
        return authors_agree(first, pm.authors[0])
    return first is None or not pm.authors


_NUMERAL = re.compile(r"\d+|[ivx]{1,5}")


def _title_numbers(title: str) -> frozenset[str]:
    """The numbers and roman numerals among a title's words."""
    return frozenset(w for w in normalize_title(title).split() if _NUMERAL.fullmatch(w))


def accepted_record(ref: Reference, work: WorkRecord) -> bool:
    """Whether a Crossref record found through PubMed passes the test a search candidate
    must pass to be suggested."""
    return choose_candidate(ref, (work,)).chosen is not None


@dataclass(frozen=True)
class Plan:
    """Which question each reference (by index) starts with."""

    by_doi: Mapping[int, str]  # printed DOI
    by_pmid: Sequence[int]  # printed PMID, no DOI: esummary, then maybe its DOI
    by_citation: Mapping[int, CitationQuery]  # the citation matcher
    by_search: Sequence[int]  # nothing to resolve by: search at once
    by_arxiv: Mapping[int, str] = field(default_factory=dict)  # arXiv id, no DOI or PMID
    beside: Mapping[int, str] = field(default_factory=dict)  # arXiv id beside a journal


def plan_for(refs: Sequence[Reference]) -> Plan:
    by_doi, by_pmid, by_citation, by_search, by_arxiv = {}, [], {}, [], {}
    for i, ref in enumerate(refs):
        if ref.doi:
            by_doi[i] = normalize_doi(ref.doi)
        elif ref.pmid:
            by_pmid.append(i)
        elif arxiv := arxiv_to_check(ref):
            by_arxiv[i] = arxiv
        elif (query := citation_query(ref)) is not None:
            by_citation[i] = query
        else:
            by_search.append(i)
    beside = {i: a for i in (*by_citation, *by_search) if (a := arxiv_beside_journal(refs[i]))}
    return Plan(by_doi, by_pmid, by_citation, by_search, by_arxiv, beside)


def gather_batched(
    refs: Sequence[Reference],
    registry: Registry,
    config: OnlineOptions,
    progress: Progress | None = None,
) -> list[Evidence]:
    """Ask the registry everything needed to judge each reference, batch questions first."""
    plan = plan_for(refs)
    done: dict[int, Evidence] = {}
    workers = max(1, config.crossref_limits.concurrency)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="citecheck-online") as pool:
        tasks: dict[Future[Evidence], int] = {}

        def search(i: int, pm: Lookup[PubmedRecord] | None = None) -> None:
            tasks[pool.submit(search_evidence, refs[i], registry, config.rows, pm)] = i

        printed = [
            d for d in dict.fromkeys(plan.by_doi.values()) if not registered_with_datacite(d)
        ]
        printed_batch = pool.submit(registry.works_batch, printed) if printed else None
        arxiv = ask_arxiv({**plan.by_arxiv, **plan.beside}, registry, pool)
        for i in plan.by_search:
            search(i)
        matches = ask_ecitmatch(registry, list(plan.by_citation.values()))
        candidates: dict[int, str] = {}
        for i, query in plan.by_citation.items():
            match = matches.get(query)
            if match is not None and match.is_found and match.value:
                candidates[i] = match.value
            else:
                search(i)  # no single match: the search starts while PubMed is asked
        pmids = [refs[i].pmid or "" for i in (*plan.by_doi, *plan.by_pmid) if refs[i].pmid]
        wanted = list(dict.fromkeys([*pmids, *candidates.values()]))
        pubmed = registry.pubmed_summaries(wanted) if wanted else {}

        def pm_of(i: int) -> Lookup[PubmedRecord] | None:
            pmid = refs[i].pmid
            return pubmed.get(pmid) if pmid else None

        via_pubmed: dict[int, str] = {}
        for i in plan.by_pmid:
            doi, _source = doi_to_check(refs[i], pubmed)
            if doi:
                via_pubmed[i] = doi
            else:
                search(i, pm_of(i))
        confirmed: dict[int, str] = {}
        for i, pmid in candidates.items():
            lookup = pubmed.get(pmid)
            pm = lookup.value if lookup is not None and lookup.is_found else None
            if pm is not None and pm.doi and pubmed_agrees(refs[i], pm):
                confirmed[i] = normalize_doi(pm.doi)
            else:
                search(i)
        more = [d for d in dict.fromkeys([*via_pubmed.values(), *confirmed.values()])]
        batch = dict(printed_batch.result()) if printed_batch is not None else {}
        more = [d for d in more if d not in batch and not registered_with_datacite(d)]
        if more:
            batch.update(registry.works_batch(more))
        for i, doi in (*plan.by_doi.items(), *via_pubmed.items()):
            source = "printed" if i in plan.by_doi else "pubmed"
            task = pool.submit(doi_evidence, doi, source, batch, registry, pm_of(i))
            tasks[task] = i
        for i, doi in confirmed.items():
            work = batch.get(doi)
            if work is not None and accepted_record(refs[i], work):
                done[i] = Evidence(search=Lookup.found((work,)))
                if progress is not None:
                    progress(1)
            else:
                search(i)
        for task in as_completed(tasks):
            done[tasks[task]] = task.result()
            if progress is not None:
                progress(1)
        for i, asked in arxiv.items():
            if i in plan.beside:
                done[i] = replace(done[i], arxiv=asked.result())
                continue
            done[i] = asked.result()
            if progress is not None:
                progress(1)
    return [done[i] for i in range(len(refs))]


__all__ = ["citation_query", "gather_batched", "pubmed_agrees"]
