"""PDF manuscripts (issue #15): citation groups and references, .pdf beside .md, and pages/s.

Three measurements:

1. The twelve development articles of ``../shared/data/formats/`` as ``manuscript.pdf`` (HTML
   printed by headless Chromium: one column, superscripts, typed lists), read by citecheck's
   PDF reader and analysed offline, scored with the development set's own ``score.py``
   (imported, not copied) beside the same articles' Markdown: citation groups aligned with the
   gold in reading order (longest common subsequence; precision, recall, F1) and reference
   recovery (a gold reference counts when a reference with its number has the same first
   author and year).
2. Journal-shaped PDFs built here from the same articles' ``manuscript.tex`` + ``refs.bib``
   with pdflatex: ``twocolumn`` at 10 pt (so TeX hyphenates and sets ligatures), a running
   header and a page number on every page, tables as one-column pages between the
   two-column ones. Scored against the same gold (the LaTeX groups are the same groups).
   Skipped with a note when pdflatex or bibtex is missing.
3. Whole-process speed: ``citecheck check`` run on all the PDFs of a set in one process
   (``--format json --fail-on never``), median of three runs, as pages per second; beside it
   the same for one article per process, and Python's own start-up as the baseline.

    python bench/formats_pdf.py [--no-twocolumn] [--compare-libraries] [--write-docs]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import harness
from format_scores import scores_table
from formats_docx import load_scorer, manuscript_json

harness.use_checkout_source()

_TWOCOLUMN_PREAMBLE = (
    r"\documentclass[10pt,a4paper,twocolumn]{article}"
    r"\usepackage{fancyhdr}\pagestyle{fancy}"
    r"\fancyhead[L]{\small\itshape HEADER}\fancyhead[R]{\small PLOS (reset as two columns)}"
    r"\fancyfoot[C]{\thepage}"
)


def score_set(
    scorer: ModuleType, items: Sequence[tuple[str, str, list, list]], fmt: str
) -> tuple[list[dict], dict, float]:
    per = []
    start = time.perf_counter()
    for mid, path, cits, refs in items:
        manuscript, error = manuscript_json(path)
        per.append(scorer.score_manuscript(fmt, mid, cits, refs, manuscript, error))
    return per, scorer.pooled(per), time.perf_counter() - start


def build_twocolumn(root: Path, out: Path) -> list[tuple[str, str, list, list]]:
    """The articles' LaTeX set as two-column PDFs in ``out``, with their gold."""
    import json

    items = []
    for folder in sorted(p for p in root.iterdir() if (p / "manuscript.tex").is_file()):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        work = out / folder.name
        work.mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / "refs.bib", work / "refs.bib")
        tex = (folder / "manuscript.tex").read_text(encoding="utf-8")
        preamble = _TWOCOLUMN_PREAMBLE.replace("HEADER", folder.name)
        opening = re.search(r"\\documentclass\[[^\]]*\]\{article\}", tex)
        if opening is None:
            continue
        tex = tex[: opening.start()] + preamble + tex[opening.end() :]
        tex = tex.replace("margin=2.5cm", "margin=1.8cm")
        tex = tex.replace(r"\begin{longtable}", r"\onecolumn\begin{longtable}")
        tex = tex.replace(r"\end{longtable}", r"\end{longtable}\twocolumn")
        (work / "manuscript.tex").write_text(tex, encoding="utf-8")
        for step in (["pdflatex"], ["bibtex"], ["pdflatex"], ["pdflatex"]):
            argv = (
                [*step, "manuscript"]
                if step == ["bibtex"]
                else [*step, "-interaction=nonstopmode", "manuscript.tex"]
            )
            subprocess.run(argv, cwd=work, capture_output=True, check=False, timeout=300)
        pdf = work / "manuscript.pdf"
        if pdf.is_file():
            cits = gold["formats"]["tex"]["citations"]
            items.append((folder.name, str(pdf), cits, gold["references"]))
    return items


def pages_of(paths: Sequence[str]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in paths:
        document = pdfium.PdfDocument(path)
        total += len(document)
        document.close()
    return total


def process_seconds(argv: Sequence[str], repeat: int) -> tuple[float, float]:
    """Median wall and CPU (user + system) seconds of a whole process. The CPU time does
    not grow when other work shares the machine's two cores; the wall time does."""
    walls, cpus = [], []
    for _ in range(repeat + 1):  # the first run warms the file cache, untimed
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls[1:]), statistics.median(cpus[1:])


def speed(paths: Sequence[str], repeat: int = 3) -> dict[str, float]:
    """Whole-process seconds: every PDF in one process, one PDF per process, Python alone."""
    command = harness.citecheck_command()
    flags = ["--format", "json", "--fail-on", "never"]
    batch, batch_cpu = process_seconds([*command, "check", *paths, *flags], repeat)
    single, single_cpu = process_seconds([*command, "check", paths[0], *flags], repeat)
    return {
        "pages": pages_of(paths),
        "first_pages": pages_of(paths[:1]),
        "batch": batch,
        "batch_cpu": batch_cpu,
        "single": single,
        "single_cpu": single_cpu,
        "python": harness.python_startup_seconds(repeat),
    }


