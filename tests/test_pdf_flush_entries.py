"""Reference lists set flush left with no hanging indent and nothing between entries (AI
Magazine, AAAI: science-parse's ``aimag10.pdf``): an entry whose last line runs to the
column's edge and ends a sentence, then a line that begins ``Surname, I.`` where the entry
began, starts the next entry; an author list wrapped at a name does not."""

from __future__ import annotations

from test_inputs_pdf_paragraphs import _column, _paragraphs

WIDTH = 80  # glyphs to a full line of the made-up font (every glyph 5 pt)


def _full(text: str) -> str:
    """``text`` run to the column's edge: filler before its last word."""
    words = text.split()
    filler = "x" * (WIDTH - len(text) - 1)
    return " ".join([*words[:-1], filler, words[-1]])


def _entries(*lines: str) -> list[str]:
    return _paragraphs(_column(72, [(0, _full(line)) for line in lines]))


def test_a_full_last_line_ending_a_sentence_then_surname_and_initial_starts_an_entry() -> None:
    paragraphs = _entries(
        "Banko, M., and Etzioni, O. 2008. The Tradeoffs Between Traditional",
        "and Open Relation Extraction. Stroudsburg, PA: Association for",
        "Computational Linguistics.",
        "Banko, M.; Cafarella, M.; Soderland, S.; Broadhead, M.; and",
        "Etzioni, O. 2007. Open Information Extraction from the Web.",
        "Talukdar, P. P.; and Pereira, F. 2008. Weakly Supervised Walks. 3-4 June.",
        "Thompson, C.; Califf, M.; and Mooney, R. 1999. Active Learning.",
    )
    assert [p.split(",")[0] for p in paragraphs] == ["Banko", "Banko", "Talukdar", "Thompson"]
    assert "and Etzioni, O. 2007." in paragraphs[1]  # a name after ``and``: the list goes on


def test_an_author_list_wrapped_at_a_name_stays_one_entry() -> None:
    # editors after the year: the line before ends with an initial, not a sentence
    paragraphs = _entries(
        "Smith, J. 2001. A Title of the Work. In Proceedings of the Workshop,",
        "eds. Jones, K.; Brown, L.; and Green, S.",
        "White, T.; and Black, U., 1-10. New York: Academic Press.",
    )
    assert len(paragraphs) == 1


def test_a_line_ending_a_sentence_before_the_entry_has_its_year_goes_on() -> None:
    # no year yet in the entry's first lines: ``Etzioni, O.`` is not a new entry's head
    paragraphs = _entries(
        "Banko, M. Open Information Extraction. A Report",
        "of the Turing Center. Technical Report.",
        "Etzioni, O., editor. Seattle: University of Washington, 2007.",
    )
    assert len(paragraphs) == 1
