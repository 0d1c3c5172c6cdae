"""Live smoke tests talk to the real Crossref and PubMed. They are skipped unless pytest is
run with ``--live`` (and the machine can reach the services); CI never runs them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def no_network() -> Iterator[None]:
    """Overrides the suite's no-network guard: these tests are meant to reach the network."""
    yield
