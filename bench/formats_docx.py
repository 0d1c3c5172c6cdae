"""Word manuscripts read natively (issue #13): citation groups and references, .docx beside .md;
citation-manager fields; a stale bibliography; a long manuscript's whole-process time.

The twelve development articles of ``../shared/data/formats/`` as ``manuscript.docx`` (and the
five as ``manuscript-zotero.docx``), read by citecheck's Word reader and analysed offline, are
scored with the development set's own ``score.py`` (imported, not copied): citation groups
aligned with the gold in reading order (longest common subsequence; precision, recall, F1) and
reference recovery (a gold reference counts when a reference with its number has the same
first author and year). The same articles' Markdown (``../shared/data/manuscripts/<id>/
manuscript.md``) are scored the same way beside them. The Zotero documents rewritten as
Mendeley Desktop, Mendeley Cite, EndNote and Zotero's bookmark storage write them
(``bench/docx_variants.py``) are scored with the Zotero gold. Then: FLD001 on the clean Zotero
documents and on copies with typed years edited by hand, and ``citecheck check`` of a
generated ~200-page .docx with 500 references, whole process, beside ``python -c pass``.

    python bench/formats_docx.py [--format docx|zotero-docx|md|mendeley-docx|… ...]
                                 [--repeat 3] [--write-docs]
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import docx_variants
import harness
from format_scores import scores_table

harness.use_checkout_source()

from citecheck.errors import CitecheckError  # noqa: E402
from citecheck.inputs import read_document  # noqa: E402
from citecheck.manuscript import check_manuscript  # noqa: E402
from citecheck.pipeline import analyze  # noqa: E402

DERIVED = tuple(f"{v}-docx" for v in docx_variants.VARIANTS)  # made from the Zotero documents
FORMATS = ("docx", "zotero-docx", *DERIVED, "md")
STALE = (3, 7, 11, 19)  # typed entries whose year is edited in the stale copies


def load_scorer(root: Path) -> ModuleType:
    """``score.py`` of the development set, as a module."""
    spec = importlib.util.spec_from_file_location("formats_score", root / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench: cannot load {root / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def manuscript_json(path: str) -> tuple[dict[str, Any] | None, str | None]:
    """The parts of citecheck's JSON report the scorer reads, made in-process (and how many
    citation groups came from citation-manager fields, as ``fields``)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            analysis = analyze(read_document(path))
    except CitecheckError as exc:
        return None, str(exc)
    fields = len(analysis.document.marks or ())
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
    report = {"path": path, "references": references, "citations": citations, "fields": fields}
    return report, None


def score_format(
    scorer: ModuleType, root: Path, fmt: str, scratch: Path
) -> tuple[list[dict], dict, float]:
    """Per-article and pooled scores of one format (a derived one is made from the Zotero
    document first, outside the timing), with the groups taken from fields."""
    per = []
    seconds = 0.0
    gold_fmt = "zotero-docx" if fmt in DERIVED else fmt
    for mid, path, cits, refs in scorer.load_golds(str(root), gold_fmt):
        if fmt in DERIVED:
            path = str(docx_variants.rewrite(Path(path), fmt[:-5], scratch / f"{mid}-{fmt}.docx"))
        start = time.perf_counter()
        manuscript, error = manuscript_json(path)
        seconds += time.perf_counter() - start
        score = scorer.score_manuscript(gold_fmt, mid, cits, refs, manuscript, error)
        score["fields"] = manuscript["fields"] if manuscript else 0
        per.append(score)
    pooled = scorer.pooled(per)
    pooled["fields"] = sum(r["fields"] for r in per)
    return per, pooled, seconds


def stale_rows(scorer: ModuleType, root: Path, scratch: Path) -> tuple[list[list[object]], str]:
    """FLD001 on each clean Zotero document and on a copy with typed years edited by hand."""
    rows: list[list[object]] = []
    caught = edited_total = extra_total = clean_total = 0
    for mid, path, _, _ in scorer.load_golds(str(root), "zotero-docx"):
        clean = _fld001(Path(path))
        stale, edited = docx_variants.stale_copy(Path(path), STALE, scratch / f"{mid}-stale.docx")
        found = _fld001(stale)
        hit = sorted(set(found) & set(edited))
        extra = sorted(set(found) - set(edited))
        rows.append([mid, len(clean), ", ".join(map(str, edited)), len(hit), len(extra)])
        caught, edited_total = caught + len(hit), edited_total + len(edited)
        extra_total, clean_total = extra_total + len(extra), clean_total + len(clean)
    rows.append(["**all**", clean_total, edited_total, caught, extra_total])
    summary = (
        f"FLD001: {clean_total} on the clean documents; {caught} of {edited_total} hand-edited "
        f"entries reported, {extra_total} other entries reported in the edited copies"
    )
    return rows, summary


