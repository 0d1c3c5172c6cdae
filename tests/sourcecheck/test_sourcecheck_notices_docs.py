"""Correction-aware claims (CLM008, CLM009), the JSON ``source_check`` entry, and the
documented rules and messages of docs/claims.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import MappingProxyType

import pytest

from citecheck.claims import Claim, ClaimVerdict, Verdict
from citecheck.model import Finding, Severity
from citecheck.registry.records import Abstract, Lookup
from citecheck.report.sources import source_line, with_source_checks
from citecheck.rules import RULES as CATALOGUE
from citecheck.sources import check_sources

DOC = (Path(__file__).parents[2] / "docs" / "claims.md").read_text(encoding="utf-8")
FLAT_DOC = " ".join(DOC.split())


def claim_verdict(text: str = "PFS 54 d", cites: tuple[int, ...] = (2,)) -> ClaimVerdict:
    return ClaimVerdict(Claim("a", text, cites), Verdict.LINKED, None, (), (), "")


def notice(rule: str, **evidence: str) -> Finding:
    severity = Severity.ERROR if rule == "RET001" else Severity.WARNING
    return Finding(rule, severity, "ref 2: …", None, (2,), MappingProxyType(evidence))


RETRACTION = notice(
    "RET001",
    doi="10.1021/am300292v",
    notice="10.1021/acsami.9b11759",
    type="retraction",
    date="2019-07-26",
    source="retraction-watch",
)
CORRECTION = notice(
    "RET002",
    doi="10.1371/journal.pone.0033693",
    notice="10.1371/annotation/c76da2c1",
    type="correction",
    date="2012-05-08",
    source="publisher",
)
PUBMED_RETRACTED = notice("RET001", pmid="123")
CONCERN = notice("RET002", notice="10.1/eoc", type="expression_of_concern", date="2020-01-02")


def abstract(text: str) -> dict[int, Lookup[Abstract]]:
    return {2: Lookup.found(Abstract(text, "pubmed", "2"))}


DOCUMENTED = [
    pytest.param(
        "median PFS 54 d, OS 223 d",
        abstract("Median PFS was 54 days."),
        (),
        "claim 'a': OS 223 d is not in the abstract of ref 2 (PubMed 2) (found: PFS 54 d); an "
        "abstract is not the whole paper: check the full text",
        id="CLM006",
    ),
    pytest.param(
        "OS 223 d",
        abstract("Median overall survival was 7.3 months."),
        (),
        "claim 'a': OS 223 d (the abstract says OS 7.3 mo; d vs mo: not converted) is not in the "
        "abstract of ref 2 (PubMed 2)",
        id="CLM006-other-unit",
    ),
    pytest.param(
        "median PFS 54 d, OS 232 d",
        abstract("Median PFS and OS were 54 and 223 days, respectively."),
        (),
        "claim 'a': OS 232 d, but the abstract of ref 2 (PubMed 2) says OS 223 d (respectively) "
        "(value differs): 'Median PFS and OS were 54 and 223 days, respectively.'",
        id="CLM007",
    ),
    pytest.param(
        "PFS 54 d",
        {},
        (RETRACTION,),
        "claim 'a' cites ref 2, which was retracted (notice 10.1021/acsami.9b11759, 2019-07-26, "
        "source retraction-watch): do not rely on it",
        id="CLM008",
    ),
    pytest.param(
        "PFS 54 d",
        {},
        (PUBMED_RETRACTED,),
        "claim 'a' cites ref 2, which is marked retracted by PubMed (PMID 123): do not rely on it",
        id="CLM008-pubmed",
    ),
    pytest.param(
        "PFS 54 d",
        {},
        (CORRECTION,),
        "claim 'a' cites ref 2, which has a correction (notice 10.1371/annotation/c76da2c1, "
        "2012-05-08, source publisher): check the claim against it",
        id="CLM009",
    ),
]


@pytest.mark.parametrize(("claim", "abstracts", "notices", "message"), DOCUMENTED)
def test_documented_failing_examples(
    claim: str, abstracts: dict, notices: tuple[Finding, ...], message: str
) -> None:
    report = check_sources([claim_verdict(claim)], abstracts, notices=notices)
    assert any(f.message.startswith(message) for f in report.findings)
    assert message in FLAT_DOC


@pytest.mark.parametrize(
    ("claim", "abstracts", "rule"),
    [
        pytest.param(
            "median PFS 54 d, OS 223 d",
            abstract("Median PFS and OS were 54 and 223 days, respectively."),
            "CLM006",
            id="CLM006",
        ),
        pytest.param(
            "median PFS 54 d, OS 223 d",
            abstract("Median PFS and OS were 54 and 223 days, respectively."),
            "CLM007",
            id="CLM007",
        ),
        pytest.param("PFS 54 d", abstract("Median PFS was 54 days."), "CLM008", id="CLM008"),
        pytest.param("PFS 54 d", abstract("Median PFS was 54 days."), "CLM009", id="CLM009"),
    ],
)
def test_documented_passing_examples(claim: str, abstracts: dict, rule: str) -> None:
    report = check_sources([claim_verdict(claim)], abstracts, notices=())
    assert rule not in {f.rule for f in report.findings}


@pytest.mark.parametrize("rule", ["CLM006", "CLM007", "CLM008", "CLM009"])
def test_rules_are_catalogued_with_the_severity_they_are_reported_with(rule: str) -> None:
    severity = CATALOGUE[rule].severity
    section = re.search(rf"^### {rule} — .*\(({severity.value})\)$", DOC, re.MULTILINE)
    assert section
    example = next(p for p in DOCUMENTED if p.id == rule)
    claim, abstracts, notices, _ = example.values
    report = check_sources([claim_verdict(claim)], abstracts, notices=notices)
    assert {f.severity for f in report.findings if f.rule == rule} == {severity}


def test_expression_of_concern_is_clm009() -> None:
    report = check_sources([claim_verdict()], {}, notices=(CONCERN,))
    (finding,) = report.findings
    assert finding.rule == "CLM009"
    assert "has an expression of concern (notice 10.1/eoc, 2020-01-02)" in finding.message


def test_notices_come_with_the_abstract_check_and_only_for_cited_references() -> None:
    other = Finding("RET001", Severity.ERROR, "ref 3", None, (3,), MappingProxyType({}))
    report = check_sources(
        [claim_verdict()], abstract("Median PFS was 54 days."), notices=(CORRECTION, other)
    )
    (check,) = report.checks
    assert check.verdict is not None and check.verdict.value == "supported"
    assert [f.rule for f in report.findings] == ["CLM009"]


def test_source_check_json_and_text_line() -> None:
    report = check_sources(
        [claim_verdict("median PFS 54 d, OS 223 d")],
        abstract("Median PFS and OS were 54 and 223 days, respectively."),
        notices=(CORRECTION,),
    )
    claims = with_source_checks([{"id": "a", "rules": []}], report)
    entry = claims[0]["source_check"]
    json.dumps(entry)  # JSON-ready
    assert entry["verdict"] == "supported"
    assert entry["abstract_source"] == "PubMed 2"
    assert [q["status"] for q in entry["quantities"]] == ["supported", "supported"]
    assert [q["sentence"] for q in entry["quantities"]] == [0, 0]
    assert entry["sentences"] == [
        {
            "ref": 2,
            "source": "PubMed 2",
            "text": "Median PFS and OS were 54 and 223 days, respectively.",
            "start": 0,
            "end": 53,
        }
    ]
    assert entry["notices"] == [
        {
            "rule": "CLM009",
            "ref": 2,
            "notice": "10.1371/annotation/c76da2c1",
            "date": "2012-05-08",
            "type": "correction",
            "source": "publisher",
            "doi": "10.1371/journal.pone.0033693",
        }
    ]
    assert claims[0]["rules"] == ["CLM009"]
    line = source_line(claims[0])
    assert line is not None and line.startswith("claim a: source: supported: abstract of ref 2")
    assert line.endswith("[CLM009 ref 2 correction 10.1371/annotation/c76da2c1]")


def test_claims_not_checked_keep_their_entry() -> None:
    report = check_sources([claim_verdict(cites=(9,))], {})
    assert with_source_checks([{"id": "a"}], report) == ({"id": "a"},)
