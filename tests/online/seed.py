"""The seed manuscript's references and registry records, from tests/fixtures/registry/."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from citecheck.model import Author, Reference, Span

REGISTRY = Path(__file__).resolve().parents[1] / "fixtures" / "registry"


def reference_from_seed(line: dict[str, Any]) -> Reference:
    """A parsed Reference from one line of seed_references.jsonl (printed facts)."""
    f = line["fields"]
    authors = []
    for a in f.get("authors", []):
        family, _, given = a.rpartition(" ")
        authors.append(Author(family, given))
    raw = line["raw"]
    return Reference(
        number=int(line["meta"]["number"]),
        raw=raw,
        span=Span(0, len(raw)),
        authors=tuple(authors),
        et_al=bool(line["meta"].get("etal")),
        title=f.get("title"),
        container=f.get("container"),
        year=f.get("year"),
        volume=f.get("volume"),
        issue=f.get("issue"),
        pages=f.get("pages", "").replace("–", "-") or None,
        doi=f.get("doi"),
        pmid=f.get("pmid"),
    )


@cache
def seed_lines() -> tuple[dict[str, Any], ...]:
    text = (REGISTRY / "seed_references.jsonl").read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line)


def seed_references() -> list[Reference]:
    return [reference_from_seed(line) for line in seed_lines()]


def seed_works() -> list[dict[str, Any]]:
    return json.loads((REGISTRY / "seed_works.json").read_text(encoding="utf-8"))
