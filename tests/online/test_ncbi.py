"""The PubMed client against the recorded esummary body."""

from __future__ import annotations

import json

import responses
from responses import matchers

from citecheck.registry.records import LookupStatus

from .helpers import NCBI, body, live_registry


def test_esummary_is_parsed(no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{NCBI}/esummary.fcgi",
        body=body("ncbi/esummary-pubmed-27933103.json"),
        match=[
            matchers.query_param_matcher(
                {"db": "pubmed", "id": "27933103", "retmode": "json", "tool": "citecheck",
                 "email": "test@example.org"}
            )
        ],
    )  # fmt: skip
    registry, _ = live_registry()
    answers = registry.pubmed_summaries(["27933103"])
    pm = answers["27933103"].value
    assert pm is not None
    assert pm.authors[0].family == "Scalfani" and pm.authors[0].given == "VF"
    assert pm.year == 2016 and pm.journal == "J Cheminform"
    assert pm.doi and pm.doi.startswith("10.1186/")
    assert not pm.title.endswith(".")


def test_unknown_pmid_is_not_found(no_network: responses.RequestsMock) -> None:
    answer = {
        "header": {},
        "result": {"uids": ["1"], "1": {"uid": "1", "error": "cannot get document summary"}},
    }
    no_network.get(f"{NCBI}/esummary.fcgi", json=answer)
    registry, _ = live_registry()
    lookup = registry.pubmed_summaries(["1"])["1"]
    assert (
        lookup.status is LookupStatus.NOT_FOUND and "cannot get document summary" in lookup.reason
    )


def test_api_key_is_sent_and_batching(no_network: responses.RequestsMock) -> None:
    recorded = json.loads(body("ncbi/esummary-pubmed-27933103.json"))
    no_network.get(
        f"{NCBI}/esummary.fcgi",
        json=recorded,
        match=[
            matchers.query_param_matcher({"api_key": "k", "id": "27933103,2"}, strict_match=False)
        ],
    )
    registry, _ = live_registry(ncbi_api_key="k")
    answers = registry.pubmed_summaries(["27933103", "2", "27933103"])
    assert answers["27933103"].is_found
    # the recorded answer does not mention PMID 2: that is no evidence it does not exist
    assert answers["2"].is_unavailable and "does not mention" in answers["2"].reason
    assert len(no_network.calls) == 1


def test_esummary_503_is_unavailable(no_network: responses.RequestsMock) -> None:
    no_network.get(f"{NCBI}/esummary.fcgi", status=503)
    registry, _ = live_registry(attempts=2)
    lookup = registry.pubmed_summaries(["27933103"])["27933103"]
    assert lookup.is_unavailable and "503" in lookup.reason
