"""Hostile and broken Word files: each is one line naming the file and exit 3, quickly, with
nothing expanded, fetched or unpacked past the limits."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_testlib import CONTENT_TYPES, document_xml, docx_bytes, p, package

from citecheck.cli import main
from citecheck.errors import InputError
from citecheck.inputs import ooxml, read_document

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]><lolz>&lol9;</lolz>"
).replace("&lol0;", "&lol;")
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "http://example.invalid/x">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _bomb() -> bytes:
    """word/document.xml of a few kB inflating to 3 MB (ratio about 1000:1)."""
    body = "<w:p><w:r><w:t>" + " " * 3_000_000 + "</w:t></w:r></w:p>"
    return package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document_xml(body)})


def _truncated() -> bytes:
    data = docx_bytes(p("text") * 200)
    return data[: len(data) // 2]


CASES = [
    pytest.param(_bomb, "zip bomb", id="zip-bomb"),
    pytest.param(
        lambda: docx_bytes("", {"word/styles.xml": BILLION_LAUGHS}), "declares", id="laughs"
    ),
    pytest.param(
        lambda: package({"word/document.xml": EXTERNAL}), "declares DOCTYPE", id="external-entity"
    ),
    pytest.param(lambda: package({"[Content_Types].xml": CONTENT_TYPES}), "no word/", id="missing"),
    pytest.param(_truncated, "not a Word document", id="truncated"),
    pytest.param(lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF", id="pdf-renamed"),
    pytest.param(lambda: OLE, "save it as .docx", id="old-doc"),
    pytest.param(
        lambda: OLE + "EncryptionInfo".encode("utf-16-le"), "without a password", id="encrypted"
    ),
    pytest.param(lambda: docx_bytes("<w:p><w:r>"), "malformed XML", id="malformed"),
    pytest.param(lambda: b"just some text, not a zip", "not a Word document", id="not-a-zip"),
    pytest.param(lambda: b"", "empty", id="empty"),
    pytest.param(
        lambda: docx_bytes(p("text"), {"docProps/custom.xml": BILLION_LAUGHS}),
        "docProps/custom.xml declares",
        id="laughs-in-zotero-properties",
    ),
]


@pytest.mark.parametrize(("make", "says"), CASES)
def test_hostile_input_is_one_line_and_exit_3(tmp_path: Path, make, says: str) -> None:
    path = tmp_path / "paper.docx"
    path.write_bytes(make())
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert time.monotonic() - started < 5
    assert result.exit_code == 3, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"citecheck: error: {path}: ")
    assert says in lines[0]


def test_a_part_larger_than_the_limit_is_refused_by_its_declared_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ooxml, "MAX_PART", 1_000)
    path = tmp_path / "big.docx"
    path.write_bytes(docx_bytes(p("x" * 2_000)))
    with pytest.raises(InputError, match="over the limit"):
        read_document(path)


def test_a_part_that_lies_about_its_size_is_not_inflated_past_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A header that declares less than the member holds: reading stops there (zipfile reads
    no more than declared, and the checksum then fails), never past the limit."""
    monkeypatch.setattr(ooxml, "MAX_PART", 1_000)
    path = tmp_path / "liar.docx"
    path.write_bytes(docx_bytes(p("x" * 2_000)))
    real = zipfile.ZipFile.infolist

    def lying(self: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
        infos = real(self)
        for info in infos:
            info.file_size = min(info.file_size, 10)
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", lying)
    with pytest.raises(InputError, match=r"inflates past|Bad CRC"):
        read_document(path)


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ooxml, "MAX_MEMBERS", 3)
    path = tmp_path / "many.docx"
    extra: dict[str, str | bytes] = {f"word/media/{i}.bin": b"x" for i in range(3)}
    path.write_bytes(docx_bytes(p("text"), extra))
    with pytest.raises(InputError, match="zip members"):
        read_document(path)


def test_odt_and_doc_say_what_to_do(tmp_path: Path) -> None:
    odt = tmp_path / "paper.odt"
    odt.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match=r"save it as \.docx"):
        read_document(odt)
    doc = tmp_path / "paper.doc"
    doc.write_bytes(OLE)
    with pytest.raises(InputError, match=r"old binary Word document \(\.doc\)"):
        read_document(doc)


def test_hostile_citation_fields_are_left_unread_not_expanded(tmp_path: Path) -> None:
    """A field code's JSON nested 200,000 deep, a 3 MB base64 ``fldData`` and an EndNote
    record declaring entities: each field is ignored, the document is read."""
    deep = " ADDIN ZOTERO_ITEM CSL_CITATION " + '{"a":' * 200_000
    laughs = " ADDIN EN.CITE " + BILLION_LAUGHS.replace("lolz", "EndNote")
    begin = '<w:r><w:fldChar w:fldCharType="begin"><w:fldData>{}</w:fldData></w:fldChar></w:r>'
    fields = "".join(
        begin.format(data)
        + f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>[1]</w:t></w:r>'
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        for code, data in (
            (deep.replace("&", "&amp;").replace("<", "&lt;"), ""),
            (" ADDIN EN.CITE ", "QUFB" * 750_000),
            (laughs.replace("&", "&amp;").replace("<", "&lt;"), ""),
        )
    )
    path = tmp_path / "fields.docx"
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": document_xml(p("Seen ", fields, ".")),
    }
    path.write_bytes(package(parts, zipfile.ZIP_STORED))  # stored: not a zip bomb
    doc = read_document(path)
    assert not doc.marks and doc.text == "Seen [1][1][1]."
