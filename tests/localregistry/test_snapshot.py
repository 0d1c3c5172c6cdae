"""Snapshot files streamed: the public data file's shape whatever its layout, JSON Lines,
and files that end early or are not JSON refused with one line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.localregistry import snapshot
from citecheck.localregistry.snapshot import SnapshotError, iter_items

WORKS = [{"DOI": f"10.5555/x.{i}", "title": [f'Title {i} \u00e9 "q" ]}}']} for i in range(7)]


def write_gz(path: Path, text: str) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(text)
    return path


@pytest.mark.parametrize("indent", [None, 1, 4])
def test_items_object_in_any_layout(tmp_path: Path, indent: int | None) -> None:
    path = write_gz(tmp_path / "a.json.gz", json.dumps({"items": WORKS}, indent=indent))
    assert list(iter_items(path)) == WORKS


def test_other_keys_before_and_after_items(tmp_path: Path) -> None:
    body = {"status": "ok", "meta": {"n": [1, 2]}, "items": WORKS, "next": None}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    assert list(iter_items(path)) == WORKS


def test_items_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "CHUNK", 7)  # every item spans several reads
    path = write_gz(tmp_path / "a.json.gz", json.dumps({"items": WORKS}))
    assert list(iter_items(path)) == WORKS


@settings(max_examples=40, deadline=None)
@given(chunk=st.integers(1, 50), items=st.lists(st.dictionaries(st.text(max_size=4),
       st.one_of(st.integers(), st.text(max_size=6), st.none())), max_size=5))  # fmt: skip
def test_any_chunk_size_reads_the_same_items(chunk: int, items: list[dict[str, object]]) -> None:
    import io

    old = snapshot.CHUNK
    snapshot.CHUNK = chunk
    try:
        got = list(snapshot._items_object(io.StringIO(json.dumps({"items": items})), Path("x")))
    finally:
        snapshot.CHUNK = old
    assert got == items


def test_json_lines(tmp_path: Path) -> None:
    path = write_gz(tmp_path / "a.jsonl.gz", "\n".join(json.dumps(w) for w in WORKS) + "\n\n")
    assert list(iter_items(path)) == WORKS


def test_truncated_gzip_is_refused(tmp_path: Path) -> None:
    whole = write_gz(tmp_path / "a.json.gz", json.dumps({"items": WORKS * 50}))
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(SnapshotError, match=r"cut\.json\.gz"):
        list(iter_items(cut))


@pytest.mark.parametrize(
    "text",
    ['{"items": [{"DOI": "10.1/a"}, {"DOI": ', '{"items": [1 2]}', "[1]", '{"items": [1]} x'],
)
def test_broken_json_is_refused(tmp_path: Path, text: str) -> None:
    path = write_gz(tmp_path / "b.json.gz", text)
    with pytest.raises(SnapshotError):
        list(iter_items(path))


def test_not_gzip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.json.gz"
    path.write_bytes(b"this is not gzip at all")
    with pytest.raises(SnapshotError, match="gzip"):
        list(iter_items(path))
