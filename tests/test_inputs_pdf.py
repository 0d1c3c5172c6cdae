"""The PDF reader: superscripts from glyph geometry, two columns, running heads, hyphenation,
ligatures, headings and reference entries, and places by page and line. PDFs are written by
``pdf_testlib`` (Helvetica, superscripts by text rise) or are the LaTeX fixture of
``fixtures/pdf/`` (see its README)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_testlib import page_pdf, text_lines

import citecheck
from citecheck.cli import main
from citecheck.inputs import read_document
from citecheck.inputs.pdf_layout import Line
from citecheck.inputs.pdf_super import line_text
from citecheck.inputs.pdf_tokens import Token

pytest.importorskip("pypdfium2")

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
REFERENCES = [
    (72, 300, [("References", 14, 0, "bold")]),
    *text_lines(
        72,
        280,
        [
            "1. Smith J, Jones K. Tumour growth. Nature. 2001;410:1-10.",
            "2. Brown A. Receptor affinity. Science. 2002;295:11-20.",
            "3. Green B. Isotopes in imaging. Lancet. 2003;361:21-30.",
        ],
    ),
]


def _write(tmp_path: Path, data: bytes, name: str = "paper.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_superscripts_are_citations_unless_isotopes_ions_or_powers(tmp_path: Path) -> None:
    body = [
        (72, 700, [("Introduction", 14, 0, "bold")]),
        (
            72,
            680,
            [
                *[("Tumours grow fast", 10), ("1,2", 7, 3.5), (". Labelled with ", 10)],
                *[("68", 7, 3.5), ("Ga and Ca", 10), ("2+", 7, 3.5), (" at 10", 10)],
                *[("11", 7, 3.5), (" per cell", 10), ("3", 7, 3.5), (".", 10)],
            ],
        ),
    ]
    document = read_document(_write(tmp_path, page_pdf(body + REFERENCES)))
    assert document.format == "pdf"
    assert "fast^{1,2}. Labelled with ^{68}Ga and Ca^{2+} at 10^{11} per cell^{3}." in (
        document.text
    )
    result = citecheck.check_manuscript(document)
    assert [c.refs for c in result.analysis.citations] == [(1, 2), (3,)]
    assert [r.number for r in result.analysis.references] == [1, 2, 3]
    assert not [f for f in result.findings if f.severity.value == "error"]


def test_a_subscript_is_plain_text_and_a_gap_before_a_superscript_is_kept(tmp_path: Path) -> None:
    body = [(72, 700, [("Water is H", 10), ("2", 7, -2), ("O; see", 10), (" 2", 7, 3.5)])]
    document = read_document(_write(tmp_path, page_pdf(body)))
    assert document.text == "Water is H2O; see ^{2}"


def test_two_columns_are_read_column_by_column_whatever_the_content_order(
    tmp_path: Path,
) -> None:
    left = [f"left line {i} of the first column" for i in range(12)]
    right = [f"right line {i} of the second column" for i in range(12)]
    lines = []
    for i in range(12):  # written row by row: left, right, left, right ...
        lines.append((50, 760 - 12 * i, [(left[i], 10)]))
        lines.append((320, 760 - 12 * i, [(right[i], 10)]))
    lines.append((50, 790, [("A title across both columns of the page", 14)]))
    document = read_document(_write(tmp_path, page_pdf(lines)))
    text = document.text
    assert text.startswith("A title across both columns")
    order = [text.index(t) for t in left + right]
    assert order == sorted(order)


def test_running_heads_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    pages = []
    for number in range(1, 5):
        pages.append(
            [
                (72, 800, [("Journal of Tests 2024; 12: 100", 8)]),
                *text_lines(72, 700, [f"Body text of page {number} goes on here."]),
                (290, 40, [(str(number), 9)]),
            ]
        )
    document = read_document(_write(tmp_path, page_pdf(*pages)))
    assert "Journal of Tests" not in document.text
    assert not re.search(r"(?m)^\d+$", document.text)
    assert document.text.count("Body text of page") == 4


def test_hyphens_at_line_ends_go_only_where_the_word_is_a_word(tmp_path: Path) -> None:
    lines = text_lines(
        72,
        700,
        [
            "The international cohort and its intra-tumour variability were large, and the inter-",
            "national cohort was measured for intra-tumour variability in each case, for intra-",
            "tumour variability was large in every single case, as reported before in cohorts.",
        ],
    )
    document = read_document(_write(tmp_path, page_pdf(lines)))
    assert document.text.count("international cohort") == 2
    assert "for intra-tumour variability was" in document.text


def test_ligatures_and_pdfium_hyphen_marks_are_written_as_letters() -> None:
    tokens = (
        Token("e\ufb03cient", 10, 40, 0, 10, 0, ""),
        Token("\ufb02ow", 45, 60, 0, 10, 9, " "),
        Token("inter\ufffe", 65, 90, 0, 10, 14, " "),
        Token("hy\u00adphen\u00ad", 95, 120, 0, 10, 21, " "),
    )
    line = Line(1, tokens, 10, 120, 0, 10, 10, 0, "e\ufb03cient \ufb02ow inter\ufffe")
    text, points = line_text(line)
    assert text == "efficient flow inter- hyphen-"
    assert points == [(0, 0), (10, 9), (15, 14), (22, 21)]


def test_latex_two_column_fixture_reads_clean_words() -> None:
    """Every word of the PDF's text is a word of its LaTeX source: hyphenated words mended,
    running heads and page numbers gone, columns in order."""
    document = read_document(FIXTURES / "twocolumn.pdf")
    source = (FIXTURES / "twocolumn.tex").read_text(encoding="utf-8")
    source_words = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\\[A-Za-z]+", " ", source)))
    source_words.add("References")  # thebibliography's heading
    words = set(re.findall(r"[A-Za-z]{2,}", document.text))
    assert words - source_words == set()
    assert "Journal of Layout Tests" not in document.text
    labels = [o.label for o in document.origins]
    assert labels[0] == "page 1, left column, line 1 'Introduction'"
    assert any(label.startswith("page 2, right column, line 1 '") for label in labels)
    assert document.text.count("Intra-tumour variability") == 12  # a real hyphen, kept
    assert [h.title for h in document.headings] == [
        "Introduction",
        "Methods",
        "Results",
        "Discussion",
        "References",
    ]
    result = citecheck.check_manuscript(document)
    assert [c.refs for c in result.analysis.citations] == [(n,) for n in range(1, 13)]
    assert [r.first_author.family for r in result.analysis.references if r.first_author][:3] == [
        "Smith",
        "Brown",
        "Green",
    ]
    assert len(result.analysis.references) == 12


def test_findings_are_placed_by_page_and_line(tmp_path: Path) -> None:
    first = text_lines(72, 700, ["An opening page without citations at all."])
    second = [
        *text_lines(72, 700, ["More text here.", "Cited here"]),
        (124, 688, [("9", 7, 3.5)]),
        *REFERENCES,
    ]
    path = _write(tmp_path, page_pdf(first, second))
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-claims"])
    report = json.loads(result.output)
    (cit001,) = [f for f in report["manuscripts"][0]["findings"] if f["rule"] == "CIT001"]
    assert cit001["page"] == 2
    assert cit001["where"].startswith("page 2, line 2 'Cited here")
    text = CliRunner().invoke(main, ["check", str(path), "--no-claims"]).output
    assert "(page 2, line 2 'Cited here" in text


def test_line_numbers_of_a_manuscript_under_review_are_dropped(tmp_path: Path) -> None:
    sentences = [f"Sentence {i} of the submitted manuscript goes on and on here." for i in range(8)]
    lines = [(40, 700 - 12 * i, [(str(i + 1), 8)]) for i in range(8)]
    lines += text_lines(72, 700, sentences)
    document = read_document(_write(tmp_path, page_pdf(lines)))
    assert document.text.split("\n\n")[0].startswith("Sentence 0 of the submitted")
    assert not re.search(r"\b[1-8] Sentence", document.text)


def test_numbers_inside_the_text_are_not_line_numbers(tmp_path: Path) -> None:
    lines = text_lines(72, 700, [f"{i + 1} mice were treated in group {i}." for i in range(8)])
    document = read_document(_write(tmp_path, page_pdf(lines)))
    assert "1 mice were treated" in document.text
