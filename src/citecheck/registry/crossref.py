"""The Crossref REST API, over one ``requests`` session. Raw JSON stays in this module.

Endpoints: ``/works/{doi}``, ``/works/{doi}/agency``, ``/works?filter=doi:…`` (many DOIs
in one list request) and ``/works?query.bibliographic=…``. Every answer becomes a
:class:`~citecheck.registry.records.Lookup`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from citecheck.model import Author
from citecheck.registry.normalize import abstract_from_markup
from citecheck.registry.pacing import Gate, InFlight
from citecheck.registry.records import Lookup, Relation, Update, WorkRecord
from citecheck.registry.transport import HttpReply, Transport, fetch

BATCH_SIZE = 40  # DOIs per filter=doi:… request (keeps the URL well under 4 kB)


class CrossrefClient:
    """Crossref lookups within the pool's limits (single and list requests paced apart)."""

    def __init__(
        self,
        transport: Transport,
        base_url: str,
        *,
        single: Gate,
        listing: Gate,
        email: str | None = None,
    ) -> None:
        self._transport = transport
        self._base = base_url.rstrip("/")
        self._single = single
        self._list = listing
        self._params = {"mailto": email} if email else {}

    @classmethod
    def with_limits(
        cls,
        transport: Transport,
        base_url: str,
        *,
        single_rate: float,
        list_rate: float,
        concurrency: int,
        email: str | None = None,
    ) -> CrossrefClient:
        in_flight = InFlight(concurrency)  # Crossref counts requests in flight per client
        t = transport
        return cls(
            transport,
            base_url,
            single=Gate("crossref-single", single_rate, in_flight, clock=t.clock, sleep=t.sleep),
            listing=Gate("crossref-list", list_rate, in_flight, clock=t.clock, sleep=t.sleep),
            email=email,
        )

    def _get(self, gate: Gate, path: str, params: Mapping[str, str] | None = None) -> HttpReply:
        return fetch(self._transport, gate, self._base + path, {**(params or {}), **self._params})

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        reply = self._get(self._single, f"/works/{quote(doi, safe='/')}")
        if reply.status == 404:
            return Lookup.not_found(f"Crossref: {reply.text.strip() or 'not found'}")
        message = _message(reply, "work")
        if isinstance(message, str):
            return Lookup.unavailable(message)
        return Lookup.found(work_from_message(message))

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        """Works found for many DOIs with few list requests; absent DOIs must be asked singly."""
        found: dict[str, WorkRecord] = {}
        usable = [d for d in dict.fromkeys(dois) if "," not in d]
        for start in range(0, len(usable), BATCH_SIZE):
            chunk = usable[start : start + BATCH_SIZE]
            params = {"filter": ",".join(f"doi:{d}" for d in chunk), "rows": str(len(chunk))}
            message = _message(self._get(self._list, "/works", params), "work-list")
            if isinstance(message, str):
                continue
            wanted = {d.lower(): d for d in chunk}
            for item in message.get("items") or ():
                if not isinstance(item, dict):
                    continue
                work = work_from_message(item)
                key = wanted.get(work.doi.lower())
                if key is not None:
                    found[key] = work
        return found

    def doi_agency(self, doi: str) -> Lookup[str]:
        reply = self._get(self._single, f"/works/{quote(doi, safe='/')}/agency")
        if reply.status == 404:
            return Lookup.not_found("no registration agency knows this DOI")
        message = _message(reply, "work-agency")
        if isinstance(message, str):
            return Lookup.unavailable(message)
        agency = message.get("agency") or {}
        ident = str(agency.get("id") or agency.get("label") or "").lower()
        return Lookup.found(ident) if ident else Lookup.unavailable("agency answer had no id")

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        params = {"query.bibliographic": text, "rows": str(rows)}
        message = _message(self._get(self._list, "/works", params), "work-list")
        if isinstance(message, str):
            return Lookup.unavailable(message)
        items = tuple(
            work_from_message(i) for i in message.get("items") or () if isinstance(i, dict)
        )
        return Lookup.found(items) if items else Lookup.not_found("no candidates")


