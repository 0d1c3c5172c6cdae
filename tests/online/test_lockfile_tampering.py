"""A tampered, truncated, forged or newer lockfile: a one-line error (exit 3) or "could not
check" for the entries concerned, never a traceback and never a verdict from a bad entry."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.registry.lockfile import (
    LockedRegistry,
    Lockfile,
    LockfileError,
    lockfile_from_json,
    read_lockfile,
    work_key,
    write_lockfile,
)
from citecheck.registry.records import Lookup, PubmedRecord
from citecheck.registry.settings import OnlineOptions
from citecheck.verify import verify_references

from .helpers import FakeRegistry, make_ref, rules
from .test_rules import DOI, plos_work

VERDICT_RULES = {"DOI001", "DOI002", "META001", "PMID001", "PMID002", "RET001", "RET002"}
OTHER = "10.1016/j.other.2020.01.001"
TITLE = str(make_ref().title)


def recorded() -> dict[str, Any]:
    """A genuine lockfile body: ref 1 verified by DOI, ref 2 with a PMID."""
    fake = FakeRegistry(
        works={DOI: Lookup.found(plos_work()), OTHER.lower(): Lookup.found(plos_work(DOI=OTHER))},
        pubmed={"21694759": Lookup.found(PubmedRecord("21694759", TITLE, year=2011, doi=OTHER))},
    )
    refs = [make_ref(1, doi=DOI, issue="6"), make_ref(2, doi=OTHER, pmid="21694759")]
    lock = verify_references(refs, OnlineOptions(), registry=fake).lock
    body: dict[str, Any] = json.loads(
        json.dumps({"citecheck-lockfile": 1, "entries": lock.entries})
    )
    return body


def replay(body: dict[str, Any]) -> tuple[list[str], LockedRegistry]:
    registry = LockedRegistry(lockfile_from_json(json.dumps(body)))
    refs = [make_ref(1, doi=DOI, issue="6"), make_ref(2, doi=OTHER, pmid="21694759")]
    return rules(verify_references(refs, OnlineOptions(), registry=registry).findings), registry


def test_the_genuine_lockfile_replays_without_findings() -> None:
    found, registry = replay(recorded())
    assert not set(found) & VERDICT_RULES and "NET001" not in found
    assert registry.problems == ()


def _set(path: tuple[str, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(body: dict[str, Any]) -> None:
        target = body["entries"]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


WORK = work_key(DOI)

ENTRY_TAMPERING = [
    pytest.param(_set((WORK,), "found"), id="entry-is-a-string"),
    pytest.param(_set((WORK, "status"), "maybe"), id="unknown-status"),
    pytest.param(_set((WORK, "status"), 1), id="status-wrong-type"),
    pytest.param(_set((WORK, "value"), None), id="found-without-value"),
    pytest.param(_set((WORK, "value", "authors"), 7), id="authors-an-integer"),
    pytest.param(_set((WORK, "value", "authors"), [{"family": None}]), id="author-null-family"),
    pytest.param(_set((WORK, "value", "years"), ["2011"]), id="years-as-strings"),
    pytest.param(_set((WORK, "value", "title"), ["a", "list"]), id="title-a-list"),
    pytest.param(_set((WORK, "value", "volume"), {"v": 6}), id="volume-a-dict"),
    pytest.param(_set((WORK, "value", "updates"), [{"doi": 5}]), id="update-doi-a-number"),
    pytest.param(_set((WORK, "value", "doi"), OTHER), id="forged-record-of-another-doi"),
    pytest.param(_set((WORK, "reason"), ["x"]), id="reason-a-list"),
    pytest.param(_set(("pubmed 21694759", "value", "pmid"), "1"), id="forged-pubmed-record"),
    pytest.param(_set(("pubmed 21694759", "value", "pubtypes"), "Retracted"), id="pubtypes-str"),
    pytest.param(_set(("pubmed 21694759", "status"), "not-found"), id="not-found-with-value"),
]


@pytest.mark.parametrize("tamper", ENTRY_TAMPERING)
def test_a_tampered_entry_is_could_not_check(tamper: Callable[[dict[str, Any]], None]) -> None:
    body = recorded()
    tamper(body)
    found, registry = replay(body)
    assert not set(found) & VERDICT_RULES, found
    assert "NET001" in found
    assert len(registry.problems) == 1 and "\n" not in registry.problems[0]
    assert "refused" in registry.problems[0]


def test_a_forged_entry_is_named_in_the_warning() -> None:
    body = recorded()
    body["entries"][WORK]["value"]["doi"] = OTHER
    _, registry = replay(body)
    assert registry.problems == (
        f"the lockfile's entry {WORK!r} is refused: it holds the record of {OTHER}, not of {DOI}",
    )


def test_an_alias_entry_marked_by_the_recorder_is_accepted() -> None:
    alias = "10.9999/alias-of-plos"
    fake = FakeRegistry(works={alias: Lookup.found(plos_work())})
    lock = verify_references([make_ref(1, doi=alias)], OnlineOptions(), registry=fake).lock
    assert lock.entries[work_key(alias)].get("alias") is True
    registry = LockedRegistry(lock)
    assert registry.work_by_doi(alias).is_found and registry.problems == ()


def test_keys_this_version_does_not_know_are_ignored() -> None:
    body = recorded()
    body["written-by"] = "citecheck 9.0"
    body["entries"][WORK]["provenance"] = {"fetched": "2031-01-01"}
    body["entries"][WORK]["value"]["funders"] = ["X"]
    body["entries"][WORK]["value"]["updates"] = [{"doi": "10.1/n", "type": "x", "new": 1}]
    body["entries"]["pubmed 21694759"]["value"]["mesh"] = ["Humans"]
    found, registry = replay(body)
    assert registry.problems == () and "NET001" not in found


FILE_TAMPERING = [
    pytest.param(lambda t: t[: len(t) // 2], "not valid JSON", id="truncated"),
    pytest.param(lambda t: "", "not valid JSON", id="empty"),
    pytest.param(lambda t: "[" * 100_000 + "]" * 100_000, "not valid JSON", id="deep-nesting"),
    pytest.param(lambda t: json.dumps([json.loads(t)]), "not a citecheck lockfile", id="a-list"),
    pytest.param(
        lambda t: t.replace('"citecheck-lockfile": 1', '"citecheck-lockfile": "1"'),
        "not a citecheck lockfile",
        id="version-a-string",
    ),
    pytest.param(
        lambda t: t.replace('"citecheck-lockfile": 1', '"citecheck-lockfile": 2'),
        "newer citecheck",
        id="newer-version",
    ),
    pytest.param(
        lambda t: json.dumps({**json.loads(t), "entries": list(json.loads(t)["entries"])}),
        "no entries",
        id="entries-a-list",
    ),
]


@pytest.mark.parametrize(("tamper", "message"), FILE_TAMPERING)
def test_a_tampered_file_is_a_one_line_error(
    tmp_path: Path, tamper: Callable[[str], str], message: str
) -> None:
    path = tmp_path / "refs.lock.json"
    path.write_text(tamper(json.dumps(recorded())), encoding="utf-8")
    with pytest.raises(LockfileError, match=message) as caught:
        read_lockfile(path)
    assert "\n" not in str(caught.value)


def test_a_binary_lockfile_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "refs.lock.json"
    path.write_bytes(b'{"citecheck-lockfile": 1, "entries": {"\x81\xff": 1}}')
    with pytest.raises(LockfileError, match="not UTF-8"):
        read_lockfile(path)


def test_the_cli_exits_3_with_one_line(tmp_path: Path) -> None:
    manuscript = tmp_path / "m.md"
    manuscript.write_text("Text (1).\n\nREFERENCES\n\n1. " + make_ref().raw + "\n")
    lock = tmp_path / "refs.lock.json"
    lock.write_text(json.dumps(recorded())[:40], encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(manuscript), "--offline", "--lock", str(lock)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if "refs.lock.json" in line]) == 1


def test_concurrent_writers_leave_a_whole_lockfile(tmp_path: Path) -> None:
    path = tmp_path / "refs.lock.json"
    locks = [
        Lockfile({f"agency 10.{i}/x": {"status": "found", "value": "crossref"}}) for i in range(8)
    ]
    errors: list[BaseException] = []

    def write(lock: Lockfile) -> None:
        try:
            for _ in range(20):
                write_lockfile(path, lock)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(lock,)) for lock in locks]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert not errors
    assert len(read_lockfile(path)) == 1  # one writer's whole file, not a mixture
    assert [p.name for p in tmp_path.iterdir()] == ["refs.lock.json"]  # no temporary left


def test_the_cli_says_how_many_answers_it_refused(tmp_path: Path) -> None:
    body = recorded()
    key = work_key(DOI)
    body["entries"][key]["value"]["doi"] = "10.9999/forged"
    manuscript = tmp_path / "m.md"
    entry = f"{make_ref().raw} doi:{DOI}"
    manuscript.write_text(f"Text (1).\n\nREFERENCES\n\n1. {entry}\n")
    lock = tmp_path / "refs.lock.json"
    lock.write_text(json.dumps(body), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(manuscript), "--offline", "--lock", str(lock)])
    assert "Traceback" not in result.output
    warnings = [line for line in result.stderr.splitlines() if "were refused" in line]
    assert len(warnings) == 1 and "1 of the lockfile's answers" in warnings[0]
    assert "NET001" in result.stdout
    assert "has no answer for" not in result.stderr
