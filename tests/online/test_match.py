"""Field comparison and candidate validation."""

from __future__ import annotations

import pytest

from citecheck.model import Author
from citecheck.verify.match import choose_candidate, compare_fields, is_abbreviation

from .helpers import make_ref, work


@pytest.mark.parametrize(
    ("abbrev", "full", "ok"),
    [
        ("J Nucl Med", "Journal of Nuclear Medicine", True),
        ("Proc Natl Acad Sci USA",
         "Proceedings of the National Academy of Sciences of the United States of America", True),
        ("N Engl J Med", "New England Journal of Medicine", True),
        ("JACC Cardiovasc Imaging", "JACC: Cardiovascular Imaging", True),
        ("Lancet Oncol", "The Lancet Oncology", True),
        ("Exp Hematol Oncol", "Experimental Hematology & Oncology", True),
        ("J Nucl Med", "Journal of Nuclear Cardiology", False),
        ("Cell", "Cancer Cell", False),
        ("Nature", "Nature Medicine", False),
    ],
)  # fmt: skip
def test_journal_abbreviations(abbrev: str, full: str, ok: bool) -> None:
    assert is_abbreviation(abbrev, full) is ok


def seed79(**changes: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {
        "DOI": "10.5555/x79",
        "title": ["Visualization of posttraumatic splenosis on chemokine receptor "
                  "CXCR4-targeted PET/CT"],
        "author": [{"family": "Derlin", "given": "T."}, {"family": "Wester", "given": "H. J."},
                   {"family": "Bengel", "given": "F. M."}, {"family": "Hueper", "given": "K."}],
        "container-title": ["Clinical Nuclear Medicine"],
        "volume": "42", "issue": "6", "page": "e317-e318",
        "issued": {"date-parts": [[2017]]},
    }  # fmt: skip
    fields.update(changes)
    return work(**fields)


REF79 = make_ref(
    79,
    authors=("Derlin T", "Wester HJ", "Bengel FM", "Hueper K"),
    et_al=False,
    title="Visualization of posttraumatic splenosis on chemokine receptor CXCR4-targeted PET/CT",
    container="Clin Nucl Med",
    year="2017",
    volume="6",
    pages="e317-e318",
)


def test_volume_printed_as_issue_is_explained() -> None:
    (diff,) = compare_fields(REF79, seed79())
    assert (diff.field, diff.printed, diff.registry) == ("volume", "6", "42")
    assert "issue" in diff.note


def test_missing_authors_without_et_al() -> None:
    ref = make_ref(
        authors=("Derlin T", "Wester HJ"),
        et_al=False,
        title=REF79.title,
        container="Clin Nucl Med",
        year="2017",
        volume="42",
        pages="e317-e318",
    )
    (diff,) = compare_fields(ref, seed79())
    assert diff.field == "authors" and "missing" in diff.note


def test_candidate_present_is_chosen_despite_one_bad_field() -> None:
    decision = choose_candidate(
        REF79, [seed79(DOI="10.5555/other", title=["Something else"]), seed79()]
    )
    assert decision.chosen is not None and decision.chosen.work.doi == "10.5555/x79"


def test_candidate_absent_gives_no_match() -> None:
    near = seed79(title=["Splenosis imaging with somatostatin receptor PET/CT"],
                  author=[{"family": "Other", "given": "A"}])  # fmt: skip
    assert choose_candidate(REF79, [near]).chosen is None


def test_correction_notice_is_never_chosen() -> None:
    notice = seed79(
        DOI="10.5555/notice", **{"update-to": [{"DOI": "10.5555/x79", "type": "correction"}]}
    )
    decision = choose_candidate(REF79, [notice])
    assert decision.chosen is None


def test_preprint_and_article_choose_article() -> None:
    preprint = seed79(DOI="10.1101/pre", type="posted-content", **{"container-title": []},
                      volume=None, page=None, institution=[{"name": "medRxiv"}])  # fmt: skip
    decision = choose_candidate(REF79, [preprint, seed79()])
    assert decision.chosen is not None and decision.chosen.work.doi == "10.5555/x79"


REF79_RIGHT = make_ref(
    79,
    authors=("Derlin T", "Wester HJ", "Bengel FM", "Hueper K"),
    et_al=False,
    title="Visualization of posttraumatic splenosis on chemokine receptor CXCR4-targeted PET/CT",
    container="Clin Nucl Med",
    year="2017",
    volume="42",
    pages="e317-e318",
)


def _misprinted(**changes: object):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(REF79_RIGHT, **changes)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"year": "2015"}, "year", id="year"),
        pytest.param({"pages": "e327-e328"}, "pages", id="first-page"),
        pytest.param(
            {"authors": (Author("Delrin", "T"), *REF79_RIGHT.authors[1:])}, "author 1", id="typo"
        ),
        pytest.param(
            {"title": "Visualization of posttraumatic splenosis on chemokine"}, "title", id="cut"
        ),
    ],
)
def test_one_misprinted_field_is_matched_and_named(changes: dict, field: str) -> None:
    """A reference that is the record in every field but one: matched (not 'unmatched'),
    and the comparison names that field."""
    ref = _misprinted(**changes)
    decision = choose_candidate(ref, [seed79()])
    assert decision.chosen is not None, decision.reason
    assert [d.field for d in compare_fields(ref, decision.chosen.work)] == [field]


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param(
            {"authors": (Author("Zhang", "Y"), *REF79_RIGHT.authors[1:])}, id="other-name"
        ),
        pytest.param({"year": "2015", "pages": "e327-e328"}, id="two-fields"),
        pytest.param({"title": "Visualization of posttraumatic"}, id="too-short-a-title"),
        pytest.param(
            {"year": "2015", "title": "Visualization of splenosis on CXCR4-targeted PET"},
            id="slip-without-the-same-title",
        ),
    ],
)
def test_more_than_one_slip_or_another_name_stays_unmatched(changes: dict) -> None:
    assert choose_candidate(_misprinted(**changes), [seed79()]).chosen is None


def test_two_records_with_the_same_slip_tie() -> None:
    """Two deposits that fit the misprinted reference equally well: no DOI is asserted."""
    ref = _misprinted(year="2015")
    twin = seed79(DOI="10.5555/x79-twin")
    assert choose_candidate(ref, [seed79(), twin]).chosen is None
