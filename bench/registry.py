"""The local registry (issue #19): build rate, DOI look-ups/s, bibliographic matches/s and
match precision, database size — on synthetic Crossref records in the real file format
(``bench/registry_synth.py``), at 10^5 records by default (``--sizes 100000 1000000``;
10^7 takes hours and tens of GB: only on request).

For each size N the generator writes N works as gzipped ``{"items": [...]}`` files, then:

* **read** — the baseline: the files streamed and every record parsed (what any build must
  do), records/s, with the standard library's ``json`` and with the build's decoder
  (msgspec when installed), on the first 100,000 records; **build** — ``build_registry``
  (the same, plus SQLite and FTS5) with ``--jobs`` reader processes: records per CPU second
  of the writing process, per CPU second of all processes, and per wall second;
* **DOI look-ups** — ``work_by_doi`` for random held DOIs (median of 3 passes), next to the
  bare ``SELECT`` of the stored record (the baseline), and ``works_batch`` in 40s;
* **matches** — printed references (Vancouver, with typos, missing issues, first pages,
  years one off) of held works and of works not held: ``search_bibliographic`` then the
  verifier's ``choose_candidate``, references/s; precision = right choices / choices (any
  choice for a work not held is wrong), recall = right choices / references of held works.

    python bench/registry.py [--sizes N ...] [--jobs 2] [--lookups 20000] [--searches 2000]
                             [--workdir DIR] [--write-docs]

10^7 records (``--sizes 10000000``) need about 7 GB for the snapshot and 10 GB for the
database under ``--workdir``, and hours: check ``df -h`` first.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import harness
import registry_synth as synth

harness.use_checkout_source()

from citecheck.localregistry.build import build_registry  # noqa: E402
from citecheck.localregistry.fastjson import codec  # noqa: E402
from citecheck.localregistry.ingest import cyclic_gc_paused  # noqa: E402
from citecheck.localregistry.registry import SqliteRegistry  # noqa: E402
from citecheck.localregistry.snapshot import iter_items, iter_works  # noqa: E402
from citecheck.registry.crossref_work import work_from_message  # noqa: E402
from citecheck.verify.gather import search_text  # noqa: E402
from citecheck.verify.match import choose_candidate  # noqa: E402

SEED = 7


def snapshot(workdir: Path, vocab: synth.Vocabulary, n: int) -> tuple[list[Path], float]:
    directory = workdir / f"snapshot-{n}"
    done = directory / "DONE"
    started = time.perf_counter()
    if not done.exists():
        files = synth.write_snapshot(directory, vocab, n, SEED)
        done.write_text(str(len(files)))
    return sorted(directory.glob("*.json.gz")), time.perf_counter() - started


def cpu_median(run: Callable[[], object], repeat: int = 3) -> float:
    """Median CPU seconds (user + system of this process) of ``run()``, after one warm-up:
    on a machine other work shares, CPU time moves far less than wall time."""
    return harness.median_seconds(run, repeat, clock=time.process_time)


READ_SAMPLE = 100_000  # records read for the baseline


def read_rate(files: list[Path], reader: object = iter_items) -> float:
    """Records per CPU second: the first files streamed, every record made a WorkRecord
    (Python's cyclic GC paused, as the build pauses it while it reads a file)."""
    assert callable(reader)
    started, count = time.process_time(), 0
    with cyclic_gc_paused():
        for path in files[: -(-READ_SAMPLE // synth.PER_FILE)]:
            for item in reader(path):
                work_from_message(item)
                count += 1
    return count / (time.process_time() - started)


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its ended children."""
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def doi_of(vocab: synth.Vocabulary, number: int) -> str:
    return str(next(synth.works(SEED, vocab, number, 1))["DOI"])


def lookup_rates(reg: SqliteRegistry, dois: list[str]) -> tuple[float, float, float]:
    con = reg._con()

    def bare() -> None:
        for d in dois:
            con.execute("SELECT record FROM works WHERE doi = ?", (d,)).fetchone()

    def one() -> None:
        for d in dois:
            assert reg.work_by_doi(d).is_found

    def batches() -> None:
        for i in range(0, len(dois), 40):
            reg.works_batch(dois[i : i + 40])

    rates = [len(dois) / cpu_median(f) for f in (bare, one, batches)]
    return rates[0], rates[1], rates[2]


def match(
    reg: SqliteRegistry, vocab: synth.Vocabulary, n: int, count: int, absent: int
) -> dict[str, float]:
    rng = random.Random(SEED)
    cases = [(num, True) for num in rng.sample(range(n), count)]
    cases += [(n + 10_000_000 + i, False) for i in range(absent)]  # never held
    refs = []
    for num, held in cases:
        work = next(synth.works(SEED, vocab, num, 1))
        refs.append((synth.printed_reference(random.Random(num), work), work["DOI"], held))
    started = time.process_time()
    chosen = []
    for ref, _, _ in refs:
        found = reg.search_bibliographic(search_text(ref), 5)
        decision = choose_candidate(ref, found.value or ())
        chosen.append(decision.chosen.work.doi if decision.chosen else None)
    seconds = time.process_time() - started
    right = sum(c == doi for c, (_, doi, held) in zip(chosen, refs, strict=True) if held)
    made = sum(c is not None for c in chosen)
    wrong_absent = sum(c is not None for c, (_, _, held) in zip(chosen, refs, strict=True)
                       if not held)  # fmt: skip
    return {
        "rate": len(refs) / seconds,
        "precision": right / made if made else 1.0,
        "recall": right / count,
        "wrong_absent": wrong_absent,
        "made": made,
        "right": right,
    }


def measure(workdir: Path, vocab: synth.Vocabulary, n: int, args: argparse.Namespace) -> list[str]:
    files, gen_seconds = snapshot(workdir, vocab, n)
    print(f"{n:,}: {len(files)} files ready ({gen_seconds:.0f} s)", flush=True)
    read_json = read_rate(files)
    read = read_rate(files, iter_works)
    db = workdir / f"registry-{n}.sqlite"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    me, kids = cpu_seconds()
    report = build_registry(db, files, jobs=args.jobs)
    me2, kids2 = cpu_seconds()
    writer, every = n / (me2 - me), n / (me2 - me + kids2 - kids)
    assert report.records == n, report
    size_mb = db.stat().st_size / 1e6
    print(f"  read {read_json:,.0f}/s json, {read:,.0f}/s build's decoder; build "
          f"{writer:,.0f}/s writer CPU, {every:,.0f}/s all CPU, {report.rate:,.0f}/s wall; "
          f"{size_mb:,.0f} MB, load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    reg = SqliteRegistry(db)
    rng = random.Random(SEED + 1)
    dois = [doi_of(vocab, i).lower() for i in rng.sample(range(n), min(args.lookups, n))]
    bare, one, batch = lookup_rates(reg, dois)
    print(f"  look-ups {one:,.0f}/s (bare SELECT {bare:,.0f}/s, batches {batch:,.0f}/s)")
    m = match(reg, vocab, n, min(args.searches, n), args.searches // 4)
    print(
        f"  matches {m['rate']:,.0f}/s, precision {m['precision']:.4f}, "
        f"recall {m['recall']:.4f}, {m['wrong_absent']} chosen for works not held"
    )
    return [
        f"{n:,}", f"{read_json:,.0f}", f"{read:,.0f}", f"{writer:,.0f}", f"{every:,.0f}",
        f"{report.rate:,.0f}", f"{one:,.0f}", f"{bare:,.0f}",
        f"{batch:,.0f}", f"{m['rate']:,.0f}", f"{m['precision']:.4f} ({m['right']}/{m['made']})",
        f"{m['recall']:.4f}", str(m["wrong_absent"]), f"{size_mb:,.0f}",
        f"{size_mb / n * 1e6 / 1e3:,.2f}",
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--jobs", type=int, default=2, help="reader processes of the build")
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--searches", type=int, default=2_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    vocab = synth.load_vocabulary()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="citecheck-registry-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = [measure(workdir, vocab, n, args) for n in args.sizes]
    decoder = "msgspec" if codec() is not None else "json: msgspec is not installed"
    headers = ["records", "read/s json", "read/s build's decoder", "build/s writer CPU",
               "build/s all CPU", "build/s wall", "DOI look-ups/s",
               "bare SELECT/s", "DOIs/s in batches of 40", "matches/s", "precision",
               "recall", "chosen, not held", "DB MB", "GB per million"]  # fmt: skip
    body = harness.table(headers, rows, "r" * len(headers))
    print(body)
    if args.write_docs:
        md = "\n".join([
            "## Local registry: build, look-ups, matches (issue #19)", "",
            *harness.run_description(), "",
            "Synthetic Crossref records in the public data file's format "
            "(`bench/registry_synth.py`: the shape of a recorded REST API record, about 5.5 kB "
            "of JSON each with its reference list; title words, names and journals drawn "
            "from the 3,523 labelled references of `../shared/data/refparse/`), 5,000 a "
            "gzipped file. *read* is the baseline: the first 100,000 records streamed and "
            "each made a `WorkRecord` (cyclic GC paused, as in the build), no database, "
            "with the standard library's `json` and "
            f"with the build's decoder ({decoder}). *build*: `build_registry` with "
            f"{args.jobs} reader processes (unzip, decode, make the rows) and this process "
            "writing SQLite (each file's works indexed by FTS5 in one statement; the index "
            "optimized and its word counts read at the end); records per CPU second of "
            "the writing process, of all processes (the readers' CPU included), and per "
            "wall second (the machine is shared: wall rates move with its load). "
            "Look-ups: median of 3 passes over "
            f"{args.lookups:,} random held DOIs (the bare SELECT of the stored JSON beside "
            f"them). Matches: {args.searches:,} printed references of held works (typos, "
            f"missing issues, first pages only, years one off) and {args.searches // 4:,} of "
            "works not held, each searched (FTS5, 5 candidates) and judged by the verifier's "
            "`choose_candidate`; precision counts any choice for a work not held as wrong. "
            "Look-ups and matches: one process, one thread; the database on local disk, warm "
            "page cache; per CPU second of the process (user + system). The load average "
            f"was {os.getloadavg()[0]:.1f} at the end of the run.",
            "", body,
        ])  # fmt: skip
        harness.write_docs_section("registry", md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
