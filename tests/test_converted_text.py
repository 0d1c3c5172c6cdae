"""Text converted by other tools (pandoc, pdftotext) is read as its Markdown would be."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.citations.find import find_citations
from citecheck.inputs import document_from_text
from citecheck.model import Severity
from citecheck.pipeline import analyze

FIXTURES = Path(__file__).parent / "fixtures" / "converted"

PANDOC = """# Introduction

Receptors bind ligands [1] and [2--3].

# References {#references .unnumbered}

::: {#refs .references .csl-bib-body}
::: {#ref-smith .csl-entry}
1\\. Smith J, Doe A. A study of receptor binding in cells. J Med.
2001;12:1-9.
:::

::: {#ref-brown .csl-entry}
2\\. Brown K. Another study of receptor biology. J Med. 2002;13:1-9.
:::

::: {#ref-green .csl-entry}
3\\. Green L. Third work on signalling pathways. Nature. 2004;400:1-2.
:::
:::
"""


def test_pandoc_markdown_reads_like_markdown() -> None:
    analysis = analyze(document_from_text(PANDOC, "paper.md"))
    assert [r.number for r in analysis.references] == [1, 2, 3]
    assert analysis.references[0].raw.endswith("2001;12:1-9.")
    assert [c.refs for c in analysis.citations] == [(1,), (2, 3)]
    assert not [f for f in analysis.findings if f.severity is not Severity.INFO]


def test_heading_attributes_are_not_part_of_the_title() -> None:
    text = PANDOC.replace("::: {#refs .references .csl-bib-body}\n", "")
    analysis = analyze(document_from_text(text, "paper.md"))
    assert analysis.section.heading.startswith("# References")
    assert [r.number for r in analysis.references] == [1, 2, 3]


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        pytest.param("as shown [4--6].", [(4, 5, 6)], id="square-double-dash"),
        pytest.param("as shown [4---6].", [(4, 5, 6)], id="square-triple-dash"),
        pytest.param("as shown.^4--6^ Then", [(4, 5, 6)], id="pandoc-superscript"),
        pytest.param("as shown [4]--[6].", [(4, 5, 6)], id="markers-joined"),
    ],
)
def test_double_and_triple_hyphens_are_range_dashes(text: str, refs: list) -> None:
    assert [c.refs for c in find_citations(text, range(1, 10))] == refs


def test_run_on_entries_are_split_at_the_next_printed_number() -> None:
    text = (
        "Text [1, 2, 3].\n\nReferences\n\n"
        "1. Smith J. A study of receptor binding. J Med. 2001;12:1-9.\n"
        "2. Brown K. Another study of biology. J Med. 2004. 3. Green L. Third work on "
        "signalling. Nature. 2004;400:1-2.\n"
    )
    analysis = analyze(document_from_text(text, "paper.txt"))
    assert [r.number for r in analysis.references] == [1, 2, 3]
    assert analysis.references[2].raw.startswith("Green L.")
    assert not [f for f in analysis.findings if f.severity is Severity.ERROR]


def test_pdftotext_output_of_a_development_pdf() -> None:
    """39 references (one after a page break's form feed), 48 citation groups, no errors."""
    text = (FIXTURES / "plos-pone.0042593.pdftotext.txt").read_text(encoding="utf-8")
    analysis = analyze(document_from_text(text, "manuscript.txt"))
    assert [r.number for r in analysis.references] == list(range(1, 40))
    assert len(analysis.citations) == 48
    assert not [f for f in analysis.findings if f.severity is Severity.ERROR]


SEED = Path(__file__).parent / "fixtures" / "walenkamp2017-cxcr4.md"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("walenkamp2017-cxcr4.pdftotext.txt", id="reading-order"),
        pytest.param("walenkamp2017-cxcr4.pdftotext-layout.txt", id="layout"),
    ],
)
def test_pdftotext_of_the_bundled_example_reads_as_its_markdown(name: str) -> None:
    """88 references (1–25 unmarked and hard-wrapped, one with a page break inside), the
    59 citation groups of the Markdown with the same numbers, no error or warning."""
    markdown = analyze(document_from_text(SEED.read_text(encoding="utf-8"), "seed.md"))
    text = (FIXTURES / name).read_text(encoding="utf-8")
    analysis = analyze(document_from_text(text, "seed.txt"))
    assert [r.number for r in analysis.references] == list(range(1, 89))
    assert [c.refs for c in analysis.citations] == [c.refs for c in markdown.citations]
    fields = ("year", "volume", "first_page")
    assert [[getattr(r, f) for f in fields] for r in analysis.references] == [
        [getattr(r, f) for f in fields] for r in markdown.references
    ]
    assert [(f.rule, f.severity) for f in analysis.findings] == [("REF002", Severity.INFO)]


UNMARKED_THEN_NUMBERED = """Text (1), (2), (3) and (4-6).

REFERENCES

Smith AB, Jones C. A study of receptors in cells and their role in
cancer. J Biol Chem. 2001;12:1–9.
Brown K. Kinases in the membrane. Curr Pharm Des. 2002;13:10–19.
Green L, White M. Ligands that bind receptors and the many cells that
respond to them and to other ligands as well.
Curr Pharm Des. 2003;14:20–29.

\f4. Black D. Receptor signalling. Nature. 2004;15:30–39.
5. Gray E. Antagonists of the receptor. Cell. 2005;16:40–49.
6. Blue F. More antagonists. J Med Chem. 2006;17:50–
59.
"""


def test_an_unmarked_list_then_numbered_entries_as_pdftotext_gives_them() -> None:
    """Lines with no marker, a journal's name on a line of its own, a page break (an empty
    line and a form feed), then a run of numbered entries: six references."""
    analysis = analyze(document_from_text(UNMARKED_THEN_NUMBERED, "m.txt"))
    refs = analysis.references
    assert [r.number for r in refs] == [1, 2, 3, 4, 5, 6]
    assert [r.first_author.family for r in refs if r.first_author] == [
        "Smith",
        "Brown",
        "Green",
        "Black",
        "Gray",
        "Blue",
    ]
    assert [r.container for r in refs][:3] == ["J Biol Chem", "Curr Pharm Des", "Curr Pharm Des"]
    assert [r.year for r in refs] == ["2001", "2002", "2003", "2004", "2005", "2006"]
    assert not [f for f in analysis.findings if f.severity is Severity.ERROR]


def test_a_page_break_inside_an_unmarked_entry_does_not_split_it() -> None:
    text = UNMARKED_THEN_NUMBERED.replace(
        "well.\nCurr Pharm Des. 2003;", "well. Curr Pharm Des.\n\n\f2003;"
    )
    assert "\f2003" in text
    refs = analyze(document_from_text(text, "m.txt")).references
    assert [r.number for r in refs] == [1, 2, 3, 4, 5, 6]
    assert (refs[2].container, refs[2].year, refs[2].volume) == ("Curr Pharm Des", "2003", "14")


def test_a_table_cell_on_its_own_line_is_no_citation() -> None:
    """pdftotext writes a table one cell a line: a count with its interval is no citation,
    while a citation after a number inside a sentence still is."""
    text = "Eggs per gram\n\n656 (372–940)\n\n41 (29–52)\n\nOn chromosome 2 (1) it lies.\n"
    assert [c.refs for c in find_citations(text, list(range(1, 10)))] == [(1,)]


@pytest.mark.parametrize(
    ("first", "second"),
    [pytest.param("[1] ", "[2] ", id="brackets"), pytest.param("1. ", "2. ", id="dots")],
)
def test_a_page_range_wrapped_onto_the_next_line_is_no_list_number(first: str, second: str) -> None:
    """ "… 2002;297: 1183–" / "1186. doi: …" as pdftotext wraps it: 1186 ends the range."""
    text = (
        "Noise (1) and more noise (2).\n\nReferences\n"
        f"{first}Elowitz MB, Levine AJ. Stochastic gene expression. Science. 2002;297: 1183–\n"
        "1186. doi: 10.1126/science.1070919\n"
        f"{second}Raser JM, Shea EK. Noise in gene expression. Science. 2005;309: 2010–2013.\n"
    )
    refs = analyze(document_from_text(text, "m.txt")).references
    assert [r.number for r in refs] == [1, 2]
    assert (refs[0].pages, refs[0].doi) == ("1183-1186", "10.1126/science.1070919")
