"""Title, name and number normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citecheck.registry.normalize import (
    family_keys,
    normalize_doi,
    normalize_title,
    split_pages,
    year_of,
)


@pytest.mark.parametrize(
    ("printed", "registry"),
    [
        pytest.param(
            "[^{99m}Tc]O₂-AMD3100 as a SPECT tracer",
            "[<sup>99m</sup>Tc]O<sub>2</sub>-AMD3100 as a SPECT Tracer",
            id="caret-vs-html",
        ),
        pytest.param(
            "PET of CXCR4 expression by a ⁶⁸Ga-labeled agent",
            "PET of CXCR4 Expression by a <jats:sup>68</jats:sup>Ga-Labeled Agent",
            id="unicode-sup-vs-jats",
        ),
        pytest.param("CXCL12 (SDF1alpha)-CXCR4", "CXCL12 (SDF1α)-CXCR4", id="greek"),
        pytest.param("Effects of *in vivo* dosing", "Effects of <i>in vivo</i> dosing", id="md"),
        pytest.param("Tumour &amp; stroma", "Tumour & stroma", id="html-entity"),
        pytest.param("A phase I trial [abstract]", "A phase I trial", id="nlm-tag"),
        pytest.param("A ﬁrst look", "A first look", id="ligature"),
        pytest.param("RETRACTED: A study", "A study", id="retracted-prefix"),
    ],
)
def test_titles_normalise_alike(printed: str, registry: str) -> None:
    assert normalize_title(printed) == normalize_title(registry)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param("Müller", "Muller", True, id="diacritic"),
        pytest.param("Mueller", "Müller", True, id="german-transliteration"),
        pytest.param("van Dijk", "Dijk", True, id="particle"),
        pytest.param("O'Day", "ODay", True, id="apostrophe"),
        pytest.param("Gemgross", "Gerngross", False, id="rn-m-ligature-slip"),
        pytest.param("Luckerath", "Lückerath", True, id="umlaut"),
    ],
)
def test_family_names(a: str, b: str, same: bool) -> None:
    assert bool(family_keys(a) & family_keys(b)) is same


def test_pages_and_numbers() -> None:
    assert split_pages("1425–37") == ("1425", "1437")
    assert split_pages("e317–e318") == ("e317", "e318")
    assert split_pages(None) == (None, None)
    assert year_of("2016a") == 2016 and year_of("n.d.") is None
    assert normalize_doi("https://doi.org/10.1000/ABC.") == "10.1000/abc"
    assert normalize_doi("doi: 10.1000/x") == "10.1000/x"


@given(st.text())
def test_normalize_title_never_raises_and_is_ascii_words(text: str) -> None:
    out = normalize_title(text)
    assert out == out.strip() and "  " not in out
    assert all(ch.isascii() for ch in out)
