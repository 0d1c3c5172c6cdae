"""LaTeX and pandoc manuscripts read natively (issue #14): citation groups and references of
.tex + .bib and typed thebibliography, beside Markdown; a large LaTeX project's whole-process
time.

The development articles of ``../shared/data/formats/`` as ``manuscript.tex`` + ``refs.bib``
(twelve) and ``manuscript-bibitem.tex`` (four), read by citecheck's LaTeX reader and analysed
offline, are scored with the development set's own ``score.py`` (imported, not copied):
citation groups aligned with the gold in reading order (longest common subsequence;
precision, recall, F1) and reference recovery (a gold reference counts when a reference with
its key has the same first author and year). ``pandoc`` is each ``manuscript.tex`` with every
``\\cite{a,b}`` written ``[@a; @b]`` and ``bibliography: refs.bib`` in YAML front matter, as a
``.md`` (scored with the tex gold); ``md`` the same articles' Markdown
(``../shared/data/manuscripts/<id>/manuscript.md``). Then ``citecheck check`` of a generated
project (a main file, 30 ``\\input`` chapters, a 2,000-entry shared .bib), whole process,
beside ``python -c pass``.

    python bench/formats_latex.py [--format tex|bibitem|pandoc|md ...] [--repeat 3]
                                  [--bar 0.99] [--write-docs]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import harness
from format_scores import scores_table
from formats_docx import cpu_seconds, load_scorer

harness.use_checkout_source()

from citecheck.errors import CitecheckError  # noqa: E402
from citecheck.inputs import read_document  # noqa: E402
from citecheck.pipeline import analyze  # noqa: E402

FORMATS = ("tex", "bibitem", "pandoc", "md")
_CITE = re.compile(r"\\cite\{([^{}]*)\}")


def manuscript_json(path: str) -> tuple[dict[str, Any] | None, str | None]:
    """The parts of citecheck's JSON report the scorer reads, made in-process; citations
    carry their ``keys`` (the scorer maps keys to the gold's numbers)."""
    try:
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
    citations = [
        {"text": c.text, "refs": list(c.refs), "keys": [str(k) for k in c.refs]}
        for c in analysis.citations
    ]
    return {"path": path, "references": references, "citations": citations}, None


def pandoc_copy(tex: Path, target: Path) -> Path:
    """``tex`` as a pandoc manuscript: citations in pandoc's syntax, the .bib in the front
    matter (the rest of the text as it is: the citations are what is measured)."""

    def group(m: re.Match[str]) -> str:
        return "[" + "; ".join(f"@{k.strip()}" for k in m.group(1).split(",")) + "]"

    body = _CITE.sub(group, tex.read_text(encoding="utf-8"))
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(tex.with_name("refs.bib"), target / "refs.bib")
    out = target / "manuscript.md"
    out.write_text(f"---\nbibliography: refs.bib\n---\n\n{body}", encoding="utf-8")
    return out


def score_format(
    scorer: ModuleType, root: Path, fmt: str, scratch: Path
) -> tuple[list[dict], dict, float]:
    """Per-article and pooled scores of one format, and the seconds spent reading and
    analysing."""
    gold_fmt = "tex" if fmt == "pandoc" else fmt
    per = []
    seconds = 0.0
    for mid, path, cits, refs in scorer.load_golds(str(root), gold_fmt):
        if fmt == "pandoc":
            path = str(pandoc_copy(Path(path), scratch / mid))
        start = time.perf_counter()
        manuscript, error = manuscript_json(path)
        seconds += time.perf_counter() - start
        per.append(scorer.score_manuscript(gold_fmt, mid, cits, refs, manuscript, error))
    return per, scorer.pooled(per), seconds


def large_project(directory: Path, chapters: int = 30, entries: int = 2_000) -> Path:
    """A generated LaTeX project: ``main.tex`` with ``chapters`` ``\\input`` files of 40
    paragraphs, each citing two or three of the ``entries`` of one shared .bib."""
    (directory / "chapters").mkdir(parents=True)
    bib = []
    for n in range(entries):
        bib.append(
            f'@article{{key{n},\n  author = {{Author{n}, A. and M{{\\"u}}ller, K.}},\n'
            f"  title = {{A study of receptor {n} in {{CXCR4}} imaging}},\n"
            f"  journal = {{J Test}},\n  year = {{{1990 + n % 30}}},\n  volume = {{{n % 50}}},\n"
            f"  pages = {{{n}--{n + 9}}},\n  doi = {{10.5555/test.{n}}}\n}}\n"
        )
    (directory / "library.bib").write_text("\n".join(bib), encoding="utf-8")
    for c in range(chapters):
        paragraphs = []
        for p in range(40):
            k = (c * 40 + p) * 3 % entries
            paragraphs.append(
                f"Paragraph {p} of chapter {c} reports that 42\\% of the tumours took up the "
                f"tracer \\citep{{key{k},key{k + 1}}}, as shown before \\cite{{key{k + 2}}}. "
                "% a comment with \\cite{nothing}\nIt goes on for a while about the results."
            )
        (directory / "chapters" / f"ch{c}.tex").write_text(
            f"\\section{{Chapter {c}}}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
    inputs = "\n".join(f"\\input{{chapters/ch{c}}}" for c in range(chapters))
    main = directory / "main.tex"
    main.write_text(
        "\\documentclass{article}\n\\usepackage{natbib}\n\\begin{document}\n"
        f"{inputs}\n\\bibliographystyle{{plainnat}}\n\\bibliography{{library}}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    return main


SHAPES = {
    "unclosed \\cite{": ("\\cite{", "x.tex"),
    "open braces": ("{", "x.tex"),
    "unclosed \\newcommand{": ("\\newcommand{", "x.tex"),
    "unclosed \\cite[": ("\\cite[", "x.tex"),
    "unclosed \\verb|": ("\\verb|", "x.tex"),
    "comment lines with \\cite": ("% \\cite{a}\n", "x.tex"),
    "pandoc [@ without ]": ("[@a ", "x.qmd"),
    "pandoc @ runs": ("@a@b ", "x.qmd"),
}


def pathological_rows(repeat: int) -> list[list[object]]:
    """Reading runs of shapes that make naive scanners quadratic, at n and 4n repetitions:
    time and the ratio (linear: about 4)."""
    from citecheck.inputs import document_from_text

    rows: list[list[object]] = []
    for name, (unit, path) in SHAPES.items():
        times = []
        for n in (5_000, 20_000):
            text = unit * n + "\n\nEnd.\n"
            times.append(
                harness.median_seconds(lambda t=text, p=path: document_from_text(t, p), repeat)
            )
        rows.append(
            [name, f"{times[0] * 1000:.0f}", f"{times[1] * 1000:.0f}", f"{times[1] / times[0]:.1f}"]
        )
    return rows


def project_times(scratch: Path, repeat: int) -> tuple[list[list[object]], list[str]]:
    main = large_project(scratch / "project")
    cli = harness.citecheck_command()
    runs = [
        ("citecheck check main.tex --format json", [*cli, "check", str(main), "--format", "json"]),
        ("… --no-claims", [*cli, "check", str(main), "--format", "json", "--no-claims"]),
        ("python -c pass (baseline)", [sys.executable, "-c", "pass"]),
    ]
    rows: list[list[object]] = [
        [name, f"{harness.time_process(argv, repeat):.2f}", f"{cpu_seconds(argv, repeat):.2f}"]
        for name, argv in runs
    ]
    document = read_document(main)
    stages = {
        "read the project (30 files + .bib)": lambda: read_document(main),
        "offline analysis": lambda: analyze(document),
    }
    for name, run in stages.items():
        rows.append([f"in-process: {name}", f"{harness.median_seconds(run, repeat):.2f}", ""])
    analysis = analyze(document)
    facts = [
        f"{len(document.text):,} characters in all, {len(analysis.references):,} .bib entries, "
        f"{len(analysis.citations):,} citation groups in {len(document.origins) - 1} stretches "
        "of files"
    ]
    return rows, facts


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", action="append", choices=FORMATS, dest="formats")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    ap.add_argument("--bar", type=float, default=0.99, help="F1 and reference recovery bar")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    root = harness.require_shared() / "data" / "formats"
    scorer = load_scorer(root)
    formats = args.formats or list(FORMATS)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        results = {fmt: score_format(scorer, root, fmt, scratch) for fmt in formats}
        timing, facts = project_times(scratch, args.repeat)
    shapes = harness.table(
        ["shape", "5,000 × ms", "20,000 × ms", "ratio"], pathological_rows(args.repeat), "lrrr"
    )
    body = scores_table(results, formats)
    summary = [
        f"- {fmt}: P {q['p']:.3f} R {q['r']:.3f} F1 {q['f1']:.3f} "
        f"({q['tp']}/{q['want']} groups matched, {q['got']} predicted); references "
        f"{q['refs_ok']}/{q['refs_want']} ({q['refs_recall']:.3f}); {q['manuscripts']} "
        f"manuscripts, {q['unreadable']} unreadable; read and analysed in {seconds:.2f} s"
        for fmt, (_, q, seconds) in results.items()
    ]
    timing_table = harness.table(
        [f"run (median of {args.repeat})", "wall s", "CPU s"], timing, "lrr"
    )
    print(body, *summary, "", timing_table, *facts, "", shapes, sep="\n")
    failed = [
        fmt
        for fmt, (_, q, _) in results.items()
        if fmt != "md" and (q["f1"] < args.bar or q["refs_recall"] < args.bar)
    ]
    if args.write_docs:
        harness.write_docs_section(
            "formats_latex", _docs(body, summary, timing_table, facts, shapes)
        )
    if failed:
        print(f"below the bar {args.bar}: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _docs(body: str, summary: list[str], timing: str, facts: list[str], shapes: str) -> str:
    return "\n".join(
        [
            "## LaTeX and pandoc manuscripts beside Markdown (`bench/formats_latex.py`)",
            "",
            *harness.run_description(),
            "",
            "The development set's articles as `manuscript.tex` + `refs.bib` (all twelve) and "
            "`manuscript-bibitem.tex` (four, a typed `thebibliography`), read by the LaTeX "
            "reader and analysed offline; `pandoc` is each `manuscript.tex` with its "
            "`\\cite{a,b}` written `[@a; @b]` and `bibliography: refs.bib` in the front matter, "
            "read as a `.md` (scored with the tex gold); `md` the same articles' Markdown. "
            "Scored by `../shared/data/formats/score.py` (citation groups by longest common "
            "subsequence with the gold in reading order; a reference recovered when its key "
            "or number, first author and year agree with the gold). A cell is F1 "
            "(matched/gold groups, `+N` extra) and references recovered/gold. Bar: F1 and "
            "reference recovery ≥ 0.99 for tex, bibitem and pandoc.",
            "",
            body,
            "",
            *summary,
            "",
            "### A large LaTeX project, whole process",
            "",
            "A generated project: `main.tex` with 30 `\\input` chapters of 40 paragraphs (two "
            "citation commands each, a comment with a `\\cite` that is not one) and one shared "
            ".bib of 2,000 entries (most never cited: info findings). Wall time is what a user "
            "waits on this (shared, two-core) machine; CPU time is what the process used.",
            "",
            timing,
            "",
            *(f"- {f}" for f in facts),
            "",
            "### Pathological shapes",
            "",
            "Reading (in-process) a text of 5,000 and of 20,000 repetitions of a shape that "
            "makes a naive scanner quadratic; a linear reader takes about 4 times as long for "
            "4 times the text.",
            "",
            shapes,
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