def compare_libraries(paths: Sequence[str]) -> list[str]:
    """Glyphs with their boxes from every page: PDFium's text API against pdfminer.six."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    lines = []
    start = time.perf_counter()
    pages = glyphs = 0
    for path in paths:
        document = pdfium.PdfDocument(path)
        for page in document:
            textpage = page.get_textpage()
            count = raw.FPDFText_CountChars(textpage)
            rect = raw.FS_RECTF()
            buffer = (ctypes.c_ushort * (2 * count + 1))()
            raw.FPDFText_GetText(textpage, 0, count, buffer)
            for i in range(count):
                raw.FPDFText_GetLooseCharBox(textpage, i, rect)
            pages, glyphs = pages + 1, glyphs + count
            textpage.close()
        document.close()
    seconds = time.perf_counter() - start
    lines.append(
        f"- pypdfium2: {pages} pages, {glyphs:,} glyphs with their boxes in {seconds:.2f} s "
        f"({pages / seconds:.1f} pages/s)"
    )
    try:
        from pdfminer.high_level import extract_pages
    except ImportError:
        return [*lines, "- pdfminer.six: not installed, not measured"]
    start = time.perf_counter()
    pages = 0
    for path in paths:
        for _ in extract_pages(path):
            pages += 1
    seconds = time.perf_counter() - start
    lines.append(
        f"- pdfminer.six: {pages} pages laid out into characters with boxes in {seconds:.2f} s "
        f"({pages / seconds:.1f} pages/s)"
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--no-twocolumn", action="store_true", help="skip the pdflatex set")
    ap.add_argument("--compare-libraries", action="store_true")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    root = harness.require_shared() / "data" / "formats"
    scorer = load_scorer(root)
    sets = {
        "pdf": score_set(scorer, scorer.load_golds(str(root), "pdf"), "pdf"),
        "md": score_set(scorer, scorer.load_golds(str(root), "md"), "md"),
    }
    pdf_paths = [path for _, path, _, _ in scorer.load_golds(str(root), "pdf")]
    speeds = {"Chromium PDFs (one column)": speed(pdf_paths)}
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="citecheck-twocolumn-") as tmp:
        if args.no_twocolumn:
            notes.append("- two-column set: skipped (--no-twocolumn)")
        elif not (shutil.which("pdflatex") and shutil.which("bibtex")):
            notes.append("- two-column set: skipped, pdflatex or bibtex not installed")
        else:
            items = build_twocolumn(root, Path(tmp))
            sets["two-column"] = score_set(scorer, items, "pdf")
            speeds["pdflatex two-column PDFs"] = speed([path for _, path, _, _ in items])
        libraries = compare_libraries(pdf_paths) if args.compare_libraries else []
    body = scores_table(sets, list(sets), "{fmt} refs")
    summary = [_summary(name, q, seconds) for name, (_, q, seconds) in sets.items()]
    timing = [_speed_line(name, s) for name, s in speeds.items()]
    print(body)
    print("\n".join([*summary, *notes, *timing, *libraries]))
    if args.write_docs:
        harness.write_docs_section("formats_pdf", _docs(body, summary, notes, timing, libraries))
    return 0


def _summary(name: str, q: dict, seconds: float) -> str:
    return (
        f"- {name}: P {q['p']:.3f} R {q['r']:.3f} F1 {q['f1']:.3f} ({q['tp']}/{q['want']} "
        f"groups matched, {q['got']} predicted); references {q['refs_ok']}/{q['refs_want']} "
        f"({q['refs_recall']:.3f}); {q['manuscripts']} manuscripts, {q['unreadable']} "
        f"unreadable; read and analysed in-process in {seconds:.2f} s"
    )


def _speed_line(name: str, s: dict[str, float]) -> str:
    return (
        f"- {name}: {s['pages']:.0f} pages in one `citecheck check` process: "
        f"{s['batch']:.2f} s wall = **{s['pages'] / s['batch']:.1f} pages/s**, "
        f"{s['batch_cpu']:.2f} s CPU = **{s['pages'] / s['batch_cpu']:.1f} pages per CPU "
        f"second**; one article per process ({s['first_pages']:.0f} pages): "
        f"{s['single']:.2f} s wall, {s['single_cpu']:.2f} s CPU = "
        f"{s['first_pages'] / s['single_cpu']:.1f} pages per CPU second (start-up included); "
        f"Python start-up alone {s['python']:.3f} s"
    )


def _docs(
    body: str, summary: list[str], notes: list[str], timing: list[str], libraries: list[str]
) -> str:
    return "\n".join(
        [
            "## PDF manuscripts beside Markdown (`bench/formats_pdf.py`)",
            "",
            *harness.run_description(),
            "",
            "The development set's twelve `manuscript.pdf` (HTML printed by headless Chromium: "
            "one column, superscripts, typed lists), read by the PDF reader and analysed "
            "offline, beside the same articles' Markdown; and the same articles' LaTeX set "
            "with pdflatex as journal-shaped PDFs (`twocolumn`, 10 pt, TeX's hyphenation and "
            "ligatures, a running header and a page number on every page, tables on "
            "one-column pages), scored against the same gold. Scored by "
            "`../shared/data/formats/score.py` (citation groups by longest common subsequence "
            "with the gold in reading order; a reference recovered when its number, first "
            "author and year agree with the gold). A cell is F1 (matched/gold groups, `+N` "
            "extra) and references recovered/gold. The anchor: GROBID's published "
            "citation-callout linking F1 on PMC PDFs is about 0.76.",
            "",
            body,
            "",
            *summary,
            *notes,
            "",
            "Whole-process speed (median of three runs; the bar is 20 pages/s):",
            "",
            *timing,
            *(
                ["", "Reading glyphs with their boxes, the two libraries:", "", *libraries]
                if libraries
                else []
            ),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
