"""Building a local registry from snapshot files, one SQLite transaction per file.

A file is ingested whole or not at all: a file that turns out truncated or corrupt halfway
is rolled back and reported (:attr:`BuildReport.skipped`), and the build goes on with the
next one. A file already ingested (same path, size and modification time) is passed over,
so an interrupted build resumes where it stopped. A record whose DOI is already held
replaces it when it is at least as recent (Crossref's ``indexed`` date), so adding a newer
snapshot updates the database in place.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.errors import CitecheckError
from citecheck.localregistry.retractions import Notice, read_notices
from citecheck.localregistry.schema import create, words
from citecheck.localregistry.snapshot import iter_items
from citecheck.registry.crossref_work import MalformedRecord, work_from_message
from citecheck.registry.records import WorkRecord, work_to_data

SUFFIXES = (".json", ".json.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".csv")
PROGRESS_EVERY = 5000  # records between progress calls


@dataclass(frozen=True)
class Progress:
    """How far the build is: records and notices so far, seconds, the file being read."""

    records: int
    notices: int
    seconds: float
    path: str

    @property
    def rate(self) -> float:
        return (self.records + self.notices) / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class BuildReport:
    files: int = 0  # ingested now
    unchanged: int = 0  # already ingested, passed over
    records: int = 0
    malformed: int = 0  # records left out (no DOI, wrong shape)
    notices: int = 0
    seconds: float = 0.0
    skipped: tuple[str, ...] = ()  # one line per file that could not be ingested

    @property
    def rate(self) -> float:
        return (self.records + self.notices) / self.seconds if self.seconds > 0 else 0.0


def snapshot_files(sources: Iterable[str | Path]) -> list[Path]:
    """The files to ingest: each file named, and the snapshot files under each directory
    (sorted, so that a resumed build goes in the same order)."""
    out: list[Path] = []
    for source in sources:
        p = Path(source)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and _wanted(f)))
        else:
            out.append(p)
    return out


def _wanted(p: Path) -> bool:
    return p.name.lower().endswith(SUFFIXES)


def build_registry(
    database: str | Path,
    sources: Iterable[str | Path],
    progress: Callable[[Progress], None] | None = None,
) -> BuildReport:
    """Ingest ``sources`` (files or directories) into ``database`` (created if needed)."""
    con = create(database)
    started = time.perf_counter()
    totals = {"files": 0, "unchanged": 0, "records": 0, "malformed": 0, "notices": 0}
    skipped: list[str] = []
    try:
        for path in snapshot_files(sources):
            stamp = _stamp(path)
            if stamp is None:
                skipped.append(f"{path}: no such file")
                continue
            if _already(con, path, stamp):
                totals["unchanged"] += 1
                continue

            def tick(records: int, notices: int, p: Path = path) -> None:
                if progress is not None:
                    n, m = totals["records"] + records, totals["notices"] + notices
                    progress(Progress(n, m, time.perf_counter() - started, str(p)))

            try:
                counts = _ingest_file(con, path, stamp, tick)
            except (CitecheckError, sqlite3.DataError, UnicodeError, csv.Error, OSError) as exc:
                skipped.append(f"{path}: {' '.join(str(exc).split())[:300]} (not ingested)")
                continue
            totals["files"] += 1
            for key, value in counts.items():
                totals[key] += value
            tick(0, 0)
        con.execute("PRAGMA journal_mode = DELETE")  # readers then need no -wal/-shm files
    finally:
        con.close()
    return BuildReport(**totals, seconds=time.perf_counter() - started, skipped=tuple(skipped))


def _stamp(path: Path) -> tuple[int, float] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime


def _already(con: sqlite3.Connection, path: Path, stamp: tuple[int, float]) -> bool:
    row = con.execute(
        "SELECT size, mtime FROM sources WHERE path = ?", (str(path.resolve()),)
    ).fetchone()
    return row is not None and (row[0], row[1]) == stamp


def _ingest_file(
    con: sqlite3.Connection,
    path: Path,
    stamp: tuple[int, float],
    tick: Callable[[int, int], None],
) -> dict[str, int]:
    """One file in one transaction: all of it, or (on any error) nothing."""
    con.execute("BEGIN")
    try:
        if path.name.lower().endswith(".csv"):
            counts = {"notices": _ingest_notices(con, path, tick)}
            kind = "retraction-watch"
        else:
            counts = _ingest_works(con, iter_items(path), tick)
            kind = "crossref"
        records = counts.get("records", 0) + counts.get("notices", 0)
        con.execute(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
            (str(path.resolve()), stamp[0], stamp[1], kind, records),
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


def _ingest_works(
    con: sqlite3.Connection, items: Iterator[Any], tick: Callable[[int, int], None]
) -> dict[str, int]:
    records = malformed = 0
    terms: Counter[str] = Counter()
    for item in items:
        try:
            work = work_from_message(item)
        except MalformedRecord:
            malformed += 1
            continue
        columns = put_work(con, work, _indexed(item))
        if columns is not None:
            records += 1
            terms.update(set(words(" ".join(columns))))
            if records % PROGRESS_EVERY == 0:
                tick(records, 0)
    con.executemany(
        "INSERT INTO terms VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
        terms.items(),
    )
    return {"records": records, "malformed": malformed}


def _indexed(item: Mapping[str, Any]) -> str:
    for name in ("indexed", "deposited"):
        date = item.get(name)
        if isinstance(date, Mapping) and isinstance(date.get("date-time"), str):
            return str(date["date-time"])
    return ""


def put_work(
    con: sqlite3.Connection, work: WorkRecord, indexed: str = ""
) -> tuple[str, str, str, str] | None:
    """Store ``work`` unless a more recent record of its DOI is held; the search columns
    it was stored with, or None when it was not. (A new
    DOI is only inserted: deleting from FTS5 between inserts would flush its pending terms
    at every record.)"""
    doi, text = work.doi.lower(), record_json(work)
    held = con.execute("SELECT id, indexed FROM works WHERE doi = ?", (doi,)).fetchone()
    if held is None:
        rowid = con.execute(
            "INSERT INTO works (doi, indexed, record) VALUES (?, ?, ?)", (doi, indexed, text)
        ).lastrowid
    elif indexed >= held[1]:
        rowid = held[0]
        con.execute("UPDATE works SET indexed = ?, record = ? WHERE id = ?", (indexed, text, rowid))
        con.execute("DELETE FROM works_fts WHERE rowid = ?", (rowid,))
    else:
        return None
    columns = search_columns(work)
    con.execute("INSERT INTO works_fts (rowid, title, authors, container, numbers) "
                "VALUES (?, ?, ?, ?, ?)", (rowid, *columns))  # fmt: skip
    return columns


def record_json(work: WorkRecord) -> str:
    """The record as compact JSON: empty fields and the search score left out."""
    data = {k: v for k, v in work_to_data(work).items() if v not in (None, "", [])}
    data.pop("score", None)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def search_columns(work: WorkRecord) -> tuple[str, str, str, str]:
    """What FTS5 holds of a work: the title (with subtitles), the authors' family names
    (``;`` apart), the journal names, and the years then ``|`` then volume, issue, pages —
    searched by FTS5 and read back to rank the candidates without decoding records."""
    title = " ".join((work.title, *work.subtitles))
    authors = "; ".join(a.family for a in work.authors)
    container = " ".join((*work.container_titles, *work.short_container_titles))
    years = " ".join(str(y) for y in work.years)
    numbers = " ".join(x for x in (work.volume, work.issue, work.page, work.article_number) if x)
    return title, authors, container, f"{years} | {numbers}"


def _ingest_notices(con: sqlite3.Connection, path: Path, tick: Callable[[int, int], None]) -> int:
    count = 0
    with path.open("r", encoding="utf-8-sig", newline="") as raw:
        for notice in read_notices(raw, str(path)):
            put_notice(con, notice)
            count += 1
            if count % PROGRESS_EVERY == 0:
                tick(0, count)
    return count


def put_notice(con: sqlite3.Connection, n: Notice) -> None:
    con.execute(
        "INSERT OR REPLACE INTO notices VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (n.record_id, n.original_doi, n.original_pmid, n.notice_doi, n.type, n.label, n.date,
         n.reason),
    )  # fmt: skip
