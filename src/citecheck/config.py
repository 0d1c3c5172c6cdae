"""Project configuration: ``[tool.citecheck]`` in ``pyproject.toml`` or a ``citecheck.toml``.

:func:`config_from_mapping` turns the table into a frozen :class:`Config` (pure: it checks
every key and value and resolves relative paths against the file's directory);
:func:`find_config_file` and :func:`load_config` are the IO edge. Command-line flags override
the file (the CLI decides which options the user gave). Documented in docs/config.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.checks.audit import CITATION_STYLES
from citecheck.errors import EXIT_USAGE, CitecheckError
from citecheck.model import Severity
from citecheck.results import FAIL_ON, apply_severities
from citecheck.rules import known_rule_pattern

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

CONFIG_FILE = "citecheck.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(CitecheckError):
    """A configuration file that cannot be used: one line, exit code 2 (a usage error)."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Config:
    """What a configuration file sets; ``None`` (or empty) means "not set": the CLI default."""

    source: str | None = None  # the file it was read from
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: tuple[tuple[str, Severity], ...] = ()  # rule id or prefix → severity
    fail_on: str | None = None
    format: str | None = None
    email: str | None = None
    cache_dir: str | None = None
    registry: str | None = None  # a local registry database (citecheck registry build)
    crossref_url: str | None = None
    ncbi_url: str | None = None
    europepmc_url: str | None = None
    datacite_url: str | None = None
    crossref_rate: float | None = None  # requests/s; capped at the public host's limits
    ncbi_rate: float | None = None
    claims: tuple[str, ...] = ()  # directories that hold claim files (<stem>.yaml)
    baseline: str | None = None
    duplicate_title_threshold: float | None = None  # REF003
    fail_on_unverified: bool | None = None  # exit 4 when a reference could not be checked
    cite_commands: tuple[str, ...] = ()  # LaTeX commands used like \\cite (without backslash)
    citation_style: str | None = None  # author-date style rules: apa, harvard, chicago


def _rules(value: Any, key: str) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ValueError(f'{key} must be a list of rule ids or prefixes, e.g. ["CIT", "REF002"]')
    rules = tuple(i.strip().upper() for i in items if i.strip())
    for r in rules:
        if not known_rule_pattern(r):
            raise ValueError(f"{key}: {r!r} names no rule")
    return rules


def _severity(value: Any, key: str) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, Mapping):
        raise ValueError(f'{key} must be a table of rule = severity, e.g. {{CIT002 = "error"}}')
    out = {}
    for rule, sev in value.items():
        if not known_rule_pattern(rule):
            raise ValueError(f"{key}: {rule!r} names no rule")
        if sev not in ("error", "warning", "info"):
            raise ValueError(f"{key}.{rule}: {sev!r} is not error, warning or info")
        out[rule.upper()] = Severity(sev)
    return tuple(out.items())


def _choice(choices: Iterable[str]) -> Callable[[Any, str], str]:
    allowed = tuple(choices)

    def check(value: Any, key: str) -> str:
        if value not in allowed:
            raise ValueError(f"{key} must be one of {', '.join(allowed)}, not {value!r}")
        return value

    return check


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be a non-empty string")
    return value.strip()


def _url(value: Any, key: str) -> str:
    value = _string(value, key)
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"{key} must be an http(s) URL, not {value!r}")
    return value.rstrip("/")


