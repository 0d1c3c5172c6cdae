"""Turn what the registries said about one reference into a verdict and findings (pure).

Rules (stable ids; see docs/online.md):

* DOI001 error — the printed DOI is not registered (Crossref 404 and no agency knows it), or
  the printed arXiv id has no DOI (DataCite 404 and no agency knows 10.48550/arXiv.<id>).
* DOI002 error — the printed DOI belongs to a different work (titles, score, threshold).
* DOI003 info — a DOI was found for a reference without one (with the evidence; an arXiv
  id's DOI when DataCite's record agrees).
* META001 warning — a field disagrees with the registry record (one finding per field).
* PMID001 error — the PMID does not exist.
* PMID002 error/warning — the PubMed record disagrees (different work; author; year; DOI).
* RET001 error — the cited work was retracted (or withdrawn / removed).
* RET002 warning — a correction, erratum or expression of concern was published.
* EXIST001 warning/info — no registry record matches a reference without a DOI (the search
  answered, nothing acceptable came back): check that the work exists. Info for the types
  Crossref often lacks (books, chapters, web pages, theses, abstracts, preprints, other).
* NET001 info — could not check (timeout, 429 after retries, 5xx, an agency whose records
  are not read, offline).

A DOI that DataCite registered is judged against DataCite's record as against Crossref's.
"""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.model import Finding, Reference, RefKey, RefType, Severity
from citecheck.registry.protocol import READ_AGENCIES
from citecheck.registry.records import Lookup, LookupStatus, PubmedRecord, Update, WorkRecord
from citecheck.verify.findings import could_not_check as _net
from citecheck.verify.findings import ref_finding as _finding
from citecheck.verify.findings import ref_label as _label
from citecheck.verify.match import (
    TITLE_DIFFERENT,
    TITLE_SAME,
    CandidateScore,
    FieldDiff,
    MatchDecision,
    authors_agree,
    choose_candidate,
    compare_fields,
    title_similarity,
    years_agree,
)
from citecheck.verify.preprint_years import without_later_version
from citecheck.verify.preprints import relation_notes, title_printed, without_server_journal
from citecheck.verify.pubmed import RETRACTIONS, pubmed_findings

CONCERNS = frozenset(
    {"correction", "corrigendum", "erratum", "expression_of_concern", "addendum", "clarification"}
)
FIELD_SPANS = {"journal": "container", "author": "authors", "authors": "authors"}
# Crossref holds journal articles well; these types it often lacks (EXIST001 is only info).
OFTEN_UNREGISTERED = frozenset(
    {
        RefType.BOOK,
        RefType.CHAPTER,
        RefType.WEB,
        RefType.THESIS,
        RefType.ABSTRACT,
        RefType.PREPRINT,
        RefType.OTHER,
    }
)
ARXIV = "arxiv"  # Evidence.doi_source: the DOI of a printed arXiv id
FOUND_BY = frozenset({"pubmed", ARXIV})  # DOIs citecheck found, not printed: suggested
NOTHING_TO_LOOK_UP = "nothing to look up"  # a "skipped" verdict's detail: never asked
MIN_TITLE_WORDS = 4  # EXIST001: fewer title words than this is too little to search by


@dataclass(frozen=True)
class Evidence:
    """Everything the registries answered about one reference."""

    doi: str | None = None  # the DOI checked: printed, or listed by PubMed
    doi_source: str = ""  # "printed", "pubmed" or "arxiv" (the DOI of a printed arXiv id)
    work: Lookup[WorkRecord] | None = None  # Crossref's, or the registering agency's
    agency: Lookup[str] | None = None
    pubmed: Lookup[PubmedRecord] | None = None
    search: Lookup[tuple[WorkRecord, ...]] | None = None
    arxiv: Evidence | None = None  # the arXiv id printed beside a journal: its DOI's record


@dataclass(frozen=True)
class ReferenceVerdict:
    """The online outcome for one reference."""

    key: RefKey  # the reference's key (its number in a numbered list)
    status: str  # verified | mismatch | wrong-work | not-registered | found | unmatched
    #              | unavailable | skipped
    doi: str | None = None  # a DOI verified or found, fit for the BibTeX
    source: str = ""  # how the DOI was obtained: "printed", "pubmed", "search", "arxiv"
    detail: str = ""
    notes: tuple[str, ...] = ()


