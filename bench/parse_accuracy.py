"""Reference-string parsing: field accuracy against labelled strings, and speed.

What it measures
    Field-level precision, recall and F1 of ``citecheck.bibliography.parse.parse_reference`` on the
    labelled strings of ``../shared/data/refparse/``, in four subsets:

    - PLOS-NLM: ``plos_starter_mixed.jsonl`` records whose ``style_hint`` starts "plos-nlm";
    - PLOS Vancouver: ``plos_starter_mixed.jsonl``, ``style_hint == "vancouver"``;
    - GROBID Vancouver: ``grobid_citation.jsonl``, ``style_hint == "vancouver"``;
    - seed: ``seed_jnm2017.jsonl`` (the 88 references of the seed manuscript).

    Only fields the gold labels count. For each labelled field a prediction is correct when it
    equals the gold value after normalisation, wrong when it differs, missed when absent.
    Precision = correct / predicted, recall = correct / labelled. Normalisation (the same on
    both sides): Unicode NFC, runs of whitespace to one space, every dash (hyphen, en/em dash,
    minus, double hyphen) to ``-``, surrounding whitespace and a trailing ``.``/``,``/``;``/``:``
    removed. Pages: spaces around the dash removed and abbreviated ranges expanded
    (``1589–97`` -> ``1589-1597``). DOIs compared case-insensitively without a ``doi:`` or
    ``https://doi.org/`` prefix. Authors: the ordered list "Family Initials" must be equal as a
    whole (one field per reference).

    The same strings are given to refextract (INSPIRE's reference extractor) for comparison.

    Speed: references per second parsed in-process over every string of the three files (median
    of ``--repeat`` runs), and the whole-process time of ``citecheck refs`` on the seed manuscript
    (median of ``--process-runs`` runs) against ``python -c pass`` measured in the same run.

Installing refextract (kept out of the project's environment)
    python3 -m venv /work/venv-refextract
    /work/venv-refextract/bin/pip install refextract

    The script looks for that interpreter at ``../venv-refextract/bin/python`` relative to the
    repository root, or wherever ``--refextract-python`` points; without it the comparison is
    skipped and the report says so. refextract runs in a child process of that interpreter, one
    call of ``extract_references_from_string(raw, is_only_references=True)`` per string; when it
    splits one string into several references, the first value of each field is kept. It gives
    the author list as one string, which is split at commas, "and" and "&" for scoring. Its
    results are cached in ``bench/.cache/`` (keyed by its version and the strings).

Usage
    python bench/parse_accuracy.py                      # tables on stdout
    python bench/parse_accuracy.py --show-failures 30   # plus the 30 worst-parsed strings
    python bench/parse_accuracy.py --write-docs         # also rewrite its docs section
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import harness

FIELDS = ("authors", "title", "container", "year", "volume", "issue", "pages", "doi", "pmid")
DEFAULT_REFEXTRACT = harness.REPO_ROOT.parent / "venv-refextract" / "bin" / "python"
CACHE_DIR = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class Subset:
    name: str
    file: str
    keep: Callable[[str], bool]


SUBSETS = (
    Subset("PLOS-NLM", "plos_starter_mixed.jsonl", lambda hint: hint.startswith("plos-nlm")),
    Subset("PLOS Vancouver", "plos_starter_mixed.jsonl", lambda hint: hint == "vancouver"),
    Subset("GROBID Vancouver", "grobid_citation.jsonl", lambda hint: hint == "vancouver"),
    Subset("seed", "seed_jnm2017.jsonl", lambda hint: True),
)
ALL_FILES = ("plos_starter_mixed.jsonl", "grobid_citation.jsonl", "seed_jnm2017.jsonl")


# --- normalisation ---------------------------------------------------------------------------

DASH = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe63\uff0d]")
SPACES = re.compile(r"\s+")
DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
PAGE_RANGE = re.compile(r"^([A-Za-z]*)(\d+)-([A-Za-z]*)(\d+)$")


def normalise_text(value: str) -> str:
    """NFC, one space for any whitespace run, every dash as ``-``, no trailing separator."""
    value = DASH.sub("-", unicodedata.normalize("NFC", value))
    value = SPACES.sub(" ", value).strip()
    return value.rstrip(".,;: ")


def normalise_pages(value: str) -> str:
    """``1589 – 97`` and ``1589--1597`` both become ``1589-1597``; ``e123-5`` -> ``e123-e125``."""
    value = re.sub(r"\s*-+\s*", "-", normalise_text(value))
    m = PAGE_RANGE.match(value)
    if not m:
        return value
    prefix, first, prefix2, last = m.groups()
    if prefix2 and prefix2 != prefix:
        return value
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{prefix}{first}-{prefix}{last}"


def normalise_field(name: str, value: object) -> str | None:
    """The comparable form of a field value; ``None`` when there is nothing."""
    if value is None:
        return None
    if name == "authors":
        names = [normalise_text(str(a)) for a in value]  # type: ignore[union-attr]
        names = [n for n in names if n]
        return " ; ".join(names) or None
    text = normalise_text(str(value))
    if not text:
        return None
    if name == "pages":
        return normalise_pages(text)
    if name == "doi":
        return DOI_PREFIX.sub("", text).lower()
    return text


# --- the systems under test ------------------------------------------------------------------


def citecheck_fields(raw: str, parse: Callable[[str], object]) -> dict[str, object]:
    """citecheck's fields for one string, in the gold's terms."""
    ref = parse(raw)
    out: dict[str, object] = {}
    for name in FIELDS:
        value = getattr(ref, name, None)
        if name == "authors":
            value = [f"{a.family} {a.given}".strip() for a in value or ()]
        out[name] = value
    return out


REFEXTRACT_CHILD = r"""
import json, sys
from concurrent.futures import ProcessPoolExecutor
import os

