"""The local registry as a :class:`~citecheck.registry.protocol.WorksRegistry`.

Look-ups by DOI read the ``works`` table; a bibliographic search asks FTS5 for the works
holding the reference's rarest words (how rare: ``works_vocab``), then ranks those
candidates with rapidfuzz by how well title, authors and year agree with the reference —
the candidates the verifier then chooses among, as it chooses among Crossref's. Every
record carries the Retraction Watch notices held for its DOI as ``updated-by`` entries
(``source="retraction-watch"``), unless the record already lists the same notice.

Each thread opens its own read-only connection, so many threads and processes (corpus
runs, Dask workers) read one database at once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz

from citecheck.localregistry.schema import open_readonly, words
from citecheck.registry.records import Lookup, Update, WorkRecord, work_from_data
from citecheck.registry.traffic import Meter

WORDS_ASKED = 6  # the rarest words of a reference that FTS5 is asked for
CANDIDATES = 40  # FTS5 candidates ranked by rapidfuzz
BATCH = 500  # DOIs per IN (…) query
NOT_HELD = "not in the local registry"
LOCAL = "local"  # the service name answers are counted under


class SqliteRegistry:
    """Crossref records and Retraction Watch notices from a database built by
    :func:`citecheck.localregistry.build.build_registry`. Raises
    :class:`~citecheck.localregistry.schema.RegistryDatabaseError` when it cannot be opened."""

    def __init__(self, path: str | Path, meter: Meter | None = None) -> None:
        self.path = Path(path)
        self.meter = meter  # counts the questions answered from here, as service "local"
        self._local = threading.local()
        con = self._con()
        self._has_notices = con.execute("SELECT 1 FROM notices LIMIT 1").fetchone() is not None

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = open_readonly(self.path)
            self._local.con = con
        return con

    def _answered(self, count: int = 1) -> None:
        if self.meter is not None:
            for _ in range(count):
                self.meter.sent(LOCAL)

    @property
    def label(self) -> str:
        return f"local registry {self.path.name}"

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        try:
            row = (
                self._con()
                .execute("SELECT record FROM works WHERE doi = ?", (doi.strip().lower(),))
                .fetchone()
            )
            if row is None:
                return Lookup.not_found(f"{self.label}: {NOT_HELD}")
            work = self._record(row[0])
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            return Lookup.unavailable(f"{self.label} could not be read: {exc}")
        self._answered()
        return Lookup.found(work)

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        wanted: dict[str, list[str]] = {}
        for doi in dict.fromkeys(dois):
            wanted.setdefault(doi.strip().lower(), []).append(doi)
        keys = list(wanted)
        found: dict[str, WorkRecord] = {}
        try:
            for start in range(0, len(keys), BATCH):
                chunk = keys[start : start + BATCH]
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT doi, record FROM works WHERE doi IN ({marks})"
                for key, text in self._con().execute(sql, chunk):
                    work = self._record(text)
                    for asked in wanted[key]:
                        found[asked] = work
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            pass  # the rest are asked one by one
        self._answered(len({w.doi for w in found.values()}))
        return found

    def doi_agency(self, doi: str) -> Lookup[str]:
        try:
            sql = "SELECT 1 FROM works WHERE doi = ?"
            held = self._con().execute(sql, (doi.strip().lower(),)).fetchone() is not None
        except sqlite3.Error as exc:
            return Lookup.unavailable(f"{self.label} could not be read: {exc}")
        if held:
            return Lookup.found("crossref")
        return Lookup.unavailable(
            f"the {self.label} holds Crossref's records only: which agency registered it "
            "cannot be told offline"
        )

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        try:
            candidates = self._candidates(text)
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            return Lookup.unavailable(f"{self.label} could not be searched: {exc}")
        ranked = rank_candidates(text, candidates)[:rows]
        self._answered()
        return Lookup.found(tuple(ranked)) if ranked else Lookup.not_found("no candidates")

    def _candidates(self, text: str) -> list[WorkRecord]:
        asked = list(dict.fromkeys(w for w in words(text) if len(w) > 1))[:200]
        if not asked:
            return []
        con = self._con()
        marks = ",".join("?" * len(asked))
        counts = con.execute(
            f"SELECT term, doc FROM works_vocab WHERE term IN ({marks})", asked
        ).fetchall()
        rare = [term for term, _ in sorted(counts, key=lambda tc: (tc[1], tc[0]))][:WORDS_ASKED]
        if not rare:
            return []
        query = " OR ".join(f'"{term}"' for term in rare)
        sql = (
            "SELECT w.record FROM works_fts f JOIN works w ON w.id = f.rowid "
            "WHERE works_fts MATCH ? ORDER BY f.rank LIMIT ?"
        )
        return [self._record(r[0]) for r in con.execute(sql, (query, CANDIDATES))]

    def _record(self, text: str) -> WorkRecord:
        work = work_from_data(json.loads(text))
        return self._with_notices(work) if self._has_notices else work

    def _with_notices(self, work: WorkRecord) -> WorkRecord:
        rows = (
            self._con()
            .execute(
                "SELECT notice_doi, type, label, date FROM notices WHERE original_doi = ? "
                "ORDER BY date, record_id",
                (work.doi.lower(),),
            )
            .fetchall()
        )
        if not rows:
            return work
        held = {(u.doi.lower(), u.type) for u in work.updates}
        extra = []
        for notice_doi, kind, label, date in rows:
            if (notice_doi.lower(), kind) not in held:
                held.add((notice_doi.lower(), kind))
                extra.append(Update(notice_doi, kind, label, "retraction-watch", date))
        return replace(work, updates=work.updates + tuple(extra)) if extra else work


def rank_candidates(text: str, candidates: Sequence[WorkRecord]) -> list[WorkRecord]:
    """The candidates best first by rapidfuzz agreement with the reference ``text`` (title
    found in it, authors' family names and year in it), each with that ``score``."""
    plain = " ".join(words(text))
    present = set(plain.split())
    scored = []
    for order, work in enumerate(candidates):
        title = " ".join(words(" ".join((work.title, *work.subtitles))))
        score = 0.6 * fuzz.partial_ratio(title, plain) if title else 0.0
        families = [w for a in work.authors[:3] for w in words(a.family)[-1:]]
        if families:
            score += 25.0 * sum(f in present for f in families) / len(families)
        if any(str(y) in present for y in work.years):
            score += 10.0
        for value in (work.volume, work.page):
            if value and all(w in present for w in words(value)):
                score += 2.5
        scored.append((-round(score, 3), order, replace(work, score=round(score, 3))))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [work for _, _, work in scored]
