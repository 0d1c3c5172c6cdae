"""Checking a corpus: one function per manuscript, run by any ``map``.

:func:`check_path` is the per-manuscript function a worker runs (a process of a pool, a
Dask worker, or this process): it reads the file, hashes its bytes, checks it and returns
a :class:`CorpusItem` — never raises for a manuscript that cannot be checked (a failed
item carries the one-line reason). Everything it is handed and returns pickles.

**Registry traffic stays in one place.** With ``options.online`` set, the workers do only
the offline half (:func:`citecheck.manuscript.check_offline`); the online half
(:func:`citecheck.manuscript.finish_check`) runs in the process that called
:func:`check_corpus`, one manuscript after another, through one run registry
(:func:`citecheck.registry.open.open_run_registry`: each work asked for once in the run)
whose pacing gates are the only ones in the run. However many workers there are, the
services see one client at their published limits.
"""

from __future__ import annotations

import hashlib
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from citecheck.corpus.tally import EntryCounts
from citecheck.errors import InputError, NoReferenceSection
from citecheck.inputs import ReaderSettings, read_document
from citecheck.manuscript import OfflineCheck, check_offline, finish_check
from citecheck.options import CheckOptions
from citecheck.results import ManuscriptFailure, ManuscriptResult

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from citecheck.registry.protocol import Registry

T = TypeVar("T")
R = TypeVar("R")
Render = Callable[[ManuscriptResult, str], str]  # (result, sha256 of the file) → text
Mapper = Callable[[Callable[[str], "CorpusItem"], Iterable[str]], Iterable["CorpusItem"]]


@dataclass(frozen=True)
class CorpusItem:
    """One manuscript of a corpus run: its path, the SHA-256 of its bytes (``""`` when it
    could not be read), and either its result or its failure.

    ``result`` is kept unless the caller asked only for ``rendered`` (the manuscript's
    report, rendered where it was checked, so that a streaming report need not ship the
    whole result back); ``counts`` is what it adds to the run's totals; ``warnings`` are
    what the reader warned about (an encoding fallback)."""

    path: str
    digest: str
    result: ManuscriptResult | None = None
    failure: ManuscriptFailure | None = None
    rendered: str | None = None
    counts: EntryCounts | None = None
    warnings: tuple[str, ...] = ()
    pending: OfflineCheck | None = None  # the offline half, for the online half here
    skipped: bool = False  # no reference list, and the caller said to skip such files


def file_digest(path: str) -> str:
    """The SHA-256 of a file's bytes (``""`` when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def check_path(
    path: str,
    options: CheckOptions,
    settings: ReaderSettings | None = None,
    render: Render | None = None,
    keep: bool = True,
    skip_no_references: bool = False,
) -> CorpusItem:
    """Read and check one manuscript (the worker's function; see the module doc)."""
    digest = file_digest(path)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            document = read_document(path, settings)
        said = tuple(str(w.message) for w in caught)
        done = check_offline(document, options)
    except NoReferenceSection as exc:
        if skip_no_references:
            return CorpusItem(path, digest, skipped=True)
        return _failed(path, digest, exc)
    except InputError as exc:
        return _failed(path, digest, exc)
    except Exception as exc:  # a claim file, or a bug: one entry, the run goes on
        from citecheck.claims.claimfile import ClaimFileError

        if isinstance(exc, ClaimFileError):
            return _failed(path, digest, exc)
        what = " ".join(f"{type(exc).__name__}: {exc}".split())
        failure = ManuscriptFailure(path, f"internal error: {what} (please report)")
        return CorpusItem(path, digest, failure=failure)
    if options.online is not None:  # the online half runs where the registry is
        return CorpusItem(path, digest, warnings=said, pending=done)
    return _finished(path, digest, finish_check(done, options), render, keep, said)


def _finished(
    path: str,
    digest: str,
    result: ManuscriptResult,
    render: Render | None,
    keep: bool,
    said: tuple[str, ...] = (),
) -> CorpusItem:
    return CorpusItem(
        path,
        digest,
        result if keep else None,
        rendered=render(result, digest) if render is not None else None,
        counts=EntryCounts.of(result),
        warnings=said,
    )


def _failed(path: str, digest: str, exc: Exception) -> CorpusItem:
    reason = " ".join(str(exc).split())
    if reason.startswith(f"{path}: "):
        reason = reason[len(path) + 2 :]
    return CorpusItem(path, digest, failure=ManuscriptFailure(path, reason))


def check_corpus(
    paths: Iterable[str | Path],
    options: CheckOptions | None = None,
    *,
    map: Mapper = map,
    settings: ReaderSettings | None = None,
    render: Render | None = None,
    keep: bool = True,
    skip_no_references: bool = False,
    registry: Registry | None = None,
) -> Iterator[CorpusItem]:
    """Check every manuscript of ``paths`` through ``map`` (the built-in ``map``, an
    executor's ``map``, :func:`executor_map`), yielding a :class:`CorpusItem` per
    manuscript in the order ``map`` gives them (see the module doc for the online part).

    ``render`` (picklable) renders each result where it is checked into
    ``item.rendered``; ``keep=False`` then drops the result itself, so that nothing large
    crosses between processes. ``registry``: the registry for the online half (default: one
    run registry opened from ``options.online``)."""
    options = options or CheckOptions()
    work = partial(
        check_path,
        options=options,
        settings=settings,
        render=render,
        keep=keep,
        skip_no_references=skip_no_references,
    )
    items = map(work, (str(p) for p in paths))
    if options.online is None:
        yield from items
        return
    if registry is None:
        from citecheck.registry.open import open_run_registry

        registry = open_run_registry(options.online)
    for item in items:
        if item.pending is None:
            yield item
            continue
        result = finish_check(item.pending, options, registry)
        done = _finished(item.path, item.digest, result, render, keep, item.warnings)
        yield done


def _apply(fn: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [fn(x) for x in chunk]


def executor_map(
    executor: Executor, *, chunk: int = 8, window: int = 0
) -> Callable[[Callable[[T], R], Iterable[T]], Iterator[R]]:
    """A ``map`` over ``executor`` (a process pool, a Dask client's executor) that sends
    ``chunk`` items per task, keeps at most ``window`` tasks in flight (default: enough for
    a few per worker) and yields results in order as they finish: the input is read lazily
    and memory stays flat however long it is."""

    def mapped(fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        limit = window or 4 * max(1, _workers(executor))
        source = iter(items)
        pending: deque[Future[list[R]]] = deque()
        while True:
            while len(pending) < limit and (part := list(islice(source, chunk))):
                pending.append(executor.submit(_apply, fn, part))
            if not pending:
                return
            yield from pending.popleft().result()

    return mapped


def _workers(executor: Any) -> int:
    count = getattr(executor, "_max_workers", None)
    return int(count) if isinstance(count, int) else 4
