"""``citecheck check`` over a corpus: directories walked, paths from a file, manuscripts
checked by a process pool or a Dask cluster, results streamed (docs/corpus.md).

A run is a corpus run when a directory is named, or ``--paths-from``, ``--jobs``,
``--dask``, ``--resume`` or ``--format jsonl`` is given. ``jsonl`` and ``text`` are written
manuscript by manuscript as they finish, with one summary at the end, and the run keeps
only counts (its memory does not grow with the corpus); the other formats need every
result at once and keep them until the end.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from typing import IO, Any, TypeVar

import click

from citecheck.cli.files import STDIN, write_atomically
from citecheck.cli.resume import Resumed, read_resumable
from citecheck.corpus import CorpusItem, CorpusTally, check_corpus, executor_map, find_manuscripts
from citecheck.corpus.run import Mapper, Render, file_digest
from citecheck.errors import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, EXIT_UNVERIFIED, InputError
from citecheck.inputs import ReaderSettings
from citecheck.model import Severity
from citecheck.options import CheckOptions
from citecheck.report.escape import printable
from citecheck.results import ManuscriptFailure, ManuscriptResult

F = TypeVar("F", bound=Callable[..., Any])
STREAMED = ("jsonl", "text")

CORPUS_OPTIONS = (
    click.option(
        "--include", multiple=True, metavar="GLOB", help="In directories, only files matching."
    ),
    click.option(
        "--exclude", multiple=True, metavar="GLOB", help="In directories, skip files matching."
    ),
    click.option(
        "--paths-from",
        type=click.Path(dir_okay=False, allow_dash=True, exists=True),
        default=None,
        help="Check the manuscripts (or directories) listed in FILE, one a line ('-': "
        "standard input).",
    ),
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(1, 512),
        default=None,
        help="Processes checking manuscripts at once (default: the CPU count; 1: in this process).",
    ),
    click.option(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="Run on the Dask scheduler at ADDRESS, or 'local' for a local cluster (the "
        "'dask' extra).",
    ),
    click.option(
        "--resume",
        type=click.Path(dir_okay=False),
        default=None,
        help="Append JSON Lines to FILE, skipping the manuscripts it already holds.",
    ),
)
NAMES = ("include", "exclude", "paths_from", "jobs", "dask", "resume")


def add_corpus_options(command: F) -> F:
    for option in reversed(CORPUS_OPTIONS):
        command = option(command)
    return command


@dataclass(frozen=True)
class CorpusChoice:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    paths_from: str | None = None
    jobs: int | None = None
    dask: str | None = None
    resume: str | None = None

    @classmethod
    def pop(cls, values: dict[str, Any]) -> CorpusChoice:
        """The corpus options, taken out of a command's keyword arguments."""
        got = {name: values.pop(name, None) for name in NAMES}
        return cls(
            tuple(got["include"] or ()),
            tuple(got["exclude"] or ()),
            got["paths_from"],
            got["jobs"],
            got["dask"],
            got["resume"],
        )

    def wanted(self, manuscripts: Sequence[str], fmt: str) -> bool:
        """Whether this is a corpus run (see the module doc)."""
        given = (self.paths_from, self.jobs, self.dask, self.resume, self.include, self.exclude)
        return fmt == "jsonl" or any(given) or any(os.path.isdir(m) for m in manuscripts)


def corpus_paths(manuscripts: Sequence[str], choice: CorpusChoice) -> list[str]:
    """Every manuscript of the run (walked and listed; a list of names, not of results)."""
    if STDIN in manuscripts:
        raise click.UsageError("standard input (-) cannot be part of a corpus run")
    named = list(manuscripts)
    if choice.paths_from == STDIN:
        named += [line.strip() for line in sys.stdin if line.strip()]
    elif choice.paths_from:
        with open(choice.paths_from, encoding="utf-8") as handle:
            named += [line.strip() for line in handle if line.strip()]
    found = list(find_manuscripts(named, choice.include, choice.exclude))
    if not found:
        where = ", ".join(named) if named else "the list given"
        raise InputError(f"{where}: no manuscript to check (a directory holds no file of a "
                         "format citecheck reads, or the globs left none)")  # fmt: skip
    return found


