"""Command-line wiring for online verification: options defined once, one runner.

``add_online_options`` decorates a click command with ``--online/--offline``, ``--lock``,
``--email``, ``--crossref-url``, ``--ncbi-url``, ``--europepmc-url``, ``--ncbi-api-key``,
``--cache-dir`` and ``--no-cache``; ``run_online`` turns those values into an
:class:`OnlineOptions`, runs :func:`verify_references` (with a progress bar on a terminal
only) and writes the lockfile.
The CLI merges ``result.findings`` into the findings it reports.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from citecheck.errors import EXIT_CANNOT_RUN
from citecheck.model import Reference
from citecheck.registry.settings import (
    CROSSREF_URL,
    EUROPEPMC_URL,
    NCBI_URL,
    OnlineOptions,
    RegistrySpec,
)

if TYPE_CHECKING:
    from citecheck.verify.run import OnlineResult

F = TypeVar("F", bound=Callable[..., Any])

ONLINE_OPTIONS = (
    click.option(
        "--online/--offline",
        default=False,
        show_default=True,
        help="Check references against Crossref and PubMed. With --offline and --lock, replay "
        "the lockfile's answers instead (no network).",
    ),
    click.option(
        "--lock",
        "lock_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Evidence lockfile: written by --online, replayed by --offline.",
    ),
    click.option(
        "--email",
        envvar="CITECHECK_EMAIL",
        default=None,
        help="Your e-mail for Crossref's polite pool and NCBI (env CITECHECK_EMAIL).",
    ),
    click.option("--crossref-url", default=CROSSREF_URL, show_default=True),
    click.option("--ncbi-url", default=NCBI_URL, show_default=True),
    click.option(
        "--europepmc-url",
        default=EUROPEPMC_URL,
        show_default=True,
        help="Europe PMC REST base, for abstracts of works that claims cite.",
    ),
    click.option(
        "--ncbi-api-key", envvar="NCBI_API_KEY", default=None, help="NCBI key: 10 requests/s."
    ),
    click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        default=None,
        help="HTTP cache directory (default: the user's cache directory).",
    ),
    click.option("--no-cache", is_flag=True, default=False, help="Do not use the HTTP cache."),
)


def add_online_options(command: F) -> F:
    """Add the online options to a click command (keyword names as in :func:`run_online`)."""
    for option in reversed(ONLINE_OPTIONS):
        command = option(command)
    return command


def online_config(
    *,
    online: bool,
    lock_path: str | None = None,
    email: str | None = None,
    crossref_url: str = CROSSREF_URL,
    ncbi_url: str = NCBI_URL,
    europepmc_url: str = EUROPEPMC_URL,
    ncbi_api_key: str | None = None,
    cache_dir: str | None = None,
    no_cache: bool = False,
) -> tuple[OnlineOptions, str | None] | None:
    """The configuration the options ask for and the lockfile to write; None when there is
    nothing to do offline."""
    if not online and not lock_path:
        return None
    spec = (
        RegistrySpec.http(crossref_url, ncbi_url, europepmc_url)
        if online
        else RegistrySpec.lockfile(lock_path or "")
    )
    return OnlineOptions(
        registry=spec,
        email=email or None,
        ncbi_api_key=ncbi_api_key or None,
        cache=not no_cache,
        cache_dir=cache_dir,
    ), lock_path


def run_online(
    references: Sequence[Reference], *, abstracts_for: Collection[int] = (), **options: Any
) -> OnlineResult | None:
    """Run online verification for the CLI; None when neither --online nor --lock was given.

    ``abstracts_for``: reference numbers whose abstracts to fetch (those claims cite); they
    go into the same lockfile.

    Raises :class:`click.ClickException` (exit code 3) with one line when the lockfile
    cannot be read or written.
    """
    asked = online_config(**options)
    if asked is None:
        return None
    config, lock_path = asked
    from citecheck.registry.lockfile import (  # the HTTP stack, only when needed
        LockfileError,
        write_lockfile,
    )
    from citecheck.verify.run import verify_references

    refs = [r for r in references if r.parsed]
    try:
        if sys.stderr.isatty() and not config.registry.offline:
            with click.progressbar(
                length=len(refs), label="Checking references", file=sys.stderr
            ) as bar:
                result = verify_references(
                    refs, config, progress=bar.update, abstracts_for=abstracts_for
                )
        else:
            result = verify_references(refs, config, abstracts_for=abstracts_for)
        if lock_path and not config.registry.offline:
            write_lockfile(lock_path, result.lock)
    except LockfileError as exc:
        raise _cannot_run(str(exc)) from exc
    except OSError as exc:
        raise _cannot_run(f"{lock_path}: cannot write ({exc.strerror})") from exc
    return result


def _cannot_run(message: str) -> click.ClickException:
    exc = click.ClickException(message)
    exc.exit_code = EXIT_CANNOT_RUN  # as for every failure that stops citecheck
    return exc
