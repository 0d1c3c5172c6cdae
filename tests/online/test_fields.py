"""Single-field comparisons that once gave false alarms on real lists: journal abbreviations
against full titles, supplements' numbering, page ranges with letter suffixes, group and
bare-name authors (issue #12)."""

from __future__ import annotations

import pytest

from citecheck.bibliography.parse import parse_reference
from citecheck.registry.normalize import normalize_number, split_pages
from citecheck.verify.fields import containers_agree, volume_and_issue_agree
from citecheck.verify.match import choose_candidate, compare_fields

from .helpers import work


def record(**fields: object):  # type: ignore[no-untyped-def]
    base: dict[str, object] = {"DOI": "10.5555/f1", "title": ["A title"]}
    base.update(fields)
    return work(**base)


@pytest.mark.parametrize(
    ("printed", "full", "agree"),
    [
        ("J. Phys. Chem. B", "The Journal of Physical Chemistry B", True),
        ("Ecotoxicol. Environ. Saf.", "Ecotoxicology and Environmental Safety", True),
        ("Mater. Sci. Eng. C", "Materials Science and Engineering: C", True),
        ("Mater. Today Commun.", "Materials Today Communications", True),
        ("Biochim. Biophys. Acta", "Biochimica et Biophysica Acta (BBA) - Bioenergetics", True),
        ("ACS Appl. Mater. Interfaces", "ACS Applied Materials & Interfaces", True),
        ("Sci. Total Environ.", "Science of The Total Environment", True),
        ("Proc. Natl. Acad. Sci. U.S.A.",
         "Proceedings of the National Academy of Sciences of the United States of America", True),
        ("Am J Phys Anthropol Suppl", "American Journal of Physical Anthropology", True),
        ("Journal of Physical Chemistry B", "J. Phys. Chem. B", True),  # full printed, short held
        ("Phys. Rev. A", "Physical Review A", True),
        ("J Phys Chem A", "The Journal of Physical Chemistry B", False),
        ("Phys. Rev. A", "Physical Review", False),
        ("Phys. Rev. B", "Physical Review Letters", False),
        ("Biochim. Biophys. Acta", "Biochemical and Biophysical Research Communications", False),
        ("Chem. Rev.", "Chemical Research in Toxicology", False),
        ("Nature", "Nature Medicine", False),
    ],
)  # fmt: skip
def test_journal_abbreviation_is_never_a_mismatch(printed: str, full: str, agree: bool) -> None:
    assert containers_agree(printed, record(**{"container-title": [full]})) is agree


def test_supplement_numbers_compare_in_any_spelling() -> None:
    assert normalize_number("Suppl 1") == normalize_number("S1") == normalize_number("suppl. 1")
    assert normalize_number("Supplement") == normalize_number("suppl")
    assert normalize_number("Suppl 1") != normalize_number("Suppl 2")


def test_volume_and_issue_read_together() -> None:
    split_other_way = record(volume="1", issue="50 Suppl")
    assert volume_and_issue_agree("50", "Suppl 1", split_other_way)
    assert not volume_and_issue_agree("51", "Suppl 1", split_other_way)
    assert not volume_and_issue_agree("6", None, record(volume=None, issue="6"))


def test_supplement_volume_gives_no_finding() -> None:
    ref = parse_reference(
        "Miyata T (2008) Development of three-dimensional architecture of the neuroepithelium. "
        "Dev Growth Differ 50 Suppl 1: S105–112."
    )
    held = record(
        title=["Development of three-dimensional architecture of the neuroepithelium"],
        author=[{"family": "Miyata", "given": "T."}],
        **{"container-title": ["Dev Growth Differ"]},
        volume="1",
        issue="50 Suppl",
        page="S105-112",
        issued={"date-parts": [[2008]]},
    )
    assert compare_fields(ref, held) == ()
    other = record(title=[ref.title], volume="51", issue="Suppl 1")
    assert [d.field for d in compare_fields(ref, other)] == ["volume"]


