"""Copernicus journals (GMD, ACP, HESS, TC, CP, OS, …) print the year last, after the DOI
when there is one (second real-world sweep, item 1: an Ocean Science discussion paper's
typeset source). The strings are written for these tests in the Copernicus shape."""

from __future__ import annotations

import pytest

from citecheck.bibliography.parse import parse_reference

_HEAD = (
    "Bernholdt, D., Bharathi, S., and Williams, D.: The Earth System Grid: supporting the "
    "next generation, Proceedings of the IEEE, 93, 485–495, "
)


@pytest.mark.parametrize(
    "tail",
    ["doi:10.1109/JPROC.2004.842745, 2005.", "https://doi.org/10.1109/JPROC.2004.842745, 2005.",
     "2005."],
)  # fmt: skip
def test_the_year_after_the_doi(tail: str) -> None:
    r = parse_reference(_HEAD + tail)
    assert (r.year, r.title, r.container, r.volume, r.pages) == (
        "2005",
        "The Earth System Grid: supporting the next generation",
        "Proceedings of the IEEE",
        "93",
        "485-495",
    )
    assert [str(a) for a in r.authors] == ["Bernholdt D", "Bharathi S", "Williams D"]


def test_the_year_is_not_taken_from_the_pages_when_it_follows_the_doi() -> None:
    r = parse_reference(
        "Smith, A. and Lee, B.: Past climates, Clim. Past, 16, 1953–1970, "
        "https://doi.org/10.5194/cp-16-1953-2020, 2020."
    )
    assert (r.year, r.pages, r.doi) == ("2020", "1953-1970", "10.5194/cp-16-1953-2020")
