"""The bulk build's shortcuts change nothing a reader sees: a file that fails while it is
being stored leaves none of its rows beside the files committed with it, and gzip files
read through ISA-L or zlib give the same works."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

from citecheck.localregistry import build, snapshot
from citecheck.localregistry.build import build_registry
from citecheck.localregistry.snapshot import SnapshotError, iter_works

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "localregistry"


def test_a_file_failing_halfway_leaves_nothing_and_its_group_is_kept(tmp_path: Path) -> None:
    header = (FIXTURES / "retraction_watch.csv").read_text(encoding="utf-8").splitlines()[0]
    names = header.split(",")
    lines = [header]
    for i in range(1000):  # notices stored before the reader meets the bad bytes
        cells = dict.fromkeys(names, "")
        cells.update({"Record ID": f"9{i}", "OriginalPaperDOI": f"10.1/ok{i}",
                      "RetractionNature": "Retraction"})  # fmt: skip
        lines.append(",".join(cells[n] for n in names))
    bad = tmp_path / "rw.csv"
    bad.write_bytes("\n".join(lines).encode() + b"\n9x,\xff\xfe not UTF-8\n")
    report = build_registry(tmp_path / "r.sqlite", [FIXTURES / "crossref-0.json.gz", bad])
    assert len(report.skipped) == 1 and "rw.csv" in report.skipped[0]
    con = sqlite3.connect(tmp_path / "r.sqlite")
    assert con.execute("SELECT count(*) FROM notices").fetchone() == (0,)
    kinds = [k for (k,) in con.execute("SELECT kind FROM sources")]
    assert kinds == ["crossref"] and report.records > 0
    assert con.execute("SELECT count(*) FROM works").fetchone() == (report.records,)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.fixture(params=["isal", "zlib"])
def inflater(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "isal":
        pytest.importorskip("isal")
    else:
        import zlib

        monkeypatch.setattr(snapshot, "_inflater", lambda: (zlib.decompressobj, (zlib.error,)))
    return str(request.param)


def test_gzip_files_read_the_same_either_way(tmp_path: Path, inflater: str) -> None:
    works = [{"DOI": f"10.1/{i}", "title": [f"T {i}"]} for i in range(50)]
    text = json.dumps({"items": works}).encode()
    one = tmp_path / "one.json.gz"
    one.write_bytes(gzip.compress(text))
    two = tmp_path / "two.json.gz"  # two gzip members, as concatenated files are
    two.write_bytes(gzip.compress(text[:100]) + gzip.compress(text[100:]))
    assert [w["DOI"] for w in iter_works(one)] == [w["DOI"] for w in iter_works(two)]
    assert len(list(iter_works(one))) == 50
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(gzip.compress(text)[:-12])
    with pytest.raises(SnapshotError, match="truncated or corrupt gzip"):
        list(iter_works(cut))


def test_a_works_file_failing_while_stored_leaves_the_index_as_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def work(doi: str, title: str, when: str) -> str:
        return json.dumps({"DOI": doi, "title": [title], "indexed": {"date-time": when}})

    first = tmp_path / "1.jsonl"  # committed in one group with 2.jsonl
    first.write_text(work("10.1/a", "Quokka burrows", "2020") + "\n", encoding="utf-8")
    second = tmp_path / "2.jsonl"  # replaces 10.1/a in the same, uncommitted group
    second.write_text(work("10.1/a", "Wombat burrows", "2021") + "\n", encoding="utf-8")
    third = tmp_path / "3.jsonl"  # stores a work, replaces 10.1/a, then fails
    third.write_text("\n".join([work("10.1/b", "Numbat termites", "2020"),
                                work("10.1/a", "Bilby burrows", "2022")]) + "\n",
                     encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(build, "BATCH", 1)
    real = build.put_rows

    def failing(con: sqlite3.Connection, rows: list[object]) -> int:
        stored = real(con, rows)  # type: ignore[arg-type]
        if rows[0][0] == "10.1/a" and rows[0][2].find("Bilby") > 0:  # type: ignore[index]
            raise sqlite3.DataError("disk says no")
        return stored

    monkeypatch.setattr(build, "put_rows", failing)
    report = build_registry(tmp_path / "r.sqlite", [first, second, third])
    assert len(report.skipped) == 1 and "3.jsonl" in report.skipped[0]
    con = sqlite3.connect(tmp_path / "r.sqlite")
    con.execute("INSERT INTO works_fts (works_fts) VALUES ('integrity-check')")
    match = "SELECT rowid FROM works_fts WHERE works_fts MATCH ?"
    assert con.execute(match, ("wombat",)).fetchall() == [(1,)]
    for gone in ("quokka", "numbat", "bilby"):
        assert con.execute(match, (gone,)).fetchall() == []
    assert con.execute("SELECT doi FROM works").fetchall() == [("10.1/a",)]
    counts = dict(con.execute("SELECT term, docs FROM terms").fetchall())
    assert counts == {"wombat": 1, "burrows": 1}
