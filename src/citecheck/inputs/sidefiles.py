"""The files a manuscript names besides itself (LaTeX ``\\input`` chapters, .bib and CSL
bibliographies, a Quarto project's ``_quarto.yml``): found relative to the manuscript,
read with a size limit and decoded like a manuscript (IO edge). A file that cannot be read
is one line of reason, for the reader to report as a finding."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from citecheck.errors import InputError
from citecheck.inputs.decode import decode_text

MAX_SIDE_FILE = 20_000_000  # bytes of one included or bibliography file
MAX_SIDE_FILES = 500  # files one manuscript may pull in


def read_side_file(path: Path) -> str:
    """The decoded text of ``path`` (``""`` for an empty file). Raises
    :class:`~citecheck.errors.InputError` with the reason alone (missing, a directory,
    too large, binary)."""
    try:
        if path.is_dir():
            raise InputError("is a directory")
        with path.open("rb") as fh:
            data = fh.read(MAX_SIDE_FILE + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_SIDE_FILE:
        raise InputError(f"larger than {MAX_SIDE_FILE} bytes")
    if not data.strip():
        return ""
    text, _, _, _ = decode_text(data)
    return text


def find_side_file(name: str, directories: Iterable[Path], suffixes: Iterable[str] = ()) -> Path:
    """``name`` in the first of ``directories`` that has it, trying it as written and then
    with each of ``suffixes`` added; the first directory's candidate when none exists (the
    path a "no such file" finding names)."""
    dirs = list(dict.fromkeys(directories))
    candidates = [name, *(name + s for s in suffixes if not name.endswith(s))]
    for directory in dirs:
        for candidate in candidates:
            path = directory / candidate
            if path.is_file():
                return path
    return dirs[0] / candidates[-1] if dirs else Path(candidates[-1])


def shown(path: Path) -> str:
    """A path as reports name it: in the style the manuscript's path was given (relative
    or absolute), without ``./`` or ``dir/../``."""
    return os.path.normpath(str(path))


def project_root(directory: Path) -> Path:
    """The project a manuscript in ``directory`` belongs to: the nearest directory at or
    above it that holds ``.git``, else ``directory`` itself."""
    here = directory.resolve()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return here


def outside(path: Path, root: Path) -> bool:
    """Whether ``path`` lies outside ``root`` (an ``\\input{/etc/passwd}`` or
    ``../../secrets`` in a manuscript from a pull request is not read)."""
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return True
    return False
