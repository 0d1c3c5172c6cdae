"""The claims part of the JSON report, and finding a manuscript's claim file."""

from __future__ import annotations

import json
from pathlib import Path

from citecheck.claims import Claim, check_claims
from citecheck.claims.claimfile import find_claim_file
from citecheck.report.claims import claims_as_json, location


def test_claims_as_json(seed_text, seed_citations, seed_references, seed_body_end) -> None:
    claims = [
        Claim("ok", "median PFS 54 d, OS 223 d", (88,), "pilot"),
        Claim("bad", "median PFS 54 d, OS 232 d", (88,)),
        Claim("gone", "hazard ratio 0.65", (88,)),
    ]
    report = check_claims(
        seed_text, seed_citations, seed_references, claims, body_end=seed_body_end
    )
    out = json.loads(json.dumps(claims_as_json(report, seed_text)))
    ok, bad, gone = out
    assert ok["verdict"] == "linked" and ok["rules"] == [] and ok["note"] == "pilot"
    assert ok["sentence"]["line"] == 94 and ok["sentence"]["refs"] == [88]
    assert ok["pairings"][0]["pairs"] == [
        {"label": "progression-free survival", "endpoint": "PFS", "quantity": "54"},
        {"label": "overall survival", "endpoint": "OS", "quantity": "223 d"},
    ]
    assert [q["status"] for q in ok["quantities"]] == ["agree", "agree"]
    assert bad["verdict"] == "mismatch" and bad["rules"] == ["CLM004"]
    assert bad["quantities"][1] == {
        "claim": "OS 232 d",
        "manuscript": "OS 223 d",
        "manuscript_text": "223 d",
        "via": "respectively",
        "status": "differs",
        "differs": "value",
    }
    assert gone["verdict"] == "not found" and gone["sentence"] is None


def test_location_is_one_based() -> None:
    from citecheck.model import Span

    assert location("ab\ncd", Span(3, 4)) == {"start": 3, "end": 4, "line": 2, "column": 1}


def test_find_claim_file_by_convention(tmp_path: Path) -> None:
    manuscript = tmp_path / "paper" / "study.md"
    manuscript.parent.mkdir()
    manuscript.write_text("text")
    assert find_claim_file(manuscript, cwd=tmp_path) is None
    project = tmp_path / "claims" / "study.yaml"
    project.parent.mkdir()
    project.write_text("claims: []")
    assert find_claim_file(manuscript, cwd=tmp_path) == project
    beside = manuscript.parent / "claims" / "study.yaml"
    beside.parent.mkdir()
    beside.write_text("claims: []")
    assert find_claim_file(manuscript, cwd=tmp_path) == beside
    named = manuscript.parent / "study.claims.yaml"
    named.write_text("claims: []")
    assert find_claim_file(manuscript, cwd=tmp_path) == named
