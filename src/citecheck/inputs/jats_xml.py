"""An XML file that may be hostile, parsed into a small tree that knows where each piece of
text stands in the file (IO edge; the JATS reader's parser).

The standard library's expat parser is used, not lxml: expat reports the line *and column*
of every run of character data (lxml knows only an element's start line, and nothing for
text after a child), so findings point at the very place in the ``.xml`` file; it needs no
dependency and is fast enough (about 0.05 s per MB of JATS with the tree built in Python).
Hardening:

* the file's size is checked before it is read (:data:`MAX_BYTES`);
* a DOCTYPE naming an external DTD (``PUBLIC "-//NLM//DTD JATS…" "http://…"``, as PLOS
  and PMC files have) is read and never fetched: expat loads nothing without an
  external-entity handler, and none is set;
* any entity declaration (internal subset, parameter or external: billion laughs, ``SYSTEM
  "file:///…"``) stops the parse at the declaration, before anything is expanded;
* named entities the unread DTD would define (``&nbsp;``) are taken from HTML's table;
* elements nested deeper than :data:`MAX_DEPTH` are refused;
* every failure is one :class:`~citecheck.errors.InputError` line naming the file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.entities import html5
from pathlib import Path
from xml.parsers import expat

from citecheck.errors import InputError

MAX_BYTES = 64_000_000  # a JATS article is rarely over 5 MB; PMC's largest are about 30
MAX_DEPTH = 256  # elements open at once (JATS with MathML nests about 40 deep)

MATHML = "http://www.w3.org/1998/Math/MathML"
XLINK = "http://www.w3.org/1999/xlink"
_PREFIXES = {MATHML: "mml", XLINK: "xlink"}
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


@dataclass(frozen=True, slots=True)
class Text:
    """A run of character data and where it starts in the file (1-based line, 0-based
    column in characters, as expat counts them)."""

    data: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Element:
    """An element: its local name (``ns`` "mml" for MathML), attributes (namespaced ones
    as ``xlink:href``), where its start tag is, and its children in order."""

    tag: str
    attrs: Mapping[str, str]
    line: int
    column: int
    children: tuple[Element | Text, ...]
    ns: str = ""

    def elements(self, *tags: str) -> Iterator[Element]:
        """The child elements (named ``tags``, when given), in order."""
        for child in self.children:
            if isinstance(child, Element) and (not tags or child.tag in tags):
                yield child

    def first(self, *tags: str) -> Element | None:
        return next(self.elements(*tags), None)

    def iter(self, *tags: str) -> Iterator[Element]:
        """This element and every element below it (named ``tags``), in document order."""
        stack: list[Element] = [self]
        while stack:
            el = stack.pop()
            if not tags or el.tag in tags:
                yield el
            stack.extend(reversed([c for c in el.children if isinstance(c, Element)]))

    def text(self) -> str:
        """All the character data below this element, joined."""
        parts: list[str] = []
        stack: list[Element | Text] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, Text):
                parts.append(node.data)
            else:
                stack.extend(reversed(node.children))
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class XmlFile:
    """A parsed file: its root, the DOCTYPE's name and public id ("" when none), and where
    each line of the decoded file starts (for offsets into it)."""

    root: Element
    doctype: str
    public_id: str
    line_starts: tuple[int, ...]

    def source_offset(self, line: int, column: int) -> int:
        """The character offset in the decoded file of a 1-based line and 0-based column."""
        if 1 <= line <= len(self.line_starts):
            return self.line_starts[line - 1] + column
        return column


class _Refused(Exception):
    """Raised from a handler to stop the parse with a reason."""


def read_xml(path: Path) -> XmlFile:
    """Read and parse ``path`` (see the module doc). Raises :class:`InputError`."""
    return parse_xml(path, _read_bytes(path))


def parse_xml(path: Path, data: bytes) -> XmlFile:
    """Parse the bytes of the file ``path`` (see the module doc). Raises :class:`InputError`."""
    text = _decode(path, data)
    if not text.lstrip().startswith("<"):
        raise InputError(f"{path}: not XML (it does not start with a tag)")
    builder = _Builder()
    parser = expat.ParserCreate(namespace_separator=" ")
    builder.attach(parser)
    try:
        parser.Parse(text, True)
    except _Refused as exc:
        raise InputError(f"{path}: {exc}; refused (not read)") from exc
    except expat.ExpatError as exc:
        raise InputError(f"{path}: not well-formed XML ({exc})") from exc
    except RecursionError as exc:  # pragma: no cover - the depth limit stops it first
        raise InputError(f"{path}: the XML is nested too deeply") from exc
    if builder.root is None:
        raise InputError(f"{path}: not XML (no root element)")
    starts = [0, *(m.end() for m in re.finditer(r"\r\n?|\n", text))]
    return XmlFile(builder.root, builder.doctype, builder.public_id, tuple(starts))


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a manuscript file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size:,} bytes; over the {MAX_BYTES:,}-byte limit for XML")
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: over the {MAX_BYTES:,}-byte limit for XML")
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    return data


def _decode(path: Path, data: bytes) -> str:
    """The file's text: a BOM's encoding, else UTF-16 by its first bytes, else the one the
    XML declaration names, else UTF-8."""
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        encoding, data = "utf-8", data[3:]
    elif data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif data[:2] in (b"<\x00", b"\x00<"):
        encoding = "utf-16-le" if data[0] == ord("<") else "utf-16-be"
    else:
        declared = _DECLARED.match(data)
        if declared:
            encoding = declared.group(1).decode("ascii").lower()
    if data.startswith(b"%PDF"):
        raise InputError(f"{path}: a PDF, not XML")
    try:
        codecs.lookup(encoding)
        return data.decode(encoding)
    except LookupError as exc:
        raise InputError(f"{path}: declares an unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not XML (not valid {encoding} at byte {exc.start})") from exc


class _Builder:
    """expat's callbacks, building :class:`Element`s bottom-up."""

    def __init__(self) -> None:
        self.root: Element | None = None
        self.doctype = ""
        self.public_id = ""
        self._stack: list[tuple[str, str, dict[str, str], int, int, list[Element | Text]]] = []
        self._parser: expat.XMLParserType | None = None

    def attach(self, parser: expat.XMLParserType) -> None:
        self._parser = parser
        parser.buffer_text = False  # every run of text with its own position
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._data
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.SkippedEntityHandler = self._skipped

    def _where(self) -> tuple[int, int]:
        assert self._parser is not None
        return self._parser.CurrentLineNumber, self._parser.CurrentColumnNumber

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if len(self._stack) >= MAX_DEPTH:
            raise _Refused(f"elements nested more than {MAX_DEPTH} deep")
        ns, tag = _split(name)
        if attrs and any(" " in key for key in attrs):
            attrs = {_attribute(key): value for key, value in attrs.items()}
        line, column = self._where()
        self._stack.append((tag, ns, attrs, line, column, []))

    def _end(self, name: str) -> None:
        tag, ns, attrs, line, column, children = self._stack.pop()
        element = Element(tag, attrs, line, column, tuple(children), ns)
        if self._stack:
            self._stack[-1][5].append(element)
        else:
            self.root = element

    def _data(self, data: str) -> None:
        if self._stack:
            line, column = self._where()
            self._stack[-1][5].append(Text(data, line, column))

    def _doctype(self, name: str, system_id: str | None, public_id: str | None, _: int) -> None:
        self.doctype, self.public_id = name, public_id or ""

    def _entity(self, name: str, is_parameter: int, *_: object) -> None:
        kind = "a parameter entity" if is_parameter else "an entity"
        raise _Refused(f"declares {kind} ({name!r})")

    def _skipped(self, name: str, is_parameter: int) -> None:
        """A named entity the (unread) external DTD would define."""
        if self._stack and not is_parameter:
            line, column = self._where()
            self._stack[-1][5].append(Text(html5.get(f"{name};", f"&{name};"), line, column))


def _split(name: str) -> tuple[str, str]:
    uri, _, local = name.rpartition(" ")
    return ("mml" if uri == MATHML else "x" if uri else ""), local


def _attribute(name: str) -> str:
    uri, _, local = name.rpartition(" ")
    prefix = _PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else local
