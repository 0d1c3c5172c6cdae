"""The JSON Lines report of a corpus run (``--format jsonl``, documented in docs/corpus.md).

One line per manuscript, written as it is checked: the manuscript's entry of the JSON
report (:func:`citecheck.report.json.manuscript_dict`) with ``sha256``, the SHA-256 of the
file's bytes, added (``--resume`` knows a manuscript by its path and hash); a manuscript
that could not be checked is ``{"path", "failed": reason, "sha256"}``. The last line is
``{"summary": …}``: the JSON report's summary with references, citations and findings by
rule.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from citecheck.report.json import SCHEMA, manuscript_dict
from citecheck.results import ManuscriptResult


def _dumps(value: Any) -> str:
    """One line, newline included."""
    # check_circular off: a report is a tree, and the encoder then keeps no table of the
    # containers it is inside (the same text, 7% faster)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False) + "\n"


def manuscript_line(result: ManuscriptResult, digest: str) -> str:
    """One manuscript's line."""
    return _dumps({**manuscript_dict(result), "sha256": digest})


def failure_line(path: str, reason: str, digest: str) -> str:
    return _dumps({"path": path, "failed": reason, "sha256": digest})


def summary_line(summary: Mapping[str, Any]) -> str:
    return _dumps({"schema": SCHEMA, "summary": dict(summary)})
