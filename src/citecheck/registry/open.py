"""Opening the registry a :class:`~citecheck.registry.settings.RegistrySpec` names.

This is the one place that turns picklable settings into live objects (an HTTP session, a
lockfile read from disk), so a worker process can be handed the spec and open its own.
"""

from __future__ import annotations

from citecheck.registry.protocol import Registry
from citecheck.registry.settings import OnlineOptions


def open_registry(options: OnlineOptions) -> Registry:
    """The registry ``options.registry`` names: HTTP (Crossref, NCBI, Europe PMC), the
    answers of a lockfile, or a local registry database (alone, or asked before HTTP).
    Raises :class:`~citecheck.registry.lockfile.LockfileError` for a lockfile that cannot
    be read, :class:`~citecheck.localregistry.schema.RegistryDatabaseError` for a database."""
    spec = options.registry
    if spec.kind == "sqlite":
        from citecheck.localregistry.registry import SqliteRegistry
        from citecheck.registry.protocol import Registries
        from citecheck.registry.traffic import Meter

        assert spec.path is not None
        meter = Meter()
        local = SqliteRegistry(spec.path, meter)
        return Registries(local, local if local.has_pubmed else None, meter=meter)
    if spec.kind == "lockfile":
        from citecheck.registry.lockfile import LockedRegistry, read_lockfile

        assert spec.path is not None
        return LockedRegistry(read_lockfile(spec.path))
    from citecheck.registry.http import http_registry, open_session

    live = http_registry(options, open_session(options))
    if spec.local:
        from citecheck.localregistry.layered import LayeredRegistry
        from citecheck.localregistry.registry import SqliteRegistry

        return LayeredRegistry(SqliteRegistry(spec.local), live)
    return live


def open_run_registry(options: OnlineOptions) -> Registry | None:
    """One registry for every manuscript of a run over HTTP, remembering its answers
    (:class:`~citecheck.registry.shared.SharedRegistry`); None for a lockfile (each
    manuscript replays its own)."""
    if options.registry.kind != "http":
        return None
    from citecheck.registry.shared import SharedRegistry

    return SharedRegistry(open_registry(options))
