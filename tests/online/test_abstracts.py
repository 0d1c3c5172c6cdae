"""Abstracts: PubMed efetch/esearch, Europe PMC, Crossref JATS; the order of sources; the
lockfile. PubMed and Crossref bodies are recorded (tests/fixtures/ncbi, crossref); no Europe
PMC body was ever recorded, so its answers here are built in the documented
``resultType=core`` shape (``resultList.result[].abstractText``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
import requests
import responses
from responses import matchers

from citecheck.registry.crossref import work_from_message
from citecheck.registry.lockfile import (
    LockedRegistry,
    RecordingRegistry,
    lockfile_from_json,
    lockfile_to_json,
)
from citecheck.registry.ncbi import abstract_from_efetch
from citecheck.registry.normalize import abstract_from_markup
from citecheck.registry.records import (
    Abstract,
    Lookup,
    LookupStatus,
    PubmedRecord,
    work_from_data,
    work_to_data,
)
from citecheck.registry.settings import EUROPEPMC_URL, OnlineOptions
from citecheck.verify import verify_references
from citecheck.verify.abstracts import AbstractRequest, fetch_abstract

from .helpers import NCBI, FakeRegistry, body, live_registry, make_ref, work

EFETCH = "ncbi/efetch-pubmed-22351513-abstract.xml"
DOI = "10.1002/jsfa.5627"


def epmc_answer(*results: dict) -> str:
    return json.dumps(
        {"version": "6.9", "hitCount": len(results), "resultList": {"result": list(results)}}
    )


# --- PubMed ------------------------------------------------------------------------------------


def test_efetch_recorded_structured_abstract(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{NCBI}/efetch.fcgi",
        body=body(EFETCH),
        content_type="text/xml",
        match=[matchers.query_param_matcher(
            {"db": "pubmed", "id": "22351513", "retmode": "xml", "tool": "citecheck",
             "email": "test@example.org"}
        )],
    )  # fmt: skip
    registry, _ = live_registry()
    answer = registry.pubmed_abstract("22351513")
    assert answer.is_found and answer.value is not None
    text = answer.value.text
    assert answer.value.label == "PubMed 22351513"
    assert text.startswith("BACKGROUND: The oil content and fatty acid composition")
    assert [p.split(":")[0] for p in text.split("\n\n")] == ["BACKGROUND", "RESULTS", "CONCLUSION"]
    assert "Oil content varied between 40 and 102 g kg-1." in text  # ⁻¹ made plain


@pytest.mark.parametrize(
    ("xml", "status", "reason"),
    [
        pytest.param(body(EFETCH), LookupStatus.NOT_FOUND, "no record 1", id="other-pmid"),
        pytest.param(
            "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
            "<ArticleTitle>T</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
            "</PubmedArticleSet>",
            LookupStatus.NOT_FOUND,
            "has no abstract",
            id="no-abstract",
        ),
        pytest.param("<PubmedArticleSet><oops>", LookupStatus.UNAVAILABLE, "malformed", id="bad"),
        pytest.param(
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
            LookupStatus.UNAVAILABLE,
            "declares entities",
            id="entities-refused",
        ),
    ],
)
def test_efetch_answers(xml: str, status: LookupStatus, reason: str) -> None:
    answer = abstract_from_efetch(xml, "1")
    assert answer.status is status and reason in answer.reason


def test_efetch_503_is_unavailable(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{NCBI}/efetch.fcgi", status=503)
    registry, _ = live_registry(attempts=2)
    answer = registry.pubmed_abstract("22351513")
    assert answer.is_unavailable and answer.reason == "PubMed answered HTTP 503 after 2 attempts"


@pytest.mark.parametrize(
    ("ids", "status"),
    [
        pytest.param(["22351513"], LookupStatus.FOUND, id="one"),
        pytest.param([], LookupStatus.NOT_FOUND, id="none"),
        pytest.param(["1", "2"], LookupStatus.NOT_FOUND, id="ambiguous"),
    ],
)
def test_esearch_pmid_for_doi(
    no_network: responses.RequestsMock, ids: list[str], status: LookupStatus
) -> None:
    no_network.get(
        f"{NCBI}/esearch.fcgi",
        json={"header": {}, "esearchresult": {"count": str(len(ids)), "idlist": ids}},
        match=[matchers.query_param_matcher({"term": f"{DOI}[doi]"}, strict_match=False)],
    )
    registry, _ = live_registry()
    answer = registry.pmid_for_doi(DOI)
    assert answer.status is status
    assert answer.value == (ids[0] if status is LookupStatus.FOUND else None)


def test_esearch_bad_json_is_unavailable(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{NCBI}/esearch.fcgi", body="<html>")
    registry, _ = live_registry()
    assert registry.pmid_for_doi(DOI).is_unavailable


# --- Europe PMC --------------------------------------------------------------------------------


def test_europepmc_core_by_doi(no_network: responses.RequestsMock) -> None:
    result = {
        "id": "22351513",
        "source": "MED",
        "pmid": "22351513",
        "doi": DOI,
        "abstractText": "<h4>Background</h4>Oil of <i>Acacia</i> seeds.<h4>Results</h4>"
        "Oil content varied between 40 and 102 g kg<sup>-1</sup>.",
    }
    no_network.get(
        f"{EUROPEPMC_URL}/search",
        body=epmc_answer(result),
        match=[matchers.query_param_matcher(
            {"query": f'DOI:"{DOI}"', "resultType": "core", "format": "json", "pageSize": "5",
             "email": "test@example.org"}
        )],
    )  # fmt: skip
    registry, _ = live_registry()
    answer = registry.europepmc_abstract(doi=DOI)
    assert answer.value == Abstract(
        "Background\n\nOil of Acacia seeds.\n\nResults\n\n"
        "Oil content varied between 40 and 102 g kg-1.",
        "europepmc",
        DOI,
    )


def test_europepmc_by_pmid_and_misses(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{EUROPEPMC_URL}/search",
        body=epmc_answer({"pmid": "7", "source": "MED"}),
        match=[matchers.query_param_matcher({"query": "EXT_ID:7 AND SRC:MED"}, strict_match=False)],
    )
    no_network.get(f"{EUROPEPMC_URL}/search", body=epmc_answer())
    registry, _ = live_registry()
    no_text = registry.europepmc_abstract(pmid="7")
    assert no_text.status is LookupStatus.NOT_FOUND and "has no abstract" in no_text.reason
    missing = registry.europepmc_abstract(doi="10.1/none")
    assert missing.status is LookupStatus.NOT_FOUND and "no Europe PMC record" in missing.reason


def test_europepmc_timeout_is_unavailable(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{EUROPEPMC_URL}/search", body=requests.Timeout("slow"))
    registry, _ = live_registry(attempts=1)
    answer = registry.europepmc_abstract(doi=DOI)
    assert answer.is_unavailable and "timed out" in answer.reason


# --- Crossref ----------------------------------------------------------------------------------


def test_crossref_jats_abstract_is_plain_text() -> None:
    message = json.loads(body("crossref/works-doi-jats-abstract.json"))["message"]
    record = work_from_message(message)
    assert record.abstract.startswith("Significance\n\nThe inadequate mechanical properties")
    assert "<" not in record.abstract and "∼16-fold" in record.abstract
    assert work_from_data(work_to_data(record)) == record


def test_works_without_abstract_keep_their_lockfile_shape() -> None:
    assert "abstract" not in work_to_data(work(DOI="10.1/x", title=["T"]))


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        pytest.param("<jats:p>A <jats:italic>b</jats:italic>.</jats:p>", "A b.", id="inline"),
        pytest.param(
            "<jats:title>Abstract</jats:title><jats:sec><jats:title>Methods</jats:title>"
            "<jats:p>M.</jats:p></jats:sec>",
            "Methods\n\nM.",
            id="sections",
        ),
        pytest.param("x &lt; 0.05 &amp; y", "x < 0.05 & y", id="entities"),
    ],
)
def test_abstract_from_markup(markup: str, text: str) -> None:
    assert abstract_from_markup(markup) == text


# --- the order of sources ----------------------------------------------------------------------


@dataclass
class AbstractFake(FakeRegistry):
    pmids: dict[str, Lookup[str]] = field(default_factory=dict)
    pubmed_texts: dict[str, Lookup[Abstract]] = field(default_factory=dict)
    epmc: dict[str, Lookup[Abstract]] = field(default_factory=dict)

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        self.asked.append(f"esearch {doi}")
        return self.pmids.get(doi, Lookup.not_found(f"no PubMed record lists DOI {doi}"))

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        self.asked.append(f"efetch {pmid}")
        return self.pubmed_texts.get(pmid, Lookup.not_found(f"PubMed {pmid} has no abstract"))

    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]:
        key = doi or str(pmid)
        self.asked.append(f"europepmc {key}")
        return self.epmc.get(key, Lookup.not_found("no Europe PMC record"))


PM = Lookup.found(Abstract("From PubMed.", "pubmed", "5"))
EP = Lookup.found(Abstract("From Europe PMC.", "europepmc", DOI))
CR = Lookup.found(work(DOI=DOI, title=["T"], abstract="<jats:p>From Crossref.</jats:p>"))


@pytest.mark.parametrize(
    ("fake", "request_", "source", "asked"),
    [
        pytest.param(
            AbstractFake(pmids={DOI: Lookup.found("5")}, pubmed_texts={"5": PM}, epmc={DOI: EP}),
            AbstractRequest(1, DOI, None, CR),
            "pubmed",
            [f"esearch {DOI}", "efetch 5"],
            id="pubmed-first-via-esearch",
        ),
        pytest.param(
            AbstractFake(pubmed_texts={"5": PM}),
            AbstractRequest(1, None, "5"),
            "pubmed",
            ["efetch 5"],
            id="printed-pmid",
        ),
        pytest.param(
            AbstractFake(epmc={DOI: EP}),
            AbstractRequest(1, DOI, None, CR),
            "europepmc",
            [f"esearch {DOI}", f"europepmc {DOI}"],
            id="europepmc-second",
        ),
        pytest.param(
            AbstractFake(),
            AbstractRequest(1, DOI, None, CR),
            "crossref",
            [f"esearch {DOI}", f"europepmc {DOI}"],
            id="crossref-last-from-the-record",
        ),
    ],
)
def test_order_of_sources(
    fake: AbstractFake, request_: AbstractRequest, source: str, asked: list[str]
) -> None:
    answer = fetch_abstract(fake, request_)
    assert answer.value is not None and answer.value.source == source
    assert fake.asked == asked


def test_nothing_anywhere_is_not_found_with_every_reason() -> None:
    no_abstract = Lookup.found(work(DOI=DOI, title=["T"]))
    answer = fetch_abstract(AbstractFake(), AbstractRequest(1, DOI, "5", no_abstract))
    assert answer.status is LookupStatus.NOT_FOUND
    assert answer.reason == (
        "PubMed: PubMed 5 has no abstract; Europe PMC: no Europe PMC record; "
        "Crossref: no abstract deposited"
    )


def test_one_source_unavailable_makes_it_unavailable() -> None:
    fake = AbstractFake(pmids={DOI: Lookup.unavailable("PubMed could not be reached")})
    answer = fetch_abstract(fake, AbstractRequest(1, DOI, None, None))
    assert answer.is_unavailable and "could not be reached" in answer.reason


def test_no_identifier_at_all() -> None:
    answer = fetch_abstract(AbstractFake(), AbstractRequest(1))
    assert answer.status is LookupStatus.NOT_FOUND and "no DOI or PMID" in answer.reason


# --- verify_references and the lockfile --------------------------------------------------------


def test_verify_fetches_abstracts_for_cited_references_and_replays_them() -> None:
    record = work(
        DOI=DOI,
        title=["Using and reporting the Delphi method for selecting healthcare quality "
               "indicators: a systematic review"],
        author=[{"family": "Boulkedid", "given": "R."}],
        **{"container-title": ["PLoS ONE"], "short-container-title": ["PLoS One"]},
        volume="6", page="e20476", issued={"date-parts": [[2011]]},
        abstract="<jats:p>Median PFS was 54 days.</jats:p>",
    )  # fmt: skip
    fake = AbstractFake(works={DOI: Lookup.found(record)})
    refs = [make_ref(1, doi=DOI), make_ref(2, doi="10.1/other")]
    config = OnlineOptions(cache=False)
    result = verify_references(refs, config, fake, abstracts_for={1})
    assert set(result.abstracts) == {1}
    found = result.abstracts[1].value
    assert found == Abstract("Median PFS was 54 days.", "crossref", DOI)
    lock = lockfile_from_json(lockfile_to_json(result.lock))
    assert {k.split(" ")[0] for k in lock.entries} >= {"work", "pmid-for-doi", "abstract"}
    replayed = verify_references(refs, OnlineOptions(), LockedRegistry(lock),
                                 abstracts_for={1})  # fmt: skip
    assert replayed.abstracts == result.abstracts


def test_lockfile_records_only_definite_answers() -> None:
    fake = AbstractFake(epmc={DOI: Lookup.unavailable("Europe PMC answered HTTP 503")})
    recorder = RecordingRegistry(fake)
    assert recorder.europepmc_abstract(doi=DOI).is_unavailable
    assert recorder.pmid_for_doi(DOI).status is LookupStatus.NOT_FOUND
    assert recorder.pubmed_abstract("5").status is LookupStatus.NOT_FOUND
    keys = sorted(recorder.lockfile().entries)
    assert keys == ["abstract pubmed 5", f"pmid-for-doi {DOI}"]
    replay = LockedRegistry(recorder.lockfile())
    assert replay.europepmc_abstract(doi=DOI).is_unavailable  # never recorded: asked again
    assert replay.pubmed_abstract("5").status is LookupStatus.NOT_FOUND


def test_a_doi_of_another_work_is_not_used(no_network: responses.RequestsMock) -> None:
    other = work(DOI="10.1/x", title=["Completely unrelated"], author=[{"family": "Zed"}],
                 issued={"date-parts": [[1990]]})  # fmt: skip
    fake = AbstractFake(works={"10.1/x": Lookup.found(other)})
    result = verify_references(
        [make_ref(1, doi="10.1/x")], OnlineOptions(cache=False), fake, abstracts_for={1}
    )
    assert result.verdicts[0].status == "wrong-work"
    assert result.abstracts[1].status is LookupStatus.NOT_FOUND
    assert not any(a.startswith(("esearch", "europepmc")) for a in fake.asked)


def test_a_pmid_of_another_work_is_not_used() -> None:
    other = PubmedRecord("5", title="Completely unrelated work on something else")
    fake = AbstractFake(pubmed={"5": Lookup.found(other)})
    result = verify_references(
        [make_ref(1, pmid="5")], OnlineOptions(cache=False), fake, abstracts_for={1}
    )
    assert any(f.rule == "PMID002" for f in result.findings)
    assert result.abstracts[1].reason == "no DOI or PMID to look the abstract up by"
    assert "efetch 5" not in fake.asked
