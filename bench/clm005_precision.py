"""CLM005 (a quantitative statement with no citation): would an editor act on it?

Runs ``citecheck check --select CLM005`` on the twelve development manuscripts
(``../shared/data/manuscripts/``) and the bundled example, and scores every finding against
the hand labels of ``bench/data/claims_dev/clm005_labels.yaml`` (the 48 findings the rule
gave before it was tightened, each labelled "would an editor ask for a citation here?").
Precision: findings an editor acts on among those reported; recall: labelled "yes" sentences
still reported. A finding on a sentence not in the labels is listed as unlabelled.
``--write-docs`` rewrites the ``clm005-precision`` section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

LABELS = harness.REPO_ROOT / "bench" / "data" / "claims_dev" / "clm005_labels.yaml"


def manuscripts() -> list[tuple[str, Path]]:
    root = harness.SHARED / "data" / "manuscripts"
    found = [(p.parent.name, p) for p in sorted(root.glob("plos-*/manuscript.md"))]
    return [*found, ("walenkamp2017-cxcr4", harness.REPO_ROOT / "refs" / "walenkamp2017-cxcr4.md")]


def findings(path: Path) -> list[dict[str, Any]]:
    argv = [*harness.citecheck_command(), "check", str(path), "--select", "CLM005"]
    argv += ["--format", "json", "--fail-on", "never"]
    out = subprocess.run(argv, capture_output=True, text=True, check=False).stdout
    report = json.loads(out)["manuscripts"][0]
    return [f for f in report["findings"] if f["rule"] == "CLM005"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    harness.require_shared()
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["findings"]
    by_key = {(x["manuscript"], x["sentence"]): x for x in labels}
    rows, acted, total, unlabelled = [], 0, 0, []
    reported_yes: set[tuple[str, str]] = set()
    for name, path in manuscripts():
        got = findings(path)
        yes = 0
        for f in got:
            sentence = " ".join(f["evidence"]["sentence"].split())[:70]
            label = next(
                (x for (m, s), x in by_key.items() if m == name and sentence.startswith(s[:60])),
                None,
            )
            if label is None:
                unlabelled.append(f"{name}: {sentence}")
            elif label["editor_acts"] == "yes":
                yes += 1
                reported_yes.add((name, label["sentence"]))
        acted += yes
        total += len(got)
        rows.append((name, len(got), yes))
    before = sum(x["reported"] for x in labels)
    before_yes = sum(x["reported"] for x in labels if x["editor_acts"] == "yes")
    all_yes = {(x["manuscript"], x["sentence"]) for x in labels if x["editor_acts"] == "yes"}
    lines = [
        f"CLM005 findings: {total} (before tightening: {before}); an editor acts on {acted}: "
        f"precision {acted / total if total else 0:.2f} (before: {before_yes}/{before} = "
        f"{before_yes / before:.2f}); labelled 'yes' sentences still reported: "
        f"{len(reported_yes)}/{len(all_yes)}; unlabelled findings: {len(unlabelled)}.",
        "",
        harness.table(("manuscript", "CLM005", "editor acts"), rows),
    ]
    lines += [f"- unlabelled: {u}" for u in unlabelled]
    text = "\n".join(lines)
    print(text)
    if args.write_docs:
        section = "\n".join(
            [
                "## CLM005 precision (`bench/clm005_precision.py`)",
                "",
                *harness.run_description(),
                "",
                "Data: the twelve development manuscripts and the bundled example; labels in "
                "`bench/data/claims_dev/clm005_labels.yaml` (each finding the rule gave before "
                "issue #16 tightened it, labelled by hand: would an editor ask for a citation?).",
                "",
                text,
            ]
        )
        print(f"wrote {harness.write_docs_section('clm005-precision', section)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
