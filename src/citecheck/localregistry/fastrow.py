"""The stored row of a snapshot work in its common shape, made without a :class:`WorkRecord`.

A build turns millions of works into rows (:func:`~.ingest.row_of` of
:func:`~citecheck.registry.crossref_work.work_from_message`). Most works have one plain
shape: a DOI string, lists of strings for the titles and journal names, authors with string
family and given names, string volume, issue and pages, dates with a whole year. For those,
:func:`common_row` writes the same row directly, a little over twice as fast; for anything
else — a group author, a nameless one, a number given as a number, a year out of range,
notices (``updated-by``/``update-to``), an institution, a field of an unexpected type — it
returns None and the builder takes the general path, which judges the odd shapes. A test
holds the two paths equal on 95 recorded works, each also bent into 33 odd shapes, and
checks that the plain ones (padded names, relations, abstracts, …) take the common path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from citecheck.localregistry.fastjson import dump_record
from citecheck.registry.crossref_work import DATE_FIELDS, relations_of
from citecheck.registry.normalize import abstract_from_markup
from citecheck.registry.records import vars_of

Row = tuple[str, str, str, tuple[str, str, str, str]]
"""One work as stored: its DOI (lower case), Crossref's ``indexed`` date, the record's JSON
and the search columns (:func:`~.ingest.search_columns`). (A plain tuple: thousands of rows
a file cross from a worker process, and plain tuples pickle and unpickle two to three times
faster than named ones.)"""
NUMBERS = (("volume", "volume"), ("issue", "issue"), ("page", "page"),
           ("article_number", "article-number"))  # fmt: skip
DEFERRED = ("institution", "updated-by", "update-to")  # judged by the general path


def common_row(m: Mapping[str, Any], indexed: str) -> Row | None:
    """The row of work ``m`` (a snapshot item) when it has the common shape, else None."""
    if type(m) is not dict:
        return None
    doi = m.get("DOI")
    if type(doi) is not str or any(m.get(name) is not None for name in DEFERRED):
        return None
    doi = doi.strip()
    titles, subtitles = _strings(m.get("title")), _strings(m.get("subtitle"))
    journals, short = _strings(m.get("container-title")), _strings(m.get("short-container-title"))
    families = _families(m.get("author"))
    years = _years(m)
    kind = m.get("type")
    if titles is None or subtitles is None or journals is None or short is None:
        return None
    if families is None or years is None or not doi or not (kind is None or type(kind) is str):
        return None
    title = titles[0] if titles else ""
    data: dict[str, Any] = {"doi": doi}
    if title:
        data["title"] = title
    if subtitles:
        data["subtitles"] = subtitles
    if families:
        data["authors"] = [{"family": f, "given": g} for f, g in families]
    if journals:
        data["container_titles"] = journals
    if short:
        data["short_container_titles"] = short
    if years:
        data["years"] = years
    numbers = []
    for key, name in NUMBERS:
        value = m.get(name)
        if value is None:
            continue
        if type(value) is not str:
            return None
        value = value.strip()
        if value:
            data[key] = value
            numbers.append(value)
    if kind:
        data["type"] = kind
    relations = relations_of(m.get("relation"))
    if relations:
        data["relations"] = [vars_of(r) for r in relations]
    abstract = m.get("abstract")
    if isinstance(abstract, str) and (text := abstract_from_markup(abstract)):
        data["abstract"] = text
    columns = (
        " ".join((title, *subtitles)),
        "; ".join(f for f, _ in families),
        " ".join((*journals, *short)),
        f"{' '.join(map(str, years))} | {' '.join(numbers)}",
    )
    return doi.lower(), indexed, dump_record(data), columns


def _strings(value: Any) -> list[str] | None:
    """The non-blank strings of a list of strings (None: absent); None for anything else."""
    if value is None:
        return []
    if type(value) is not list:
        return None
    out = []
    for s in value:
        if type(s) is not str:
            return None
        if s.strip():
            out.append(s)
    return out


def _families(value: Any) -> list[tuple[str, str]] | None:
    """(family, given) of each author, each with a family name (stripped); else None."""
    if value is None:
        return []
    if type(value) is not list:
        return None
    out = []
    for a in value:
        if type(a) is not dict:
            return None
        family, given = a.get("family"), a.get("given")
        if type(family) is not str or not (given is None or type(given) is str):
            return None
        family = family.strip()
        if not family or not (a.get("name") is None or type(a.get("name")) is str):
            return None
        out.append((family, given.strip() if given else ""))
    return out


def _years(m: Mapping[str, Any]) -> list[int] | None:
    """The distinct years of the work's dates, each a whole year of 1000-2999; else None."""
    years: list[int] = []
    for name in DATE_FIELDS:
        date = m.get(name)
        if date is None:
            continue
        try:
            year = date["date-parts"][0][0]
        except (KeyError, IndexError, TypeError):
            return None
        if type(year) is not int or not 1000 <= year <= 2999:
            return None
        if year not in years:
            years.append(year)
    return years
