"""The PDF reader: a text-layer PDF into a :class:`~citecheck.model.Document`.

PDFium (the ``pdf`` extra, pypdfium2) reads each page's text layer with the glyphs' boxes
(:mod:`citecheck.inputs.pdf_tokens`); the glyphs become lines in reading order, two columns
read one after the other (:mod:`citecheck.inputs.pdf_layout`), running heads, page numbers
and line numbers dropped (:mod:`citecheck.inputs.pdf_margins`); superscripts are written ``^{…}``
(:mod:`citecheck.inputs.pdf_super`), those of a formula masked as no citations
(:mod:`citecheck.inputs.pdf_exponents`); lines become paragraphs, headings and mended words
(:mod:`citecheck.inputs.pdf_text`), a column's footnotes kept out of the paragraph they
interrupt and written after the one that holds their mark
(:mod:`citecheck.inputs.pdf_footnotes`). The reference list is then found and split in that
text as in any text manuscript.

**Places.** Every PDF line is an :class:`~citecheck.model.Origin` (page, and a label such as
``page 3, line 14 'The CXCR4 receptor…'``, or ``page 3, right column, line 14 '…'``; lines
counted from the top of the page or column), so reports name the page and line. Source
offsets (JSON ``start``/``end``) are *page × 1,000,000 + PDFium's glyph index on that page*.

**Refusals**, each one line (exit 3): not a PDF, truncated (no ``%%EOF`` in its last 2 kB: a
download cut short reads as a manuscript without its end), larger than :data:`MAX_BYTES`,
:data:`MAX_PAGES` or :data:`MAX_GLYPHS`, slower than :data:`MAX_SECONDS`, encrypted with a
password, damaged beyond PDFium's repair, no text layer (a scan: run OCR first), or the
``pdf`` extra not installed.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from citecheck.errors import InputError
from citecheck.inputs.format import InputFormat
from citecheck.inputs.pdf_exponents import exponent_spans
from citecheck.inputs.pdf_layout import Line, page_lines
from citecheck.inputs.pdf_margins import Band, drop_line_numbers, drop_running_heads
from citecheck.inputs.pdf_notes import footnote_marks
from citecheck.inputs.pdf_text import assemble
from citecheck.inputs.pdf_tokens import PageTokens, read_tokens
from citecheck.model import Document, OffsetMap, Span

MAX_BYTES = 200_000_000
MAX_PAGES = 2_000
MAX_GLYPHS = 20_000_000  # in the whole document
MAX_SECONDS = 300.0  # reading stops with an error past this
_URL = re.compile(r"https?://[^\s}]+")


def read_pdf(path: Path) -> Document:
    """Read a PDF manuscript (see the module doc). Raises :class:`InputError`."""
    _check_file(path)
    pdfium, raw = _pdfium(path)
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(_load_error(path, exc)) from exc
    try:
        pages = _read_pages(path, document, raw, pdfium.PdfiumError)
    finally:
        document.close()
    return _document(path, pages)


LFS_POINTER = b"version https://git-lfs.github.com/spec/"
LFS_MESSAGE = (
    "a Git LFS pointer, not the document itself (the repository keeps the file in Git LFS); "
    "fetch it with `git lfs pull` and check again"
)


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(1024)
            f.seek(max(0, size - 2048))
            tail = f.read(2048)
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory, not a manuscript") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not head:
        raise InputError(f"{path}: the file is empty")
    if head.startswith(LFS_POINTER):
        raise InputError(f"{path}: {LFS_MESSAGE}")
    if b"%PDF-" not in head:
        raise InputError(f"{path}: not a PDF file (no %PDF- header)")
    if size > MAX_BYTES:
        raise InputError(f"{path}: the PDF is larger than {MAX_BYTES:,} bytes; not read")
    if b"%%EOF" not in tail:
        raise InputError(f"{path}: the PDF is truncated (no end-of-file marker); get it again")


def _pdfium(path: Path) -> tuple[Any, ModuleType]:
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError as exc:
        raise InputError(
            f"{path}: reading PDF needs the 'pdf' extra: pip install 'citecheck-audit[pdf]'"
        ) from exc
    return pdfium, raw


def _load_error(path: Path, exc: Exception) -> str:
    reason = str(exc)
    if "password" in reason.lower():
        return f"{path}: the PDF is encrypted (it needs a password); save an unencrypted copy"
    if "security" in reason.lower():
        return f"{path}: the PDF uses an unsupported security handler; save an unencrypted copy"
    return f"{path}: not a readable PDF (damaged or truncated: {reason.rstrip('.')})"


def _read_pages(path: Path, document: Any, raw: Any, error: type[Exception]) -> list[PageTokens]:
    deadline = time.monotonic() + MAX_SECONDS
    try:
        count = len(document)
    except error as exc:
        raise InputError(_load_error(path, exc)) from exc
    if count == 0:
        raise InputError(f"{path}: the PDF has no pages")
    if count > MAX_PAGES:
        raise InputError(f"{path}: the PDF has {count:,} pages, more than {MAX_PAGES:,}; not read")
    pages: list[PageTokens] = []
    glyphs = 0
    numbers: Band | None = None  # where earlier pages' line numbers stood
    for number in range(1, count + 1):
        if time.monotonic() > deadline:
            raise InputError(f"{path}: reading the PDF took over {MAX_SECONDS:.0f} s; stopped")
        try:
            page = document[number - 1]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    glyphs += raw.FPDFText_CountChars(textpage.raw)
                    if glyphs > MAX_GLYPHS:
                        raise InputError(
                            f"{path}: the PDF holds more than {MAX_GLYPHS:,} characters; not read"
                        )
                    tokens = read_tokens(raw, textpage.raw)
                finally:
                    textpage.close()
            finally:
                page.close()
        except error as exc:
            raise InputError(f"{path}: page {number} cannot be read ({exc})") from exc
        kept, numbers = drop_line_numbers(tuple(tokens), numbers)
        pages.append(PageTokens(number, float(width), float(height), kept))
    return pages


def _document(path: Path, pages: list[PageTokens]) -> Document:
    if not any(page.tokens for page in pages):
        raise InputError(
            f"{path}: the PDF has no text layer (a scanned image?); give it one with OCR "
            f"first, e.g. `ocrmypdf {path.name} {path.stem}-ocr.pdf`"
        )
    kept = drop_running_heads([page_lines(p) for p in pages], [p.height for p in pages])
    lines: list[Line] = [line for page_of_lines in kept for line in page_of_lines]
    assembled = assemble(lines)
    text = assembled.text
    return Document(
        str(path),
        text,
        offsets=OffsetMap(assembled.points),
        format="pdf",
        masked=(
            *(Span(m.start(), m.end()) for m in _URL.finditer(text)),
            *footnote_marks(text, assembled.blocks),
            *exponent_spans(text, assembled.superscripts),
        ),
        headings=assembled.headings,
        blocks=assembled.blocks,
        origins=assembled.origins,
    )


PDF = InputFormat("pdf", read_pdf)
"""PDF manuscripts with a text layer (the ``pdf`` extra: pypdfium2)."""
