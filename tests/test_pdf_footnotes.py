"""Footnotes at a column's foot between the two parts of a paragraph or a reference entry
(ACL 2020 paper 447: ``Waleed Ammar, …, Sebastian Kohlmeier,`` / the note ``19 The Kaggle
CORD-19 …`` / ``Kyle Lo, …, and Oren Etzioni. 2018. Construction …`` at the top of the right
column): the entry reads whole, and the note stands on its own after the paragraph that
holds its mark. Lines are made by hand (a made-up font, every glyph as wide), justified
between their column's edges."""

from __future__ import annotations

from citecheck.inputs.pdf_footnotes import footnote_lines
from citecheck.inputs.pdf_layout import Line
from citecheck.inputs.pdf_text import assemble
from citecheck.inputs.pdf_tokens import Token

LEFT, RIGHT = (72.0, 280.0), (300.0, 508.0)  # the columns' edges


def _line(column: int, x: float, bottom: float, text: str, size: float, raised: str = "") -> Line:
    """A line justified from ``x`` to its column's right edge (``raised``: a superscript
    number set before the text, or after its first word when the text starts with ``^``)."""
    right = (LEFT, RIGHT)[column - 1][1]
    words = text.split()
    width = (right - x) / len(words)
    tokens = []
    for k, word in enumerate(words):
        x0 = x + k * width
        x1 = right if k == len(words) - 1 else x0 + width - size * 0.3
        if word.startswith("^"):
            word = word[1:]
            tokens.append(
                Token(word, x0, x0 + 0.3 * size, bottom + 0.4 * size, bottom + size, 0, " ")
            )
            x0 += 0.3 * size
        tokens.append(
            Token(word, x0, x1, bottom, bottom + size, 0, "" if raised and not k else " ")
        )
    if raised:
        tokens.insert(0, Token(raised, x - 4, x - 1, bottom + 0.4 * size, bottom + size, 0, "\n"))
    return Line(1, tuple(tokens), tokens[0].x0, right, bottom, bottom + size, size, column, text)


def _page() -> list[Line]:
    body = "the text runs on and on across the column with many words in it"
    left = [_line(1, 72, 760 - 14 * i, body, 12) for i in range(4)]
    left.append(
        _line(1, 72, 704, "competitions and two shared ^19 tasks in their first month.", 12)
    )
    heading = _line(1, 72, 680, "References", 16)
    heading = Line(1, heading.tokens[:1], 72, 150, 680, 696, 16, 1, "References")
    entries = [
        (72, "Riaz Ahmad and Muhammad Afzal. 2018. Cad: an algorithm for"),
        (82, "citation anchors. Scientometrics, 117:1405-1423."),
        (72, "Waleed Ammar, Dirk Groeneveld, Chandra Bhagavatula,"),
        (82, "Iz Beltagy, Miles Crawford, Sebastian Kohlmeier,"),
    ]
    left += [heading]
    left += [_line(1, x, 660 - 11 * i, t, 10) for i, (x, t) in enumerate(entries)]
    left.append(_line(1, 76, 600, "The Kaggle CORD-19 and TREC-COVID competitions.", 8, "19"))
    left.append(_line(1, 72, 591, "See Wang et al. (2020) for details of them.", 8))
    right = [
        (310, "Kyle Lo, Tyler Murray, and Oren Etzioni. 2018."),
        (310, "Construction of the literature graph. In NAACL."),
        (300, "Kimitaka Asatani, Junichiro Mori, and Ichiro Sakata."),
        (310, "2018. Detecting trends in academic research. PloS one."),
    ]
    return left + [_line(2, x, 760 - 11 * i, t, 10) for i, (x, t) in enumerate(right)]


def test_an_entry_interrupted_by_a_footnote_at_the_column_foot_reads_whole() -> None:
    paragraphs = assemble(_page()).text.split("\n\n")
    ammar = next(p for p in paragraphs if p.startswith("Waleed Ammar"))
    assert ammar.endswith(
        "Sebastian Kohlmeier, Kyle Lo, Tyler Murray, and Oren Etzioni. 2018. "
        "Construction of the literature graph. In NAACL."
    )
    assert "Kaggle" not in ammar
    assert paragraphs[-1].startswith("Kimitaka Asatani")


def test_a_footnote_is_written_after_the_paragraph_of_its_mark() -> None:
    paragraphs = assemble(_page()).text.split("\n\n")
    note = next(i for i, p in enumerate(paragraphs) if "Kaggle" in p)
    assert paragraphs[note].startswith("^{19}The Kaggle") and paragraphs[note].endswith("of them.")
    assert "^{19}" in paragraphs[note - 1]  # the mark's paragraph, before the references
    assert paragraphs[note + 1] == "References"


def test_a_line_as_large_as_the_text_under_a_raised_number_is_no_footnote() -> None:
    lines = _page()
    notes = footnote_lines(lines, {}, 12.0)
    assert {ln.text[:10] for ln in lines if id(ln) in notes} == {"The Kaggle", "See Wang e"}
    # the note set as large as the entries above it: text, not a footnote
    big = [
        _line(
            1, ln.x0, ln.bottom, ln.text, 10, ln.tokens[0].text if ln.tokens[0].text == "19" else ""
        )
        if ln.height == 8
        else ln
        for ln in lines
    ]
    assert not footnote_lines(big, {}, 12.0)


def test_a_first_pages_footer_across_the_page_does_not_cut_a_sentence_going_on() -> None:
    # NAACL 2018: '... on large labeled datasets such as CoNLL-2003 (e.g., Lample et al.,' /
    # the proceedings' footer across the page / page 2: '2016). ...'
    body = "the text runs on and on across the column with many words in it"
    left = [_line(1, 72, 760 - 14 * i, body, 12) for i in range(6)]
    right = [_line(2, 300, 760 - 14 * i, body, 12) for i in range(5)]
    right.append(_line(2, 300, 690, "datasets such as CoNLL-2003 (e.g., Lample et al.,", 12))
    foot = _line(1, 72, 40, "New Orleans, Louisiana, June 1-6, 2018. Association for", 8)
    foot = Line(1, foot.tokens, 72, 508, 40, 48, 8, 0, foot.text)  # across both columns
    page2 = [
        Line(2, ln.tokens, ln.x0, ln.x1, ln.bottom, ln.top, ln.height, 1, ln.text)
        for ln in [
            _line(1, 72, 760, "2016). We reduce the tasks to familiar ones in this work.", 12)
        ]
    ]
    paragraphs = assemble([*left, *right, foot, *page2]).text.split("\n\n")
    assert any(
        p.endswith(
            "(e.g., Lample et al., 2016). We reduce the tasks to familiar ones in this work."
        )
        for p in paragraphs
    )
    assert paragraphs[-1].startswith("New Orleans, Louisiana")
