"""The SARIF 2.1.0 report: valid against the OASIS schema, one rule descriptor per rule,
regions, levels and fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_testlib import (
    CLEAN,
    MIXED,
    SARIF_SCHEMA,
    SEED,
    finding,
    manuscript,
    result_for,
)

from citecheck.model import Severity, Span
from citecheck.report.baseline import result_fingerprints
from citecheck.report.sarif import artifact_uri, render_sarif
from citecheck.results import ManuscriptResult
from citecheck.rules import RULES


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def sarif(*results: ManuscriptResult) -> dict[str, Any]:
    return json.loads(render_sarif(results))


def _seed() -> ManuscriptResult:
    return result_for(SEED.read_text(encoding="utf-8"), "tests/fixtures/walenkamp2017-cxcr4.md")


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: [result_for(manuscript(CLEAN))], id="clean"),
        pytest.param(lambda: [result_for(manuscript(MIXED))], id="mixed-findings"),
        pytest.param(lambda: [_seed()], id="seed"),
        pytest.param(
            lambda: [result_for(manuscript(CLEAN), "a.md"), result_for(manuscript(MIXED), "b.md")],
            id="two-manuscripts",
        ),
        pytest.param(
            lambda: [result_for(manuscript(CLEAN), extra=[finding("NET001", Severity.INFO)])],
            id="finding-without-span",
        ),
        pytest.param(
            lambda: [result_for(manuscript(CLEAN), extra=[finding("XYZ999", span=Span(0, 1))])],
            id="rule-not-in-catalogue",
        ),
        pytest.param(
            lambda: [result_for(manuscript(MIXED), "/abs/dir with space/p#1.md")],
            id="absolute-path-with-space",
        ),
        pytest.param(lambda: [], id="no-manuscripts"),
    ],
)
def test_output_is_valid_sarif_2_1_0(make, validator: jsonschema.Draft4Validator) -> None:
    doc = sarif(*make())
    validator.validate(doc)
    assert doc["version"] == "2.1.0"


def test_the_schema_rejects_a_broken_report(validator: jsonschema.Draft4Validator) -> None:
    """The schema check is not vacuous: a result without a message fails it."""
    doc = sarif(result_for(manuscript(MIXED)))
    del doc["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(doc)


def test_one_descriptor_per_catalogued_rule_with_help() -> None:
    rules = sarif(result_for(manuscript(CLEAN)))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for descriptor in rules:
        rule = RULES[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert rule.summary in descriptor["fullDescription"]["text"]
        assert f"docs/{rule.doc_page}" in descriptor["help"]["text"]
        assert (Path(__file__).parents[1] / "docs" / rule.doc_page).read_text().count(rule.id)
        expected = {"error": "error", "warning": "warning", "info": "note"}
        assert descriptor["defaultConfiguration"]["level"] == expected[rule.severity.value]


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        pytest.param(Severity.ERROR, "error", id="error"),
        pytest.param(Severity.WARNING, "warning", id="warning"),
        pytest.param(Severity.INFO, "note", id="info-is-note"),
    ],
)
def test_levels(severity: Severity, level: str) -> None:
    result = result_for(manuscript(CLEAN), extra=[finding("CIT005", severity, span=Span(0, 1))])
    (out,) = sarif(result)["runs"][0]["results"]
    assert out["level"] == level


def test_results_carry_rule_index_region_and_fingerprint() -> None:
    result = result_for(manuscript(MIXED), "docs/paper.md")
    run = sarif(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert set(by_rule) == {"CIT001", "CIT002", "CIT004"}
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    cit001 = by_rule["CIT001"]["locations"][0]["physicalLocation"]
    assert cit001["artifactLocation"] == {"uri": "docs/paper.md", "uriBaseId": "%SRCROOT%"}
    # "A (1–2). B (4)." on line 3: "(4)" starts at column 12 and ends before column 15.
    assert cit001["region"] == {"startLine": 3, "startColumn": 12, "endColumn": 15, "endLine": 3}
    assert [r["partialFingerprints"]["citecheck/v1"] for r in run["results"]] == list(
        result_fingerprints(result)
    )
    assert by_rule["CIT002"]["properties"]["references"] == [3]


def test_finding_without_span_has_no_region() -> None:
    result = result_for(manuscript(CLEAN), extra=[finding("NET001", Severity.INFO)])
    (out,) = sarif(result)["runs"][0]["results"]
    assert "region" not in out["locations"][0]["physicalLocation"]


def test_unknown_rule_gets_a_descriptor_too() -> None:
    result = result_for(manuscript(CLEAN), extra=[finding("XYZ999", span=Span(0, 1))])
    run = sarif(result)["runs"][0]
    (out,) = run["results"]
    assert run["tool"]["driver"]["rules"][out["ruleIndex"]]["id"] == "XYZ999"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("paper.md", {"uri": "paper.md", "uriBaseId": "%SRCROOT%"}, id="relative"),
        pytest.param(
            "my paper/v#2.md",
            {"uri": "my%20paper/v%232.md", "uriBaseId": "%SRCROOT%"},
            id="escaped",
        ),
        pytest.param("/srv/p.md", {"uri": "file:///srv/p.md"}, id="absolute"),
    ],
)
def test_artifact_uri(path: str, expected: dict[str, str]) -> None:
    assert artifact_uri(path) == expected
