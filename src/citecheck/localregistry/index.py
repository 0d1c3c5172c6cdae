"""The works' search index while a build writes: FTS5 fed from the ``works`` table, and the
``terms`` counts read back from it at the end.

``works_fts`` takes its text from ``works`` (external content), so SQLite keeps the index
and the table in step only as it is told: new works are indexed by one ``INSERT … SELECT``
over their ids; a replaced work is taken out of the index with its old text (FTS5's
``'delete'``) before the row changes, and indexed again after. Every statement runs in the
builder's transaction, so a savepoint rolled back, or a crash, undoes index and table alike.

From the first work a build stores, ``meta`` says ``terms`` = ``stale``; :func:`finish`
merges the index into one segment and counts the works holding each word from the index
itself (``fts5vocab``), then clears the mark. A database left marked — its build
interrupted, or still running — is refused by readers (:func:`terms_stale`), since its
searches would rank words by counts that are not there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

COLUMNS = "title, authors, container, numbers"
WORKS_UPDATE = (
    "UPDATE works SET indexed = ?, record = ?, title = ?, authors = ?, container = ?, "
    "numbers = ? WHERE id = ?"
)
IDS = "SELECT value FROM json_each(?)"  # a list of ids given as one JSON array
FTS_INDEX_RANGE = (
    f"INSERT INTO works_fts (rowid, {COLUMNS}) SELECT id, {COLUMNS} FROM works "
    "WHERE id BETWEEN ? AND ?"
)
FTS_INDEX_IDS = (
    f"INSERT INTO works_fts (rowid, {COLUMNS}) SELECT id, {COLUMNS} FROM works "
    f"WHERE id IN ({IDS}) ORDER BY id"
)
FTS_FORGET_IDS = (
    f"INSERT INTO works_fts (works_fts, rowid, {COLUMNS}) "
    f"SELECT 'delete', id, {COLUMNS} FROM works WHERE id IN ({IDS}) ORDER BY id"
)
FTS_AUTOMERGE = "INSERT INTO works_fts (works_fts, rank) VALUES ('automerge', ?)"
AUTOMERGE = 4  # FTS5's default, for whoever writes the database next
STALE = "SELECT 1 FROM meta WHERE key = 'terms' AND value = 'stale'"


def index_new(con: sqlite3.Connection, first: int, last: int) -> None:
    """Index the works with ids ``first`` to ``last`` (just inserted) and mark the counts
    stale."""
    con.execute(FTS_INDEX_RANGE, (first, last))
    mark_stale(con)


def replace(con: sqlite3.Connection, rows: Sequence[tuple[int, tuple[object, ...]]]) -> None:
    """Replace works in place: ``rows`` of (id, (indexed, record, title, authors, container,
    numbers)); their old words leave the index, their new ones enter it — three statements
    whatever their number."""
    if not rows:
        return
    ids = json.dumps([rowid for rowid, _ in rows])
    con.execute(FTS_FORGET_IDS, (ids,))
    con.executemany(WORKS_UPDATE, [(*values, rowid) for rowid, values in rows])
    con.execute(FTS_INDEX_IDS, (ids,))
    mark_stale(con)


def mark_stale(con: sqlite3.Connection) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES ('terms', 'stale')")


def terms_stale(con: sqlite3.Connection) -> bool:
    """Whether works were stored since the words were last counted (a build not finished)."""
    return con.execute(STALE).fetchone() is not None


def finish(con: sqlite3.Connection) -> None:
    """After a build's last commit: when works were stored since the words were last
    counted (this build, or one interrupted before it), the index merged into one segment
    (``optimize``: each word then one b-tree probe) and ``terms`` counted afresh from it,
    in one transaction; automerge restored for whoever writes next."""
    if terms_stale(con):
        con.execute("INSERT INTO works_fts (works_fts) VALUES ('optimize')")
        con.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, works_fts, row)")
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute("DELETE FROM terms")
            con.execute("INSERT INTO terms SELECT term, doc FROM temp.vocab")
            con.execute("DELETE FROM meta WHERE key = 'terms'")
            con.execute("COMMIT")
        finally:
            if con.in_transaction:
                con.execute("ROLLBACK")
            con.execute("DROP TABLE temp.vocab")
    con.execute(FTS_AUTOMERGE, (AUTOMERGE,))
