"""Hostile and broken PDFs: each is one line naming the file and exit 3, never a traceback;
limits on size, pages, characters and time stop the reading early."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_testlib import content, page_pdf, pdf_bytes, text_lines

from citecheck.cli import main
from citecheck.errors import InputError
from citecheck.inputs import pdf, read_document

pytest.importorskip("pypdfium2")

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
TEXT = text_lines(72, 700, ["Some text cites a work.", "References", "1. Smith J. A. 2001."])


def _truncated() -> bytes:
    data = (FIXTURES / "twocolumn.pdf").read_bytes()
    return data[: len(data) // 2]


def _scan() -> bytes:
    """A page with only drawing (as a scanned page's image is): no text layer."""
    return pdf_bytes([b"0.5 g 72 72 400 600 re f 0 g 100 100 m 300 300 l S"])


def _garbage() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def _many_pages() -> bytes:
    return pdf_bytes([content(TEXT)] * 3_000, shared=True)


CASES: list = [
    pytest.param(lambda: b"just some text, not a PDF", "not a PDF file", id="not-a-pdf"),
    pytest.param(lambda: b"", "empty", id="empty"),
    pytest.param(_truncated, "truncated", id="truncated"),
    pytest.param(lambda: (FIXTURES / "encrypted.pdf").read_bytes(), "encrypted", id="encrypted"),
    pytest.param(_scan, "no text layer", id="scan"),
    pytest.param(_garbage, "not a readable PDF", id="garbage"),
    pytest.param(_many_pages, "3,000 pages", id="huge-page-count"),
    pytest.param(lambda: b"PK\x03\x04 a zip named .pdf", "not a PDF file", id="zip-renamed"),
]


def _run(path: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 3, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"citecheck: error: {path}: ")
    return lines


@pytest.mark.parametrize(("make", "says"), CASES)
def test_hostile_pdf_is_one_line_and_exit_3(
    tmp_path: Path, make: Callable[[], bytes], says: str
) -> None:
    path = tmp_path / "paper.pdf"
    path.write_bytes(make())
    (line,) = _run(path)
    assert says in line


def test_a_scan_is_told_to_run_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_scan())
    (line,) = _run(path)
    assert "ocrmypdf" in line


@pytest.mark.parametrize(
    ("limit", "value", "says"),
    [
        pytest.param("MAX_BYTES", 100, "larger than 100 bytes", id="bytes"),
        pytest.param("MAX_GLYPHS", 10, "more than 10 characters", id="glyphs"),
        pytest.param("MAX_SECONDS", -1.0, "took over", id="time"),
        pytest.param("MAX_PAGES", 1, "2 pages, more than 1", id="pages"),
    ],
)
def test_limits_stop_the_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: float, says: str
) -> None:
    monkeypatch.setattr(pdf, limit, value)
    path = tmp_path / "paper.pdf"
    path.write_bytes(page_pdf(TEXT, TEXT))
    with pytest.raises(InputError, match=says):
        read_document(path)


def test_without_the_pdf_extra_the_message_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    path = tmp_path / "paper.pdf"
    path.write_bytes(page_pdf(TEXT))
    with pytest.raises(InputError, match=r"citecheck-audit\[pdf\]"):
        read_document(path)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_mutated_pdf_is_read_or_refused_in_one_line(tmp_path: Path, data: st.DataObject) -> None:
    """Bytes of a valid PDF overwritten, cut out or repeated at random places: the reader
    returns a document or raises InputError, nothing else."""
    original = bytearray(page_pdf(TEXT, TEXT))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(original) - 1))
        kind = data.draw(st.sampled_from(["overwrite", "cut", "repeat"]))
        chunk = data.draw(st.binary(min_size=1, max_size=16))
        if kind == "overwrite":
            original[at : at + len(chunk)] = chunk
        elif kind == "cut":
            del original[at : at + len(chunk)]
        else:
            original[at:at] = original[at : at + 64] * 3
    path = tmp_path / "mutated.pdf"
    path.write_bytes(bytes(original))
    try:
        document = read_document(path)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert document.format == "pdf"


@pytest.mark.parametrize("name", ["manuscript.pdf", "manuscript.docx"])
def test_a_git_lfs_pointer_is_named_as_such(tmp_path: Path, name: str) -> None:
    """A repository's manuscript kept in Git LFS and not pulled (GrigorieffLab's
    ctffind5_manuscript in the sweep of real manuscripts): the file is a three-line pointer."""
    path = tmp_path / name
    path.write_text(
        "version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:a13852e76677280472cc8d208db76a5e66e1c2565a2181e8d1c09c2683a962e8\n"
        "size 7576496\n"
    )
    with pytest.raises(InputError, match=r"Git LFS pointer.*git lfs pull"):
        read_document(path)
