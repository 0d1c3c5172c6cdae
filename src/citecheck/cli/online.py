"""Command-line wiring for online verification: options defined once, one runner.

``add_online_options`` decorates a click command with ``--online/--offline``, ``--lock``,
``--email``, ``--crossref-url``, ``--ncbi-url``, ``--europepmc-url``, ``--datacite-url``,
``--ncbi-api-key``, ``--crossref-rate``, ``--ncbi-rate``, ``--cache-dir`` and ``--no-cache``
(turned into options by :func:`citecheck.cli.settings.online_choice`); the progress bar, the
lockfile's errors and its writing live here too.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from citecheck.cli.settings import OnlineChoice
from citecheck.errors import EXIT_CANNOT_RUN
from citecheck.model import Reference
from citecheck.registry.lockfile import REFUSED
from citecheck.registry.settings import (
    CROSSREF_URL,
    DATACITE_URL,
    EUROPEPMC_URL,
    NCBI_URL,
)

if TYPE_CHECKING:
    from citecheck.verify.run import OnlineResult

Progress = Callable[[int, int], None]  # (references just checked, how many in all)

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
    click.option(
        "--registry",
        "registry_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Local registry database (citecheck registry build): references are checked "
        "against it with no network; with --online, it is asked first and the live services "
        "answer what it does not hold.",
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
        "--datacite-url",
        default=DATACITE_URL,
        show_default=True,
        help="DataCite REST API base, for DOIs DataCite registered (arXiv, Zenodo, Dryad, …).",
    ),
    click.option(
        "--ncbi-api-key", envvar="NCBI_API_KEY", default=None, help="NCBI key: 10 requests/s."
    ),
    click.option(
        "--crossref-rate",
        type=click.FloatRange(0.1, 1000.0),
        default=None,
        help="Crossref requests per second (default: the published limits; a mirror given "
        "with --crossref-url is followed when it announces its own; never above the "
        "published limits at api.crossref.org).",
    ),
    click.option(
        "--ncbi-rate",
        type=click.FloatRange(0.1, 1000.0),
        default=None,
        help="NCBI requests per second (default 3, 10 with a key; never above that at NCBI).",
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


SHOW_AFTER = 1.0  # seconds: a run that ends sooner draws no bar


@contextmanager
def progress_for(choice: OnlineChoice) -> Iterator[Progress | None]:
    """A progress bar on standard error while references are checked over the network,
    when standard error is a terminal and not in CI (``CI`` set); otherwise nothing. The bar
    is drawn once the run has taken :data:`SHOW_AFTER` seconds, with what was done by then."""
    options = choice.options
    if (
        options is None
        or options.registry.offline
        or not sys.stderr.isatty()
        or os.environ.get("CI", "").strip().lower() not in ("", "0", "false")
    ):
        yield None
        return
    started = time.monotonic()
    with ExitStack() as stack:
        bars: list[Any] = []
        early = [0]

        def advance(done: int, total: int) -> None:
            if bars:
                bars[0].update(done)
                return
            early[0] += done
            if time.monotonic() - started < SHOW_AFTER:
                return
            bar = click.progressbar(length=total, label="Checking references", file=sys.stderr)
            bars.append(stack.enter_context(bar))
            bars[0].update(early[0])

        yield advance


@contextmanager
def lockfile_errors() -> Iterator[None]:
    """A lockfile that cannot be read or written stops citecheck with one line (exit 3)."""
    from citecheck.registry.lockfile import LockfileError

    try:
        yield
    except LockfileError as exc:
        raise _cannot_run(str(exc)) from exc


def write_lock(choice: OnlineChoice, online: OnlineResult | None) -> None:
    """Record the evidence of an online run in the lockfile ``--lock`` names."""
    if choice.write_lock is None or online is None:
        return
    from citecheck.registry.lockfile import write_lockfile

    with lockfile_errors():
        try:
            write_lockfile(choice.write_lock, online.lock)
        except OSError as exc:
            raise _cannot_run(f"{choice.write_lock}: cannot write ({exc.strerror})") from exc
    if len(online.lock) == 0:
        click.echo(
            f"citecheck: warning: {choice.write_lock}: the lockfile holds no answers "
            f"(no registry answered); replaying it will check nothing",
            err=True,
        )


def warn_about_coverage(path: str, choice: OnlineChoice, online: OnlineResult | None) -> None:
    """Say on standard error what an online check could not do: a replayed lockfile that
    lacks answers for some references, a run that verified nothing."""
    if online is None or choice.options is None:
        return
    from citecheck.report.escape import printable
    from citecheck.report.online import coverage_sentence

    coverage = online.coverage
    registry = choice.options.registry
    unavailable = [v for v in online.verdicts if v.status == "unavailable"]
    refused = [v for v in unavailable if REFUSED in v.detail]
    missing = len(unavailable) - len(refused)
    if registry.kind == "lockfile" and refused:
        click.echo(
            f"citecheck: warning: {path}: {len(refused)} of the lockfile's answers were refused "
            f"(malformed, or not answering the question they are stored under; could not "
            f"check): {printable(refused[0].detail)}",
            err=True,
        )
    if registry.kind == "lockfile" and missing:
        click.echo(
            f"citecheck: warning: {path}: the lockfile {registry.path} has no answer for "
            f"{missing} of {coverage.references} references (could not check); refresh it "
            "with --online --lock",
            err=True,
        )
    elif coverage.verified_nothing:
        click.echo(f"citecheck: warning: {path}: {coverage_sentence(coverage)}", err=True)


def verify_for_cli(references: Sequence[Reference], choice: OnlineChoice) -> OnlineResult | None:
    """Online verification of a reference list alone (``citecheck refs --online``)."""
    if choice.options is None:
        return None
    from citecheck.verify.run import verify_references

    refs = [r for r in references if r.parsed]
    with lockfile_errors(), progress_for(choice) as progress:
        advance = (lambda n: progress(n, len(refs))) if progress else None
        result = verify_references(refs, choice.options, progress=advance)
    write_lock(choice, result)
    if result.traffic is not None and sys.stderr.isatty():  # the BibTeX has no place for it
        click.echo(f"citecheck: {result.traffic.sentence()}", err=True)
    return result


class _CannotRun(click.ClickException):
    exit_code = EXIT_CANNOT_RUN  # as for every failure that stops citecheck


def _cannot_run(message: str) -> click.ClickException:
    return _CannotRun(message)
