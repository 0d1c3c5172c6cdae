"""How well citecheck reads text converted from PDF by ``pdftotext`` (poppler-utils).

The seed exists only as Markdown, so this measures the twelve development PDFs
(``../shared/data/formats/<id>/manuscript.pdf``): each is converted with ``pdftotext`` (plain
reading-order text, no ``-layout``) and checked in-process; references found are compared
with the gold list, citation groups found with the gold groups (same numbers, in order:
a longest common subsequence), and error findings are counted by rule.

    python bench/converted_text.py [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from collections import Counter
from collections.abc import Sequence

import harness

harness.use_checkout_source()

from citecheck.errors import NoReferenceSection  # noqa: E402
from citecheck.inputs import document_from_text  # noqa: E402
from citecheck.model import Severity  # noqa: E402
from citecheck.pipeline import analyze  # noqa: E402


def _common(want: Sequence[tuple[int, ...]], got: Sequence[tuple[int, ...]]) -> int:
    """Length of the longest common subsequence of two lists of groups."""
    row = [0] * (len(got) + 1)
    for w in want:
        diagonal = 0
        for j, g in enumerate(got, 1):
            diagonal, row[j] = row[j], diagonal + 1 if w == g else max(row[j], row[j - 1])
    return row[-1]


def pdf_text(pdf: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    shared = harness.require_shared()
    if shutil.which("pdftotext") is None:
        raise SystemExit("bench: pdftotext not found (apt-get install poppler-utils)")
    rows: list[list[object]] = []
    totals = Counter()
    for folder in sorted((shared / "data" / "formats").glob("*/manuscript.pdf")):
        gold = json.loads((folder.parent / "gold.json").read_text(encoding="utf-8"))
        want = [tuple(c["refs"]) for c in gold["citations"]]
        try:
            analysis = analyze(document_from_text(pdf_text(str(folder)), "manuscript.txt"))
        except NoReferenceSection:
            rows.append([folder.parent.name, f"0/{len(gold['references'])}", "–", "no list"])
            continue
        got = [tuple(c.refs) for c in analysis.citations]
        right = _common(want, got)
        errors = Counter(f.rule for f in analysis.findings if f.severity is Severity.ERROR)
        numbers = {r.number for r in analysis.references}
        refs_right = sum(1 for r in gold["references"] if r["n"] in numbers)
        totals.update(
            refs=refs_right,
            refs_found=len(analysis.references),
            refs_gold=len(gold["references"]),
            right=right,
            extra=len(got) - right,
            gold=len(want),
            errors=sum(errors.values()),
        )
        rows.append(
            [
                folder.parent.name,
                f"{len(analysis.references)} ({refs_right}/{len(gold['references'])})",
                f"{right}/{len(want)}" + (f" +{len(got) - right}" if len(got) > right else ""),
                ", ".join(f"{k}×{v}" for k, v in sorted(errors.items())) or "none",
            ]
        )
    rows.append(
        [
            "**all**",
            f"{totals['refs_found']} ({totals['refs']}/{totals['refs_gold']})",
            f"{totals['right']}/{totals['gold']} +{totals['extra']}",
            f"{totals['errors']} error findings",
        ]
    )
    headers = ["manuscript", "references (gold numbers found)", "citation groups", "errors"]
    body = harness.table(headers, rows, "llll")
    print(body)
    if args.write_docs:
        md = "\n".join(
            [
                "## Text converted from PDF (`pdftotext`)",
                "",
                *harness.run_description(),
                "",
                "The development PDFs converted with `pdftotext` and read as plain text. "
                "References: entries read (gold numbers among them / gold); citation groups: "
                "found with exactly the gold numbers, in order / gold, `+N` groups that are "
                "not gold; errors: error findings by rule. (No PDF of the seed exists.)",
                "",
                body,
            ]
        )
        harness.write_docs_section("converted_text", md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
