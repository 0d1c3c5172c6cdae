"""The DataCite client against bodies in DataCite's documented shape (responses): every
answer becomes data, and a record becomes the WorkRecord the judge compares."""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses

from citecheck.model import Author
from citecheck.registry.crossref_work import MalformedRecord
from citecheck.registry.datacite import work_from_attributes
from citecheck.registry.records import LookupStatus, Relation

from .helpers import body, live_registry

DATACITE = "https://api.datacite.org"
ARXIV = "10.48550/arxiv.1706.03762"
SOFTWARE = "10.5072/zenodo.citecheck-1"
PREPRINT = "10.5072/arxiv.citecheck.2"


def url(doi: str) -> str:
    return f"{DATACITE}/dois/{doi.replace('/', '%2F')}"


def attributes(name: str) -> dict[str, Any]:
    return dict(json.loads(body(f"datacite/{name}"))["data"]["attributes"])


def serve(rsps: responses.RequestsMock, doi: str, name: str, status: int = 200) -> None:
    rsps.get(url(doi), body=body(f"datacite/{name}"), status=status,
             content_type="application/vnd.api+json; charset=utf-8")  # fmt: skip


def test_arxiv_record_is_read(no_network: responses.RequestsMock) -> None:
    serve(no_network, ARXIV, "arxiv-1706.03762.json")
    registry, slept = live_registry()
    lookup = registry.work_by_doi_at("datacite", ARXIV)
    assert lookup.status is LookupStatus.FOUND and slept == []
    w = lookup.value
    assert w is not None
    assert (w.doi, w.title, w.agency, w.agency_name) == (
        ARXIV, "Attention Is All You Need", "datacite", "DataCite"
    )  # fmt: skip
    assert w.authors[0] == Author("Vaswani", "Ashish") and len(w.authors) == 8
    assert w.type == "posted-content"
    assert w.container_titles == ("arXiv",)  # the publisher of a preprint: its server
    assert w.years == (2017, 2023)  # publicationYear (v1's), then v7's Updated date
    assert w.abstract.startswith("The dominant sequence transduction models")
    request = no_network.calls[0].request
    assert request.headers["Accept"] == "application/vnd.api+json"
    assert "mailto:test@example.org" in request.headers["User-Agent"]


def test_the_doi_is_asked_url_encoded_in_lower_case(no_network: responses.RequestsMock) -> None:
    serve(no_network, ARXIV, "arxiv-1706.03762.json")
    registry, _ = live_registry()
    assert registry.work_by_doi_at("datacite", "10.48550/arXiv.1706.03762").is_found
    assert [c.request.url for c in no_network.calls] == [
        f"{DATACITE}/dois/{ARXIV.replace('/', '%2F')}"
    ]


def test_404_error_object_is_not_found(no_network: responses.RequestsMock) -> None:
    serve(no_network, "10.48550/arxiv.0000.00000", "dois-404.json", status=404)
    registry, slept = live_registry()
    lookup = registry.work_by_doi_at("datacite", "10.48550/arxiv.0000.00000")
    assert lookup.status is LookupStatus.NOT_FOUND and slept == []


def test_404_page_of_a_proxy_is_unavailable(no_network: responses.RequestsMock) -> None:
    no_network.get(url(ARXIV), body="Not Found", status=404, content_type="text/plain")
    registry, _ = live_registry()
    lookup = registry.work_by_doi_at("datacite", ARXIV)
    assert lookup.status is LookupStatus.UNAVAILABLE and "HTTP 404" in lookup.reason


@pytest.mark.parametrize(
    ("text", "why"),
    [
        pytest.param("{not json", "malformed JSON", id="not-json"),
        pytest.param('{"data": []}', "unexpected shape", id="data-list"),
        pytest.param('{"data": {"attributes": {"titles": []}}}', "malformed record", id="no-doi"),
        pytest.param(
            json.dumps({"data": {"attributes": {"doi": ARXIV, "titles": "Attention"}}}),
            "titles is not a list",
            id="titles-string",
        ),
        pytest.param(
            json.dumps({"data": {"attributes": {"doi": "10.48550/arxiv.1", "titles": []}}}),
            "record of 10.48550/arxiv.1",
            id="another-doi",
        ),
    ],
)
def test_malformed_answers_are_unavailable(
    no_network: responses.RequestsMock, text: str, why: str
) -> None:
    no_network.get(url(ARXIV), body=text, content_type="application/vnd.api+json")
    registry, _ = live_registry()
    lookup = registry.work_by_doi_at("datacite", ARXIV)
    assert lookup.status is LookupStatus.UNAVAILABLE
    assert why in lookup.reason


