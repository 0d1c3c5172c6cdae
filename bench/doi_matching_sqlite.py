"""DOI suggestion precision through the local registry (issue #19): the labelled references
of ``bench/doi_matching.py`` searched in an SQLite registry instead of being handed
candidate lists.

The references are split in two halves by position (every other one). The database holds
the records of the first half (styled as deposits by ``doi_matching.record``), and beside
each its correction notice and its preprint (``doi_matching.variants``): near-duplicates
that must not be suggested. Each reference is then searched (``search_bibliographic``,
5 candidates, from its raw string as ``--online`` sends it) and the verifier's
``choose_candidate`` decides:

* **held** — a reference of the first half: right when its own record (or that of another
  citation of the same work) is chosen;
* **not held** — a reference of the second half whose work is not in the first: any
  suggestion is wrong.

Precision = right suggestions / suggestions; recall = right suggestions / held references.

    python bench/doi_matching_sqlite.py [--data seed+plos|grobid] [--limit N] [--write-docs]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import doi_matching as dm
import harness

harness.use_checkout_source()

from citecheck.localregistry.build import build_registry  # noqa: E402
from citecheck.localregistry.registry import SqliteRegistry  # noqa: E402
from citecheck.registry.normalize import normalize_title  # noqa: E402
from citecheck.verify.gather import search_text  # noqa: E402
from citecheck.verify.match import choose_candidate  # noqa: E402


def lines_for(data: str, limit: int | None) -> list[dict[str, object]]:
    if data == "grobid":
        lines = [line for line in dm.load("grobid_citation.jsonl") if dm.usable(line)]
    else:
        lines = dm.load("seed_jnm2017.jsonl")
        plos = dm.load("plos_starter_mixed.jsonl")
        lines += [line for line in plos if line["fields"].get("title")]
    return lines[:limit] if limit else lines


def work_key(line: dict[str, object]) -> tuple[str, str]:
    f = line["fields"]
    assert isinstance(f, dict)
    first = (f.get("authors") or [""])[0].split(" ")[0].lower()
    return normalize_title(f["title"]).replace(" ", ""), first


def run(data: str, limit: int | None, workdir: Path) -> tuple[Counter[str], list[str], float]:
    import json

    lines = lines_for(data, limit)
    held = set(range(0, len(lines), 2))
    doi_of_key: dict[tuple[str, str], set[str]] = {}
    snapshot = workdir / "records.jsonl"
    with snapshot.open("w", encoding="utf-8") as out:
        for i in sorted(held):
            rec = dm.record(i, lines[i], f"10.5555/bench.{i}")
            doi_of_key.setdefault(work_key(lines[i]), set()).add(rec["DOI"])
            for item in (rec, *dm.variants(rec).values()):
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
    db = workdir / "registry.sqlite"
    report = build_registry(db, [snapshot])
    assert not report.skipped, report.skipped
    reg = SqliteRegistry(db)
    tally: Counter[str] = Counter()
    wrong: list[str] = []
    started = time.process_time()
    for i, line in enumerate(lines):
        ref = dm.reference(i, line)
        right = doi_of_key.get(work_key(line), set())
        kind = "held" if right else "not held"
        tally[f"{kind}: cases"] += 1
        found = reg.search_bibliographic(search_text(ref), 5)
        chosen = choose_candidate(ref, found.value or ()).chosen
        if chosen is None:
            tally[f"{kind}: missed" if right else f"{kind}: abstained"] += 1
            continue
        tally["suggested"] += 1
        if chosen.work.doi in right:
            tally[f"{kind}: right"] += 1
        else:
            tally[f"{kind}: wrong"] += 1
            if len(wrong) < 8:
                wrong.append(f"{kind}: {ref.raw[:90]!r} → {chosen.work.doi} "
                             f"{chosen.work.title[:60]!r} ({chosen.evidence()})")  # fmt: skip
    return tally, wrong, time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--data", choices=["seed+plos", "grobid"], default="seed+plos")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="citecheck-doi-sqlite-") as tmp:
        tally, wrong, seconds = run(args.data, args.limit, Path(tmp))
    right = tally["held: right"]
    made = tally["suggested"]
    wrong_n = tally["held: wrong"] + tally["not held: wrong"]
    precision = right / made if made else 1.0
    recall = right / tally["held: cases"] if tally["held: cases"] else 0.0
    rows = [
        [kind, tally[f"{kind}: cases"], tally[f"{kind}: right"], tally[f"{kind}: wrong"],
         tally[f"{kind}: missed"] + tally[f"{kind}: abstained"]]
        for kind in ("held", "not held")
    ]  # fmt: skip
    body = harness.table(["references", "cases", "right", "wrong", "no suggestion"], rows, "lrrrr")
    cases = tally["held: cases"] + tally["not held: cases"]
    text = "\n".join([
        f"## Local registry: DOI suggestion precision through SQLite search, {args.data}", "",
        f"`bench/doi_matching_sqlite.py`: the labelled references of `bench/doi_matching.py` "
        f"({dm.SOURCES[args.data]}), every other one held in a local registry with its "
        "correction notice and its preprint beside it; each reference searched there "
        "(FTS5 + rapidfuzz, 5 candidates) and judged by `choose_candidate`.", "",
        *harness.run_description(), "", body, "",
        f"**Precision {precision:.4f}** ({wrong_n} wrong of {made} suggestions; target ≥ "
        f"0.995); recall {recall:.4f} of the held references; {cases / seconds:,.0f} "
        "references per CPU second (search and judging).",
        *(["", "Wrong suggestions (first few):", "", *(f"- {w}" for w in wrong)] if wrong else []),
    ])  # fmt: skip
    print(text)
    if args.write_docs:
        print(f"wrote {harness.write_docs_section(f'registry-matching-{args.data}', text)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
