"""Everything that shapes one check, as one frozen, picklable object.

:class:`CheckOptions` is built once — by the CLI from the configuration file and the
command line (:func:`citecheck.cli.settings.check_options`), or by a library caller
directly — and passed unchanged to :func:`citecheck.check_manuscript` for every
manuscript, in this process, a process pool or a Dask worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citecheck.checks.audit import AuditOptions
from citecheck.model import Severity
from citecheck.registry.settings import OnlineOptions


@dataclass(frozen=True)
class ClaimSettings:
    """Which claims to check.

    ``file``: a claim file for the manuscript (one manuscript at a time); otherwise, when
    ``find_by_name``, the claim file is looked for by the manuscript's name in
    ``directories`` (the configuration's ``claims``), beside the manuscript and in
    ``project_dir``'s ``claims/``. Inline ``<!-- claim: … -->`` tags are read when
    ``enabled``.
    """

    enabled: bool = True
    file: str | None = None
    find_by_name: bool = True
    directories: tuple[str, ...] = ()
    project_dir: str | None = None  # where the project's own claims/ directory is


@dataclass(frozen=True)
class CheckOptions:
    """What :func:`citecheck.check_manuscript` does and which findings it keeps.

    ``online`` is ``None`` for an offline check; otherwise the registry it names (HTTP or a
    lockfile to replay) is asked about every parsed reference and about the abstracts of the
    works that claims cite. ``select``/``ignore`` are rule ids or prefixes; ``severity``
    overrides default severities (the longest matching id or prefix wins).
    """

    audit: AuditOptions = field(default_factory=AuditOptions)
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    online: OnlineOptions | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
