"""Shared fixtures of the core tests.

``no_network`` is autouse: every test runs inside a ``responses`` mock, so a real HTTP
request made through ``requests`` fails instead of reaching the network. tests/online has
its own, stricter fixture of the same name, which overrides this one there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import responses

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "walenkamp2017-cxcr4.md"
UNMATCHED = "Connection refused by Responses"


@pytest.fixture(autouse=True)
def no_network() -> Iterator[responses.RequestsMock]:
    """Any request not registered on the yielded mock fails (and is reported afterwards,
    in case the code under test swallowed the connection error)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps
        unexpected = [
            c.request.url
            for c in rsps.calls
            if isinstance(c.response, Exception) and UNMATCHED in str(c.response)
        ]
    assert not unexpected, f"unexpected HTTP requests: {unexpected}"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--live", action="store_true", default=False, help="run tests that use the network"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--live"):
        return
    skip = pytest.mark.skip(reason="talks to the real network; run with --live")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)
