"""msgspec's fast path and the standard library's json give the same works and records:
snapshot items cut to the fields a record is made from, stored records read back, and a
whole build (one process or worker processes) the same database."""

from __future__ import annotations

import gzip
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from citecheck.localregistry import fastjson
from citecheck.localregistry.build import build_registry
from citecheck.localregistry.ingest import record_json
from citecheck.localregistry.snapshot import SnapshotError, iter_items, iter_works
from citecheck.registry.crossref_work import MalformedRecord, work_from_message
from citecheck.registry.records import work_from_data

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "localregistry"
ODD = [
    {"DOI": "10.1/a", "title": ["A"], "author": [{"family": "X", "given": 3}]},
    {"DOI": "10.1/b", "title": "not a list", "volume": 12, "issue": True, "extra": {"x": [1]}},
    {"DOI": None, "title": ["no DOI"]},
    [1, 2],
    {"DOI": "10.1/c", "subtitle": ["S"], "indexed": {"date-time": "2024-01-01T00:00:00Z"}},
]


@pytest.fixture(params=["msgspec", "json"])
def decoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "msgspec":
        pytest.importorskip("msgspec")
    else:
        monkeypatch.setattr(fastjson, "codec", lambda: None)
        from citecheck.localregistry import snapshot

        monkeypatch.setattr(snapshot, "codec", lambda: None)
        monkeypatch.setattr(snapshot, "items_of_object", fastjson.items_of_object)
    return str(request.param)


def outcome(item: object) -> object:
    try:
        return work_from_message(item)  # type: ignore[arg-type]
    except MalformedRecord as exc:
        return f"malformed: {exc}"


@pytest.mark.parametrize("name", ["a.json.gz", "a.jsonl"])
def test_works_read_as_the_whole_items_are(tmp_path: Path, decoder: str, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_text("\n".join(json.dumps(i) for i in ODD) + "\n", encoding="utf-8")
    else:
        path.write_bytes(gzip.compress(json.dumps({"items": ODD}).encode()))
    assert [outcome(i) for i in iter_works(path)] == [outcome(i) for i in ODD]


@pytest.mark.parametrize("text", ['{"items": [{"DOI": "10.1/a"}, {"DOI": ', '{"items": [1]} x'])
def test_broken_files_are_refused_either_way(tmp_path: Path, decoder: str, text: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SnapshotError):
        list(iter_works(path))


def test_stored_records_read_back_the_same(decoder: str) -> None:
    for path in sorted(FIXTURES.glob("*.json.gz")):
        for item in iter_items(path):
            work = work_from_message(item)
            text = record_json(work)
            stored = replace(work, score=None)  # a search score is not stored
            assert fastjson.load_record(text) == stored
            assert work_from_data(json.loads(text)) == stored  # plain JSON whichever wrote it


def dump(db: Path) -> list[object]:
    con = sqlite3.connect(db)
    try:
        return [
            con.execute("SELECT doi, indexed, record FROM works ORDER BY id").fetchall(),
            con.execute("SELECT rowid, * FROM works_fts ORDER BY rowid").fetchall(),
            con.execute("SELECT * FROM terms ORDER BY term").fetchall(),
            con.execute("SELECT * FROM notices ORDER BY record_id").fetchall(),
            con.execute("SELECT * FROM pubmed ORDER BY pmid").fetchall(),
        ]
    finally:
        con.close()


def test_worker_processes_build_the_same_database(tmp_path: Path) -> None:
    extra = tmp_path / "newer.jsonl"
    newer = {"DOI": "10.5555/CITECHECK-SEED.01", "title": ["Replaced title"],
             "indexed": {"date-time": "2030-01-01T00:00:00Z"}}  # fmt: skip
    extra.write_text(json.dumps(newer) + "\n", encoding="utf-8")
    one = build_registry(tmp_path / "one.sqlite", [FIXTURES, extra], jobs=1)
    two = build_registry(tmp_path / "two.sqlite", [FIXTURES, extra], jobs=2)
    assert (one.files, one.records, one.notices) == (two.files, two.records, two.notices) == (
        6, 89, 3)  # fmt: skip
    assert dump(tmp_path / "one.sqlite") == dump(tmp_path / "two.sqlite")


def test_a_broken_file_among_workers_is_reported_and_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(gzip.compress(b'{"items": [{"DOI": "10.1/x"}, ')[:-8])
    report = build_registry(tmp_path / "r.sqlite", [FIXTURES, broken], jobs=2)
    assert report.files == 5 and report.records == 88
    assert len(report.skipped) == 1 and "broken.json.gz" in report.skipped[0]
