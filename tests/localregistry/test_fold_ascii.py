"""registry.normalize.fold's ASCII shortcut (taken for the local registry's match speed) gives
what the general path gives, for every ASCII text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from citecheck.registry.normalize import FOLD, GREEK, fold


def general_fold(text: str) -> str:
    text = "".join(GREEK.get(ch, ch) for ch in text.casefold()).translate(FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_folds_as_the_general_path_folds_it(text: str) -> None:
    assert fold(text) == general_fold(text)


def test_other_text_still_takes_the_general_path() -> None:
    assert fold("Müller SDF-1α Łódź") == "muller sdf-1alpha lodz"
