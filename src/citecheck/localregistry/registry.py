"""The local registry as a :class:`~citecheck.registry.protocol.WorksRegistry`.

Look-ups by DOI read the ``works`` table; a bibliographic search asks FTS5 for the works
holding the reference's rarest words (how rare: the ``terms`` table), ranks those
candidates with rapidfuzz by how well title, authors and year agree with the reference,
and decodes the best few — the candidates the verifier then chooses among, as it chooses
among Crossref's. Every
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
from itertools import accumulate, combinations
from pathlib import Path

from rapidfuzz import fuzz

from citecheck.localregistry.fastjson import load_record
from citecheck.localregistry.schema import open_readonly, words
from citecheck.registry.ecitmatch import CitationQuery
from citecheck.registry.records import (
    Abstract,
    Lookup,
    PubmedRecord,
    Update,
    WorkRecord,
    pubmed_from_data,
)
from citecheck.registry.traffic import Meter

WORDS_ASKED = 4  # the rarest words of a reference that FTS5 is asked for, two at a time
SETTLED = 80.0  # a candidate agreeing this well (rank_hits) ends the search at one pair
BUDGET = 100  # works the rarest words may hold together to be asked one by one
CANDIDATES = 30  # FTS5 candidates, by bm25
FUZZY = 10  # of those, the ones sharing most title words, ranked with rapidfuzz
BATCH = 500  # DOIs per IN (…) query
KEPT_COUNTS = 200_000  # words whose counts a registry keeps once read
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
        self._docs: dict[str, int] = {}  # how many works hold a word (0: none), as read
        con = self._con()
        self._has_notices = con.execute("SELECT 1 FROM notices LIMIT 1").fetchone() is not None
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master")}
        self.has_pubmed = "pubmed" in tables and _any(con, "SELECT 1 FROM pubmed LIMIT 1")

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

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        """PubMed's records of ``pmids`` held here (from PubMed's baseline and update
        files); a PMID not held is *unavailable*: the files ingested may be a part of
        PubMed, so its absence here says nothing of its existence (never PMID001)."""
        if not self.has_pubmed:
            why = f"the {self.label} holds no PubMed records"
            return {p: Lookup.unavailable(why) for p in pmids}
        out: dict[str, Lookup[PubmedRecord]] = {}
        try:
            for pmid in dict.fromkeys(pmids):
                row = self._con().execute("SELECT record FROM pubmed WHERE pmid = ?", (pmid,))
                found = row.fetchone()
                out[pmid] = (
                    Lookup.found(pubmed_from_data(json.loads(found[0])))
                    if found
                    else Lookup.unavailable(f"PMID {pmid} {NOT_HELD}")
                )
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            return {p: Lookup.unavailable(f"{self.label} could not be read: {exc}") for p in pmids}
        self._answered(sum(x.is_found for x in out.values()))
        return out

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        """The PMID of the PubMed record with this DOI (the join of PubMed's records to
        Crossref's), when PubMed files were ingested."""
        if not self.has_pubmed:
            return Lookup.unavailable(f"the {self.label} holds no PubMed records")
        try:
            sql = "SELECT pmid FROM pubmed WHERE doi = ? ORDER BY pmid LIMIT 1"
            row = self._con().execute(sql, (doi.strip().lower(),)).fetchone()
        except sqlite3.Error as exc:
            return Lookup.unavailable(f"{self.label} could not be read: {exc}")
        if row is None:
            return Lookup.not_found(f"{self.label}: no PubMed record with this DOI")
        self._answered()
        return Lookup.found(str(row[0]))

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        return Lookup.unavailable(f"the {self.label} holds no abstracts")

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> dict[CitationQuery, Lookup[str]]:
        why = f"the {self.label} has no citation matcher"
        return {q: Lookup.unavailable(why) for q in queries}

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        try:
            found = self._search(text, rows)
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            return Lookup.unavailable(f"{self.label} could not be searched: {exc}")
        self._answered()
        return Lookup.found(tuple(found)) if found else Lookup.not_found("no candidates")

    def _search(self, text: str, rows: int) -> list[WorkRecord]:
        best = self._ranked(text)[:rows]
        if not best:
            return []
        marks = ",".join("?" * len(best))
        sql = f"SELECT id, record FROM works WHERE id IN ({marks})"
        records = dict(self._con().execute(sql, [rowid for rowid, _ in best]).fetchall())
        return [
            replace(self._record(records[rowid]), score=score)
            for rowid, score in best
            if rowid in records
        ]

    def _ranked(self, text: str) -> list[tuple[int, float]]:
        """FTS5's candidates for a reference, ranked (:func:`rank_hits`): the works holding
        its two rarest words; when none does, or none agrees well with the reference
        (:data:`SETTLED`), also the works holding two of its :data:`WORDS_ASKED` rarest,
        by bm25; when still none, the works holding any of the rarest words that hold
        :data:`BUDGET` works at most together. (A reference with fewer than three words
        the registry knows: the works holding any.) Asking for pairs keeps FTS5 to the
        short doclists of rare words and a handful of works to rank, whatever the
        registry's size."""
        counted = self._rare_words(text)
        rare, counts = [t for t, _ in counted], [n for _, n in counted]
        if len(rare) < 3:
            query = " OR ".join(f'"{t}"' for t in rare)
            return rank_hits(text, self._match(query, ranked=True)) if rare else []
        hits = self._match(_pairs([(rare[0], rare[1])]), ranked=False)
        ranked = rank_hits(text, hits)
        if ranked and ranked[0][1] >= SETTLED:
            return ranked
        seen = {h[0] for h in hits}
        more = _any_pair_but_the_first(rare)
        hits += [h for h in self._match(more, ranked=True) if h[0] not in seen]
        few = [t for t, total in zip(rare, accumulate(counts), strict=True) if total <= BUDGET]
        if not hits and few:
            hits = self._match(" OR ".join(f'"{t}"' for t in few), ranked=True)
        return rank_hits(text, hits)

    def _match(self, query: str, *, ranked: bool) -> list[tuple[int, str, str, str]]:
        """The works FTS5 finds for ``query``, at most :data:`CANDIDATES`: the best by bm25
        when ``ranked`` (a few milliseconds more when many match), else any."""
        sql = "SELECT rowid, title, authors, numbers FROM works_fts WHERE works_fts MATCH ? "
        sql += "ORDER BY rank LIMIT ?" if ranked else "LIMIT ?"
        return self._con().execute(sql, (query, CANDIDATES)).fetchall()

    def _rare_words(self, text: str) -> list[tuple[str, int]]:
        """The reference's :data:`WORDS_ASKED` rarest words that some work holds, rarest
        first (how rare: the ``terms`` table; counts kept for the words asked before, up
        to :data:`KEPT_COUNTS` — the database does not change while it is read)."""
        asked = list(dict.fromkeys(w for w in words(text) if len(w) > 1))[:200]
        docs = {w: self._docs.get(w) for w in asked}
        new = [w for w, n in docs.items() if n is None]
        if new:
            marks = ",".join("?" * len(new))
            sql = f"SELECT term, docs FROM terms WHERE term IN ({marks})"
            read = dict.fromkeys(new, 0)  # 0: no work holds it
            read.update(self._con().execute(sql, new).fetchall())
            if len(self._docs) + len(read) > KEPT_COUNTS:
                self._docs.clear()
            self._docs.update(read)
            docs.update(read)
        counts = sorted((n, w) for w, n in docs.items() if n)
        return [(w, n) for n, w in counts[:WORDS_ASKED]]

    def _record(self, text: str) -> WorkRecord:
        work = load_record(text)
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


def _any(con: sqlite3.Connection, sql: str) -> bool:
    return con.execute(sql).fetchone() is not None


def _any_pair_but_the_first(rare: Sequence[str]) -> str:
    """The FTS5 query for the works holding two of ``rare`` other than its first two:
    (first or second) and (any of the rest), or two of the rest — each word's doclist
    read once or twice, not once per pair."""
    first, rest = _either(rare[:2]), _either(rare[2:])
    query = f"({first}) AND ({rest})"
    return f"({query}) OR {_pairs(list(combinations(rare[2:], 2)))}" if len(rare) > 3 else query


def _either(terms: Sequence[str]) -> str:
    return " OR ".join(f'"{t}"' for t in terms)


def _pairs(pairs: Sequence[tuple[str, str]]) -> str:
    return " OR ".join(f'("{a}" AND "{b}")' for a, b in pairs)


def rank_hits(text: str, hits: Sequence[tuple[int, str, str, str]]) -> list[tuple[int, float]]:
    """FTS5 hits (rowid, title, family names ``;`` apart, years ``|`` numbers) best first
    by rapidfuzz agreement with the reference ``text`` — the title found in it (0-60), the
    first three authors' family names (0-25), a year (10), volume and pages (2.5 each) —
    with that score (0-100)."""
    plain = " ".join(words(text))
    present = set(plain.split())
    titles = [words(title) for _, title, _, _ in hits]
    overlap = [sum(w in present for w in t) / len(t) if t else 0.0 for t in titles]
    keep = sorted(range(len(hits)), key=lambda i: -overlap[i])[:FUZZY]
    scored = []
    for order in sorted(keep):  # rapidfuzz only for the hits sharing most title words
        rowid, _, authors, numbers = hits[order]
        title_words = " ".join(titles[order])
        score = 0.6 * fuzz.partial_ratio(title_words, plain) if title_words else 0.0
        families = [w for name in authors.split(";")[:3] for w in words(name)[-1:]]
        if families:
            score += 25.0 * sum(f in present for f in families) / len(families)
        years, _, rest = numbers.partition("|")
        if any(y in present for y in years.split()):
            score += 10.0
        for value in rest.split()[:3:2]:  # volume and pages (the issue is not counted)
            if all(w in present for w in words(value)):
                score += 2.5
        scored.append((-round(score, 3), order, rowid))
    scored.sort()
    return [(rowid, -neg) for neg, _, rowid in scored]
