"""The online verdicts as JSON-ready data, for the JSON and HTML reports, and the online
coverage (checked, could not check, not asked) as every report states it."""

from __future__ import annotations

from typing import Any

from citecheck.registry.records import work_to_data
from citecheck.verify.coverage import Coverage
from citecheck.verify.run import OnlineResult


def verdicts_as_json(result: OnlineResult) -> list[dict[str, Any]]:
    """One dict per reference: its verdict and, when there is one, the registry record used."""
    out = []
    for v in result.verdicts:
        item: dict[str, Any] = {
            **({"number": v.key} if isinstance(v.key, int) else {"key": v.key}),
            "status": v.status,
            "doi": v.doi,
            "source": v.source,
            "detail": v.detail,
            "notes": list(v.notes),
        }
        record = result.records.get(v.key)
        if record is not None:
            item["record"] = work_to_data(record)
        out.append(item)
    return out


def coverage_json(coverage: Coverage) -> dict[str, Any]:
    """``summary.online`` in the JSON report."""
    return {
        "references": coverage.references,
        "checked": coverage.checked,
        "could_not_check": coverage.could_not_check,
        "not_asked": coverage.not_asked,
        "verified_nothing": coverage.verified_nothing,
    }


def coverage_sentence(coverage: Coverage) -> str:
    """The online coverage in words, for every report's summary; a run that verified
    nothing says so first."""
    n = coverage.references
    rest = f"{coverage.could_not_check} could not be checked, {coverage.not_asked} not asked"
    if coverage.verified_nothing:
        return f"online: NOTHING VERIFIED: 0 of {n} references checked, {rest}"
    return f"online: {coverage.checked} of {n} references checked, {rest}"
