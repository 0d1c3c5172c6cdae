"""Stay inside a registry's limits: requests per second, requests in flight, back-off.

A :class:`Gate` spaces the *start* of requests to at most ``rate`` per second and lets at
most ``concurrency`` be in flight (the in-flight budget may be shared between gates, as
Crossref counts it per client across single and list requests). A 429 or a ``Retry-After``
pauses the whole gate, so that every worker thread backs off, not only the one that was
told. Limits announced by the server (``x-rate-limit-*``, NCBI's ``x-ratelimit-limit``,
``x-concurrency-limit``) can only lower the configured ones for the public services, and
never below :data:`MIN_RATE` requests per second. A gate that *follows* its server (a mirror
or a local service, not the public host) takes the announced limits as they are, up to
:data:`MAX_FOLLOWED_RATE`, until the server answers 429: from then on it only lowers, from
the rate it started with. A header is read defensively (``inf``, ``0.001``, non-ASCII
digits, nonsense), clamped, or ignored.

Clocks and sleeps are injected so tests run without waiting.
"""

from __future__ import annotations

import math
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

Clock = Callable[[], float]
Sleep = Callable[[float], None]

MIN_RATE = 0.5  # requests per second: no server header slows a gate below this
MAX_FOLLOWED_RATE = 1000.0  # nor raises a following gate above this
MAX_HEADER_SECONDS = 86400.0  # Retry-After beyond a day is read as "a day" (then given up on)


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

    def set(self, limit: int) -> None:
        """Raise or lower the limit (a server that announces its own)."""
        with self._cond:
            self._limit = max(1, limit)
            self._cond.notify_all()

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
        follow: bool = False,
    ) -> None:
        self.name = name
        self._rate = rate
        self._start_rate = rate
        self._follow = follow
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

    @property
    def follows(self) -> bool:
        return self._follow

    def observe(self, headers: Mapping[str, str]) -> None:
        """Take the limits the server announces: lower ones always (never below
        :data:`MIN_RATE`), higher ones only when the gate follows its server; a header that
        is not a finite positive number is ignored."""
        limit = _number(headers.get("x-rate-limit-limit") or headers.get("x-ratelimit-limit"))
        interval = _seconds(headers.get("x-rate-limit-interval") or "1s")
        if limit and interval:
            announced = limit / interval
            with self._lock:
                if self._follow:
                    self._rate = min(max(announced, MIN_RATE), MAX_FOLLOWED_RATE)
                else:
                    self._rate = max(min(self._rate, announced), min(self._rate, MIN_RATE))
        concurrency = _number(headers.get("x-concurrency-limit"))
        if concurrency and concurrency >= 1:
            if self._follow:
                self.in_flight.set(int(min(concurrency, 1000)))
            else:
                self.in_flight.lower(int(min(concurrency, 1000)))

    def throttled(self) -> None:
        """The server answered 429: stop following its announcements (it does not keep
        them) and go back to the rate the gate started with, if that is lower."""
        with self._lock:
            if self._follow:
                self._follow = False
                self._rate = min(self._rate, self._start_rate)


_DECIMAL = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,12})?")


def _number(value: str | None) -> float | None:
    """A finite positive decimal number written in ASCII digits, else None."""
    if value is None:
        return None
    text = value.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    n = float(text)
    return n if 0 < n < math.inf else None


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
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), at most
    :data:`MAX_HEADER_SECONDS`; None for anything unreadable (non-ASCII, a date that does
    not exist, a year past 9999)."""
    if not value:
        return None
    text = value.strip()
    if re.fullmatch(r"[0-9]{1,30}", text):
        return min(float(text), MAX_HEADER_SECONDS)
    if not text.isascii() or len(text) > 64:
        return None
    try:
        when = parsedate_to_datetime(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        now = now or datetime.now(timezone.utc)
        seconds = (when - now).total_seconds()
    except (TypeError, ValueError, OverflowError, IndexError):
        return None
    return min(max(0.0, seconds), MAX_HEADER_SECONDS)
