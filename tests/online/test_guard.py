"""The per-host breaker: how many network failures give a host up, for hosts that answered
before and for hosts that never did (a network that is down)."""

from __future__ import annotations

from citecheck.registry.guard import RunGuard

CROSSREF = "https://api.crossref.org/works?query=x"
NCBI = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi"


def _guard(threshold: int = 3) -> RunGuard:
    return RunGuard(600.0, lambda: 0.0, threshold)


def test_a_host_that_answered_before_gets_the_full_threshold() -> None:
    guard = _guard()
    guard.answered(CROSSREF)
    for _ in range(2):
        guard.failed(CROSSREF, "timed out")
    assert not guard.is_open(CROSSREF)
    guard.failed(CROSSREF, "timed out")
    assert guard.refusal(CROSSREF) == "timed out, 3 times in a row; not asked again this run"


def test_an_answer_resets_the_count() -> None:
    guard = _guard()
    guard.answered(CROSSREF)
    guard.failed(CROSSREF, "timed out")
    guard.failed(CROSSREF, "timed out")
    guard.answered(CROSSREF)
    guard.failed(CROSSREF, "timed out")
    assert not guard.is_open(CROSSREF)


def test_a_host_never_reached_is_given_up_one_failure_sooner() -> None:
    guard = _guard()
    guard.failed(CROSSREF, "timed out")
    assert not guard.is_open(CROSSREF)
    guard.failed(CROSSREF, "timed out")
    assert guard.is_open(CROSSREF)
    assert "2 times in a row" in guard.refusal(CROSSREF)


def test_once_the_network_looks_down_other_unreached_hosts_go_at_once() -> None:
    guard = _guard()
    guard.failed(CROSSREF, "timed out")
    guard.failed(CROSSREF, "timed out")
    guard.failed(NCBI, "connection failed")
    assert guard.refusal(NCBI) == "connection failed, once; not asked again this run"


def test_a_reached_host_keeps_its_threshold_when_another_is_down() -> None:
    guard = _guard()
    guard.answered(NCBI)
    guard.failed(CROSSREF, "timed out")
    guard.failed(CROSSREF, "timed out")
    guard.failed(NCBI, "timed out")
    assert not guard.is_open(NCBI)


def test_a_threshold_of_one_stays_one() -> None:
    guard = _guard(threshold=1)
    guard.failed(CROSSREF, "refused")
    assert guard.is_open(CROSSREF)
