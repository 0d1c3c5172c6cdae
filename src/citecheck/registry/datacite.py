"""DataCite's REST API for the DOIs DataCite registered (arXiv, Zenodo, Dryad, figshare, …).
Raw JSON stays in this module.

``GET {base}/dois/{doi}`` (the DOI URL-encoded, slash included) answers a JSON:API document,
``{"data": {"id", "type": "dois", "attributes": {…}}}``; an unknown DOI is a 404 whose body
is ``{"errors": [{"status": "404", …}]}``. :func:`work_from_attributes` turns the attributes
into the same :class:`~citecheck.registry.records.WorkRecord` a Crossref record becomes
(``agency="datacite"``), so the same judging applies. As in
:mod:`~citecheck.registry.crossref_work`, nothing is trusted to have the documented type: a
wrong DOI, title or creator list makes the record malformed ("could not check"); a field only
compared when present (container, dates, relations) is dropped when its type is wrong.

A preprint's years are its ``publicationYear`` (arXiv: the first version's) and then the
years its record dates versions to (``dates`` of type ``Submitted``/``Updated`` with
``dateInformation`` "v1", "v2", … — the shape of arXiv's records, which gain a pair of dates
per version under the one DOI), so that a reference citing v3 by v3's year is judged by
:mod:`citecheck.verify.preprint_years`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from citecheck.model import Author
from citecheck.registry.crossref_work import MalformedRecord
from citecheck.registry.normalize import abstract_from_markup, normalize_doi
from citecheck.registry.pacing import Gate
from citecheck.registry.records import Lookup, Relation, WorkRecord
from citecheck.registry.transport import HttpReply, Transport, fetch, keep

AGENCY = "datacite"

# resourceTypeGeneral → the Crossref type name the rest of citecheck knows
TYPES = {
    "Preprint": "posted-content",
    "JournalArticle": "journal-article",
    "Dataset": "dataset",
    "Software": "software",
    "Book": "book",
    "BookChapter": "book-chapter",
    "ConferencePaper": "proceedings-article",
    "ConferenceProceeding": "proceedings",
    "Dissertation": "dissertation",
    "Report": "report",
    "PeerReview": "peer-review",
    "Standard": "standard",
}
# relationType → Relation.type (a preprint's link to another work's DOI is "is-preprint-of").
# Not HasVersion: a concept DOI (Zenodo) lists every version of the work with it.
RELATIONS = {
    "IsVersionOf": "is-version-of",
    "IsPreviousVersionOf": "is-previous-version-of",
    "IsIdenticalTo": "is-identical-to",
}
MAX_RELATIONS = 10  # version links kept per record
YEAR_DATES = ("Issued", "Available")  # after publicationYear, in this order
VERSION_DATES = ("Submitted", "Updated")  # then these, when dated to a version ("v3")
_YEAR = re.compile(r"^\s*(\d{4})")
_VERSION = re.compile(r"^\s*v\d{1,4}\s*$", re.IGNORECASE)


class DataciteClient:
    """DataCite records by DOI, within one gate."""

    def __init__(self, transport: Transport, base_url: str, gate: Gate) -> None:
        self._transport = transport
        self._base = base_url.rstrip("/")
        self._gate = gate

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        url = f"{self._base}/dois/{quote(doi.lower(), safe='')}"  # DOIs ignore case
        reply = fetch(self._transport, self._gate, url, expect="jsonapi")
        if reply.status == 404 and says_not_found(reply):
            return Lookup.not_found("DataCite: no record of this DOI")
        attributes = attributes_of(reply)
        if isinstance(attributes, str):
            return Lookup.unavailable(attributes)
        try:
            work = work_from_attributes(attributes)
        except MalformedRecord as exc:
            return Lookup.unavailable(f"DataCite answered a malformed record for {doi}: {exc}")
        if work.doi.lower() != doi.lower():
            return Lookup.unavailable(
                f"DataCite answered the record of {work.doi[:100]} when asked for {doi}"
            )
        keep(self._transport, reply, "json")
        return Lookup.found(work)


def says_not_found(reply: HttpReply) -> bool:
    """DataCite's own 404 (a JSON:API error object with status 404), not a proxy's page."""
    if reply.error:
        return False
    try:
        errors = json.loads(reply.text).get("errors")
    except (ValueError, AttributeError, RecursionError):
        return False
    return isinstance(errors, list) and any(
        isinstance(e, dict) and str(e.get("status")) == "404" for e in errors
    )


def attributes_of(reply: HttpReply) -> Mapping[str, Any] | str:
    """The ``data.attributes`` object of a DataCite answer, or why there is none."""
    if reply.status is None:
        return f"DataCite unreachable: {reply.error}"
    if reply.status != 200 or reply.error:
        return f"DataCite answered {reply.error or f'HTTP {reply.status}'}"
    try:
        body = json.loads(reply.text)
    except (ValueError, RecursionError):
        return "DataCite answered with malformed JSON"
    data = body.get("data") if isinstance(body, dict) else None
    attributes = data.get("attributes") if isinstance(data, dict) else None
    if not isinstance(attributes, dict):
        return "DataCite answered with an unexpected shape"
    return attributes


def work_from_attributes(a: Mapping[str, Any]) -> WorkRecord:
    """The fields citecheck compares, from one DataCite record's ``attributes``.

    Raises :class:`MalformedRecord` when a field that decides a verdict has the wrong type.
    """
    doi = a.get("doi")
    if not isinstance(doi, str) or not doi.strip():
        raise MalformedRecord("the record has no DOI string")
    title, subtitles = _titles(a.get("titles"))
    publisher = _publisher(a.get("publisher"))
    kind = _type(a.get("types"), publisher)
    container = _container(a.get("container"))
    if not container.get("title") and kind == "posted-content" and publisher:
        container = {"title": publisher}  # a preprint server: "arXiv", "Preprints", …
    return WorkRecord(
        doi=doi.strip(),
        title=title,
        subtitles=subtitles,
        authors=_creators(a.get("creators")),
        container_titles=(container["title"],) if container.get("title") else (),
        years=_years(a, versions=kind == "posted-content"),
        volume=container.get("volume"),
        issue=container.get("issue"),
        page=_pages(container),
        type=kind,
        relations=_relations(a.get("relatedIdentifiers"), doi.strip(), kind),
        abstract=_abstract(a.get("descriptions")),
        agency=AGENCY,
    )


def _titles(value: Any) -> tuple[str, tuple[str, ...]]:
    """The main title (the first without a ``titleType``, else the first) and subtitles."""
    if value is None:
        return "", ()
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise MalformedRecord("titles is not a list of objects")
    main: list[str] = []
    other: list[str] = []
    subtitles: list[str] = []
    for t in value:
        text, kind = t.get("title"), t.get("titleType")
        if not isinstance(text, str):
            raise MalformedRecord("a title is not a string")
        if not text.strip():
            continue
        bucket = main if not kind else subtitles if kind == "Subtitle" else other
        bucket.append(text.strip())
    first = (main or other or [""])[0]
    return first, tuple(subtitles)


def _creators(value: Any) -> tuple[Author, ...]:
    """Authors in order; a list with a creator whose name cannot be read as a person or an
    organisation is not compared at all (as a nameless Crossref author)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
        raise MalformedRecord("creators is not a list of objects")
    authors = []
    for c in value:
        for key in ("name", "givenName", "familyName", "nameType"):
            if c.get(key) is not None and not isinstance(c[key], str):
                raise MalformedRecord(f"a creator's {key} is not a string")
        author = _creator(c)
        if author is None:
            return ()
        authors.append(author)
    return tuple(authors)


