"""Word manuscripts read natively (issue #13): citation groups and references, .docx beside .md.

The twelve development articles of ``../shared/data/formats/`` as ``manuscript.docx`` (and the
five as ``manuscript-zotero.docx``), read by citecheck's Word reader and analysed offline, are
scored with the development set's own ``score.py`` (imported, not copied): citation groups
aligned with the gold in reading order (longest common subsequence; precision, recall, F1) and
reference recovery (a gold reference counts when a reference with its number has the same
first author and year). The same articles' Markdown (``../shared/data/manuscripts/<id>/
manuscript.md``) are scored the same way beside them.

    python bench/formats_docx.py [--format docx|zotero-docx|md ...] [--write-docs]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import harness

harness.use_checkout_source()

from citecheck.errors import CitecheckError  # noqa: E402
from citecheck.inputs import read_document  # noqa: E402
from citecheck.pipeline import analyze  # noqa: E402

FORMATS = ("docx", "zotero-docx", "md")


def load_scorer(root: Path) -> ModuleType:
    """``score.py`` of the development set, as a module."""
    spec = importlib.util.spec_from_file_location("formats_score", root / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench: cannot load {root / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def manuscript_json(path: str) -> tuple[dict[str, Any] | None, str | None]:
    """The parts of citecheck's JSON report the scorer reads, made in-process."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            analysis = analyze(read_document(path))
    except CitecheckError as exc:
        return None, str(exc)
    references = [
        {
            "number": r.number,
            "key": r.key,
            "authors": [{"family": a.family, "given": a.given} for a in r.authors],
            "year": r.year,
        }
        for r in analysis.references
    ]
    citations = [{"text": c.text, "refs": list(c.refs)} for c in analysis.citations]
    return {"path": path, "references": references, "citations": citations}, None


def score_format(scorer: ModuleType, root: Path, fmt: str) -> tuple[list[dict], dict, float]:
    per = []
    start = time.perf_counter()
    for mid, path, cits, refs in scorer.load_golds(str(root), fmt):
        manuscript, error = manuscript_json(path)
        per.append(scorer.score_manuscript(fmt, mid, cits, refs, manuscript, error))
    seconds = time.perf_counter() - start
    return per, scorer.pooled(per), seconds


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", action="append", choices=FORMATS, dest="formats")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    root = harness.require_shared() / "data" / "formats"
    scorer = load_scorer(root)
    formats = args.formats or list(FORMATS)
    results = {fmt: score_format(scorer, root, fmt) for fmt in formats}
    ids = sorted({r["id"] for per, _, _ in results.values() for r in per})
    headers = ["article"]
    for fmt in formats:
        headers += [f"{fmt} F1", f"{fmt} refs"]
    rows: list[list[object]] = []
    for mid in ids:
        row: list[object] = [mid]
        for fmt in formats:
            r = next((x for x in results[fmt][0] if x["id"] == mid), None)
            row += _cells(r)
        rows.append(row)
    pooled_row: list[object] = ["**pooled**"]
    for fmt in formats:
        pooled_row += _cells(results[fmt][1])
    rows.append(pooled_row)
    summary = [
        f"- {fmt}: P {q['p']:.3f} R {q['r']:.3f} F1 {q['f1']:.3f} "
        f"({q['tp']}/{q['want']} groups matched, {q['got']} predicted); references "
        f"{q['refs_ok']}/{q['refs_want']} ({q['refs_recall']:.3f}); {q['manuscripts']} "
        f"manuscripts, {q['unreadable']} unreadable; read and analysed in {seconds:.2f} s"
        for fmt, (_, q, seconds) in results.items()
    ]
    body = harness.table(headers, rows)
    print(body)
    print("\n".join(summary))
    if args.write_docs:
        md = "\n".join(
            [
                "## Word manuscripts beside Markdown (`bench/formats_docx.py`)",
                "",
                *harness.run_description(),
                "",
                "The development set's articles as `manuscript.docx` (all twelve) and "
                "`manuscript-zotero.docx` (five), read by the Word reader and analysed offline, "
                "beside the same articles' Markdown; scored by `../shared/data/formats/score.py` "
                "(citation groups by longest common subsequence with the gold in reading order; "
                "a reference recovered when its number, first author and year agree with the "
                "gold). A cell is F1 (matched/gold groups, `+N` extra) and references "
                "recovered/gold.",
                "",
                body,
                "",
                *summary,
            ]
        )
        harness.write_docs_section("formats_docx", md)
    return 0


def _cells(r: dict | None) -> list[object]:
    if r is None:
        return ["–", "–"]
    extra = r["got"] - r["tp"]
    groups = f"{r['f1']:.3f} ({r['tp']}/{r['want']}{f' +{extra}' if extra else ''})"
    return [groups, f"{r['refs_ok']}/{r['refs_want']}"]


if __name__ == "__main__":
    sys.exit(main())
