"""Plain text copied out of a line-numbered PDF: read without its running line numbers, with
places still in the file as written (the shape of the sweep's PDFium text of bioRxiv and
Copernicus review PDFs, /tmp/sweep2/txt-from-pdf)."""

from __future__ import annotations

import pytest

from citecheck.inputs import document_from_text
from citecheck.inputs.text_lines import without_line_numbers
from citecheck.locations import Locator
from citecheck.pipeline import analyze


def _numbered(lines: list[str], first: int = 1) -> str:
    return "".join(f"{n} {line}\n" if line else "\n" for n, line in enumerate(lines, first))


_BODY = [f"Sentence {i} of the text goes on about memory." for i in range(1, 25)]
_LINES = [
    "Geometric models of memory",
    *_BODY[:10],
    "as shown before [1] and again [2, 3].",
    *_BODY[10:],
    "References",
    "[1] Murdock, B. B. The serial position effect. J. Exp. Psychol. 64, 482–488 (1962).",
    "[2] Kahana, M. J. Associative retrieval. Mem. Cogn. 24, 103–109 (1996).",
    "[3] Yonelinas, A. P. The nature of recollection. J. Mem. Lang. 46, 441–517 (2002).",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_line_numbered_text_is_read_without_its_numbers(newline: str) -> None:
    source = _numbered(_LINES).replace("\n", newline)
    analysis = analyze(document_from_text(source, "m.txt"))
    assert [r.number for r in analysis.references] == [1, 2, 3]
    assert analysis.references[0].raw.startswith("Murdock")
    assert [c.text for c in analysis.citations] == ["[1]", "[2, 3]"]
    doc = analysis.document
    locator = Locator(doc)
    for c in analysis.citations:  # offsets and places are the file's
        at = doc.source_offset(c.span.start)
        assert source[at : at + len(c.text)] == c.text
        line, column = locator.line_col(c.span.start)
        assert source.split(newline)[line - 1][column - 1 :].startswith(c.text)


def test_a_number_carried_into_a_joined_line_is_cut() -> None:
    # PDFium joins a hyphenated line to the next through U+FFFE, with that line's number
    lines = [*_BODY[:20], "a framework for math\ufffe22 ematically characterizing", *_BODY[20:]]
    source = _numbered(lines[:21]) + _numbered(lines[21:], 23)
    doc = without_line_numbers(document_from_text(source, "m.txt"))
    assert "for mathematically characterizing" in doc.text
    at = doc.text.index("ematically")
    assert source[doc.source_offset(at) :].startswith("ematically")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "".join(f"{2000 + i} was a year of {i} things.\n" for i in range(40)), id="years"
        ),
        pytest.param("".join(f"{i % 7 + 1}. item of a list\n" for i in range(40)), id="lists"),
        pytest.param("".join(f"{i} apples\n" for i in range(0, 400, 10)), id="not-running"),
        pytest.param(_numbered(_BODY[:8]) + "\n".join(_BODY) + "\n", id="few-numbered-lines"),
    ],
)
def test_a_text_without_running_line_numbers_is_left_as_it_is(source: str) -> None:
    doc = document_from_text(source, "m.txt")
    assert without_line_numbers(doc) is doc
