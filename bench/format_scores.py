"""The per-article table the format benchmarks print (``formats_*.py``): for each format,
citation-group F1 with matched/gold groups (and extra ones) and references recovered, one row
per article and a pooled row, from ``score.py``'s per-article results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import harness


def cells(r: dict | None) -> list[object]:
    """One format's two cells for one article (or the pooled scores); "–" when absent."""
    if r is None:
        return ["–", "–"]
    extra = r["got"] - r["tp"]
    groups = f"{r['f1']:.3f} ({r['tp']}/{r['want']}{f' +{extra}' if extra else ''})"
    return [groups, f"{r['refs_ok']}/{r['refs_want']}"]


def scores_table(
    results: Mapping[str, tuple[list[dict], dict, float]],
    formats: Sequence[str],
    refs_header: str = "refs",
) -> str:
    """``results``: format → (per-article scores, pooled scores, seconds)."""
    ids = sorted({r["id"] for per, _, _ in results.values() for r in per})
    headers = ["article"]
    for fmt in formats:
        headers += [f"{fmt} F1", refs_header.format(fmt=fmt)]
    rows: list[list[object]] = []
    for mid in ids:
        row: list[object] = [mid]
        for fmt in formats:
            row += cells(next((x for x in results[fmt][0] if x["id"] == mid), None))
        rows.append(row)
    pooled_row: list[object] = ["**pooled**"]
    for fmt in formats:
        pooled_row += cells(results[fmt][1])
    return harness.table(headers, [*rows, pooled_row])
