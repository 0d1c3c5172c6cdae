"""The on-disk HTTP cache: answers reused, failures never stored."""

from __future__ import annotations

from pathlib import Path

import pytest
import responses

from citecheck.registry.http import http_registry, open_session
from citecheck.registry.settings import OnlineOptions

from .helpers import CROSSREF, body

PLOS = "10.1371/journal.pone.0020476"


def registry(tmp_path: Path):  # type: ignore[no-untyped-def]
    config = OnlineOptions(email="t@example.org", cache_dir=str(tmp_path), attempts=1)
    session = open_session(config)
    return http_registry(config, session, sleep=lambda s: None), session


def test_second_lookup_comes_from_cache(tmp_path: Path, no_network: responses.RequestsMock) -> None:
    no_network.get(
        f"{CROSSREF}/works/{PLOS}",
        body=body("crossref/works-doi.json"),
        content_type="application/json",
    )
    reg, session = registry(tmp_path)
    assert reg.work_by_doi(PLOS).is_found
    assert reg.work_by_doi(PLOS).is_found
    assert len(no_network.calls) == 1
    assert (tmp_path / "http-cache.sqlite").exists()
    session.close()


def test_failures_are_not_cached(tmp_path: Path, no_network: responses.RequestsMock) -> None:
    url = f"{CROSSREF}/works/{PLOS}"
    no_network.get(url, status=503)
    no_network.get(url, status=404, body="Resource not found.")
    no_network.get(url, body=body("crossref/works-doi.json"))
    reg, session = registry(tmp_path)
    assert reg.work_by_doi(PLOS).is_unavailable
    assert not reg.work_by_doi(PLOS).is_found  # the 404 was asked again, not replayed 503
    assert reg.work_by_doi(PLOS).is_found
    assert len(no_network.calls) == 3
    session.close()


def test_no_cache_option_uses_a_plain_session() -> None:
    session = open_session(OnlineOptions(cache=False))
    assert not hasattr(session, "cache")


@pytest.mark.parametrize(
    ("status", "content_type", "text"),
    [
        pytest.param(200, "text/html", "<html><body>Down for maintenance</body></html>", id="html"),
        pytest.param(200, "text/plain", body("crossref/works-doi.json"), id="not-json-type"),
        pytest.param(200, "application/json", '{"status": "ok"}', id="json-of-another-shape"),
    ],
)
def test_only_usable_json_answers_are_cached(
    tmp_path: Path, no_network: responses.RequestsMock, status: int, content_type: str, text: str
) -> None:
    url = f"{CROSSREF}/works/{PLOS}"
    no_network.get(url, status=status, body=text, content_type=content_type)
    reg, session = registry(tmp_path)
    reg.work_by_doi(PLOS)
    reg.work_by_doi(PLOS)
    assert len(no_network.calls) == 2  # asked again: the first answer was not stored
    session.close()
