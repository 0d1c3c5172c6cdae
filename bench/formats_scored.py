"""Every reader on the multi-format development set, scored by the set's own scorer.

Runs ``../shared/data/formats/score.py FORMAT --run`` (the installed ``citecheck`` command on
every article that has the format, whole process) for each format and prints the pooled line
of each; ``--write-docs`` puts them in ``docs/benchmarks.md`` (section ``formats_scored``).

    python bench/formats_scored.py [--write-docs]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence

import harness

FORMATS = ("md", "docx", "zotero-docx", "tex", "bibitem", "jats", "pdf")


def pooled_line(scorer: str, fmt: str) -> str:
    """score.py's pooled line for one format (``-q``)."""
    done = subprocess.run(
        [sys.executable, scorer, fmt, "--run", "-q"], capture_output=True, text=True, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(f"{fmt}:")]
    return lines[-1] if lines else f"{fmt}: no score ({done.stderr.strip()[-200:]})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    scorer = str(harness.require_shared() / "data" / "formats" / "score.py")
    lines = [f"- {pooled_line(scorer, fmt)}" for fmt in FORMATS]
    print(*lines, sep="\n")
    if args.write_docs:
        harness.write_docs_section(
            "formats_scored",
            "\n".join(
                [
                    "## Every reader, scored by the development set's own scorer",
                    "",
                    *harness.run_description(),
                    "- how: `../shared/data/formats/score.py FORMAT --run -q` for each format "
                    "(the `citecheck` command on every article that has it, whole process)",
                    "",
                    *lines,
                ]
            ),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
