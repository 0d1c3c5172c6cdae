"""Period-abbreviated journal styles (Springer/Nature family, ACS, RSC, AIP/APS, Elsevier
numbered): where the title ends when the journal has periods inside, and authors counted
right in given-first and family-first lists alike. The strings are written for these tests
in the shapes those publishers print."""

from __future__ import annotations

import pytest

from citecheck.bibliography.journals import (
    ends_with_abbreviation,
    is_abbreviated_journal,
    is_abbreviated_word,
)
from citecheck.bibliography.parse import parse_reference


@pytest.mark.parametrize(
    ("raw", "authors", "title", "container", "year", "volume", "pages"),
    [
        pytest.param(
            "Y. Zhang, L. Wang, H. Chen, Toxicity of silver nanoparticles to zebrafish embryos. "
            "Ecotoxicol. Environ. Saf. 190, 110123 (2020).",
            ["Zhang Y", "Wang L", "Chen H"],
            "Toxicity of silver nanoparticles to zebrafish embryos",
            "Ecotoxicol. Environ. Saf", "2020", "190", "110123", id="springer-long-abbreviations",
        ),
        pytest.param(
            "K. Li, M. Zhou, Porous scaffolds for bone repair. Mater. Sci. Eng. C 98, 1084-1092 "
            "(2019).",
            ["Li K", "Zhou M"], "Porous scaffolds for bone repair", "Mater. Sci. Eng. C", "2019",
            "98", "1084-1092", id="springer-section-letter",
        ),
        pytest.param(
            "R. Gupta, S. Das, A. Roy, Graphene composites for supercapacitors. Mater. Today "
            "Commun. 25, 101543 (2020).",
            ["Gupta R", "Das S", "Roy A"], "Graphene composites for supercapacitors",
            "Mater. Today Commun", "2020", "25", "101543", id="springer-full-word-inside",
        ),
        pytest.param(
            "A. B. Smith, C. D. Lee, Molecular dynamics of water at interfaces. J. Phys. Chem. B "
            "112, 123-130 (2008).",
            ["Smith AB", "Lee CD"], "Molecular dynamics of water at interfaces",
            "J. Phys. Chem. B", "2008", "112", "123-130", id="springer-jpcb",
        ),
        pytest.param(
            "T. Nguyen, Q. Tran, Heavy metal accumulation in rice. Sci. Total Environ. 650, "
            "2120–2128 (2019).",
            ["Nguyen T", "Tran Q"], "Heavy metal accumulation in rice", "Sci. Total Environ",
            "2019", "650", "2120-2128", id="springer-stoten",
        ),
        pytest.param(
            "D. J. Smith, The R. A. Fisher lecture. Proc. Natl. Acad. Sci. U.S.A. 105, 1-6 (2008).",
            ["Smith DJ"], "The R. A. Fisher lecture", "Proc. Natl. Acad. Sci. U.S.A", "2008",
            "105", "1-6", id="pnas-initials-in-title",
        ),
        pytest.param(
            "P. Ortiz, J. Ruiz, Of mice and Men. J. Exp. Med. 201, 11–19 (2005).",
            ["Ortiz P", "Ruiz J"], "Of mice and Men", "J. Exp. Med", "2005", "201", "11-19",
            id="title-ending-in-a-short-capitalised-word",
        ),
        pytest.param(
            "Li, X.; Wang, Y.; Zhang, Z. Enhanced Photocatalytic Activity of TiO2 Nanotubes. ACS "
            "Appl. Mater. Interfaces 2015, 7, 1234–1241.",
            ["Li X", "Wang Y", "Zhang Z"], "Enhanced Photocatalytic Activity of TiO2 Nanotubes",
            "ACS Appl. Mater. Interfaces", "2015", "7", "1234-1241", id="acs",
        ),
        pytest.param(
            "A. Kumar, B. Singh, Removal of arsenic from water. J. Hazard. Mater. 2019, 365, "
            "10–20.",
            ["Kumar A", "Singh B"], "Removal of arsenic from water", "J. Hazard. Mater", "2019",
            "365", "10-20", id="rsc-year-first",
        ),
        pytest.param(
            "A. B. Smith and C. D. Lee, Phys. Rev. Lett. 101, 045501 (2008).",
            ["Smith AB", "Lee CD"], None, "Phys. Rev. Lett", "2008", "101", "045501",
            id="aps-no-title",
        ),
        pytest.param(
            "A. B. Smith, C. D. Lee and E. F. Wong, J. Chem. Phys. 128, 044510 (2008).",
            ["Smith AB", "Lee CD", "Wong EF"], None, "J. Chem. Phys", "2008", "128", "044510",
            id="aip-journal-starts-like-a-name",
        ),
        pytest.param(
            "E. Lee, J. Park, Electrodeposited catalysts, Electrochim. Acta 56 (2011) 1000–1005.",
            ["Lee E", "Park J"], "Electrodeposited catalysts", "Electrochim. Acta", "2011", "56",
            "1000-1005", id="elsevier-short-title",
        ),
        pytest.param(
            "[12] A.B. Smith, C.D. Lee, Molecular dynamics of water at interfaces, J. Phys. "
            "Chem. B 112 (2008) 123-130.",
            ["Smith AB", "Lee CD"], "Molecular dynamics of water at interfaces",
            "J. Phys. Chem. B", "2008", "112", "123-130", id="elsevier-numbered",
        ),
        pytest.param(
            "Smith AB, Lee CD. Molecular dynamics of water at interfaces. J Phys Chem B. "
            "2008;112:123-130.",
            ["Smith AB", "Lee CD"], "Molecular dynamics of water at interfaces", "J Phys Chem B",
            "2008", "112", "123-130", id="vancouver-same-work",
        ),
    ],
)  # fmt: skip
def test_period_abbreviated_styles(raw, authors, title, container, year, volume, pages) -> None:  # type: ignore[no-untyped-def]
    r = parse_reference(raw)
    got = ([str(a) for a in r.authors], r.title, r.container, r.year, r.volume, r.pages)
    assert got == (authors, title, container, year, volume, pages)


