"""citecheck.delimited finds what a lazy ``opener.*?closer`` pattern finds, in one pass."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.claims.quantities import blank_markup
from citecheck.delimited import closed_regions
from citecheck.inputs.markdown import masked_regions
from citecheck.model import Span

_COMMENT = re.compile("<!--")
_COMMENT_RX = re.compile(r"<!--.*?-->", re.DOTALL)
_PIECES = st.sampled_from(["<!--", "-->", "<!-->", "-", "<", "!", ">", "x", " ", "\n", "1"])
_MARKUP = st.sampled_from(
    ["<sup>", "</sup>", "<SUP>", "<!--", "-->", "^{", "}", "^", "1", "2", " ", "x", "\n"]
)


def _comment_end(m: re.Match[str]) -> re.Pattern[str]:
    return re.compile("-->")


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_comments_are_the_regions_a_lazy_pattern_finds(text: str) -> None:
    want = [m.span() for m in _COMMENT_RX.finditer(text)]
    assert list(closed_regions(text, _COMMENT, _comment_end)) == want


_OLD_BLANK = re.compile(
    r"\^\{[^{}\n]*\}|\^[^\s^]{1,20}\^|<sup>.*?</sup>|<!--.*?-->", re.DOTALL | re.IGNORECASE
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKUP, max_size=40).map("".join))
def test_quantities_blank_the_markup_the_old_pattern_blanked(text: str) -> None:
    want = _OLD_BLANK.sub(lambda m: " " * len(m.group()), text)
    assert blank_markup(text, 0, len(text)) == want


def test_unclosed_openers_open_nothing() -> None:
    text = "<!-- a --> " + "<!-- " * 20_000
    assert list(closed_regions(text, _COMMENT, _comment_end)) == [(0, 10)]
    element = "<code>" * 1_000 + "x</CODE >"
    assert masked_regions(element) == (Span(0, len(element)),)
