"""The files the command line reads and writes: standard input as a manuscript (``-``),
reports written atomically, and the guard that never lets an output land on a manuscript.

A report, a baseline or a claim file is written to a unique temporary file in the target's
directory, flushed, and renamed over the target (``os.replace``): a reader sees the old file
or the new one, never half of one, and a run killed mid-write leaves the previous report in
place. A target that is not a regular file (``/dev/stdout``, a named pipe) is written
directly, since it cannot be renamed over.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from citecheck.errors import EXIT_USAGE, CitecheckError, InputError
from citecheck.inputs import reader_for
from citecheck.inputs.decode import decode_text, had_crlf, offset_map
from citecheck.model import Document

STDIN = "-"
STDIN_PATH = "<stdin>"


class OutputError(CitecheckError):
    """An output that cannot be written (a missing directory, a read-only one): exit 3."""


class OutputOnManuscript(CitecheckError):
    """An output that names a manuscript being read: a usage error, exit 2."""

    exit_code = EXIT_USAGE


def read_stdin() -> Document:
    """The manuscript on standard input, read as Markdown; its path shows as ``<stdin>``."""
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise InputError(f"{STDIN_PATH}: standard input is empty")
    try:
        text, encoding, had_bom, dropped = decode_text(data)
    except InputError as exc:
        raise InputError(f"{STDIN_PATH}: {exc}") from exc
    crlf = had_crlf(data, encoding, dropped)
    document = Document(STDIN_PATH, text, encoding, had_bom, crlf, offset_map(had_bom, dropped))
    return reader_for("stdin.md")(document)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def refuse_manuscript(target: str | None, manuscripts: Iterable[str], what: str) -> None:
    """Stop (exit 2) when ``target`` — an output file — is one of the ``manuscripts``, also
    through a symbolic or hard link."""
    if not target or target == STDIN:
        return
    for manuscript in manuscripts:
        if manuscript != STDIN and _same_file(Path(target), Path(manuscript)):
            raise OutputOnManuscript(
                f"{what} {target} is the manuscript {manuscript}; citecheck never overwrites "
                "a manuscript"
            )


def check_output_directory(path: str | None) -> None:
    """Stop before any work (exit 3) when an output's directory does not exist."""
    if path and path != STDIN:
        directory = Path(path).parent
        if not directory.is_dir():
            raise OutputError(f"{path}: cannot write: directory {directory} does not exist")


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` (UTF-8, or bytes as they are) to ``path`` through a temporary file and
    a rename; raises :class:`OutputError` with one line when it cannot."""
    target = Path(path)
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"{target}: cannot write: directory {directory} does not exist")
    if target.is_dir():
        raise OutputError(f"{target}: cannot write: is a directory")
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        if target.exists() and not target.is_file():  # /dev/stdout, a pipe: no rename
            with target.open("wb") as out:
                out.write(data)
            return
        mode = target.stat().st_mode & 0o777 if target.exists() else _new_file_mode()
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
