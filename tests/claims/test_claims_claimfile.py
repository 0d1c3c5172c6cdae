"""Claim files: loading, one-line errors for bad files, writing, and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.claims.claimfile import (
    CLAIM_KEYS,
    DIMENSIONS,
    ENDPOINT_KEYS,
    TOP_KEYS,
    ClaimFileError,
    claim_file_from_text,
    claim_file_text,
    load_claim_file,
)
from citecheck.claims.model import Claim
from citecheck.errors import CitecheckError

ROOT = Path(__file__).parent.parent.parent
BUNDLED = ROOT / "claims" / "walenkamp2017-cxcr4.yaml"
SCHEMA = ROOT / "claims" / "schema.json"


def test_bundled_claim_file_loads() -> None:
    claim_file = load_claim_file(BUNDLED)
    assert [(c.text, c.cites) for c in claim_file.claims] == [
        ("median PFS 54 d, OS 223 d", (88,)),
        ("70 % and 50 % fewer lung metastases", (67,)),
        ("about two thirds of myeloma patients CXCR4-positive", (76,)),
    ]
    assert claim_file.manuscript == "walenkamp2017-cxcr4.md"


def test_single_number_and_endpoint_additions() -> None:
    text = """
claims:
  - {id: 1, text: median TTNT 8 mo, cites: 12}
endpoints:
  - {key: TTNT, name: time to next treatment, abbreviations: [TTNT], dimension: time}
"""
    claim_file = claim_file_from_text(text)
    assert claim_file.claims == (Claim("1", "median TTNT 8 mo", (12,)),)
    assert claim_file.endpoints[0].key == "TTNT" and claim_file.endpoints[0].dimension == "time"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("claims: [", "x.yaml:1:", id="not-yaml"),
        pytest.param(
            "- a\n- b\n",
            "x.yaml: top level: expected a mapping with a 'claims' list, got a list",
            id="top-level-list",
        ),
        pytest.param("claim: []", "x.yaml: top level: unknown key 'claim'", id="unknown-top-key"),
        pytest.param(
            "claims: {}",
            "x.yaml: claims: expected a list of claims, got a mapping",
            id="claims-not-a-list",
        ),
        pytest.param(
            "version: 2\nclaims: []", "x.yaml: version: unsupported version 2", id="version"
        ),
        pytest.param(
            "claims: [{id: a, text: t}]", "x.yaml: claims[0]: missing 'cites'", id="missing-cites"
        ),
        pytest.param(
            "claims: [{id: a, text: t, cites: [1.5]}]",
            "x.yaml: claims[0].cites: expected a reference number or cite key, or a list of "
            "them, got [1.5]",
            id="bad-cites",
        ),
        pytest.param(
            "claims: [{id: a, text: t, cites: 'two words'}]",
            "claims[0].cites: expected a reference number or cite key",
            id="cites-key-with-space",
        ),
        pytest.param(
            "claims: [{id: a, text: t, cites: 0}]",
            "claims[0].cites: expected a reference number",
            id="cites-zero",
        ),
        pytest.param(
            "claims: [{id: a, text: '  ', cites: 1}]",
            "claims[0].text: expected the claim as text",
            id="blank-text",
        ),
        pytest.param(
            "claims: [{id: a, text: t, cites: 1, notes: n}]",
            "claims[0]: unknown key 'notes' (allowed: cites, id, note, text)",
            id="unknown-claim-key",
        ),
        pytest.param(
            "claims: [{id: a, text: t, cites: 1}, {id: a, text: u, cites: 2}]",
            "claims[1].id: duplicate id 'a'",
            id="duplicate-id",
        ),
        pytest.param(
            "claims: []\nendpoints: [{key: X}]",
            "endpoints[0].name: expected text",
            id="endpoint-without-name",
        ),
        pytest.param(
            "claims: []\nendpoints: [{key: X, name: x, dimension: speed}]",
            "endpoints[0].dimension: expected one of",
            id="endpoint-bad-dimension",
        ),
    ],
)
def test_bad_claim_files_give_one_clear_line(text: str, message: str) -> None:
    with pytest.raises(ClaimFileError) as info:
        claim_file_from_text(text, "x.yaml")
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, CitecheckError)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ClaimFileError, match="no such claim file"):
        load_claim_file(tmp_path / "absent.yaml")


def test_written_claim_file_reads_back() -> None:
    claims = (
        Claim("c01", 'median PFS 54 d, "OS" 223 d: yes', (88,), "line 94; respectively"),
        Claim("c02", "more than 30 therapies — # not a comment", (), None),
    )
    claim_file = claim_file_from_text(claim_file_text(claims, "paper.md"))
    assert claim_file.claims == claims
    assert claim_file.manuscript == "paper.md"
    assert claim_file_from_text(claim_file_text(())).claims == ()


def test_schema_describes_what_the_loader_accepts() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert set(schema["properties"]) == TOP_KEYS
    assert set(schema["$defs"]["claim"]["properties"]) == CLAIM_KEYS
    assert set(schema["$defs"]["claim"]["required"]) == {"id", "text", "cites"}
    assert set(schema["$defs"]["endpoint"]["properties"]) == ENDPOINT_KEYS
    assert set(schema["$defs"]["endpoint"]["properties"]["dimension"]["enum"]) == DIMENSIONS
