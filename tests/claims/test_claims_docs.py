"""docs/claims.md says what the code does: rules, endpoints, example messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from claims_testlib import numbered_references, paren_citations

from citecheck.claims import DEFAULT_ENDPOINTS, Claim, ClaimOptions, check_claims
from citecheck.rules import RULES

DOC = (Path(__file__).parent.parent.parent / "docs" / "claims.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", sorted(r for r in RULES if r.startswith("CLM")))
def test_every_rule_is_documented_with_its_severity(rule: str) -> None:
    severity = RULES[rule].severity
    assert re.search(rf"^### {rule} — .*\({severity.value}\)$", DOC, re.MULTILINE)


def test_every_endpoint_is_in_the_table() -> None:
    rows = {m.group(1) for m in re.finditer(r"^\| (\w+) \| ", DOC, re.MULTILINE)}
    assert {e.key for e in DEFAULT_ENDPOINTS} <= rows


@pytest.mark.parametrize(
    ("text", "claim", "message"),
    [
        pytest.param(
            "PFS was 54 d (2).",
            Claim("a", "PFS 54 d", (3,)),
            "claim 'a' cites reference 3, which the reference list (1–2) does not have; "
            "the sentence carrying it cites 2",
            id="CLM001",
        ),
        pytest.param(
            "PFS was 54 d (2).",
            Claim("a", "ORR 45%", (2,)),
            "claim 'a' ('ORR 45%'): no sentence states ORR 45%",
            id="CLM002",
        ),
        pytest.param(
            "PFS was 54 d (2). OS was 223 d (1).",
            Claim("a", "PFS 54 d", (1,)),
            "claim 'a' cites 1, but the sentence carrying it at 1:1 cites 2",
            id="CLM003",
        ),
        pytest.param(
            "Median PFS and OS were 54 and 223 d, respectively (2).",
            Claim("a", "median PFS 54 d, OS 232 d", (2,)),
            "claim 'a': OS 232 d, but the manuscript says OS 223 d (respectively) at 1:31 "
            "(value differs)",
            id="CLM004",
        ),
    ],
)
def test_documented_messages(text: str, claim: Claim, message: str) -> None:
    report = check_claims(
        text,
        paren_citations(text),
        numbered_references(2),
        [claim],
        options=ClaimOptions(report_uncited=False),
    )
    assert report.findings[0].message.startswith(message)
    assert message.split(" at ")[0] in " ".join(DOC.split())
