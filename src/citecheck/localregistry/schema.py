"""The local registry's tables, how a database is opened, and the words it is searched by.

``works`` holds one row per DOI (lower-cased): the record as the compact JSON of
:func:`~citecheck.registry.records.work_to_data`, the date Crossref last indexed it (a
newer record replaces an older one) and the four search columns. ``works_fts`` (FTS5, its
content read from ``works``: the text is stored once) indexes the words a reference is
searched by; ``terms`` how many works hold each word, read from FTS5's own index at the end
of a build (``meta`` key ``terms`` is ``stale`` from the first work a build stores until
then). ``notices`` holds the Retraction Watch entries by the original's DOI; ``pubmed``
PubMed's records by PMID (with the DOI, lower-cased, that joins them to the works);
``sources`` the files already ingested.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from pathlib import Path

from citecheck.errors import CitecheckError
from citecheck.localregistry.index import terms_stale

SCHEMA_VERSION = 3
# SQLite's page cache while building, at most (used as pages are read): the DOI index takes
# DOIs in random order, about 35 MB of it per million works, so 1 GiB keeps the index of
# some 25 million works in memory
BUILD_CACHE_KB = 1 << 20

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS works (
    id INTEGER PRIMARY KEY,
    doi TEXT NOT NULL UNIQUE,
    indexed TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    authors TEXT NOT NULL DEFAULT '',
    container TEXT NOT NULL DEFAULT '',
    numbers TEXT NOT NULL DEFAULT ''
);
CREATE VIRTUAL TABLE IF NOT EXISTS works_fts USING fts5(
    title, authors, container, numbers, content = 'works', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS notices (
    record_id TEXT PRIMARY KEY,
    original_doi TEXT NOT NULL,
    original_pmid TEXT NOT NULL DEFAULT '',
    notice_doi TEXT NOT NULL,
    type TEXT NOT NULL,
    label TEXT NOT NULL,
    date TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS notices_by_doi ON notices (original_doi);
CREATE TABLE IF NOT EXISTS pubmed (
    pmid TEXT PRIMARY KEY,
    doi TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pubmed_by_doi ON pubmed (doi);
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    kind TEXT NOT NULL,
    records INTEGER NOT NULL
);
"""


class RegistryDatabaseError(CitecheckError):
    """The local registry cannot be opened or is not a citecheck registry."""


def create(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) a registry database for writing. A rollback journal, not
    WAL: a bulk build mostly appends pages, which a rollback journal does not copy (WAL
    writes each page twice); a crash is rolled back to the last commit all the same."""
    con = None
    try:
        con = sqlite3.connect(str(path), isolation_level=None)
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master")}
        if tables and "meta" not in tables:  # another program's database: left as it is
            raise RegistryDatabaseError(f"{path}: not a registry database (left as it is)")
        if tables:  # a registry of another layout is refused before anything is written
            _check_version(con, path, create=False)
        con.execute("PRAGMA journal_mode = TRUNCATE")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KB}")
        con.executescript(SCHEMA)
        _check_version(con, path, create=True)
    except (sqlite3.DatabaseError, RegistryDatabaseError) as exc:
        if con is not None:
            con.close()
        if isinstance(exc, RegistryDatabaseError):
            raise
        raise RegistryDatabaseError(f"{path}: not a registry database ({exc})") from exc
    return con


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open a registry database read-only (many processes may read it at once)."""
    p = Path(path)
    if not p.is_file():
        raise RegistryDatabaseError(
            f"{p}: no such registry database (build one with 'citecheck registry build')"
        )
    try:
        con = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        _check_version(con, p, create=False)
        if terms_stale(con):
            con.close()
            raise RegistryDatabaseError(
                f"{p}: its build did not finish (interrupted, or still running): run the same "
                "'citecheck registry build' again to finish it"
            )
    except sqlite3.DatabaseError as exc:
        raise RegistryDatabaseError(f"{p}: not a registry database ({exc})") from exc
    return con


def _check_version(con: sqlite3.Connection, path: str | Path, *, create: bool) -> None:
    row = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None and create:
        con.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        return
    if row is None or row[0] != str(SCHEMA_VERSION):
        found = row[0] if row else "none"
        raise RegistryDatabaseError(
            f"{path}: registry schema {found}, this citecheck reads {SCHEMA_VERSION}: rebuild it"
        )


_WORD = re.compile(r"[^\W_]+")
# ASCII letters and digits lower-cased, anything else a space: words() of ASCII text by
# str.translate and split, a third faster than the regular expression
_ASCII_WORDS = {c: chr(c).lower() if chr(c).isalnum() else " " for c in range(128)}


def words(text: str) -> list[str]:
    """The words of ``text`` as FTS5's ``unicode61 remove_diacritics 2`` tokenizer reads
    them: lower case, accents removed, split at anything not a letter or digit."""
    if text.isascii():
        return text.translate(_ASCII_WORDS).split()
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _WORD.findall(plain)
