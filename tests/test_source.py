"""Reading manuscripts: encodings, BOM, line endings, and the inputs that cannot be read."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from citecheck.errors import InputError
from citecheck.inputs import EncodingFallbackWarning, document_from_text, read_document

TEXT = "Müller et al. showed it (1).\nReferences\n1. Müller A. Title. Nature. 2001;410:50–56.\n"


@pytest.mark.parametrize(
    ("data", "encoding", "had_bom", "had_crlf"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", False, False, id="utf8-lf"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8", True, False, id="utf8-bom"),
        pytest.param(
            TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8", False, True, id="utf8-crlf"
        ),
        pytest.param(
            b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode("utf-8"),
            "utf-8",
            True,
            True,
            id="utf8-bom-crlf",
        ),
        pytest.param(
            TEXT.replace("\n", "\r").encode("utf-8"), "utf-8", False, True, id="old-mac-cr"
        ),
    ],
)
def test_utf8_variants_decode_to_the_same_text(
    tmp_path: Path, data: bytes, encoding: str, had_bom: bool, had_crlf: bool
) -> None:
    path = tmp_path / "m.md"
    path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no fallback warning for valid UTF-8
        doc = read_document(path)
    assert doc.text == TEXT
    assert (doc.encoding, doc.had_bom, doc.had_crlf) == (encoding, had_bom, had_crlf)
    assert doc.path == str(path)


def test_cp1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    # 0xFC is ü, 0x93/0x94 curly quotes, 0x96 an en dash in cp1252; none is valid UTF-8 here.
    path.write_bytes(b"M\xfcller \x93quoted\x94 pages 50\x9656\r\n")
    with pytest.warns(EncodingFallbackWarning, match="cp1252"):
        doc = read_document(path)
    assert doc.text == "Müller “quoted” pages 50–56\n"
    assert doc.encoding == "cp1252"
    assert doc.had_crlf


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        pytest.param(lambda p: None, "no such file", id="missing"),
        pytest.param(lambda p: p.mkdir(), "directory", id="directory"),
        pytest.param(lambda p: p.write_bytes(b""), "empty", id="empty"),
        pytest.param(lambda p: p.write_bytes(b"  \n\r\n\t "), "empty", id="whitespace-only"),
        pytest.param(
            lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"),
            "binary",
            id="binary-png",
        ),
    ],
)
def test_unreadable_input_raises_input_error_with_one_line(
    tmp_path: Path, make, fragment: str
) -> None:
    path = tmp_path / "manuscript.md"
    make(path)
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert fragment in message
    assert str(path) in message
    assert "\n" not in message


def test_document_from_text_normalises_bom_and_line_endings() -> None:
    doc = document_from_text("\ufeffa\r\nb\rc\n", path="x.md")
    assert doc.text == "a\nb\nc\n"
    assert doc.had_crlf
    assert doc.path == "x.md"


def test_word_unicode_text_is_read_as_utf16(tmp_path: Path) -> None:
    text = "Results č (Pérez et al., 2019) agree [1].\r\n\r\nReferences\r\n\r\n1. Pérez A. T.\r\n"
    for encoding, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(bom + text.encode(encoding))
        doc = read_document(path)
        assert doc.text == text.replace("\r\n", "\n") and doc.encoding == encoding
        assert doc.had_bom and doc.had_crlf
    lf = tmp_path / "lf.txt"
    lf.write_bytes(b"\xff\xfe" + "č ok\n".encode("utf-16-le"))  # č is 0D 01: not a CR
    assert not read_document(lf).had_crlf


def test_mac_roman_is_chosen_only_when_cp1252_garbles_words(tmp_path: Path) -> None:
    mac = tmp_path / "mac.txt"
    mac.write_bytes("P\u00e9rez says it\u2019s fine \u201cquoted\u201d\n".encode("mac_roman"))
    with pytest.warns(EncodingFallbackWarning, match="Mac Roman"):
        doc = read_document(mac)
    assert doc.text == "P\u00e9rez says it\u2019s fine \u201cquoted\u201d\n"
    assert doc.encoding == "mac_roman"
    windows = tmp_path / "win.txt"
    windows.write_bytes("P\u00e9rez says it\u2019s a\u00d7b fine\n".encode("cp1252"))
    with pytest.warns(EncodingFallbackWarning, match="cp1252"):
        assert read_document(windows).encoding == "cp1252"


def test_a_fixed_copy_is_written_as_the_manuscript_was_stored(tmp_path: Path) -> None:
    from citecheck.cli.fix import encoded

    for encoding, bom in (("utf-16-le", b"\xff\xfe"), ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b"")):
        path = tmp_path / "m.md"
        path.write_bytes(bom + "Pérez [1].\r\n".encode(encoding))
        doc = read_document(path)
        assert encoded(doc, doc.text + "x\n") == bom + "Pérez [1].\r\nx\r\n".encode(encoding)
