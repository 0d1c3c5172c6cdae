"""The evidence lockfile: the registry answers behind every verdict, for offline replay.

``citecheck check --online --lock refs.lock.json`` records each definite answer (found or
not found; never "unavailable") in a JSON file; ``--offline --lock refs.lock.json`` answers
the same questions from it with no network, so the same verdicts come out. A question the
lockfile cannot answer (a reference edited since) is "unavailable: not in the lockfile",
which becomes NET001, never a mismatch.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from citecheck.errors import CitecheckError
from citecheck.registry.ecitmatch import CitationQuery, ask_ecitmatch
from citecheck.registry.lockcheck import (
    EntryError,
    abstract_value,
    check_abstract,
    check_pubmed,
    check_work,
    checked_lookup,
    pmid_value,
    pubmed_value,
    search_value,
    text_value,
    work_value,
)
from citecheck.registry.protocol import Registry
from citecheck.registry.records import (
    Abstract,
    Lookup,
    PubmedRecord,
    WorkRecord,
    abstract_to_data,
    pubmed_to_data,
    work_to_data,
)

LOCK_VERSION = 1  # raised only for a change an older citecheck cannot read; new keys are
# added without it (readers ignore keys they do not know)
T = TypeVar("T")


class LockfileError(CitecheckError):
    """The lockfile cannot be read or is not a citecheck lockfile."""


@dataclass(frozen=True)
class Lockfile:
    """Recorded registry answers, keyed by the question (``"work 10.x/y"``, …)."""

    entries: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    crossref_url: str = ""

    def __len__(self) -> int:
        return len(self.entries)


def work_key(doi: str) -> str:
    return f"work {doi.lower()}"


def agency_key(doi: str) -> str:
    return f"agency {doi.lower()}"


def agency_work_key(agency: str, doi: str) -> str:
    """``datacite work 10.48550/arxiv.1712.05889``: the record at another agency."""
    return f"{agency} work {doi.lower()}"


def search_key(text: str, rows: int) -> str:
    return f"search rows={rows} {' '.join(text.split())}"


def pubmed_key(pmid: str) -> str:
    return f"pubmed {pmid}"


def pmid_for_doi_key(doi: str) -> str:
    return f"pmid-for-doi {doi.lower()}"


def ecitmatch_key(query: CitationQuery) -> str:
    return f"ecitmatch {query.key}"


def pubmed_abstract_key(pmid: str) -> str:
    return f"abstract pubmed {pmid}"


def europepmc_key(doi: str | None, pmid: str | None) -> str:
    return f"abstract europepmc doi:{doi.lower()}" if doi else f"abstract europepmc pmid:{pmid}"


def _entry(lookup: Lookup[Any], value: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"status": lookup.status.value}
    if lookup.reason:
        entry["reason"] = lookup.reason
    if value is not None:
        entry["value"] = value
    return entry


class RecordingRegistry:
    """Passes questions to ``inner`` and keeps every definite answer for the lockfile."""

    def __init__(self, inner: Registry) -> None:
        self._inner = inner
        self._entries: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def _keep(self, key: str, lookup: Lookup[Any], value: Any, **extra: Any) -> None:
        if lookup.is_unavailable:
            return
        with self._lock:
            self._entries[key] = {**_entry(lookup, value), **extra}

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        lookup = self._inner.work_by_doi(doi)
        work = lookup.value
        alias = {"alias": True} if work and work.doi.lower() != doi.lower() else {}
        self._keep(work_key(doi), lookup, work_to_data(work) if work else None, **alias)
        return lookup

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        found = self._inner.works_batch(dois)
        for doi, work in found.items():
            self._keep(work_key(doi), Lookup.found(work), work_to_data(work))
        return found

    def doi_agency(self, doi: str) -> Lookup[str]:
        lookup = self._inner.doi_agency(doi)
        self._keep(agency_key(doi), lookup, lookup.value)
        return lookup

    def work_by_doi_at(self, agency: str, doi: str) -> Lookup[WorkRecord]:
        lookup = self._inner.work_by_doi_at(agency, doi)
        work = lookup.value
        self._keep(agency_work_key(agency, doi), lookup, work_to_data(work) if work else None)
        return lookup

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        lookup = self._inner.search_bibliographic(text, rows)
        value = [work_to_data(w) for w in lookup.value] if lookup.value else None
        self._keep(search_key(text, rows), lookup, value)
        return lookup

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        answers = self._inner.pubmed_summaries(pmids)
        for pmid, lookup in answers.items():
            value = pubmed_to_data(lookup.value) if lookup.value else None
            self._keep(pubmed_key(pmid), lookup, value)
        return answers

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        lookup = self._inner.pmid_for_doi(doi)
        self._keep(pmid_for_doi_key(doi), lookup, lookup.value)
        return lookup

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> dict[CitationQuery, Lookup[str]]:
        answers = ask_ecitmatch(self._inner, queries)
        for query, lookup in answers.items():
            self._keep(ecitmatch_key(query), lookup, lookup.value)
        return answers

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        lookup = self._inner.pubmed_abstract(pmid)
        value = abstract_to_data(lookup.value) if lookup.value else None
        self._keep(pubmed_abstract_key(pmid), lookup, value)
        return lookup

    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]:
        lookup = self._inner.europepmc_abstract(doi, pmid)
        value = abstract_to_data(lookup.value) if lookup.value else None
        self._keep(europepmc_key(doi, pmid), lookup, value)
        return lookup

    def lockfile(self, crossref_url: str = "") -> Lockfile:
        with self._lock:
            return Lockfile(dict(sorted(self._entries.items())), crossref_url)


REFUSED = "is refused:"  # in the reason of every answer a replay refused


class LockedRegistry:
    """Answers only from a lockfile: no network at all. Each entry is checked when it is
    replayed (:mod:`citecheck.registry.lockcheck`); one that is malformed or does not
    answer its key is refused — the question is "could not check" — and a one-line
    warning is kept in :attr:`problems` for the caller to show."""

    def __init__(self, lock: Lockfile) -> None:
        self._entries = lock.entries
        self._problems: dict[str, str] = {}
        self._lock = threading.Lock()

    @property
    def problems(self) -> tuple[str, ...]:
        """One line per refused entry, in the order they were met."""
        with self._lock:
            return tuple(self._problems.values())

    def _answer(
        self,
        key: str,
        value_of: Callable[[Any], T],
        check: Callable[[Lookup[T], Mapping[str, Any]], None] | None = None,
    ) -> Lookup[T]:
        entry = self._entries.get(key)
        if entry is None:
            return Lookup.unavailable("offline, and the lockfile has no answer for it")
        try:
            lookup = checked_lookup(entry, value_of)
            if check is not None:
                check(lookup, entry)
        except EntryError as exc:
            why = f"the lockfile's entry {key[:120]!r} {REFUSED} {exc}"
            with self._lock:
                self._problems.setdefault(key, why)
            return Lookup.unavailable(why)
        return lookup

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        return self._answer(work_key(doi), work_value, lambda lk, e: check_work(lk, doi, e))

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        out: dict[str, WorkRecord] = {}
        for doi in dois:
            lookup = self.work_by_doi(doi)
            if lookup.is_found and lookup.value is not None:
                out[doi] = lookup.value
        return out

    def doi_agency(self, doi: str) -> Lookup[str]:
        return self._answer(agency_key(doi), text_value)

    def work_by_doi_at(self, agency: str, doi: str) -> Lookup[WorkRecord]:
        return self._answer(
            agency_work_key(agency, doi), work_value, lambda lk, e: check_work(lk, doi, {}, agency)
        )

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        return self._answer(search_key(text, rows), search_value)

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        out: dict[str, Lookup[PubmedRecord]] = {}
        for pmid in pmids:

            def check(
                lookup: Lookup[PubmedRecord], _entry: Mapping[str, Any], p: str = pmid
            ) -> None:
                check_pubmed(lookup, p)

            out[pmid] = self._answer(pubmed_key(pmid), pubmed_value, check)
        return out

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        return self._answer(pmid_for_doi_key(doi), pmid_value)

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> dict[CitationQuery, Lookup[str]]:
        return {q: self._answer(ecitmatch_key(q), pmid_value) for q in queries}

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        return self._answer(
            pubmed_abstract_key(pmid),
            abstract_value,
            lambda lk, e: check_abstract(lk, "pubmed", pmid),
        )

    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]:
        ident = doi or str(pmid)
        return self._answer(
            europepmc_key(doi, pmid),
            abstract_value,
            lambda lk, e: check_abstract(lk, "europepmc", ident),
        )


def lockfile_to_json(lock: Lockfile) -> str:
    body = {
        "citecheck-lockfile": LOCK_VERSION,
        "crossref_url": lock.crossref_url,
        "entries": dict(sorted(lock.entries.items())),
    }
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


MAX_LOCKFILE_BYTES = 256 * 1024 * 1024


def lockfile_from_json(text: str, source: str = "<lockfile>") -> Lockfile:
    """A lockfile's entries, unchecked (each is checked when replayed). Raises
    :class:`LockfileError` when the file as a whole is not a lockfile this version reads;
    keys it does not know are ignored."""
    try:
        body = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise LockfileError(f"{source}: not valid JSON ({_one_line(exc)})") from exc
    version = body.get("citecheck-lockfile") if isinstance(body, dict) else None
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise LockfileError(f"{source}: not a citecheck lockfile (version {LOCK_VERSION})")
    if version > LOCK_VERSION:
        raise LockfileError(
            f"{source}: written by a newer citecheck (lockfile version {version}; this one "
            f"reads version {LOCK_VERSION}): upgrade citecheck or record the lockfile again"
        )
    entries = body.get("entries")
    if not isinstance(entries, dict):
        raise LockfileError(f"{source}: no entries")
    url = body.get("crossref_url", "")
    return Lockfile(entries, url if isinstance(url, str) else "")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def read_lockfile(path: str | os.PathLike[str]) -> Lockfile:
    """Read an evidence lockfile. Raises :class:`LockfileError` with a one-line reason."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_LOCKFILE_BYTES:
            raise LockfileError(f"{p}: larger than {MAX_LOCKFILE_BYTES // 1048576} MB; not read")
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LockfileError(f"{p}: no such lockfile (record one with --online --lock)") from exc
    except UnicodeDecodeError as exc:
        raise LockfileError(f"{p}: not UTF-8 text (byte {exc.start}); not a lockfile") from exc
    except OSError as exc:
        raise LockfileError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return lockfile_from_json(text, str(p))


def write_lockfile(path: str | os.PathLike[str], lock: Lockfile) -> None:
    """Write the lockfile atomically: a temporary file of its own in the same directory
    (so concurrent writers never share one), then a rename. Raises :class:`LockfileError`
    when it cannot be written."""
    p = Path(path)
    text = lockfile_to_json(lock)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent or ".")
    except OSError as exc:
        raise LockfileError(f"{p}: cannot write ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, p)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise LockfileError(f"{p}: cannot write ({exc.strerror or exc})") from exc
