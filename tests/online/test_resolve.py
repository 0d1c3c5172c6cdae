"""Batch resolution: a PMID from the citation matcher counts only when PubMed's record agrees
with the printed reference and the Crossref record passes the search-candidate test;
everything else is searched as before, and the lockfile replays the same verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pytest

from citecheck.model import Author
from citecheck.registry.ecitmatch import CitationQuery
from citecheck.registry.lockfile import LockedRegistry
from citecheck.registry.records import Lookup, PubmedRecord, WorkRecord
from citecheck.registry.settings import OnlineOptions
from citecheck.verify import verify_references
from citecheck.verify.resolve import citation_query, plan_for, pubmed_agrees

from .helpers import FakeRegistry, make_ref, work

TITLE = "Using and reporting the Delphi method for selecting healthcare quality indicators: a systematic review"  # noqa: E501
DOI = "10.1371/journal.pone.0020476"
RECORD = work(
    DOI=DOI,
    title=[TITLE],
    author=[{"family": "Boulkedid", "given": "Rym"}],
    **{"container-title": ["PLoS ONE"]},
    volume="6",
    page="e20476",
    issued={"date-parts": [[2011]]},
)
PM = PubmedRecord("21694759", TITLE, (Author("Boulkedid", "R"),), 2011, "PLoS One", doi=DOI)
OPTIONS = OnlineOptions(cache=False)


@dataclass
class Batched(FakeRegistry):
    """A fake with a citation matcher and DOI batches."""

    matches: dict[str, Lookup[str]] = field(default_factory=dict)  # journal → answer

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> dict[CitationQuery, Lookup[str]]:
        self.asked.append(f"ecitmatch {len(queries)}")
        return {q: self.matches.get(q.journal, Lookup.not_found("NOT_FOUND")) for q in queries}

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        self.asked.append(f"batch {','.join(dois)}")
        return {d: w.value for d in dois if (w := self.works.get(d)) and w.value}


def registry(pm: PubmedRecord = PM) -> Batched:
    return Batched(
        works={DOI: Lookup.found(RECORD)},
        pubmed={pm.pmid: Lookup.found(pm)},
        matches={"PLoS One": Lookup.found(pm.pmid)},
        default_search=Lookup.found((RECORD,)),
    )


def searches(fake: FakeRegistry) -> list[str]:
    return [a for a in fake.asked if a.startswith("search")]


def test_an_agreeing_match_needs_no_search_and_gives_the_search_verdict() -> None:
    fake = registry()
    batched = verify_references([make_ref()], OPTIONS, fake)
    assert not searches(fake)
    assert fake.asked[:2] == ["ecitmatch 1", "pubmed 21694759"]
    by_search = verify_references(
        [make_ref()], replace(OPTIONS, batch_resolution=False), registry()
    )
    assert [f.message for f in batched.findings] == [f.message for f in by_search.findings]
    assert batched.verdicts == by_search.verdicts
    assert batched.verdicts[0].status == "found" and batched.verdicts[0].doi == DOI


@pytest.mark.parametrize(
    "pm",
    [
        pytest.param(replace(PM, title="Another work on Delphi panels entirely"), id="title"),
        pytest.param(replace(PM, authors=(Author("Smith", "J"),)), id="first-author"),
        pytest.param(replace(PM, year=2015), id="year"),
        pytest.param(replace(PM, doi=None), id="no-doi"),
    ],
)
def test_a_disagreeing_or_doi_less_record_is_searched(pm: PubmedRecord) -> None:
    fake = registry(pm)
    result = verify_references([make_ref()], OPTIONS, fake)
    assert len(searches(fake)) == 1
    assert result.verdicts[0].status == "found"  # by the search, as before


def test_the_key_alone_never_counts() -> None:
    """The matcher's PMID belongs to another work (journal, volume and page agree): no DOI
    from it; the search decides."""
    other = PubmedRecord("1", "A different paper", (Author("Roe", "R"),), 2011, doi="10.1/x")
    fake = registry(other)
    fake.default_search = Lookup.not_found("no candidates")
    result = verify_references([make_ref()], OPTIONS, fake)
    assert result.verdicts[0].status == "unmatched"
    assert "10.1/x" not in " ".join(f.message for f in result.findings)


def test_a_matcher_that_cannot_answer_falls_back_to_search() -> None:
    fake = registry()
    fake.matches = {"PLoS One": Lookup.unavailable("NCBI down")}
    result = verify_references([make_ref()], OPTIONS, fake)
    assert len(searches(fake)) == 1 and result.verdicts[0].status == "found"
    plain = FakeRegistry(default_search=Lookup.found((RECORD,)))  # no matcher at all
    assert verify_references([make_ref()], OPTIONS, plain).verdicts[0].status == "found"


def test_a_record_that_fails_the_candidate_test_is_searched() -> None:
    wrong_pages = replace(RECORD, page="e99999", volume="7")
    fake = registry()
    fake.works = {DOI: Lookup.found(wrong_pages)}
    verify_references([make_ref()], OPTIONS, fake)
    assert len(searches(fake)) == 1


def test_the_lockfile_replays_the_same_verdicts() -> None:
    refs = [make_ref(1), make_ref(2, container="Nowhere J", title="Unrelated title words here")]
    online = verify_references(refs, OPTIONS, registry())
    assert any(k.startswith("ecitmatch ") for k in online.lock.entries)
    replay = verify_references(refs, OPTIONS, LockedRegistry(online.lock))
    assert [f.message for f in replay.findings] == [f.message for f in online.findings]
    assert replay.verdicts == online.verdicts


def test_plan_and_queries() -> None:
    refs = [
        make_ref(1, doi=DOI),
        make_ref(2, pmid="21694759"),
        make_ref(3),
        make_ref(4, pages=None),
        make_ref(5, authors=()),
    ]
    plan = plan_for(refs)
    assert list(plan.by_doi) == [0] and list(plan.by_pmid) == [1]
    assert list(plan.by_citation) == [2, 4] and list(plan.by_search) == [3]
    query = citation_query(refs[2])
    assert query == CitationQuery("PLoS One", "2011", "6", "e20476", "Boulkedid R")
    assert citation_query(refs[4]) == CitationQuery("PLoS One", "2011", "6", "e20476", "")


def test_pubmed_agreement() -> None:
    ref = make_ref()
    assert pubmed_agrees(ref, PM)
    assert not pubmed_agrees(replace(ref, title=None), PM)
    assert not pubmed_agrees(ref, replace(PM, year=None))
    assert pubmed_agrees(ref, replace(PM, year=2012))  # online-first a year apart
    assert pubmed_agrees(ref, replace(PM, volume="6", pages="e20476"))
    assert not pubmed_agrees(ref, replace(PM, volume="7"))  # the matcher keyed on it
    assert not pubmed_agrees(ref, replace(PM, pages="e20477"))
    part = replace(ref, title="The education of C. J. Maury: part 1")
    assert pubmed_agrees(part, replace(PM, title="The Education of C. J. Maury: Part 1."))
    assert not pubmed_agrees(part, replace(PM, title="The Education of C. J. Maury: Part 2."))
