"""Recording the evidence and replaying it offline gives the same verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.registry.lockfile import LockedRegistry, LockfileError, read_lockfile, write_lockfile
from citecheck.registry.records import Lookup
from citecheck.registry.settings import OnlineOptions, RegistrySpec
from citecheck.verify import verify_references

from .helpers import FakeRegistry, make_ref, rules
from .test_rules import DOI, plos_work


def refs():  # type: ignore[no-untyped-def]
    return [
        make_ref(1, doi=DOI, volume="7"),  # META001
        make_ref(2, doi="10.1/nope"),  # DOI001
        make_ref(3),  # DOI003 by search
        make_ref(4, pmid="99"),  # PMID001
    ]


def fake() -> FakeRegistry:
    return FakeRegistry(
        works={DOI: Lookup.found(plos_work())}, default_search=Lookup.found((plos_work(),))
    )


def test_offline_replay_reproduces_findings(tmp_path: Path) -> None:
    online = verify_references(refs(), OnlineOptions(), registry=fake())
    lock_path = tmp_path / "refs.lock.json"
    write_lockfile(lock_path, online.lock)
    offline = verify_references(
        refs(), OnlineOptions(registry=RegistrySpec.lockfile(str(lock_path)))
    )  # no client: the lockfile is the registry
    assert rules(offline.findings) == rules(online.findings)
    assert [f.message for f in offline.findings] == [f.message for f in online.findings]
    assert offline.verdicts == online.verdicts
    assert sorted(rules(online.findings)) == ["DOI001", "DOI003", "DOI003", "META001", "PMID001"]


def test_lockfile_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_lockfile(a, verify_references(refs(), OnlineOptions(), registry=fake()).lock)
    write_lockfile(
        b, verify_references(list(reversed(refs())), OnlineOptions(), registry=fake()).lock
    )
    assert a.read_text() == b.read_text()


def test_unavailable_answers_are_not_locked() -> None:
    flaky = FakeRegistry(works={DOI: Lookup.unavailable("timed out")})
    result = verify_references([make_ref(doi=DOI)], OnlineOptions(), registry=flaky)
    assert len(result.lock) == 0


def test_question_missing_from_lockfile_is_net001(tmp_path: Path) -> None:
    online = verify_references(refs()[:1], OnlineOptions(), registry=fake())
    edited = make_ref(1, doi="10.1/edited-since")
    offline = verify_references([edited], OnlineOptions(), registry=LockedRegistry(online.lock))
    assert rules(offline.findings) == ["NET001"]
    assert "lockfile" in offline.findings[0].message


@pytest.mark.parametrize(
    "text", ["not json", '{"citecheck-lockfile": 99, "entries": {}}', '{"entries": []}']
)
def test_bad_lockfile_is_a_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(LockfileError, match=r"bad\.json"):
        read_lockfile(path)


def test_missing_lockfile_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(LockfileError, match="--online --lock"):
        read_lockfile(tmp_path / "none.json")
