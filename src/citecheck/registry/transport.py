"""One HTTP GET, paced, bounded and retried; the answer is data, network trouble included.

:func:`fetch` never raises for network trouble: a timeout, a refused connection, a 429 or a
5xx that outlasts the retries, an answer too large, too slow or an HTML page where JSON was
expected comes back as an :class:`HttpReply` with ``error`` set. Redirects are followed only
on the host that was asked (a few hops); one to another host is an error. A response already
in the ``requests-cache`` store is answered without taking a rate slot; a new one is stored
only when the client found it usable (:func:`keep`), so an error page is never cached.
The run's deadline and the per-host circuit breaker live in :mod:`citecheck.registry.guard`.
"""

from __future__ import annotations

import errno
import random
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import requests

from citecheck.registry.body import ACCEPT_ENCODING, BodyError, BodyLimits, read_body, text_of
from citecheck.registry.guard import RunGuard, origin
from citecheck.registry.pacing import Clock, Gate, RetryPolicy, Sleep, retry_after_seconds
from citecheck.registry.traffic import Meter, service_of

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 3
ACCEPT = {
    "json": "application/json",
    "jsonapi": "application/vnd.api+json",  # JSON:API (DataCite)
    "xml": "text/xml, application/xml",
    "text": "text/plain",
}


