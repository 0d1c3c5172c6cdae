"""Time per MB on pathological input shapes, and how it grows with the input's size.

Each shape is built at 1×, 4× and 16× its base size and checked in-process with
``check_manuscript`` (offline, claims on: everything a plain ``citecheck check`` runs). A finder
that is linear in its input takes about 4× as long for 4× the input; a quadratic one takes 16×.
The 16× size of each shape is the one the issue that asked for this benchmark (#22) measured:
100,000 open brackets, a 5 MB manuscript on one line, 20,000 references, 100,000 citations, and
the claims-stage shapes of about 200 KB.

    python bench/pathological.py [--shape NAME ...] [--repeat 3] [--budget 60] [--write-docs]

Times are CPU seconds of this process (median of ``--repeat`` runs). A run that takes longer
than ``--budget`` seconds is not repeated and the larger sizes of its
shape are skipped (shown as ``skipped``): a quadratic finder at 16× can take many minutes.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

import harness

harness.use_checkout_source()

from citecheck.errors import NoReferenceSection  # noqa: E402
from citecheck.inputs import document_from_text  # noqa: E402
from citecheck.manuscript import check_manuscript  # noqa: E402
from citecheck.options import CheckOptions, ClaimSettings  # noqa: E402

SCALES = (1, 4, 16)
_SENTENCE = "Median survival was 12 months in the treated group (1). "
_REFERENCE = "Smith J, Doe A. A study of receptor number {n} in cells. J Med. 2001;{v}:1-9."


def _reference_list(count: int) -> str:
    entries = "\n".join(
        f"{n}. " + _REFERENCE.format(n=n, v=n % 90 + 1) for n in range(1, count + 1)
    )
    return f"\n\n## References\n\n{entries}\n"


_WORDS = [
    "receptor",
    "tumour",
    "imaging",
    "survival",
    "cohort",
    "kinase",
    "binding",
    "trial",
    "antibody",
    "ligand",
    "expression",
    "marker",
    "response",
    "therapy",
    "signal",
    "model",
    "protein",
    "pathway",
    "dose",
    "outcome",
]


def _title_reference(n: int) -> str:
    """A reference whose title differs from every other one's (the words spell ``n``)."""
    words, rest = [], n
    while True:
        rest, digit = divmod(rest, len(_WORDS))
        words.append(_WORDS[digit])
        if rest == 0:
            break
    title = " ".join(["Effects of", *words, "in", _WORDS[len(words) % 20], "cells"])
    return f"Smith J, Doe A. {title.capitalize()}. J Med. {1990 + n % 30};{n % 90 + 1}:1-9."


def open_brackets(scale: int) -> str:
    """100,000 ``[`` at 16×, on one line, before a short list."""
    return "Intro [1].\n\n" + "[" * (6_250 * scale) + _reference_list(3)


def one_line(scale: int) -> str:
    """A manuscript held on a single line (5 MB at 16×), as a text extraction leaves it:
    the body's sentences with their citations on one line, then the list's entries on
    another."""
    count = 40 * scale
    refs = " ".join(f"{n}. " + _title_reference(n) for n in range(1, count + 1))
    sentences = (
        f"Median survival was {n} months in group {n} ({n % count + 1}). "
        for n in range(6_000 * scale)
    )
    return "".join(sentences) + f"\n\nReferences\n{refs}\n"


def many_references(scale: int) -> str:
    """20,000 numbered references at 16× with distinct titles, each cited once."""
    count = 1_250 * scale
    cites = "".join(f"Finding {n} was shown before [{n}]. " for n in range(1, count + 1))
    entries = "\n".join(f"{n}. " + _title_reference(n) for n in range(1, count + 1))
    return "# Study\n\n" + cites + f"\n\n## References\n\n{entries}\n"


def many_citations(scale: int) -> str:
    """100,000 citation groups at 16× to a list of 50."""
    groups = "".join(
        f"Finding [{n % 50 + 1}]. " + ("\n\n" if n % 20 == 0 else "") for n in range(6_250 * scale)
    )
    return "# Study\n\n" + groups + _reference_list(50)


def heading_spaces(scale: int) -> str:
    """A section name followed by a long run of spaces and more text on its line (128 KB of
    spaces at 16×), as a heading line and as a line of its own."""
    spaces = " " * (4_000 * scale)
    return f"# Results{spaces}x\n\nResults{spaces}x\n\nText [1].\n" + _reference_list(3)