@contextmanager
def corpus_map(choice: CorpusChoice) -> Iterator[Mapper]:
    """The ``map`` that runs the manuscripts: this process, a process pool, or Dask."""
    jobs = choice.jobs or os.cpu_count() or 1
    if choice.dask:
        with _dask_executor(choice.dask, jobs) as (executor, workers):
            yield executor_map(executor, window=4 * workers)
    elif jobs == 1:
        yield map
    else:
        from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only when used

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield executor_map(pool)


@contextmanager
def _dask_executor(address: str, jobs: int) -> Iterator[tuple[Any, int]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise click.UsageError(
            "--dask needs the 'dask' extra: pip install 'citecheck-audit[dask]'"
        ) from exc
    with ExitStack() as stack:
        if address == "local":
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, dashboard_address=None, silence_logs=40
            )
            client = stack.enter_context(Client(stack.enter_context(cluster)))
        else:
            client = stack.enter_context(Client(address))
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield client.get_executor(pure=False), workers


def _renderer(fmt: str, colour: bool) -> Render | None:
    if fmt == "jsonl":
        from citecheck.report.jsonl import manuscript_line

        return manuscript_line
    if fmt == "text":
        from citecheck.report.text import manuscript_text

        return partial(manuscript_text, colour=colour)
    return None


def run_corpus(
    manuscripts: Sequence[str],
    choice: CorpusChoice,
    options: CheckOptions,
    settings: ReaderSettings,
    *,
    fmt: str,
    output: str | None,
    fail_on: str,
    colour: bool,
    skip_no_references: bool,
    fail_on_unverified: bool,
) -> int:
    """Check the corpus, write its report, and return the exit code."""
    if choice.resume:
        if fmt not in STREAMED:
            raise click.UsageError("--resume writes JSON Lines (--format jsonl)")
        fmt = "jsonl"
    paths = corpus_paths(manuscripts, choice)
    resumed = read_resumable(choice.resume) if choice.resume else Resumed()
    tally = CorpusTally()
    if resumed.done:  # what the file holds for these manuscripts as they are now counts
        todo = []
        for path in paths:
            key = (path, file_digest(path))
            if key not in resumed.done:
                todo.append(path)
            elif (counts := resumed.done[key]) is not None:
                tally.add(counts)
            else:
                tally.add_failure()
        done = len(paths) - len(todo)
        click.echo(f"citecheck: resuming: {done} of {len(paths)} manuscripts done", err=True)
        paths = todo
    streamed = fmt in STREAMED
    kept: list[ManuscriptResult] = []
    failures: list[ManuscriptFailure] = []
    with ExitStack() as stack:
        stack.enter_context(_collected_less_often())
        sink = stack.enter_context(_sink(fmt, output, choice.resume))
        advance = stack.enter_context(_progress(len(paths)))
        mapper = stack.enter_context(corpus_map(choice))
        items = check_corpus(
            paths,
            options,
            map=mapper,
            settings=settings,
            render=_renderer(fmt, colour) if streamed else None,
            keep=not streamed,
            skip_no_references=skip_no_references,
        )
        for item in items:
            _take(item, tally, sink, fmt, kept, failures)
            advance()
        if fmt == "jsonl":
            from citecheck.report.jsonl import summary_line

            _write_line(sink, summary_line(tally.summary()))
        elif fmt == "text":
            _write_line(sink, _text_summary(tally, colour))
    if not streamed:
        _write_report(fmt, kept, failures, output, fail_on, colour)
    return _exit_code(tally, fail_on, fail_on_unverified)


