"""Building a local registry from snapshot files, each file under its own savepoint.

A file is ingested whole or not at all: a file that turns out truncated or corrupt halfway
is rolled back (to its savepoint) and reported (:attr:`BuildReport.skipped`), and the build
goes on with the next one. Files are committed in groups of at least :data:`GROUP` records
(fewer commits); a crash rolls the database back to the last commit (SQLite's rollback
journal). A file already ingested (same path, size and modification time) is passed over,
so an interrupted build resumes where it stopped, at most a group of files back (until it
finishes, readers refuse the database: :mod:`.index`). A record whose DOI is already held
replaces it when it is at least as recent (Crossref's ``indexed`` date), so adding a newer
snapshot updates the database in place.

A file's works are stored in ``works`` by one ``executemany``, then indexed by FTS5 in one
``INSERT … SELECT`` (:mod:`.index`: SQLite reads and tokenizes them without a Python call
per work; FTS5 reads their text from ``works``, so it is stored once). FTS5 does not merge
its segments while works are added (``automerge`` 0: only when 16 segments of one level
pile up); at the end the index is merged into one segment (``optimize``: about 2 CPU
seconds per million works): a search then reads each word's doclist in one probe, two to
three times faster than over the many segments a bulk insert leaves. Then ``terms`` is read
from the index (FTS5's ``fts5vocab``: about a CPU second per million works), so each word's
count is what a search finds, replaced records' old words not counted.

With ``jobs`` above 1, that many worker processes read the works files
(:func:`~.ingest.read_works_file`: unzip, decode, extract) a few files ahead while this
process writes SQLite, in the files' order — the same database as with one process.
"""

from __future__ import annotations

import csv
import multiprocessing
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from citecheck.errors import CitecheckError
from citecheck.localregistry.fastjson import dump_record
from citecheck.localregistry.index import FTS_AUTOMERGE, finish, index_new, replace
from citecheck.localregistry.ingest import Row, WorksFile, read_works_file
from citecheck.localregistry.pubmed import PubmedFile, is_pubmed_file, read_pubmed_file
from citecheck.localregistry.retractions import Notice, read_notices
from citecheck.localregistry.schema import create
from citecheck.registry.records import pubmed_to_data

SUFFIXES = (".json", ".json.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".csv", ".xml",
            ".xml.gz")  # fmt: skip
BATCH = 10_000  # works stored at a time (and between progress calls): a file at once
PROGRESS_EVERY = 5000  # notices between progress calls
AHEAD = 2  # files read ahead per worker process
GROUP = 50_000  # records (and notices) stored between commits: a file at least


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
    pubmed: int = 0  # PubMed records stored (new or revised)
    deleted: int = 0  # PubMed records deleted (update files' DeleteCitation)
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


def _is_csv(p: Path) -> bool:
    return p.name.lower().endswith(".csv")


def build_registry(
    database: str | Path,
    sources: Iterable[str | Path],
    progress: Callable[[Progress], None] | None = None,
    jobs: int = 1,
) -> BuildReport:
    """Ingest ``sources`` (files or directories) into ``database`` (created if needed),
    reading works files in ``jobs`` worker processes (1: in this process)."""
    con = create(database)
    started = time.perf_counter()
    totals = dict.fromkeys(("files", "unchanged", "records", "malformed", "notices"), 0)
    totals.update(pubmed=0, deleted=0)
    skipped: list[str] = []
    todo: list[tuple[Path, tuple[int, float]]] = []
    pending = 0  # records stored since the last commit
    try:
        for path in snapshot_files(sources):
            stamp = _stamp(path)
            if stamp is None:
                skipped.append(f"{path}: no such file")
            elif _already(con, path, stamp):
                totals["unchanged"] += 1
            else:
                todo.append((path, stamp))
        con.execute(FTS_AUTOMERGE, (0,))  # segments merged once, by 'optimize' at the end
        for (path, stamp), works in zip(todo, _read_ahead([p for p, _ in todo], jobs), strict=True):

            def tick(records: int, notices: int, p: Path = path) -> None:
                if progress is not None:
                    n, m = totals["records"] + records, totals["notices"] + notices
                    progress(Progress(n, m, time.perf_counter() - started, str(p)))

            if works is not None and works.error:
                skipped.append(works.error)
                continue
            if not con.in_transaction:
                con.execute("BEGIN")
            try:
                counts = _ingest_file(con, path, stamp, works, tick)
            except (CitecheckError, sqlite3.DataError, UnicodeError, csv.Error, OSError) as exc:
                skipped.append(f"{path}: {' '.join(str(exc).split())[:300]} (not ingested)")
                continue
            totals["files"] += 1
            for key, value in counts.items():
                totals[key] += value
            pending += sum(counts.get(k, 0) for k in ("records", "notices", "pubmed"))
            if pending >= GROUP:
                _commit(con)
                pending = 0
            tick(0, 0)
        _commit(con)
        finish(con)  # the index merged, the words counted (also after an interrupted build)
        con.execute("PRAGMA journal_mode = DELETE")  # readers then need no -wal/-shm files
    finally:
        if con.in_transaction:  # interrupted: the files since the last commit are read again
            con.execute("ROLLBACK")
        con.close()
    return BuildReport(**totals, seconds=time.perf_counter() - started, skipped=tuple(skipped))


Read = WorksFile | PubmedFile | None  # what a file holds (None: a CSV the writer reads)


