"""What an input format is to citecheck: a way to read a file into a Document and, for a text
format, a way to read text already decoded. A reader module defines its
:class:`InputFormat` with these; :mod:`citecheck.inputs` registers it by suffix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from citecheck.inputs.decode import decode_file
from citecheck.model import Document

TextReader = Callable[[Document], Document]
FileReader = Callable[[Path], Document]


@dataclass(frozen=True)
class ReaderSettings:
    """What a project tells its readers (``[tool.citecheck]``, the command line): LaTeX
    commands it uses like ``\\cite`` (``cite-commands``), bibliography files for pandoc
    manuscripts that name none (``--bibliography``)."""

    cite_commands: tuple[str, ...] = ()
    bibliography: tuple[str, ...] = ()


@dataclass(frozen=True)
class InputFormat:
    """A manuscript format: its name, how to read a file of it and, for a text format, how
    to read its decoded text (``None`` for a binary format such as Word). A format that
    takes settings has ``configure``, which returns the format with them."""

    name: str
    read_file: FileReader
    read_text: TextReader | None = None
    configure: Callable[[ReaderSettings], InputFormat] | None = None

    def with_settings(self, settings: ReaderSettings | None) -> InputFormat:
        """This format as ``settings`` configure it (itself when it takes none)."""
        if settings is None or self.configure is None or settings == ReaderSettings():
            return self
        return self.configure(settings)


def text_format(name: str, reader: TextReader) -> InputFormat:
    """A text format: the file is decoded (UTF-8, BOM, CRLF, cp1252 fallback), then read."""

    def read_file(path: Path) -> Document:
        return reader(decode_file(path, stacklevel=4))

    return InputFormat(name, read_file, reader)
