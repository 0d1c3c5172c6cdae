"""PubMed's answer for a printed PMID, judged (pure): PMID001 (no such record), PMID002 (the
record disagrees: another work, author, year, DOI) and RET001 (PubMed marks it retracted)."""

from __future__ import annotations

from citecheck.model import Finding, Reference, Severity
from citecheck.registry.normalize import normalize_doi
from citecheck.registry.records import Lookup, PubmedRecord, WorkRecord
from citecheck.verify.findings import could_not_check as _net
from citecheck.verify.findings import ref_finding as _finding
from citecheck.verify.findings import ref_label as _label
from citecheck.verify.match import (
    TITLE_DIFFERENT,
    TITLE_SAME,
    authors_agree,
    title_similarity,
    years_agree,
)

RETRACTIONS = frozenset({"retraction", "partial_retraction", "withdrawal", "removal"})


def pubmed_findings(
    ref: Reference, lookup: Lookup[PubmedRecord], work: Lookup[WorkRecord] | None
) -> list[Finding]:
    """PMID001/PMID002/RET001 from PubMed's answer for the printed PMID (``work``: the DOI's
    record, whose retraction notice, if any, is reported from there instead)."""
    pmid = ref.pmid or ""
    if lookup.is_unavailable:
        return [_net(ref, f"PMID {pmid}: {lookup.reason}")]
    if not lookup.is_found or lookup.value is None:
        msg = f"{_label(ref)}: PMID {pmid} does not exist ({lookup.reason})"
        return [_finding(ref, "PMID001", Severity.ERROR, msg, "pmid", {"pmid": pmid})]
    pm = lookup.value
    out: list[Finding] = []
    if ref.title and pm.title:
        score = title_similarity(ref.title, pm.title)
        if score < TITLE_SAME:
            severity = Severity.ERROR if score < TITLE_DIFFERENT else Severity.WARNING
            what = "belongs to a different work" if score < TITLE_DIFFERENT else "has another title"
            msg = (
                f'{_label(ref)}: PMID {pmid} {what}: printed title "{ref.title}", PubMed title '
                f'"{pm.title}" (similarity {score:.0f}/100)'
            )
            out.append(_finding(ref, "PMID002", severity, msg, "pmid", {"pmid": pmid}))
    first = ref.first_author
    if first and pm.authors and not authors_agree(first, pm.authors[0]):
        msg = f'{_label(ref)}: first author printed "{first}", PubMed {pmid} has "{pm.authors[0]}"'
        out.append(_finding(ref, "PMID002", Severity.WARNING, msg, "authors", {"pmid": pmid}))
    if pm.year and years_agree(ref.year, (pm.year,)) is False:
        msg = f'{_label(ref)}: year printed "{ref.year}", PubMed {pmid} has {pm.year}'
        out.append(_finding(ref, "PMID002", Severity.WARNING, msg, "year", {"pmid": pmid}))
    if ref.doi and pm.doi and normalize_doi(ref.doi) != normalize_doi(pm.doi):
        msg = f"{_label(ref)}: PubMed {pmid} lists DOI {pm.doi}, the reference gives {ref.doi}"
        out.append(_finding(ref, "PMID002", Severity.WARNING, msg, "doi", {"pmid": pmid}))
    if pm.is_retracted and not _crossref_says_retracted(work):
        msg = f"{_label(ref)}: PubMed marks PMID {pmid} as a retracted publication"
        out.append(_finding(ref, "RET001", Severity.ERROR, msg, None, {"pmid": pmid}))
    return out


def _crossref_says_retracted(lookup: Lookup[WorkRecord] | None) -> bool:
    work = lookup.value if lookup is not None and lookup.is_found else None
    return bool(work and any(u.type in RETRACTIONS for u in work.updates))
