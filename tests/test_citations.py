"""Finding in-text citation groups: marker styles, ranges, and what is not a citation."""

from __future__ import annotations

import pytest

from citecheck.citations.find import find_citations
from citecheck.model import Span

REFS = range(1, 60)


def _found(text: str, refs=REFS) -> list[tuple[str, tuple[int, ...]]]:
    out = []
    for c in find_citations(text, refs):
        assert text[c.span.start : c.span.end] == c.text
        out.append((c.text, c.refs))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Shown before (12).", [("(12)", (12,))], id="paren"),
        pytest.param("Shown before [12].", [("[12]", (12,))], id="square"),
        pytest.param("Shown before.^{12} Next", [("^{12}", (12,))], id="brace-super"),
        pytest.param("Shown.^{20–22} Next", [("^{20–22}", (20, 21, 22))], id="brace-range"),
        pytest.param("Shown before.¹² Next", [("¹²", (12,))], id="unicode-super"),
        pytest.param("Shown before.¹⁻³ Next", [("¹⁻³", (1, 2, 3))], id="unicode-super-range"),
        pytest.param("Shown before.¹˒² Next", [("¹˒²", (1, 2))], id="unicode-super-comma"),
        pytest.param("Shown before.¹, ² Next", [("¹, ²", (1, 2))], id="unicode-super-spaced"),
        pytest.param(
            "Shown (3,34,47–49).", [("(3,34,47–49)", (3, 34, 47, 48, 49))], id="list-and-range"
        ),
        pytest.param("Shown [4]–[7].", [("[4]–[7]", (4, 5, 6, 7))], id="bracket-range-pair"),
        pytest.param("Shown [7-12].", [("[7-12]", (7, 8, 9, 10, 11, 12))], id="hyphen-range"),
        pytest.param("Shown (13,14,15).", [("(13,14,15)", (13, 14, 15))], id="plain-list"),
        pytest.param("Shown (13, 14; 15).", [("(13, 14; 15)", (13, 14, 15))], id="spaces-semi"),
        pytest.param("In 2012[1] they did.", [("[1]", (1,))], id="glued-to-year"),
        pytest.param("A known word[3] here.", [("[3]", (3,))], id="glued-to-word"),
        pytest.param("Shown [1],[2] here.", [("[1],[2]", (1, 2))], id="adjacent-brackets"),
        pytest.param("Shown [1], [2] here.", [("[1], [2]", (1, 2))], id="adjacent-with-space"),
        pytest.param(
            "## Methods (4)\nText (5).", [("(4)", (4,)), ("(5)", (5,))], id="in-a-heading"
        ),
        pytest.param(
            "| a | b (6) |\n|---|---|\nText (7).", [("(6)", (6,)), ("(7)", (7,))], id="table-cell"
        ),
        pytest.param(
            "FIGURE 1. Signalling (8).\n\nText (9).",
            [("(8)", (8,)), ("(9)", (9,))],
            id="figure-caption",
        ),
        pytest.param("As in (ref. 12).", [("(ref. 12)", (12,))], id="ref-dot"),
        pytest.param("As in (refs 3–5).", [("(refs 3–5)", (3, 4, 5))], id="refs-range"),
        pytest.param("As in (see 4, 7).", [("(see 4, 7)", (4, 7))], id="see"),
        pytest.param("As in (e.g., 4, 7).", [("(e.g., 4, 7)", (4, 7))], id="e-g"),
        pytest.param("As in (reviewed in 9).", [("(reviewed in 9)", (9,))], id="reviewed-in"),
        pytest.param(
            "As in (12 and references therein).",
            [("(12 and references therein)", (12,))],
            id="references-therein",
        ),
        pytest.param("See [see also 2] here.", [("[see also 2]", (2,))], id="square-see-also"),
        pytest.param(
            "Made the Summary of Findings table. [3] Briefly, GRADE.",
            [("[3]", (3,))],
            id="after-a-full-stop-after-table",
        ),
    ],
)
def test_citation_styles(text: str, expected: list) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "dash",
    [
        pytest.param("-", id="hyphen"),
        pytest.param("‐", id="unicode-hyphen"),
        pytest.param("‑", id="non-breaking-hyphen"),
        pytest.param("‒", id="figure-dash"),
        pytest.param("–", id="en-dash"),
        pytest.param("—", id="em-dash"),
        pytest.param("−", id="minus"),
    ],
)
def test_every_dash_makes_a_range(dash: str) -> None:
    text = f"Shown before (7{dash}10)."
    assert _found(text) == [(f"(7{dash}10)", (7, 8, 9, 10))]


