"""Two citation shapes once missed on real text (issue #12): a citation after a name that
ends in a label word ("International Critical Tables (12)"), and one right after a closing
parenthesis whose aside holds a formula ("(n = 24) (7)"); and their look-alikes that stay
rejected."""

from __future__ import annotations

import pytest

from citecheck.citations.find import find_citations


def found(text: str) -> list[str]:
    return [c.text for c in find_citations(text, range(1, 60))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Values come from the International Critical Tables (12) and from (3).",
                     ["(12)", "(3)"], id="product-name-tables"),
        pytest.param("We used the NIST-JANAF Thermochemical Tables [5] and the Periodic Table [6].",
                     ["[5]", "[6]"], id="names-ending-in-table"),
        pytest.param("The Atlas of Protein Sequence Figures [7] lists them [8].",
                     ["[7]", "[8]"], id="name-ending-in-figures"),
        pytest.param("See Table [2], Tables [3], Supplementary Tables [4], S1 Table [5]; in [9].",
                     ["[9]"], id="cross-references-stay-rejected"),
        pytest.param("In Figure (2) and Fig. (3) we show it (4).", ["(4)"],
                     id="sentence-start-and-abbreviation"),
    ],
)  # fmt: skip
def test_names_ending_in_a_label_word(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Among the patients (n = 24) (7) we saw more (3).", ["(7)", "(3)"],
                     id="paren-after-aside-with-formula"),
        pytest.param("Among them (n = 24) (7), and those (p < 0.05) (8), see (4).",
                     ["(7)", "(8)", "(4)"], id="two-asides"),
        pytest.param("In the cohort (n = 24)^{7} we saw more^{3}. The odds (OR = 2.1)^{8}.",
                     ["^{7}", "^{3}", "^{8}"], id="superscript-after-aside"),
        pytest.param("It holds that f(x) = g(x) (3) for all values. More (6).", ["(6)"],
                     id="equation-number-after-formula"),
        pytest.param("Here y = a (b + c) (3) holds (6).", ["(6)"],
                     id="equation-number-after-bracketed-term"),
    ],
)  # fmt: skip
def test_citation_after_closing_parenthesis(text: str, expected: list[str]) -> None:
    assert found(text) == expected
