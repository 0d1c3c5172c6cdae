"""Turning a manuscript's bytes into text (IO edge): UTF-8 ± BOM, UTF-16 with its BOM (Word's
"Unicode text"), else cp1252 — or Mac Roman when cp1252 garbles words Mac Roman reads cleanly
— and CRLF → LF.

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
    """The file was not UTF-8 and was decoded as cp1252 or Mac Roman."""


UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# A non-ASCII character between two lower-case ASCII letters that is not a lower-case
# letter, an apostrophe, a dash or a space: what a wrong 8-bit code page makes of accented
# letters and in-word punctuation ('PŽrez', 'donÕt', 'yearsÐold' are Mac Roman read as
# cp1252; 'PÈrez', 'M¸ller' cp1252 read as Mac Roman)
_GARBLED = re.compile(r"(?<=[a-z])[^\x00-\x7f](?=[a-z])")
_IN_WORDS = frozenset("\u2019\u2013\u2014\u00a0")


def _garbled(text: str) -> int:
    return sum(1 for m in _GARBLED.finditer(text) if not (m[0].islower() or m[0] in _IN_WORDS))


def _eight_bit(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8 as cp1252, or as Mac Roman when that garbles no word and
    cp1252 garbles some (cp1252 when they tie: it is far the commoner)."""
    text = data.decode("cp1252", errors="replace")
    garbled = _garbled(text)
    if garbled:
        mac = data.decode("mac_roman")
        if _garbled(mac) == 0:
            return mac, "mac_roman"
    return text, "cp1252"


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

    UTF-16 when the bytes start with its BOM; else UTF-8 (with or without BOM); else cp1252
    or Mac Roman (:func:`_eight_bit`). Line endings become ``\n``.
    """
    for bom, encoding in UTF16_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)  # the BOM kept as U+FEFF: _normalise drops it
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding.upper()} (byte {exc.start})") from exc
            text, had_bom, dropped = _normalise(text)
            return text, encoding, had_bom, dropped
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes), not a text manuscript")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _eight_bit(data)
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
    if encoding in ("cp1252", "mac_roman"):
        name = {"cp1252": "cp1252", "mac_roman": "Mac Roman"}[encoding]
        warnings.warn(
            f"{p}: not valid UTF-8; read as {name}", EncodingFallbackWarning, stacklevel=stacklevel
        )
    crlf = had_crlf(data, encoding, dropped)
    return Document(str(p), text, encoding, had_bom, crlf, offset_map(had_bom, dropped))


def had_crlf(data: bytes, encoding: str, dropped_cr: tuple[int, ...]) -> bool:
    """Whether the file's lines ended in CR LF (in UTF-16 a 0x0D byte may be half of
    another character: the CRs dropped tell)."""
    return bool(dropped_cr) if encoding.startswith("utf-16") else b"\r" in data


def offset_map(had_bom: bool, dropped_cr: tuple[int, ...]) -> OffsetMap:
    """Text offsets back to the decoded file: shifted by the BOM, and by one more after each
    ``\r`` that was dropped (``dropped_cr``: offsets in the text of the ``\n`` it preceded)."""
    points = [(0, int(had_bom))] if had_bom else []
    points += [(at + 1, at + 1 + had_bom + i + 1) for i, at in enumerate(dropped_cr)]
    return OffsetMap(tuple(points))
