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

from citecheck.registry.crossref_work import MalformedRecord, work_from_message
from citecheck.registry.pacing import Gate, InFlight
from citecheck.registry.records import Lookup, WorkRecord
from citecheck.registry.transport import HttpReply, Transport, fetch, keep

__all__ = ["BATCH_SIZE", "CrossrefClient", "work_from_message"]

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
        follow: bool = False,
    ) -> CrossrefClient:
        """A client whose gates share one in-flight budget (Crossref counts requests in
        flight per client); ``follow``: take the limits the server announces."""
        in_flight = InFlight(concurrency)
        t = transport

        def gate(name: str, rate: float) -> Gate:
            return Gate(name, rate, in_flight, clock=t.clock, sleep=t.sleep, follow=follow)

        return cls(
            transport,
            base_url,
            single=gate("crossref-single", single_rate),
            listing=gate("crossref-list", list_rate),
            email=email,
        )

    def _get(self, gate: Gate, path: str, params: Mapping[str, str] | None = None) -> HttpReply:
        return fetch(self._transport, gate, self._base + path, {**(params or {}), **self._params})

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        path = f"/works/{quote(doi, safe='/')}"
        reply = self._get(self._single, path)
        if reply.status == 404 and says_not_found(reply):
            return Lookup.not_found("Crossref: Resource not found.")
        message = message_of(reply, "work")
        if isinstance(message, str):
            return Lookup.unavailable(message)
        try:
            work = work_from_message(message)
        except MalformedRecord as exc:
            return Lookup.unavailable(f"Crossref answered a malformed record for {doi}: {exc}")
        redirected = not reply.url.split("?")[0].endswith(path)
        if work.doi.lower() != doi.lower() and not redirected:
            return Lookup.unavailable(
                f"Crossref answered the record of {work.doi[:100]} when asked for {doi}"
            )
        keep(self._transport, reply)
        return Lookup.found(work)

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        """Works found for many DOIs with few list requests; absent DOIs must be asked singly."""
        found: dict[str, WorkRecord] = {}
        usable = [d for d in dict.fromkeys(dois) if "," not in d]
        for start in range(0, len(usable), BATCH_SIZE):
            chunk = usable[start : start + BATCH_SIZE]
            params = {"filter": ",".join(f"doi:{d}" for d in chunk), "rows": str(len(chunk))}
            reply = self._get(self._list, "/works", params)
            items = _items(message_of(reply, "work-list"))
            if isinstance(items, str):
                continue
            wanted = {d.lower(): d for d in chunk}
            for item in items:
                try:
                    work = work_from_message(item)
                except MalformedRecord:
                    continue  # asked again on its own
                key = wanted.get(work.doi.lower())
                if key is not None:
                    found[key] = work
            keep(self._transport, reply)
        return found

    def doi_agency(self, doi: str) -> Lookup[str]:
        reply = self._get(self._single, f"/works/{quote(doi, safe='/')}/agency")
        if reply.status == 404 and says_not_found(reply):
            return Lookup.not_found("no registration agency knows this DOI")
        message = message_of(reply, "work-agency")
        if isinstance(message, str):
            return Lookup.unavailable(message)
        agency = message.get("agency")
        agency = agency if isinstance(agency, dict) else {}
        ident = agency.get("id") or agency.get("label")
        if not isinstance(ident, str) or not ident.strip() or len(ident) > 100:
            return Lookup.unavailable("Crossref's agency answer had no agency id")
        keep(self._transport, reply)
        return Lookup.found(ident.strip().lower())

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        params = {"query.bibliographic": text, "rows": str(rows)}
        reply = self._get(self._list, "/works", params)
        items = _items(message_of(reply, "work-list"))
        if isinstance(items, str):
            return Lookup.unavailable(items)
        try:  # one malformed candidate could have been the match: no verdict from the rest
            works = tuple(work_from_message(i) for i in items)
        except MalformedRecord as exc:
            return Lookup.unavailable(f"Crossref answered a malformed search result: {exc}")
        keep(self._transport, reply)
        return Lookup.found(works) if works else Lookup.not_found("no candidates")


def says_not_found(reply: HttpReply) -> bool:
    """Crossref's own 404 for an unknown DOI (plain text ``Resource not found.``), not a
    proxy's or a web server's error page for a wrong base URL."""
    if reply.error or reply.media_type not in ("", "text/plain"):
        return False
    return reply.text.strip().rstrip(".").lower() == "resource not found"


def _items(message: dict[str, Any] | str) -> list[Any] | str:
    if isinstance(message, str):
        return message
    items = message.get("items", [])
    if not isinstance(items, list):
        return "Crossref answered a list whose items are not a list"
    return items


def message_of(reply: HttpReply, kind: str) -> dict[str, Any] | str:
    """The ``message`` object of a Crossref answer, or why there is none."""
    if reply.status is None:
        return f"Crossref unreachable: {reply.error}"
    if reply.error and reply.status == 200:
        return f"Crossref {reply.error}"
    if reply.status == 400 and not reply.error:
        return f"Crossref rejected the request (HTTP 400): {_failure_text(reply.text)}"
    if reply.status != 200:
        return f"Crossref answered {reply.error or f'HTTP {reply.status}'}"
    try:
        body = json.loads(reply.text)
    except (ValueError, RecursionError):
        return "Crossref answered with malformed JSON"
    if not isinstance(body, dict) or not isinstance(body.get("message"), dict):
        return "Crossref answered with an unexpected shape"
    if body.get("message-type") not in (kind, None):
        return f"Crossref answered a {str(body.get('message-type'))[:40]!r}, expected {kind!r}"
    return body["message"]


def _failure_text(text: str) -> str:
    try:
        body = json.loads(text)
        parts = body.get("message") or []
        return "; ".join(str(p.get("message", p))[:200] for p in parts[:5]) or text[:200]
    except (ValueError, AttributeError, TypeError, RecursionError):
        return text[:200] or "no details"
