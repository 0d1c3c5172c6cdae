"""Precision of the PubMed agreement test that a citation-matcher PMID must pass (batch
resolution, ``citecheck.verify.resolve.pubmed_agrees``).

NCBI's citation matcher keys on journal, volume and first page and tolerates a different
author or year, so it can return another work's PMID. For every labelled reference
(``../shared/data/refparse/``: the seed's 88 and PLOS's 3,429 with a title) this builds
PubMed esummary records styled as PubMed holds them (title ending in a full stop, authors
``Family AB``, some years a year earlier: online first; volume and pages as printed) and asks
whether the record is the reference:

* **own** — the reference's own record: accepting is right (recall);
* **neighbour** — the record of the most similar other reference (same topic words): any
  acceptance is wrong;
* **same journal** — the nearest other reference in the same journal (what a slip in the
  volume or page would make the matcher return): any acceptance is wrong;
* **same first author** — the nearest other work by the same first author: wrong to accept.

A record passing here must still pass the search-candidate test on its Crossref record
(``bench/doi_matching.py``) before citecheck suggests a DOI.

    python bench/pubmed_gate.py [--write-docs]
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from typing import Any

import harness

harness.use_checkout_source()

from doi_matching import load, reference, tokens  # noqa: E402

from citecheck.model import Author  # noqa: E402
from citecheck.registry.normalize import normalize_title  # noqa: E402
from citecheck.registry.records import PubmedRecord  # noqa: E402
from citecheck.verify.resolve import pubmed_agrees  # noqa: E402


def _chance(key: str) -> float:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") / 2**32


def pubmed_record(i: int, line: dict[str, Any]) -> PubmedRecord:
    f = line["fields"]
    authors = tuple(
        Author(*a.rsplit(" ", 1)) if " " in a else Author(a) for a in f.get("authors") or ()
    )
    year = int(f["year"][:4]) if str(f.get("year") or "")[:4].isdigit() else None
    if year and _chance(f"{i}:online") < 0.15:
        year -= 1
    return PubmedRecord(
        str(i),
        (f.get("title") or "") + ".",
        authors,
        year,
        f.get("container", ""),
        volume=str(f.get("volume") or ""),
        pages=str(f.get("pages") or "").replace("–", "-"),
    )


def first_family(line: dict[str, Any]) -> str:
    return ((line["fields"].get("authors") or [""])[0].split(" ") or [""])[0].lower()


def run() -> tuple[Counter[str], Counter[str], list[str]]:
    lines = load("seed_jnm2017.jsonl")
    lines += [x for x in load("plos_starter_mixed.jsonl") if x["fields"].get("title")]
    titles = [normalize_title(x["fields"]["title"]).replace(" ", "") for x in lines]
    index = [tokens(x["fields"]["title"]) for x in lines]
    records = [pubmed_record(i, x) for i, x in enumerate(lines)]
    cases: Counter[str] = Counter()
    accepted: Counter[str] = Counter()
    wrong: list[str] = []
    for i, line in enumerate(lines):
        ref = reference(i, line)
        others = sorted(
            (j for j in range(len(lines)) if titles[j] != titles[i]),
            key=lambda j: len(index[i] & index[j]),
            reverse=True,
        )[:200]
        picks = {"own": i, "neighbour": others[0] if others else None}
        journal = line["fields"].get("container")
        picks["same journal"] = next(
            (j for j in others if lines[j]["fields"].get("container") == journal), None
        )
        picks["same first author"] = next(
            (j for j in others if first_family(lines[j]) == first_family(line)), None
        )
        for kind, j in picks.items():
            if j is None:
                continue
            cases[kind] += 1
            if pubmed_agrees(ref, records[j]):
                accepted[kind] += 1
                if kind != "own":
                    wrong.append(f"{kind}: {line['raw'][:90]} ← {lines[j]['raw'][:90]}")
    return cases, accepted, wrong


def report(cases: Counter[str], accepted: Counter[str], wrong: list[str]) -> str:
    right = accepted["own"]
    total = sum(accepted.values())
    rows = [[k, cases[k], accepted[k]] for k in ("own", "neighbour", "same journal",
                                                  "same first author")]  # fmt: skip
    lines = [
        "## PubMed agreement test for citation-matcher PMIDs (batch resolution)",
        "",
        "Whether `pubmed_agrees` accepts a PubMed record as the printed reference: the "
        "reference's own record (title with a full stop, authors `Family AB`, 15 % a year "
        "early, volume and pages) and three wrong ones a citation matcher could return — the "
        "most similar other reference, the nearest in the same journal, the nearest by the "
        "same first author. Data: the seed's 88 and PLOS's references with a title "
        "(`../shared/data/refparse/`).",
        "",
        *harness.run_description(),
        "",
        harness.table(["record offered", "cases", "accepted"], rows, "lrr"),
        "",
        f"Precision {right / total:.4f} ({total - right} wrong of {total} accepted); "
        f"recall on own records {right / cases['own']:.4f}."
        if total
        else "Nothing accepted.",
    ]
    if wrong:
        lines += ["", "Wrong acceptances (first 10):", "", *[f"- {w}" for w in wrong[:10]]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    text = report(*run())
    print(text)
    if args.write_docs:
        print(f"wrote {harness.write_docs_section('pubmed-gate', text)}")


if __name__ == "__main__":
    main()
