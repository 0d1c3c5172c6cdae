"""Accents set as pdfLaTeX sets ``\\'e`` and ``\\"o``: a spacing accent glyph (``´``, ``¨``)
drawn over its letter, a little higher, as a glyph of its own. The reader writes it into the
letter and never makes a line of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_testlib import page_pdf

from citecheck.inputs import read_document

pytest.importorskip("pypdfium2")

# Helvetica's advance widths (thousandths of the font size) for the characters set here
_WIDTHS = dict(
    zip(
        " ,.:()-0123456789´¨ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        [
            *(278, 278, 278, 278, 333, 333, 333, *[556] * 10, 333, 333),
            *(667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833),
            *(722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611),
            *(556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833),
            *(556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500),
        ],
        strict=True,
    )
)
SIZE = 10.0


def _width(text: str) -> float:
    return sum(_WIDTHS[c] for c in text) * SIZE / 1000


def _accented(x: float, y: float, text: str, rise: float) -> list[tuple]:
    """A line whose ``{accent}`` marks (``´e``: the accent over the letter after it) are drawn
    as their own glyphs centred over the letter, ``rise`` points higher."""
    plain, accents = "", []
    i = 0
    while i < len(text):
        if text[i] in "´¨":
            letter = x + _width(plain) + _width(text[i + 1]) / 2
            accents.append((letter - _width(text[i]) / 2, y + rise, [(text[i], SIZE)]))
            i += 1
            continue
        plain += text[i]
        i += 1
    return [(x, y, [(plain, SIZE)]), *accents]


ENTRIES = [
    "Leo M¨uller and Ana P´erez. 2019. Tumour growth in mice and men. Nature, 410:1-10.",
    "Rezarta Islamaj D¨ogan, Robert Leaman, and Zhiyong Lu. 2014. Disease",
    "corpora for text mining. Science, 47:11-20.",
    "Waleed Ammar, Sebastian K¨ohlmeier, and Jos´e Luz. 2018. Literature",
    "graphs of papers. Lancet, 3:21-30.",
]


def _page(rise: float) -> list[tuple]:
    lines: list[tuple] = [
        (72, 760, [("Text cites (Muller and Perez, 2019), (Dogan et al., 2014).", SIZE)]),
        (72, 700, [("References", 14, 0, "bold")]),
    ]
    y = 680.0
    for entry in ENTRIES:  # entries parted by a wider gap than their lines
        y -= 12 if entry[0].islower() else 18
        lines += _accented(72, y, entry, rise)
    return lines


@pytest.mark.parametrize("rise", [0.0, 1.0, 2.5])
def test_an_accent_over_a_letter_is_written_into_it_and_keeps_its_entry_whole(
    tmp_path: Path, rise: float
) -> None:
    path = tmp_path / "accents.pdf"
    path.write_bytes(page_pdf(_page(rise)))
    text = read_document(path).text
    assert "Leo Müller and Ana Pérez. 2019." in text
    assert "´" not in text and "¨" not in text
    # the entries' lines, an accented one and the next, join: no accent cuts between them
    assert "Rezarta Islamaj Dögan, Robert Leaman, and Zhiyong Lu. 2014. Disease corpora" in text
    assert "Waleed Ammar, Sebastian Köhlmeier, and José Luz. 2018. Literature graphs" in text


def test_an_accent_over_no_letter_stays(tmp_path: Path) -> None:
    lines = [
        (72, 760, [("The mark", SIZE)]),
        (72 + _width("The mark") + 20, 761, [("´", SIZE)]),
        (72 + _width("The mark") + 40, 760, [("is alone.", SIZE)]),
    ]
    path = tmp_path / "alone.pdf"
    path.write_bytes(page_pdf(lines))
    assert "´" in read_document(path).text


def test_an_accent_pdfium_writes_inside_a_word_is_written_into_its_letter(
    tmp_path: Path,
) -> None:
    # ``Mitrovi\'c``: the accent drawn after its letter, which PDFium reads as ``Mitrovic´``
    name = "Ana Mitrovic"
    over_c = 72 + _width(name[:-1]) + (_width("c") - _width("´")) / 2
    lines = [
        (72, 700, [(name, SIZE)]),
        (over_c, 700, [("´", SIZE)]),
        (72 + _width(name), 700, [(" and Leo Luz. 2015. Graphs. Nature, 4:1-9.", SIZE)]),
    ]
    path = tmp_path / "inword.pdf"
    path.write_bytes(page_pdf(lines))
    assert "Ana Mitrović and Leo Luz. 2015." in read_document(path).text