@pytest.mark.parametrize(
    ("pages", "first", "last"),
    [("90S-7S", "90s", "97s"), ("S105-112", "s105", "s112"), ("1425-37", "1425", "1437"),
     ("e1-e9", "e1", "e9")],
)  # fmt: skip
def test_page_ranges_with_letters(pages: str, first: str, last: str) -> None:
    assert split_pages(pages) == (first, last)


def test_abbreviated_last_page_with_suffix_agrees() -> None:
    ref = parse_reference(
        "Slominski A, Paus R. Melanogenesis is coupled to murine anagen. J Invest Dermatol. "
        "1993;101:90S–7S."
    )
    assert [d.field for d in compare_fields(ref, record(title=[ref.title], page="90S-7S"))] == []
    other = record(title=[ref.title], page="90S-8S")
    assert [d.field for d in compare_fields(ref, other)] == ["pages"]


def test_group_author_followed_by_names_counts_every_author() -> None:
    ref = parse_reference(
        "The Cancer Genome Atlas Research Network, Weinstein JN, Collisson EA, Mills GB, "
        "Shaw KR, et al. (2013) The Cancer Genome Atlas Pan-Cancer analysis project. Nat Genet "
        "45: 1113–1120."
    )
    held = record(
        title=[ref.title],
        author=[
            {"name": "The Cancer Genome Atlas Research Network"},
            {"family": "Weinstein", "given": "J. N."},
            {"family": "Collisson", "given": "E. A."},
            {"family": "Mills", "given": "G. B."},
            {"family": "Shaw", "given": "K. R."},
            {"family": "Ellrott", "given": "K."},
        ],
    )
    assert compare_fields(ref, held) == ()


SHORT_TITLE = "Regulation of cryptococcal capsular polysaccharide by iron"


def _short_title_record():  # type: ignore[no-untyped-def]
    return record(
        title=[SHORT_TITLE],
        author=[{"family": "Vartivarian", "given": "S. E."}],
        **{"container-title": ["J Infect Dis"]},
        volume="167",
        page="186-190",
        issued={"date-parts": [[1993]]},
    )


def test_title_cut_to_three_words_is_named_when_everything_else_agrees() -> None:
    ref = parse_reference(
        "Vartivarian SE, et al. Regulation of cryptococcal. J Infect Dis. 1993;167:186-190."
    )
    decision = choose_candidate(ref, [_short_title_record()])
    assert decision.chosen is not None, decision.reason
    assert [d.field for d in compare_fields(ref, decision.chosen.work)] == ["title"]


def test_title_cut_to_three_words_with_another_difference_stays_unmatched() -> None:
    ref = parse_reference(
        "Vartivarian SE, et al. Regulation of cryptococcal. J Infect Dis. 1993;168:186-190."
    )
    assert choose_candidate(ref, [_short_title_record()]).chosen is None


@pytest.mark.parametrize(
    ("raw", "title", "container", "pages"),
    [
        pytest.param(
            "Tovée MJ, Furnham A, Swami V (2007) Healthy body equals beautiful body? Changing "
            "perceptions of health and attractiveness. In Body beautiful: Evolutionary and "
            "socio-cultural perspectives. Swami V, Furnham A, editors. New York: Palgrave. "
            "108–128.",
            "Healthy body equals beautiful body? Changing perceptions of health and "
            "attractiveness",
            "Body beautiful: Evolutionary and socio-cultural perspectives", "108-128",
            id="question-title-then-in",
        ),
        pytest.param(
            "Smith J (2011) Why now? Oxford: Wiley.", "Why now?", None, None, id="question-alone",
        ),
    ],
)  # fmt: skip
def test_chapter_titles_with_a_question(
    raw: str, title: str, container: str | None, pages: str | None
) -> None:
    ref = parse_reference(raw)
    assert (ref.title, ref.container, ref.pages) == (title, container, pages)


def test_hyphenated_lower_case_initials_are_names() -> None:
    ref = parse_reference(
        "Li C-q, Yin J, Zhang Y-j, et al. Comparative study on skin and hair follicles. "
        "Acta Vet Zootech Sin. 2005;36(7):674."
    )
    assert [str(a) for a in ref.authors] == ["Li Cq", "Yin J", "Zhang Yj"]
    assert ref.title == "Comparative study on skin and hair follicles"
