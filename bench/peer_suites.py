"""Conformance against other checkers' own tests: the 61 cases of ../shared/data/peer-suites/.

What it measures
    Every case is run as its README says, from ``../shared/data/peer-suites/``:

        citecheck check cases/X.md --format json --fail-on never

    and each expectation the case states (non-null) is checked:

    - missing: a CIT001 finding names each number; uncited: a CIT002 finding names each number.
      When the list is stated, a CIT001 (CIT002) naming any other number (outside ``tolerate``)
      is a false alarm and fails the expectation: ``[]`` means "none at all".
    - out_of_order: some CIT003 when true, none when false.
    - bad_ranges: some CIT004 when true, none when false.
    - duplicates: a REF003 names both numbers of each pair; repeated_numbers: a REF002 names
      each number.
    - cited: the union of ``refs`` over the report's citations equals the set (an empty union
      is also accepted where the case says ``cited_may_be_empty``).

    A case passes when all its stated expectations hold; a case with no JSON report fails.
    The peers' texts stay in ../shared (MIT-licensed third-party text): nothing is copied.

Usage
    python bench/peer_suites.py                 # pass/fail per case with the reason, totals
    python bench/peer_suites.py --failed-only   # only the failing cases
    python bench/peer_suites.py --write-docs    # also rewrite its docs section
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import harness

KINDS = (
    "missing",
    "uncited",
    "out_of_order",
    "bad_ranges",
    "duplicates",
    "repeated_numbers",
    "cited",
)


@dataclass
class Outcome:
    case: dict
    report: dict | None
    error: str | None = None
    failed: dict[str, str] = field(default_factory=dict)  # kind -> reason
    checked: list[str] = field(default_factory=list)
    false_alarms: int = 0

    @property
    def passed(self) -> bool:
        return self.report is not None and not self.failed


def run_case(cli: list[str], suite: Path, case: dict) -> tuple[dict | None, str | None]:
    proc = subprocess.run(
        [*cli, "check", case["manuscript"], "--format", "json", "--fail-on", "never"],
        cwd=suite,
        capture_output=True,
        text=True,
        check=False,
    )
    if not proc.stdout.strip():
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        return None, f"no JSON report (exit {proc.returncode}: {last})"
    try:
        return json.loads(proc.stdout)["manuscripts"][0], None
    except (ValueError, KeyError, IndexError) as exc:
        return None, f"unreadable JSON report (exit {proc.returncode}: {exc})"


def numbers(report: dict, rule: str) -> set[int]:
    return {n for f in report.get("findings", []) if f["rule"] == rule for n in f.get("refs", [])}


def has(report: dict, rule: str) -> bool:
    return any(f["rule"] == rule for f in report.get("findings", []))


def show(values: Iterable[int]) -> str:
    return "{" + ", ".join(str(v) for v in sorted(values)) + "}"


def score_case(case: dict, report: dict) -> Outcome:
    out = Outcome(case, report)
    expect = case["expect"]
    tolerate = case.get("tolerate", {})

    for kind, rule in (("missing", "CIT001"), ("uncited", "CIT002")):
        want = expect.get(kind)
        if want is None:
            continue
        out.checked.append(kind)
        got = numbers(report, rule)
        lacking = set(want) - got
        extra = got - set(want) - set(tolerate.get(kind, []))
        out.false_alarms += len(extra)
        reasons = []
        if lacking:
            reasons.append(f"no {rule} for {show(lacking)}")
        if extra:
            reasons.append(f"false alarm {rule} {show(extra)}")
        if reasons:
            out.failed[kind] = "; ".join(reasons)

    for kind, rule in (("out_of_order", "CIT003"), ("bad_ranges", "CIT004")):
        want = expect.get(kind)
        if want is None:
            continue
        out.checked.append(kind)
        if has(report, rule) != bool(want):
            out.failed[kind] = f"expected {'a' if want else 'no'} {rule}"

    want = expect.get("duplicates")
    if want is not None:
        out.checked.append("duplicates")
        pairs = [tuple(p) if isinstance(p, (list, tuple)) else (p,) for p in want]
        named = [
            set(f.get("refs", [])) for f in report.get("findings", []) if f["rule"] == "REF003"
        ]
        lacking = [p for p in pairs if not any(set(p) <= n for n in named)]
        if lacking:
            out.failed["duplicates"] = f"no REF003 naming {lacking}"
        if not want and named:
            out.failed["duplicates"] = f"unexpected REF003 {named}"

    want = expect.get("repeated_numbers")
    if want is not None:
        out.checked.append("repeated_numbers")
        lacking = set(want) - numbers(report, "REF002")
        if lacking:
            out.failed["repeated_numbers"] = f"no REF002 for {show(lacking)}"

    want = expect.get("cited")
    if want is not None:
        out.checked.append("cited")
        got = {n for c in report.get("citations", []) for n in c.get("refs", [])}
        ok = got == set(want) or (not got and case.get("cited_may_be_empty"))
        if not ok:
            parts = []
            if set(want) - got:
                parts.append(f"not found {show(set(want) - got)}")
            if got - set(want):
                parts.append(f"extra {show(got - set(want))}")
            out.failed["cited"] = f"cited {show(got)} (want {show(want)}: {'; '.join(parts)})"
    return out


def evaluate(suite: Path, workers: int) -> list[Outcome]:
    cases = json.loads((suite / "cases.json").read_text(encoding="utf-8"))
    cli = harness.citecheck_command()
    with ThreadPoolExecutor(workers) as pool:
        runs = list(pool.map(lambda c: run_case(cli, suite, c), cases))
    outcomes = []
    for case, (report, error) in zip(cases, runs, strict=True):
        if report is None:
            outcomes.append(Outcome(case, None, error, {"report": error or "no report"}))
        else:
            outcomes.append(score_case(case, report))
    return outcomes


def reason(o: Outcome) -> str:
    return "; ".join(f"{k}: {v}" if k != "report" else v for k, v in o.failed.items())


def build_report(outcomes: list[Outcome], show_passing: bool) -> str:
    passed = sum(o.passed for o in outcomes)
    alarms = sum(o.false_alarms for o in outcomes)
    alarm_cases = sum(1 for o in outcomes if o.false_alarms)
    by_peer: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_peer[o.case["peer"]].append(o)
    kind_total, kind_ok = Counter(), Counter()
    for o in outcomes:
        for k in o.checked:
            kind_total[k] += 1
            kind_ok[k] += k not in o.failed
    detection = [o for o in outcomes if "detection" in o.case.get("tags", [])]

    out = [
        f"**{passed} of {len(outcomes)} cases pass**; false alarms (CIT001/CIT002 naming a "
        f"number outside a stated list): {alarms} in {alarm_cases} case(s); "
        f"detection-tagged cases: {sum(o.passed for o in detection)} of {len(detection)} pass.\n",
        harness.table(
            ["peer", "cases", "passed"],
            [[p, len(v), sum(o.passed for o in v)] for p, v in sorted(by_peer.items())]
            + [["**all**", len(outcomes), passed]],
        ),
        "\nBy expectation (cases that state it, and how many of those hold):\n",
        harness.table(
            ["expectation", "stated", "holds"],
            [[k, kind_total[k], kind_ok[k]] for k in KINDS if kind_total[k]],
        ),
    ]
    rows = [
        [o.case["id"], "pass" if o.passed else "FAIL", reason(o) if not o.passed else ""]
        for o in outcomes
        if show_passing or not o.passed
    ]
    if rows:
        title = "Every case" if show_passing else "Failing cases"
        out += [f"\n{title}:\n", harness.table(["case", "result", "why"], rows, "lll")]
    return "\n".join(out)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write-docs", action="store_true", help="rewrite this script's docs section")
    ap.add_argument("--failed-only", action="store_true", help="list only the failing cases")
    ap.add_argument("--jobs", type=int, default=harness.cpu_count(), help="parallel runs")
    args = ap.parse_args(list(argv) if argv is not None else None)

    suite = harness.require_shared() / "data" / "peer-suites"
    outcomes = evaluate(suite, args.jobs)
    print(build_report(outcomes, show_passing=not args.failed_only))
    if args.write_docs:
        section = "\n".join(
            [
                "## Peer suites (`bench/peer_suites.py`)",
                "",
                *harness.run_description(),
                "- data: the 61 cases of `../shared/data/peer-suites/` (tests of RefChecker "
                "3.1.10, starbuck 0.2.0 and touchneedle 0.3.0), scored as its README's "
                '"How to score" says',
                "",
                build_report(outcomes, show_passing=False),
            ]
        )
        path = harness.write_docs_section("peer_suites", section)
        print(f"\nwrote {path.relative_to(harness.REPO_ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
