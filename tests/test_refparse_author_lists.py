"""Author lists read to their end (requests of the author-date engineer in the parse notes,
and the second real-world sweep): hyphenated families with particles, all-capitals families,
stray full stops after initials, "Jnr", mixed-case initials, initials before the family,
group authors inside a list and as the only author, non-ASCII initials. The strings are
written for these tests in the shape of the real entries (eLife, Plant Cell & Environment,
PLOS)."""

from __future__ import annotations

import pytest

from citecheck.bibliography.parse import parse_reference

_TAIL = " 2002. A title of the work. Cell 12: 1–9."


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param("Krawczyk C, Oliveira-dos-Santos A, Sasaki T.",
                     ["Krawczyk C", "Oliveira-dos-Santos A", "Sasaki T"], id="hyphen-particle"),
        pytest.param("Stumpo DJ, BOCK CB, Tuttle JS.",
                     ["Stumpo DJ", "BOCK CB", "Tuttle JS"], id="all-capitals"),
        pytest.param("Travella S, Klimm TE., Keller B.",
                     ["Travella S", "Klimm TE", "Keller B"], id="stray-full-stop"),
        pytest.param("Wolfenden R, Lewis CA Jnr, Yuan Y.",
                     ["Wolfenden R", "Lewis CA", "Yuan Y"], id="jnr"),
        pytest.param("Meraner P, Kim Js, Dombkowski D.",
                     ["Meraner P", "Kim JS", "Dombkowski D"], id="mixed-case-initials"),
        pytest.param("Martinez F, Elena SF, J-A Daròs.",
                     ["Martinez F", "Elena SF", "Daròs JA"], id="initials-before"),
        pytest.param("Larman TC, Cancer Genome Atlas Research Network, Protopopov A.",
                     ["Larman TC", "Cancer Genome Atlas Research Network", "Protopopov A"],
                     id="group-inside"),
        pytest.param("Poelchau MFT, The O. fasciatus curation community, Richards S.",
                     ["Poelchau MFT", "The O. fasciatus curation community", "Richards S"],
                     id="group-with-the"),
        pytest.param("Yates LR, Breast Cancer Initiative, ICGC PedBrain, Zucman-Rossi J.",
                     ["Yates LR", "Breast Cancer Initiative", "ICGC PedBrain", "Zucman-Rossi J"],
                     id="groups-in-a-row"),
        pytest.param("Mury FB, Vionette-do-Amaral R, Meyer zu Heringdorf D, de las Heras J.",
                     ["Mury FB", "Vionette-do-Amaral R", "Meyer zu Heringdorf D",
                      "de las Heras J"], id="particles-do-zu-de-las"),
        pytest.param("Wilson RJ, FlyBase Consortium.", ["Wilson RJ", "FlyBase Consortium"],
                     id="group-last"),
        pytest.param("Veer L, van 't Veer L, Zhang J.",
                     ["Veer L", "van 't Veer L", "Zhang J"], id="particle-t"),
    ],
)  # fmt: skip
def test_every_name_before_the_year_is_an_author(names: str, expected: list[str]) -> None:
    r = parse_reference(names + _TAIL)
    assert [str(a) for a in r.authors] == expected
    assert (r.year, r.title, r.container) == ("2002", "A title of the work", "Cell")


def test_a_long_list_is_read_whole() -> None:
    names = ", ".join(f"Name{chr(97 + i % 26)}{chr(97 + i // 26)} A" for i in range(74))
    r = parse_reference(names + "." + _TAIL)
    assert len(r.authors) == 74


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Niinemets Ü (2007) Photosynthesis and resource distribution. Tree Physiol 27: 1–10.",
         ["Niinemets Ü"]),
        ("Niinemets Ü, Valladares F (2004) Photosynthetic acclimation. Plant Biol 6: 254–268.",
         ["Niinemets Ü", "Valladares F"]),
    ],
)  # fmt: skip
def test_a_non_ascii_initial(raw: str, expected: list[str]) -> None:
    assert [str(a) for a in parse_reference(raw).authors] == expected


@pytest.mark.parametrize(
    "raw",
    [
        "R Development Core Team R (2011) R: A language and environment for statistical "
        "computing. R Foundation for Statistical Computing, Vienna, Austria.",
        "R Development Core Team (2011) R: A language and environment for statistical "
        "computing. R Foundation for Statistical Computing, Vienna, Austria.",
        "R Development Core Team. 2011. R: A language and environment for statistical "
        "computing. Vienna, Austria: R Foundation for Statistical Computing.",
    ],
)
def test_a_team_is_a_group_author(raw: str) -> None:
    r = parse_reference(raw)
    assert [(a.family, a.is_group) for a in r.authors] == [("R Development Core Team", True)]
    assert (r.year, r.title) == ("2011", "R: A language and environment for statistical computing")


@pytest.mark.parametrize(
    "raw",
    [
        "Hao Wu, Chao Gu, Yuhao Cheng, and Xiaolong Hu, Vortex-crossing timing jitter, "
        "Conference on Lasers and Electro-Optics, San Jose, 2017.",
        "Lumb, D. H., Simulations and mitigation of pile-up in XMM CCD instruments, "
        "Experimental Astronomy 10, 439–456 (2000).",
    ],
)
def test_given_names_and_titles_are_no_authors_in_a_family_first_list(raw: str) -> None:
    families = [a.family for a in parse_reference(raw).authors]
    assert "Hao" not in families and not any(" " in f for f in families)
