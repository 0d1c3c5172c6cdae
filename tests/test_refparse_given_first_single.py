"""A single author written initials first and ended by a full stop (BibTeX ``unsrt``,
``plain``): a short family name (``Gage``, ``Gov``) is the author, not the start of an
abbreviated journal, unless the period is followed by more of a journal (a volume or
another abbreviated word). The strings are written for these tests."""

from __future__ import annotations

import pytest

from citecheck.bibliography.parse import parse_reference


@pytest.mark.parametrize(
    ("raw", "authors", "title", "year"),
    [
        pytest.param(
            "F. H. Gage. Mammalian neural stem cells. Science, 287:1433–1438, 2000.",
            ["Gage FH"], "Mammalian neural stem cells", "2000", id="unsrt-single",
        ),
        pytest.param(
            "N. Gov. Cell migration: Electrifying movement. Nat Mater, 13:331–332, 2014.",
            ["Gov N"], "Cell migration: Electrifying movement", "2014", id="unsrt-three-letters",
        ),
        pytest.param(
            "F. H. Gage and J. Smith. Mammalian neural stem cells. Science, 287:1433–1438, 2000.",
            ["Gage FH", "Smith J"], "Mammalian neural stem cells", "2000", id="unsrt-two",
        ),
    ],
)  # fmt: skip
def test_a_single_given_first_author_before_a_full_stop(
    raw: str, authors: list[str], title: str, year: str
) -> None:
    r = parse_reference(raw)
    assert ([str(a) for a in r.authors], r.title, r.year) == (authors, title, year)


def test_a_reference_that_starts_with_an_abbreviated_journal_has_no_author() -> None:
    r = parse_reference("J. Chem. Phys. 128, 1 (2008).")
    assert (r.authors, r.year) == ((), "2008")