def read_source(path: Path) -> Read:
    """One file's works or PubMed records, read to its end (None for a CSV)."""
    if _is_csv(path):
        return None
    return read_pubmed_file(path) if is_pubmed_file(path) else read_works_file(path)


def _read_ahead(paths: Sequence[Path], jobs: int) -> Iterator[Read]:
    """Each path's works read (None for a CSV: the writer reads it), in order; with
    ``jobs`` > 1 by that many worker processes, at most :data:`AHEAD` files each ahead (a
    file no worker can take — the pool cannot start — is read here)."""
    if jobs <= 1:
        yield from (read_source(p) for p in paths)
        return
    context = multiprocessing.get_context("spawn")  # nothing of this process is inherited
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        pending: deque[Callable[[], Read]] = deque()
        for path in paths:
            pending.append(_submit(pool, path))
            if len(pending) >= jobs * AHEAD:
                yield pending.popleft()()
        while pending:
            yield pending.popleft()()


def _submit(pool: ProcessPoolExecutor, path: Path) -> Callable[[], Read]:
    if _is_csv(path):
        return lambda: None
    try:
        future = pool.submit(read_source, path)
    except (BrokenProcessPool, RuntimeError):
        return lambda: read_source(path)

    def result() -> Read:
        try:
            return future.result()
        except BrokenProcessPool:  # a worker that died: its file is read here
            return read_source(path)
        except Exception as exc:
            why = f"a reader process failed ({type(exc).__name__})"
            return WorksFile(error=f"{path}: {why} (not ingested)")

    return result


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
    works: Read,
    tick: Callable[[int, int], None],
) -> dict[str, int]:
    """One file under a savepoint of the caller's transaction: all of it, or (on any error)
    nothing."""
    con.execute("SAVEPOINT file")
    try:
        if works is None:
            counts = {"notices": _ingest_notices(con, path, tick)}
            kind = "retraction-watch"
        elif isinstance(works, PubmedFile):
            counts = put_pubmed(con, works)
            kind = "pubmed"
        else:
            counts = _store_works(con, works, tick)
            kind = "crossref"
        records = sum(counts.get(k, 0) for k in ("records", "notices", "pubmed"))
        con.execute(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
            (str(path.resolve()), stamp[0], stamp[1], kind, records),
        )
        con.execute("RELEASE file")
    except BaseException:
        con.execute("ROLLBACK TO file")
        con.execute("RELEASE file")
        raise
    return counts


def _commit(con: sqlite3.Connection) -> None:
    if con.in_transaction:
        con.execute("COMMIT")


def _store_works(
    con: sqlite3.Connection,
    works: WorksFile,
    tick: Callable[[int, int], None],
) -> dict[str, int]:
    stored = 0
    for start in range(0, len(works.rows), BATCH):
        stored += put_rows(con, works.rows[start : start + BATCH])
        tick(stored, 0)
    return {"records": stored, "malformed": works.malformed}


def put_rows(con: sqlite3.Connection, rows: Sequence[Row]) -> int:
    """Store ``rows`` (one per DOI, inside the caller's transaction): a DOI not held is
    inserted, one held is replaced when the row is at least as recent (Crossref's
    ``indexed``), and otherwise left as it is. Returns how many were stored.

    New works are inserted in one ``executemany`` with ids numbered on from the largest
    held, then given to FTS5 in one statement, in ascending rowids (FTS5 keeps its pending
    terms in memory); replaced works are updated in place (:func:`.index.replace`)."""
    held = _held(con, [r[0] for r in rows])
    fresh = [r for r in rows if r[0] not in held]
    newer = sorted((held[r[0]][0], r) for r in rows if r[0] in held and r[1] >= held[r[0]][1])
    replace(con, [(rowid, (row[1], row[2], *row[3])) for rowid, row in newer])
    start = (con.execute("SELECT max(id) FROM works").fetchone()[0] or 0) + 1
    ids = range(start, start + len(fresh))
    con.executemany(WORKS_INSERT, [(i, *r[:3], *r[3]) for i, r in zip(ids, fresh, strict=True)])
    if fresh:
        index_new(con, start, ids[-1])
    return len(newer) + len(fresh)


WORKS_INSERT = (
    "INSERT INTO works (id, doi, indexed, record, title, authors, container, numbers) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _held(con: sqlite3.Connection, dois: list[str]) -> dict[str, tuple[int, str]]:
    held: dict[str, tuple[int, str]] = {}
    for start in range(0, len(dois), 500):
        chunk = dois[start : start + 500]
        sql = f"SELECT doi, id, indexed FROM works WHERE doi IN ({','.join('?' * len(chunk))})"
        held.update((doi, (rowid, indexed)) for doi, rowid, indexed in con.execute(sql, chunk))
    return held


def put_pubmed(con: sqlite3.Connection, file: PubmedFile) -> dict[str, int]:
    """Store a PubMed file's records (a PMID held is replaced: update files revise
    records), then delete the PMIDs it withdraws."""
    con.executemany(
        "INSERT OR REPLACE INTO pubmed VALUES (?, ?, ?)",
        [(r.pmid, (r.doi or "").lower(), dump_record(pubmed_to_data(r))) for r in file.records],
    )
    deleted = 0
    for pmid in file.deleted:
        deleted += con.execute("DELETE FROM pubmed WHERE pmid = ?", (pmid,)).rowcount
    return {"pubmed": len(file.records), "deleted": deleted}


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
