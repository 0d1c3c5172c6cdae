"""A URL cut at a line end goes on on the next line without a space, also when a comma of
the sentence follows its end (arXiv 2206.10883's ``https://www.uscourts.gov/`` then
``statistics-reports/covering-civil-cases-journalists-guide, 2022.``); a bare year with a
comma after a URL is the entry's, not the URL's."""

from __future__ import annotations

import pytest

from citecheck.inputs.pdf_text import _url_goes_on


@pytest.mark.parametrize(
    ("previous", "text", "joined"),
    [
        pytest.param(
            "Civil cases. https://www.uscourts.gov/",
            "types-cases/civil-cases, 2022. Last accessed April 17, 2022.",
            True,
            id="comma-after-the-url",
        ),
        pytest.param("site (https://multilexsum.", "github.io, 2022).", True, id="host-cut"),
        pytest.param("Available at https://site.org/", "2019, pp. 3-4.", False, id="year"),
        pytest.param("See https://site.org/", "Smith, J. 2019. Title.", False, id="next-entry"),
    ],
)
def test_a_url_cut_at_a_line_end(previous: str, text: str, joined: bool) -> None:
    assert _url_goes_on(previous, text) is joined
