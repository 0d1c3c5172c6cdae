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


def test_a_family_name_that_is_a_particles_word_names_its_author() -> None:
    """Elsevier (Europe PMC): "Du et al.²¹" for Du M, Chen ZJ; "Le et al. [2]" for Smith."""
    from citecheck.inputs import document_from_text
    from citecheck.pipeline import analyze

    text = (
        "# Intro\n\nDu et al. [1] found condensates, which Le et al. [2] saw too.\n\n"
        "# References\n\n"
        "1. Du M, Chen ZJ. DNA-induced condensation of cGAS. Science. 2018;361:704-9.\n"
        "2. Smith J, Lee K, Wu X. Another study of things. Cell. 2019;1:1-9.\n"
    )
    findings = [f for f in analyze(document_from_text(text)).findings if f.rule == "CIT005"]
    assert [f.refs for f in findings] == [(2,)]


def test_two_narrative_citations_after_et_al_are_no_enumeration_labels() -> None:
    """ "Du et al. [1] found …, which Jones et al. [2] saw …": the full stop of "et al." is no
    sentence's end, so [1] and [2] are no "(1) We propose … (2) We release …" labels."""
    text = "Du et al. [1] found condensates, which Jones et al. [2] saw too."
    assert [c.refs for c in find_citations(text, [1, 2])] == [(1,), (2,)]
    assert find_citations("Aims: (1) We propose a model. (2) We release data.", [1, 2]) == ()
