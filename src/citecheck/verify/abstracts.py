"""A cited work's abstract: where to ask, in which order, and its markup made plain text.

Order (issue #5; ``docs/claims.md``, "Checking claims against their sources"):

1. PubMed ``efetch`` by PMID — the reference's own PMID, else the one ``esearch`` finds for
   the DOI;
2. Europe PMC ``search`` (``resultType=core``, ``abstractText``) by DOI, else by PMID;
3. the ``abstract`` of the work record verification already fetched (Crossref's JATS, or
   the DataCite record's description of type ``Abstract``).

The first abstract found wins. When none is found the answer is *not found* with every
source's reason, unless some source could not be asked (timeout, 5xx, offline and not in
the lockfile): then it is *unavailable*, since the abstract may exist. Never raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from citecheck.model import RefKey
from citecheck.registry.protocol import AbstractRegistry, PubmedRegistry
from citecheck.registry.records import Abstract, Lookup, WorkRecord


class AbstractSources(PubmedRegistry, AbstractRegistry, Protocol):
    """The registries an abstract is looked for in."""


@dataclass(frozen=True)
class AbstractRequest:
    """What is known about one cited work: its reference key and identifiers."""

    key: RefKey
    doi: str | None = None
    pmid: str | None = None
    work: Lookup[WorkRecord] | None = None  # the record behind ``doi`` (Crossref, DataCite)


def fetch_abstract(registry: AbstractSources, request: AbstractRequest) -> Lookup[Abstract]:
    """The abstract of one work from the first source that has it (see the module doc)."""
    reasons: list[str] = []
    unavailable = False

    def note(what: str, lookup: Lookup[Any]) -> None:
        nonlocal unavailable
        unavailable |= lookup.is_unavailable
        reasons.append(f"{what}: {lookup.reason}" if lookup.reason else what)

    pmid = request.pmid
    if not pmid and request.doi:
        found = registry.pmid_for_doi(request.doi)
        if found.is_found and found.value:
            pmid = found.value
        else:
            note("PubMed", found)
    if pmid:
        pubmed = registry.pubmed_abstract(pmid)
        if pubmed.is_found:
            return pubmed
        note("PubMed", pubmed)
    if request.doi or pmid:
        epmc = (
            registry.europepmc_abstract(doi=request.doi)
            if request.doi
            else registry.europepmc_abstract(pmid=pmid)
        )
        if epmc.is_found:
            return epmc
        note("Europe PMC", epmc)
    recorded = _record_abstract(request)
    if recorded is not None:
        if recorded.is_found:
            return recorded
        work = request.work.value if request.work is not None else None
        note(work.agency_name if work is not None else "Crossref", recorded)
    if not reasons:
        return Lookup.not_found("no DOI or PMID to look the abstract up by")
    why = "; ".join(reasons)
    return Lookup.unavailable(why) if unavailable else Lookup.not_found(why)


def _record_abstract(request: AbstractRequest) -> Lookup[Abstract] | None:
    work = request.work
    if work is None:
        return None
    if not work.is_found or work.value is None:
        return Lookup(work.status, None, work.reason or "no record")
    if not work.value.abstract:
        return Lookup.not_found("no abstract deposited")
    return Lookup.found(Abstract(work.value.abstract, work.value.agency, work.value.doi))
