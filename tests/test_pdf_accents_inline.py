"""Accents pdfLaTeX draws *inline* for ``\\'e`` in an OT1 font: the text up to the accented
letter, a move (``Td``) to over the letter and a hair higher, the accent, a move back to the
letter, and the rest of the word, each its own ``TJ``. PDFium writes such an accent a text
object late and sets it apart with spaces (``Henning M ´ uller. 2015. Summa- ¨``, as in ACL
2020 paper 447's references); the reader writes each accent into its letter and glues the
word's pieces back together."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_testlib import pdf_bytes
from test_inputs_pdf_accents import SIZE, _width

from citecheck.inputs import read_document

pytest.importorskip("pypdfium2")

_CODES = {"´": "\\264", "¨": "\\250"}  # WinAnsi codes of the spacing accents


def _inline(text: str, rise: float = 0.05) -> str:
    """One line's ``TJ``s, each ``{accent}{letter}`` drawn as pdfLaTeX draws it."""
    ops, piece = [], ""
    for i, char in enumerate(text):
        if char in _CODES:
            shift = (_width(text[i + 1]) - _width(char)) / 2
            ops.append(
                f"[({piece})]TJ {_width(piece) + shift:.3f} {rise} Td [({_CODES[char]})]TJ "
                f"{-shift:.3f} {-rise} Td"
            )
            piece = ""
        else:
            piece += char
    ops.append(f"[({piece})]TJ")
    return " ".join(ops)


def _pdf(lines: list[str], top: float = 700.0) -> bytes:
    ops = [f"BT /F1 {SIZE} Tf"]
    for k, line in enumerate(lines):
        ops.append(f"1 0 0 1 72 {top - 12 * k} Tm {_inline(line)}")
    ops.append("ET")
    return pdf_bytes(["\n".join(ops).encode("latin-1")])


def test_an_inline_accent_set_apart_by_pdfium_leaves_no_space_in_its_word(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inline.pdf"
    path.write_bytes(
        _pdf(
            [
                "Obdulia Rabal, Mart´in P´erez P´erez, J´es´us L´opez, and",
                "Sandra Mitrovi´c. 2015. Summarizing citations. Nature, 4:1-9.",
                "Henning M¨uller and Ana Luz. 2016. Graphs. Science, 5:2-8.",
            ]
        )
    )
    text = read_document(path).text
    assert "Martín Pérez Pérez, Jésús López, and Sandra Mitrović. 2015." in text
    assert "Henning Müller and Ana Luz. 2016." in text
    assert "´" not in text and "¨" not in text


def test_words_that_an_accent_stands_between_keep_their_space(tmp_path: Path) -> None:
    # ``Jos´e Luz``: the accent composed into ``José``; ``Luz`` is a word space away from it
    path = tmp_path / "space.pdf"
    path.write_bytes(_pdf(["Ana Jos´e Luz and P´erez Soto. 2016. Graphs. Science, 5:2-8."]))
    assert "Ana José Luz and Pérez Soto. 2016." in read_document(path).text
