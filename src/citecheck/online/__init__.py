"""Online verification of references against Crossref and PubMed (issue #7).

The public entry point is :func:`verify_references`; everything that talks to the network
sits behind the :class:`~citecheck.online.client.Registry` protocol.

The names below are imported on first use, so that ``citecheck check`` without
``--online`` does not pay for importing the HTTP stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import Registry
    from .config import OnlineConfig
    from .lockfile import read_lockfile, write_lockfile
    from .records import Lookup, LookupStatus, PubmedRecord, WorkRecord
    from .verify import OnlineResult, ReferenceVerdict, verify_references

_HOMES = {
    "Registry": ".client",
    "OnlineConfig": ".config",
    "read_lockfile": ".lockfile",
    "write_lockfile": ".lockfile",
    "Lookup": ".records",
    "LookupStatus": ".records",
    "PubmedRecord": ".records",
    "WorkRecord": ".records",
    "OnlineResult": ".verify",
    "ReferenceVerdict": ".verify",
    "verify_references": ".verify",
}

__all__ = [
    "Lookup",
    "LookupStatus",
    "OnlineConfig",
    "OnlineResult",
    "PubmedRecord",
    "ReferenceVerdict",
    "Registry",
    "WorkRecord",
    "read_lockfile",
    "verify_references",
    "write_lockfile",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
