"""One HTTP GET, paced and retried; the answer is data, network trouble included.

:func:`fetch` never raises for network trouble: a timeout, a refused connection, a 429 or a
5xx that outlasts the retries comes back as an :class:`HttpReply` with ``error`` set. A
response already in the ``requests-cache`` store is answered without taking a rate slot.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import requests

from citecheck.registry.pacing import Clock, Gate, RetryPolicy, Sleep, retry_after_seconds

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class HttpReply:
    status: int | None  # None: no HTTP answer at all
    text: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    url: str = ""
    error: str = ""  # why there is no usable answer
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.error


@dataclass(frozen=True)
class Transport:
    """What :func:`fetch` needs besides the URL: session, timeouts, retry policy."""

    session: requests.Session
    timeout: tuple[float, float] = (5.0, 30.0)
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Sleep = time.sleep
    clock: Clock = time.monotonic
    rng: random.Random = field(default_factory=random.Random)


def fetch(
    transport: Transport, gate: Gate, url: str, params: Mapping[str, str] | None = None
) -> HttpReply:
    """GET ``url`` within ``gate``'s limits, retrying timeouts, 429 and 5xx with back-off."""
    cached = _from_cache(transport.session, url, params)
    if cached is not None:
        return cached
    last = HttpReply(None, error="no attempt made")
    policy = transport.policy
    for attempt in range(policy.attempts):
        wait: float | None = None
        with gate.slot():
            try:
                resp = transport.session.get(url, params=params, timeout=transport.timeout)
            except requests.Timeout:
                last = HttpReply(None, url=url, error="timed out")
            except requests.ConnectionError as exc:
                last = HttpReply(None, url=url, error=f"connection failed ({_short(exc)})")
            except requests.RequestException as exc:  # invalid URL and the like: no retry
                return HttpReply(None, url=url, error=f"request failed ({_short(exc)})")
            else:
                headers = {k.lower(): v for k, v in resp.headers.items()}
                gate.observe(headers)
                last = HttpReply(resp.status_code, resp.text, headers, resp.url)
                if resp.status_code not in RETRY_STATUS:
                    return last
                wait = retry_after_seconds(headers.get("retry-after"))
                if wait is not None and wait > policy.max_retry_after:
                    return _gave_up(last, attempt + 1, f"Retry-After {wait:.0f}s is too long")
                last = HttpReply(
                    resp.status_code, resp.text, headers, resp.url, f"HTTP {resp.status_code}"
                )
        if attempt + 1 == policy.attempts:
            break
        delay = wait if wait is not None else policy.delay(attempt, transport.rng)
        if last.status == 429:
            gate.pause(delay)  # every worker waits, not only this one
        transport.sleep(delay)
    return _gave_up(last, policy.attempts, "")


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
    except requests.RequestException:
        return None
    if resp.status_code == 504 or not getattr(resp, "from_cache", False):
        return None
    headers = {k.lower(): v for k, v in resp.headers.items()}
    return HttpReply(resp.status_code, resp.text, headers, resp.url, from_cache=True)


def _short(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
