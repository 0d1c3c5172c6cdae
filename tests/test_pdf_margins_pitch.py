"""A Copernicus discussion paper in the sweep (tex-magell): its lines numbered every fifth
line, 1.5-spaced, with display formulas. The last page (the references) has only ``5``,
``10``, ``15`` beside its lines: they go like the other pages' line numbers, not into the
entries as ``5 Clark, D. A.: …``. And the formulas' pieces (indices a fraction of a line
apart) do not set the body's line pitch, so its 1.5-spaced lines are not each a paragraph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_testlib import page_pdf, text_lines

from citecheck.inputs import read_document
from citecheck.inputs.pdf_layout import Line
from citecheck.inputs.pdf_paragraphs import columns
from citecheck.inputs.pdf_tokens import Token

pytest.importorskip("pypdfium2")


def _numbered(texts: list[str], every: int) -> list[tuple]:
    """Lines of text from the top, every ``every``-th numbered in the left margin (set flush
    right at x = 50, as LaTeX's lineno sets them; a digit of 8 pt Helvetica is 4.448 pt)."""
    lines = text_lines(72, 760, texts)
    numbers = [
        (50 - 4.448 * len(str(n)), 760 - 12 * (n - 1), [(str(n), 8)])
        for n in range(every, len(texts) + 1, every)
    ]
    return [*lines, *numbers]


def test_a_last_page_with_few_line_numbers_loses_them_as_the_others_did(tmp_path: Path) -> None:
    body = ["A sentence of the discussion paper goes on and on here."] * 30
    entries = [
        "References",
        "Blakely, R. J.: Potential theory in gravity, Cambridge University Press, 1996.",
        "Clark, D., Saul, S., and Emerson, D.: Magnetic anomalies of an ellipsoid,",
        "Exploration Geophysics, 17, 189-200, 1986.",
        "Clark, D. A.: Methods for determining remanent magnetisations, Exploration",
        "Geophysics, 45, 271-304, 2014.",
        "Dirichlet, P. G. L.: Sur un nouvelle methode, Comp. Rend., 8, 156-160, 1839.",
    ]
    # a page of formulas: more digits in one column (exponents) than line numbers
    formulas = [*_numbered(["A formula follows here, and then another one."] * 12, 5)]
    formulas += [(300, 760 - 12 * i + 4, [("2", 7)]) for i in range(12)]
    path = tmp_path / "numbered.pdf"
    path.write_bytes(page_pdf(_numbered(body, 5), formulas, _numbered(entries, 5)))
    text = read_document(path).text
    assert "Clark, D. A.: Methods" in text
    assert not re.search(r"\b(5|10|15|20|25|30) (A sentence|A formula|Clark|Dirichlet)", text)


def test_a_page_of_text_alone_keeps_a_number_at_its_lines_start(tmp_path: Path) -> None:
    # no page before it had line numbers: '5 Clark' is the text's own
    path = tmp_path / "plain.pdf"
    path.write_bytes(page_pdf(_numbered(["Text.", "More.", "And.", "Then.", "Clark, D."], 5)))
    assert "5 Clark, D." in read_document(path).text


def _line(bottom: float, text: str, x: float = 72.0, height: float = 10.0) -> Line:
    token = Token(text, x, x + 5 * len(text), bottom, bottom + height, 0, " ")
    return Line(1, (token,), x, token.x1, bottom, bottom + height, height, 0, text)


def test_formula_pieces_do_not_set_the_line_pitch() -> None:
    body = [_line(700 - 16 * k, f"body line {k} of the text") for k in range(12)]  # 1.5-spaced
    # a display formula below: its pieces (indices, a fraction's parts) 2 pt apart
    pieces = [_line(500 - 2 * k, "x", x=100 + 10 * k) for k in range(14)]
    assert columns([*body, *pieces], 10.0).pitch == pytest.approx(16.0)
