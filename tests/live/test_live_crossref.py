"""One real look-up against Crossref, to see that the client still matches the service."""

from __future__ import annotations

import pytest

from citecheck.bibliography.parse import parse_reference
from citecheck.registry.settings import OnlineOptions
from citecheck.verify import verify_references

pytestmark = pytest.mark.live

SEED_REF_88 = (
    "Lapa C, Herrmann K, Schirbel A, et al. CXCR4-directed endoradiotherapy induces high "
    "response rates in extramedullary relapsed multiple myeloma. Theranostics. "
    "2017;7:1589–1597."
)


def test_a_seed_reference_is_found_and_agrees_with_crossref() -> None:
    ref = parse_reference(SEED_REF_88, number=88)
    result = verify_references(
        [ref], OnlineOptions(email="citecheck-tests@example.org", cache=False)
    )
    (verdict,) = result.verdicts
    if verdict.status == "unavailable":
        pytest.skip(f"Crossref could not be reached: {verdict.detail}")
    assert verdict.status in ("found", "verified")
    assert verdict.doi and verdict.doi.startswith("10.7150/")
    assert not [f for f in result.findings if f.rule == "META001"]
