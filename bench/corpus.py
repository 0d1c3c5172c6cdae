"""Corpus throughput and memory: many manuscripts in one run (issue #18).

Builds a corpus from the development manuscripts (``shared/data/manuscripts/*/manuscript.md``),
each copy varied (a line of its own at the top, and every reference's first author's name
given a suffix of the copy's own), so that no copy repeats another's strings and nothing a
process memoises is reused. Then, offline with claims on (no claim files):

- today's code, ``citecheck check DIR --format jsonl``, with ``--jobs 2`` and ``--jobs 1``
  (one process): manuscripts per second, whole-process wall time (start-up included);
- the baseline — the revision before issue #18, exported with ``git archive`` — checking the
  same files the only way it could, ``citecheck check FILE… --format json`` in one process,
  which keeps every result until the end;
- peak memory (the process's maximum resident set, from ``wait4``) of one process at a small
  and a 4x larger corpus, for both.

Every figure is one run (these runs are long), measured in the same session on the same
machine, on a machine shared with other work: wall times are noisy.
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
    texts = [p.read_text(encoding="utf-8") for p in sources]
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        path = root / f"{k // 100:03d}" / f"m{k:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(vary(texts[k % len(texts)], k), encoding="utf-8")
        paths.append(path)
    return paths


def run(argv: Sequence[str], src: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (with the pool's workers), peak resident kB of the process
    itself and exit code of one run (output discarded)."""
    env = {**os.environ, "PYTHONPATH": str(src), "CI": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime  # the waited-for workers' time included
    return seconds, cpu, int(usage.ru_maxrss), process.returncode


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from citecheck.cli import main; main()", *args]


def export_baseline(target: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", BASELINE, "src"], cwd=harness.REPO_ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=600, help="manuscripts for the speed runs")
    ap.add_argument("--small", type=int, default=150, help="the small corpus for memory")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    shared = harness.require_shared()
    sources = sorted((shared / "data" / "manuscripts").glob("*/manuscript.md"))
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="citecheck-corpus-") as tmp:
        work = Path(tmp)
        baseline_src = export_baseline(work)
        today_src = harness.REPO_ROOT / "src"
        for count in (args.small, args.count):
            folder = work / f"corpus{count}"
            paths = build_corpus(folder, count, sources)
            out = work / "out.jsonl"
            plain = [str(p) for p in paths]
            runs = [
                ("baseline, 1 process", baseline_src, _cli("check", *plain, "--format", "json")),
                ("today, --jobs 1", today_src,
                 _cli("check", str(folder), "--format", "jsonl", "-j", "1", "-o", str(out))),
            ]  # fmt: skip
            if count == args.count:
                runs.append(
                    (f"today, --jobs {args.jobs}", today_src,
                     _cli("check", str(folder), "--format", "jsonl", "-j", str(args.jobs),
                          "-o", str(out)))
                )  # fmt: skip
            for label, src, command in runs:
                seconds, cpu, peak_kb, code = run(command, src)
                rows.append([label, count, f"{seconds:.1f}", f"{count / seconds:.1f}",
                             f"{cpu:.1f}", f"{count / cpu:.1f}", f"{peak_kb / 1024:.0f}",
                             code])  # fmt: skip
                print(rows[-1], flush=True)
    headers = ["run", "manuscripts", "wall s", "manuscripts/s", "CPU s", "manuscripts per CPU s",
               "peak MB (one process)", "exit"]  # fmt: skip
    body = harness.table(headers, rows, "lrrrrrrr")
    print(body)
    if args.write_docs:
        md = "\n".join(
            [
                "## Corpus runs: throughput and memory",
                "",
                *harness.run_description(),
                "",
                f"{args.count} manuscripts (and {args.small} for the memory comparison) made "
                "from the twelve development manuscripts, every copy varied; offline, claims "
                "on, one run each, whole processes (start-up included); *CPU s* is the run's "
                "user + "
                "system time with its worker processes, so *manuscripts per CPU s* is the "
                "speed per core, which other work on the machine blurs less than wall time. "
                "*baseline* is the "
                f"revision before issue #18 (`{BASELINE}`) checking the same files in one "
                "process with `--format json` (every result kept to the end); *today* is "
                "`citecheck check DIR --format jsonl` (results streamed). Peak MB is the "
                "resident maximum of the one process (for `--jobs 2` the driver only). "
                "Exit 1: some manuscript has a finding at the error threshold.",
                "",
                body,
            ]
        )
        harness.write_docs_section("corpus", md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
