"""No test here may reach the network: responses mocks requests, sockets stay on loopback."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
import responses

UNMATCHED = "Connection refused by Responses"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[responses.RequestsMock]:
    """Every HTTP request must be mocked or go to 127.0.0.1; anything else fails the test.

    Lookups turn connection errors into data (NET001), so an unmatched request would not
    raise inside the code under test: the fixture checks the recorded calls afterwards.
    """
    real_connect = socket.socket.connect

    def loopback_only(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise AssertionError(f"test tried to reach the network: {address!r}")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", loopback_only)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add_passthru("http://127.0.0.1")
        yield rsps
        unexpected = [
            c.request.url
            for c in rsps.calls
            if isinstance(c.response, Exception) and UNMATCHED in str(c.response)
        ]
    assert not unexpected, f"unexpected HTTP requests: {unexpected}"
