"""The command line's options and the configuration file, merged into one
:class:`~citecheck.options.CheckOptions` (the only place that does it).

A value given on the command line (or by its environment variable) beats the configuration
file; the file beats the command's defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import click
from click.core import ParameterSource

from citecheck.checks.audit import AuditOptions
from citecheck.config import Config, ConfigError
from citecheck.options import CheckOptions, ClaimSettings
from citecheck.registry.settings import (
    CROSSREF_POLITE,
    CROSSREF_PUBLIC,
    DATACITE_URL,
    OnlineOptions,
    PoolLimits,
    RegistrySpec,
)
from citecheck.rules import unknown_rule_patterns

# check's options that the configuration file can set, and the Config field for each.
CONFIGURABLE = {
    "fmt": "format",
    "fail_on": "fail_on",
    "fail_on_unverified": "fail_on_unverified",
    "select": "select",
    "ignore": "ignore",
    "baseline": "baseline",
    "email": "email",
    "cache_dir": "cache_dir",
    "crossref_url": "crossref_url",
    "ncbi_url": "ncbi_url",
    "europepmc_url": "europepmc_url",
    "datacite_url": "datacite_url",
    "crossref_rate": "crossref_rate",
    "ncbi_rate": "ncbi_rate",
    "registry_path": "registry",
    "citation_style": "citation_style",
}


@dataclass(frozen=True)
class OnlineChoice:
    """What the online options ask for: the options for the check (``None``: offline, no
    lockfile) and the lockfile to write after an online run."""

    options: OnlineOptions | None
    write_lock: str | None = None


def configured(ctx: click.Context, config: Config, formats: Sequence[str]) -> dict[str, object]:
    """The command's parameters with the configuration file's values for those the command
    line left at their defaults."""
    values = dict(ctx.params)
    for param, field_name in CONFIGURABLE.items():
        value = getattr(config, field_name)
        if value is not None and ctx.get_parameter_source(param) in (
            ParameterSource.DEFAULT,
            None,
        ):
            values[param] = value
    if values.get("fmt", "text") not in formats:
        choices = ", ".join(formats)
        raise ConfigError(
            f"{config.source}: format must be one of {choices}, not {values['fmt']!r}"
        )
    return values


def split_rules(values: Sequence[str]) -> tuple[str, ...]:
    """``--select CIT,REF002 --select CLM`` → ``("CIT", "REF002", "CLM")``."""
    return tuple(part.strip() for v in values for part in v.split(",") if part.strip())


def check_rule_options(**options: Sequence[str]) -> None:
    """``--select``/``--ignore`` naming no catalogued rule (a typo that would silently turn
    every check off) is a usage error, as it is in the configuration file."""
    for name, values in options.items():
        unknown = unknown_rule_patterns(split_rules(values))
        if unknown:
            listed = ", ".join(repr(u) for u in unknown)
            raise click.UsageError(
                f"--{name}: {listed} names no rule (rule ids such as CIT001, or prefixes "
                "such as CIT; see docs/rules.md)"
            )


def online_choice(values: dict[str, object]) -> OnlineChoice:
    """``--online`` checks against the registries at the given URLs (and records the
    lockfile ``--lock`` names); ``--registry DB`` against a local registry database (asked
    first, before the URLs, with ``--online``); ``--offline --lock FILE`` replays the
    lockfile (also when a registry database is configured)."""
    lock = values.get("lock_path")
    lock_path = str(lock) if lock else None
    local = values.get("registry_path")
    if values.get("online"):
        spec = RegistrySpec.http(
            str(values["crossref_url"]),
            str(values["ncbi_url"]),
            str(values["europepmc_url"]),
            str(values.get("datacite_url") or DATACITE_URL),
        )
        spec = replace(spec, local=str(local)) if local else spec
        write = lock_path
    elif lock_path:  # --offline --lock replays, whatever registry is configured
        spec, write = RegistrySpec.lockfile(lock_path), None
    elif local:
        spec, write = RegistrySpec.sqlite(str(local)), None
    else:
        return OnlineChoice(None)
    cache_dir = values.get("cache_dir")
    crossref_rate, ncbi_rate = values.get("crossref_rate"), values.get("ncbi_rate")
    options = OnlineOptions(
        registry=spec,
        email=str(values["email"]) if values.get("email") else None,
        ncbi_api_key=str(values["ncbi_api_key"]) if values.get("ncbi_api_key") else None,
        cache=not values.get("no_cache"),
        cache_dir=str(cache_dir) if cache_dir else None,
        limits=rate_limits(float(crossref_rate), bool(values.get("email")))
        if isinstance(crossref_rate, int | float)
        else None,
        ncbi_rate=float(ncbi_rate) if isinstance(ncbi_rate, int | float) else None,
    )
    return OnlineChoice(options, write)


def rate_limits(rate: float, polite: bool) -> PoolLimits:
    """``--crossref-rate``: one rate for single and list requests, the pool's published
    concurrency (a service that announces more is followed)."""
    published = CROSSREF_POLITE if polite else CROSSREF_PUBLIC
    return PoolLimits(rate, rate, published.concurrency)


def check_options(values: dict[str, object], config: Config, online: OnlineChoice) -> CheckOptions:
    """The options of one ``citecheck check`` run (the same for every manuscript)."""
    audit = AuditOptions()
    if config.duplicate_title_threshold is not None:
        audit = replace(audit, duplicate_title_threshold=config.duplicate_title_threshold)
    if values.get("citation_style"):
        audit = replace(audit, citation_style=str(values["citation_style"]))
    claims_file = values.get("claims_file")
    claims = ClaimSettings(
        enabled=not values.get("no_claims"),
        file=str(claims_file) if claims_file else None,
        directories=config.claims,
        project_dir=str(Path.cwd()),
    )
    return CheckOptions(
        audit=audit,
        claims=claims,
        online=online.options,
        select=split_rules(_strings(values.get("select"))),
        ignore=split_rules(_strings(values.get("ignore"))),
        severity=config.severity,
    )


def _strings(value: object) -> tuple[str, ...]:
    """A multiple option's values (or the configuration's list) as strings."""
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else ()