def _creator(c: Mapping[str, Any]) -> Author | None:
    name = (c.get("name") or "").strip()
    family = (c.get("familyName") or "").strip()
    given = (c.get("givenName") or "").strip()
    if c.get("nameType") == "Organizational":
        return Author(name or family, "", is_group=True) if name or family else None
    if family:
        return Author(family, given)
    if "," in name:  # "Family, Given"
        last, first = name.split(",", 1)
        return Author(last.strip(), first.strip()) if last.strip() else None
    return None  # "Given Family" or an organisation without its type: cannot tell


def _publisher(value: Any) -> str:
    """``"arXiv"`` (older records) or ``{"name": "arXiv"}`` (schema 4.5)."""
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) else ""


def _type(value: Any, publisher: str) -> str:
    types = value if isinstance(value, dict) else {}
    general = types.get("resourceTypeGeneral")
    specific = types.get("resourceType")
    if general in TYPES:
        return TYPES[general]
    if isinstance(specific, str) and "preprint" in specific.lower():
        return "posted-content"
    if general == "Text" and publisher.lower() in ("arxiv", "biorxiv", "medrxiv"):
        return "posted-content"
    return "other" if general else ""


def _container(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    out = {}
    for key, name in (
        ("title", "title"),
        ("volume", "volume"),
        ("issue", "issue"),
        ("firstPage", "first"),
        ("lastPage", "last"),
    ):
        item = value.get(key)
        if isinstance(item, int) and not isinstance(item, bool):
            item = str(item)
        if isinstance(item, str) and item.strip():
            out[name] = item.strip()
    return out


def _pages(container: Mapping[str, str]) -> str | None:
    first, last = container.get("first"), container.get("last")
    if first and last and last != first:
        return f"{first}-{last}"
    return first or None


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    m = _YEAR.match(str(value)) if isinstance(value, int | str) else None
    year = int(m.group(1)) if m else None
    return year if year is not None and 1000 <= year <= 2999 else None


def _years(a: Mapping[str, Any], *, versions: bool = False) -> tuple[int, ...]:
    """``publicationYear``, the ``Issued`` and ``Available`` dates' years, then, for a
    preprint (``versions``), the years of the versions its record dates (``Submitted`` and
    ``Updated`` with ``dateInformation`` "v2": arXiv's one DOI for all versions), none before
    the first year."""
    years: list[int] = []
    first = _year(a.get("publicationYear"))
    if first is not None:
        years.append(first)
    raw = a.get("dates")
    dates = [d for d in raw if isinstance(d, dict)] if isinstance(raw, list) else []
    for kind in YEAR_DATES:
        for d in dates:
            if d.get("dateType") == kind:
                year = _year(d.get("date"))
                if year is not None and year not in years:
                    years.append(year)
    for d in dates if versions else ():
        version = d.get("dateInformation")
        if d.get("dateType") in VERSION_DATES and isinstance(version, str):
            year = _year(d.get("date")) if _VERSION.match(version) else None
            if year is not None and year not in years and (not years or year >= years[0]):
                years.append(year)
    return tuple(years)


def _relations(value: Any, doi: str, kind: str) -> tuple[Relation, ...]:
    """Version links; a preprint's link to a DOI under another prefix (the journal's) is
    what Crossref calls ``is-preprint-of``."""
    out = []
    prefix = doi.split("/", 1)[0].lower()
    for r in value if isinstance(value, list) else ():
        if not isinstance(r, dict) or r.get("relationType") not in RELATIONS:
            continue
        ident, id_type = r.get("relatedIdentifier"), r.get("relatedIdentifierType")
        if not isinstance(ident, str) or not ident.strip():
            continue
        id_type = id_type.lower() if isinstance(id_type, str) else ""
        relation = RELATIONS[r["relationType"]]
        if id_type == "doi":
            ident = normalize_doi(ident)
        elsewhere = id_type == "doi" and ident.split("/", 1)[0].lower() != prefix
        if kind == "posted-content" and elsewhere:
            relation = "is-preprint-of"
        out.append(Relation(relation, ident.strip(), id_type))
    return tuple(out[:MAX_RELATIONS])


def _abstract(value: Any) -> str:
    for d in value if isinstance(value, list) else ():
        if isinstance(d, dict) and d.get("descriptionType") == "Abstract":
            text = d.get("description")
            if isinstance(text, str) and text.strip():
                return abstract_from_markup(text)
    return ""
