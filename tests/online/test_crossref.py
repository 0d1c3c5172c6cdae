"""The Crossref client against recorded bodies (responses): every answer becomes data."""

from __future__ import annotations

import json

import pytest
import requests
import responses
from responses import matchers

from citecheck.registry.records import LookupStatus

from .helpers import CROSSREF, body, live_registry

PLOS = "10.1371/journal.pone.0020476"
CORRECTED = "10.1371/journal.pone.0033693"
PREPRINT = "10.1101/2024.04.01.587366"


def test_200_work_is_parsed(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{CROSSREF}/works/{PLOS}", body=body("crossref/works-doi.json"))
    registry, _ = live_registry()
    lookup = registry.work_by_doi(PLOS)
    assert lookup.status is LookupStatus.FOUND
    w = lookup.value
    assert w is not None
    assert w.doi == PLOS
    assert w.title.startswith("Using and Reporting the Delphi Method")
    assert w.authors[0].family == "Boulkedid"
    assert w.container_titles == ("PLoS ONE",)
    assert (w.volume, w.issue, w.page, w.year) == ("6", "6", "e20476", 2011)


def test_request_is_polite(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{CROSSREF}/works/{PLOS}",
        body=body("crossref/works-doi.json"),
        match=[matchers.query_param_matcher({"mailto": "test@example.org"})],
    )
    registry, _ = live_registry()
    assert registry.work_by_doi(PLOS).is_found
    ua = no_network.calls[0].request.headers["User-Agent"]
    assert ua.startswith("citecheck/") and "mailto:test@example.org" in ua


def test_404_text_body_is_not_found(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{CROSSREF}/works/10.1371/notarealdoi",
        body=body("crossref/works-doi-404.txt"),
        status=404,
        content_type="text/plain",
    )
    registry, slept = live_registry()
    lookup = registry.work_by_doi("10.1371/notarealdoi")
    assert lookup.status is LookupStatus.NOT_FOUND
    assert "Resource not found." in lookup.reason
    assert slept == []  # a 404 is an answer: no retry


def test_301_alias_is_followed(no_network: responses.RequestsMock) -> None:
    alias, primary = "10.26434/chemrxiv.5406907", "10.26434/chemrxiv.5406907.v5"
    no_network.get(
        f"{CROSSREF}/works/{alias}", status=301, headers={"location": f"/works/{primary}"}
    )
    target = json.loads(body("crossref/works-doi.json"))
    target["message"]["DOI"] = primary  # only the redirect was recorded (see README)
    no_network.get(f"{CROSSREF}/works/{primary}", json=target)
    registry, _ = live_registry()
    lookup = registry.work_by_doi(alias)
    assert lookup.is_found and lookup.value is not None
    assert lookup.value.doi == primary


def test_400_is_unavailable_with_crossref_message(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{CROSSREF}/works/{CORRECTED}",
        body=body("crossref/error-400-validation-failure.json"),
        status=400,
        content_type="application/json",
    )
    registry, slept = live_registry()
    lookup = registry.work_by_doi(CORRECTED)
    assert lookup.status is LookupStatus.UNAVAILABLE
    assert "HTTP 400" in lookup.reason and "does not support field query" in lookup.reason
    assert slept == []


def test_429_with_retry_after_is_honoured(no_network: responses.RequestsMock) -> None:
    url = f"{CROSSREF}/works/{PLOS}"
    no_network.get(url, status=429, headers={"Retry-After": "2"}, body="slow down")
    no_network.get(url, body=body("crossref/works-doi.json"))
    registry, slept = live_registry()
    assert registry.work_by_doi(PLOS).is_found
    assert 2.0 in slept  # waited exactly what the server asked


def test_429_after_all_retries_is_unavailable(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{CROSSREF}/works/{PLOS}", status=429, body="slow down")
    registry, slept = live_registry(attempts=3)
    lookup = registry.work_by_doi(PLOS)
    assert lookup.status is LookupStatus.UNAVAILABLE
    assert "HTTP 429 after 3 attempts" in lookup.reason
    assert len([s for s in slept if s > 0]) >= 2  # backed off between tries


def test_503_backs_off_exponentially_then_succeeds(no_network: responses.RequestsMock) -> None:
    url = f"{CROSSREF}/works/{PLOS}"
    no_network.get(url, status=503)
    no_network.get(url, status=503)
    no_network.get(url, body=body("crossref/works-doi.json"))
    registry, slept = live_registry(attempts=4)
    assert registry.work_by_doi(PLOS).is_found
    backoff = [s for s in slept if s > 0.1]  # the rest is pacing at 10 requests/s
    assert len(backoff) == 2, slept
    assert 0.25 <= backoff[0] <= 0.5 and 0.5 <= backoff[1] <= 1.0  # base 0.5 s, doubling, jitter


def test_timeout_is_unavailable(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{CROSSREF}/works/{PLOS}", body=requests.exceptions.ReadTimeout("read"))
    registry, _ = live_registry(attempts=2)
    lookup = registry.work_by_doi(PLOS)
    assert lookup.status is LookupStatus.UNAVAILABLE
    assert "timed out" in lookup.reason and "2 " in lookup.reason


def test_bad_json_is_unavailable(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{CROSSREF}/works/{PLOS}", body='{"status":"ok","message":{"DOI"')
    registry, _ = live_registry()
    lookup = registry.work_by_doi(PLOS)
    assert lookup.status is LookupStatus.UNAVAILABLE
    assert "malformed JSON" in lookup.reason


def test_updated_by_correction(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{CROSSREF}/works/{CORRECTED}", body=body("crossref/works-doi-updated-by-correction.json")
    )
    registry, _ = live_registry()
    w = registry.work_by_doi(CORRECTED).value
    assert w is not None
    (update,) = w.updates
    assert update.type == "correction"
    assert update.doi == "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"
    assert update.source == "publisher" and update.date == "2012-05-08"


def test_posted_content_with_relation(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{CROSSREF}/works/{PREPRINT}", body=body("crossref/works-doi-posted-content-relation.json")
    )
    registry, _ = live_registry()
    w = registry.work_by_doi(PREPRINT).value
    assert w is not None
    assert w.type == "posted-content"
    assert w.container_titles == ("bioRxiv",)  # the institution stands in for a journal
    assert [(r.type, r.id) for r in w.relations] == [
        ("is-preprint-of", "10.1016/j.xgen.2025.100814")
    ]


def test_notice_side_update_to() -> None:
    from citecheck.registry.crossref import work_from_message

    w = work_from_message(json.loads(body("crossref/works-item-update-to-correction-notice.json")))
    assert w.is_notice and w.updates_to == ("10.1111/ijal.12157",)


def test_jats_abstract_record_dates() -> None:
    from citecheck.registry.crossref import work_from_message

    w = work_from_message(json.loads(body("crossref/works-doi-jats-abstract.json"))["message"])
    assert w.page is None and w.updates  # no page field; a publisher correction
    assert len(set(w.years)) >= 1


def test_agency(no_network: responses.RequestsMock) -> None:
    doi = "10.1126/science.169.3946.635"
    no_network.get(f"{CROSSREF}/works/{doi}/agency", body=body("crossref/works-doi-agency.json"))
    registry, _ = live_registry()
    assert registry.doi_agency(doi).value == "crossref"


def test_agency_404(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{CROSSREF}/works/10.9999/nothing/agency", status=404, body="Resource not found."
    )
    registry, _ = live_registry()
    assert registry.doi_agency("10.9999/nothing").status is LookupStatus.NOT_FOUND


def test_search_parses_candidates_with_score(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{CROSSREF}/works",
        body=body("crossref/works-query-title-match.json"),
        match=[
            matchers.query_param_matcher(
                {"query.bibliographic": "x y", "rows": "5"}, strict_match=False
            )
        ],
    )
    registry, _ = live_registry()
    lookup = registry.search_bibliographic("x y")
    assert lookup.is_found and lookup.value is not None
    (hit,) = lookup.value
    assert hit.doi == "10.1063/1.4938384" and hit.score == pytest.approx(64.11348)


def test_search_without_results_is_not_found(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{CROSSREF}/works", body=body("crossref/works-query-no-results.json"))
    registry, _ = live_registry()
    assert registry.search_bibliographic("askldjrq3rjaw938h").status is LookupStatus.NOT_FOUND


def test_works_batch_uses_one_list_request(no_network: responses.RequestsMock) -> None:
    listing = {
        "status": "ok",
        "message-type": "work-list",
        "message": {"items": [json.loads(body("crossref/works-doi.json"))["message"]]},
    }
    no_network.get(
        f"{CROSSREF}/works",
        json=listing,
        match=[
            matchers.query_param_matcher(
                {"filter": f"doi:{PLOS},doi:10.1/missing", "rows": "2"}, strict_match=False
            )
        ],
    )
    registry, _ = live_registry()
    found = registry.works_batch([PLOS, "10.1/missing"])
    assert list(found) == [PLOS]
    assert len(no_network.calls) == 1


def test_works_batch_failure_returns_nothing(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{CROSSREF}/works", status=503)
    registry, _ = live_registry(attempts=1)
    assert registry.works_batch([PLOS]) == {}


def test_connection_refused_is_unavailable(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{CROSSREF}/works/{PLOS}", body=requests.exceptions.ConnectionError("refused"))
    registry, _ = live_registry(attempts=1)
    lookup = registry.work_by_doi(PLOS)
    assert lookup.is_unavailable and "connection failed" in lookup.reason
