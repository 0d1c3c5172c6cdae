"""The claims stage on the seed with the project's own reference reader and citation finder."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.claims import Claim, check_claims, extract_claims, load_claim_file
from citecheck.model import Span

citations_module = pytest.importorskip("citecheck.citations.find")
references_module = pytest.importorskip("citecheck.bibliography.references")

BUNDLED = Path(__file__).parent.parent.parent / "claims" / "walenkamp2017-cxcr4.yaml"


def test_seed_end_to_end(seed_text: str) -> None:
    section, references = references_module.read_references(seed_text)
    body_end = section.heading_span.start
    citations = citations_module.find_citations(
        seed_text,
        [r.number for r in references if r.number is not None],
        skip=[Span(body_end, len(seed_text))],
    )
    claims = (
        *load_claim_file(BUNDLED).claims,
        Claim("value", "median PFS 54 d, OS 232 d", (88,)),
        Claim("reference", "median PFS 54 d, OS 223 d", (87,)),
        Claim("missing", "median PFS 54 d, OS 223 d", (89,)),
    )
    report = check_claims(seed_text, citations, references, claims, body_end=body_end)
    assert [(v.verdict.value, [f.rule for f in v.findings]) for v in report.verdicts] == [
        ("linked", []),
        ("linked", []),
        ("linked", []),
        ("mismatch", ["CLM004"]),
        ("mismatch", ["CLM003"]),
        ("mismatch", ["CLM001"]),
    ]
    assert [v.facts.refs for v in report.verdicts[:3]] == [(88,), (67,), (76,)]
    mined = {c.text for c in extract_claims(seed_text, citations, body_end=body_end)}
    assert {
        "median PFS 54 d, OS 223 d",
        "resulting in 70% and 50% fewer lung metastases",
        "with about two thirds of patients having CXCR4-positive disease",
    } <= mined
