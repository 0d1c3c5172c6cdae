"""DOIs under a prefix that only DataCite registers, asked of DataCite first.

A DOI's prefix belongs to one registrant, and a registrant registers through one agency. For
the prefixes below that agency is DataCite beyond doubt, so Crossref (which would answer 404)
and the agency look-up (which would answer "DataCite") are not asked first: DataCite's record
is asked directly, one request where the general path (:func:`citecheck.verify.gather.
doi_evidence`) takes three. They are kept out of Crossref's ``filter=doi:`` batches too.

The verdicts do not change. DataCite's record is judged as before; DataCite failing is "could
not check" (NET001). Only when DataCite answers 404 is the agency asked, as before: no agency
at all is DOI001; DataCite itself is "registered, no record" (NET001); Crossref after all
(a prefix moved) means Crossref's record is asked and judged.
"""

from __future__ import annotations

from citecheck.registry.protocol import Registry
from citecheck.registry.records import Lookup, LookupStatus, PubmedRecord
from citecheck.verify.judge import Evidence

AGENCY = "datacite"
# Prefixes only DataCite registers, and where that is said.
DATACITE_PREFIXES = frozenset(
    {
        "10.48550",  # arXiv: every article's DOI "submitted to DataCite" (arXiv help: DOIs)
        "10.5281",  # Zenodo: versions linked "in the DataCite metadata" (Zenodo, record 1256592)
        "10.5061",  # Dryad: a DataCite DOI (CASRAI dictionary, "DataCite DOI")
        "10.6084",  # figshare: a DataCite member; its DOIs are DataCite's
        "10.7910",  # Harvard Dataverse: a DataCite DOI (CASRAI dictionary, "DataCite DOI")
        "10.5438",  # DataCite's own documents (its metadata schema is 10.5438/0012)
    }
)


def registered_with_datacite(doi: str) -> bool:
    """Whether ``doi`` (prefix, slash, suffix) is under a prefix only DataCite registers."""
    prefix, slash, suffix = doi.strip().partition("/")
    return bool(slash and suffix.strip()) and prefix.lower() in DATACITE_PREFIXES


def datacite_evidence(
    doi: str, source: str, registry: Registry, pm: Lookup[PubmedRecord] | None = None
) -> Evidence:
    """DataCite's record of ``doi``; after a 404, the DOI's agency (and, should that be
    Crossref, Crossref's record)."""
    work = registry.work_by_doi_at(AGENCY, doi)
    if work.status is not LookupStatus.NOT_FOUND:
        return Evidence(doi, source, work, None, pm)
    agency = registry.doi_agency(doi)
    if agency.is_found and agency.value == "crossref":
        work = registry.work_by_doi(doi)
    return Evidence(doi, source, work, agency, pm)


__all__ = ["DATACITE_PREFIXES", "datacite_evidence", "registered_with_datacite"]
