"""Readers: a manuscript file (or text in memory) into a :class:`~citecheck.model.Document`.

The reader is chosen by the file's suffix (:data:`READERS`); a suffix it does not know is
read as Markdown, which plain text also is. Adding a format is one module with a
``read_<format>(document) -> Document`` function (it receives the decoded text, see
:mod:`citecheck.inputs.decode`) and one line in :data:`READERS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import PurePath

from citecheck.inputs.decode import EncodingFallbackWarning, decode_file, text_document
from citecheck.inputs.markdown import read_markdown
from citecheck.model import Document

Reader = Callable[[Document], Document]

READERS: Mapping[str, Reader] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_markdown,  # plain text: Markdown without markup, and often Markdown saved so
}
DEFAULT_READER: Reader = read_markdown


def reader_for(path: str | os.PathLike[str]) -> Reader:
    """The reader for a file of this name (by its suffix, case ignored)."""
    return READERS.get(PurePath(path).suffix.lower(), DEFAULT_READER)


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read, decode and read the format of a manuscript file.

    Raises :class:`~citecheck.errors.InputError` with a one-line reason (no such file, a
    directory, empty, binary); warns with :class:`EncodingFallbackWarning` when the file is
    not UTF-8 and was read as cp1252.
    """
    return reader_for(path)(decode_file(path, stacklevel=3))


def document_from_text(text: str, path: str = "<text>") -> Document:
    """The document :func:`read_document` would make of a file named ``path`` holding
    ``text`` (tests, library use)."""
    return reader_for(path)(text_document(text, path))


__all__ = [
    "DEFAULT_READER",
    "READERS",
    "EncodingFallbackWarning",
    "Reader",
    "document_from_text",
    "read_document",
    "reader_for",
]
