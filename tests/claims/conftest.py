"""Fixtures of the claims tests: the seed manuscript, its citations and references.

The citations are found with a tiny local pattern (parenthesised numbers, ranges expanded)
so that these tests do not depend on the citation finder.
"""

from __future__ import annotations

import pytest
from claims_testlib import FIXTURES, numbered_references, paren_citations

from citecheck.model import Citation, Reference


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (FIXTURES / "walenkamp2017-cxcr4.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_body_end(seed_text: str) -> int:
    return seed_text.index("\nREFERENCES\n")


@pytest.fixture(scope="session")
def seed_citations(seed_text: str, seed_body_end: int) -> tuple[Citation, ...]:
    return paren_citations(seed_text, seed_body_end)


@pytest.fixture(scope="session")
def seed_references() -> tuple[Reference, ...]:
    return numbered_references(88)
