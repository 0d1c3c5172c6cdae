"""Stay inside a registry's limits: requests per second, requests in flight, back-off.

A :class:`Gate` spaces the *start* of requests to at most ``rate`` per second and lets at
most ``concurrency`` be in flight (the in-flight budget may be shared between gates, as
Crossref counts it per client across single and list requests). A 429 or a ``Retry-After``
pauses the whole gate, so that every worker thread backs off, not only the one that was
told. Limits announced by the server (``x-rate-limit-*``, ``x-concurrency-limit``) can
only lower the configured ones.

Clocks and sleeps are injected so tests run without waiting.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class InFlight:
    """A counting limit on requests in flight that can be lowered while in use."""

    def __init__(self, limit: int) -> None:
        self._limit = max(1, limit)
        self._busy = 0
        self._cond = threading.Condition()

    @property
    def limit(self) -> int:
        return self._limit

    def lower(self, limit: int) -> None:
        with self._cond:
            self._limit = max(1, min(self._limit, limit))

    @contextmanager
    def hold(self) -> Iterator[None]:
        with self._cond:
            while self._busy >= self._limit:
                self._cond.wait()
            self._busy += 1
        try:
            yield
        finally:
            with self._cond:
                self._busy -= 1
                self._cond.notify()


class Gate:
    """Rate and concurrency limit for one pool of requests (e.g. Crossref list queries)."""

    def __init__(
        self,
        name: str,
        rate: float,
        in_flight: InFlight,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.name = name
        self._rate = rate
        self.in_flight = in_flight
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    @property
    def rate(self) -> float:
        return self._rate

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Wait for a turn (in flight, then start time) and hold it while the request runs."""
        with self.in_flight.hold():
            with self._lock:
                now = self._clock()
                start = max(now, self._next)
                self._next = start + 1.0 / self._rate
            if start > now:
                self._sleep(start - now)
            yield

    def pause(self, seconds: float) -> None:
        """No request of this gate starts for ``seconds`` from now."""
        with self._lock:
            self._next = max(self._next, self._clock() + seconds)

    def observe(self, headers: Mapping[str, str]) -> None:
        """Lower the limits to what the server announces (never raise them)."""
        limit = _number(headers.get("x-rate-limit-limit"))
        interval = _seconds(headers.get("x-rate-limit-interval", "1s"))
        if limit and interval:
            with self._lock:
                self._rate = min(self._rate, limit / interval)
        concurrency = _number(headers.get("x-concurrency-limit"))
        if concurrency:
            self.in_flight.lower(int(concurrency))


def _number(value: str | None) -> float | None:
    try:
        n = float(value) if value is not None else None
    except ValueError:
        return None
    return n if n and n > 0 else None


def _seconds(value: str) -> float | None:
    text = value.strip().lower()
    scale = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
    for unit in ("ms", "s", "m", "h"):
        if text.endswith(unit):
            n = _number(text[: -len(unit)])
            return n * scale[unit] if n else None
    return _number(text)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry on timeouts, 429 and 5xx."""

    attempts: int = 4  # tries in all, the first one included
    base: float = 0.5  # seconds; doubles each retry
    cap: float = 8.0
    max_retry_after: float = 60.0  # a longer Retry-After gives up instead of waiting

    def delay(self, retry: int, rng: random.Random) -> float:
        """Exponential back-off with jitter for the ``retry``-th retry (0-based)."""
        ceiling = min(self.cap, self.base * 2**retry)
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())