def judge_reference(ref: Reference, ev: Evidence) -> tuple[ReferenceVerdict, tuple[Finding, ...]]:
    findings: list[Finding] = []
    if ev.pubmed is not None:
        findings.extend(pubmed_findings(ref, ev.pubmed, ev.work))
    if ev.work is not None and ev.doi:
        verdict, more = _judge_doi(ref, ev)
    elif ev.search is not None:
        verdict, more = _judge_search(ref, ev.search)
    else:
        verdict, more = ReferenceVerdict(ref.key, "skipped", detail=NOTHING_TO_LOOK_UP), []
    findings.extend(more)
    findings.extend(_arxiv_beside(ref, ev.arxiv) if ev.arxiv is not None else [])
    if ev.pubmed is not None and ev.pubmed.is_found and verdict.status == "skipped":
        verdict = ReferenceVerdict(ref.key, "verified", detail="PubMed record")
    if any(f.rule in ("PMID001", "PMID002") for f in findings) and verdict.status == "verified":
        verdict = ReferenceVerdict(ref.key, "mismatch", verdict.doi, verdict.source)
    if verdict.status == "unmatched" and ev.search is not None and not _same_preprint(ref, ev):
        findings.extend(_no_record(ref, ev))
    return verdict, tuple(findings)


# --- DOI printed (or listed by PubMed) ---------------------------------------------------------


def _judge_doi(ref: Reference, ev: Evidence) -> tuple[ReferenceVerdict, list[Finding]]:
    doi, lookup = ev.doi or "", ev.work
    assert lookup is not None
    if lookup.is_unavailable:
        return _unavailable(ref, f"{_named(doi, ev.doi_source)}: {lookup.reason}")
    if not lookup.is_found or lookup.value is None:
        if ev.doi_source == ARXIV:
            return _judge_missing_arxiv(ref, doi, ev.agency, lookup)
        return _judge_missing_doi(ref, doi, ev.agency, lookup)
    work = lookup.value
    notes = relation_notes(work)
    if doi.lower() != work.doi.lower():
        notes = (f"{doi} is an alias of {work.doi}", *notes)
    printed = ev.doi_source == ARXIV and title_printed(ref.raw, work.title)  # the parse erred
    different = None if printed else _different_work(ref, work, _named(work.doi, ev.doi_source))
    if different is not None:
        return (
            ReferenceVerdict(ref.key, "wrong-work", None, ev.doi_source, different, notes),
            [_finding(ref, "DOI002", Severity.ERROR, different, "doi", {"doi": doi})],
        )
    findings: list[Finding] = []
    if ev.doi_source in FOUND_BY:
        via = f"PubMed (PMID {ref.pmid})" if ev.doi_source == "pubmed" else _arxiv_of(doi)
        msg = f"{_label(ref)}: DOI {work.doi} found via {via}"
        findings.append(_finding(ref, "DOI003", Severity.INFO, msg, None, {"doi": work.doi}))
    diffs = without_server_journal(compare_fields(ref, work), work, title_printed=printed)
    diffs, later = without_later_version(diffs, ref, work)  # an arXiv v3's year: a note
    findings.extend(_meta_findings(ref, work, diffs, found_by=ev.doi_source))
    findings.extend(_update_findings(ref, work))
    status = "mismatch" if diffs else ("found" if ev.doi_source in FOUND_BY else "verified")
    detail = "" if work.agency == "crossref" else f"{work.agency_name} record"
    notes = (*notes, *later)
    return ReferenceVerdict(ref.key, status, work.doi, ev.doi_source, detail, notes), findings


def _judge_missing_doi(
    ref: Reference, doi: str, agency: Lookup[str] | None, record: Lookup[WorkRecord]
) -> tuple[ReferenceVerdict, list[Finding]]:
    who = "DataCite" if record.reason.startswith("DataCite") else "Crossref"  # who said 404
    if agency is None or agency.is_unavailable:
        why = agency.reason if agency else "registration agency not checked"
        return _unavailable(ref, f"DOI {doi} is not in {who} and {why}")
    if agency.is_found and agency.value and agency.value != "crossref":
        asked = f" ({record.reason})" if agency.value in READ_AGENCIES else ""
        return _unavailable(
            ref,
            f"DOI {doi} is registered with {agency.value}, not Crossref{asked}; not checked",
            status="skipped",
        )
    if agency.is_found:  # Crossref's DOI, but no record (yet): say so, do not call it wrong
        return _unavailable(ref, f"DOI {doi} is a Crossref DOI without a record yet")
    msg = f"{_label(ref)}: DOI {doi} is not registered ({who}: not found; no agency knows it)"
    return (
        ReferenceVerdict(ref.key, "not-registered", None, "printed", msg),
        [_finding(ref, "DOI001", Severity.ERROR, msg, "doi", {"doi": doi})],
    )


