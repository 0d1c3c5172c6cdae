"""The online verdicts as JSON-ready data, for the JSON and HTML reports."""

from __future__ import annotations

from typing import Any

from citecheck.registry.records import work_to_data
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
