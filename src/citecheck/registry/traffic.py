"""What a run asked of the network: requests per service, answers from the HTTP cache, 429s,
answers reused from the run's own cache, and the time it took.

A :class:`Meter` is shared by the clients of one registry (the transport counts into it);
:class:`Traffic` is a frozen snapshot that adds and subtracts, so a caller can say what one
manuscript's check cost (after minus before) and what a whole run cost (the sum).
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

SERVICES = {
    "crossref": "Crossref",
    "ncbi": "NCBI",
    "europepmc": "Europe PMC",
    "datacite": "DataCite",
    "local": "local registry",  # answers from a local registry database: no network
}


@dataclass(frozen=True)
class Traffic:
    """Counts by service (``requests``: sent over the network, retries included;
    ``cached``: answered by the HTTP cache; ``throttled``: 429 answers), answers reused from
    the run's cache (``reused``: questions another manuscript of the run had asked), and
    seconds spent."""

    requests: tuple[tuple[str, int], ...] = ()
    cached: tuple[tuple[str, int], ...] = ()
    throttled: tuple[tuple[str, int], ...] = ()
    reused: int = 0
    seconds: float = 0.0

    @classmethod
    def of(
        cls,
        requests: Counter[str],
        cached: Counter[str],
        throttled: Counter[str],
        reused: int = 0,
        seconds: float = 0.0,
    ) -> Traffic:
        def items(c: Counter[str]) -> tuple[tuple[str, int], ...]:
            return tuple(sorted((k, v) for k, v in c.items() if v))

        return cls(items(requests), items(cached), items(throttled), reused, seconds)

    def _counters(self) -> tuple[Counter[str], Counter[str], Counter[str]]:
        return (
            Counter(dict(self.requests)),
            Counter(dict(self.cached)),
            Counter(dict(self.throttled)),
        )

    def __add__(self, other: Traffic) -> Traffic:
        a, b = self._counters(), other._counters()
        return Traffic.of(
            a[0] + b[0], a[1] + b[1], a[2] + b[2], self.reused + other.reused,
            self.seconds + other.seconds,
        )  # fmt: skip

    def since(self, before: Traffic, seconds: float) -> Traffic:
        """What was counted after ``before``, over ``seconds``."""
        a, b = self._counters(), before._counters()
        return Traffic.of(
            a[0] - b[0], a[1] - b[1], a[2] - b[2], self.reused - before.reused, seconds
        )

    @property
    def total_requests(self) -> int:
        return sum(n for _, n in self.requests)

    @property
    def total_cached(self) -> int:
        return sum(n for _, n in self.cached)

    def sentence(self) -> str:
        """``online requests: Crossref 4, NCBI 3 (0 from the HTTP cache, …), 2.1 s``."""
        sent = dict(self.requests)
        per = ", ".join(f"{SERVICES.get(k, k)} {sent[k]}" for k in sorted(sent)) or "none"
        extra = [f"{self.total_cached} answered from the HTTP cache"]
        if self.reused:
            extra.append(f"{self.reused} reused from earlier manuscripts")
        if self.throttled:
            extra.append(f"{sum(n for _, n in self.throttled)} throttled (429)")
        return (
            f"online requests: {self.total_requests} ({per}); {', '.join(extra)}; "
            f"{self.seconds:.1f} s"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "from_cache": dict(self.cached),
            "throttled": dict(self.throttled),
            "reused": self.reused,
            "seconds": round(self.seconds, 3),
        }


class Meter:
    """Thread-safe counters, shared by the clients of one registry."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: Counter[str] = Counter()
        self._cached: Counter[str] = Counter()
        self._throttled: Counter[str] = Counter()
        self._reused = 0

    def sent(self, service: str) -> None:
        with self._lock:
            self._requests[service] += 1

    def from_cache(self, service: str) -> None:
        with self._lock:
            self._cached[service] += 1

    def throttled(self, service: str) -> None:
        with self._lock:
            self._throttled[service] += 1

    def reused(self, count: int = 1) -> None:
        with self._lock:
            self._reused += count

    def snapshot(self) -> Traffic:
        with self._lock:
            return Traffic.of(self._requests, self._cached, self._throttled, self._reused)


def service_of(gate_name: str) -> str:
    """``crossref-list`` → ``crossref``."""
    return gate_name.split("-", 1)[0]
