"""Own-data regions (Results, Methods, tables): no CLM005 there."""

from __future__ import annotations

import pytest
from claims_testlib import numbered_references, paren_citations

from citecheck.claims import check_claims, extract_claims
from citecheck.claims.check import ClaimOptions
from citecheck.claims.scope import own_data_spans

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
