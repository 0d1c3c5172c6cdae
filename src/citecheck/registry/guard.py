"""Bounds on a whole run of requests: a deadline, and a circuit breaker per host.

A :class:`RunGuard` is shared by every client of one registry. Its deadline starts with the
first request, so opening a registry early costs nothing. Its breaker counts network
failures (refused connections, unknown hosts, timeouts, answers too slow) per host
(``scheme://host:port``); after ``threshold`` in a row with no answer in between, the host
is given up on for the rest of the run and every further question to it is answered at
once with the failure's reason ("connection failed (connection refused), 3 times in a row;
not asked again this run"), which the clients put after "Crossref unreachable: ". Any HTTP answer
from the host resets its count.

A host that has not answered once in this run is given up one failure sooner (the network
may be down, and on a network that silently drops packets each failure costs a whole
connect timeout); once one such host has been given up on, any other host that has not
answered yet is given up on at its first failure.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

from citecheck.registry.pacing import Clock


def origin(url: str) -> str:
    """``scheme://host:port`` of a URL, lower-cased: what the breaker and redirects compare."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(scheme, 0)
    except ValueError:  # a port that is not a number
        port = -1
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


class RunGuard:
    """The run's deadline (seconds from the first request) and the per-host breaker."""

    def __init__(self, deadline: float, clock: Clock, threshold: int = 3) -> None:
        self.deadline = max(0.0, deadline)
        self.threshold = max(1, threshold)
        self._clock = clock
        self._start: float | None = None
        self._failures: dict[str, int] = {}
        self._open: dict[str, str] = {}
        self._answered: set[str] = set()
        self._never_reached_opened = False
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._start is None:
                self._start = self._clock()

    def remaining(self) -> float:
        """Seconds left before the run's deadline (the full budget before the first request)."""
        with self._lock:
            if self._start is None:
                return self.deadline
            return max(0.0, self._start + self.deadline - self._clock())

    def refusal(self, url: str) -> str:
        """Why a request to ``url`` must not be made now, or ``""``."""
        why = self._open.get(origin(url))
        if why:
            return why
        if self.remaining() <= 0.0:
            return f"the run's deadline of {self.deadline:g} s has passed; not asked"
        return ""

    def failed(self, url: str, reason: str) -> None:
        """A network failure (no HTTP answer) from ``url``'s host."""
        host = origin(url)
        with self._lock:
            count = self._failures.get(host, 0) + 1
            self._failures[host] = count
            if count >= self._threshold(host) and host not in self._open:
                times = "once" if count == 1 else f"{count} times in a row"
                self._open[host] = f"{reason}, {times}; not asked again this run"
                self._never_reached_opened |= host not in self._answered

    def _threshold(self, host: str) -> int:
        """Failures in a row that give ``host`` up (see the module's docstring)."""
        if host in self._answered:
            return self.threshold
        if self._never_reached_opened:
            return 1
        return max(1, self.threshold - 1)

    def answered(self, url: str) -> None:
        """An HTTP answer (any status) from ``url``'s host."""
        host = origin(url)
        with self._lock:
            self._failures.pop(host, None)
            self._answered.add(host)

    def is_open(self, url: str) -> bool:
        return origin(url) in self._open