def _fld001(path: Path) -> list[int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        findings = analyze(read_document(path)).findings
    return [int(r) for f in findings if f.rule == "FLD001" for r in f.refs]


def long_document_times(scratch: Path, repeat: int) -> tuple[list[list[object]], list[str]]:
    """Whole-process ``citecheck check`` of a generated ~200-page .docx with 500 references
    (and of the same text as Markdown, and without the claims stage), beside the
    interpreter's start-up; and the stages in-process."""
    big = docx_variants.long_manuscript(scratch / "long.docx")
    document = read_document(big)
    md = scratch / "long.md"
    md.write_text(document.text, encoding="utf-8")
    cli = harness.citecheck_command()
    runs = [
        ("citecheck check long.docx --format json", [*cli, "check", str(big), "--format", "json"]),
        ("… --no-claims", [*cli, "check", str(big), "--format", "json", "--no-claims"]),
        (
            "citecheck check long.md --format json (the same text)",
            [*cli, "check", str(md), "--format", "json"],
        ),
        ("python -c pass (baseline)", [sys.executable, "-c", "pass"]),
    ]
    rows: list[list[object]] = [
        [name, f"{harness.time_process(argv, repeat):.2f}", f"{cpu_seconds(argv, repeat):.2f}"]
        for name, argv in runs
    ]
    stages = {
        "read the .docx": lambda: read_document(big),
        "offline analysis": lambda: analyze(document),
        "check_manuscript (analysis + claims)": lambda: check_manuscript(document),
    }
    for name, run in stages.items():
        rows.append([f"in-process: {name}", f"{harness.median_seconds(run, repeat):.2f}", ""])
    analysis = analyze(document)
    facts = [
        f"{len(document.text):,} characters, {len(document.blocks):,} paragraphs, "
        f"{len(analysis.references)} references, {len(analysis.citations):,} citation groups "
        f"({len(document.marks or ())} Zotero fields), {big.stat().st_size // 1024} KiB",
    ]
    return rows, facts


def cpu_seconds(argv: Sequence[str], repeat: int) -> float:
    """Median CPU time (user + system) of a command's process: what the run costs, less
    disturbed than wall time on a busy machine."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", action="append", choices=FORMATS, dest="formats")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    root = harness.require_shared() / "data" / "formats"
    scorer = load_scorer(root)
    formats = args.formats or list(FORMATS)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        results = {fmt: score_format(scorer, root, fmt, scratch) for fmt in formats}
        stale, stale_summary = stale_rows(scorer, root, scratch)
        timing, facts = long_document_times(scratch, args.repeat)
    body = scores_table(results, formats)
    summary = [
        f"- {fmt}: P {q['p']:.3f} R {q['r']:.3f} F1 {q['f1']:.3f} "
        f"({q['tp']}/{q['want']} groups matched, {q['got']} predicted, {q['fields']} from "
        f"fields); references {q['refs_ok']}/{q['refs_want']} ({q['refs_recall']:.3f}); "
        f"{q['manuscripts']} manuscripts, {q['unreadable']} unreadable; read and analysed in "
        f"{seconds:.2f} s"
        for fmt, (_, q, seconds) in results.items()
    ]
    stale_table = harness.table(
        ["article", "FLD001 clean", "years edited (refs)", "reported", "others reported"], stale
    )
    timing_table = harness.table(
        [f"run (median of {args.repeat})", "wall s", "CPU s"], timing, "lrr"
    )
    print(body, *summary, "", stale_table, stale_summary, "", timing_table, *facts, sep="\n")
    if args.write_docs:
        harness.write_docs_section(
            "formats_docx", _docs(body, summary, stale_table, stale_summary, timing_table, facts)
        )
    return 0


def _docs(
    body: str, summary: list[str], stale: str, stale_summary: str, timing: str, facts: list[str]
) -> str:
    return "\n".join(
        [
            "## Word manuscripts beside Markdown (`bench/formats_docx.py`)",
            "",
            *harness.run_description(),
            "",
            "The development set's articles as `manuscript.docx` (all twelve) and "
            "`manuscript-zotero.docx` (five), read by the Word reader and analysed offline, "
            "beside the same articles' Markdown; the five Zotero documents also rewritten as "
            "Mendeley Desktop, Mendeley Cite, EndNote (record XML in base64 `fldData`) and "
            "Zotero's bookmark storage write the same citations (`bench/docx_variants.py`), "
            "scored with the Zotero gold. Scored by `../shared/data/formats/score.py` (citation "
            "groups by longest common subsequence with the gold in reading order; a reference "
            "recovered when its number, first author and year agree with the gold). A cell is "
            "F1 (matched/gold groups, `+N` extra) and references recovered/gold; in the field "
            "formats the groups come from the fields (the summary says how many).",
            "",
            body,
            "",
            *summary,
            "",
            "### A stale bibliography (FLD001)",
            "",
            "Each Zotero document as it is, and a copy whose typed entries "
            f"{', '.join(map(str, STALE))} have their year moved on by one by hand "
            "(the fields unchanged).",
            "",
            stale,
            "",
            stale_summary,
            "",
            "### A long Word manuscript, whole process",
            "",
            "A generated manuscript of about 200 pages (1,100 paragraphs of four or five "
            "sentences, 22 headings, a Zotero field in every paragraph) and a typed list of "
            "500 references. Bar: `citecheck check` at most 2 s. Wall time is what a user "
            "waits on this (shared, two-core) machine; CPU time is what the process itself "
            "used, which load from other processes disturbs less.",
            "",
            timing,
            "",
            *(f"- {f}" for f in facts),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