def _judge_missing_arxiv(
    ref: Reference, doi: str, agency: Lookup[str] | None, record: Lookup[WorkRecord]
) -> tuple[ReferenceVerdict, list[Finding]]:
    """DataCite has no record of an arXiv id's DOI: DOI001 only when no agency knows it."""
    what = _named(doi, ARXIV)
    if agency is None or agency.is_unavailable:
        why = agency.reason if agency else "registration agency not checked"
        return _unavailable(ref, f"{what}: {record.reason}, and {why}")
    if agency.is_found:  # registered, yet DataCite has no record: do not call it wrong
        return _unavailable(ref, f"{what} is registered with {agency.value}, but {record.reason}")
    msg = f"{_label(ref)}: {what} is not registered ({record.reason}; no agency knows it)"
    return (
        ReferenceVerdict(ref.key, "not-registered", None, ARXIV, msg),
        [_finding(ref, "DOI001", Severity.ERROR, msg, "doi", {"doi": doi})],
    )


def _arxiv_beside(ref: Reference, arxiv: Evidence) -> list[Finding]:
    """An arXiv id printed beside a journal: its record must be the same work (DOI002), its
    DOI registered (DOI001); the journal's fields are not the preprint's, so not compared."""
    doi, lookup = arxiv.doi or "", arxiv.work
    if lookup is None or lookup.is_unavailable:
        why = lookup.reason if lookup is not None else "not asked"
        return [_net(ref, f"{_named(doi, ARXIV)}: {why}")]
    if lookup.value is None:
        return _judge_missing_arxiv(ref, doi, arxiv.agency, lookup)[1]
    different = _different_work(ref, lookup.value, _named(lookup.value.doi, ARXIV))
    different = None if title_printed(ref.raw, lookup.value.title) else different
    return (
        [_finding(ref, "DOI002", Severity.ERROR, different, "doi", {"doi": doi})]
        if different
        else []
    )


def _same_preprint(ref: Reference, ev: Evidence) -> bool:
    """Whether the arXiv id printed beside a journal names this work's preprint (it exists)."""
    lookup = ev.arxiv.work if ev.arxiv is not None else None
    work = lookup.value if lookup is not None and lookup.is_found else None
    if work is None:
        return False
    return title_printed(ref.raw, work.title) or _different_work(ref, work, "") is None


def _named(doi: str, source: str) -> str:
    """How messages name the DOI checked: ``DOI 10.…``, or ``arXiv:1706.03762 (DOI 10.…)``."""
    return f"{_arxiv_of(doi)} (DOI {doi})" if source == ARXIV else f"DOI {doi}"


def _arxiv_of(doi: str) -> str:
    """``arXiv:1706.03762`` for ``10.48550/arXiv.1706.03762``."""
    return f"arXiv:{doi.split('/', 1)[-1][len('arXiv.') :]}"


def _different_work(ref: Reference, work: WorkRecord, named: str) -> str | None:
    """Why the record is another work (DOI002), or None."""
    if not ref.title or not work.title:
        first = ref.first_author
        author_ok = authors_agree(first, work.authors[0]) if first and work.authors else None
        year_ok = years_agree(ref.year, work.years)
        if author_ok is False and year_ok is False:
            return (
                f"{_label(ref)}: {named} belongs to a different work: first author "
                f"{first} vs {work.authors[0]}, year {ref.year} vs {work.year}"
            )
        return None
    score = title_similarity(ref.title, work.title, work.subtitles)
    if score >= TITLE_DIFFERENT:
        return None
    first = ref.first_author
    author_ok = authors_agree(first, work.authors[0]) if first and work.authors else None
    year_ok = years_agree(ref.year, work.years)
    if author_ok and year_ok:
        return None  # same authors and year: a badly printed title, reported as META001
    return (
        f'{_label(ref)}: {named} belongs to a different work: printed title "{ref.title}", '
        f'{work.agency_name} title "{work.title}" (similarity {score:.0f}/100, threshold '
        f"{TITLE_DIFFERENT:.0f})"
    )


# --- no DOI: bibliographic search ------------------------------------------------------------


def _judge_search(
    ref: Reference, search: Lookup[tuple[WorkRecord, ...]]
) -> tuple[ReferenceVerdict, list[Finding]]:
    if search.is_unavailable:
        return _unavailable(ref, f"search: {search.reason}")
    decision = choose_candidate(ref, search.value or ())
    if decision.chosen is None:
        return ReferenceVerdict(ref.key, "unmatched", detail=decision.reason), []
    work = decision.chosen.work
    msg = f"{_label(ref)}: DOI found: {work.doi} ({decision.reason})"
    evidence = {"doi": work.doi, "evidence": decision.reason}
    findings = [_finding(ref, "DOI003", Severity.INFO, msg, None, evidence)]
    diffs = without_server_journal(compare_fields(ref, work), work)
    findings.extend(_meta_findings(ref, work, diffs, found_by="search"))
    findings.extend(_update_findings(ref, work))
    status = "mismatch" if diffs else "found"
    verdict = ReferenceVerdict(
        ref.key, status, work.doi, "search", decision.reason, relation_notes(work)
    )
    return verdict, findings