@pytest.mark.parametrize(
    ("raw", "authors", "et_al"),
    [
        pytest.param(
            "The Cancer Genome Atlas Research Network, Weinstein JN, Collisson EA, Mills GB, "
            "Shaw KR, et al. (2013) The Cancer Genome Atlas Pan-Cancer analysis project. "
            "Nat Genet 45: 1113–1120.",
            ["The Cancer Genome Atlas Research Network", "Weinstein JN", "Collisson EA",
             "Mills GB", "Shaw KR"], True, id="group-then-names",
        ),
        pytest.param(
            "Broad Institute TCGA Genome Data Analysis Center (2013) Mutation Analysis. "
            "Cambridge (Massachusetts): Broad Institute.",
            ["Broad Institute TCGA Genome Data Analysis Center"], False,
            id="group-with-capitals-inside",
        ),
        pytest.param(
            "Pettijohn TF II, Tesser (2003) History and facial features. North Am J Psychol 5: "
            "335–345.",
            ["Pettijohn TF", "Tesser"], False, id="last-name-without-initials",
        ),
        pytest.param(
            "H. Kim et al., Ultrafast dynamics in perovskites. Nat. Commun. 9, 2345 (2018).",
            ["Kim H"], True, id="given-first-et-al",
        ),
    ],
)  # fmt: skip
def test_author_lists(raw: str, authors: list[str], et_al: bool) -> None:
    r = parse_reference(raw)
    assert [str(a) for a in r.authors] == authors
    assert r.et_al is et_al
    assert r.authors[0].is_group is (" " in authors[0] and not authors[0].split()[-1].isupper())


def test_supplement_before_the_number_is_not_part_of_the_journal() -> None:
    raw = (
        "Holt BM, Formicola V (2008) Hunters of the Ice Age: The biology of Upper Paleolithic "
        "people. *Am J Phys Anthropol Suppl* 47 70–99."
    )
    r = parse_reference(raw)
    assert (r.container, r.volume, r.issue, r.pages) == (
        "Am J Phys Anthropol",
        None,
        "Suppl 47",
        "70-99",
    )
    span = r.spans["issue"]
    assert raw[span.start : span.end].replace("*", "") == "Suppl 47"


