"""Turning a manuscript's bytes into text (IO edge): UTF-8 ± BOM, cp1252 fallback, CRLF → LF.

Every reader starts here; what a format knows beyond its text is the reader's business
(:mod:`citecheck.inputs`).
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

from citecheck.errors import InputError
from citecheck.model import Document, OffsetMap

BOM = "\ufeff"


class EncodingFallbackWarning(UserWarning):
    """The file was not UTF-8 and was decoded as cp1252."""


def _normalise(text: str) -> tuple[str, bool, tuple[int, ...]]:
    """Text without a BOM and with ``\n`` line ends; where CRs of CRLF were dropped."""
    had_bom = text.startswith(BOM)
    if had_bom:
        text = text[1:]
    if "\r" not in text:
        return text, had_bom, ()
    dropped: list[int] = []
    out: list[str] = []
    pos = length = 0
    for m in re.finditer(r"\r\n?", text):
        out += [text[pos : m.start()], "\n"]
        length += m.start() - pos + 1
        if m.group(0) == "\r\n":  # a character dropped before this "\n" of the new text
            dropped.append(length - 1)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), had_bom, tuple(dropped)


def decode_text(data: bytes) -> tuple[str, str, bool, tuple[int, ...]]:
    """Decode manuscript bytes; return ``(text, encoding, had_bom, dropped_cr)``.

    UTF-8 (with or without BOM) first; cp1252 as a fallback. Line endings become ``\n``.
    """
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes), not a text manuscript")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        encoding = "cp1252"
    text, had_bom, dropped = _normalise(text)
    return text, encoding, had_bom, dropped


def text_document(text: str, path: str = "<text>") -> Document:
    """A document of text already in memory: normalised, nothing read from its format yet."""
    had_crlf = "\r" in text
    text, had_bom, dropped = _normalise(text)
    return Document(path, text, "utf-8", had_bom, had_crlf, offset_map(had_bom, dropped))


def decode_file(path: str | os.PathLike[str], *, stacklevel: int = 2) -> Document:
    """Read and decode a manuscript file into a document of its text (nothing read from its
    format yet). Raises :class:`InputError` with a one-line reason; warns with
    :class:`EncodingFallbackWarning` (``stacklevel`` counted from this function's caller)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a manuscript file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise InputError(f"{p}: file is empty")
    try:
        text, encoding, had_bom, dropped = decode_text(data)
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from exc
    if encoding != "utf-8":
        warnings.warn(
            f"{p}: not valid UTF-8; read as cp1252", EncodingFallbackWarning, stacklevel=stacklevel
        )
    return Document(str(p), text, encoding, had_bom, b"\r" in data, offset_map(had_bom, dropped))


def offset_map(had_bom: bool, dropped_cr: tuple[int, ...]) -> OffsetMap:
    """Text offsets back to the decoded file: shifted by the BOM, and by one more after each
    ``\r`` that was dropped (``dropped_cr``: offsets in the text of the ``\n`` it preceded)."""
    points = [(0, int(had_bom))] if had_bom else []
    points += [(at + 1, at + 1 + had_bom + i + 1) for i, at in enumerate(dropped_cr)]
    return OffsetMap(tuple(points))