def _directories(value: Any, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ValueError(f"{key} must be a directory or a list of directories")
    return tuple(_string(i, key) for i in items)


def _boolean(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, not {value!r}")
    return value


def _threshold(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ValueError(f"{key} must be a number from 0 to 100, not {value!r}")
    return float(value)


def _rate(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1000:
        raise ValueError(f"{key} must be a number of requests per second (0 to 1000)")
    return float(value)


def _commands(value: Any, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ValueError(f'{key} must be a list of LaTeX command names, e.g. ["mycite"]')
    names = tuple(i.strip().lstrip("\\") for i in items)
    for name in names:
        if not name.isascii() or not name.isalpha():
            raise ValueError(f"{key}: {name!r} is not a LaTeX command name (letters only)")
    return names


_KEYS = {
    "select": ("select", _rules),
    "ignore": ("ignore", _rules),
    "severity": ("severity", _severity),
    "fail-on": ("fail_on", _choice(FAIL_ON)),
    "format": ("format", _string),  # the CLI checks it against its formats
    "email": ("email", _string),
    "cache-dir": ("cache_dir", _string),
    "registry": ("registry", _string),
    "crossref-url": ("crossref_url", _url),
    "ncbi-url": ("ncbi_url", _url),
    "europepmc-url": ("europepmc_url", _url),
    "datacite-url": ("datacite_url", _url),
    "crossref-rate": ("crossref_rate", _rate),
    "ncbi-rate": ("ncbi_rate", _rate),
    "claims": ("claims", _directories),
    "baseline": ("baseline", _string),
    "duplicate-title-threshold": ("duplicate_title_threshold", _threshold),
    "fail-on-unverified": ("fail_on_unverified", _boolean),
    "cite-commands": ("cite_commands", _commands),
    "citation-style": ("citation_style", _choice(CITATION_STYLES)),
}
KEYS = tuple(_KEYS)
_PATH_KEYS = ("cache_dir", "claims", "baseline", "registry")


def config_from_mapping(
    data: Mapping[str, Any], *, base_dir: str | Path | None = None, source: str = "config"
) -> Config:
    """A :class:`Config` from a ``[tool.citecheck]`` table (pure).

    Relative paths (``cache-dir``, ``claims``, ``baseline``, ``registry``) are taken relative to
    ``base_dir``, the directory of the file. ``claims`` is one directory or a list of them.
    Raises :class:`ConfigError` naming the file and the key.
    """
    values: dict[str, Any] = {"source": source}
    for key, value in data.items():
        if key not in _KEYS:
            raise ConfigError(
                f"{source}: unknown key {key!r} in [tool.citecheck] (known: {', '.join(KEYS)})"
            )
        name, check = _KEYS[key]
        try:
            values[name] = check(value, key)
        except ValueError as exc:
            raise ConfigError(f"{source}: {exc}") from None
    if base_dir is not None:
        base = Path(base_dir)
        for name in _PATH_KEYS:
            if name == "claims":
                values[name] = tuple(str(base / p) for p in values.get(name, ()))
            elif values.get(name):
                values[name] = str(base / values[name])
    return Config(**values)


# --- IO edge ---------------------------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def _table(path: Path, data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The citecheck table of a file: ``[tool.citecheck]``, or a citecheck.toml's top level."""
    tool = data.get("tool", {})
    section = tool.get("citecheck") if isinstance(tool, Mapping) else None
    if section is not None:
        if not isinstance(section, Mapping):
            raise ConfigError(f"{path}: [tool.citecheck] must be a table")
        return section
    if path.name == PYPROJECT:
        return None
    return {k: v for k, v in data.items() if k != "tool"}


def find_config_file(start: str | Path) -> Path | None:
    """The nearest ``citecheck.toml``, or ``pyproject.toml`` with ``[tool.citecheck]``, in
    ``start`` or a parent directory; the search stops at a repository root (``.git``)."""
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        own = directory / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _table(pyproject, _read_toml(pyproject)) is not None:
            return pyproject
        if (directory / ".git").exists():
            return None
    return None


def load_config(path: str | Path) -> Config:
    """Read and check the configuration in ``path`` (``pyproject.toml`` or a citecheck.toml)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file does not exist")
    table = _table(path, _read_toml(path)) or {}
    return config_from_mapping(table, base_dir=path.parent, source=str(path))


def config_for(explicit: str | None, manuscripts: Iterable[str], cwd: Path) -> Config:
    """The configuration that applies: ``--config FILE``, else the one found from the first
    manuscript's directory upwards, else from the working directory upwards, else none."""
    if explicit:
        return load_config(explicit)
    starts = [Path(m).parent for m in list(manuscripts)[:1]] + [cwd]
    for start in starts:
        found = find_config_file(start if start.is_absolute() else cwd / start)
        if found is not None:
            return load_config(found)
    return Config()


def claim_file_in(directories: Iterable[str], manuscript: str | Path) -> Path | None:
    """The manuscript's claim file in one of the configured ``claims`` directories:
    ``<dir>/<stem>.yaml`` or ``<dir>/<stem>.claims.yaml``, first found wins (IO edge)."""
    stem = Path(manuscript).stem
    for directory in directories:
        for name in (f"{stem}.yaml", f"{stem}.claims.yaml"):
            candidate = Path(directory) / name
            if candidate.is_file():
                return candidate
    return None


__all__ = [
    "KEYS",
    "Config",
    "ConfigError",
    "apply_severities",
    "claim_file_in",
    "config_for",
    "config_from_mapping",
    "find_config_file",
    "load_config",
]
