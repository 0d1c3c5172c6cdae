"""Places a person can find (citecheck.report.places): the reader's label for Word and PDF,
line:column for text, the section heading above and a quoted phrase."""

from __future__ import annotations

from citecheck.model import Document, Heading, Origin, Span
from citecheck.report.places import Places

TEXT = "Introduction\n\nCXCR4 is expressed widely in tumours (3).\n\nMethods\n\nWe imaged (4)."


def _doc(**kw: object) -> Document:
    headings = (
        Heading(Span(0, 12), 1, "Introduction"),
        Heading(Span(TEXT.index("Methods"), TEXT.index("Methods") + 7), 1, "Methods"),
    )
    return Document("paper.md", TEXT, headings=headings, **kw)  # type: ignore[arg-type]


def test_text_place_is_line_column_with_section_and_phrase() -> None:
    at = TEXT.index("(3)")
    place = Places(_doc()).place(at, at + 3)
    assert place.where == "3:38"
    assert place.section == "Introduction"
    assert "tumours (3)" in place.phrase and "\n" not in place.phrase
    assert Places(_doc()).section(TEXT.index("(4)")) == "Methods"
    assert Places(_doc()).section(0) == "Introduction"


def test_word_or_pdf_place_is_the_readers_label() -> None:
    start = TEXT.index("CXCR4")
    origins = (Origin(start, label="paragraph 2 'CXCR4 is expressed…'"),)
    place = Places(_doc(origins=origins)).place(TEXT.index("(3)"))
    assert place.where == "paragraph 2 'CXCR4 is expressed…'"
