"""Opening an Office Open XML package (a Word ``.docx``) that may be hostile (IO edge).

A package is a zip of XML parts written by anyone. This module reads the few parts a reader
asks for, by name, and nothing else:

* the file is looked at before it is unzipped: an OLE compound file (``D0 CF 11 E0``) is an
  old binary ``.doc`` or a password-protected (encrypted) ``.docx``, a ``%PDF`` is a PDF;
  each gets a message saying what to do;
* the zip's member count, each wanted member's declared size and compression ratio are
  checked before a byte is inflated, and members are inflated in bounded chunks, so a zip
  bomb stops at the limit whatever its header claims;
* an XML part that declares a DOCTYPE or an entity is refused before it is parsed (no
  entity expansion, no external entity, no DTD fetched; nothing here touches the network);
* every failure is one :class:`~citecheck.errors.InputError` line naming the file.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree as ET

from citecheck.errors import InputError

MAX_MEMBERS = 10_000  # zip entries (a manuscript has a few dozen; images count)
MAX_PART = 64_000_000  # bytes of one XML part, uncompressed
MAX_TOTAL = 160_000_000  # bytes of all the parts read, uncompressed
MAX_RATIO = 100  # uncompressed / compressed, for parts over RATIO_FLOOR bytes
RATIO_FLOOR = 1_000_000
CHUNK = 1 << 16

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OLE = "EncryptionInfo".encode("utf-16-le")  # the stream of an encrypted package
_FORBIDDEN = ("<!DOCTYPE", "<!ENTITY")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_parts(path: Path, required: str, optional: Iterable[str] = ()) -> dict[str, bytes]:
    """The bytes of the part ``required`` and of those of ``optional`` the package has, by
    name. Raises :class:`InputError` (see the module doc)."""
    head = _head(path)
    if head.startswith(OLE_MAGIC):
        raise InputError(f"{path}: {_ole_message(path)}")
    if head.startswith(b"%PDF"):
        raise InputError(f"{path}: a PDF, not a Word document (.docx)")
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            if len(members) > MAX_MEMBERS:
                raise InputError(f"{path}: {len(members)} zip members; not a manuscript")
            by_name = {m.filename: m for m in members}
            if required not in by_name:
                raise InputError(f"{path}: not a Word document (no {required} in the package)")
            parts: dict[str, bytes] = {}
            budget = MAX_TOTAL
            for name in (required, *optional):
                info = by_name.get(name)
                if info is not None:
                    parts[name] = _read_member(path, package, info, min(MAX_PART, budget))
                    budget -= len(parts[name])
            return parts
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path}: not a Word document (not a readable zip: {exc})") from exc
    except (zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise InputError(f"{path}: damaged Word document ({exc})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def parse_xml(path: Path, name: str, data: bytes) -> ET.Element:
    """Part ``name`` parsed, after refusing a DOCTYPE or entity declaration."""
    word = _declaration(data)
    if word:
        raise InputError(f"{path}: {name} declares {word}; refused (not read)")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{path}: malformed XML in {name} ({exc})") from exc


def _head(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a manuscript file")
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not head:
        raise InputError(f"{path}: file is empty")
    return head


def _ole_message(path: Path) -> str:
    """What an OLE compound file named like this is, and what to do with it."""
    try:
        with path.open("rb") as f:
            sample = f.read(4_000_000)
    except OSError:
        sample = b""
    if _ENCRYPTED_OLE in sample:
        return "a password-protected (encrypted) Word document; save it as .docx without a password"
    return "an old binary Word document (.doc); save it as .docx and check that"


def _read_member(path: Path, package: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    name = info.filename
    if info.flag_bits & 0x1:
        raise InputError(f"{path}: {name} is encrypted; save the document without a password")
    if info.file_size > limit:
        raise InputError(f"{path}: {name} declares {info.file_size} bytes; over the limit")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
        raise InputError(f"{path}: {name} is compressed {ratio:.0f}:1; refused as a zip bomb")
    chunks = []
    size = 0
    with package.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise InputError(f"{path}: {name} inflates past {limit} bytes; refused")
            chunks.append(chunk)
    return b"".join(chunks)


def _declaration(data: bytes) -> str:
    """``DOCTYPE`` or ``ENTITY`` when ``data`` declares one (UTF-16 parts decoded), else ""."""
    codec = {b"<\x00": "utf-16-le", b"\x00<": "utf-16-be"}.get(data[:2])
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        codec = "utf-16"
    for word in _FORBIDDEN:
        found = word in data.decode(codec, errors="replace") if codec else word.encode() in data
        if found:
            return word[2:]
    return ""
