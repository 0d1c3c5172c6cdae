"""The candidate pattern's look-ahead (a scan speed-up) changes no match: it finds exactly
what the bare alternation finds, on any text made of the characters citations are made of."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.citations import candidates

BARE = re.compile(candidates._CANDIDATE.pattern.split("(?:", 1)[1].rsplit(")", 1)[0], re.VERBOSE)
ALPHABET = "[]()^{}<>/sup 0123456789,;–-—ref.see⁰¹²³⁴⁵⁶⁷⁸⁹⁻˒ab"


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def test_the_bare_pattern_is_the_alternation() -> None:
    assert BARE.pattern.lstrip().startswith("(?P<square>")
    assert "(?=" not in BARE.pattern


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_the_lookahead_changes_no_match(text: str) -> None:
    assert _spans(candidates._CANDIDATE, text) == _spans(BARE, text)


def test_on_marker_shapes() -> None:
    text = "a [1,2] b (3–5) c ^{6} d ^7^ e <sup>8</sup> f ¹²⁻¹⁴ g (ref. 9) [see refs 3–5]"
    found = _spans(candidates._CANDIDATE, text)
    assert found == _spans(BARE, text) and len(found) == 8
