"""REF003 tells web pages and reports apart by their addresses and identifiers: two pages of
one agency with the same heading are not one work when their URLs differ (issue #12)."""

from __future__ import annotations

import pytest

from citecheck.bibliography.parse import parse_reference
from citecheck.checks.references import check_duplicates

CDC = "Centers for Disease Control and Prevention. Tuberculosis data and statistics. 2018. "
SEER = (
    "National Cancer Institute (2015) Surveillance, Epidemiology, and End Results Program. "
    "Available: {url}. Accessed 1 June 2015."
)


def _refs(*lines: str):  # type: ignore[no-untyped-def]
    return [parse_reference(line, number=n) for n, line in enumerate(lines, 1)]


@pytest.mark.parametrize(
    ("first", "second", "duplicate"),
    [
        pytest.param(
            CDC + "https://www.cdc.gov/tb/statistics/default.htm",
            CDC + "https://www.cdc.gov/tb/statistics/reports/2018.htm",
            False, id="two-pages-of-one-agency",
        ),
        pytest.param(
            SEER.format(url="http://seer.cancer.gov/statfacts/html/prost.html"),
            SEER.format(url="http://seer.cancer.gov/statfacts/html/breast.html"),
            False, id="two-fact-sheets",
        ),
        pytest.param(
            CDC + "https://www.cdc.gov/tb/statistics/default.htm",
            CDC + "http://cdc.gov/tb/statistics/default.htm/",
            True, id="one-page-written-twice",
        ),
        pytest.param(
            CDC + "PMID: 12345678.", CDC + "PMID: 87654321.", False, id="different-pmids",
        ),
        pytest.param(CDC, CDC, True, id="no-address-same-title"),
    ],
)  # fmt: skip
def test_duplicates_compare_addresses(first: str, second: str, duplicate: bool) -> None:
    found = check_duplicates(_refs(first, second))
    assert [f.rule for f in found] == (["REF003"] if duplicate else [])
