"""Limits from the server: a mirror or local service is followed (up and down) until it
answers 429; the public hosts keep the published limits, which headers only lower."""

from __future__ import annotations

import pytest

from citecheck.registry.pacing import MAX_FOLLOWED_RATE, Gate, InFlight
from citecheck.registry.settings import (
    CROSSREF_POLITE,
    NCBI_RATE_WITHOUT_KEY,
    OnlineOptions,
    PoolLimits,
    RegistrySpec,
)

from .registry_server import LocalRegistry, RegistryData, ServerLimits
from .seed import seed_pubmed, seed_references, seed_works

ANNOUNCED = {"x-rate-limit-limit": "50", "x-rate-limit-interval": "1s", "x-concurrency-limit": "8"}


def test_a_following_gate_takes_higher_announced_limits() -> None:
    gate = Gate("crossref-list", 3.0, InFlight(3), follow=True)
    gate.observe(ANNOUNCED)
    assert gate.rate == 50.0 and gate.in_flight.limit == 8
    gate.observe({"x-rate-limit-limit": "1e9"})  # not a plain number: ignored
    assert gate.rate == 50.0
    gate.observe({"x-rate-limit-limit": "100000", "x-rate-limit-interval": "1s"})
    assert gate.rate == MAX_FOLLOWED_RATE


def test_the_public_gate_only_lowers() -> None:
    gate = Gate("crossref-list", 3.0, InFlight(3))
    gate.observe(ANNOUNCED)
    assert gate.rate == 3.0 and gate.in_flight.limit == 3
    gate.observe({"x-ratelimit-limit": "2"})  # NCBI's spelling
    assert gate.rate == 2.0


def test_a_429_ends_following() -> None:
    gate = Gate("crossref-list", 3.0, InFlight(3), follow=True)
    gate.observe(ANNOUNCED)
    gate.throttled()
    assert not gate.follows and gate.rate == 3.0
    gate.observe(ANNOUNCED)
    assert gate.rate == 3.0


@pytest.mark.parametrize(
    ("spec", "capped"),
    [
        pytest.param(RegistrySpec.http(), True, id="public"),
        pytest.param(
            RegistrySpec.http("http://127.0.0.1:8080", "http://mirror"), False, id="mirror"
        ),
    ],
)
def test_configured_rates_are_capped_only_at_the_public_hosts(
    spec: RegistrySpec, capped: bool
) -> None:
    options = OnlineOptions(
        registry=spec, email="a@b.org", limits=PoolLimits(50.0, 50.0, 8), ncbi_rate=40.0
    )
    if capped:
        assert options.crossref_limits == CROSSREF_POLITE
        assert options.ncbi_limit == NCBI_RATE_WITHOUT_KEY
    else:
        assert options.crossref_limits == PoolLimits(50.0, 50.0, 8)
        assert options.ncbi_limit == 40.0
    assert spec.public_crossref is capped


def test_a_local_service_is_paced_by_what_it_announces() -> None:
    """A local registry enforcing and announcing 20 list requests a second (and 6 in
    flight): citecheck starts at the published 3/s, then follows; no 429."""
    limits = ServerLimits(single_rate=40.0, list_rate=20.0, concurrency=6, ncbi_rate=10.0)
    server = LocalRegistry(RegistryData(seed_works(), pubmed=seed_pubmed()), limits=limits)
    refs = seed_references()[:6]
    with server.running() as srv:
        from citecheck.registry.http import http_registry, open_session

        options = OnlineOptions(
            email="a@b.org", cache=False, registry=RegistrySpec.http(srv.url, srv.url)
        )
        registry = http_registry(options, open_session(options))
        registry.search_bibliographic(refs[0].raw)
        registry.work_by_doi("10.5555/citecheck-seed.01")
        registry.pubmed_summaries(["99000001"])
        works = registry.works
        assert works._list.rate == 20.0 and works._single.rate == 40.0  # type: ignore[attr-defined]
        assert works._list.in_flight.limit == 6  # type: ignore[attr-defined]
        assert registry.pubmed._gate.rate == 10.0  # type: ignore[union-attr]
    assert srv.stats["429"] == 0
