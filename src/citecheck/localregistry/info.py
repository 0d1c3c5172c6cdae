"""What a registry database holds, for ``citecheck registry info``: its layout, how many
works, notices and PubMed records, the files ingested, and whether its last build finished.
Read-only; a database whose build did not finish is described (readers refuse it)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from citecheck.localregistry.index import terms_stale
from citecheck.localregistry.schema import SCHEMA_VERSION, RegistryDatabaseError


@dataclass(frozen=True)
class SourceFiles:
    kind: str  # "crossref", "retraction-watch", "pubmed"
    files: int
    records: int


@dataclass(frozen=True)
class RegistryInfo:
    path: str
    schema: str
    size_bytes: int
    works: int
    words: int
    notices: int
    pubmed: int
    sources: tuple[SourceFiles, ...]
    finished: bool  # False: a build was interrupted (or is running)

    def as_dict(self) -> dict[str, object]:
        data = dict(vars(self))
        data["sources"] = [vars(s) for s in self.sources]
        return data


def describe(path: str | Path) -> RegistryInfo:
    """The contents of registry ``path``. Raises :class:`RegistryDatabaseError` (one line)
    when it is missing, not SQLite, not a registry, or of another layout."""
    p = Path(path)
    if not p.is_file():
        raise RegistryDatabaseError(f"{p}: no such registry database")
    try:
        con = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise RegistryDatabaseError(f"{p}: cannot open ({exc})") from exc
    try:
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master")}
        if "meta" not in tables:
            raise RegistryDatabaseError(f"{p}: not a registry database")
        row = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        schema = row[0] if row else "none"
        if schema != str(SCHEMA_VERSION):
            raise RegistryDatabaseError(
                f"{p}: registry schema {schema}, this citecheck reads {SCHEMA_VERSION}: rebuild it"
            )
        sources = tuple(
            SourceFiles(kind, files, records or 0)
            for kind, files, records in con.execute(
                "SELECT kind, count(*), sum(records) FROM sources GROUP BY kind ORDER BY kind"
            )
        )
        return RegistryInfo(
            path=str(p),
            schema=schema,
            size_bytes=p.stat().st_size,
            works=_count(con, "works"),
            words=_count(con, "terms"),
            notices=_count(con, "notices"),
            pubmed=_count(con, "pubmed"),
            sources=sources,
            finished=not terms_stale(con),
        )
    except sqlite3.DatabaseError as exc:
        raise RegistryDatabaseError(f"{p}: not a registry database ({exc})") from exc
    finally:
        con.close()


def _count(con: sqlite3.Connection, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def info_lines(info: RegistryInfo) -> list[str]:
    """The description as lines of text."""
    lines = [
        f"{info.path}: citecheck registry, schema {info.schema}, {info.size_bytes / 1e6:,.1f} MB",
        f"works: {info.works:,} ({info.words:,} distinct words indexed)",
        f"retraction/correction notices: {info.notices:,}",
        f"PubMed records: {info.pubmed:,}",
    ]
    for s in info.sources:
        lines.append(f"ingested: {s.files:,} {s.kind} files, {s.records:,} records")
    if not info.finished:
        lines.append(
            "build: not finished (interrupted, or still running) — run the same "
            "'citecheck registry build' again; checks refuse the database until then"
        )
    return lines
