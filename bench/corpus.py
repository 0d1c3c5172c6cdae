"""Corpus throughput and memory: many manuscripts in one run (issue #18).

Builds a corpus from the development manuscripts (``shared/data/manuscripts/*/manuscript.md``),
each copy varied (a line of its own at the top, and every reference's first author's name
given a suffix of the copy's own), so that no copy repeats another's strings and nothing a
process memoises is reused. Then, offline with claims on (no claim files), each run one
whole process (start-up included), output discarded:

- speed (issue #18's bar): today's code, ``citecheck check DIRS --format jsonl`` over
  ``--count`` manuscripts (2,000) with ``--jobs 1`` (one process) and ``--jobs 2``;
- memory: today's code at ``--small`` (1,000) and ``--large`` (4,000) manuscripts, with
  ``--jobs 1`` (the one process's peak) and ``--jobs 2`` (the driver's own peak, and its
  largest worker's);
- the baseline — the revision before issue #18, exported with ``git archive`` — checking
  the same files the only way it could, ``citecheck check FILE… --format json`` in one
  process, which keeps every result until the end. It checks ~9 manuscripts per second, so
  it runs at the small size only unless ``--baseline-all`` (then at every size).

Each run is timed once (these runs are long): wall seconds, and CPU seconds (user + system,
the run's workers included), so manuscripts per CPU second is the speed per core, which
other work on the machine blurs less than wall time. Peak memory is read by the process
itself at exit (``getrusage``): ``wait4`` would report the largest of the driver and its
workers, not the driver's own.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import harness

BASELINE = "9d349f0^"  # the last revision before the corpus work of issue #18
PER_FOLDER = 100  # manuscripts per folder of the built corpus

# Runs citecheck's command line and, at exit, writes the process's own peak resident kB and
# its largest reaped child's (the --jobs workers) to the file named by CITECHECK_BENCH_PEAK.
_RUNNER = """
import atexit, os, resource
_pid = os.getpid()
def _peaks():
    if os.getpid() == _pid:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with open(os.environ["CITECHECK_BENCH_PEAK"], "w") as out:
            out.write(f"{own} {kids}")
