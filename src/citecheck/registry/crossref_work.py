"""One Crossref work ``message`` (or list item) → :class:`WorkRecord`, checked by shape.

Nothing a service sends is trusted to have the documented type. A field whose wrong type
would change a verdict — the DOI, the title, the authors, ``updated-by``/``update-to`` (the
retraction notices) — makes the whole record *malformed* (:class:`MalformedRecord`; the
lookup is then "could not check"). A field that is only compared when present — volume,
issue, pages, journal, dates, relations — is dropped when its type is wrong, and a list of
authors in which one has no readable name is not compared at all (an empty name would read
as a different author).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from citecheck.model import Author
from citecheck.registry.normalize import abstract_from_markup
from citecheck.registry.records import Relation, Update, WorkRecord


class MalformedRecord(ValueError):
    """A record whose shape cannot be trusted; ``str()`` says which field and why."""


def work_from_message(m: Mapping[str, Any]) -> WorkRecord:
    """The fields citecheck compares, from one Crossref work ``message`` or list item.

    Raises :class:`MalformedRecord` when a field that decides a verdict has the wrong type.
    """
    if not isinstance(m, Mapping):
        raise MalformedRecord(f"the record is a {type(m).__name__}, not an object")
    doi = m.get("DOI")
    if not isinstance(doi, str) or not doi.strip():
        raise MalformedRecord("the record has no DOI string")
    return WorkRecord(
        doi=doi.strip(),
        title=_first(_strict_strings(m, "title")),
        subtitles=_strings(m.get("subtitle")),
        authors=_authors(m.get("author")),
        container_titles=_strings(m.get("container-title")) + _institutions(m.get("institution")),
        short_container_titles=_strings(m.get("short-container-title")),
        years=_years(m),
        volume=_text(m.get("volume")),
        issue=_text(m.get("issue")),
        page=_text(m.get("page")),
        article_number=_text(m.get("article-number")),
        type=m["type"] if isinstance(m.get("type"), str) else "",
        updates=_updates(m.get("updated-by")),
        updates_to=_updates_to(m.get("update-to")),
        relations=relations_of(m.get("relation")),
        score=_score(m.get("score")),
        abstract=abstract_from_markup(m["abstract"]) if isinstance(m.get("abstract"), str) else "",
    )


def _first(items: tuple[str, ...]) -> str:
    return items[0] if items else ""


def _strict_strings(m: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = m.get(name)
    if value is None or isinstance(value, str):
        return _strings(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MalformedRecord(f"{name} is not a list of strings")
    return _strings(value)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str) and v.strip())
    return ()


def _institutions(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(i["name"] for i in value if isinstance(i, dict) and isinstance(i.get("name"), str))


def _text(value: Any) -> str | None:
    """A volume, issue or page: a string or a whole number; anything else is dropped."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def _score(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _authors(value: Any) -> tuple[Author, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise MalformedRecord("author is not a list")
    authors = []
    for a in value:
        if not isinstance(a, dict):
            raise MalformedRecord("an author is not an object")
        family, given, name = a.get("family"), a.get("given"), a.get("name")
        if not (
            (family is None or isinstance(family, str))
            and (given is None or isinstance(given, str))
            and (name is None or isinstance(name, str))
        ):
            for key, v in (("family", family), ("given", given), ("name", name)):
                if not _str_or_none(v):
                    raise MalformedRecord(f"an author's {key} is not a string")
        family = family.strip() if family else ""
        if family:
            authors.append(Author(family, given.strip() if given else ""))
        elif name and name.strip():
            authors.append(Author(name.strip(), "", is_group=True))
        else:
            return ()  # a nameless author: the list cannot be compared name by name
    return tuple(authors)


def _str_or_none(v: Any) -> bool:
    return v is None or isinstance(v, str)


DATE_FIELDS = ("issued", "published-print", "published-online", "published", "posted")


def _years(m: Mapping[str, Any]) -> tuple[int, ...]:
    years: list[int] = []
    for name in DATE_FIELDS:
        date = m.get(name)
        if date is None:
            continue
        year = _year(date)
        if year is not None and year not in years:
            years.append(year)
    return tuple(years)


def _date_parts(date: Any) -> list[Any]:
    try:
        parts = date["date-parts"][0]
    except (KeyError, IndexError, TypeError):
        return []
    return parts if isinstance(parts, list) else []


def _year(date: Any) -> int | None:
    parts = _date_parts(date)
    year = parts[0] if parts else None
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 2999:
        return None
    return year


def _iso(date: Any) -> str:
    parts = []
    for p in _date_parts(date)[:3]:
        if isinstance(p, bool) or not isinstance(p, int) or not 0 <= p <= 9999:
            break
        parts.append(p)
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def _notices(value: Any, name: str) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(u, dict) for u in value):
        raise MalformedRecord(f"{name} is not a list of objects")
    for u in value:
        if not isinstance(u.get("DOI"), str):
            raise MalformedRecord(f"an entry of {name} has no DOI string")
        for key in ("type", "label", "source"):
            if u.get(key) is not None and not isinstance(u[key], str):
                raise MalformedRecord(f"an entry of {name} has a {key} that is not a string")
    return value


def _updates(value: Any) -> tuple[Update, ...]:
    seen: dict[tuple[str, str], Update] = {}
    for u in _notices(value, "updated-by"):
        update = Update(
            doi=u["DOI"],
            type=(u.get("type") or "").lower().replace("-", "_"),
            label=u.get("label") or "",
            source=u.get("source") or "",
            date=_iso(u.get("updated")),
        )
        key = (update.doi.lower(), update.type)  # publisher and Retraction Watch may both say it
        if key not in seen or (not seen[key].source and update.source):
            seen[key] = update
    return tuple(seen.values())


def _updates_to(value: Any) -> tuple[str, ...]:
    return tuple(u["DOI"] for u in _notices(value, "update-to"))


def relations_of(value: Any) -> tuple[Relation, ...]:
    if not isinstance(value, dict):
        return ()
    out: list[Relation] = []
    for kind, items in value.items():
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
                id_type = item.get("id-type")
                out.append(
                    Relation(str(kind), item["id"], id_type if isinstance(id_type, str) else "")
                )
    return tuple(out)
