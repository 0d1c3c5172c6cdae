"""How well citecheck reads text converted from PDF by ``pdftotext`` (poppler-utils).

It measures the twelve development PDFs (``../shared/data/formats/<id>/manuscript.pdf``)
and the bundled example's PDF (``tests/fixtures/converted/walenkamp2017-cxcr4.pdf``, printed
the same way; gold ``bench/gold/walenkamp2017-cxcr4.json``): each is converted with
``pdftotext`` (plain reading-order text; the seed also with ``-layout``) and checked
in-process; references found are compared with the gold list, citation groups found with
the gold groups (same numbers, in order: a longest common subsequence), and error findings
are counted by rule.

    python bench/converted_text.py [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

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


def pdf_text(pdf: str, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, pdf, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


_SEED_PDF = harness.REPO_ROOT / "tests" / "fixtures" / "converted" / "walenkamp2017-cxcr4.pdf"
_SEED_GOLD = harness.REPO_ROOT / "bench" / "gold" / "walenkamp2017-cxcr4.json"


def cases(
    shared: Path,
) -> list[tuple[str, Path, tuple[str, ...], list[tuple[int, ...]], list[int]]]:
    """(name, PDF, pdftotext options, gold groups, gold reference numbers) per case."""
    out = []
    for folder in sorted((shared / "data" / "formats").glob("*/manuscript.pdf")):
        gold = json.loads((folder.parent / "gold.json").read_text(encoding="utf-8"))
        want = [tuple(c["refs"]) for c in gold["citations"]]
        out.append((folder.parent.name, folder, (), want, [r["n"] for r in gold["references"]]))
    seed = json.loads(_SEED_GOLD.read_text(encoding="utf-8"))
    want = [tuple(c["refs"]) for c in seed["citations"]]
    numbers = list(range(1, seed["stats"]["references"] + 1))
    out.append(("walenkamp2017-cxcr4 (seed)", _SEED_PDF, (), want, numbers))
    out.append(("walenkamp2017-cxcr4 (seed, -layout)", _SEED_PDF, ("-layout",), want, numbers))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    shared = harness.require_shared()
    if shutil.which("pdftotext") is None:
        raise SystemExit("bench: pdftotext not found (apt-get install poppler-utils)")
    rows: list[list[object]] = []
    totals = Counter()
    for name, pdf, options, want, gold_numbers in cases(shared):
        try:
            text = pdf_text(str(pdf), *options)
            analysis = analyze(document_from_text(text, "manuscript.txt"))
        except NoReferenceSection:
            rows.append([name, f"0/{len(gold_numbers)}", "–", "no list"])
            continue
        got = [tuple(c.refs) for c in analysis.citations]
        right = _common(want, got)
        errors = Counter(f.rule for f in analysis.findings if f.severity is Severity.ERROR)
        numbers = {r.number for r in analysis.references}
        refs_right = sum(1 for n in gold_numbers if n in numbers)
        totals.update(
            refs=refs_right,
            refs_found=len(analysis.references),
            refs_gold=len(gold_numbers),
            right=right,
            extra=len(got) - right,
            gold=len(want),
            errors=sum(errors.values()),
        )
        rows.append(
            [
                name,
                f"{len(analysis.references)} ({refs_right}/{len(gold_numbers)})",
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
                "The development PDFs, and the bundled example's PDF (printed the same way: "
                "an HTML rendering printed by headless Chromium; "
                "`tests/fixtures/converted/README.md`), converted with `pdftotext` (the seed "
                "also with `-layout`) and read as plain text. References: entries read (gold "
                "numbers among them / gold); citation groups: found with exactly the gold "
                "numbers, in order / gold, `+N` groups that are not gold; errors: error "
                "findings by rule. Superscript citation markers do not survive `pdftotext` "
                "(they become digits glued to words): the three superscript-marked PDFs "
                "find none of their groups, by design (reading them from the glyphs' "
                "positions is the PDF reader's job, issue #15).",
                "",
                body,
            ]
        )
        harness.write_docs_section("converted_text", md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
