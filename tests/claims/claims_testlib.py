"""Helpers of the claims tests (a module beside them, importable as ``claims_testlib``)."""

from __future__ import annotations

import re
from pathlib import Path

from citecheck.model import Citation, Reference, Span

FIXTURES = Path(__file__).parent.parent / "fixtures"
_PAREN = re.compile(r"\((\d+(?:[–-]\d+)?(?:,\s*\d+(?:[–-]\d+)?)*)\)")


def expand(body: str) -> tuple[int, ...]:
    refs: list[int] = []
    for part in body.split(","):
        bounds = re.split(r"[–-]", part.strip())
        refs += range(int(bounds[0]), int(bounds[-1]) + 1)
    return tuple(refs)


def paren_citations(text: str, end: int | None = None) -> tuple[Citation, ...]:
    return tuple(
        Citation(Span(m.start(), m.end()), m.group(), expand(m.group(1)), "paren")
        for m in _PAREN.finditer(text, 0, len(text) if end is None else end)
    )


def numbered_references(count: int) -> tuple[Reference, ...]:
    return tuple(Reference(n, f"reference {n}", Span(0, 0)) for n in range(1, count + 1))
