"""Claims against abstracts: table-driven verdicts, quantity statuses and exact units."""

from __future__ import annotations

import pytest

from citecheck.claims import Claim, ClaimVerdict, Verdict, read_measures
from citecheck.claims.endpoints import DEFAULT_ENDPOINTS, Endpoint
from citecheck.model import Span
from citecheck.registry.records import Abstract, Lookup
from citecheck.sources import (
    QuantityStatus,
    SourceOptions,
    SourceVerdict,
    check_sources,
    exactly_convertible,
)


def verdict_for(claim: str, cites: tuple[int, ...] = (2,), span: Span | None = None):
    return ClaimVerdict(Claim("a", claim, cites, span=span), Verdict.LINKED, None, (), (), "")


def abstract(text: str, pmid: str = "2") -> Lookup[Abstract]:
    return Lookup.found(Abstract(text, "pubmed", pmid))


def check(claim: str, text: str | None, **kw):  # type: ignore[no-untyped-def]
    abstracts = {2: abstract(text)} if text is not None else {}
    report = check_sources([verdict_for(claim)], abstracts, **kw)
    return report.checks[0], report


RESPECTIVELY = "Median progression-free and overall survival were 54 and 223 days, respectively."


@pytest.mark.parametrize(
    ("claim", "text", "verdict", "rules"),
    [
        pytest.param(
            "median PFS 54 d, OS 223 d", RESPECTIVELY, "supported", [], id="supported-respectively"
        ),
        pytest.param(
            "median PFS 54 d, OS 223 d",
            "Median progression-free survival (PFS) was 54 days; median overall survival (OS) "
            "was 223 days.",
            "supported",
            [],
            id="supported-nearest-full-names",
        ),
        pytest.param(
            "median progression-free survival 54 days",
            "Median PFS was 54 d.",
            "supported",
            [],
            id="supported-abbreviation-expanded",
        ),
        pytest.param(
            "median PFS 54 d, OS 223 d",
            "Median PFS was 54 days. Overall survival was not reached.",
            "partly supported",
            ["CLM006"],
            id="partly",
        ),
        pytest.param(
            "median PFS 54 d",
            "Patients lived 54 days on average.",
            "not in abstract",
            ["CLM006"],
            id="value-without-endpoint-is-only-found",
        ),
        pytest.param(
            "median PFS 54 d, OS 232 d", RESPECTIVELY, "contradicted", ["CLM007"], id="contradicted"
        ),
        pytest.param(
            "HR 0.65",
            "The hazard ratio for death was 0.71 (95% CI, 0.52-0.97).",
            "contradicted",
            ["CLM007"],
            id="contradicted-ratio",
        ),
        pytest.param(
            "ORR more than 50%",
            "The overall response rate was 50%.",
            "contradicted",
            ["CLM007"],
            id="contradicted-comparator",
        ),
        pytest.param(
            "median PFS 54 d, OS 223 d",
            "CXCR4 was expressed in most tumours.",
            "not in abstract",
            ["CLM006"],
            id="not-in-abstract",
        ),
        pytest.param(
            "median OS 223 d",
            "Median overall survival was 7.3 months.",
            "not in abstract",
            ["CLM006"],
            id="days-never-converted-to-months",
        ),
        pytest.param(
            "median OS 7.5 mo",
            "Median overall survival was 228 days.",
            "not in abstract",
            ["CLM006"],
            id="months-never-converted-to-days",
        ),
        pytest.param(
            "OS 12 mo", "Median overall survival was 1 year.", "supported", [], id="years-to-months"
        ),
        pytest.param(
            "PFS 8 wk", "Median PFS was 56 days.", "supported", [], id="weeks-to-days-exact"
        ),
        pytest.param(
            "a dose of 7.4 GBq",
            "Patients received a dose of 7400 MBq.",
            "supported",
            [],
            id="activity-si",
        ),
        pytest.param(
            "about two thirds of myeloma patients CXCR4-positive",
            "CXCR4-positive disease was found in 24 of 36 patients (67%).",
            "supported",
            [],
            id="fraction-in-words-vs-percent",
        ),
        pytest.param(
            "70 % and 50 % fewer lung metastases",
            "T22 with cyclophosphamide or with anti-CTLA-4 antibody gave 70% and 50% fewer lung "
            "metastases, respectively.",
            "supported",
            [],
            id="unnamed-on-topic",
        ),
        pytest.param(
            "70 % fewer lung metastases",
            "Of the mice, 70% were female.",
            "not in abstract",
            ["CLM006"],
            id="unnamed-off-topic-is-only-found",
        ),
        pytest.param(
            "CXCR4 expression predicts poor survival in melanoma",
            "High CXCR4 expression predicts poor survival in patients with melanoma.",
            "supported",
            [],
            id="words-only-supported",
        ),
        pytest.param(
            "CXCR4 expression predicts poor survival in melanoma",
            "We describe a new radiotracer.",
            "not in abstract",
            ["CLM006"],
            id="words-only-not-in-abstract",
        ),
    ],
)
def test_verdicts(claim: str, text: str, verdict: str, rules: list[str]) -> None:
    result, report = check(claim, text)
    assert result.verdict is SourceVerdict(verdict), result.explanation
    assert [f.rule for f in report.findings] == rules


