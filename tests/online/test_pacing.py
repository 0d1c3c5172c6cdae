"""Rate and concurrency limits, Retry-After and back-off, on a virtual clock."""

from __future__ import annotations

import random
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from citecheck.registry.pacing import (
    MAX_HEADER_SECONDS,
    MIN_RATE,
    Gate,
    InFlight,
    RetryPolicy,
    retry_after_seconds,
)


class VirtualTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.starts: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_gate_spaces_request_starts() -> None:
    t = VirtualTime()
    gate = Gate("list", 3.0, InFlight(3), clock=t.clock, sleep=t.sleep)
    for _ in range(7):
        with gate.slot():
            t.starts.append(t.now)
    gaps = [b - a for a, b in zip(t.starts, t.starts[1:], strict=False)]
    assert all(abs(g - 1 / 3) < 1e-9 for g in gaps)


def test_pause_delays_the_next_start() -> None:
    t = VirtualTime()
    gate = Gate("single", 10.0, InFlight(1), clock=t.clock, sleep=t.sleep)
    with gate.slot():
        pass
    gate.pause(2.0)
    with gate.slot():
        assert t.now == 2.0


def test_server_headers_only_lower_limits() -> None:
    gate = Gate("list", 3.0, InFlight(3))
    gate.observe({"x-rate-limit-limit": "10", "x-rate-limit-interval": "1s"})
    assert gate.rate == 3.0  # the header reports the single-record rate; never raise
    gate.observe(
        {"x-rate-limit-limit": "1", "x-rate-limit-interval": "1s", "x-concurrency-limit": "1"}
    )
    assert gate.rate == 1.0 and gate.in_flight.limit == 1


def test_in_flight_limit_holds_under_threads() -> None:
    limit = InFlight(2)
    busy, peak, lock = [0], [0], threading.Lock()

    def work() -> None:
        with limit.hold():
            with lock:
                busy[0] += 1
                peak[0] = max(peak[0], busy[0])
            time.sleep(0.01)
            with lock:
                busy[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert peak[0] == 2


def test_backoff_is_exponential_with_jitter_and_capped() -> None:
    policy = RetryPolicy(base=0.5, cap=4.0)
    rng = random.Random(1)
    for retry, (lo, hi) in enumerate([(0.25, 0.5), (0.5, 1.0), (1.0, 2.0), (2.0, 4.0), (2.0, 4.0)]):
        d = policy.delay(retry, rng)
        assert lo <= d <= hi


def test_retry_after_seconds_and_http_date() -> None:
    now = datetime(2025, 12, 1, tzinfo=timezone.utc)
    assert retry_after_seconds("3") == 3.0
    later = format_datetime(now + timedelta(seconds=5), usegmt=True)
    assert retry_after_seconds(later, now) == 5.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


@pytest.mark.parametrize(
    "value",
    ["\u00b2", "\u0661\u0662", "Fri, 31 Dec 99999 23:59:59 GMT", "inf", "-1", "1e9", "\x81", ""],
)
def test_unreadable_retry_after_is_ignored(value: str) -> None:
    assert retry_after_seconds(value) is None


def test_retry_after_is_clamped_to_a_day() -> None:
    assert retry_after_seconds("99999999999999") == MAX_HEADER_SECONDS


@pytest.mark.parametrize(
    "headers",
    [
        {"x-rate-limit-limit": "0.001", "x-rate-limit-interval": "1s"},
        {"x-rate-limit-limit": "5", "x-rate-limit-interval": "infs"},
        {"x-rate-limit-limit": "inf", "x-rate-limit-interval": "0s"},
        {"x-rate-limit-limit": "nan", "x-concurrency-limit": "inf"},
        {"x-rate-limit-limit": "\u00b2", "x-concurrency-limit": "0.5"},
        {"x-concurrency-limit": "-3", "x-rate-limit-interval": "\x81s"},
    ],
)
def test_absurd_limit_headers_are_clamped(headers: dict[str, str]) -> None:
    gate = Gate("single", 10.0, InFlight(3))
    gate.observe(headers)
    assert MIN_RATE <= gate.rate <= 10.0
    assert 1 <= gate.in_flight.limit <= 3
