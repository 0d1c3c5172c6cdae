"""Online verification of references against Crossref and PubMed (issue #7).

The public entry point is :func:`verify_references`; everything that talks to the network
sits behind the :class:`~citecheck.online.client.Registry` protocol.
"""

from __future__ import annotations

from .client import Registry
from .config import OnlineConfig
from .lockfile import read_lockfile, write_lockfile
from .records import Lookup, LookupStatus, PubmedRecord, WorkRecord
from .verify import OnlineResult, ReferenceVerdict, verify_references

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
