"""Reading a manuscript from disk into a :class:`~citecheck.model.Document` (IO edge)."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from .errors import InputError
from .model import Document

BOM = "\ufeff"


class EncodingFallbackWarning(UserWarning):
    """The file was not UTF-8 and was decoded as cp1252."""


def decode_text(data: bytes) -> tuple[str, str, bool, bool]:
    """Decode manuscript bytes; return ``(text, encoding, had_bom, had_crlf)``.

    UTF-8 (with or without BOM) first; cp1252 as a fallback. Line endings become ``\\n``.
    """
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes), not a text manuscript")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        encoding = "cp1252"
    had_bom = text.startswith(BOM)
    if had_bom:
        text = text[1:]
    had_crlf = "\r" in text
    if had_crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, had_bom, had_crlf


def document_from_text(text: str, path: str = "<text>") -> Document:
    """A document from text already in memory (tests, library use)."""
    if text.startswith(BOM):
        text = text[1:]
    had_crlf = "\r" in text
    if had_crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(path=path, text=text, had_crlf=had_crlf)


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read and decode a manuscript file. Raises :class:`InputError` with a one-line reason."""
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
        text, encoding, had_bom, had_crlf = decode_text(data)
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from exc
    if encoding != "utf-8":
        warnings.warn(
            f"{p}: not valid UTF-8; read as cp1252", EncodingFallbackWarning, stacklevel=2
        )
    return Document(str(p), text, encoding, had_bom, had_crlf)
