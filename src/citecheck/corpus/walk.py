"""The manuscripts of a corpus: files named, directories walked (IO at this edge).

A directory is walked recursively, in sorted order, for every file whose suffix a reader
knows (:data:`citecheck.inputs.READERS`); hidden files and directories (``.git``,
``.quarto``) are skipped. ``include``/``exclude`` are shell globs (``*.md``,
``drafts/*``) matched against a walked file's path relative to its directory and against
its name; a file named directly is always taken.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from citecheck.inputs import READERS


def find_manuscripts(
    paths: Iterable[str], include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Iterator[str]:
    """Every manuscript the ``paths`` name, each once, lazily (see the module doc)."""
    seen: set[str] = set()
    for path in paths:
        found = _walk(path, include, exclude) if os.path.isdir(path) else iter((path,))
        for name in found:
            if name not in seen:
                seen.add(name)
                yield name


def _walk(directory: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    root = Path(directory)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in READERS:
                continue
            path = Path(folder) / name
            relative = PurePosixPath(path.relative_to(root).as_posix())
            if wanted(relative, include, exclude):
                yield str(path)


def wanted(relative: PurePosixPath, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether a walked file is taken: it matches some ``include`` glob (or there is none)
    and no ``exclude`` glob; a glob matches the relative path or the file's name."""

    def matches(glob: str) -> bool:
        return fnmatchcase(str(relative), glob) or fnmatchcase(relative.name, glob)

    if include and not any(matches(g) for g in include):
        return False
    return not any(matches(g) for g in exclude)
