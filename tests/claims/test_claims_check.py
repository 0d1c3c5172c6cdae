"""Verdicts and the CLM rules on the seed manuscript and on small texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from claims_testlib import numbered_references, paren_citations

from citecheck.claims import Claim, ClaimOptions, Verdict, check_claims, load_claim_file
from citecheck.model import Severity
from citecheck.rules import RULES

BUNDLED = Path(__file__).parent.parent.parent / "claims" / "walenkamp2017-cxcr4.yaml"


@pytest.fixture(scope="module")
def check_seed(seed_text, seed_citations, seed_references, seed_body_end):
    def run(*claims: Claim):
        return check_claims(
            seed_text, seed_citations, seed_references, claims, body_end=seed_body_end
        )

    return run


def test_bundled_claims_are_linked(check_seed, seed_text) -> None:
    report = check_seed(*load_claim_file(BUNDLED).claims)
    assert [(v.verdict, v.facts.refs) for v in report.verdicts] == [
        (Verdict.LINKED, (88,)),
        (Verdict.LINKED, (67,)),
        (Verdict.LINKED, (76,)),
    ]
    survival, metastases, myeloma = report.verdicts
    assert "54 and 223 d, respectively" in survival.facts.sentence.text
    assert [(m.claim.endpoint, m.sentence.endpoint, m.sentence.via) for m in survival.matches] == [
        ("PFS", "PFS", "respectively"),
        ("OS", "OS", "respectively"),
    ]
    assert "70% and 50% fewer lung metastases" in metastases.facts.sentence.text
    assert "about two thirds of patients" in myeloma.facts.sentence.text
    assert "respectively" in survival.explanation and "94:" in survival.explanation
    assert [f.rule for f in report.findings] == ["CLM005"]
    assert "more than 30" in report.findings[0].message


@pytest.mark.parametrize(
    ("claim", "rules", "verdict"),
    [
        pytest.param(
            Claim("v", "median PFS 54 d, OS 232 d", (88,)),
            ["CLM004"],
            Verdict.MISMATCH,
            id="wrong-value",
        ),
        pytest.param(
            Claim("u", "median PFS 54 d, OS 223 mo", (88,)),
            ["CLM004"],
            Verdict.MISMATCH,
            id="wrong-unit",
        ),
        pytest.param(
            Claim("r", "median PFS 54 d, OS 223 d", (87,)),
            ["CLM003"],
            Verdict.MISMATCH,
            id="wrong-reference",
        ),
        pytest.param(
            Claim("m", "median PFS 54 d, OS 223 d", (89,)),
            ["CLM001"],
            Verdict.MISMATCH,
            id="missing-reference",
        ),
        pytest.param(
            Claim("n", "hazard ratio 0.65", (88,)), ["CLM002"], Verdict.NOT_FOUND, id="not-found"
        ),
        pytest.param(
            Claim("n2", "hazard ratio 0.65", (90,)),
            ["CLM001", "CLM002"],
            Verdict.NOT_FOUND,
            id="not-found-and-missing",
        ),
        pytest.param(
            Claim("w", "70 % and 40 % fewer lung metastases", (67,)),
            ["CLM004"],
            Verdict.MISMATCH,
            id="unnamed-value-differs",
        ),
        pytest.param(
            Claim("p", "median PFS 54 d, OS 223 d", (87, 88)),
            ["CLM003"],
            Verdict.MISMATCH,
            id="one-of-two-references-absent",
        ),
        pytest.param(Claim("s", "OS 223 d", (88,)), [], Verdict.LINKED, id="part-of-a-sentence"),
        pytest.param(
            Claim("x", "more than 30 therapies safely performed", ()),
            [],
            Verdict.LINKED,
            id="uncited-claim-uncited-sentence",
        ),
    ],
)
def test_rules_on_the_seed(check_seed, claim: Claim, rules: list[str], verdict: Verdict) -> None:
    report = check_seed(claim)
    (result,) = report.verdicts
    assert [f.rule for f in result.findings] == rules
    assert result.verdict is verdict


def test_wrong_value_message_quotes_both_values(check_seed) -> None:
    (result,) = check_seed(Claim("v", "median PFS 54 d, OS 232 d", (88,))).verdicts
    (finding,) = result.findings
    assert "OS 232 d" in finding.message and "OS 223 d" in finding.message
    assert (
        finding.evidence["pairing"] == "progression-free survival = 54 d; overall survival = 223 d"
    )
    assert finding.severity is Severity.ERROR


def test_wrong_reference_message(check_seed) -> None:
    (result,) = check_seed(Claim("r", "median PFS 54 d, OS 223 d", (87,))).verdicts
    (finding,) = result.findings
    assert finding.refs == (87,) and "cites 87" in finding.message and "cites 88" in finding.message


def test_missing_reference_message(check_seed) -> None:
    (result,) = check_seed(Claim("m", "median PFS 54 d, OS 223 d", (89,))).verdicts
    (finding,) = result.findings
    assert finding.refs == (89,) and "1–88" in finding.message


# Every rule with a failing and a passing example (the same ones as docs/claims.md).
RULE_EXAMPLES = {
    "CLM001": (
        "PFS was 54 d (2).",
        Claim("a", "PFS 54 d", (3,)),
        Claim("a", "PFS 54 d", (2,)),
    ),
    "CLM002": (
        "PFS was 54 d (2).",
        Claim("a", "ORR 45%", (2,)),
        Claim("a", "PFS 54 d", (2,)),
    ),
    "CLM003": (
        "PFS was 54 d (2). OS was 223 d (1).",
        Claim("a", "PFS 54 d", (1,)),
        Claim("a", "PFS 54 d", (2,)),
    ),
    "CLM004": (
        "Median PFS and OS were 54 and 223 d, respectively (2).",
        Claim("a", "median PFS 54 d, OS 232 d", (2,)),
        Claim("a", "median PFS 54 d, OS 223 d", (2,)),
    ),
}


@pytest.mark.parametrize("rule", sorted(RULE_EXAMPLES))
def test_every_claim_rule_fails_and_passes(rule: str) -> None:
    text, failing, passing = RULE_EXAMPLES[rule]
    refs = numbered_references(2)
    cites = paren_citations(text)
    options = ClaimOptions(report_uncited=False)
    bad = check_claims(text, cites, refs, [failing], options=options)
    good = check_claims(text, cites, refs, [passing], options=options)
    assert rule in [f.rule for f in bad.findings]
    assert good.findings == () and good.verdicts[0].verdict is Verdict.LINKED
    assert all(f.severity is RULES[f.rule].severity for f in bad.findings)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        pytest.param(
            "Up to now, more than 30 therapies were given.", True, id="failing-comparator"
        ),
        pytest.param("The response rate was 45%.", True, id="failing-percent"),
        pytest.param("The response rate was 45% (2).", False, id="passing-cited"),
        pytest.param("There are 4 major classes.", False, id="passing-bare-count"),
        pytest.param("CXCR4 binds CXCL12.", False, id="passing-no-number"),
    ],
)
def test_clm005_uncited_quantitative_statement(text: str, flagged: bool) -> None:
    report = check_claims(text, paren_citations(text), numbered_references(2))
    assert [f.rule for f in report.findings] == (["CLM005"] if flagged else [])
    if flagged:
        assert report.findings[0].severity is Severity.INFO


def test_claims_after_the_body_are_not_searched() -> None:
    text = "Intro (1).\n\nREFERENCES\n\n1. Smith. OS was 223 d. 2001."
    report = check_claims(
        text,
        [],
        numbered_references(1),
        [Claim("a", "OS 223 d", (1,))],
        body_end=text.index("REFERENCES"),
    )
    assert report.verdicts[0].verdict is Verdict.NOT_FOUND
    assert report.findings == report.verdicts[0].findings


def test_no_reference_list_means_no_clm001() -> None:
    text = "PFS was 54 d (2)."
    report = check_claims(text, paren_citations(text), [], [Claim("a", "PFS 54 d", (2,))])
    assert report.verdicts[0].verdict is Verdict.LINKED


def test_claim_without_quantities_links_by_its_words() -> None:
    text = "CXCR4 is encoded on chromosome 2 (1). Plerixafor mobilizes stem cells (2)."
    report = check_claims(
        text,
        paren_citations(text),
        numbered_references(2),
        [Claim("a", "plerixafor mobilizes stem cells", (2,))],
    )
    assert report.verdicts[0].verdict is Verdict.LINKED
    assert report.verdicts[0].facts.refs == (2,)


def test_the_better_cited_sentence_wins_a_tie() -> None:
    text = "In one trial OS was 10 mo (1). In another trial OS was 10 mo (2)."
    report = check_claims(
        text,
        paren_citations(text),
        numbered_references(2),
        [Claim("a", "OS 10 mo in another trial", (2,))],
    )
    assert report.verdicts[0].facts.refs == (2,) and report.verdicts[0].verdict is Verdict.LINKED
