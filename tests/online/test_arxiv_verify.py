"""References cited by their arXiv id alone, verified through the DOI arXiv registered with
DataCite, over the real HTTP registry (responses): DataCite is asked directly, once per
distinct id; a 404 is DOI001 only when no agency knows the DOI; a failure is "could not
check", never wrong."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

import pytest
import responses

from citecheck.bibliography.parse import parse_reference
from citecheck.model import Author, Reference
from citecheck.registry.records import Lookup, WorkRecord
from citecheck.registry.settings import OnlineOptions
from citecheck.verify import verify_references
from citecheck.verify.run import OnlineResult

from .helpers import CROSSREF, FakeRegistry, body, by_rule, live_registry, rules

DATACITE = "https://api.datacite.org"
ATTENTION = "10.48550/arxiv.1706.03762"
HOLOGRAPHY = "10.48550/arxiv.hep-th/9711200"
UNKNOWN = "10.48550/arxiv.2101.00001"
CONFIG = OnlineOptions(email="test@example.org", cache=False)


def datacite_url(doi: str) -> str:
    return f"{DATACITE}/dois/{quote(doi, safe='')}"


def agency_url(doi: str) -> str:
    return (
        f"{CROSSREF}/works/{quote('10.48550/arXiv.' + doi.split('arxiv.', 1)[1], safe='/')}/agency"
    )


def serve(rsps: responses.RequestsMock, doi: str, name: str, status: int = 200) -> None:
    rsps.get(datacite_url(doi), body=body(f"datacite/{name}"), status=status,
             content_type="application/vnd.api+json; charset=utf-8")  # fmt: skip


def ref(number: int, text: str) -> Reference:
    return replace(parse_reference(text), number=number)


ATTENTION_REF = (
    "Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. "
    "arXiv preprint arXiv:1706.03762 [cs.CL]. 2017."
)
HOLOGRAPHY_REF = (
    "Maldacena JM. The large N limit of superconformal field theories and supergravity. "
    "arXiv:hep-th/9711200. 1997."
)
UNKNOWN_REF = "Brown T, Mann B. Deep networks learn from few examples. arXiv:2101.00001. 2021."


def run(*texts: str, config: OnlineOptions = CONFIG, attempts: int = 3) -> OnlineResult:
    registry, _ = live_registry(attempts=attempts)
    refs = [ref(i, t) for i, t in enumerate(texts, 1)]
    return verify_references(refs, config, registry=registry)


@pytest.mark.parametrize("batched", [True, False], ids=["batched", "one-by-one"])
def test_right_arxiv_ids_are_verified_and_their_dois_suggested(
    no_network: responses.RequestsMock, batched: bool
) -> None:
    serve(no_network, ATTENTION, "arxiv-1706.03762.json")
    serve(no_network, HOLOGRAPHY, "arxiv-hep-th-9711200.json")
    config = replace(CONFIG, batch_resolution=batched)
    result = run(ATTENTION_REF, HOLOGRAPHY_REF, ATTENTION_REF.replace("[cs.CL]", ""), config=config)
    assert [(v.status, v.doi, v.source) for v in result.verdicts] == [
        ("found", ATTENTION, "arxiv"),
        ("found", HOLOGRAPHY, "arxiv"),
        ("found", ATTENTION, "arxiv"),
    ]
    assert rules(result.findings) == ["DOI003"] * 3  # no META001: "arXiv preprint" names the server
    messages = [f.message for f in by_rule(result.findings, "DOI003")]  # type: ignore[attr-defined]
    assert messages[1] == f"ref 2: DOI {HOLOGRAPHY} found via arXiv:hep-th/9711200"
    assert result.found_dois == {1: ATTENTION, 2: HOLOGRAPHY, 3: ATTENTION}
    assert result.coverage.checked == 3
    # DataCite directly, once per distinct id; Crossref is never asked (it holds no arXiv)
    assert sorted(str(c.request.url) for c in no_network.calls) == sorted(
        [datacite_url(ATTENTION), datacite_url(HOLOGRAPHY)]
    )
    assert set(result.lock.entries) == {f"datacite work {ATTENTION}", f"datacite work {HOLOGRAPHY}"}


def test_a_field_that_disagrees_is_meta001_against_datacite(
    no_network: responses.RequestsMock,
) -> None:
    serve(no_network, ATTENTION, "arxiv-1706.03762.json")
    result = run(ATTENTION_REF.replace("2017.", "2015."))
    (verdict,) = result.verdicts
    assert verdict.status == "mismatch"
    (meta,) = by_rule(result.findings, "META001")
    assert meta.evidence["field"] == "year" and 'DataCite has "2017, 2023"' in meta.message  # type: ignore[attr-defined]


def test_another_works_arxiv_id_is_doi002(no_network: responses.RequestsMock) -> None:
    serve(no_network, ATTENTION, "arxiv-1706.03762.json")
    result = run(
        "Smith J, Brown K. Recurrent memory networks for protein folding. arXiv:1706.03762. 2019."
    )
    (verdict,) = result.verdicts
    assert (verdict.status, verdict.doi) == ("wrong-work", None)
    (wrong,) = result.findings
    assert (wrong.rule, wrong.severity.value) == ("DOI002", "error")
    assert wrong.message.startswith(
        f"ref 1: arXiv:1706.03762 (DOI {ATTENTION}) belongs to a different work"
    )
    assert 'DataCite title "Attention Is All You Need"' in wrong.message


def test_an_id_no_agency_knows_is_doi001(no_network: responses.RequestsMock) -> None:
    serve(no_network, UNKNOWN, "dois-404.json", status=404)
    no_network.get(agency_url(UNKNOWN), body="Resource not found.", status=404,
                   content_type="text/plain")  # fmt: skip
    result = run(UNKNOWN_REF)
    (verdict,) = result.verdicts
    assert (verdict.status, verdict.source) == ("not-registered", "arxiv")
    (f,) = result.findings
    assert (f.rule, f.severity.value) == ("DOI001", "error")
    assert "arXiv:2101.00001" in f.message and "no agency knows it" in f.message
    assert f.evidence["doi"] == "10.48550/arXiv.2101.00001"


def test_an_id_datacite_lacks_but_an_agency_knows_is_not_called_wrong(
    no_network: responses.RequestsMock,
) -> None:
    serve(no_network, UNKNOWN, "dois-404.json", status=404)
    message = {"DOI": UNKNOWN, "agency": {"id": "datacite", "label": "DataCite"}}
    agency = {"status": "ok", "message-type": "work-agency", "message": message}
    no_network.get(agency_url(UNKNOWN), json=agency)
    result = run(UNKNOWN_REF)
    (verdict,) = result.verdicts
    assert verdict.status == "unavailable"
    assert rules(result.findings) == ["NET001"]
    assert "registered with datacite" in result.findings[0].message


@pytest.mark.parametrize(
    "fail",
    [
        pytest.param("datacite", id="datacite-503"),
        pytest.param("agency", id="agency-503-after-datacite-404"),
    ],
)
def test_a_service_failure_is_could_not_check(
    no_network: responses.RequestsMock, fail: str
) -> None:
    if fail == "datacite":
        no_network.get(datacite_url(UNKNOWN), status=503, body="busy")
    else:
        serve(no_network, UNKNOWN, "dois-404.json", status=404)
        no_network.get(agency_url(UNKNOWN), status=503, body="busy")
    result = run(UNKNOWN_REF, attempts=1)
    (verdict,) = result.verdicts
    assert verdict.status == "unavailable" and verdict.doi is None
    assert rules(result.findings) == ["NET001"]  # never DOI001 for a service that did not answer
    assert result.coverage.could_not_check == 1
    # only definite answers are kept: DataCite's 404, never a 503
    assert (f"datacite work {UNKNOWN}" in result.lock.entries) == (fail == "agency")


JOURNAL_REF = (
    "Maldacena JM. The large N limit of superconformal field theories and supergravity. "
    "Adv Theor Math Phys. 1998. arXiv:hep-th/9711200."
)
EMPTY_SEARCH = {"status": "ok", "message-type": "work-list", "message": {"items": []}}


@pytest.mark.parametrize("batched", [True, False], ids=["batched", "one-by-one"])
def test_an_id_beside_a_journal_is_checked_for_the_same_work_only(
    no_network: responses.RequestsMock, batched: bool
) -> None:
    serve(no_network, HOLOGRAPHY, "arxiv-hep-th-9711200.json")
    serve(no_network, ATTENTION, "arxiv-1706.03762.json")
    no_network.get(f"{CROSSREF}/works", json=EMPTY_SEARCH)
    config = replace(CONFIG, batch_resolution=batched)
    wrong_id = JOURNAL_REF.replace("hep-th/9711200", "1706.03762")
    result = run(JOURNAL_REF, wrong_id, config=config)
    assert [(v.status, v.doi, v.source) for v in result.verdicts] == [
        ("unmatched", None, ""),  # searched in Crossref, as a journal reference is
        ("unmatched", None, ""),
    ]
    # ref 1: the preprint's record is this work, so it exists (no EXIST001), and the year
    # and journal of the published version are not compared with the preprint's
    assert [(f.rule, f.refs) for f in result.findings] == [("DOI002", (2,)), ("EXIST001", (2,))]
    assert result.findings[0].message.startswith("ref 2: arXiv:1706.03762 (DOI ")
    searches = [c for c in no_network.calls if str(c.request.url).startswith(f"{CROSSREF}/works?")]
    assert len(searches) == 2


MISREAD = (  # ACL's names-first style: the parser takes the author list for the title
    "Ben Taskar Pieter Abbeel and Daphne Koller. 2012. Discriminative Probabilistic Models "
    "for Relational Data. arxiv:cs.LG/1301.0604"
)
RELATIONAL = WorkRecord(
    doi="10.48550/arxiv.1301.0604",
    title="Discriminative Probabilistic Models for Relational Data",
    authors=(Author("Taskar", "Ben"), Author("Abbeel", "Pieter"), Author("Koller", "Daphne")),
    container_titles=("arXiv",),
    years=(2013,),
    type="posted-content",
    agency="datacite",
)


@pytest.mark.parametrize(
    ("record", "status", "found"),
    [
        pytest.param(RELATIONAL, "found", ["DOI003"], id="its-title-printed"),
        pytest.param(
            replace(
                RELATIONAL, title="Attention Is All You Need", authors=(Author("Vaswani", "A"),)
            ),
            "wrong-work",
            ["DOI002"],
            id="another-work",
        ),
    ],
)
def test_a_record_whose_title_is_printed_is_not_another_work(
    record: WorkRecord, status: str, found: list[str]
) -> None:
    fake = FakeRegistry(registered={RELATIONAL.doi: Lookup.found(record)})
    result = verify_references([ref(1, MISREAD)], CONFIG, registry=fake)
    assert result.verdicts[0].status == status
    assert rules(result.findings) == found
