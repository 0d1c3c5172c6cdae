"""Sentence splitting that keeps offsets."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from citecheck.claims.link import read_sentences
from citecheck.claims.sentences import sentence_between, sentence_bounds, split_sentences
from citecheck.model import Span


def split(text: str, keep: str | None = None) -> list[str]:
    spans = [Span(m.start(), m.end()) for m in re.finditer(keep, text)] if keep else []
    return [s.text for s in split_sentences(text, keep_together=spans)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("One here. Two there.", ["One here.", "Two there."], id="plain"),
        pytest.param(
            "Is it? Yes! 3 left.", ["Is it?", "Yes!", "3 left."], id="question-exclamation-digit"
        ),
        pytest.param(
            "Müller et al. described it. Next.",
            ["Müller et al. described it.", "Next."],
            id="et-al",
        ),
        pytest.param(
            "As shown (Fig. 2) here. Next.", ["As shown (Fig. 2) here.", "Next."], id="fig"
        ),
        pytest.param("It was 0.65. Next.", ["It was 0.65.", "Next."], id="decimal"),
        pytest.param(
            "Drugs, e.g. AMD3100, act. Next.", ["Drugs, e.g. AMD3100, act.", "Next."], id="e-g"
        ),
        pytest.param("A vs. B differ. Next.", ["A vs. B differ.", "Next."], id="vs"),
        pytest.param(
            "By Annemiek M.E. Walenkamp. Next.",
            ["By Annemiek M.E. Walenkamp.", "Next."],
            id="initials",
        ),
        pytest.param(
            "OS was 223 d. The end.",
            ["OS was 223 d.", "The end."],
            id="lowercase-unit-ends-sentence",
        ),
        pytest.param("(He left.) Then.", ["(He left.)", "Then."], id="closing-bracket"),
        pytest.param("Para one\n\nPara two.", ["Para one", "Para two."], id="paragraph-break"),
        pytest.param(
            "in mouse models of human breast\n\ncancer (9) grew.",
            ["in mouse models of human breast\n\ncancer (9) grew."],
            id="page-break-mid-sentence",
        ),
        pytest.param("TITLE\nText one.", ["TITLE\nText one."], id="soft-line-break"),
        pytest.param(
            "# Heading\nText.\n- item one\n- item two",
            ["# Heading", "Text.", "- item one", "- item two"],
            id="markdown-blocks",
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "keep", "expected"),
    [
        pytest.param(
            "It ended.^{88} New one.",
            r"\^\{\d+\}",
            ["It ended.^{88}", "New one."],
            id="superscript-after-stop",
        ),
        pytest.param(
            "Short (88). <!-- claim: 54 d. 223 d --> Next.",
            r"<!--.*?-->",
            ["Short (88). <!-- claim: 54 d. 223 d -->", "Next."],
            id="tag-after-stop-and-never-cut",
        ),
        pytest.param(
            "See [3. Smith] there. Next.",
            r"\[3\. Smith\]",
            ["See [3. Smith] there.", "Next."],
            id="kept-span-not-cut",
        ),
    ],
)
def test_kept_spans(text: str, keep: str, expected: list[str]) -> None:
    assert split(text, keep) == expected


def test_offsets_and_window() -> None:
    text = "Skip this. Take this one. And this. Not this."
    sentences = split_sentences(text, 11, 35)
    assert [s.text for s in sentences] == ["Take this one.", "And this."]
    assert all(text[s.span.start : s.span.end] == s.text for s in sentences)


@given(st.text(alphabet=st.sampled_from(list("Ab1 .?!\n()^{}e.g")), max_size=80))
def test_sentences_are_ordered_slices(text: str) -> None:
    previous = 0
    for s in split_sentences(text):
        assert previous <= s.span.start < s.span.end <= len(text)
        assert text[s.span.start : s.span.end] == s.text == s.text.strip()
        previous = s.span.end


@given(st.text(alphabet=st.sampled_from(list("Ab1 .?!\n()^{}e.g")), max_size=80))
def test_bounds_hold_the_sentences(text: str) -> None:
    """The sentences lie between neighbouring bounds, in order, none lost."""
    bounds = sentence_bounds(text)
    assert bounds == sorted(bounds) and bounds[0] == 0 and bounds[-1] == len(text)
    between = [sentence_between(text, a, b) for a, b in itertools.pairwise(bounds)]
    assert [s for s in between if s is not None] == list(split_sentences(text))
    for a, b in itertools.pairwise(bounds):
        if sentence_between(text, a, b) is None:
            assert not text[a:b].strip()


_PIECES = [*"Ab1 .?!\n()", " al.", " 3 d", ". The", '!". (', "\n \n", "# H\n", "- i\n", "| a |\n"]
_STRETCHES = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=4)


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=4, max_size=20).map("".join),
    _STRETCHES,
    _STRETCHES,
    st.integers(0, 30),
)
@example("Aa. Bb. Cc.", [(0, 4)], [], 0)  # the cut before "Bb." is made before the stretch
def test_read_sentences_skips_those_starting_in_a_span(
    text: str, skipped: list[tuple[int, int]], kept: list[tuple[int, int]], start: int
) -> None:
    """Skipped by bisection (and not cut inside, see sentence_bounds), the same sentences as
    a filter of every sentence; kept spans (which may hold line breaks) or not."""
    skip = [Span(a, a + n) for a, n in skipped]
    keep = [Span(a, a + n) for a, n in kept if a + n <= len(text)]
    every = read_sentences(text, (), start=start, keep_together=keep)
    wanted = tuple(f for f in every if not any(_holds(s, f.sentence.span.start) for s in skip))
    assert read_sentences(text, (), start=start, keep_together=keep, skip=skip) == wanted


def _holds(span: Span, pos: int) -> bool:
    return span.start <= pos < span.end
