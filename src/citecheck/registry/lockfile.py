"""The evidence lockfile: the registry answers behind every verdict, for offline replay.

``citecheck check --online --lock refs.lock.json`` records each definite answer (found or
not found; never "unavailable") in a JSON file; ``--offline --lock refs.lock.json`` answers
the same questions from it with no network, so the same verdicts come out. A question the
lockfile cannot answer (a reference edited since) is "unavailable: not in the lockfile",
which becomes NET001, never a mismatch.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck.errors import CitecheckError
from citecheck.registry.protocol import Registry
from citecheck.registry.records import (
    Abstract,
    Lookup,
    LookupStatus,
    PubmedRecord,
    WorkRecord,
    abstract_from_data,
    abstract_to_data,
    pubmed_from_data,
    pubmed_to_data,
    work_from_data,
    work_to_data,
)

LOCK_VERSION = 1


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


def search_key(text: str, rows: int) -> str:
    return f"search rows={rows} {' '.join(text.split())}"


def pubmed_key(pmid: str) -> str:
    return f"pubmed {pmid}"


def pmid_for_doi_key(doi: str) -> str:
    return f"pmid-for-doi {doi.lower()}"


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

    def _keep(self, key: str, lookup: Lookup[Any], value: Any) -> None:
        if lookup.is_unavailable:
            return
        with self._lock:
            self._entries[key] = _entry(lookup, value)

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        lookup = self._inner.work_by_doi(doi)
        self._keep(work_key(doi), lookup, work_to_data(lookup.value) if lookup.value else None)
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


class LockedRegistry:
    """Answers only from a lockfile: no network at all."""

    def __init__(self, lock: Lockfile) -> None:
        self._entries = lock.entries

    def _replay(self, key: str) -> Mapping[str, Any] | None:
        return self._entries.get(key)

    @staticmethod
    def _missing() -> Lookup[Any]:
        return Lookup.unavailable("offline, and the lockfile has no answer for it")

    @staticmethod
    def _lookup(entry: Mapping[str, Any], value: Any) -> Lookup[Any]:
        status = LookupStatus(entry["status"])
        return Lookup(status, value, str(entry.get("reason", "")))

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        entry = self._replay(work_key(doi))
        if entry is None:
            return self._missing()
        value = entry.get("value")
        return self._lookup(entry, work_from_data(value) if value else None)

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        out: dict[str, WorkRecord] = {}
        for doi in dois:
            entry = self._replay(work_key(doi))
            if entry is not None and entry.get("value"):
                out[doi] = work_from_data(entry["value"])
        return out

    def doi_agency(self, doi: str) -> Lookup[str]:
        entry = self._replay(agency_key(doi))
        return self._missing() if entry is None else self._lookup(entry, entry.get("value"))

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        entry = self._replay(search_key(text, rows))
        if entry is None:
            return self._missing()
        value = entry.get("value")
        return self._lookup(entry, tuple(work_from_data(w) for w in value) if value else None)

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        out: dict[str, Lookup[PubmedRecord]] = {}
        for pmid in pmids:
            entry = self._replay(pubmed_key(pmid))
            if entry is None:
                out[pmid] = self._missing()
            else:
                value = entry.get("value")
                out[pmid] = self._lookup(entry, pubmed_from_data(value) if value else None)
        return out

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        entry = self._replay(pmid_for_doi_key(doi))
        return self._missing() if entry is None else self._lookup(entry, entry.get("value"))

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        return self._abstract(pubmed_abstract_key(pmid))

    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]:
        return self._abstract(europepmc_key(doi, pmid))

    def _abstract(self, key: str) -> Lookup[Abstract]:
        entry = self._replay(key)
        if entry is None:
            return self._missing()
        value = entry.get("value")
        return self._lookup(entry, abstract_from_data(value) if value else None)


def lockfile_to_json(lock: Lockfile) -> str:
    body = {
        "citecheck-lockfile": LOCK_VERSION,
        "crossref_url": lock.crossref_url,
        "entries": dict(sorted(lock.entries.items())),
    }
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def lockfile_from_json(text: str, source: str = "<lockfile>") -> Lockfile:
    try:
        body = json.loads(text)
    except ValueError as exc:
        raise LockfileError(f"{source}: not valid JSON ({exc})") from exc
    if not isinstance(body, dict) or body.get("citecheck-lockfile") != LOCK_VERSION:
        raise LockfileError(f"{source}: not a citecheck lockfile (version {LOCK_VERSION})")
    entries = body.get("entries")
    if not isinstance(entries, dict):
        raise LockfileError(f"{source}: no entries")
    return Lockfile(entries, str(body.get("crossref_url", "")))


def read_lockfile(path: str | os.PathLike[str]) -> Lockfile:
    """Read an evidence lockfile. Raises :class:`LockfileError` with a one-line reason."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LockfileError(f"{p}: no such lockfile (record one with --online --lock)") from exc
    except OSError as exc:
        raise LockfileError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return lockfile_from_json(text, str(p))


def write_lockfile(path: str | os.PathLike[str], lock: Lockfile) -> None:
    """Write the lockfile atomically (a temporary file, then a rename)."""
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(lockfile_to_json(lock), encoding="utf-8")
    os.replace(tmp, p)