# Each text holds one real citation (4) in the same bracket style as the decoy, so the finder
# is shown to work there and to reject only the decoy.
@pytest.mark.parametrize(
    ("text", "cited"),
    [
        pytest.param("As shown (4). See (Fig. 1) now.", "(4)", id="fig"),
        pytest.param("As shown [4]. See [Table 2] now.", "[4]", id="table"),
        pytest.param("As shown (4). See Eq. (3) now.", "(4)", id="equation"),
        pytest.param("As shown (4). In (2017) we did.", "(4)", id="year"),
        pytest.param("As shown (4). Sample (n = 30) ok.", "(4)", id="n-equals"),
        pytest.param("As shown (4). Result (P < 0.05) ok.", "(4)", id="p-value"),
        pytest.param("As shown (4). A trial (phase 1) ok.", "(4)", id="phase"),
        pytest.param("As shown (4). Trial NCT01339039 ok.", "(4)", id="trial-id"),
        pytest.param("As shown.¹ Tracer ⁶⁸Ga here.", "¹", id="isotope-unicode"),
        pytest.param("As shown.^{4} Tracer ^{99m}Tc here.", "^{4}", id="isotope-brace"),
        pytest.param("As shown.¹ Tracer ¹⁷⁷Lu here.", "¹", id="isotope-lu"),
        pytest.param("As shown.^{4} Peptide [Tyr^{5,12},Lys⁷] here.", "^{4}", id="residues-brace"),
        pytest.param("As shown [4]. Peptide [Tyr^{5,12},Lys⁷] here.", "[4]", id="residues-square"),
        pytest.param("As shown.^{4} Note^{a} here.", "^{4}", id="footnote-letter"),
        pytest.param("As shown [4]. In [0, 1] interval.", "[4]", id="unit-interval"),
        pytest.param("As shown [4]. Value [0.5] ok.", "[4]", id="decimal"),
        pytest.param("As shown.¹ Cells 10⁵ per well.", "¹", id="power-of-ten"),
        pytest.param("As shown.¹ Then x² grows.", "¹", id="exponent"),
        pytest.param("As shown (4). Volume 276(2) page.", "(4)", id="volume-issue"),
        pytest.param("As shown [4]. See [3](http://x.org) link.", "[4]", id="markdown-link"),
        pytest.param("As shown [4]. Code `f[2]` here.", "[4]", id="inline-code"),
        pytest.param("As shown [4].\n```\nx = a[2] + f(3)\n```\nend", "[4]", id="code-block"),
        pytest.param("As shown [4]. Note[^2] here.", "[4]", id="md-footnote"),
        pytest.param("As shown [4].<!-- see [5] -->", "[4]", id="html-comment"),
    ],
)
def test_not_citations(text: str, cited: str) -> None:
    assert [t for t, _ in _found(text)] == [cited]


def test_enumeration_labels_are_not_citations() -> None:
    text = "Our aims. (1) We propose a method. (2) We release the code. It helps (5)."
    assert _found(text) == [("(5)", (5,))]


def test_author_line_superscripts_are_not_citations() -> None:
    text = (
        "Annemiek Walenkamp¹, Constantin Lapa², Ken Herrmann^{3,4}\n\n"
        "CXCR4 is expressed in many tumors.^{5} It matters.^{6}\n"
    )
    assert _found(text) == [("^{5}", (5,)), ("^{6}", (6,))]