def _take(
    item: CorpusItem,
    tally: CorpusTally,
    sink: IO[str] | None,
    fmt: str,
    kept: list[ManuscriptResult],
    failures: list[ManuscriptFailure],
) -> None:
    for warning in item.warnings:
        click.echo(f"citecheck: warning: {printable(warning)}", err=True)
    if item.skipped:
        click.echo(f"citecheck: note: {item.path}: no reference list; skipped", err=True)
        return
    if item.failure is not None:
        tally.add_failure()
        reason = item.failure.reason
        click.echo(f"citecheck: error: {printable(item.path)}: {printable(reason)}", err=True)
        if fmt == "jsonl":
            from citecheck.report.jsonl import failure_line

            _write_line(sink, failure_line(item.path, reason, item.digest))
        elif fmt == "text":
            _write_line(sink, f"{printable(item.path)}: not checked: {printable(reason)}\n")
        else:
            failures.append(item.failure)
        return
    if item.counts is not None:
        tally.add(item.counts)
    if item.rendered is not None:
        _write_line(sink, item.rendered)
    elif item.result is not None:
        kept.append(item.result)


def _write_line(sink: IO[str] | None, text: str) -> None:
    """One manuscript's part, written whole and flushed (a kill leaves at most one
    half-written line, which ``--resume`` redoes)."""
    if sink is None:
        click.echo(text, nl=False)
        return
    sink.write(text)
    sink.flush()


@contextmanager
def _collected_less_often() -> Iterator[None]:
    """The garbage collector's youngest generation collected after 10,000 new objects
    instead of 700, for the run: a manuscript's objects are freed by reference counting when
    it is done, and collecting every 700 allocations cost ~0.25 ms per manuscript (3% of a
    run) for nothing; peak memory the same. Restored afterwards."""
    threshold = gc.get_threshold()
    gc.set_threshold(10_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


@contextmanager
def _sink(fmt: str, output: str | None, resume: str | None) -> Iterator[IO[str] | None]:
    target = resume or (output if output and output != STDIN else None)
    if fmt not in STREAMED or target is None:
        yield None
        return
    with open(target, "a" if resume else "w", encoding="utf-8") as handle:
        yield handle


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error, on a terminal and not in CI."""
    if not sys.stderr.isatty() or os.environ.get("CI") or total < 2:
        yield lambda: None
        return
    with click.progressbar(length=total, label="Checking", file=sys.stderr) as bar:
        yield lambda: bar.update(1)


def _text_summary(tally: CorpusTally, colour: bool) -> str:
    s = tally.summary()
    n = s["manuscripts"] + s["failed"]
    failed = f" ({s['failed']} could not be checked)" if s["failed"] else ""
    line = (
        f"{n} manuscript{'s' if n != 1 else ''}{failed}, {s['references']} references, "
        f"{s['citations']} citation groups: {s['error']} errors, {s['warning']} warnings, "
        f"{s['info']} info"
    )
    if "online" in s:
        o = s["online"]
        line += (
            f"; online: {o['checked']} of {o['references']} references checked, "
            f"{o['could_not_check']} could not be checked, {o['not_asked']} not asked"
        )
    rules = ", ".join(f"{rule} {count}" for rule, count in list(s["rules"].items())[:10])
    by_rule = f"findings by rule: {rules}\n" if rules else ""
    return by_rule + (f"\x1b[1m{line}\x1b[0m\n" if colour else f"{line}\n")


def _write_report(
    fmt: str,
    results: list[ManuscriptResult],
    failures: list[ManuscriptFailure],
    output: str | None,
    fail_on: str,
    colour: bool,
) -> None:
    if fmt == "html" and len(results) + len(failures) > 1:
        from citecheck.report.html_corpus import render_corpus_html

        text = render_corpus_html(results, failures=failures)
    else:
        from citecheck.report.formats import render_report

        text = render_report(fmt, results, fail_on=fail_on, colour=colour, failures=failures)
    if output and output != STDIN:
        write_atomically(output, text)
    else:
        click.echo(text, nl=False)


def _exit_code(tally: CorpusTally, fail_on: str, fail_on_unverified: bool) -> int:
    if tally.failed:
        return EXIT_CANNOT_RUN
    if fail_on_unverified and tally.online is not None and tally.online[1]:
        return EXIT_UNVERIFIED
    if fail_on == "never":
        return EXIT_OK
    return EXIT_FINDINGS if tally.worst >= Severity(fail_on).rank else EXIT_OK
