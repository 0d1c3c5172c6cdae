"""One snapshot file of works made into the rows the builder stores — the CPU-heavy half of
a build (unzipping, decoding, extracting), done in worker processes while
the builder's process writes SQLite (:mod:`.build`).

:func:`read_works_file` returns everything the builder needs of one file, or the one line
saying why the file cannot be ingested: a file is read to its end before any of it is
stored, so a truncated or corrupt file is never half-ingested.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.errors import CitecheckError
from citecheck.localregistry.fastjson import dump_record
from citecheck.localregistry.fastrow import Row, common_row
from citecheck.localregistry.snapshot import iter_works
from citecheck.model import Author
from citecheck.registry.crossref_work import MalformedRecord, work_from_message
from citecheck.registry.records import WorkRecord, vars_of


@dataclass(frozen=True)
class WorksFile:
    """What one works file holds: its rows in order (one per DOI: the latest), how many
    records were left out as malformed, or — instead — why it cannot be ingested."""

    rows: tuple[Row, ...] = ()
    malformed: int = 0
    error: str = ""


def read_works_file(path: str | Path) -> WorksFile:
    """The rows of one Crossref snapshot file (``.json[.gz]`` or JSON Lines), or its error."""
    rows: dict[str, Row] = {}
    malformed = 0
    try:
        with cyclic_gc_paused():
            for item in iter_works(path):
                when = indexed_of(item)
                row = common_row(item, when)
                if row is None:  # not the common shape: the general path judges it
                    try:
                        row = row_of(work_from_message(item), when)
                    except MalformedRecord:
                        malformed += 1
                        continue
                doi = row[0]
                if doi not in rows or when >= rows[doi][1]:
                    rows[doi] = row  # the later of two at the same date
    except (CitecheckError, UnicodeError, OSError) as exc:
        return WorksFile(error=f"{path}: {' '.join(str(exc).split())[:300]} (not ingested)")
    return WorksFile(tuple(rows.values()), malformed)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a file's records are made (they make
    no cycles; each new container would otherwise count towards a full collection that
    walks every record held — a third of the decoding time with 5,000 records held)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def indexed_of(item: Mapping[str, Any]) -> str:
    """When Crossref last indexed the work (else deposited), as its ISO date-time text."""
    if not isinstance(item, Mapping):
        return ""
    for name in ("indexed", "deposited"):
        date = item.get(name)
        if isinstance(date, Mapping) and isinstance(date.get("date-time"), str):
            return str(date["date-time"])
    return ""


def row_of(work: WorkRecord, indexed: str = "") -> Row:
    return work.doi.lower(), indexed, record_json(work), search_columns(work)


def record_json(work: WorkRecord) -> str:
    """The record as compact JSON: empty fields and the search score left out (the keys of
    :func:`~citecheck.registry.records.work_to_data`, in its order, built directly: a
    build writes millions)."""
    w = work
    data: dict[str, Any] = {"doi": w.doi}
    if w.title:
        data["title"] = w.title
    if w.subtitles:
        data["subtitles"] = w.subtitles
    if w.authors:
        data["authors"] = [_author(a) for a in w.authors]
    for key, value in (("container_titles", w.container_titles),
                       ("short_container_titles", w.short_container_titles), ("years", w.years),
                       ("volume", w.volume), ("issue", w.issue), ("page", w.page),
                       ("article_number", w.article_number), ("type", w.type)):  # fmt: skip
        if value:
            data[key] = value
    if w.updates:
        data["updates"] = [vars_of(u) for u in w.updates]
    if w.updates_to:
        data["updates_to"] = w.updates_to
    if w.relations:
        data["relations"] = [vars_of(r) for r in w.relations]
    if w.abstract:
        data["abstract"] = w.abstract
    if w.agency and w.agency != "crossref":
        data["agency"] = w.agency
    return dump_record(data)


def _author(a: Author) -> dict[str, Any]:
    return {"family": a.family, "given": a.given, "is_group": True} if a.is_group else {
        "family": a.family, "given": a.given}  # fmt: skip


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
