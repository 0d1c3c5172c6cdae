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
