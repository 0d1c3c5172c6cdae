"""Author lists printed given name first with the year after the names (ACL, NAACL, JMLR:
``Iz Beltagy, Kyle Lo, and Arman Cohan. 2019. SciBERT: …``; request 3 of the author-date
engineer, sweep2 item 14). Read so per entry only on strong evidence: every name opens with a
given name written out, and the year follows the names' full stop. The strings are written
for these tests in the shape of the ACL anthology's entries."""

from __future__ import annotations

import pytest

from citecheck.bibliography.parse import parse_reference


@pytest.mark.parametrize(
    ("raw", "authors", "title"),
    [
        pytest.param(
            "Iz Beltagy, Kyle Lo, and Arman Cohan. 2019. SciBERT: A pretrained language model "
            "for scientific text. In EMNLP.",
            ["Beltagy I", "Lo K", "Cohan A"],
            "SciBERT: A pretrained language model for scientific text", id="three",
        ),
        pytest.param(
            "Hal Daumé III and Daniel Marcu. 2006. Domain adaptation for statistical "
            "classifiers. JAIR.",
            ["Daumé H", "Marcu D"], "Domain adaptation for statistical classifiers", id="suffix",
        ),
        pytest.param(
            "Jacob Devlin, Ming-Wei Chang, Kenton Lee, and Kristina Toutanova. 2019. BERT: "
            "Pre-training of deep bidirectional transformers. In NAACL.",
            ["Devlin J", "Chang MW", "Lee K", "Toutanova K"],
            "BERT: Pre-training of deep bidirectional transformers", id="hyphenated-given",
        ),
        pytest.param(
            "Ludwig van Beethoven. 1808. Symphony in C minor. Breitkopf.",
            ["van Beethoven L"], "Symphony in C minor", id="particle",
        ),
        pytest.param(
            "Kenton J. Lee and Luheng He. 2017. End-to-end neural coreference resolution. "
            "In EMNLP.",
            ["Lee KJ", "He L"], "End-to-end neural coreference resolution", id="middle-initial",
        ),
    ],
)  # fmt: skip
def test_given_names_first_before_the_year(raw: str, authors: list[str], title: str) -> None:
    r = parse_reference(raw)
    assert [str(a) for a in r.authors] == authors
    assert r.title == title and r.year is not None


@pytest.mark.parametrize(
    ("raw", "authors"),
    [
        # family first with initials: the names reach the year as they are
        ("Bender W, Hudson A. 2000. P element homing. Development 127: 3981–3992.",
         ["Bender W", "Hudson A"]),
        # an organisation is no person
        ("World Bank. 2019. World development report. Washington, DC.", ["World Bank"]),
        ("United States Census Bureau. 2000. Census of Population and Housing.", []),
        # a comma missing: two names run together are not read as one
        ("Ben Taskar Pieter Abbeel and Daphne Koller. 2012. Discriminative models. arXiv.", []),
    ],
)  # fmt: skip
def test_no_given_first_reading_without_the_evidence(raw: str, authors: list[str]) -> None:
    assert [str(a) for a in parse_reference(raw).authors] == authors


def test_without_the_year_after_the_names_no_given_first_reading() -> None:
    r = parse_reference("Iz Beltagy, Kyle Lo, and Arman Cohan. SciBERT. In EMNLP, 2019.")
    assert "Beltagy I" not in [str(a) for a in r.authors]