@pytest.mark.parametrize(
    ("word", "abbreviated"),
    [("Environ", True), ("Ecotoxicol", True), ("Phys", True), ("B", True), ("Cells", False),
     ("embryos", False), ("Nanoparticles", False), ("environ", False)],
)  # fmt: skip
def test_abbreviated_words(word: str, abbreviated: bool) -> None:
    assert is_abbreviated_word(word) is abbreviated


def test_abbreviated_journal_and_ending() -> None:
    assert is_abbreviated_journal("Phys. Rev. Lett")
    assert is_abbreviated_journal("J. Hazard. Mater")
    assert not is_abbreviated_journal("Toxicity of silver. Ecotoxicol. Environ")
    assert not is_abbreviated_journal("Nature")
    assert ends_with_abbreviation("zebrafish embryos. Ecotoxicol.")
    assert not ends_with_abbreviation("zebrafish embryos.")


@pytest.mark.parametrize(
    ("raw", "authors", "title", "container"),
    [
        pytest.param(
            "L. Rajendran and K. Simons, J. Cell Sci. 118, 1099 (2005).",
            ["Rajendran L", "Simons K"], None, "J. Cell Sci", id="aps-journal-of-two-words",
        ),
        pytest.param(
            "A. Clow, J. Holistic Healthcare 1, 10 (2004).",
            ["Clow A"], None, "J. Holistic Healthcare", id="aps-journal-with-whole-words",
        ),
        pytest.param(
            "A. Boulle, G. Van Cutsem, Seven year experience of a treatment programme in "
            "Khayelitsha, South Africa. AIDS 24, 563-572 (2010).",
            ["Boulle A", "Van Cutsem G"],
            "Seven year experience of a treatment programme in Khayelitsha, South Africa",
            "AIDS", id="title-with-a-comma-before-a-place",
        ),
        pytest.param(
            "K. Doxzen, N. S. Gov, Integr. Biol. (Camb) 5, 1026 (2013).",
            ["Doxzen K", "Gov NS"], None, "Integr. Biol. (Camb)", id="journal-with-place",
        ),
        pytest.param(
            "L. Chang, Y. Jun, Acta Veterinaria et Zootechnica Sinica 36, 674 (2005).",
            ["Chang L", "Jun Y"], None, "Acta Veterinaria et Zootechnica Sinica",
            id="journal-with-et",
        ),
    ],
)  # fmt: skip
def test_journal_after_given_first_names(
    raw: str, authors: list[str], title: str | None, container: str
) -> None:
    r = parse_reference(raw)
    assert ([str(a) for a in r.authors], r.title, r.container) == (authors, title, container)


@pytest.mark.parametrize(
    ("raw", "title", "container", "year"),
    [
        pytest.param(
            "Takahashi K, Tanabe K (2007) Induction of Pluripotent Stem Cells from Adult Human "
            "Fibroblasts by Defined Factors. Cell.",
            "Induction of Pluripotent Stem Cells from Adult Human Fibroblasts by Defined Factors",
            "Cell", "2007", id="ahead-of-print",
        ),
        pytest.param(
            "The Cancer Genome Atlas Research Network (2015) Comprehensive genomic "
            "characterization. Nature. In press. doi: 10.1038/nature14114",
            "Comprehensive genomic characterization", "Nature", "2015", id="in-press-after",
        ),
        pytest.param(
            "Swami V, Stieger S (in press) Further investigation of the Photographic Figure "
            "Rating Scale. J Pers Assess",
            "Further investigation of the Photographic Figure Rating Scale", "J Pers Assess",
            None, id="in-press-for-the-year",
        ),
        pytest.param(
            "R Development Core Team (2011) R: A language and environment for statistical "
            "computing. R Foundation for Statistical Computing.",
            "R: A language and environment for statistical computing", None, "2011",
            id="publisher-is-no-journal",
        ),
        pytest.param(
            "Smith J (2011) A study of things. Springer.", "A study of things", None, "2011",
            id="publisher-name-alone",
        ),
        pytest.param(
            "Swami V, Salem N (2008) Initial examination of the scale. Pers Ind Diff 44: "
            "1752–1761, Personality and Individual Differences, 44, 1752–1761.",
            "Initial examination of the scale", "Pers Ind Diff", "2008",
            id="source-printed-twice",
        ),
    ],
)  # fmt: skip
def test_plos_entries_without_a_full_tail(
    raw: str, title: str, container: str | None, year: str | None
) -> None:
    r = parse_reference(raw)
    assert (r.title, r.container, r.year) == (title, container, year)