atexit.register(_peaks)
from citecheck.cli import main
main()
"""


def _suffix(k: int) -> str:
    letters = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        letters = chr(ord("a") + r) + letters
    return letters


_ENTRY = re.compile(r"^((?:\[\d+\]|\d+\.)\s+)([A-Z][a-z]+)", re.MULTILINE)


def vary(text: str, k: int) -> str:
    """Copy ``k`` of a manuscript: a first line of its own, first authors renamed."""
    heading = text.rfind("\n## References")
    head, refs = (text, "") if heading < 0 else (text[:heading], text[heading:])
    refs = _ENTRY.sub(lambda m: f"{m.group(1)}{m.group(2)}{_suffix(k)}", refs)
    return f"Corpus copy {k}.\n\n{head}{refs}"


def build_corpus(root: Path, count: int, sources: Sequence[Path]) -> list[Path]:
    """``count`` varied copies in folders of :data:`PER_FOLDER` (``root/000/m00000.md``…)."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        path = root / f"{k // PER_FOLDER:03d}" / f"m{k:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(vary(texts[k % len(texts)], k), encoding="utf-8")
        paths.append(path)
    return paths


def folders(root: Path, count: int) -> list[str]:
    """The folders holding the first ``count`` manuscripts (``count`` a multiple of
    :data:`PER_FOLDER`)."""
    return [str(root / f"{i:03d}") for i in range(count // PER_FOLDER)]


def run(args: Sequence[str], src: Path, peak_file: Path) -> dict[str, float]:
    """One whole run of ``citecheck ARGS`` from ``src``: wall and CPU seconds (its workers
    included), the process's own peak resident MB, its largest worker's, and the exit code."""
    env = {**os.environ, "PYTHONPATH": str(src), "CI": "1", "CITECHECK_BENCH_PEAK": str(peak_file)}
    peak_file.unlink(missing_ok=True)
    started = time.perf_counter()
    argv = [sys.executable, "-c", _RUNNER, *args]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    own, workers = (int(v) for v in peak_file.read_text().split())
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,  # the reaped workers' time included
        "peak": own / 1024,
        "workers": workers / 1024,
        "exit": os.waitstatus_to_exitcode(status),
    }


def export_baseline(target: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", BASELINE, "src"], cwd=harness.REPO_ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"


def plan(args: argparse.Namespace) -> list[tuple[str, int, int]]:
    """The runs: (what for, manuscripts, jobs); jobs 0 is the baseline's one process."""
    runs = [("speed", args.count, 1), ("speed", args.count, 2)]
    for size in (args.small, args.large):
        runs += [("memory", size, 1), ("memory", size, 2)]
    sizes = sorted({args.small, args.count, args.large}) if args.baseline_all else [args.small]
    runs += [("baseline", size, 0) for size in sizes]
    return runs


def row(purpose: str, count: int, jobs: int, got: dict[str, float]) -> list[object]:
    name = "baseline, 1 process (json)" if jobs == 0 else f"today, --jobs {jobs}"
    workers = f"{got['workers']:.0f}" if jobs == 2 else ""
    return [purpose, name, count, f"{got['wall']:.1f}", f"{count / got['wall']:.1f}",
            f"{got['cpu']:.1f}", f"{count / got['cpu']:.1f}", f"{got['peak']:.0f}", workers,
            got["exit"]]  # fmt: skip


HEADERS = ["for", "run", "manuscripts", "wall s", "manuscripts per wall s", "CPU s",
           "manuscripts per CPU s", "peak MB (process; driver)", "peak MB (largest worker)",
           "exit"]  # fmt: skip


def describe(args: argparse.Namespace) -> str:
    baseline = (
        "at every size (`--baseline-all`)"
        if args.baseline_all
        else f"at {args.small:,} manuscripts only: it checks about 9 manuscripts per second, "
        "and `--baseline-all` runs it at every size"
    )
    return (
        f"Corpora of {args.count:,} manuscripts (speed, issue #18's bar) and {args.small:,} "
        f"and {args.large:,} (memory) made from the twelve development manuscripts, every copy "
        "varied; offline, claims on, one run each, whole processes (start-up included), output "
        "discarded. *today* is `citecheck check DIRS --format jsonl` (results streamed, one "
        "line per manuscript). *CPU s* is the run's user + system time with its worker "
        "processes, so *manuscripts per CPU s* is the speed per core, which other work on the "
        "machine blurs less than *manuscripts per wall s*. Peak MB is the resident maximum of "
        "the one process (`--jobs 1`) or of the driver itself (`--jobs 2`), read by the "
        "process at exit; the largest worker's beside it. *baseline* is the revision before "
        f"issue #18 (`{BASELINE}`) checking the same files in one process with `--format json` "
        f"(every result kept to the end), run {baseline}. Exit 1: some manuscript has a "
        "finding at the error threshold."
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=2000, help="manuscripts for the speed runs")
    ap.add_argument("--small", type=int, default=1000, help="the smaller memory corpus")
    ap.add_argument("--large", type=int, default=4000, help="the larger memory corpus")
    ap.add_argument("--baseline-all", action="store_true", help="the baseline at every size")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    sizes = (args.count, args.small, args.large)
    if any(n <= 0 or n % PER_FOLDER for n in sizes):
        ap.error(f"--count, --small and --large are positive multiples of {PER_FOLDER}")
    shared = harness.require_shared()
    sources = sorted((shared / "data" / "manuscripts").glob("*/manuscript.md"))
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="citecheck-corpus-") as tmp:
        work = Path(tmp)
        baseline_src = export_baseline(work)
        today_src = harness.REPO_ROOT / "src"
        root = work / "corpus"
        paths = build_corpus(root, max(sizes), sources)
        out, peak = work / "out.jsonl", work / "peak"
        for purpose, count, jobs in plan(args):
            if jobs == 0:
                got = run(["check", *map(str, paths[:count]), "--format", "json"],
                          baseline_src, peak)  # fmt: skip
            else:
                got = run(["check", *folders(root, count), "--format", "jsonl", "-j", str(jobs),
                           "-o", str(out)], today_src, peak)  # fmt: skip
            rows.append(row(purpose, count, jobs, got))
            print(rows[-1], flush=True)
    body = harness.table(HEADERS, rows, "llrrrrrrrr")
    print(body)
    if args.write_docs:
        md = "\n".join(
            [
                "## Corpus runs: throughput and memory",
                "",
                *harness.run_description(),
                "",
                describe(args),
                "",
                body,
            ]
        )
        harness.write_docs_section("corpus", md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
