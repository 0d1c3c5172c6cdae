"""Quantities: what is read from text, and when two of them agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citecheck.claims.quantities import (
    compare_quantities,
    format_quantity,
    is_measure,
    may_hold_quantity,
    parse_quantities,
)
from citecheck.model import Span


def read(text: str) -> list[tuple[str, str]]:
    """(written text, normalised form) of every quantity found."""
    return [(q.text, format_quantity(q)) for q in parse_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("OS was 223 d", [("223 d", "223 d")], id="number-space-unit"),
        pytest.param("OS was 223d", [("223d", "223 d")], id="unit-glued"),
        pytest.param(
            "for 3 days and 2 months", [("3 days", "3 d"), ("2 months", "2 mo")], id="unit-synonyms"
        ),
        pytest.param("a 5-y survival", [("5-y", "5 y")], id="unit-hyphenated"),
        pytest.param("223 d^{88}", [("223 d", "223 d")], id="superscript-citation-after-unit"),
        pytest.param(
            "in 223^{88} patients", [("223", "223")], id="superscript-citation-after-number"
        ),
        pytest.param("223 d<sup>88</sup>", [("223 d", "223 d")], id="html-superscript"),
        pytest.param("a <!-- claim: 54 d --> b", [], id="html-comment-ignored"),
        pytest.param("54 and 223 d", [("54", "54 d"), ("223 d", "223 d")], id="list-shares-unit"),
        pytest.param("70% and 50% fewer", [("70%", "70%"), ("50%", "50%")], id="percent-glued"),
        pytest.param("60 % of them", [("60 %", "60%")], id="percent-spaced"),
        pytest.param("12 percent", [("12 percent", "12%")], id="percent-word"),
        pytest.param("10–20 mg/kg", [("10–20 mg/kg", "10–20 mg/kg")], id="range-en-dash"),
        pytest.param("10-20 mg", [("10-20 mg", "10–20 mg")], id="range-hyphen"),
        pytest.param("2 to 3 wk", [("2 to 3 wk", "2–3 wk")], id="range-to"),
        pytest.param(
            "between 10 and 20 mg", [("between 10 and 20 mg", "10–20 mg")], id="range-between"
        ),
        pytest.param("12 ± 3.5 mo", [("12 ± 3.5 mo", "12 ± 3.5 mo")], id="plus-minus"),
        pytest.param("12 +/- 3 d", [("12 +/- 3 d", "12 ± 3 d")], id="plus-minus-ascii"),
        pytest.param("more than 30 therapies", [("more than 30", "> 30")], id="more-than"),
        pytest.param("at least 3 h", [("at least 3 h", "≥ 3 h")], id="at-least"),
        pytest.param("More than 30 sites", [("More than 30", "> 30")], id="comparator-any-case"),
        pytest.param("≥ 50% of cells", [("≥ 50%", "≥ 50%")], id="symbol-geq"),
        pytest.param("P < .001", [("< .001", "< 0.001")], id="leading-dot-decimal"),
        pytest.param("p<0.05", [("<0.05", "< 0.05")], id="comparator-glued"),
        pytest.param(
            "about two thirds of patients",
            [("about two thirds", "about two thirds")],
            id="words-two-thirds",
        ),
        pytest.param("one-third of them", [("one-third", "one-third")], id="words-hyphen"),
        pytest.param("a quarter responded", [("a quarter", "a quarter")], id="words-a-quarter"),
        pytest.param("half of the half-life", [("half", "half")], id="half-not-half-life"),
        pytest.param("on behalf of", [], id="behalf-is-not-half"),
        pytest.param("1,589 patients", [("1,589", "1589")], id="thousands-separator"),
        pytest.param("0.65", [("0.65", "0.65")], id="decimal"),
        pytest.param("−0.5 units", [("−0.5", "-0.5")], id="unicode-minus"),
        pytest.param("a 2.5-fold rise", [("2.5-fold", "2.5 fold")], id="fold"),
        pytest.param("120 mm Hg", [("120 mm Hg", "120 mmHg")], id="unit-with-space"),
        pytest.param("CXCR4 IgG4 AMD3100 T140 CD34⁺", [], id="digits-in-names"),
        pytest.param("NCT01339039", [], id="trial-identifier"),
        pytest.param("the late 1990s and 12G5", [], id="glued-letters-not-a-unit"),
        pytest.param("a phase 1/2 study", [], id="slash-ratio"),
        pytest.param("^{68}Ga-pentixafor", [], id="superscript-isotope"),
        pytest.param("4 major classes", [("4", "4")], id="bare-count"),
        pytest.param("30 s later", [("30 s", "30 s")], id="seconds-spaced"),
    ],
)
def test_parse_quantities(text: str, expected: list[tuple[str, str]]) -> None:
    assert read(text) == expected


def test_mask_removes_a_citation_from_the_text() -> None:
    text = "survival of 223 d (88)."
    masked = parse_quantities(text, mask=[Span(18, 22)])
    assert [q.text for q in masked] == ["223 d"]
    assert [q.text for q in parse_quantities(text)] == ["223 d", "88"]


def test_spans_are_offsets_into_the_whole_text() -> None:
    text = "xx. OS was 223 d. yy"
    (q,) = parse_quantities(text, 4, 17)
    assert text[q.span.start : q.span.end] == "223 d" and q.span == Span(11, 16)


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        pytest.param("54 d", True, id="unit"),
        pytest.param("70%", True, id="percent"),
        pytest.param("two thirds", True, id="words"),
        pytest.param("more than 30", True, id="comparator"),
        pytest.param("4", False, id="bare"),
    ],
)
def test_is_measure(text: str, measure: bool) -> None:
    (q,) = parse_quantities(text)
    assert is_measure(q) is measure


def one(text: str):
    (q,) = parse_quantities(text)
    return q


@pytest.mark.parametrize(
    ("claimed", "stated", "difference"),
    [
        pytest.param("223 d", "223 d", None, id="same"),
        pytest.param("223 days", "223 d", None, id="synonym"),
        pytest.param("232 d", "223 d", "value", id="other-value"),
        pytest.param("223 mo", "223 d", "unit", id="other-unit"),
        pytest.param("223 mg", "223 d", "unit", id="other-dimension"),
        pytest.param("7.5 mo", "228 d", None, id="converted-within-rounding"),
        pytest.param("67%", "two thirds", None, id="percent-vs-words"),
        pytest.param("60%", "two thirds", "value", id="percent-vs-words-differs"),
        pytest.param("about two thirds", "two thirds", None, id="about-matches-plain"),
        pytest.param("54", "54 d", None, id="bare-claim-matches-any-unit"),
        pytest.param("54 d", "54", "unit", id="bare-statement-does-not-stand-for-a-unit"),
        pytest.param("0.65", "0.650", None, id="precision"),
        pytest.param("0.65", "0.66", "value", id="last-digit"),
        pytest.param("0.7", "0.65", None, id="claim-rounds-the-statement"),
        pytest.param("0.65", "1", "value", id="statement-less-precise-than-claim"),
        pytest.param("10–20 mg", "10–20 mg", None, id="range"),
        pytest.param("10–25 mg", "10–20 mg", "value", id="range-high-differs"),
        pytest.param("10 mg", "10–20 mg", "value", id="value-vs-range"),
        pytest.param("more than 30", "more than 30", None, id="comparator-same"),
        pytest.param("30", "more than 30", "comparator", id="comparator-missing"),
        pytest.param("< 30", "> 30", "comparator", id="comparator-other"),
    ],
)
def test_compare_quantities(claimed: str, stated: str, difference: str | None) -> None:
    assert compare_quantities(one(claimed), one(stated)) == difference


@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 .,-–±%dmoykg/^{}<>≥~aboutwhfrsn")), max_size=60
    )
)
def test_parse_never_raises_and_spans_stay_inside(text: str) -> None:
    for q in parse_quantities(text):
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert text[q.span.start : q.span.end] == q.text


@given(st.text(max_size=200), st.integers(-5, 250), st.integers(-5, 250))
def test_parse_any_text_and_window(text: str, start: int, end: int) -> None:
    for q in parse_quantities(text, start, end):
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert text[q.span.start : q.span.end] == q.text


_COMPARATOR_PHRASES = {
    "≤": ["no more than", "At most", "up to", "≤", "<=", "=<"],
    "≥": ["at least", "No less than", "≥", ">=", "=>"],
    ">": ["more than", "Greater than", "higher than", "larger than", "over", "above"],
    ">!": ["exceeding", ">"],
    "<": ["less than", "fewer than", "Lower than", "smaller than", "under", "below", "<"],
    "~": ["approximately", "approx.", "About", "around", "nearly", "almost", "roughly"],
    "~!": ["circa", "ca.", "some", "~", "≈", "∼"],
}


@pytest.mark.parametrize(
    ("phrase", "symbol"),
    [(w, key.rstrip("!")) for key, words in _COMPARATOR_PHRASES.items() for w in words],
)
def test_every_comparator_is_read(phrase: str, symbol: str) -> None:
    """Each comparator of quantities._COMPARATORS, whatever its first character (the number
    pattern tries comparators only where one can start)."""
    (found,) = parse_quantities(f"in {phrase} 30 patients")
    assert (found.text, found.comparator) == (f"{phrase} 30", symbol)


_FRACTIONS = {
    "half": 0.5,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "a quarter": 0.25,
    "three quarters": 0.75,
    "one fourth": 0.25,
    "three fourths": 0.75,
    "one fifth": 0.2,
    "two fifths": 0.4,
    "one sixth": 1 / 6,
    "five sixths": 5 / 6,
    "one seventh": 1 / 7,
    "two sevenths": 2 / 7,
    "an eighth": 0.125,
    "three eighths": 0.375,
    "one ninth": 1 / 9,
    "two ninths": 2 / 9,
    "one tenth": 0.1,
    "three tenths": 0.3,
}


@pytest.mark.parametrize(
    "written",
    [
        spelling
        for phrase in _FRACTIONS
        for spelling in (phrase, phrase.title(), phrase.upper(), phrase.title().swapcase())
    ],
)
def test_every_fraction_word_is_read(written: str) -> None:
    """Each denominator of quantities._WORD_DENOMINATORS, in any case (the fraction pattern
    is tried only where one of their first letters starts a word)."""
    (found,) = parse_quantities(f"in {written} of patients")
    assert found.text == written
    assert found.value == pytest.approx(_FRACTIONS[written.lower()])


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("PFS was 54 d", True),
        ("in two thirds of patients", True),
        ("in HALF of them", True),
        ("no number here at all", False),
        ("a thirdly unrelated word", True),  # only a cheap test: parsing finds nothing
        ("halves of the HALVES", True),
        ("İn one Tenth of them", True),  # not ASCII: the case-blind pattern
        ("İn one tent of them", False),
    ],
)
def test_may_hold_quantity(text: str, holds: bool) -> None:
    assert may_hold_quantity(text) is holds


@given(st.text(alphabet=st.sampled_from(list("0123 halfvestirdquaHTQİ.x-")), max_size=40))
def test_may_hold_quantity_never_misses_one(text: str) -> None:
    assert may_hold_quantity(text) or not parse_quantities(text)


def test_fraction_words_with_letters_that_fold_only_case_blind() -> None:
    """The case-blind pattern matches the long s and the dotted capital I; the value is read
    (once a KeyError: a traceback on odd input)."""
    from citecheck.claims.quantities import parse_quantities

    assert [q.value for q in parse_quantities("two thirdſ of patients")] == [2 / 3]
    assert [q.value for q in parse_quantities("TWO THİRDS of them")] == [2 / 3]
