"""A local Crossref/PubMed stand-in on 127.0.0.1 for end-to-end tests and benchmarks.

It serves Crossref-shaped records (``/works/{doi}``, ``/works/{doi}/agency``,
``/works?filter=doi:…``, ``/works?query.bibliographic=…``), PubMed esummary JSON
(``/esummary.fcgi``), efetch XML abstracts (``/efetch.fcgi``), esearch by DOI
(``/esearch.fcgi?term=<doi>[doi]``), the batch citation matcher (``/ecitmatch.cgi``, plain
text, answered as NCBI does: tests/online/citmatch.py) and Europe PMC ``core`` search results
(any path ending in ``/search``: ``query=DOI:"…"`` or ``EXT_ID:… AND SRC:MED``), DataCite
JSON:API records (``/dois/{doi}``, the DOI URL-encoded; 404 with DataCite's error object), with
optional latency and *server-enforced* limits, each service its own: a token bucket per
request class (Crossref single record, Crossref list, NCBI E-utilities, Europe PMC) and a cap
on requests in flight per service, answered with 429 and ``Retry-After`` like a registry
would. Each answer announces the limits of its class (``x-rate-limit-limit``/``-interval``
and ``x-concurrency-limit`` for Crossref, ``X-RateLimit-Limit`` for NCBI) — the limits it
enforces, which the real Crossref does not quite do (its header gives the single-record rate
on list answers too). Standard library only; port 0; a daemon thread; stopped by the context
manager.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

from .citmatch import ecitmatch_answer


@dataclass(frozen=True)
class ServerLimits:
    """The published limits: Crossref's polite pool, NCBI without a key, Europe PMC's
    reported ~10/s."""

    single_rate: float = 10.0
    list_rate: float = 3.0
    concurrency: int = 3  # Crossref requests in flight
    ncbi_rate: float = 3.0
    ncbi_concurrency: int = 3
    europepmc_rate: float = 10.0
    europepmc_concurrency: int = 5
    datacite_rate: float = 10.0
    datacite_concurrency: int = 5

    def rate(self, kind: str) -> float:
        return {
            "single": self.single_rate,
            "list": self.list_rate,
            "ncbi": self.ncbi_rate,
            "europepmc": self.europepmc_rate,
            "datacite": self.datacite_rate,
        }[kind]

    def in_flight(self, service: str) -> int:
        return {
            "crossref": self.concurrency,
            "ncbi": self.ncbi_concurrency,
            "europepmc": self.europepmc_concurrency,
            "datacite": self.datacite_concurrency,
        }[service]


POLITE = ServerLimits()


@dataclass
class RegistryData:
    works: Sequence[Mapping[str, Any]] = ()
    pubmed: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    agencies: Mapping[str, str] = field(default_factory=dict)  # non-Crossref DOIs → agency id
    # PMID → (title, [(label, text), …]) served as efetch XML; "" label: an unstructured one
    pubmed_abstracts: Mapping[str, tuple[str, Sequence[tuple[str, str]]]] = field(
        default_factory=dict
    )
    pmid_by_doi: Mapping[str, str] = field(default_factory=dict)  # esearch term=<doi>[doi]
    europepmc: Sequence[Mapping[str, Any]] = ()  # Europe PMC ``core`` result objects
    datacite: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # DOI → JSON:API

    def __post_init__(self) -> None:
        self.by_doi = {str(w["DOI"]).lower(): w for w in self.works}
        self.index = [(_tokens(_searchable(w)), w) for w in self.works]


class _Bucket:
    def __init__(self, rate: float) -> None:
        self.rate, self.capacity = rate, max(1.0, rate)
        self.tokens, self.stamp = self.capacity, time.monotonic()
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1.0:
                self.tokens -= 1.0
                return True
            return False


class LocalRegistry:
    """The server and its counters (``stats``: requests by kind, 429s)."""

    def __init__(
        self,
        data: RegistryData,
        *,
        latency: float = 0.0,
        limits: ServerLimits | None = None,
    ) -> None:
        self.data = data
        self.latency = latency
        self.limits = limits
        self.stats: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._in_flight: Counter[str] = Counter()
        kinds = ("single", "list", "ncbi", "europepmc", "datacite")
        self._buckets = {k: _Bucket(limits.rate(k)) for k in kinds} if limits else {}
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def reset_stats(self) -> None:
        with self._lock:
            self.stats.clear()

    @contextmanager
    def running(self) -> Iterator[LocalRegistry]:
        registry = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                status, headers, body = registry.answer(self.path)
                data = body.encode("utf-8")
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        thread = threading.Thread(target=server.serve_forever, name="local-registry", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
            self._server = None

    # --- answering ------------------------------------------------------------------------

    def answer(self, raw_path: str) -> tuple[int, dict[str, str], str]:
        parts = urlsplit(raw_path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        kind = request_kind(path)
        service = SERVICE[kind]
        headers = {"Content-Type": "application/json", **self._announced(kind)}
        with self._lock:
            self.stats[f"requests {kind}"] += 1
            cap = self.limits.in_flight(service) if self.limits else 0
            over = self.limits is not None and self._in_flight[service] >= cap
            if not over:
                self._in_flight[service] += 1
        if over or (self._buckets and not self._buckets[kind].take()):
            with self._lock:
                self.stats["429"] += 1
                self.stats[f"429 {kind}"] += 1
                if not over:
                    self._in_flight[service] -= 1
            return (
                429,
                {**headers, "Retry-After": "1", "Content-Type": "text/plain"},
                "Too Many Requests",
            )
        try:
            if self.latency:
                time.sleep(self.latency)
            return self._route(path, query, headers)
        finally:
            with self._lock:
                self._in_flight[service] -= 1

    def _announced(self, kind: str) -> dict[str, str]:
        """The limits this class of request is held to, as the service would say them."""
        if self.limits is None or kind in ("europepmc", "datacite"):
            return {}
        rate = f"{self.limits.rate(kind):g}"
        if kind == "ncbi":
            return {"X-RateLimit-Limit": rate}
        return {
            "x-api-pool": "polite",
            "x-rate-limit-limit": rate,
            "x-rate-limit-interval": "1s",
            "x-concurrency-limit": str(self.limits.concurrency),
        }

    def _route(
        self, path: str, query: Mapping[str, list[str]], headers: dict[str, str]
    ) -> tuple[int, dict[str, str], str]:
        if path.endswith("/esummary.fcgi"):
            return 200, headers, self._esummary(query.get("id", [""])[0])
        if path.endswith("/efetch.fcgi"):
            xml = {"Content-Type": "text/xml; charset=UTF-8"}
            return 200, xml, self._efetch(query.get("id", [""])[0])
        if path.endswith("/ecitmatch.cgi"):
            text = {"Content-Type": "text/plain; charset=UTF-8"}
            return 200, text, ecitmatch_answer(query.get("bdata", [""])[0], self.data.pubmed)
        if path.endswith("/esearch.fcgi"):
            return 200, headers, self._esearch(query.get("term", [""])[0])
        if path.endswith("/search"):
            return 200, headers, self._europepmc(query.get("query", [""])[0])
        if path.startswith("/dois/"):
            return self._datacite(path[len("/dois/") :])
        if path.rstrip("/") == "/works":
            return 200, headers, self._list(query)
        m = re.match(r"^/works/(.+?)(/agency)?$", path)
        if not m:
            return 404, {"Content-Type": "text/plain"}, "Resource not found."
        doi, agency = m.group(1), m.group(2)
        record = self.data.by_doi.get(doi.lower())
        if agency:
            other = self.data.agencies.get(doi.lower())
            if record is None and other is None:
                return 404, {"Content-Type": "text/plain"}, "Resource not found."
            ident = other or "crossref"
            body = {"DOI": doi, "agency": {"id": ident, "label": ident.title()}}
            return 200, headers, _envelope("work-agency", body)
        if record is None:
            return 404, {"Content-Type": "text/plain"}, "Resource not found."
        return 200, headers, _envelope("work", record)

    def _datacite(self, doi: str) -> tuple[int, dict[str, str], str]:
        jsonapi = {"Content-Type": "application/vnd.api+json; charset=utf-8"}
        record = {k.lower(): v for k, v in self.data.datacite.items()}.get(doi.lower())
        if record is None:
            error = {"status": "404", "title": "The resource you are looking for doesn't exist."}
            return 404, jsonapi, json.dumps({"errors": [error]})
        return 200, jsonapi, json.dumps(record)

    def _list(self, query: Mapping[str, list[str]]) -> str:
        rows = int(query.get("rows", ["20"])[0])
        flt = query.get("filter", [""])[0]
        if flt:
            dois = [f[4:].lower() for f in flt.split(",") if f.startswith("doi:")]
            items = [self.data.by_doi[d] for d in dois if d in self.data.by_doi][:rows]
        else:
            items = self._search(query.get("query.bibliographic", [""])[0], rows)
        body = {"total-results": len(items), "items": items, "items-per-page": rows}
        return _envelope("work-list", body)

    def _search(self, text: str, rows: int) -> list[dict[str, Any]]:
        wanted = _tokens(text)
        scored = []
        for tokens, work in self.data.index:
            overlap = len(wanted & tokens)
            if overlap:
                scored.append((overlap * 4.0 + overlap / (1 + len(tokens)), work))
        scored.sort(key=lambda x: x[0], reverse=True)
        return [{**w, "score": round(s, 3)} for s, w in scored[:rows]]

    def _esummary(self, ids: str) -> str:
        uids = [i for i in ids.split(",") if i]
        result: dict[str, Any] = {"uids": uids}
        for uid in uids:
            result[uid] = self.data.pubmed.get(uid) or {
                "uid": uid,
                "error": "cannot get document summary",
            }
        return json.dumps({"header": {"type": "esummary", "version": "0.3"}, "result": result})

    def _efetch(self, ids: str) -> str:
        articles = []
        for pmid in (i for i in ids.split(",") if i):
            found = self.data.pubmed_abstracts.get(pmid)
            if found is None:
                continue
            title, sections = found
            texts = "".join(
                f'<AbstractText Label="{escape(label)}" NlmCategory="{escape(label)}">'
                f"{escape(text)}</AbstractText>"
                if label
                else f"<AbstractText>{escape(text)}</AbstractText>"
                for label, text in sections
            )
            abstract = f"<Abstract>{texts}</Abstract>" if sections else ""
            articles.append(
                f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
                f'<PMID Version="1">{pmid}</PMID><Article><ArticleTitle>{escape(title)}'
                f"</ArticleTitle>{abstract}</Article></MedlineCitation></PubmedArticle>"
            )
        return (
            '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle,'
            ' 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">'
            "\n<!-- served by tests/online/registry_server.py: WRITTEN FOR THE TEST -->"
            f"\n<PubmedArticleSet>{''.join(articles)}</PubmedArticleSet>"
        )

    def _esearch(self, term: str) -> str:
        doi = term[: -len("[doi]")] if term.lower().endswith("[doi]") else ""
        pmid = self.data.pmid_by_doi.get(doi.lower())
        ids = [pmid] if pmid else []
        result = {"count": str(len(ids)), "retmax": str(len(ids)), "idlist": ids}
        return json.dumps(
            {"header": {"type": "esearch", "version": "0.3"}, "esearchresult": result}
        )

    def _europepmc(self, query: str) -> str:
        by_doi = re.fullmatch(r'DOI:"(.+)"', query.strip())
        by_pmid = re.fullmatch(r"EXT_ID:(\d+) AND SRC:MED", query.strip())
        hits = [
            r
            for r in self.data.europepmc
            if (by_doi and str(r.get("doi", "")).lower() == by_doi.group(1).lower())
            or (by_pmid and str(r.get("pmid", "")) == by_pmid.group(1))
        ]
        return json.dumps(
            {
                "version": "6.9",
                "hitCount": len(hits),
                "request": {"queryString": query, "resultType": "core"},
                "resultList": {"result": hits},
            }
        )


SERVICE = {
    "single": "crossref",
    "list": "crossref",
    "ncbi": "ncbi",
    "europepmc": "europepmc",
    "datacite": "datacite",
}


def request_kind(path: str) -> str:
    """Which limit a request counts against: Crossref single or list, NCBI, Europe PMC,
    DataCite."""
    if path.startswith("/dois/"):
        return "datacite"
    if path.endswith((".fcgi", ".cgi")):
        return "ncbi"
    if path.endswith("/search"):
        return "europepmc"
    return "list" if path.rstrip("/") == "/works" else "single"


def _envelope(kind: str, message: Any) -> str:
    return json.dumps(
        {"status": "ok", "message-type": kind, "message-version": "1.0.0", "message": message}
    )


def _searchable(w: Mapping[str, Any]) -> str:
    bits = [*w.get("title", []), *w.get("container-title", []), *w.get("short-container-title", [])]
    bits += [a.get("family", "") for a in w.get("author", [])]
    bits += [str(w.get(k, "")) for k in ("volume", "page")]
    bits += [str(w.get("issued", {}).get("date-parts", [[""]])[0][0])]
    return " ".join(bits)


def _tokens(text: str) -> frozenset[str]:
    return frozenset(
        t for t in re.findall(r"[a-z0-9]+", re.sub(r"<[^>]+>", "", text.lower())) if len(t) > 1
    )
