"""The seed manuscript's references and registry records, from tests/fixtures/registry/."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from citecheck.model import Author, Reference, Span

from .registry_server import RegistryData

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


def seed_pmid(number: int) -> str:
    """The made-up PMID of seed reference ``number`` (99000001–99000088; not real PMIDs)."""
    return f"990000{number:02d}"


def seed_pubmed() -> dict[str, dict[str, Any]]:
    """PubMed esummary records for the seed's works, keyed by PMID: the registry's values
    (title, authors, volume, pages, year, DOI) with the NLM journal abbreviation the
    manuscript prints as ``source`` (the Vancouver style prints NLM abbreviations)."""
    records: dict[str, dict[str, Any]] = {}
    for line, w in zip(seed_lines(), seed_works(), strict=True):
        number = int(line["meta"]["number"])
        pmid = seed_pmid(number)
        authors = [
            {"name": f"{a['family']} {''.join(c for c in a.get('given', '') if c.isupper())}",
             "authtype": "Author"}
            for a in w.get("author", [])
        ]  # fmt: skip
        title = re.sub(r"<[^>]+>", "", w["title"][0])
        records[pmid] = {
            "uid": pmid,
            "pubdate": str(w["issued"]["date-parts"][0][0]),
            "source": line["fields"].get("container", ""),
            "fulljournalname": (w.get("container-title") or [""])[0],
            "authors": authors,
            "title": title + ".",
            "volume": w.get("volume", ""),
            "issue": w.get("issue", ""),
            "pages": w.get("page", ""),
            "pubtype": ["Journal Article"],
            "articleids": [
                {"idtype": "pubmed", "idtypen": 1, "value": pmid},
                {"idtype": "doi", "idtypen": 3, "value": w["DOI"]},
            ],
        }
    return records


@cache
def seed_abstracts() -> tuple[dict[str, Any], ...]:
    """The abstracts WRITTEN FOR THE TEST for refs 88, 67 and 76 (see the fixture's note)."""
    body = json.loads((REGISTRY / "seed_abstracts.json").read_text(encoding="utf-8"))
    return tuple(body["abstracts"])


def seed_registry_data() -> RegistryData:
    """The local registry's data for the seed: its 88 works and their PubMed records (for
    esummary and the citation matcher), plus the written abstracts served as PubMed efetch
    (with esearch by DOI), Europe PMC and Crossref JATS."""
    works = seed_works()
    by_doi = {w["DOI"].lower(): w for w in works}
    pubmed: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    pmid_by_doi: dict[str, str] = {}
    europepmc: list[dict[str, Any]] = []
    for a in seed_abstracts():
        doi = a["doi"].lower()
        if a["serve_as"] == "pubmed":
            pubmed[a["pmid"]] = (a["title"], [tuple(s) for s in a["sections"]])
            pmid_by_doi[doi] = a["pmid"]
        elif a["serve_as"] == "europepmc":
            work = by_doi[doi]
            europepmc.append(
                {
                    "id": a["doi"],
                    "source": "MED",
                    "doi": a["doi"],
                    "title": work["title"][0],
                    "abstractText": a["abstractText"],
                    "pubYear": "2006",
                }
            )
        else:
            by_doi[doi] = {**by_doi[doi], "abstract": a["abstract"]}
    return RegistryData(
        list(by_doi.values()),
        pubmed=seed_pubmed(),
        pubmed_abstracts=pubmed,
        pmid_by_doi=pmid_by_doi,
        europepmc=europepmc,
    )
