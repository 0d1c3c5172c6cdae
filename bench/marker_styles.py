"""Citation linking when the same manuscripts are written in other marker styles.

The development manuscripts (``../shared/data/manuscripts``) and the seed come in the
marker style their publisher chose. Journals citecheck has not seen use the others, so this
script rewrites every gold citation group of each manuscript into each style — ``(1,2)``,
``[1,2]``, ``^{1,2}`` (glued to the word, or after a space as PDF conversions leave it),
``<sup>1,2</sup>``, ``¹˒²`` — and measures whether citecheck still
finds exactly those groups with exactly those numbers (and nothing else).

    python bench/marker_styles.py [--write-docs]
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import harness

harness.use_checkout_source()

from citecheck.inputs import document_from_text  # noqa: E402
from citecheck.pipeline import analyze  # noqa: E402

STYLES = ("paren", "paren-glued", "square", "brace", "brace-spaced", "html", "unicode")
_SUPER = str.maketrans("0123456789–-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻")


def _marker(items: Sequence[tuple[int, int]], style: str) -> str:
    inner = ",".join(str(a) if a == b else f"{a}–{b}" for a, b in items)
    return {
        "paren": f"({inner})",
        "paren-glued": f"({inner})",
        "square": f"[{inner}]",
        "brace": f"^{{{inner}}}",
        "brace-spaced": f"^{{{inner}}}",
        "html": f"<sup>{inner}</sup>",
        "unicode": inner.translate(_SUPER),
    }[style]


def restyle(
    text: str, groups: Sequence[tuple[int, int, Sequence[tuple[int, int]]]], style: str
) -> str:
    """``text`` with each (start, end, items) group rewritten in ``style``: bracketed
    markers get a space before them (``paren-glued``: none, as some conversions leave
    them), superscripts sit on the preceding word (``brace-spaced``: after a space)."""
    out, pos = [], 0
    for start, end, items in groups:
        new = _marker(items, style)
        if style in ("paren", "square", "brace-spaced") and text[start - 1 : start].isalnum():
            new = " " + new
        if style in ("brace", "html", "unicode", "paren-glued") and text[start - 1 : start] == " ":
            start -= 1
        out += [text[pos:start], new]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _gold_groups(text: str, gold_path: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The gold groups as (start, end, items), with citecheck's spans for them."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    found = {c.span.start: c for c in analyze(document_from_text(text)).citations}
    groups = []
    for g in gold["citations"]:
        c = found.get(g["offset"])
        if c is None or list(c.refs) != g["refs"]:
            raise SystemExit(
                f"{gold_path}: citecheck misses the gold group at {g['offset']}; "
                "see bench/linking_accuracy.py first"
            )
        groups.append((c.span.start, c.span.end, list(c.ranges)))
    return groups


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    shared = harness.require_shared()
    cases = [
        (
            "seed",
            str(harness.SEED),
            str(harness.REPO_ROOT / "bench" / "gold" / "walenkamp2017-cxcr4.json"),
        )
    ]
    for p in sorted((shared / "data" / "manuscripts").glob("*/manuscript.md")):
        cases.append((p.parent.name, str(p), str(p.parent / "gold.json")))
    rows, totals = [], {s: [0, 0, 0] for s in STYLES}  # found right, extra, gold
    for name, path, gold_path in cases:
        text = Path(path).read_text(encoding="utf-8")
        groups = _gold_groups(text, gold_path)
        want = [
            tuple(n for a, b in items if a <= b for n in range(a, b + 1)) for _, _, items in groups
        ]
        row = [name, len(groups)]
        for style in STYLES:
            got = [
                c.refs for c in analyze(document_from_text(restyle(text, groups, style))).citations
            ]
            right = len(_lcs_pairs(want, got))
            extra = len(got) - right
            totals[style][0] += right
            totals[style][1] += extra
            totals[style][2] += len(want)
            row.append(f"{right}/{len(want)}" + (f" +{extra}" if extra else ""))
        rows.append(row)
    rows.append(
        ["**all**", sum(r[1] for r in rows)]
        + [
            f"{t[0]}/{t[2]} ({t[0] / t[2]:.3f})" + (f" +{t[1]}" if t[1] else "")
            for t in totals.values()
        ]
    )
    body = harness.table(["manuscript", "groups", *STYLES], rows)
    print(body)
    if args.write_docs:
        md = "\n".join(
            [
                "## Citation linking across marker styles",
                "",
                *harness.run_description(),
                "",
                "Each manuscript's gold citation groups rewritten in each marker style; a cell is "
                "groups found with exactly the gold numbers / gold groups, `+N` groups found that "
                "are not gold (false citations).",
                "",
                body,
            ]
        )
        harness.write_docs_section("marker_styles", md)
    return 0


def _lcs_pairs(a: Sequence[tuple[int, ...]], b: Sequence[tuple[int, ...]]) -> list[int]:
    """Matched positions of the longest common subsequence of two group lists."""
    sm = difflib.SequenceMatcher(a=list(a), b=list(b), autojunk=False)
    return [i for blk in sm.get_matching_blocks() for i in range(blk.size)]


if __name__ == "__main__":
    sys.exit(main())
