"""Exponents in a PDF's formulas are no citations; superscript citations beside them stay.

A published Copernicus-style PDF (author-date, display formulas set by TeX) was read as a
numbered paper because ``(a^{2} + s)^{2}``, ``sin^{2} θ`` and a big delimiter's ``⎞^{2}``
were taken for superscript citations. The rules are tried on text (pdf_exponents), on font
names (pdf_fonts), on PDFs written here by ``pdf_testlib`` (one font renamed ``CMMI10``, as
TeX names its math italic) and on ``fixtures/pdf/formulas.pdf`` (pdfTeX; see its README)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_testlib import page_pdf, text_lines

from citecheck.citations.find import find_citations
from citecheck.inputs import read_document
from citecheck.inputs.pdf_exponents import exponent_spans
from citecheck.inputs.pdf_fonts import is_math_font
from citecheck.model import Span
from citecheck.pipeline import analyze

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
_SUPER = re.compile(r"\^\{[^{}]*\}")


def _masked(text: str, math: bool = False) -> list[str]:
    """Each superscript of ``text`` that is masked, with the characters before it."""
    sups = [(Span(m.start(), m.end()), math) for m in _SUPER.finditer(text)]
    return [text[max(0, s.start - 6) : s.end] for s in exponent_spans(text, sups)]


@pytest.mark.parametrize(
    "text",
    [
        "with (a + b)^{2} ≥ 4ab",  # an operator follows
        "as sin^{2} θ goes",  # a function's name
        "λ\x13^{2}",  # a big delimiter as PDFium reads TeX's CMEX10
        "\uf8f9^{3} there",  # ... or as a private-use character
        "it holds 2^{10} states in all",  # a number
        "3^{4} (2)",
        "over 25 m^{2} s^{−1} in all",  # a unit with an exponent follows
        "the fit (R^{2} = 0.97) held",
        "λ = 2s − p3^{2}",  # a symbol in a formula paragraph
        "(a^{2} + s)\n\n(c)^{2} − x",
    ],
)
def test_formula_superscripts_are_masked(text: str) -> None:
    assert _masked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Colonies grow in ellipsoids^{1} and divide.",
        "They divide in bursts.^{2} Then",
        "The assay (ELISA)^{4} was run",
        "as Lee et al.^{5} describe",
        "SARS-CoV-2^{6} and IL-6^{7} were measured",
        "were seen in 2019^{9}.",  # a year
        "in the phase 3^{12} trial",  # a label's number
        "analysed with STATA 14^{3} and R",
        "were seen in 12^{3}.",  # a number after a word, ending the clause
        "the weight p3^{2} of the third axis is small",  # p3 in prose, not a formula
        "the patients (n = 24)^{3} were treated",
    ],
)
def test_prose_superscripts_are_left_to_the_finder(text: str) -> None:
    assert _masked(text) == [], text


def test_a_list_a_range_or_a_mark_after_punctuation_is_never_masked() -> None:
    text = "x^{1,4,7} and y^{3–5} and z^{2} with coefficients β.^{1} and γ,^{4}"
    assert _masked(text, math=True) == [" and z^{2}"]  # even in a math font


def test_math_font_names() -> None:
    math = ["CMMI10", "ABCDEF+CMSY7", "CMEX10", "CMBSY10", "LMMathItalic10-Regular"]
    math += ["CambriaMath", "Cambria-Math", "STIXMath-Regular", "NewTXMI", "txsy", "MSBM10"]
    text = ["CMR10", "CMR7", "CMTI10", "CMBX12", "CMSS10", "NimbusRomNo9L-Regu", "Helvetica"]
    text += ["TimesNewRomanPSMT", "Symbol", "ABCDEF+Calibri"]
    assert [n for n in math if not is_math_font(n)] == []
    assert [n for n in text if is_math_font(n)] == []


def _cmmi(data: bytes) -> bytes:
    """pdf_testlib's PDF with its bold font renamed ``CMMI10`` (TeX's math italic), the
    file's length and so its cross-reference table unchanged."""
    renamed = data.replace(b"/BaseFont /Helvetica-Bold ", b"/BaseFont /CMMI10         ")
    assert len(renamed) == len(data) and renamed != data
    return renamed


def _sum_line(variable_font: str) -> list:
    """``The sum (a + b)⁷ grows with time.``, ``a`` and ``b`` set in ``variable_font``."""
    return [
        (
            72,
            700,
            [
                ("The sum (", 10),
                ("a", 10, 0, variable_font),
                (" + ", 10),
                ("b", 10, 0, variable_font),
                (")", 10),
                ("7", 7, 3.5),
                (" grows with time and the rest of the sentence runs on.", 10),
            ],
        )
    ]


