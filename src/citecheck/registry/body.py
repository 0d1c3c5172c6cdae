"""Reading an answer's body within bounds: size, decompressed size and time.

The body is read from the socket as it arrives (``stream=True``), never more than
``max_bytes`` on the wire nor more than ``max_decoded`` once decompressed: gzip and deflate
are decompressed here, a chunk at a time with a cap on the output, so a gzip bomb stops at
the cap with bounded memory. Between reads the request's deadline is checked, so a server
that drips one byte at a time is cut off when the deadline passes (each read is itself
bounded by the read timeout). Other content encodings are refused.
"""

from __future__ import annotations

import codecs
import contextlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CHUNK = 64 * 1024
ACCEPT_ENCODING = "gzip, deflate"


class BodyError(Exception):
    """The body could not be read within bounds; ``str()`` is the one-line reason."""

    def __init__(self, reason: str, *, network: bool = False) -> None:
        super().__init__(reason)
        self.network = network  # a failure of the connection (counts towards the breaker)


@dataclass(frozen=True)
class BodyLimits:
    max_bytes: int = 32 * 1024 * 1024  # on the wire
    max_decoded: int = 64 * 1024 * 1024  # after decompression


def _decoder(encoding: str) -> Any:
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if name == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, detected
    raise BodyError(f"unsupported content encoding {encoding[:40]!r}")


def read_body(
    raw: Any, encoding: str, limits: BodyLimits, deadline: float, clock: Callable[[], float]
) -> bytes:
    """All of a streamed body (``raw``: a urllib3 response, read undecoded), decompressed.

    Raises :class:`BodyError` past the limits or the deadline, or when the connection breaks.
    """
    decoder = _decoder(encoding)
    out: list[bytes] = []
    wire = decoded = 0
    read = getattr(raw, "read1", None) or raw.read
    while True:
        if clock() > deadline:
            raise BodyError(
                "the answer was too slow: stopped at the request deadline", network=True
            )
        try:
            chunk = read(CHUNK, decode_content=False)
        except Exception as exc:  # urllib3 and socket errors alike: the connection broke
            raise BodyError(
                f"the connection broke while reading ({type(exc).__name__})", network=True
            ) from exc
        if not chunk:
            break
        wire += len(chunk)
        if wire > limits.max_bytes:
            raise BodyError(f"the answer is larger than {limits.max_bytes // 1048576} MB; not read")
        if decoder is None:
            out.append(chunk)
            continue
        data = chunk
        while data:
            try:
                piece = decoder.decompress(data, limits.max_decoded - decoded + 1)
            except zlib.error as exc:
                raise BodyError("the answer's compression is corrupt") from exc
            decoded += len(piece)
            if decoded > limits.max_decoded:
                raise BodyError(
                    f"the answer decompresses to more than {limits.max_decoded // 1048576} MB;"
                    " not read"
                )
            out.append(piece)
            data = decoder.unconsumed_tail
    if decoder is not None:
        tail = decoder.flush()
        if decoded + len(tail) > limits.max_decoded:
            raise BodyError("the answer decompresses past the limit; not read")
        out.append(tail)
    return b"".join(out)


def text_of(body: bytes, content_type: str) -> str:
    """The body as text: the declared charset if Python knows it, else UTF-8; bad bytes
    replaced."""
    charset = "utf-8"
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            with contextlib.suppress(LookupError):
                charset = codecs.lookup(value.strip().strip('"')).name
    try:
        return body.decode(charset, errors="replace")
    except LookupError:  # a codec that is not a text encoding ("rot13")
        return body.decode("utf-8", errors="replace")