@pytest.mark.parametrize(
    ("lookup", "reason"),
    [
        pytest.param(Lookup.unavailable("PubMed answered HTTP 503 after 4 attempts"), "HTTP 503"),
        pytest.param(Lookup.unavailable("offline, and the lockfile has no answer for it"), "lock"),
        pytest.param(Lookup.not_found("PubMed 2 has no abstract; Europe PMC: …"), "no abstract"),
    ],
)
def test_could_not_fetch_is_net001_info(lookup: Lookup[Abstract], reason: str) -> None:
    report = check_sources([verdict_for("PFS 54 d")], {2: lookup})
    (result,) = report.checks
    assert result.verdict is SourceVerdict.COULD_NOT_FETCH
    (finding,) = report.findings
    assert (finding.rule, finding.severity.value, finding.refs) == ("NET001", "info", (2,))
    assert reason in finding.message and "claim 'a'" in finding.message


def test_the_supporting_sentence_is_shown() -> None:
    text = "BACKGROUND: CXCR4 is a target.\n\nRESULTS: " + RESPECTIVELY
    result, _ = check("median PFS 54 d, OS 223 d", text)
    sentences = {e.sentence.text for e in result.quantities if e.sentence}
    assert sentences == {"RESULTS: " + RESPECTIVELY}  # a structured abstract keeps its labels
    (evidence, _) = result.quantities
    assert evidence.stated is not None and evidence.stated.via == "respectively"
    assert evidence.sentence is not None
    assert evidence.sentence.span == Span(text.index("RESULTS"), len(text))


def test_contradiction_quotes_both_values_and_the_sentence() -> None:
    _, report = check("median PFS 54 d, OS 232 d", RESPECTIVELY)
    (finding,) = report.findings
    assert finding.severity.value == "error"
    assert "OS 232 d, but the abstract of ref 2 (PubMed 2) says OS 223 d" in finding.message
    assert finding.evidence["sentence"] == RESPECTIVELY


def test_not_in_abstract_says_the_abstract_is_not_the_paper() -> None:
    _, report = check("median PFS 54 d", "We describe a new radiotracer.")
    assert "an abstract is not the whole paper" in report.findings[0].message


def test_supported_by_any_of_several_cited_abstracts() -> None:
    verdict = verdict_for("median PFS 54 d, OS 223 d", cites=(1, 2))
    abstracts = {
        1: abstract("Median PFS was 54 days.", "1"),
        2: abstract("Median overall survival was 223 days.", "2"),
    }
    report = check_sources([verdict], abstracts)
    assert report.checks[0].verdict is SourceVerdict.SUPPORTED
    assert [e.sentence.ref for e in report.checks[0].quantities if e.sentence] == [1, 2]


def test_one_abstract_fetched_one_not_uses_the_one_fetched() -> None:
    verdict = verdict_for("median PFS 54 d", cites=(1, 2))
    abstracts = {1: abstract("Median PFS was 54 days.", "1"), 2: Lookup.unavailable("timed out")}
    report = check_sources([verdict], abstracts)
    assert report.checks[0].verdict is SourceVerdict.SUPPORTED
    assert report.findings == ()


def test_claims_without_abstract_lookup_are_not_checked() -> None:
    report = check_sources([verdict_for("PFS 54 d", cites=(9,))], {2: abstract("x")})
    assert report.checks == () and report.findings == ()


def test_finding_span_is_the_claims_sentence_or_tag() -> None:
    span = Span(10, 20)
    report = check_sources(
        [verdict_for("PFS 54 d", span=span)], {2: abstract("We describe a radiotracer.")}
    )
    assert report.findings[0].span == span


def test_claim_file_endpoints_reach_the_abstract() -> None:
    ttnt = Endpoint("TTNT", "time to next treatment", ("TTNT",), dimension="time")
    options = SourceOptions(endpoints=(ttnt, *DEFAULT_ENDPOINTS))
    text = "Median time to next treatment was 9 months."
    result, _ = check("TTNT 9 mo", text, options=options)
    assert result.verdict is SourceVerdict.SUPPORTED
    assert result.quantities[0].status is QuantityStatus.SUPPORTED


@pytest.mark.parametrize(
    ("claimed", "stated", "exact"),
    [
        pytest.param("d", "d", True, id="same"),
        pytest.param("d", "wk", True, id="d-wk"),
        pytest.param("h", "d", True, id="h-d"),
        pytest.param("mo", "y", True, id="mo-y"),
        pytest.param("d", "mo", False, id="d-mo"),
        pytest.param("wk", "mo", False, id="wk-mo"),
        pytest.param("d", "y", False, id="d-y"),
        pytest.param("mg", "g", True, id="mass"),
        pytest.param("%", "fraction", True, id="proportion"),
        pytest.param(None, "mo", True, id="bare-number"),
    ],
)
def test_exactly_convertible(claimed: str | None, stated: str | None, exact: bool) -> None:
    assert exactly_convertible(claimed, stated) is exact


def test_reading_is_the_manuscripts() -> None:
    """The abstract is read with the claims stage's own reader: same pairing."""
    measures, pairings = read_measures(RESPECTIVELY)
    assert [(m.endpoint, m.quantity.text) for m in measures] == [("PFS", "54"), ("OS", "223 days")]
    assert len(pairings) == 1
