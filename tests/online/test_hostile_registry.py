"""A hostile registry (tests/online/hostile_server.py) in every mode: each reference ends as
"could not check" (NET001) or, where only a bad field was dropped, without a finding from
it — never a wrong verdict, never a crash, and within the run's deadline."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from citecheck.model import Reference
from citecheck.registry.http import http_registry, open_session
from citecheck.registry.settings import OnlineOptions, PoolLimits, RegistrySpec
from citecheck.verify import verify_references

from .helpers import make_ref
from .hostile_server import MODES, HostileRegistry

DOI = "10.1371/journal.pone.0020476"
PMID = "21694759"
TITLE = str(make_ref().title)
# Findings that say something about the reference; none may come from a fault.
VERDICTS = {"DOI001", "DOI002", "DOI003", "META001", "PMID001", "PMID002", "RET001", "RET002"}
VERDICTS |= {"EXIST001"}
RECORD: dict[str, Any] = {
    "DOI": DOI,
    "title": [TITLE],
    "author": [{"given": "Rym", "family": "Boulkedid"}],
    "container-title": ["PLoS ONE"],
    "volume": "6",
    "page": "e20476",
    "issued": {"date-parts": [[2011, 6, 9]]},
    "type": "journal-article",
}
SUMMARY: dict[str, Any] = {
    "uid": PMID,
    "title": TITLE + ".",
    "authors": [{"name": "Boulkedid R", "authtype": "Author"}],
    "pubdate": "2011 Jun 9",
    "source": "PLoS One",
    "volume": "6",
    "pages": "e20476",
    "articleids": [{"idtype": "doi", "value": DOI}],
    "pubtype": ["Journal Article"],
}
DEADLINE = 6.0


RIGHT_RECORD = ("null-fields", "absurd-limits")  # the right record: bad fields dropped


def references(mode: str) -> list[Reference]:
    if mode == "wrong-id":  # a search may answer any DOI: only ask by DOI and PMID
        return [make_ref(1, doi=DOI), make_ref(2, pmid=PMID, doi=DOI)]
    return [
        make_ref(1, doi=DOI),  # by DOI (and the agency after a 404)
        make_ref(2, pmid=PMID),  # PubMed summary, then a search
        make_ref(3),  # search only
    ]


def options(url: str, **changes: Any) -> OnlineOptions:
    """Small bounds, so that the whole suite stays fast."""
    settings: dict[str, Any] = dict(
        registry=RegistrySpec.http(url, url, url),
        cache=False,
        attempts=2,
        timeout=(0.3, 0.3),
        deadline=DEADLINE,
        request_deadline=0.6,
        max_response_mb=1.0,
        max_decoded_mb=1.0,
        limits=PoolLimits(50.0, 50.0, 3),
        ncbi_rate=50.0,
        email="t@example.org",
    )
    return OnlineOptions(**{**settings, **changes})


@pytest.mark.parametrize("mode", MODES)
def test_no_wrong_verdict_and_bounded(mode: str) -> None:
    with HostileRegistry(mode, record=RECORD, pubmed=SUMMARY).running() as server:
        started = time.monotonic()
        refs = references(mode)
        result = verify_references(refs, options(server.url))
        elapsed = time.monotonic() - started
    forbidden = VERDICTS - {"DOI003"} if mode in RIGHT_RECORD else VERDICTS
    assert not [f.message for f in result.findings if f.rule in forbidden]
    assert elapsed < DEADLINE + 5  # generous: the deadline is honoured, nothing hangs
    statuses = {v.key: v.status for v in result.verdicts}
    if mode in RIGHT_RECORD:
        assert statuses[1] == "verified"
    else:
        assert set(statuses.values()) == {"unavailable"}, result.verdicts
        net = {f.refs for f in result.findings if f.rule == "NET001"}
        assert net >= {(r.key,) for r in refs}
        assert len(result.lock) == 0  # nothing definite was heard, nothing recorded


@pytest.mark.parametrize("mode", ["silent", "reset", "slow-drip"])
def test_an_unreachable_host_is_given_up_after_a_few_failures(mode: str) -> None:
    refs = [make_ref(n, doi=f"10.1/{n}") for n in range(1, 21)]
    with HostileRegistry(mode).running() as server:
        result = verify_references(refs, options(server.url, attempts=4))
        asked = server.requests
    assert asked <= 3 * 2  # the breaker's three failures, and the few already in flight
    reasons = {f.evidence.get("reason", "") for f in result.findings if f.rule == "NET001"}
    assert all("not asked again this run" in r or "after" in r for r in reasons), reasons
    assert any("Crossref unreachable" in r for r in reasons)


def test_the_run_deadline_is_honoured() -> None:
    refs = [make_ref(n, doi=f"10.1/{n}") for n in range(1, 31)]
    with HostileRegistry("silent").running() as server:  # each request costs its full timeout
        result = verify_references(
            refs, options(server.url, deadline=0.5, breaker_failures=100, attempts=1)
        )
        asked = server.requests
    reasons = [f.evidence.get("reason", "") for f in result.findings if f.rule == "NET001"]
    assert any("deadline" in r for r in reasons)
    assert asked < len(refs) + 1  # the batch request and a few singles, not all of them


def test_html_and_error_pages_are_never_cached(tmp_path: Path) -> None:
    for mode in ("html-200", "html-404", "malformed-json"):
        with HostileRegistry(mode, record=RECORD).running() as server:
            config = options(server.url, cache=True, cache_dir=str(tmp_path / mode), attempts=1)
            for _ in range(2):
                session = open_session(config)
                http_registry(config, session).work_by_doi(DOI)
                session.close()
            assert server.requests == 2, mode  # asked again: nothing was stored


def test_a_good_answer_is_cached(tmp_path: Path) -> None:
    with HostileRegistry("absurd-limits", record=RECORD).running() as server:
        config = options(server.url, cache=True, cache_dir=str(tmp_path), attempts=1)
        for _ in range(2):
            session = open_session(config)
            assert http_registry(config, session).work_by_doi(DOI).is_found
            session.close()
        assert server.requests == 1
