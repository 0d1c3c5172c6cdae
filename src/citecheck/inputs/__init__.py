"""Readers: a manuscript file (or text in memory) into a :class:`~citecheck.model.Document`.

A reader is chosen by the file's suffix (:data:`READERS`); a suffix it does not know is read
as Markdown, which plain text also is. A reader is an :class:`~citecheck.inputs.format.InputFormat`:
a function that reads a file into a Document (IO: it opens the file, and may unzip or parse
it), and, for a text format, one that reads already decoded text (text in memory, tests).
Adding a format is one module that defines its ``InputFormat`` and one line in
:data:`READERS`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from pathlib import Path, PurePath

from citecheck.errors import InputError
from citecheck.inputs.decode import EncodingFallbackWarning, text_document
from citecheck.inputs.format import InputFormat, ReaderSettings, TextReader, text_format
from citecheck.inputs.markdown import MARKDOWN
from citecheck.inputs.pandoc import PANDOC, PANDOC_OR_MARKDOWN
from citecheck.model import Document


class _Readers(MutableMapping[str, InputFormat]):
    """The formats by suffix. A format given as ``"module:NAME"`` is imported when it is
    first asked for, so that a run over Markdown loads no Word, XML, LaTeX or PDF reader."""

    def __init__(self, entries: dict[str, InputFormat | str]) -> None:
        self._entries = entries

    def __getitem__(self, suffix: str) -> InputFormat:
        entry = self._entries[suffix]
        if isinstance(entry, str):
            module, _, name = entry.partition(":")
            entry = self._entries[suffix] = getattr(import_module(module), name)
        return entry

    def __contains__(self, suffix: object) -> bool:
        return suffix in self._entries

    def __setitem__(self, suffix: str, fmt: InputFormat) -> None:
        self._entries[suffix] = fmt

    def __delitem__(self, suffix: str) -> None:
        del self._entries[suffix]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


READERS: MutableMapping[str, InputFormat] = _Readers(
    {
        ".md": PANDOC_OR_MARKDOWN,  # Markdown; pandoc's with [@key] citations and a bibliography
        ".markdown": PANDOC_OR_MARKDOWN,
        ".txt": MARKDOWN,  # plain text: Markdown without markup, and often Markdown saved so
        ".docx": "citecheck.inputs.docx:DOCX",
        ".doc": "citecheck.inputs.docx:DOCX",  # old binary Word: refused with what to do
        ".odt": "citecheck.inputs.docx:ODT",  # refused with what to do (save it as .docx)
        ".xml": "citecheck.inputs.jats:JATS",  # JATS (NLM, BITS); other XML refused in one line
        ".nxml": "citecheck.inputs.jats:JATS",  # PubMed Central's name for its JATS files
        ".tex": "citecheck.inputs.latex:LATEX",
        ".ltx": "citecheck.inputs.latex:LATEX",
        ".qmd": PANDOC,  # Quarto
        ".rmd": PANDOC,  # R Markdown (.Rmd)
        ".pdf": "citecheck.inputs.pdf:PDF",  # a text-layer PDF (the 'pdf' extra: pypdfium2)
    }
)
DEFAULT_FORMAT = PANDOC_OR_MARKDOWN


def format_for(path: str | os.PathLike[str]) -> InputFormat:
    """The format of a file of this name (by its suffix, case ignored)."""
    return READERS.get(PurePath(path).suffix.lower(), DEFAULT_FORMAT)


def reader_for(path: str | os.PathLike[str]) -> TextReader:
    """The text reader for a file of this name (a binary format has none: its text cannot
    be read without its file)."""
    fmt = format_for(path)
    if fmt.read_text is None:
        raise InputError(f"{path}: a {fmt.name} file cannot be read from text")
    return fmt.read_text


def read_document(path: str | os.PathLike[str], settings: ReaderSettings | None = None) -> Document:
    """Read a manuscript file in the format its suffix names (with the project's
    ``settings``: LaTeX citation commands, a pandoc bibliography).

    Raises :class:`~citecheck.errors.InputError` with a one-line reason (no such file, a
    directory, empty, binary, malformed); warns with :class:`EncodingFallbackWarning` when
    a text file is not UTF-8 and was read as cp1252.
    """
    return format_for(path).with_settings(settings).read_file(Path(path))


def document_from_text(text: str, path: str = "<text>") -> Document:
    """The document :func:`read_document` would make of a file named ``path`` holding
    ``text`` (tests, library use)."""
    return reader_for(path)(text_document(text, path))


__all__ = [
    "DEFAULT_FORMAT",
    "READERS",
    "EncodingFallbackWarning",
    "InputFormat",
    "ReaderSettings",
    "document_from_text",
    "format_for",
    "read_document",
    "reader_for",
    "text_format",
]