def _numbered_references(count: int) -> list:
    entries = [
        f"{n}. Author{n} A. A title number {n}. J Tests. 2001;{n}:1-9." for n in range(1, count + 1)
    ]
    return [(72, 400, [("References", 14, 0, "bold")]), *text_lines(72, 380, entries)]


def _citations(path: Path) -> list[str]:
    document = read_document(path)
    cut = document.text.index("References")
    return [
        c.text for c in find_citations(document.text[:cut], range(1, 10), masked=document.masked)
    ]


def test_a_superscript_glued_to_a_math_font_variable_is_no_citation(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(page_pdf(_sum_line("bold") + _numbered_references(7)))
    math = tmp_path / "math.pdf"
    math.write_bytes(_cmmi(page_pdf(_sum_line("bold") + _numbered_references(7))))
    assert _citations(plain) == ["^{7}"]  # Helvetica-Bold: no formula said, a citation
    assert _citations(math) == []


def test_a_units_micro_in_a_math_font_leaves_the_citation(tmp_path: Path) -> None:
    """``10 $\\mu$M`` then a citation: TeX sets the micro in math italic, the unit is prose."""
    line = [
        (
            72,
            700,
            [
                ("Cells took up the dye at 10 ", 10),
                ("\u00b5", 10, 0, "bold"),
                ("M", 10),
                ("7", 7, 3.5),
                (" within an hour, as the rest of the sentence says.", 10),
            ],
        )
    ]
    path = tmp_path / "micro.pdf"
    path.write_bytes(_cmmi(page_pdf(line + _numbered_references(7))))
    assert _citations(path) == ["^{7}"]


def _authordate_with_formulas() -> bytes:
    """An author-date paper with display formulas (the published PDF's shape): three
    citations by name and year, and eight exponents on their own lines."""
    prose = [
        "Ellipsoids were first solved for gravity (Dirichlet, 1839) and later for",
        "magnetism (Maxwell, 1881); their demagnetisation was tabulated by",
        "Clark (1986), whose expressions we follow here in every detail.",
    ]
    lines = [(72, 760, [("Method", 14, 0, "bold")]), *text_lines(72, 740, prose)]
    formulas = [
        [
            ("(", 10),
            ("a", 10, 0, "bold"),
            ("2", 7, 3.5),
            (" + s)", 10),
            ("2", 7, 3.5),
            (" + 1", 10),
        ],
        [("k", 10), (" sin", 10), ("2", 7, 3.5), (" t = 1 + x", 10)],
        [("p = 3", 10), ("4", 7, 3.5), (" + 2", 10), ("3", 7, 3.5)],
        [("N = (", 10), ("b", 10, 0, "bold"), (" + c)", 10), ("2", 7, 3.5), (" (4)", 10)],
        [("q = cos", 10), ("2", 7, 3.5), (" t + sin", 10), ("2", 7, 3.5), (" t", 10)],
    ]
    lines += [(200, 680 - 24 * i, segments) for i, segments in enumerate(formulas)]
    entries = [
        "Clark, D. A.: Demagnetisation of ellipsoids, Geophys. Tests, 4, 1-9, 1986.",
        "Dirichlet, P. G. L.: On ellipsoids, J. Tests, 4, 164-168, 1839.",
        "Maxwell, J. C.: A treatise on magnetism, Clarendon Press, Oxford, 1881.",
    ]
    lines += [(72, 500, [("References", 14, 0, "bold")]), *text_lines(72, 480, entries)]
    return _cmmi(page_pdf(lines))


def test_formulas_do_not_make_an_authordate_paper_numbered(tmp_path: Path) -> None:
    path = tmp_path / "ellipsoids.pdf"
    path.write_bytes(_authordate_with_formulas())
    analysis = analyze(read_document(path))
    assert analysis.system == "author-date"
    assert [f.rule for f in analysis.findings if f.rule.startswith("CIT")] == []
    assert len(analysis.citations) == 3


def test_pdftex_fixture_keeps_its_citations_and_drops_its_exponents() -> None:
    document = read_document(FIXTURES / "formulas.pdf")
    analysis = analyze(document)
    cited = [(c.text, c.refs) for c in analysis.citations]
    assert cited == [
        ("^{1}", (1,)),
        ("^{2,3}", (2, 3)),
        ("^{4}", (4,)),
        ("^{5}", (5,)),
        ("^{6}", (6,)),
        ("^{7}", (7,)),
        ("^{1,4,9}", (1, 4, 9)),
        ("^{6–8}", (6, 7, 8)),
        ("^{8}", (8,)),
        ("^{9}", (9,)),
    ]
    assert analysis.findings == ()
    text = document.text
    masked = {text[m.start - 8 : m.end] for m in document.masked}
    for exponent in ("(a + b)^{2}", "sin^{2}", "holds 2^{3}", " and 3^{4}", "θ, k)]^{2}"):
        assert any(exponent in m for m in masked), exponent