def nested_brackets(scale: int) -> str:
    """Deeply nested ``[`` with numbers in them (200 KB at 16×)."""
    return "Text [1]. " + "[1, [2, " * (1_560 * scale) + "\n" + _reference_list(3)


def numbers_sentence(scale: int) -> str:
    """One long sentence full of numbers (170 KB at 16×), cited at its end."""
    numbers = " ".join(f"{n % 97}.{n % 7} mg and" for n in range(1_000 * scale))
    return f"# Introduction\n\nDoses were {numbers} 5 mg in all [1].\n" + _reference_list(3)


SHAPES: dict[str, Callable[[int], str]] = {
    "open-brackets": open_brackets,
    "one-line": one_line,
    "references": many_references,
    "citations": many_citations,
    "heading-spaces": heading_spaces,
    "nested-brackets": nested_brackets,
    "numbers-sentence": numbers_sentence,
}
_OPTIONS = CheckOptions(claims=ClaimSettings(find_by_name=False))


def check(text: str) -> object:
    """What ``citecheck check`` does in-process (a missing list is an answer too)."""
    try:
        return check_manuscript(document_from_text(text, "bench.md"), _OPTIONS)
    except NoReferenceSection:
        return None


def _cpu_seconds(text: str) -> float:
    start = time.process_time()
    check(text)
    return time.process_time() - start


def _timed(text: str, repeat: int, budget: float) -> tuple[float, bool]:
    """Median CPU seconds of ``check(text)`` and whether it went over budget (then: one
    run). CPU time of this process, not wall time: on a shared machine other processes
    slow the wall clock unevenly, which would blur the growth this measures."""
    first = _cpu_seconds(text)
    if first > budget:
        return first, True
    if first * repeat > budget:
        return first, False
    return statistics.median(_cpu_seconds(text) for _ in range(repeat)), False


def _warm_up() -> None:
    """Import every stage once, so the first timed run does not pay for it."""
    check(SHAPES["open-brackets"](1)[:20] + _reference_list(3))


def measure(names: Sequence[str], repeat: int, budget: float) -> list[list[object]]:
    _warm_up()
    rows: list[list[object]] = []
    for name in names:
        build = SHAPES[name]
        previous: float | None = None
        over = False
        for scale in SCALES:
            text = build(scale)
            mb = len(text.encode("utf-8")) / 1e6
            if over:
                rows.append([name, f"{scale}×", f"{mb:.2f}", "skipped", "–", "–"])
                continue
            seconds, over = _timed(text, repeat, budget)
            growth = f"{seconds / previous:.1f}×" if previous else "–"
            shown = f"> {budget:.0f} ({seconds:.1f})" if over else f"{seconds:.3f}"
            rows.append([name, f"{scale}×", f"{mb:.2f}", shown, f"{seconds / mb:.3f}", growth])
            print(f"  {name} {scale}×: {seconds:.3f} s", flush=True)
            previous = seconds
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES))
    ap.add_argument("--repeat", type=int, default=3, help="runs per size (median)")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds before a shape stops")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    rows = measure(args.shape or list(SHAPES), args.repeat, args.budget)
    headers = ["shape", "size", "MB", "seconds", "s/MB", "growth"]
    body = harness.table(headers, rows, "llrrrr")
    print(body)
    if args.write_docs:
        md = "\n".join(
            [
                "## Pathological input shapes: time per MB and growth",
                "",
                *harness.run_description(),
                "",
                "Each shape at 1×, 4× and 16× its base size, checked in-process with "
                "`check_manuscript` (offline, claims on); seconds are the median CPU time "
                f"of {args.repeat} runs (CPU, not wall time: the machine is shared, and other "
                "processes would blur the growth). *growth* is the time over the time at the "
                "size before: "
                "about 4× means linear, 16× quadratic. The 16× sizes are those of issue #22 "
                "(100,000 open brackets, a 5 MB single line, 20,000 references, 100,000 "
                "citations). In *references* the titles are distinct but alike, and the pairs "
                "at or above REF003's similarity threshold (each one a finding) grow faster "
                "than the list (4,248 at 5,000 references, 30,742 at 20,000): part of that "
                "shape's growth is its output's.",
                "",
                body,
            ]
        )
        harness.write_docs_section("pathological", md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