def _no_record(ref: Reference, ev: Evidence) -> list[Finding]:
    """EXIST001, only when the search really answered and the reference gave enough to
    search by: a title of a few words and a first author or a year; not when PubMed knows
    the PMID (the work exists) or could not say, and not when candidates tie or one has the
    same title and first author (the work is there; its other fields could not confirm it)."""
    search = ev.search
    if search is None or search.is_unavailable:
        return []
    if ev.pubmed is not None and ev.pubmed.status is not LookupStatus.NOT_FOUND:
        return []
    title = ref.title or ""
    if len(title.split()) < MIN_TITLE_WORDS or not (ref.first_author or ref.year):
        return []
    decision = choose_candidate(ref, search.value or ())
    eligible = [c for c in decision.ranked if not c.work.is_notice]
    if any(c.is_strong for c in eligible):
        return []  # candidates that tie: records exist, citecheck could not choose
    best = eligible[0] if eligible else None
    if best is not None and (best.title or 0.0) >= TITLE_SAME and best.author is True:
        return []
    if any(_untitled_alike(c) for c in eligible):
        return []  # a record without a title, by the same author: cannot tell it is not this
    return [_exist_finding(ref, decision, best)]


def _untitled_alike(candidate: CandidateScore) -> bool:
    """A candidate whose record has no title but whose first author agrees (and whose year
    does not disagree): nothing says it is another work."""
    return (
        not candidate.work.title.strip()
        and candidate.author is True
        and candidate.year is not False
    )


def _exist_finding(ref: Reference, decision: MatchDecision, best: CandidateScore | None) -> Finding:
    severity = Severity.INFO if ref.type in OFTEN_UNREGISTERED else Severity.WARNING
    evidence = {"title": ref.title or "", "reason": decision.reason}
    if best is None:
        closest = "no candidate came back"
    else:
        score = f"{best.title:.0f}/100" if best.title is not None else "no title"
        closest = f'closest: "{best.work.title}", {best.work.doi}, title similarity {score}'
        evidence.update(
            candidate_doi=best.work.doi,
            candidate_title=best.work.title,
            candidate_score=score,
            candidate_evidence=best.evidence(),
        )
    kind = (
        "" if severity is Severity.WARNING else f" (type {ref.type.value}: often not in Crossref)"
    )
    msg = (
        f"{_label(ref)}: no registry record matches this reference{kind}: check that the "
        f"work exists ({closest})"
    )
    return _finding(ref, "EXIST001", severity, msg, "title", evidence)


# --- shared ----------------------------------------------------------------------------------


def _meta_findings(
    ref: Reference, work: WorkRecord, diffs: tuple[FieldDiff, ...], found_by: str
) -> list[Finding]:
    how = ", found by search" if found_by == "search" else ""
    out = []
    for d in diffs:
        note = f"; {d.note}" if d.note else ""
        msg = (
            f'{_label(ref)}: {d.field} printed "{d.printed}", {work.agency_name} has '
            f'"{d.registry}" '
            f"({work.doi}{how}){note}"
        )
        evidence = {"doi": work.doi, "field": d.field, "printed": d.printed, "registry": d.registry}
        if d.note:
            evidence["note"] = d.note
        key = FIELD_SPANS.get(d.field.split()[0], d.field)
        out.append(_finding(ref, "META001", Severity.WARNING, msg, key, evidence))
    return out


def _update_findings(ref: Reference, work: WorkRecord) -> list[Finding]:
    out = []
    for u in work.updates:
        if u.type in RETRACTIONS:
            out.append(_update_finding(ref, work, u, "RET001", Severity.ERROR, "was retracted"))
        elif u.type in CONCERNS:
            what = u.label.lower() or u.type.replace("_", " ")
            out.append(_update_finding(ref, work, u, "RET002", Severity.WARNING, f"has a {what}"))
    return out


def _update_finding(
    ref: Reference, work: WorkRecord, u: Update, rule: str, severity: Severity, what: str
) -> Finding:
    if rule == "RET001" and u.type != "retraction":
        what = f"was {u.type.replace('_', ' ')}"
    when = f", {u.date}" if u.date else ""
    source = f", source {u.source}" if u.source else ""
    msg = f"{_label(ref)}: the cited work {work.doi} {what} (notice {u.doi}{when}{source})"
    evidence = {"doi": work.doi, "notice": u.doi, "type": u.type}
    evidence.update(date=u.date, source=u.source)
    return _finding(ref, rule, severity, msg, None, evidence)


def _unavailable(
    ref: Reference, why: str, *, status: str = "unavailable"
) -> tuple[ReferenceVerdict, list[Finding]]:
    return ReferenceVerdict(ref.key, status, None, "", why), [_net(ref, why)]
