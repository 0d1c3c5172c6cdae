"""Work records streamed out of snapshot files, never a whole file in memory.

Crossref's public data file is a directory of gzipped JSON files, each one object
``{"items": [work, work, …]}`` (the works have the shape of the REST API's ``message``).
:func:`iter_items` reads such a file (gzipped or not) with the standard library's JSON
decoder one item at a time, over a sliding buffer, whatever its line breaks; a ``.jsonl``
file (gzipped or not) is one work per line. A file that ends early, is not gzip, or is not
JSON raises :class:`SnapshotError` — the builder then drops everything it read from it.

:func:`iter_works` is what the builder reads: the same items cut down to the fields a work
record is made from, decoded by msgspec when it is installed (:mod:`.fastjson`). A file of
up to :data:`WHOLE` bytes (unzipped) is then decoded in one call — Crossref's files hold a
few thousand works, tens of megabytes; a larger one, or one msgspec cannot read, is
streamed as above.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, cast

from citecheck.errors import CitecheckError
from citecheck.localregistry.fastjson import codec, item_of_line, items_of_object

WHOLE = 256 << 20  # an items file up to this size (unzipped) is decoded in one call
CHUNK = 1 << 20  # characters read at a time
MAX_ITEM = 64 << 20  # one work larger than this is not a work: the file is refused


class SnapshotError(CitecheckError):
    """A snapshot file that cannot be read to its end (truncated, corrupt, wrong shape)."""


def is_json_lines(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith((".jsonl", ".ndjson"))


def iter_items(path: str | Path) -> Iterator[Any]:
    """The work objects of one snapshot file, in order. Raises :class:`SnapshotError`."""
    p = Path(path)
    yield from _guarded(p, _read_items(p))


def iter_works(path: str | Path) -> Iterator[Any]:
    """The items of one snapshot file with the fields a work record is made from (whole
    items when msgspec is absent), in order. Raises :class:`SnapshotError`."""
    p = Path(path)
    yield from _guarded(p, _read_works(p) if codec() is not None else _read_items(p))


def _guarded(p: Path, items: Iterator[Any]) -> Iterator[Any]:
    try:
        yield from items
    except SnapshotError:
        raise
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise SnapshotError(f"{p}: truncated or corrupt gzip ({exc or 'ends early'})") from exc
    except UnicodeDecodeError as exc:
        raise SnapshotError(f"{p}: not UTF-8 (byte {exc.start})") from exc
    except OSError as exc:
        raise SnapshotError(f"{p}: cannot read ({exc.strerror or exc})") from exc


def _read_items(p: Path) -> Iterator[Any]:
    with _open_text(p) as text:
        yield from (_json_lines(text, p) if is_json_lines(p) else _items_object(text, p))


def _read_works(p: Path) -> Iterator[Any]:
    data = None if is_json_lines(p) else _gunzipped(p)
    if data is None:
        with _open_binary(p) as raw:
            if is_json_lines(p):
                for number, line in enumerate(raw, 1):
                    if line.strip():
                        yield _line_item(line, number, p)
                return
            data = raw.read(WHOLE + 1)
    items = items_of_object(data) if len(data) <= WHOLE else None
    if items is not None:
        yield from items
    elif len(data) <= WHOLE:  # msgspec could not: json reads it, or says what is wrong
        yield from _items_object(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"), p)
    else:
        yield from _read_items(p)


def _gunzipped(p: Path) -> bytes | None:
    """A whole gzipped file of one member unzipped in one call (a quarter faster than
    :mod:`gzip`'s reader; twice as fast again with ISA-L's ``isal``, part of the extra
    ``registry``), or None when it is not that — not gzip, corrupt, truncated, several
    members, over :data:`WHOLE`: the stream reader then reads it, or says why not."""
    if not p.name.lower().endswith(".gz"):
        return None
    with p.open("rb") as raw:
        packed = raw.read(WHOLE + 1)
    inflate, errors = _inflater()
    unzip = inflate(wbits=31)
    try:
        data: bytes = unzip.decompress(packed, WHOLE + 1)
    except errors:
        return None
    return data if unzip.eof and not unzip.unused_data else None


@lru_cache(maxsize=1)
def _inflater() -> tuple[Callable[..., Any], tuple[type[Exception], ...]]:
    """ISA-L's ``decompressobj`` when ``isal`` is installed, else zlib's (same results)."""
    try:
        from isal import isal_zlib
    except ImportError:
        return zlib.decompressobj, (zlib.error,)
    return isal_zlib.decompressobj, (cast(type[Exception], isal_zlib.error), zlib.error)


def _line_item(line: bytes, number: int, p: Path) -> Any:
    try:
        return item_of_line(line)
    except (ValueError, RecursionError) as exc:
        raise SnapshotError(f"{p}: line {number} is not a JSON record ({exc})") from exc


def _open_binary(p: Path) -> IO[bytes]:
    if p.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(p, "rb"))
    return p.open("rb")


def _open_text(p: Path) -> IO[str]:
    return io.TextIOWrapper(_open_binary(p), encoding="utf-8")


def _json_lines(text: IO[str], p: Path) -> Iterator[Any]:
    for number, line in enumerate(text, 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise SnapshotError(f"{p}: line {number} is not a JSON record ({exc})") from exc


class _Reader:
    """A sliding window over a text stream for the JSON decoder."""

    def __init__(self, text: IO[str], p: Path) -> None:
        self.text, self.path = text, p
        self.buf, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self.text.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def skip_space(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def expect(self, chars: str) -> str:
        c = self.skip_space()
        if not c or c not in chars:
            where = "the end of the file" if not c else repr(c)
            raise SnapshotError(f"{self.path}: expected one of {chars!r}, found {where}")
        self.pos += 1
        return c

    def value(self) -> Any:
        self.skip_space()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.pos > MAX_ITEM:
                    raise SnapshotError(f"{self.path}: a value over {MAX_ITEM} bytes") from exc
                if not self.more():
                    raise SnapshotError(f"{self.path}: truncated or not JSON ({exc.msg})") from exc
                continue
            except RecursionError as exc:
                raise SnapshotError(f"{self.path}: JSON nested too deeply") from exc
            if end == len(self.buf) and not self.eof and self.more():
                continue  # a number may go on in the next chunk: decode it again
            self.pos = end
            return value


def _items_object(text: IO[str], p: Path) -> Iterator[Any]:
    r = _Reader(text, p)
    r.expect("{")
    if r.skip_space() == "}":
        r.pos += 1
    else:
        while True:
            key = r.value()
            r.expect(":")
            if key == "items":
                yield from _array(r)
            else:
                r.value()  # another key's value: read and dropped
            if r.expect(",}") == "}":
                break
    if r.skip_space():
        raise SnapshotError(f"{p}: text after the end of the JSON object")


def _array(r: _Reader) -> Iterator[Any]:
    r.expect("[")
    if r.skip_space() == "]":
        r.pos += 1
        return
    while True:
        yield r.value()
        if r.expect(",]") == "]":
            return