def test_reversed_range_links_nothing_but_keeps_the_range() -> None:
    (c,) = find_citations("Shown before (11–9).", REFS)
    assert c.refs == ()
    assert c.ranges == ((11, 9),)


def test_ranges_as_written() -> None:
    (c,) = find_citations("Shown (3,34,47–49).", REFS)
    assert c.ranges == ((3, 3), (34, 34), (47, 49))
    assert c.style == "paren"


def test_one_style_per_manuscript() -> None:
    # Paren citations dominate; a lone square-bracket number is not a second style.
    text = "A (1). B (2). C (3). The array x[2] is read."
    assert [t for t, _ in _found(text)] == ["(1)", "(2)", "(3)"]


def test_skip_spans_are_not_searched() -> None:
    text = "Body (1).\n\nReferences\n1. Smith (2) 2001.\n"
    skip = (Span(text.index("References"), len(text)),)
    assert [c.text for c in find_citations(text, [1, 2], skip=skip)] == ["(1)"]


def test_year_like_numbers_count_when_the_list_is_that_long() -> None:
    assert _found("Shown (2017).", refs=range(1, 2100)) == [("(2017)", (2017,))]


def test_document_order_and_offsets() -> None:
    text = "First (2). Then (1,3)."
    cits = find_citations(text, REFS)
    assert [(c.span.start, c.span.end) for c in cits] == [(6, 9), (16, 21)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Seen in mice ^{12}. Next", [("^{12}", (12,))], id="after-a-word"),
        pytest.param("As before (reviewed in ^{9}).", [("^{9}", (9,))], id="after-in"),
        pytest.param("Retroviruses incl. HIV-1 ^{41,42}.", [("^{41,42}", (41, 42))], id="list"),
        pytest.param("Around 10 y ^{17–19}.", [("^{17–19}", (17, 18, 19))], id="range-after-y"),
        pytest.param("A dose of 10 ^{5} cells.", [], id="power-of-ten"),
        pytest.param("It scales as x ^{2} here.", [], id="exponent-of-a-symbol"),
        pytest.param("Set k = ^{3} here.", [], id="after-an-operator"),
    ],
)
def test_superscript_after_a_space(text: str, expected: list) -> None:
    """PDF conversions often leave a space before a superscript citation."""
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Seen in tumors(12) too.", [("(12)", (12,))], id="glued-to-a-word"),
        pytest.param("Seen in ART(14) too.", [("(14)", (14,))], id="glued-to-an-acronym"),
        pytest.param("As reviewed in(9).", [("(9)", (9,))], id="glued-to-in"),
        pytest.param("Volume 276(2):553 here.", [], id="volume-issue"),
        pytest.param("Where f(1) is small.", [], id="function-of-a-symbol"),
        pytest.param("Where exp(1) and log(2) are constants.", [], id="math-functions"),
        pytest.param("Ran <code>alert(1)</code> here.", [], id="inside-html-code"),
    ],
)
def test_paren_glued_to_the_word_before(text: str, expected: list) -> None:
    assert _found(text) == expected


def test_the_style_is_the_family_that_names_most_of_the_list() -> None:
    # sweep2 item 10 (science-parse's superscripttest.pdf, an arXiv paper with "[n]" labels):
    # equation numbers "(1)", "(1,2)" recur more often than any one citation, but name two
    # numbers; the bracketed citations name the whole list
    text = (
        "Influence spreads in networks [1–3], as in the model (1) and its limit (1,2); see (2)"
        " and again (1), as [4] and [5, 6] say.\n"
    )
    found = find_citations(text, range(1, 7))
    assert [c.text for c in found] == ["[1–3]", "[4]", "[5, 6]"]


@pytest.mark.parametrize(
    "line",
    ["|S1 ∩ S2| (4)", "σ ∞ (1)", "(2)"],
)
def test_an_equation_label_ending_a_display_line_is_no_citation(line: str) -> None:
    text = f"The overlap of two seed sets is\n{line}\nwhich (3) bounds, as (1) and (2) showed.\n"
    found = find_citations(text, range(1, 5))
    assert [c.text for c in found] == ["(3)", "(1)", "(2)"]
