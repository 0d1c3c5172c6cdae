"""Own-data regions (Results, Methods, tables): no CLM005 there."""

from __future__ import annotations

import pytest
from claims_testlib import numbered_references, paren_citations
from hypothesis import given
from hypothesis import strategies as st

from citecheck.claims import check_claims, extract_claims
from citecheck.claims.check import ClaimOptions
from citecheck.claims.scope import inside, own_data_spans, regions_of
from citecheck.model import Span

ARTICLE = """# A study

## Introduction

Up to 40% of patients relapse. Earlier work found 30% (1).

## Results

### Cohort

Median OS was 12 mo in our cohort.

| arm | OS |
|---|---|
| A | 12 mo |

## Discussion

Our 12 mo exceeds the 9 mo reported before.

METHODS

We gave 5 mg/kg.

CONCLUSIONS

More than 30 sites took part.
"""


def rules_by_sentence(text: str, **options: bool) -> list[str]:
    report = check_claims(
        text, paren_citations(text), numbered_references(1), options=ClaimOptions(**options)
    )
    return [f.evidence["sentence"] for f in report.findings if f.rule == "CLM005"]


def test_clm005_skips_results_methods_and_tables() -> None:
    assert rules_by_sentence(ARTICLE) == [
        "Up to 40% of patients relapse.",
        "Our 12 mo exceeds the 9 mo reported before.",
        "More than 30 sites took part.",
    ]


def test_own_data_can_be_checked_too() -> None:
    flagged = rules_by_sentence(ARTICLE, skip_own_data=False)
    assert "Median OS was 12 mo in our cohort." in flagged and "We gave 5 mg/kg." in flagged


@pytest.mark.parametrize(
    ("heading", "own"),
    [
        pytest.param("## Results", True, id="atx"),
        pytest.param("## 3. Materials and Methods", True, id="numbered"),
        pytest.param("**RESULTS**", True, id="bold-bare"),
        pytest.param("## Discussion", False, id="discussion"),
    ],
)
def test_own_data_headings(heading: str, own: bool) -> None:
    text = f"{heading}\n\nWe saw 5 mg.\n"
    spans = own_data_spans(text)
    assert any(s.start <= text.index("We saw") < s.end for s in spans) is own


def test_extract_keeps_cited_sentences_in_results() -> None:
    text = "## Results\n\nOS was 12 mo. As before, OS was 10 mo (1).\n"
    assert [(c.text, c.cites) for c in extract_claims(text, paren_citations(text))] == [
        ("OS 10 mo", (1,))
    ]


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        pytest.param("Up to 40% of patients relapse.", True, id="a-fact-about-the-world"),
        pytest.param("Treatment is advised below 350 cells/µl.", True, id="a-guideline"),
        pytest.param("Our 12 mo exceeds the 9 mo reported before.", True, id="others-reported"),
        pytest.param("The previous study found 46% survival, this study 18%.", True, id="previous"),
        pytest.param("The authors used vesicles of 1 to 30 μm.", True, id="the-authors"),
        pytest.param("We gave 5 mg/kg to every mouse.", False, id="we"),
        pytest.param(
            "This analysis shows 80% of normal life expectancy.", False, id="this-analysis"
        ),
        pytest.param("These estimates exceed 200 cells/µl.", False, id="these-estimates"),
        pytest.param("Scale bars: 25 μm.", False, id="scale-bar"),
        pytest.param("Speed doubled in Fig 2 to 30 μm/h.", False, id="figure"),
        pytest.param("B) Data for radii of 0.75 μm and 3 μm.", False, id="panel-label"),
        pytest.param(
            "Images were taken at 5-min intervals as described in Methods.",
            False,
            id="described-in-methods",
        ),
        pytest.param("For concreteness, assume that the energy is 1% larger.", False, id="assume"),
    ],
)
def test_clm005_is_for_numbers_an_editor_would_ask_a_citation_for(
    sentence: str, flagged: bool
) -> None:
    text = f"# T\n\n## Discussion\n\n{sentence}\n"
    assert (rules_by_sentence(text) == [sentence]) is flagged


def test_captions_and_supporting_information_are_own_data() -> None:
    text = (
        "# T\n\n## Introduction\n\nFig 1. Rosettes grow to 50 μm in 14 d.\n\nUp to 40% relapse.\n\n"
        "## Supporting Information\n\n## S1 Movie.\n\nImages every 5 min for 250 min.\n\n"
        "## S2 Movie.\n\nMore than 30 frames per second.\n"
    )
    assert rules_by_sentence(text) == ["Up to 40% relapse."]
    spans = own_data_spans(text)
    assert any(text[s.start : s.end].startswith("Fig 1.") for s in spans)
    assert any(
        text.index("More than 30") < s.end for s in spans if text[s.start :].startswith("## Supp")
    )


_SPANS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda t: Span(t[0], t[0] + t[1])),
    max_size=8,
)


@given(_SPANS, st.integers(-2, 60))
def test_regions_answer_as_a_scan_of_the_spans(spans: list[Span], pos: int) -> None:
    """Overlapping, nested, empty and unsorted spans: bisection agrees with a scan."""
    assert (pos in regions_of(spans)) == inside(tuple(spans), pos)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Fig 1. A legend, 30%.\n\nBody.", [(0, 21)], id="caption-opens-the-text"),
        pytest.param(
            "Supplementary\nFigure 1. A legend.\n\nBody.",
            [(0, 33)],
            id="caption-over-a-line-break-is-one",
        ),
        pytest.param(
            "Intro 3%.\nTable 2: counts.\n\nRESULTS\nWe saw 5%.\nDiscussion\nOthers 7%.",
            [(10, 26), (28, 47)],
            id="caption-and-bare-section-lines",
        ),
    ],
)
def test_captions_and_bare_lines_found_at_line_starts(
    text: str, expected: list[tuple[int, int]]
) -> None:
    assert [(s.start, s.end) for s in own_data_spans(text)] == expected


@given(_SPANS, st.integers(0, 30), st.integers(0, 60))
def test_gaps_are_what_no_span_covers(spans: list[Span], start: int, end: int) -> None:
    gaps = list(regions_of(spans).gaps(start, end))
    covered = {p for p in range(start, end) if inside(tuple(spans), p)}
    assert {p for a, b in gaps for p in range(a, b)} == set(range(start, end)) - covered
    assert all(a < b for a, b in gaps) and gaps == sorted(gaps)


def test_an_own_section_runs_to_the_next_heading_of_its_level_or_higher() -> None:
    text = "# A\n\n## Methods\n\n### Sub\n\nx 3%\n\n## Intro\n\ny\n\n# Methods\n\n## Z\n\nz 5%\n"
    spans = [(s.start, s.end) for s in own_data_spans(text)]
    first, second = text.index("## Methods"), text.index("\n# Methods") + 1
    assert spans == [(first, text.index("## Intro")), (second, len(text))]


def test_many_sections_and_captions_without_a_paragraph_break() -> None:
    """The regions of a long alternation (found in one pass: each section's end and each
    caption's paragraph break are not searched for again from every heading or caption)."""
    text = "".join(f"## Methods\n\nm {i}\n\n## Intro\n\nf {i}\n\n" for i in range(300))
    text += "".join(f"Fig {i}. Legend {i}\n" for i in range(1, 300))
    spans = own_data_spans(text)
    methods = [s for s in spans if text.startswith("## Methods", s.start)]
    assert len(methods) == 300
    assert all(text.startswith("## Intro", s.end) for s in methods)
    captions = [s for s in spans if text.startswith("Fig", s.start)]
    assert len(captions) == 299 and all(s.end == len(text) for s in captions)
