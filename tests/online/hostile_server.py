"""A hostile registry on 127.0.0.1 for the tests: every way a service (or what stands in
front of it) can misbehave, one mode at a time.

``HostileRegistry(mode, record=…, pubmed=…)`` answers every request the way ``mode`` says
(see :data:`MODES`): malformed JSON, records of the wrong shape, huge bodies, a slow drip,
connection resets, silence, absurd ``Retry-After`` and rate-limit headers, redirects to
another host, gzip bombs, HTML pages with 200 and 404. Standard library only; port 0; a
daemon thread; every loop is bounded (and ends when the server stops); stopped by the
context manager. ``requests`` counts the requests it was sent.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import socket
import struct
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>{title}</title></head>"
    "<body><h1>{title}</h1><p>Resource not found.</p></body></html>"
)
ABSURD_RETRY_AFTER = ["99999999999", "Fri, 31 Dec 99999 23:59:59 GMT", "\u00b2", "inf", "-5"]

MODES = (
    "malformed-json",  # 200, JSON cut short
    "deep-json",  # 200, 100,000 nested arrays
    "wrong-shapes",  # 200, integers where lists and objects belong
    "null-fields",  # 200, the right record with null names, a dict volume (PubMed: null title)
    "wrong-id",  # 200, another DOI's record; an esummary without the asked id
    "huge",  # 200, a body of 4 MB (tests cap answers at 1 MB)
    "slow-drip",  # 200, one byte every 50 ms
    "silent",  # accepts the connection, never answers
    "reset",  # accepts the connection and resets it
    "retry-after",  # 429 with absurd Retry-After values
    "absurd-limits",  # the right record, with x-rate-limit-limit 0.001, concurrency inf
    "redirect-off-host",  # 301 to a host that is not the one asked
    "gzip-bomb",  # 200, 64 MB of zeros gzipped to ~64 kB
    "html-200",  # 200 text/html maintenance page
    "html-404",  # 404 text/html error page
    "proxy-404",  # 404 text/plain that is not Crossref's "Resource not found."
)


class HostileRegistry:
    def __init__(
        self,
        mode: str,
        *,
        record: Mapping[str, Any] | None = None,
        pubmed: Mapping[str, Any] | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.mode = mode
        self.record = dict(record or {})
        self.pubmed = dict(pubmed or {})
        self.requests = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @contextmanager
    def running(self) -> Iterator[HostileRegistry]:
        hostile = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with hostile._lock:
                    hostile.requests += 1
                    count = hostile.requests
                with contextlib.suppress(OSError):  # the client gave up: that is the point
                    hostile.misbehave(self, count)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        thread = threading.Thread(target=server.serve_forever, name="hostile", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
            self._server = None

    # --- the misbehaviours ----------------------------------------------------------------

    def misbehave(self, h: BaseHTTPRequestHandler, count: int) -> None:
        path = unquote(urlsplit(h.path).path)
        query = parse_qs(urlsplit(h.path).query)
        mode = self.mode
        if mode == "reset":
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
            h.close_connection = True
            return
        if mode == "silent":
            self._stop.wait(10.0)
            h.close_connection = True
            return
        if mode == "slow-drip":
            self._drip(h)
            return
        if mode == "retry-after":
            value = ABSURD_RETRY_AFTER[count % len(ABSURD_RETRY_AFTER)]
            self._send(h, 429, "text/plain", b"Too Many Requests", {"Retry-After": value})
            return
        if mode == "redirect-off-host":
            self._send(h, 301, "text/plain", b"", {"Location": f"http://203.0.113.7{h.path}"})
            return
        if mode in ("html-200", "html-404"):
            status = 200 if mode == "html-200" else 404
            page = HTML_PAGE.format(title="Down for maintenance" if status == 200 else "404")
            self._send(h, status, "text/html; charset=utf-8", page.encode())
            return
        if mode == "proxy-404":
            self._send(h, 404, "text/plain", b"404 page not found")
            return
        if mode == "huge":
            self._huge(h)
            return
        if mode == "gzip-bomb":
            self._send(h, 200, "application/json", gzip_bomb(), {"Content-Encoding": "gzip"})
            return
        if mode == "malformed-json":
            self._send(h, 200, "application/json", b'{"status": "ok", "message": {"DOI": ')
            return
        if mode == "deep-json":
            self._send(h, 200, "application/json", b"[" * 100_000 + b"]" * 100_000)
            return
        body, headers = self._shaped(path, query), {}
        if mode == "absurd-limits":
            headers = {
                "x-rate-limit-limit": "0.001",
                "x-rate-limit-interval": "infs",
                "x-concurrency-limit": "inf",
            }
        self._send(h, 200, "application/json", json.dumps(body).encode(), headers)

    def _shaped(self, path: str, query: Mapping[str, list[str]]) -> Any:
        """A JSON answer whose content the mode has spoiled."""
        mode, record = self.mode, dict(self.record)
        if path.endswith("/esummary.fcgi"):
            ids = [i for i in query.get("id", [""])[0].split(",") if i]
            item = {**self.pubmed}
            if mode == "wrong-shapes":
                item.update(authors=5, articleids=7, pubtype=3)
            elif mode == "null-fields":
                item.update(title=None, authors=[{"name": None, "authtype": "Author"}])
            result: dict[str, Any] = {"uids": ids}
            if mode != "wrong-id":
                result.update({i: {**item, "uid": i} for i in ids})
            return {"result": result}
        if path.endswith("/esearch.fcgi"):
            return {"esearchresult": {"idlist": 5 if mode == "wrong-shapes" else [{"x": 1}]}}
        if mode == "wrong-shapes":
            record.update(author=3, institution=4, **{"updated-by": 5, "update-to": 6})
        elif mode == "null-fields":
            record.update(author=[{"family": None, "given": "R"}], volume={"v": 1})
        elif mode == "wrong-id":
            record["DOI"] = "10.9999/someone-else"
        if path.rstrip("/") == "/works":
            items: Any = 7 if mode == "wrong-shapes" else [record]
            return {"status": "ok", "message-type": "work-list", "message": {"items": items}}
        if path.endswith("/agency"):
            return {"status": "ok", "message-type": "work-agency", "message": {"agency": 5}}
        return {"status": "ok", "message-type": "work", "message": record}

    def _send(
        self,
        h: BaseHTTPRequestHandler,
        status: int,
        content_type: str,
        body: bytes,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _huge(self, h: BaseHTTPRequestHandler) -> None:
        chunk = b" " * 65536
        total = 4 * 1024 * 1024
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(total + 2))
        h.end_headers()
        h.wfile.write(b"[")
        for _ in range(total // len(chunk)):
            if self._stop.is_set():
                return
            h.wfile.write(chunk)
        h.wfile.write(b"]")

    def _drip(self, h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", "100000")
        h.end_headers()
        for _ in range(400):  # at most 20 s, unless the client hangs up first
            if self._stop.is_set():
                return
            h.wfile.write(b" ")
            h.wfile.flush()
            time.sleep(0.05)


_BOMB: list[bytes] = []


def gzip_bomb(megabytes: int = 64) -> bytes:
    """``megabytes`` MB of zeros, gzipped (about 1/1000 of the size); made once."""
    if not _BOMB:
        out = io.BytesIO()
        with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as z:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                z.write(zeros)
        _BOMB.append(out.getvalue())
    return _BOMB[0]
