"""Reading one lockfile entry back as a lookup, trusting nothing in it.

A lockfile is a file in a repository: it may be edited by hand, merged badly, truncated,
written by a newer citecheck, or forged. Each entry is checked when it is replayed: its
shape (a ``status`` of ``found`` or ``not-found``, a ``value`` of the right types for a
found answer; keys this version does not know are ignored) and that it answers the
question it is stored under (the record under ``work 10.1/a`` is the record of 10.1/a,
the summary under ``pubmed 123`` is PubMed's record 123, …). An entry that fails is
refused with a one-line reason (:class:`EntryError`) and the question is "could not
check", never an answer.

A Crossref DOI that is an alias of another answers with the other's record; the recording
registry marks such an entry ``"alias": true``, and only then may the record's DOI differ
from the key's (the verdict then says "… is an alias of …").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from citecheck.model import Author
from citecheck.registry.records import (
    Abstract,
    Lookup,
    LookupStatus,
    PubmedRecord,
    Relation,
    Update,
    WorkRecord,
)

T = TypeVar("T")


class EntryError(ValueError):
    """A lockfile entry that cannot be used; ``str()`` is the one-line reason."""


def checked_lookup(entry: Any, value_of: Callable[[Any], T]) -> Lookup[T]:
    """The lookup an entry records: ``value_of`` reads (and checks) a found answer's value."""
    if not isinstance(entry, Mapping):
        raise EntryError("the entry is not an object")
    status = entry.get("status")
    reason = entry.get("reason", "")
    if not isinstance(reason, str):
        raise EntryError("its reason is not a string")
    if status == LookupStatus.NOT_FOUND.value:
        if entry.get("value") is not None:
            raise EntryError('a "not-found" answer with a value')
        return Lookup(LookupStatus.NOT_FOUND, None, reason[:500])
    if status != LookupStatus.FOUND.value:
        raise EntryError(f"its status is {str(status)[:40]!r}, not found or not-found")
    if entry.get("value") is None:
        raise EntryError('a "found" answer without a value')
    return Lookup(LookupStatus.FOUND, value_of(entry["value"]), reason[:500])


# --- values ----------------------------------------------------------------------------------


def _obj(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise EntryError(f"{what} is not an object")
    return value


def _str(d: Mapping[str, Any], key: str, default: str | None = "") -> Any:
    value = d.get(key, default)
    if value is None and default is None:
        return None
    if not isinstance(value, str):
        raise EntryError(f"{key} is not a string")
    return value


def _strs(d: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EntryError(f"{key} is not a list of strings")
    return tuple(value)


def _objs(d: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise EntryError(f"{key} is not a list of objects")
    return value


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EntryError(f"{what} is not a whole number")
    return value


def _author(d: Mapping[str, Any]) -> Author:
    is_group = d.get("is_group", False)
    if not isinstance(is_group, bool):
        raise EntryError("an author's is_group is not true or false")
    return Author(_str(d, "family"), _str(d, "given"), is_group)


def work_value(value: Any) -> WorkRecord:
    d = _obj(value, "the record")
    doi = _str(d, "doi")
    if not doi.strip():
        raise EntryError("the record has no DOI")
    score = d.get("score")
    if score is not None and (
        isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score)
    ):
        raise EntryError("score is not a number")
    return WorkRecord(
        doi=doi,
        title=_str(d, "title"),
        subtitles=_strs(d, "subtitles"),
        authors=tuple(_author(a) for a in _objs(d, "authors")),
        container_titles=_strs(d, "container_titles"),
        short_container_titles=_strs(d, "short_container_titles"),
        years=tuple(_int(y, "a year") for y in _list(d, "years")),
        volume=_str(d, "volume", None),
        issue=_str(d, "issue", None),
        page=_str(d, "page", None),
        article_number=_str(d, "article_number", None),
        type=_str(d, "type"),
        updates=tuple(
            Update(
                _str(u, "doi"),
                _str(u, "type"),
                _str(u, "label"),
                _str(u, "source"),
                _str(u, "date"),
            )
            for u in _objs(d, "updates")
        ),
        updates_to=_strs(d, "updates_to"),
        relations=tuple(
            Relation(_str(r, "type"), _str(r, "id"), _str(r, "id_type"))
            for r in _objs(d, "relations")
        ),
        score=float(score) if score is not None else None,
        abstract=_str(d, "abstract"),
        agency=_str(d, "agency", "crossref")[:40],
    )


def _list(d: Mapping[str, Any], key: str) -> list[Any]:
    value = d.get(key, [])
    if not isinstance(value, list):
        raise EntryError(f"{key} is not a list")
    return value


def pubmed_value(value: Any) -> PubmedRecord:
    d = _obj(value, "the record")
    year = d.get("year")
    return PubmedRecord(
        pmid=_str(d, "pmid"),
        title=_str(d, "title"),
        authors=tuple(_author(a) for a in _objs(d, "authors")),
        year=None if year is None else _int(year, "year"),
        journal=_str(d, "journal"),
        journal_full=_str(d, "journal_full"),
        volume=_str(d, "volume"),
        issue=_str(d, "issue"),
        pages=_str(d, "pages"),
        doi=_str(d, "doi", None),
        pubtypes=_strs(d, "pubtypes"),
    )


def abstract_value(value: Any) -> Abstract:
    d = _obj(value, "the abstract")
    return Abstract(_str(d, "text"), _str(d, "source"), _str(d, "id"))


def text_value(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EntryError("the answer is not a string")
    return value


def pmid_value(value: Any) -> str:
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        raise EntryError("the answer is not a PMID")
    return value


def search_value(value: Any) -> tuple[WorkRecord, ...]:
    if not isinstance(value, list):
        raise EntryError("the candidates are not a list")
    return tuple(work_value(w) for w in value)


# --- does the answer answer the question? ----------------------------------------------------


def check_work(
    lookup: Lookup[WorkRecord], doi: str, entry: Mapping[str, Any], agency: str = "crossref"
) -> None:
    work = lookup.value
    if work is not None and work.doi.lower() != doi.lower() and entry.get("alias") is not True:
        raise EntryError(f"it holds the record of {work.doi[:100]}, not of {doi}")
    if work is not None and work.agency != agency:
        raise EntryError(f"it holds a record of {work.agency_name}, not of {agency}")


def check_pubmed(lookup: Lookup[PubmedRecord], pmid: str) -> None:
    if lookup.value is not None and lookup.value.pmid != pmid:
        raise EntryError(f"it holds PubMed record {lookup.value.pmid[:20]}, not {pmid}")


def check_abstract(lookup: Lookup[Abstract], source: str, ident: str) -> None:
    a = lookup.value
    if a is not None and (a.source != source or a.id.lower() != ident.lower()):
        raise EntryError(f"it holds the abstract of {a.source} {a.id[:100]}, not {ident}")