@pytest.mark.parametrize(
    ("raw", "authors"),
    [
        pytest.param(
            "T. F. Pettijohn II, D. F. Sacco Jr, M. J. Yerkes, Hungry people prefer more mature "
            "mates. J. Soc. Evol. Cult. Psychol. 3, 216-232 (2009).",
            ["Pettijohn TF", "Sacco DF", "Yerkes MJ"], id="suffixes",
        ),
        pytest.param(
            "J. E. Ferrell Jr., T. Tsai, Q. Yang, Modeling the cell cycle: why do certain "
            "circuits oscillate? Cell 144, 874–885 (2011).",
            ["Ferrell JE", "Tsai T", "Yang Q"], id="jr-with-period",
        ),
        pytest.param(
            "C.-q. Li, J. Yin, Y.-j. Zhang, Comparative study on skin. Acta Vet. Zootech. Sin. "
            "36, 674 (2005).",
            ["Li Cq", "Yin J", "Zhang Yj"], id="hyphenated-lower-case-initials",
        ),
    ],
)  # fmt: skip
def test_given_first_names_with_suffixes_and_hyphens(raw: str, authors: list[str]) -> None:
    assert [str(a) for a in parse_reference(raw).authors] == authors


@pytest.mark.parametrize(
    ("raw", "container", "year", "volume", "issue", "pages"),
    [
        pytest.param(
            "J. Brundan and A. Kleshchev, Shifted Yangians and finite W-algebras, Adv. Math. 200 "
            "(2006), no. 1, 136-195.",
            "Adv. Math", "2006", "200", "1", "136-195", id="ams",
        ),
        pytest.param(
            "Kidney International, Vol. 64 (2003), pp. 887–896",
            "Kidney International", "2003", "64", None, "887-896", id="vol-and-pp",
        ),
        pytest.param(
            "C. Gattringer, T. Kloiber, V. Sazonov, Nucl. Phys. B 897 (2015) 732 "
            "[arXiv:1502.05479].",
            "Nucl. Phys. B", "2015", "897", None, "732", id="arxiv-id-is-no-year",
        ),
    ],
)  # fmt: skip
def test_volume_year_styles(
    raw: str, container: str, year: str, volume: str, issue: str | None, pages: str
) -> None:
    r = parse_reference(raw)
    assert (r.container, r.year, r.volume, r.issue, r.pages) == (
        container,
        year,
        volume,
        issue,
        pages,
    )


def test_publisher_and_place_after_a_colon_are_not_the_title() -> None:
    r = parse_reference(
        "Raffel M, Willert CE, Kompenhans J (1998) Particle Image Velocimetry, A Practical "
        "Guide: Springer, Berlin."
    )
    assert (r.title, r.publisher, r.year) == (
        "Particle Image Velocimetry, A Practical Guide",
        "Springer",
        "1998",
    )
    kept = parse_reference("Smith J (2001) Cancer: Genes, Cells")
    assert (kept.title, kept.publisher) == ("Cancer: Genes, Cells", None)


def test_acs_names_with_suffixes_before_the_comma() -> None:
    r = parse_reference(
        "Pettijohn II, T. F.; Sacco Jr, D. F.; Yerkes, M. J. Hungry people prefer more mature "
        "mates. J. Soc. Psychol. 2009, 3, 216-232."
    )
    assert [str(a) for a in r.authors] == ["Pettijohn TF", "Sacco DF", "Yerkes MJ"]
    assert (r.title, r.container) == ("Hungry people prefer more mature mates", "J. Soc. Psychol")