def one(raw):
    from refextract import extract_references_from_string
    try:
        found = extract_references_from_string(raw, is_only_references=True)
    except Exception as exc:  # report, do not stop
        return {"error": repr(exc)}
    merged = {}
    for rec in found:
        for key, values in rec.items():
            if values and key not in merged:
                merged[key] = values[0]
    return merged

if __name__ == "__main__":
    strings = json.load(sys.stdin)
    workers = len(os.sched_getaffinity(0))
    import time
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(one, strings, chunksize=32))
    elapsed = time.perf_counter() - start
    from importlib.metadata import version
    json.dump({"version": version("refextract"), "seconds": elapsed, "workers": workers,
               "results": results}, sys.stdout)
"""

AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


def refextract_fields(rec: dict[str, str]) -> dict[str, object]:
    """refextract's output for one string, in the gold's terms."""
    authors = None
    if rec.get("author"):
        parts = [p for p in AUTHOR_SPLIT.split(rec["author"]) if p]
        authors = [p for p in parts if not re.fullmatch(r"et\.? al\.?", p)]
    year = rec.get("journal_year") or rec.get("year")
    return {
        "authors": authors,
        "title": rec.get("title"),
        "container": rec.get("journal_title"),
        "year": year,
        "volume": rec.get("journal_volume"),
        "issue": None,
        "pages": rec.get("journal_page"),
        "doi": rec.get("doi"),
        "pmid": None,
    }


def run_refextract(python: Path, strings: list[str]) -> dict | None:
    """refextract's raw results for ``strings`` (cached), or ``None`` when unavailable."""
    if not python.exists():
        return None
    probe = subprocess.run(
        [str(python), "-c", "from importlib.metadata import version; print(version('refextract'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        return None
    version = probe.stdout.strip()
    key = hashlib.sha256(("\n".join([version, *strings])).encode()).hexdigest()[:16]
    cache = CACHE_DIR / f"refextract-{version}-{key}.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    print(
        f"running refextract {version} on {len(strings)} strings (a few minutes) ...",
        file=sys.stderr,
    )
    proc = subprocess.run(
        [str(python), "-c", REFEXTRACT_CHILD],
        input=json.dumps(strings),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print(f"refextract failed: {proc.stderr.strip()[-500:]}", file=sys.stderr)
        return None
    result = json.loads(proc.stdout)
    CACHE_DIR.mkdir(exist_ok=True)
    cache.write_text(json.dumps(result), encoding="utf-8")
    return result


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Tally:
    labelled: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, other: Tally) -> None:
        self.labelled += other.labelled
        self.predicted += other.predicted
        self.correct += other.correct

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.labelled if self.labelled else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if not p or not r:
            return 0.0 if self.labelled else None
        return 2 * p * r / (p + r)


@dataclass
class Miss:
    field: str
    expected: str
    got: str | None


@dataclass
class Scored:
    subset: str
    raw: str
    misses: list[Miss] = field(default_factory=list)
    error: str | None = None


def score(
    records: list[dict], predictions: list[dict[str, object]]
) -> tuple[dict[str, Tally], list[list[Miss]]]:
    tallies = {name: Tally() for name in FIELDS}
    misses: list[list[Miss]] = []
    for rec, pred in zip(records, predictions, strict=True):
        wrong = []
        for name in FIELDS:
            if name not in rec["fields"]:
                continue
            gold = normalise_field(name, rec["fields"][name])
            if gold is None:
                continue
            got = normalise_field(name, pred.get(name))
            t = tallies[name]
            t.labelled += 1
            if got is not None:
                t.predicted += 1
            if got == gold:
                t.correct += 1
            else:
                wrong.append(Miss(name, gold, got))
        misses.append(wrong)
    return tallies, misses


def overall(tallies: dict[str, Tally]) -> Tally:
    total = Tally()
    for t in tallies.values():
        total.add(t)
    return total


# --- data ------------------------------------------------------------------------------------


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_subsets(refparse: Path) -> dict[str, list[dict]]:
    files = {name: load_jsonl(refparse / name) for name in ALL_FILES}
    return {s.name: [r for r in files[s.file] if s.keep(r["style_hint"])] for s in SUBSETS}


# --- speed -----------------------------------------------------------------------------------


def measure_speed(parse: Callable[[str], object], strings: list[str], repeat: int) -> float:
    """Median references per second over ``strings`` (ones that parse without raising)."""

    def run() -> None:
        for raw in strings:
            parse(raw)

    seconds = harness.median_seconds(run, repeat)
    return len(strings) / seconds


def parses(parse: Callable[[str], object], raw: str) -> bool:
    try:
        parse(raw)
    except Exception:  # counted in the accuracy part; left out of the timing
        return False
    return True


def measure_process(runs: int) -> list[tuple[str, float]]:
    cli = harness.citecheck_command()
    seed = str(harness.SEED)
    rows = [
        ("python -c pass", harness.python_startup_seconds(runs)),
        (
            'python -c "import citecheck.cli"',
            harness.time_process([sys.executable, "-c", "import citecheck.cli"], runs),
        ),
        (
            harness.display_command([*cli, "refs", seed]),
            harness.time_process([*cli, "refs", seed], runs),
        ),
    ]
    return rows


# --- report ----------------------------------------------------------------------------------


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def build_report(
    subsets: dict[str, list[dict]],
    ours: dict[str, dict[str, Tally]],
    theirs: dict[str, dict[str, Tally]] | None,
    refextract_note: str,
    errors: int,
    speed: float | None,
    process: list[tuple[str, float]] | None,
    n_speed: int,
) -> str:
    out = []
    rows = []
    for name, records in subsets.items():
        t = overall(ours[name])
        r = overall(theirs[name]) if theirs else None
        rows.append(
            [
                name,
                len(records),
                t.labelled,
                fmt(t.precision),
                fmt(t.recall),
                fmt(t.f1),
                fmt(r.f1) if r else "n/a",
            ]
        )
    out.append("Strict field-level scores, all labelled fields pooled (micro average):\n")
    out.append(
        harness.table(
            ["subset", "strings", "labelled fields", "precision", "recall", "F1", "refextract F1"],
            rows,
        )
    )
    out.append(
        "\nF1 per field (citecheck; refextract pooled over the four subsets in the last "
        "column; n = labelled values):\n"
    )
    frows = []
    for fname in FIELDS:
        row: list[object] = [fname]
        pooled_ours, pooled_theirs = Tally(), Tally()
        for name in subsets:
            t = ours[name][fname]
            row.append(f"{fmt(t.f1)} (n={t.labelled})" if t.labelled else "–")
            pooled_ours.add(t)
            if theirs:
                pooled_theirs.add(theirs[name][fname])
        row.append(fmt(pooled_ours.f1))
        row.append(fmt(pooled_theirs.f1) if theirs else "n/a")
        frows.append(row)
    out.append(harness.table(["field", *subsets, "all", "refextract all"], frows))
    out.append("")
    out.append(
        f"- citecheck raised an exception on {errors} string(s) (counted as missing fields)."
    )
    out.append(f"- refextract: {refextract_note}")
    if speed is not None or process:
        out.append("\nSpeed:\n")
        srows = []
        if speed is not None:
            srows.append(
                [
                    f"parse_reference in-process, {n_speed} strings (all three files)",
                    f"{speed:,.0f} refs/s",
                    "target ≥ 20,000 refs/s",
                ]
            )
        if process:
            base = process[0][1]
            for label, seconds in process:
                srows.append(
                    [
                        f"`{label}`",
                        f"{seconds * 1000:.0f} ms",
                        f"{seconds / base:.1f}× python startup",
                    ]
                )
        out.append(harness.table(["what (median)", "value", "compared with"], srows, "lrl"))
        if process:
            out.append("\nTarget for `citecheck refs` on the seed: ≤ 0.3 s whole process.")
    return "\n".join(out)


def print_failures(scored: list[Scored], n: int, field_filter: str | None) -> None:
    def badness(s: Scored) -> tuple[int, int]:
        return (1 if s.error else 0, len(s.misses))

    chosen = [s for s in scored if s.error or s.misses]
    if field_filter:
        chosen = [s for s in chosen if s.error or any(m.field == field_filter for m in s.misses)]
    order = {sub.name: i for i, sub in enumerate(reversed(SUBSETS))}
    chosen.sort(key=lambda s: (badness(s), order[s.subset]), reverse=True)
    print(f"\nWorst {min(n, len(chosen))} of {len(chosen)} strings with a wrong field:")
    for s in chosen[:n]:
        print(f"\n[{s.subset}] {s.raw}")
        if s.error:
            print(f"    EXCEPTION {s.error}")
        for m in s.misses:
            if field_filter and m.field != field_filter:
                continue
            print(f"    {m.field:9} expected {m.expected!r}\n    {'':9} got      {m.got!r}")


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write-docs", action="store_true", help="rewrite this script's docs section")
    ap.add_argument(
        "--show-failures",
        type=int,
        default=0,
        metavar="N",
        help="print the N strings with the most wrong fields",
    )
    ap.add_argument("--field", choices=FIELDS, help="with --show-failures: only this field")
    ap.add_argument("--repeat", type=int, default=5, help="in-process timing runs (median)")
    ap.add_argument("--process-runs", type=int, default=7, help="whole-process runs (median)")
    ap.add_argument("--no-speed", action="store_true", help="skip the timings")
    ap.add_argument("--no-refextract", action="store_true", help="skip the refextract comparison")
    ap.add_argument(
        "--refextract-python",
        type=Path,
        default=DEFAULT_REFEXTRACT,
        help="interpreter of a venv with refextract installed",
    )
    args = ap.parse_args(list(argv) if argv is not None else None)

    shared = harness.require_shared()
    harness.use_checkout_source()
    from citecheck.bibliography.parse import parse_reference

    subsets = load_subsets(shared / "data" / "refparse")

    ours: dict[str, dict[str, Tally]] = {}
    scored: list[Scored] = []
    errors = 0
    for name, records in subsets.items():
        preds = []
        errs: list[str | None] = []
        for rec in records:
            try:
                preds.append(citecheck_fields(rec["raw"], parse_reference))
                errs.append(None)
            except Exception as exc:  # a crash is a result here, not the end of the run
                preds.append({})
                errs.append(
                    f"{type(exc).__name__}: {exc} "
                    f"({traceback.extract_tb(exc.__traceback__)[-1].name})"
                )
                errors += 1
        ours[name], misses = score(records, preds)
        scored += [
            Scored(name, r["raw"], m, e) for r, m, e in zip(records, misses, errs, strict=True)
        ]

    theirs = None
    note = "skipped (--no-refextract)"
    if not args.no_refextract:
        strings = [r["raw"] for records in subsets.values() for r in records]
        result = run_refextract(args.refextract_python, strings)
        if result is None:
            note = (
                f"not available (no interpreter with refextract at "
                f"{args.refextract_python}); see the docstring of bench/parse_accuracy.py"
            )
        else:
            recs = iter(result["results"])
            theirs = {}
            failed = 0
            for name, records in subsets.items():
                preds = []
                for _ in records:
                    rec = next(recs)
                    failed += "error" in rec
                    preds.append(refextract_fields(rec))
                theirs[name], _ = score(records, preds)
            rate = len(strings) / result["seconds"]
            note = (
                f"version {result['version']}, same strings, one call per string; "
                f"{rate:,.0f} refs/s on {result['workers']} processes (one run); "
                f"raised on {failed} string(s). It reports no issue or PMID field, and gives "
                f"authors as one string (split at commas/and for scoring)."
            )

    speed = process = None
    all_strings = [
        r["raw"] for f in ALL_FILES for r in load_jsonl(shared / "data" / "refparse" / f)
    ]
    if not args.no_speed:
        timed = [raw for raw in all_strings if parses(parse_reference, raw)]
        speed = measure_speed(parse_reference, timed, args.repeat)
        process = measure_process(args.process_runs)

    report = build_report(subsets, ours, theirs, note, errors, speed, process, len(all_strings))
    print(report)
    if args.show_failures:
        print_failures(scored, args.show_failures, args.field)
    if args.write_docs:
        section = "\n".join(
            [
                "## Reference parsing (`bench/parse_accuracy.py`)",
                "",
                *harness.run_description(),
                "- data: `../shared/data/refparse/` (see its README); strict comparison after the "
                "normalisation described in the script's docstring; only labelled fields count",
                "",
                report,
            ]
        )
        path = harness.write_docs_section("parse_accuracy", section)
        print(f"\nwrote {path.relative_to(harness.REPO_ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
