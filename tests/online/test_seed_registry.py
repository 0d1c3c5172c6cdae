"""End to end: the seed manuscript's 88 references against a local registry on 127.0.0.1."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from citecheck.registry.lockfile import write_lockfile
from citecheck.registry.settings import OnlineOptions, PoolLimits, RegistrySpec
from citecheck.verify import verify_references

from .registry_server import LocalRegistry, RegistryData, ServerLimits
from .seed import seed_pubmed, seed_references, seed_works

FAST = PoolLimits(single_rate=500.0, list_rate=500.0, concurrency=3)


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    data = RegistryData(
        seed_works(),
        pubmed=seed_pubmed(),
        agencies={"10.48550/arxiv.2304.05376": "datacite"},
    )
    with LocalRegistry(data).running() as srv:
        yield srv


def config(srv: LocalRegistry, **kw: object) -> OnlineOptions:
    return OnlineOptions(
        email="test@example.org",
        registry=RegistrySpec.http(srv.url, srv.url, datacite_url=srv.url),
        cache=False,
        limits=FAST,
        **kw,  # type: ignore[arg-type]
    )


def meta_refs(result) -> set[int]:  # type: ignore[no-untyped-def]
    return {n for f in result.findings if f.rule == "META001" for n in f.refs}


def test_seed_by_search_flags_exactly_refs_78_and_79(server: LocalRegistry) -> None:
    refs = seed_references()
    assert len(refs) == 88
    result = verify_references(refs, config(server))
    assert meta_refs(result) == {78, 79}
    by_ref = {f.refs[0]: f for f in result.findings if f.rule == "META001"}
    assert "Gemgross" in by_ref[78].message and "Gerngross" in by_ref[78].message
    assert by_ref[78].evidence["field"] == "author 2"
    assert by_ref[79].evidence["field"] == "volume" and "issue" in by_ref[79].message
    assert Counter(f.rule for f in result.findings) == Counter({"DOI003": 88, "META001": 2})
    assert len(result.found_dois) == 88
    assert all(doi.endswith(f".{n:02d}") for n, doi in result.found_dois.items())


def test_seed_with_printed_dois(server: LocalRegistry) -> None:
    refs = [replace(r, doi=f"10.5555/citecheck-seed.{r.number:02d}") for r in seed_references()]
    server.reset_stats()
    result = verify_references(refs, config(server))
    assert meta_refs(result) == {78, 79}
    assert {f.rule for f in result.findings} == {"META001"}
    assert server.stats["requests list"] == 3  # 88 DOIs in 3 filter=doi: batches
    assert server.stats["requests single"] == 0


def test_wrong_and_foreign_dois(server: LocalRegistry) -> None:
    refs = seed_references()
    wrong = [
        replace(refs[0], doi="10.5555/citecheck-seed.02"),  # another seed work: DOI002
        replace(refs[1], doi="10.5555/not-registered"),  # DOI001
        replace(refs[2], doi="10.48550/arXiv.2304.05376"),  # DataCite: NET001, not DOI001
    ]
    result = verify_references(wrong, config(server))
    assert sorted(f.rule for f in result.findings) == ["DOI001", "DOI002", "NET001"]


def test_server_down_is_net001_only(tmp_path: Path) -> None:
    refs = seed_references()[:3]
    cfg = OnlineOptions(
        registry=RegistrySpec.http("http://127.0.0.1:9", "http://127.0.0.1:9"),
        cache=False,
        attempts=1,
        timeout=(0.5, 0.5),
    )
    result = verify_references(refs, cfg)
    assert {f.rule for f in result.findings} == {"NET001"}
    assert {v.status for v in result.verdicts} == {"unavailable"}


def test_lock_then_offline_gives_same_findings(server: LocalRegistry, tmp_path: Path) -> None:
    refs = seed_references()
    online = verify_references(refs, config(server))
    lock = tmp_path / "seed.lock.json"
    write_lockfile(lock, online.lock)
    offline = verify_references(refs, OnlineOptions(registry=RegistrySpec.lockfile(str(lock))))
    assert [f.message for f in offline.findings] == [f.message for f in online.findings]


def test_polite_limits_are_kept_against_an_enforcing_server() -> None:
    refs = seed_references()[:12]
    data = RegistryData(seed_works(), pubmed=seed_pubmed())
    limited = LocalRegistry(data, limits=ServerLimits(10.0, 3.0, 3))
    with limited.running() as srv:
        spec = RegistrySpec.http(srv.url, srv.url)
        cfg = OnlineOptions(email="t@example.org", registry=spec, cache=False)
        result = verify_references(refs, cfg)
    assert srv.stats["429"] == 0
    assert meta_refs(result) == set()
    assert all(f.rule == "DOI003" for f in result.findings)


def test_batch_resolution_gives_the_search_verdicts_in_few_requests(
    server: LocalRegistry,
) -> None:
    """The citation matcher, one esummary and three DOI batches replace 87 of the 88
    searches (ref 79 prints its issue as the volume: no match, searched); same findings."""
    refs = seed_references()
    server.reset_stats()
    batched = verify_references(refs, config(server))
    counts = dict(server.stats)
    server.reset_stats()
    searched = verify_references(refs, config(server, batch_resolution=False))
    assert counts == {"requests ncbi": 3, "requests list": 4}  # 2 ecitmatch + esummary
    assert dict(server.stats) == {"requests list": 88}
    assert [f.message for f in batched.findings] == [f.message for f in searched.findings]
    assert batched.verdicts == searched.verdicts
