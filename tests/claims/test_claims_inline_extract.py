"""Inline claim tags, and mining candidate claims from a manuscript."""

from __future__ import annotations

import pytest
from claims_testlib import numbered_references, paren_citations

from citecheck.claims import (
    Verdict,
    check_claims,
    claim_file_from_text,
    claim_file_text,
    extract_claims,
    find_inline_claims,
    split_sentences,
)
from citecheck.claims.inline import inline_tag_spans

SURVIVAL = "median progression-free and overall survival times of 54 and 223 d, respectively"


def tagged(sentence: str) -> str:
    return f"Responses were short (87). {sentence} Later text (1)."


@pytest.mark.parametrize(
    ("text", "claim_id", "claim_text", "cites"),
    [
        pytest.param(
            tagged(f"With {SURVIVAL} <!-- claim: median PFS 54 d, OS 223 d --> (88)."),
            "inline-1",
            "median PFS 54 d, OS 223 d",
            (88,),
            id="in-sentence",
        ),
        pytest.param(
            tagged(f"With {SURVIVAL} (88). <!-- claim: median PFS 54 d, OS 223 d -->"),
            "inline-1",
            "median PFS 54 d, OS 223 d",
            (88,),
            id="after-the-full-stop",
        ),
        pytest.param(
            tagged(f"With {SURVIVAL} (88). <!-- claim pfs-os: PFS 54 d; cites: 86-87 -->"),
            "pfs-os",
            "PFS 54 d",
            (86, 87),
            id="id-and-pinned-cites",
        ),
        pytest.param(
            tagged(f"With {SURVIVAL} <!--claim:\n  median PFS 54 d,\n  OS 223 d--> (88)."),
            "inline-1",
            "median PFS 54 d, OS 223 d",
            (88,),
            id="multi-line-tag",
        ),
    ],
)
def test_find_inline_claims(text: str, claim_id: str, claim_text: str, cites: tuple) -> None:
    citations = paren_citations(text)
    sentences = split_sentences(
        text, keep_together=[*inline_tag_spans(text), *(c.span for c in citations)]
    )
    (claim,) = find_inline_claims(text, sentences, citations)
    assert (claim.id, claim.text, claim.cites, claim.source) == (
        claim_id,
        claim_text,
        cites,
        "inline",
    )


@pytest.mark.parametrize(
    ("tag", "rules", "verdict"),
    [
        pytest.param("median PFS 54 d, OS 223 d", [], Verdict.LINKED, id="linked"),
        pytest.param("median PFS 54 d, OS 232 d", ["CLM004"], Verdict.MISMATCH, id="wrong-value"),
        pytest.param("PFS 54 d; cites: 87", ["CLM003"], Verdict.MISMATCH, id="pinned-other-ref"),
        pytest.param("PFS 54 d; cites: 99", ["CLM001"], Verdict.MISMATCH, id="pinned-missing-ref"),
        pytest.param("ORR 45%", ["CLM002"], Verdict.NOT_FOUND, id="not-in-its-sentence"),
    ],
)
def test_inline_claims_are_checked_in_their_sentence(
    tag: str, rules: list, verdict: Verdict
) -> None:
    text = tagged(f"With {SURVIVAL} (88). <!-- claim: {tag} -->")
    report = check_claims(text, paren_citations(text), numbered_references(88))
    (result,) = report.verdicts
    assert [f.rule for f in result.findings] == rules
    assert result.verdict is verdict
    if result.facts is not None:
        assert "respectively" in result.facts.sentence.text


def test_a_tag_does_not_state_its_own_numbers() -> None:
    text = "Survival was short (88). <!-- claim: OS 223 d -->"
    report = check_claims(text, paren_citations(text), numbered_references(88))
    assert report.verdicts[0].verdict is Verdict.NOT_FOUND
    assert [f.rule for f in report.findings] == ["CLM002"]


def test_extract_finds_the_seed_claims(seed_text, seed_citations, seed_body_end) -> None:
    claims = extract_claims(seed_text, seed_citations, body_end=seed_body_end)
    found = {(c.text, c.cites) for c in claims}
    assert ("median PFS 54 d, OS 223 d", (88,)) in found
    assert ("resulting in 70% and 50% fewer lung metastases", (67,)) in found
    assert ("with about two thirds of patients having CXCR4-positive disease", (76,)) in found
    uncited = [c for c in claims if not c.cites]
    assert [c.text for c in uncited] == [
        "more than 30 therapies have been safely performed and have been"
    ]
    assert "CLM005" in uncited[0].note
    assert all(c.source == "extract" and c.span is not None for c in claims)


def test_extracted_claims_check_clean(
    seed_text, seed_citations, seed_references, seed_body_end
) -> None:
    claims = extract_claims(seed_text, seed_citations, body_end=seed_body_end)
    reread = claim_file_from_text(claim_file_text(claims, "walenkamp2017-cxcr4.md")).claims
    report = check_claims(
        seed_text, seed_citations, seed_references, reread, body_end=seed_body_end
    )
    assert [v.verdict for v in report.verdicts] == [Verdict.LINKED] * len(claims)
    for verdict, claim in zip(report.verdicts, claims, strict=True):
        assert verdict.facts.sentence.span == claim.span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The HR was 0.65 (95% CI, 0.50–0.84) (3).", ["HR 0.65, CI 0.50–0.84"], id="statistics"
        ),
        pytest.param("It has 7 helical regions (2).", [], id="bare-counts-are-not-claims"),
        pytest.param("ORR was 45% in 30 patients (4).", ["ORR 45%"], id="endpoint-and-count"),
    ],
)
def test_extract_jots_claims(text: str, expected: list) -> None:
    assert [c.text for c in extract_claims(text, paren_citations(text))] == expected
