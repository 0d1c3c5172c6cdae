"""What every benchmark script shares: where things are, how a run is timed and described,
how a table is drawn, and how a script rewrites its own section of ``docs/benchmarks.md``.

Not a test helper: benchmarks are run by hand (see ``bench/README.md``) and never assert on
time. Paths are resolved from this file, so the scripts work from any working directory and
in CI, where ``shared/`` is a sibling of the clone.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = (REPO_ROOT.parent / "shared").resolve()
DOCS_FILE = REPO_ROOT / "docs" / "benchmarks.md"
SEED = SHARED / "seed" / "walenkamp2017-cxcr4.md"

DOCS_PREAMBLE = """# Benchmarks

Measured by the scripts in `bench/` (how to run them: `bench/README.md`). Each section below is
rewritten by its own script with `--write-docs`; the text between the `bench:` markers is
generated, so edit the script, not the section. Speeds are medians of several runs and are
compared with a baseline measured in the same run on the same machine.
"""


def use_checkout_source() -> None:
    """Import ``citecheck`` from this checkout's ``src/``, whatever is installed."""
    src = str(REPO_ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)


def require_shared() -> Path:
    """The ``shared/`` folder beside the clone, or exit with one clear line."""
    if not SHARED.is_dir():
        raise SystemExit(f"bench: {SHARED} not found (shared/ must sit beside the clone)")
    return SHARED


def citecheck_command() -> list[str]:
    """The ``citecheck`` console script of the running interpreter's environment."""
    beside = Path(sys.executable).with_name("citecheck")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("citecheck")
    if found:
        return [found]
    raise SystemExit(
        "bench: no `citecheck` command found; install the project first (pip install -e .)"
    )


def display_command(argv: Sequence[str]) -> str:
    """A command line as a reader would type it from the repository root: the program by its
    name, paths relative to the root (``../shared/...``)."""
    shown = []
    for i, arg in enumerate(argv):
        path = Path(arg)
        if path.is_absolute():
            arg = path.name if i == 0 else os.path.relpath(path, REPO_ROOT)
        shown.append(shlex.quote(arg))
    return " ".join(shown)


def this_command() -> str:
    """The command that started this script, relative to the repository root."""
    script = os.path.relpath(Path(sys.argv[0]).resolve(), REPO_ROOT)
    return display_command(["python", script, *sys.argv[1:]])


def git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--", "src", "pyproject.toml"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{rev}{' + uncommitted changes in src/' if dirty else ''}"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_description() -> list[str]:
    """Date, machine, interpreter and revision, as Markdown bullet lines."""
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"- date: {now}; citecheck revision {git_revision()}",
        f"- machine: {platform.system()} {platform.machine()}, nproc {cpu_count()}, {cpu_model()}",
        f"- python: {platform.python_implementation()} {platform.python_version()}",
        f"- command: `{this_command()}`",
    ]


def median_seconds(
    run: Callable[[], object],
    repeat: int,
    warmup: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """Median time of ``run()`` over ``repeat`` runs, after ``warmup`` untimed runs: wall
    time, or CPU time with ``clock=time.process_time``."""
    for _ in range(warmup):
        run()
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return statistics.median(times)


def time_process(argv: Sequence[str], repeat: int, cwd: Path | None = None) -> float:
    """Median whole-process wall time of a command (output discarded)."""

    def run() -> None:
        subprocess.run(
            list(argv),
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )

    return median_seconds(run, repeat)


def python_startup_seconds(repeat: int) -> float:
    """The baseline for whole-process times: ``python -c pass`` with the same interpreter."""
    return time_process([sys.executable, "-c", "pass"], repeat)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str = "") -> str:
    """A Markdown pipe table (also readable as plain text). ``align``: one of l/r per column."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    align = align or "l" + "r" * (len(headers) - 1)

    def line(row: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if a == "l" else c.rjust(w)
            for c, w, a in zip(row, widths, align, strict=True)
        ]
        return "| " + " | ".join(parts) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":" if a == "r" else ":" + "-" * (w + 1))
            for w, a in zip(widths, align, strict=True)
        )
        + "|"
    )
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def write_docs_section(name: str, markdown: str) -> Path:
    """Replace the text between ``<!-- bench:NAME:start -->`` and ``...:end -->`` in
    ``docs/benchmarks.md`` (appending the section if it is not there yet)."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = DOCS_FILE.read_text(encoding="utf-8") if DOCS_FILE.exists() else DOCS_PREAMBLE
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOCS_FILE.parent.mkdir(parents=True, exist_ok=True)
    DOCS_FILE.write_text(text, encoding="utf-8")
    return DOCS_FILE
