"""Small PDFs written by hand for the PDF reader's tests: pages of lines set in the standard
Helvetica fonts (nothing embedded), superscripts by text rise (``Ts``) as typesetters set
them, two columns written in any order, and the broken shapes of hostile files.

A line is ``(x, y, segments)``; a segment is ``(text, size)`` or ``(text, size, rise)`` or
``(text, size, rise, "bold")``. Coordinates are PDF points, y upwards, A4 pages."""

from __future__ import annotations

from collections.abc import Sequence

Segment = tuple
Line = tuple[float, float, Sequence[Segment]]
WIDTH, HEIGHT = 595, 842


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def content(lines: Sequence[Line]) -> bytes:
    """One page's content stream."""
    ops = []
    for x, y, segments in lines:
        ops.append(f"BT 1 0 0 1 {x} {y} Tm")
        for segment in segments:
            text, size = segment[0], segment[1]
            rise = segment[2] if len(segment) > 2 else 0
            font = "F2" if len(segment) > 3 and segment[3] == "bold" else "F1"
            ops.append(f"/{font} {size} Tf {rise} Ts ({_escape(text)}) Tj")
        ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def pdf_bytes(pages: Sequence[bytes], shared: bool = False) -> bytes:
    """A PDF of pages with these content streams (``shared``: every page draws the first
    stream, so thousands of pages stay small)."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    streams = pages[:1] if shared else pages
    first_stream = len(objects) + 1
    for stream in streams:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    kids = []
    for i in range(len(pages)):
        stream_ref = first_stream + (0 if shared else i)
        kids.append(len(objects) + 1)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (WIDTH, HEIGHT, stream_ref)
        )
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def page_pdf(*pages: Sequence[Line]) -> bytes:
    """A PDF whose pages hold these lines."""
    return pdf_bytes([content(lines) for lines in pages])


def text_lines(x: float, top: float, texts: Sequence[str], size: float = 10) -> list[Line]:
    """Plain lines from ``top`` down, one every 1.2 × ``size``."""
    return [(x, top - i * size * 1.2, [(t, size)]) for i, t in enumerate(texts)]
