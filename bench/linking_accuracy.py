"""In-text citation finding and linking, and the numbering audit, against manuscripts with a
known answer; and the whole-process time of ``citecheck check`` on the seed.

What it measures
    For every ``../shared/data/manuscripts/*/gold.json`` (twelve PLOS articles in four marker
    styles) and every ``bench/gold/*.json`` (the seed, gold written by hand; see the note in
    that file), it runs ``citecheck check MANUSCRIPT --format json --fail-on never`` and
    compares the report with the gold:

    - citation groups: a found group matches a gold group when their offsets (0-based character
      offset of the marker in the decoded text) differ by at most ``--tolerance`` characters
      and their reference numbers are equal (ranges expanded, order ignored). Precision =
      matched / found, recall = matched / gold. Each group is matched at most once.
    - refs accuracy: of the found groups that sit at a gold group's place (offset within the
      tolerance), the share whose numbers are right.
    - instances: each (group, reference number) pair, where a found group counts for a gold
      group whose marker it overlaps; robust to a tool splitting ``[6], [7]`` into two groups.
    - the audit facts: the numbers named by CIT002 (never cited) against gold ``uncited``, by
      CIT001 (no such reference) against gold ``missing``, the references CIT003 names
      (first cited before a lower-numbered one) against the gold's order violations, and the
      number of references read.

    Speed: median whole-process time of ``citecheck check`` on the seed, against
    ``python -c pass`` measured in the same run.

Usage
    python bench/linking_accuracy.py                     # table on stdout
    python bench/linking_accuracy.py --show-failures 10  # plus up to 10 misses per manuscript
    python bench/linking_accuracy.py --write-docs        # also rewrite its docs section
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import harness

GOLD_DIR = Path(__file__).resolve().parent / "gold"


@dataclass(frozen=True)
class Group:
    offset: int
    text: str
    refs: tuple[int, ...]
    line: int | None = None

    @property
    def end(self) -> int:
        return self.offset + max(len(self.text), 1)

    @property
    def key(self) -> tuple[int, ...]:
        return tuple(sorted(self.refs))


@dataclass(frozen=True)
class Case:
    id: str
    manuscript: Path
    gold: dict

    @property
    def marker_style(self) -> str:
        return str(self.gold.get("marker_style", "?"))

    @property
    def groups(self) -> list[Group]:
        return [
            Group(c["offset"], c["marker"], tuple(c["refs"]), c.get("line"))
            for c in self.gold["citations"]
        ]

    @property
    def reference_count(self) -> int:
        if "references" in self.gold:
            return len(self.gold["references"])
        return int(self.gold["stats"]["references"])


def load_cases(shared: Path) -> list[Case]:
    cases = []
    for gold_file in sorted((shared / "data" / "manuscripts").glob("*/gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        cases.append(Case(gold["id"], gold_file.parent / gold["manuscript"], gold))
    for gold_file in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        path = (harness.REPO_ROOT / gold["manuscript"]).resolve()
        cases.append(Case(gold["id"], path, gold))
    return cases


# --- running citecheck -----------------------------------------------------------------------


@dataclass
class Run:
    report: dict | None
    error: str | None = None


def run_check(cli: list[str], manuscript: Path) -> Run:
    proc = subprocess.run(
        [*cli, "check", str(manuscript), "--format", "json", "--fail-on", "never"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        return Run(None, f"exit {proc.returncode}: {last}")
    try:
        data = json.loads(proc.stdout)
        return Run(data["manuscripts"][0])
    except (ValueError, KeyError, IndexError) as exc:
        return Run(None, f"unreadable JSON report ({exc})")


def found_groups(report: dict, text: str) -> list[Group]:
    line_starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            line_starts.append(i + 1)
    groups = []
    for c in report.get("citations", []):
        offset = c.get("offset")
        if offset is None:  # older reports: from line and 1-based column
            offset = line_starts[c["line"] - 1] + c["column"] - 1
        groups.append(Group(offset, c.get("text", ""), tuple(c.get("refs", [])), c.get("line")))
    return groups


def named_by(report: dict, rule: str) -> set[int]:
    return {n for f in report.get("findings", []) if f["rule"] == rule for n in f.get("refs", [])}


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    located: int = 0
    gold_instances: int = 0
    gold_instances_hit: int = 0
    found_instances: int = 0
    found_instances_right: int = 0
    missed: list[tuple[Group, Group | None]] = field(default_factory=list)
    spurious: list[Group] = field(default_factory=list)
    wrong_refs: list[tuple[Group, Group]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "gold",
            "found",
            "matched",
            "located",
            "gold_instances",
            "gold_instances_hit",
            "found_instances",
            "found_instances_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def score_groups(gold: list[Group], found: list[Group], tol: int) -> Score:
    s = Score(gold=len(gold), found=len(found))
    taken: set[int] = set()
    pair: dict[int, int] = {}
    # first the exact matches (place and numbers), nearest first; then place only
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in pair:
                continue
            near = [
                (abs(f.offset - g.offset), fi)
                for fi, f in enumerate(found)
                if fi not in taken
                and abs(f.offset - g.offset) <= tol
                and (not exact or f.key == g.key)
            ]
            if near:
                fi = min(near)[1]
                pair[gi] = fi
                taken.add(fi)
    for gi, fi in pair.items():
        s.located += 1
        if found[fi].key == gold[gi].key:
            s.matched += 1
        else:
            s.wrong_refs.append((gold[gi], found[fi]))
    for gi, g in enumerate(gold):
        if gi not in pair:
            close = [f for f in found if abs(f.offset - g.offset) <= 40]
            s.missed.append((g, min(close, key=lambda f: abs(f.offset - g.offset), default=None)))
    s.spurious = [f for fi, f in enumerate(found) if fi not in taken]

    def overlaps(a: Group, b: Group) -> bool:
        return a.offset - tol < b.end and b.offset - tol < a.end

    for g in gold:
        covered = {r for f in found if overlaps(f, g) for r in f.refs}
        s.gold_instances += len(set(g.refs))
        s.gold_instances_hit += len(set(g.refs) & covered)
    for f in found:
        allowed = {r for g in gold if overlaps(f, g) for r in g.refs}
        s.found_instances += len(set(f.refs))
        s.found_instances_right += len(set(f.refs) & allowed)
    return s


@dataclass
class Audit:
    uncited: tuple[set[int], set[int]]
    missing: tuple[set[int], set[int]]
    order: tuple[set[int], set[int]]  # (refs CIT003 names, gold's violating refs)
    references: tuple[int, int]
    other: Counter

    @property
    def uncited_ok(self) -> bool:
        return self.uncited[0] == self.uncited[1]

    @property
    def missing_ok(self) -> bool:
        return self.missing[0] == self.missing[1]

    @property
    def order_ok(self) -> bool:
        return self.order[0] == self.order[1]

    @property
    def references_ok(self) -> bool:
        return self.references[0] == self.references[1]


AUDITED_RULES = {"CIT001", "CIT002", "CIT003"}


def audit(case: Case, report: dict) -> Audit:
    other = Counter(
        f"{f['rule']}/{f['severity']}"
        for f in report.get("findings", [])
        if f["rule"] not in AUDITED_RULES and f["severity"] in ("error", "warning")
    )
    return Audit(
        uncited=(named_by(report, "CIT002"), set(case.gold.get("uncited", []))),
        missing=(named_by(report, "CIT001"), set(case.gold.get("missing", []))),
        order=(
            named_by(report, "CIT003"),
            {v["ref"] for v in case.gold.get("first_citation_order_violations") or []},
        ),
        references=(len(report.get("references", [])), case.reference_count),
        other=other,
    )


# --- report ----------------------------------------------------------------------------------


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def mark(ok: bool, got: object, want: object) -> str:
    return "ok" if ok else f"✗ {got} (gold {want})"


def sorted_list(numbers: set[int]) -> str:
    return "[" + ",".join(str(n) for n in sorted(numbers)) + "]"


def build_report(
    results: list[tuple[Case, Run, Score | None, Audit | None]],
    timing: list[tuple[str, float]] | None,
    tol: int,
) -> str:
    rows = []
    arows = []
    total = Score()
    audits_ok = 0
    for case, run, s, a in results:
        if s is None or a is None:
            rows.append(
                [
                    case.id,
                    case.marker_style,
                    len(case.groups),
                    "–",
                    "–",
                    "–",
                    "–",
                    "–",
                    "–",
                    "–",
                    f"no report: {run.error}",
                ]
            )
            arows.append([case.id, "–", "–", "–", "–", "–"])
            continue
        total.add(s)
        rows.append(
            [
                case.id,
                case.marker_style,
                s.gold,
                s.found,
                s.matched,
                fmt(ratio(s.matched, s.found)),
                fmt(ratio(s.matched, s.gold)),
                fmt(ratio(s.matched, s.located)),
                fmt(ratio(s.found_instances_right, s.found_instances)),
                fmt(ratio(s.gold_instances_hit, s.gold_instances)),
                "",
            ]
        )
        all_ok = a.uncited_ok and a.missing_ok and a.order_ok and a.references_ok
        audits_ok += all_ok
        arows.append(
            [
                case.id,
                mark(a.references_ok, a.references[0], a.references[1]),
                mark(a.uncited_ok, sorted_list(a.uncited[0]), sorted_list(a.uncited[1])),
                mark(a.missing_ok, sorted_list(a.missing[0]), sorted_list(a.missing[1])),
                mark(a.order_ok, sorted_list(a.order[0]), sorted_list(a.order[1])),
                ", ".join(f"{k}×{v}" for k, v in sorted(a.other.items())) or "none",
            ]
        )
    rows.append(
        [
            "**all**",
            "",
            total.gold,
            total.found,
            total.matched,
            fmt(ratio(total.matched, total.found)),
            fmt(ratio(total.matched, total.gold)),
            fmt(ratio(total.matched, total.located)),
            fmt(ratio(total.found_instances_right, total.found_instances)),
            fmt(ratio(total.gold_instances_hit, total.gold_instances)),
            "",
        ]
    )
    out = [
        f"Citation groups (a match: offset within {tol} characters and the same numbers):\n",
        harness.table(
            [
                "manuscript",
                "markers",
                "gold",
                "found",
                "matched",
                "precision",
                "recall",
                "refs acc",
                "inst. P",
                "inst. R",
                "note",
            ],
            rows,
            "llrrrrrrrrl",
        ),
        f"\nNumbering audit ({audits_ok} of {len(results)} manuscripts entirely right):\n",
        harness.table(
            [
                "manuscript",
                "references read",
                "uncited (CIT002)",
                "missing (CIT001)",
                "order (CIT003)",
                "other errors/warnings",
            ],
            arows,
            "llllll",
        ),
    ]
    if timing:
        base = timing[0][1]
        trows = [
            [f"`{label}`", f"{sec * 1000:.0f} ms", f"{sec / base:.1f}×"] for label, sec in timing
        ]
        out += [
            "\nSpeed (median whole-process wall time):\n",
            harness.table(["command", "median", "× python startup"], trows, "lrr"),
            "\nTarget for `citecheck check` on the seed: ≤ 0.3 s.",
        ]
    return "\n".join(out)


def context(text: str, g: Group, width: int = 35) -> str:
    before = text[max(0, g.offset - width) : g.offset].replace("\n", "⏎")
    after = text[g.end : g.end + 10].replace("\n", "⏎")
    return f"…{before}⟦{text[g.offset : g.end]}⟧{after}…"


def print_failures(results: list[tuple[Case, Run, Score | None, Audit | None]], n: int) -> None:
    for case, run, s, _ in results:
        if s is None:
            print(f"\n## {case.id}: no report ({run.error})")
            continue
        if not (s.missed or s.spurious):
            continue
        text = case.manuscript.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        print(
            f"\n## {case.id} ({case.marker_style}): {len(s.missed)} gold groups unmatched, "
            f"{len(s.spurious)} found groups unmatched"
        )
        for g, near in s.missed[:n]:
            got = (
                f"found {near.text!r} -> {list(near.refs)} at {near.offset - g.offset:+d}"
                if near
                else "nothing near"
            )
            print(f"  MISSED  line {g.line}: {context(text, g)} gold {list(g.refs)}; {got}")
        for f in s.spurious[:n]:
            print(f"  EXTRA   line {f.line}: {context(text, f)} -> {list(f.refs)}")


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write-docs", action="store_true", help="rewrite this script's docs section")
    ap.add_argument(
        "--show-failures",
        type=int,
        default=0,
        metavar="N",
        help="print up to N missed and N extra groups per manuscript",
    )
    ap.add_argument("--tolerance", type=int, default=3, help="offset tolerance in characters")
    ap.add_argument("--process-runs", type=int, default=7, help="whole-process runs (median)")
    ap.add_argument("--no-speed", action="store_true", help="skip the timing")
    args = ap.parse_args(list(argv) if argv is not None else None)

    shared = harness.require_shared()
    cli = harness.citecheck_command()
    results = []
    for case in load_cases(shared):
        run = run_check(cli, case.manuscript)
        if run.report is None:
            results.append((case, run, None, None))
            continue
        text = case.manuscript.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        s = score_groups(case.groups, found_groups(run.report, text), args.tolerance)
        results.append((case, run, s, audit(case, run.report)))

    timing = None
    if not args.no_speed:
        seed = str(harness.SEED)
        command = [*cli, "check", seed, "--format", "json", "--fail-on", "never"]
        timing = [
            ("python -c pass", harness.python_startup_seconds(args.process_runs)),
            (harness.display_command(command), harness.time_process(command, args.process_runs)),
        ]

    report = build_report(results, timing, args.tolerance)
    print(report)
    if args.show_failures:
        print_failures(results, args.show_failures)
    if args.write_docs:
        section = "\n".join(
            [
                "## Citation linking and the numbering audit (`bench/linking_accuracy.py`)",
                "",
                *harness.run_description(),
                "- data: the twelve manuscripts of `../shared/data/manuscripts/` (gold.json each) "
                "and the seed (`bench/gold/walenkamp2017-cxcr4.json`, written by hand: 59 groups)",
                "- refs acc: share of the groups found at a gold group's place whose numbers are "
                "right; inst. P/R: (group, number) pairs, counted over overlapping markers",
                "",
                report,
            ]
        )
        path = harness.write_docs_section("linking_accuracy", section)
        print(f"\nwrote {path.relative_to(harness.REPO_ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
