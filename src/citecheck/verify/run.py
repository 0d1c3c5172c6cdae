"""The entry point: check references against the registries and return findings as data.

Order of work (:mod:`citecheck.verify.resolve`): PMIDs for printed citations from NCBI's
citation matcher and PubMed records in one ``esummary``, DOIs in batched ``filter=doi:`` list
requests (then one by one for those the batch did not return: aliases, 404s, agencies), and
``query.bibliographic`` only for the references still unresolved. Lookups run on a few
worker threads; the pacing gates keep each service inside its limits. Then, for the
references named in ``abstracts_for`` (those that claims cite), the abstracts
(``citecheck.verify.abstracts``), through the same registry, so that they go into the same
lockfile.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from citecheck.model import Finding, Reference, RefKey
from citecheck.registry.lockfile import Lockfile, RecordingRegistry
from citecheck.registry.normalize import normalize_doi
from citecheck.registry.open import open_registry
from citecheck.registry.protocol import Registry
from citecheck.registry.records import Abstract, Lookup, LookupStatus, WorkRecord
from citecheck.registry.settings import OnlineOptions
from citecheck.registry.traffic import Traffic
from citecheck.verify.abstracts import AbstractRequest, fetch_abstract
from citecheck.verify.coverage import Coverage, coverage_of
from citecheck.verify.gather import gather_one_by_one
from citecheck.verify.judge import Evidence, ReferenceVerdict, judge_reference
from citecheck.verify.match import TITLE_DIFFERENT, title_similarity
from citecheck.verify.resolve import gather_batched

Progress = Callable[[int], None]  # called with the number of references just finished


@dataclass(frozen=True)
class OnlineResult:
    """Findings, one verdict per reference, the evidence for the lockfile, and the
    abstracts asked for (reference key → found, not found or unavailable)."""

    findings: tuple[Finding, ...]
    verdicts: tuple[ReferenceVerdict, ...]
    lock: Lockfile = field(default_factory=Lockfile)
    abstracts: Mapping[RefKey, Lookup[Abstract]] = field(default_factory=dict)
    records: Mapping[RefKey, WorkRecord] = field(default_factory=dict)  # the record judged
    coverage: Coverage = field(default_factory=Coverage)  # checked, could not, not asked
    traffic: Traffic | None = None  # what was asked of the network (None: no HTTP registry)

    @property
    def found_dois(self) -> dict[RefKey, str]:
        """Reference key → DOI verified or found (for the BibTeX ``doi`` field)."""
        return {
            v.key: v.doi
            for v in self.verdicts
            if v.doi and v.status in ("verified", "found", "mismatch")
        }


def verify_references(
    references: Iterable[Reference],
    config: OnlineOptions,
    registry: Registry | None = None,
    *,
    progress: Progress | None = None,
    abstracts_for: Collection[RefKey] = (),
) -> OnlineResult:
    """Check every parsed reference against Crossref (and PubMed for PMIDs).

    ``registry`` is asked everything (a fake in tests, one registry shared by a batch); by
    default the one ``config.registry`` names is opened. Every definite answer is recorded
    (``OnlineResult.lock``), whatever the registry. The abstracts of the references named
    in ``abstracts_for`` are fetched too.
    """
    given = list(references)
    refs = [r for r in given if r.parsed]
    if registry is None:
        registry = open_registry(config)
    meter = getattr(registry, "meter", None)
    before, started = (meter.snapshot() if meter is not None else None), time.perf_counter()
    recorder = RecordingRegistry(registry)
    evidence = gather_evidence(refs, recorder, config, progress)
    findings: list[Finding] = []
    verdicts: list[ReferenceVerdict] = []
    for ref, ev in zip(refs, evidence, strict=True):
        verdict, found = judge_reference(ref, ev)
        verdicts.append(verdict)
        findings.extend(found)
    wanted = set(abstracts_for)
    requests = [
        abstract_request(ref, ev, verdict)
        for ref, ev, verdict in zip(refs, evidence, verdicts, strict=True)
        if ref.key in wanted
    ]
    abstracts = gather_abstracts(requests, recorder, config)
    lock = recorder.lockfile(config.registry.crossref_url)
    records = {
        v.key: record
        for ev, v in zip(evidence, verdicts, strict=True)
        if (record := judged_record(ev, v.doi)) is not None
    }
    coverage = coverage_of(verdicts, unparsed=len(given) - len(refs))
    traffic = None
    if meter is not None and before is not None:
        traffic = meter.snapshot().since(before, time.perf_counter() - started)
    return OnlineResult(
        tuple(findings), tuple(verdicts), lock, abstracts, records, coverage, traffic
    )


def judged_record(ev: Evidence, doi: str | None) -> WorkRecord | None:
    """The Crossref record a verdict rests on: the work looked up, or the search candidate
    whose DOI the verdict names."""
    if not doi:
        return None
    candidates = []
    if ev.work is not None and ev.work.value is not None:
        candidates.append(ev.work.value)
    if ev.search is not None and ev.search.value:
        candidates.extend(ev.search.value)
    return next((w for w in candidates if w.doi and w.doi.lower() == doi.lower()), None)


def abstract_request(ref: Reference, ev: Evidence, verdict: ReferenceVerdict) -> AbstractRequest:
    """The identifiers to ask abstracts by: a DOI the registry confirmed (never one that
    belongs to another work), the printed PMID unless PubMed has no such record or its
    record is another work (the PMID001 and PMID002 error cases)."""
    doi = verdict.doi
    if doi is None and ref.doi and verdict.status in ("unavailable", "skipped"):
        doi = normalize_doi(ref.doi)  # could not be checked: still worth an abstract look-up
    pmid = ref.pmid
    pm = ev.pubmed.value if ev.pubmed is not None and ev.pubmed.is_found else None
    if ev.pubmed is not None and ev.pubmed.status is LookupStatus.NOT_FOUND:
        pmid = None  # PMID001: no such record
    elif pm and ref.title and pm.title and title_similarity(ref.title, pm.title) < TITLE_DIFFERENT:
        pmid = None  # PMID002 error: the PMID is another work's
    work: Lookup[WorkRecord] | None = None
    if doi:
        work = _work_behind(doi, ev)
    return AbstractRequest(ref.key, doi, pmid, work)


def _work_behind(doi: str, ev: Evidence) -> Lookup[WorkRecord] | None:
    work = ev.work.value if ev.work is not None and ev.work.is_found else None
    if work is not None and doi.lower() in (work.doi.lower(), (ev.doi or "").lower()):
        return ev.work
    if ev.search is not None and ev.search.value:
        for work in ev.search.value:
            if work.doi.lower() == doi.lower():
                return Lookup.found(work)
    return ev.work if ev.work is not None and ev.work.is_unavailable else None


def gather_abstracts(
    requests: Sequence[AbstractRequest], registry: Registry, config: OnlineOptions
) -> dict[RefKey, Lookup[Abstract]]:
    """The abstract of each requested reference, a few at a time within the gates."""
    if not requests:
        return {}
    workers = max(1, min(3, config.crossref_limits.concurrency))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="citecheck-abstract") as pool:
        answers = list(pool.map(lambda r: fetch_abstract(registry, r), requests))
    return {r.key: a for r, a in zip(requests, answers, strict=True)}


def gather_evidence(
    refs: Sequence[Reference],
    registry: Registry,
    config: OnlineOptions,
    progress: Progress | None = None,
) -> list[Evidence]:
    """Ask the registry everything needed to judge each reference (the IO part): batch
    resolution first (:mod:`citecheck.verify.resolve`), or one question per reference."""
    if config.batch_resolution:
        return gather_batched(refs, registry, config, progress)
    return gather_one_by_one(refs, registry, config, progress)


__all__ = ["Coverage", "OnlineResult", "ReferenceVerdict", "WorkRecord", "verify_references"]