def test_datacite_down_is_unavailable_after_retries(no_network: responses.RequestsMock) -> None:
    no_network.get(url(ARXIV), status=503, body="busy")
    registry, _ = live_registry(attempts=2)
    lookup = registry.work_by_doi_at("datacite", ARXIV)
    assert lookup.status is LookupStatus.UNAVAILABLE and len(no_network.calls) == 2
    assert lookup.reason.startswith("DataCite")


def test_another_agency_is_not_asked(no_network: responses.RequestsMock) -> None:
    registry, _ = live_registry()
    lookup = registry.work_by_doi_at("medra", "10.1400/1")
    assert lookup.status is LookupStatus.UNAVAILABLE and not no_network.calls


def test_publisher_object_subtitle_organisation_and_year_string() -> None:
    w = work_from_attributes(attributes("zenodo-software.json"))
    assert w.title == "beetlesize"
    assert w.subtitles == ("a toolkit for measuring body size from photographs",)
    assert w.authors == (
        Author("Example Data Consortium", "", is_group=True),
        Author("Okafor", "Chiamaka"),
    )
    assert w.years == (2021,)
    assert w.type == "software"
    assert w.container_titles == ()  # a repository is not a journal: nothing to compare
    assert w.relations == (Relation("is-version-of", "10.5072/zenodo.citecheck-0", "doi"),)


@pytest.mark.parametrize(
    ("publisher", "expected"),
    [
        pytest.param("arXiv", ("arXiv",), id="string"),
        pytest.param({"name": "arXiv"}, ("arXiv",), id="object"),
        pytest.param({"name": 5}, (), id="object-without-name"),
    ],
)
def test_preprint_server_is_the_container(publisher: object, expected: tuple[str, ...]) -> None:
    a = attributes("arxiv-1706.03762.json")
    assert work_from_attributes({**a, "publisher": publisher}).container_titles == expected


def test_published_version_of_a_preprint_is_preprint_of() -> None:
    w = work_from_attributes(attributes("preprint-published.json"))
    assert w.relations == (
        Relation("is-preprint-of", "10.1000/ecology.citecheck.7", "doi"),
        Relation("is-version-of", "10.5072/arxiv.citecheck", "doi"),
    )
    assert w.authors[1] == Author("Haddad", "Omar")  # no nameType, but a family name
    assert w.years == (2019,)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        pytest.param("publicationYear", "2019", (2019,), id="year-string"),
        pytest.param("publicationYear", "2019-05", (2019,), id="year-date"),
        pytest.param("publicationYear", True, (), id="year-bool"),
        pytest.param("publicationYear", "n.d.", (), id="year-text"),
    ],
)
def test_years(field: str, value: object, expected: tuple[int, ...]) -> None:
    a = {**attributes("arxiv-1706.03762.json"), field: value, "dates": []}
    assert work_from_attributes(a).years == expected


def test_container_title_and_numbers_of_a_journal_article() -> None:
    a = attributes("arxiv-1706.03762.json")
    a["types"] = {"resourceTypeGeneral": "JournalArticle"}
    a["container"] = {"type": "Journal", "title": "J. Example", "volume": 12, "issue": "3",
                      "firstPage": "101", "lastPage": "109"}  # fmt: skip
    w = work_from_attributes(a)
    assert (w.type, w.container_titles) == ("journal-article", ("J. Example",))
    assert (w.volume, w.issue, w.page) == ("12", "3", "101-109")


def test_a_creator_that_cannot_be_read_leaves_the_authors_uncompared() -> None:
    a = attributes("arxiv-1706.03762.json")
    a["creators"] = [*a["creators"][:2], {"name": "Ashish Vaswani"}]  # no type, no comma
    assert work_from_attributes(a).authors == ()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("creators", {"name": "x"}, id="creators-object"),
        pytest.param("creators", [{"name": 7}], id="creator-name-number"),
        pytest.param("titles", [{"title": None}], id="title-none"),
        pytest.param("doi", 5, id="doi-number"),
    ],
)
def test_a_wrong_type_that_decides_a_verdict_is_malformed(field: str, value: object) -> None:
    a = {**attributes("arxiv-1706.03762.json"), field: value}
    with pytest.raises(MalformedRecord):
        work_from_attributes(a)


def test_a_concept_doi_listing_its_versions_gives_no_notes_and_links_are_capped() -> None:
    a = attributes("zenodo-software.json")
    versions = [{"relationType": "HasVersion", "relatedIdentifier": f"10.5072/z.{i}",
                 "relatedIdentifierType": "DOI"} for i in range(30)]  # fmt: skip
    assert work_from_attributes({**a, "relatedIdentifiers": versions}).relations == ()
    links = [{**v, "relationType": "IsVersionOf"} for v in versions]
    kept = work_from_attributes({**a, "relatedIdentifiers": links}).relations
    assert [r.id for r in kept] == [f"10.5072/z.{i}" for i in range(10)]
