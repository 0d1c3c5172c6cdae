"""JATS XML manuscripts read natively (issue #15): citation groups and references, .xml beside
.md; the JATS findings; whole-process time per MB of JATS.

The twelve development articles of ``../shared/data/formats/`` as ``manuscript.xml`` (PLOS's
XML byte for byte), read by citecheck's JATS reader and analysed offline, are scored with the
development set's own ``score.py`` (imported, not copied): citation groups aligned with the
gold in reading order (longest common subsequence; precision, recall, F1) and reference
recovery (a gold reference counts when a reference with its number has the same first author
and year). The same articles' Markdown are scored the same way beside them. Then the findings
of each article against its gold's audit facts, and ``citecheck check`` of every article and
of a generated ~8 MB article (the twelve bodies and reference lists joined, refs renumbered),
whole process, beside the same as Markdown and ``python -c pass``.

    python bench/formats_jats.py [--repeat 3] [--write-docs]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import formats_docx
import harness
from format_scores import scores_table

harness.use_checkout_source()

from citecheck.errors import CitecheckError  # noqa: E402
from citecheck.inputs import read_document  # noqa: E402
from citecheck.pipeline import analyze  # noqa: E402

FORMATS = ("jats", "md")
BIG_COPIES = 6  # the twelve articles joined this many times for the long one


def score(scorer: Any, root: Path, fmt: str) -> tuple[list[dict], dict, float]:
    """Per-article and pooled scores of one format, and the in-process seconds."""
    per = []
    seconds = 0.0
    for mid, path, cits, refs in scorer.load_golds(str(root), fmt):
        start = time.perf_counter()
        manuscript, error = formats_docx.manuscript_json(path)
        seconds += time.perf_counter() - start
        per.append(scorer.score_manuscript(fmt, mid, cits, refs, manuscript, error))
    return per, scorer.pooled(per), seconds


def audit_rows(scorer: Any, root: Path) -> list[list[object]]:
    """Each article's findings (by rule, warnings and errors) beside its gold's audit facts."""
    rows: list[list[object]] = []
    for mid, path, _, _ in scorer.load_golds(str(root), "jats"):
        gold = _gold(root, mid)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                analysis = analyze(read_document(path))
        except CitecheckError as exc:
            rows.append([mid, "unreadable", str(exc), "", ""])
            continue
        counts = Counter(f.rule for f in analysis.findings if f.severity.value != "info")
        uncited = sorted(r for f in analysis.findings if f.rule == "CIT002" for r in f.refs)
        late = sorted(r for f in analysis.findings if f.rule == "CIT003" for r in f.refs)
        expected = f"uncited {_short(gold['uncited'])}; out of order " + _short(
            gold["first_citation_order_violations"]
        )
        found = f"uncited {_short(uncited)}; out of order {_short(late)}"
        others = ", ".join(
            f"{r} {n}" for r, n in sorted(counts.items()) if r not in ("CIT002", "CIT003")
        )
        rows.append([mid, expected, found, "yes" if expected == found else "**no**", others or "–"])
    return rows


def _gold(root: Path, mid: str) -> dict:
    import json

    return json.loads((root / mid / "gold.json").read_text(encoding="utf-8"))


def _short(numbers: Sequence[object]) -> str:
    return ",".join(map(str, numbers)) if numbers else "–"


def long_article(root: Path, out: Path) -> Path:
    """One article made of the twelve, ``BIG_COPIES`` times: bodies joined, reference lists
    joined with their labels and ids renumbered so every xref still finds its ref."""
    bodies, refs = [], []
    offset = 0
    for copy in range(BIG_COPIES):
        for path in sorted(root.glob("*/manuscript.xml")):
            xml = path.read_text(encoding="utf-8")
            prefix = f"c{copy}-{path.parent.name}-"
            body = xml[xml.index("<body>") + 6 : xml.index("</body>")]
            body = re.sub(r'rid="([^"]+)"', lambda m, p=prefix: f'rid="{p}{m.group(1)}"', body)
            listed = re.findall(r"<ref id=.*?</ref>", xml, re.S)
            for entry in listed:
                entry = re.sub(
                    r'<ref id="([^"]+)"', lambda m, p=prefix: f'<ref id="{p}{m.group(1)}"', entry
                )
                entry = re.sub(
                    r"<label>(\d+)</label>",
                    lambda m, o=offset: f"<label>{int(m.group(1)) + o}</label>",
                    entry,
                )
                refs.append(entry)
            bodies.append(body)
            offset += len(listed)
    first = sorted(root.glob("*/manuscript.xml"))[0].read_text(encoding="utf-8")
    head = first[: first.index("<body>")]
    reference_list = f"<ref-list><title>References</title>{''.join(refs)}</ref-list>"
    text = f"{head}<body>{''.join(bodies)}</body><back>{reference_list}</back></article>\n"
    out.write_text(text, encoding="utf-8")
    return out


def timing_rows(root: Path, scratch: Path, repeat: int) -> tuple[list[list[object]], list[str]]:
    """Whole-process ``citecheck check`` of every article and of the long one, per MB."""
    cli = harness.citecheck_command()
    paths = sorted(root.glob("*/manuscript.xml"))
    total_mb = sum(p.stat().st_size for p in paths) / 1e6
    startup = harness.time_process([sys.executable, "-c", "pass"], repeat)
    each = sum(
        harness.time_process(
            [*cli, "check", str(p), "--format", "json", "--fail-on", "never"], repeat
        )
        for p in paths
    )
    markdown = [root.parent / "manuscripts" / p.parent.name / "manuscript.md" for p in paths]
    each_md = sum(
        harness.time_process(
            [*cli, "check", str(p), "--format", "json", "--fail-on", "never"], repeat
        )
        for p in markdown
    )
    big = long_article(root, scratch / "long.xml")
    big_mb = big.stat().st_size / 1e6
    argv = [*cli, "check", str(big), "--format", "json", "--fail-on", "never"]
    whole = harness.time_process(argv, repeat)
    no_claims = harness.time_process([*argv, "--no-claims"], repeat)
    read = harness.median_seconds(lambda: read_document(big), repeat)
    document = read_document(big)
    long_md = scratch / "long.md"
    long_md.write_text(document.text, encoding="utf-8")
    whole_md = harness.time_process(
        [*cli, "check", str(long_md), "--format", "json", "--fail-on", "never"], repeat
    )
    analysis_s = harness.median_seconds(lambda: analyze(document), repeat)
    rows: list[list[object]] = [
        [
            f"the twelve articles, one process each ({total_mb:.2f} MB)",
            f"{each:.2f}",
            f"{each / total_mb:.2f}",
        ],
        ["the same twelve as Markdown, one process each", f"{each_md:.2f}", ""],
        [f"citecheck check long.xml ({big_mb:.1f} MB)", f"{whole:.2f}", f"{whole / big_mb:.2f}"],
        ["citecheck check long.xml --no-claims", f"{no_claims:.2f}", f"{no_claims / big_mb:.2f}"],
        ["citecheck check long.md (its text as Markdown)", f"{whole_md:.2f}", ""],
        [
            "in-process: read the .xml (parse, text, references, marks)",
            f"{read:.2f}",
            f"{read / big_mb:.2f}",
        ],
        ["in-process: offline analysis", f"{analysis_s:.2f}", f"{analysis_s / big_mb:.2f}"],
        ["python -c pass (baseline)", f"{startup:.2f}", ""],
    ]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    facts = [
        f"long.xml: {len(document.text):,} characters of text, {len(document.references or ()):,} "
        f"references, {len(document.marks or ()):,} tagged citation groups",
        f"one process per article is mostly the interpreter's and citecheck's start-up and the "
        f"claims stage: {each / len(paths):.2f} s per article on average",
        f"load average when the timings ended (1, 5, 15 min): {load} on {os.cpu_count()} CPUs "
        "(the machine is shared; compare rows with each other and with the baseline)",
    ]
    return rows, facts


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    root = harness.require_shared() / "data" / "formats"
    scorer = formats_docx.load_scorer(root)
    results = {fmt: score(scorer, root, fmt) for fmt in FORMATS}
    audit = harness.table(
        ["article", "gold", "citecheck", "same", "other warnings and errors"],
        audit_rows(scorer, root),
    )
    with tempfile.TemporaryDirectory() as tmp:
        timing, facts = timing_rows(root, Path(tmp), args.repeat)
    body = scores_table(results, FORMATS)
    summary = [
        f"- {fmt}: P {q['p']:.3f} R {q['r']:.3f} F1 {q['f1']:.3f} ({q['tp']}/{q['want']} groups "
        f"matched, {q['got']} predicted); references {q['refs_ok']}/{q['refs_want']} "
        f"({q['refs_recall']:.3f}); {q['manuscripts']} manuscripts, {q['unreadable']} unreadable; "
        f"read and analysed in {seconds:.2f} s"
        for fmt, (_, q, seconds) in results.items()
    ]
    timing_table = harness.table(
        [f"run (median of {args.repeat})", "seconds", "s per MB"], timing, "lrr"
    )
    print(body, *summary, "", audit, "", timing_table, *facts, sep="\n")
    if args.write_docs:
        harness.write_docs_section("formats_jats", _docs(body, summary, audit, timing_table, facts))
    return 0


def _docs(body: str, summary: list[str], audit: str, timing: str, facts: list[str]) -> str:
    return "\n".join(
        [
            "## JATS XML manuscripts beside Markdown (`bench/formats_jats.py`)",
            "",
            *harness.run_description(),
            "",
            "The development set's twelve articles as `manuscript.xml` (PLOS's JATS, byte for "
            "byte), read by the JATS reader and analysed offline, beside the same articles' "
            "Markdown. Scored by `../shared/data/formats/score.py` (citation groups by longest "
            "common subsequence with the gold in reading order; a reference recovered when its "
            "number, first author and year agree with the gold). A cell is F1 (matched/gold "
            "groups, `+N` extra) and references recovered/gold. Bar: 0.99. The gold counts the "
            "citations of `<body>` and `<app>`; the reader also reads the acknowledgments, "
            "where plos-pone.0111971 cites reference 6 once more (its `+1`).",
            "",
            body,
            "",
            *summary,
            "",
            "### The audit on the JATS files",
            "",
            "Uncited references (CIT002) and references first cited out of order (CIT003) "
            "against each article's gold, and any other warning or error.",
            "",
            audit,
            "",
            "### Whole-process time per MB of JATS",
            "",
            "`citecheck check FILE --format json` (claims included) on each article, and on "
            f"one long article made of the twelve joined {BIG_COPIES} times (every xref still "
            "linked: ids prefixed, labels renumbered).",
            "",
            timing,
            "",
            *(f"- {f}" for f in facts),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