@dataclass(frozen=True)
class HttpReply:
    status: int | None  # None: no HTTP answer at all
    text: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    url: str = ""
    error: str = ""  # why there is no usable answer
    from_cache: bool = False
    response: Any = field(default=None, compare=False, repr=False)  # for keep()

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.error

    @property
    def media_type(self) -> str:
        """``application/json``, ``text/html``, …: the content type without parameters."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def media_kind(media_type: str, text: str = "") -> str:
    """``json``, ``xml``, ``html``, ``text`` or ``other`` (an HTML page is told by its
    content type or, when that is missing or plain text, by its first tag)."""
    if media_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if media_type in ("", "text/plain") and text[:200].lstrip()[:14].lower().startswith(
        ("<!doctype html", "<html")
    ):
        return "html"
    if media_type == "application/json" or media_type.endswith("+json"):
        return "json"
    if media_type in ("text/xml", "application/xml") or media_type.endswith("+xml"):
        return "xml"
    return "text" if media_type in ("", "text/plain") else "other"


@dataclass(frozen=True)
class Transport:
    """What :func:`fetch` needs besides the URL: session, timeouts, retry policy, bounds."""

    session: requests.Session
    timeout: tuple[float, float] = (5.0, 30.0)
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Sleep = time.sleep
    clock: Clock = time.monotonic
    rng: random.Random = field(default_factory=random.Random)
    request_deadline: float = 60.0  # seconds for one request, its body included
    limits: BodyLimits = field(default_factory=BodyLimits)
    guard: RunGuard | None = None  # the run's deadline and breaker; None: unbounded
    meter: Meter = field(default_factory=Meter)  # requests, cache hits and 429s by service

    def __post_init__(self) -> None:
        if self.guard is None:
            object.__setattr__(self, "guard", RunGuard(float("inf"), self.clock))

    @property
    def run(self) -> RunGuard:
        assert self.guard is not None
        return self.guard


def fetch(
    transport: Transport,
    gate: Gate,
    url: str,
    params: Mapping[str, str] | None = None,
    *,
    expect: str = "json",
) -> HttpReply:
    """GET ``url`` within ``gate``'s limits and the run's bounds, retrying timeouts, 429 and
    5xx with back-off. ``expect`` (``json``, ``jsonapi`` or ``xml``): an HTML page instead is an
    error."""
    service = service_of(gate.name)
    cached = _from_cache(transport.session, url, params)
    if cached is not None:
        transport.meter.from_cache(service)
        return _checked(cached, expect)
    run = transport.run
    run.start()
    last = HttpReply(None, url=url, error="no attempt made")
    policy = transport.policy
    for attempt in range(policy.attempts):
        wait: float | None = None
        refused = run.refusal(url)
        if refused:  # before queueing for a rate slot: an open breaker answers at once
            return HttpReply(None, url=url, error=refused)
        with gate.slot():
            refused = run.refusal(url)
            if refused:
                return HttpReply(None, url=url, error=refused)
            transport.meter.sent(service)
            last = _get(transport, url, params, expect)
            if _retryable(last) and last.status is None:  # no usable answer from the host
                run.failed(url, last.error)
                if run.is_open(url):
                    return HttpReply(None, url=url, error=run.refusal(url))
            else:
                run.answered(url)
                gate.observe(last.headers)
            if last.error and not _retryable(last):
                return last
            if last.status is not None and last.status not in RETRY_STATUS:
                return last
            if last.status in RETRY_STATUS:
                wait = retry_after_seconds(last.headers.get("retry-after"))
                if wait is not None and wait > min(policy.max_retry_after, run.remaining()):
                    return _gave_up(last, attempt + 1, f"Retry-After {wait:.0f}s is too long")
                last = HttpReply(
                    last.status, last.text, last.headers, last.url, f"HTTP {last.status}"
                )
        if attempt + 1 == policy.attempts:
            break
        delay = wait if wait is not None else policy.delay(attempt, transport.rng)
        delay = min(delay, run.remaining())
        if last.status == 429:
            transport.meter.throttled(service)
            gate.throttled()
            gate.pause(delay)  # every worker waits, not only this one
        transport.sleep(delay)
    return _gave_up(last, policy.attempts, "")


def _retryable(reply: HttpReply) -> bool:
    if reply.status is None:
        return not reply.error.startswith("request failed")
    return reply.status in RETRY_STATUS


def _get(
    transport: Transport, url: str, params: Mapping[str, str] | None, expect: str
) -> HttpReply:
    """One request and the redirects it leads to on the same host, body read within bounds."""
    started = transport.clock()
    deadline = started + min(transport.request_deadline, transport.run.remaining())
    home = origin(url)
    headers = {"Accept-Encoding": ACCEPT_ENCODING, "Accept": ACCEPT.get(expect, "*/*")}
    for _hop in range(MAX_REDIRECTS + 1):
        left = max(0.05, deadline - transport.clock())
        timeout = (min(transport.timeout[0], left), min(transport.timeout[1], left))
        try:
            resp = transport.session.get(
                url,
                params=params,
                timeout=timeout,
                stream=True,
                allow_redirects=False,
                headers=headers,
            )
        except requests.Timeout:
            return HttpReply(None, url=url, error="timed out")
        except requests.ConnectionError as exc:
            return HttpReply(None, url=url, error=f"connection failed ({network_reason(exc)})")
        except (requests.RequestException, ValueError) as exc:  # invalid URL and the like
            return HttpReply(None, url=url, error=f"request failed ({_short(exc)})")
        try:
            status = resp.status_code
            answer = {k.lower(): v for k, v in resp.headers.items()}
            location = answer.get("location", "")
            if status in REDIRECT_STATUS and location:
                target = urljoin(resp.url or url, location)
                if origin(target) != home:
                    return HttpReply(
                        status,
                        "",
                        answer,
                        url,
                        f"redirected to another host ({_short_url(target)}); not followed",
                    )
                url, params = target, None
                continue
            try:
                body = read_body(
                    resp.raw,
                    answer.get("content-encoding", ""),
                    transport.limits,
                    deadline,
                    transport.clock,
                )
            except BodyError as exc:
                return HttpReply(None if exc.network else status, "", answer, url, str(exc))
            text = text_of(body, answer.get("content-type", ""))
            resp._content = body
            setattr(resp, "_content_consumed", True)  # noqa: B010  (private in requests)
            reply = HttpReply(status, text, answer, resp.url or url, response=resp)
            return _checked(reply, expect)
        finally:
            resp.close()
    return HttpReply(None, url=url, error=f"more than {MAX_REDIRECTS} redirects; not followed")


def _checked(reply: HttpReply, expect: str) -> HttpReply:
    """An HTML page where JSON or XML was expected is an error page, whatever its status."""
    if reply.error or reply.status is None:
        return reply
    if media_kind(reply.media_type, reply.text) == "html":
        what = f"an HTML page (HTTP {reply.status}), not {expect.upper()}"
        return HttpReply(
            reply.status,
            reply.text[:500],
            reply.headers,
            reply.url,
            f"answered {what}",
            reply.from_cache,
        )
    return reply


def keep(transport: Transport, reply: HttpReply, expect: str = "json") -> None:
    """Store a usable answer in the HTTP cache: only a 200 of the expected content type,
    read whole (the client calls this once it has read the answer successfully)."""
    session, resp = transport.session, reply.response
    if resp is None or reply.from_cache or not reply.ok or not hasattr(session, "cache"):
        return
    if media_kind(reply.media_type) != expect:
        return
    try:
        from requests_cache.policy.expiration import get_expiration_datetime

        resp.headers.pop("Content-Encoding", None)  # the stored body is decompressed
        expires = get_expiration_datetime(getattr(session, "settings").expire_after)  # noqa: B009
        session.cache.save_response(resp, expires=expires)
    except Exception:  # a read-only or full cache must not fail a lookup
        return


def _gave_up(last: HttpReply, attempts: int, why: str) -> HttpReply:
    what = last.error or (f"HTTP {last.status}" if last.status else "no answer")
    detail = f"{what} after {attempts} attempt{'s' if attempts != 1 else ''}"
    if why:
        detail = f"{detail}; {why}"
    return HttpReply(last.status, last.text, last.headers, last.url, detail)


def _from_cache(
    session: requests.Session, url: str, params: Mapping[str, str] | None
) -> HttpReply | None:
    """A stored answer from a ``requests_cache.CachedSession``, without touching the network."""
    if not hasattr(session, "cache"):
        return None
    try:
        resp = session.get(url, params=params, only_if_cached=True)  # type: ignore[call-arg]
    except Exception:  # a broken cache is no cache
        return None
    if resp.status_code == 504 or not getattr(resp, "from_cache", False):
        return None
    headers = {k.lower(): v for k, v in resp.headers.items()}
    return HttpReply(resp.status_code, resp.text, headers, resp.url, from_cache=True)


def network_reason(exc: BaseException) -> str:
    """The root cause of a connection failure in a few words (``connection refused``,
    ``host name not found``, …) and the host, not urllib3's whole chain."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    root: BaseException = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        root = cause
        nxt = cause.__cause__ or cause.__context__
        if nxt is None and cause.args and isinstance(cause.args[0], BaseException):
            nxt = cause.args[0]
        if nxt is None:
            nxt = (
                getattr(cause, "reason", None)
                if isinstance(getattr(cause, "reason", None), BaseException)
                else None
            )
        cause = nxt
    if isinstance(root, socket.gaierror):
        return "host name not found"
    if (
        isinstance(root, ConnectionRefusedError)
        or getattr(root, "errno", None) == errno.ECONNREFUSED
    ):
        return "connection refused"
    if isinstance(root, ConnectionResetError):
        return "connection reset"
    if isinstance(root, TimeoutError | socket.timeout):
        return "timed out"
    text = str(root)
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "host name not found"
    return _short(root)


def _short_url(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
