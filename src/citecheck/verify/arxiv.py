"""arXiv preprints cited without a DOI, checked through the DOI arXiv registered for each
with DataCite (``10.48550/arXiv.<id>``, every arXiv paper since 2022).

A reference that prints an arXiv identifier (:func:`~citecheck.bibliography.ids.find_arxiv_id`)
and no DOI, and names no journal besides arXiv (or DBLP's "CoRR"), is asked of DataCite
directly, as a printed DataCite DOI is after Crossref's 404 and agency look-up: its record is
judged as a printed DOI's (title, authors, year; DOI002, META001), and the DOI is suggested
(DOI003 info). When DataCite has no record, the DOI's agency is asked: no agency at all is
DOI001 (the identifier is not arXiv's); an agency, or no answer, is "could not check".

A reference that names a journal (the published version, its arXiv id beside it) is searched
in Crossref as before, since the preprint's record is not the work it cites; its arXiv id is
checked too (:func:`arxiv_beside_journal`), for the same work (DOI002) and a registered DOI
(DOI001) only, and a preprint record of the same work is enough to say the work exists (no
EXIST001).
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Executor, Future

from citecheck.bibliography.ids import arxiv_doi, find_arxiv_id
from citecheck.model import Reference
from citecheck.registry.normalize import words
from citecheck.registry.protocol import Registry
from citecheck.registry.records import LookupStatus
from citecheck.verify.judge import Evidence
from citecheck.verify.preprints import server_words

AGENCY = "datacite"


def arxiv_to_check(ref: Reference) -> str:
    """The arXiv identifier to check ``ref`` by: one it prints, when it prints no DOI, no PMID
    and no journal besides arXiv; ``""`` otherwise."""
    return _printed_arxiv(ref) if not _names_a_journal(ref) else ""


def arxiv_beside_journal(ref: Reference) -> str:
    """The arXiv identifier ``ref`` prints beside a journal (and no DOI or PMID), or ``""``."""
    return _printed_arxiv(ref) if _names_a_journal(ref) else ""


def _names_a_journal(ref: Reference) -> bool:
    return bool(ref.container) and server_words(words(ref.container or "")) != "arxiv"


def _printed_arxiv(ref: Reference) -> str:
    if ref.doi or ref.pmid:
        return ""
    return find_arxiv_id(ref.raw if not ref.url else f"{ref.raw} {ref.url}") or ""


def arxiv_evidence(ident: str, registry: Registry) -> Evidence:
    """DataCite's record of the identifier's DOI and, when it has none, the DOI's agency."""
    doi = arxiv_doi(ident)
    work = registry.work_by_doi_at(AGENCY, doi)
    agency = registry.doi_agency(doi) if work.status is LookupStatus.NOT_FOUND else None
    return Evidence(doi, "arxiv", work, agency)


def ask_arxiv(
    idents: Mapping[int, str], registry: Registry, pool: Executor
) -> dict[int, Future[Evidence]]:
    """One look-up per distinct identifier, shared by every reference (index) printing it."""
    asked: dict[str, Future[Evidence]] = {}
    for ident in dict.fromkeys(idents.values()):
        asked[ident] = pool.submit(arxiv_evidence, ident, registry)
    return {i: asked[ident] for i, ident in idents.items()}
