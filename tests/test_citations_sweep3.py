"""Numbered citation shapes from the third sweep of real manuscripts (/tmp/sweep3/SOURCES.md
of the sweep: a German master's thesis PDF citing "[27, S. 399]"): a locator after the
numbers. The inputs are synthetic, in the shapes those files showed."""

from __future__ import annotations

import pytest

from citecheck.citations.find import find_citations


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("as shown [27, p. 399], then", (27,)),
        ("wie gezeigt [27, S. 399], dann", (27,)),
        ("seen [3, pp. 5–9] and", (3,)),
        ("proved [4, Thm. 2.1] and", (4,)),
        ("see [2, Ch. 4] and", (2,)),
        ("vgl. [26, S. 13 f.] und", (26,)),
        ("in [12, Section 4] and", (12,)),
        ("see [5, 6, p. 3] too", (5, 6)),
    ],
)
def test_a_locator_after_the_numbers(text: str, refs: tuple[int, ...]) -> None:
    assert [c.refs for c in find_citations(text, list(range(1, 40)))] == [refs]


@pytest.mark.parametrize("text", ["bacteria (3, S. aureus) grew", "values (3, p < 0.05) here"])
def test_no_locator_without_a_number_after_it(text: str) -> None:
    assert find_citations(text, list(range(1, 40))) == ()