def _message(reply: HttpReply, kind: str) -> dict[str, Any] | str:
    """The ``message`` object of a Crossref answer, or why there is none."""
    if reply.status is None:
        return f"Crossref could not be reached: {reply.error}"
    if reply.status == 400:
        return f"Crossref rejected the request (HTTP 400): {_failure_text(reply.text)}"
    if reply.status != 200:
        return f"Crossref answered {reply.error or f'HTTP {reply.status}'}"
    try:
        body = json.loads(reply.text)
    except ValueError:
        return "Crossref answered with malformed JSON"
    if not isinstance(body, dict) or not isinstance(body.get("message"), dict):
        return "Crossref answered with an unexpected shape"
    if body.get("message-type") not in (kind, None):
        return f"Crossref answered a {body.get('message-type')!r}, expected {kind!r}"
    return body["message"]


def _failure_text(text: str) -> str:
    try:
        body = json.loads(text)
        parts = body.get("message") or []
        return "; ".join(str(p.get("message", p)) for p in parts) or text[:200]
    except (ValueError, AttributeError):
        return text[:200] or "no details"


def work_from_message(m: Mapping[str, Any]) -> WorkRecord:
    """The fields citecheck compares, from one Crossref work ``message`` or list item."""
    return WorkRecord(
        doi=str(m.get("DOI", "")),
        title=_first(m.get("title")),
        subtitles=_strings(m.get("subtitle")),
        authors=tuple(_author(a) for a in m.get("author") or () if isinstance(a, dict)),
        container_titles=_strings(m.get("container-title"))
        + tuple(str(i.get("name")) for i in m.get("institution") or () if isinstance(i, dict)),
        short_container_titles=_strings(m.get("short-container-title")),
        years=_years(m),
        volume=_text(m.get("volume")),
        issue=_text(m.get("issue")),
        page=_text(m.get("page")),
        article_number=_text(m.get("article-number")),
        type=str(m.get("type", "")),
        updates=_updates(m.get("updated-by")),
        updates_to=tuple(
            str(u.get("DOI")) for u in m.get("update-to") or () if isinstance(u, dict)
        ),
        relations=_relations(m.get("relation")),
        score=float(m["score"]) if isinstance(m.get("score"), (int, float)) else None,
        abstract=abstract_from_markup(m["abstract"]) if isinstance(m.get("abstract"), str) else "",
    )


def _first(value: Any) -> str:
    items = _strings(value)
    return items[0] if items else ""


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, str) and v.strip())
    return ()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def _author(a: Mapping[str, Any]) -> Author:
    if "family" not in a and a.get("name"):
        return Author(str(a["name"]), "", is_group=True)
    return Author(str(a.get("family", "")), str(a.get("given", "")))


DATE_FIELDS = ("issued", "published-print", "published-online", "published", "posted")


def _years(m: Mapping[str, Any]) -> tuple[int, ...]:
    years: list[int] = []
    for name in DATE_FIELDS:
        year = _year(m.get(name))
        if year is not None and year not in years:
            years.append(year)
    return tuple(years)


def _year(date: Any) -> int | None:
    try:
        year = date["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None
    return int(year) if isinstance(year, int) else None


def _iso(date: Any) -> str:
    try:
        parts = [int(p) for p in date["date-parts"][0] if p is not None]
    except (KeyError, IndexError, TypeError, ValueError):
        return ""
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def _updates(value: Any) -> tuple[Update, ...]:
    seen: dict[tuple[str, str], Update] = {}
    for u in value or ():
        if not isinstance(u, dict):
            continue
        update = Update(
            doi=str(u.get("DOI", "")),
            type=str(u.get("type", "")).lower().replace("-", "_"),
            label=str(u.get("label", "")),
            source=str(u.get("source", "")),
            date=_iso(u.get("updated")),
        )
        key = (update.doi.lower(), update.type)  # publisher and Retraction Watch may both say it
        if key not in seen or (not seen[key].source and update.source):
            seen[key] = update
    return tuple(seen.values())


def _relations(value: Any) -> tuple[Relation, ...]:
    if not isinstance(value, dict):
        return ()
    out: list[Relation] = []
    for kind, items in value.items():
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and item.get("id"):
                out.append(Relation(str(kind), str(item["id"]), str(item.get("id-type", ""))))
    return tuple(out)
