"""Golden tests for small manuscripts written to contain each audit fault.

``faults-vancouver.md``: paren citations and a Vancouver list with one of each rule
CIT001–CIT005 and REF001–REF005. ``faults-plos-super.md``: superscript citations next to
isotopes and an exponent, a bracketed PLOS-NLM list with a repeated number and a gap.
Each ``.json`` beside them was generated once with ``python tests/test_golden_faults.py``
and checked by hand against the manuscript (every citation group, every finding); the test
guards it. Regenerate only on purpose, and read the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
CASES = ["faults-vancouver", "faults-plos-super"]


def _view(name: str) -> dict:
    args = ["check", str(GOLDEN / f"{name}.md"), "--format", "json", "--no-claims",
            "--fail-on", "never"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (m,) = json.loads(result.stdout)["manuscripts"]
    return {
        "citations": [{"line": c["line"], "text": c["text"], "refs": c["refs"]}
                      for c in m["citations"]],
        "findings": [{"rule": f["rule"], "severity": f["severity"], "line": f["line"],
                      "refs": f["refs"]} for f in m["findings"]],
    }  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_fault_manuscript_matches_golden(name: str) -> None:
    golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert _view(name) == golden


def test_vancouver_faults_cover_every_audit_rule() -> None:
    rules = {f["rule"] for f in _view("faults-vancouver")["findings"]}
    expected = {f"CIT00{i}" for i in range(1, 6)} | {f"REF00{i}" for i in range(1, 6)}
    assert rules == expected


if __name__ == "__main__":  # pragma: no cover - regenerate by hand, then read the diff
    for name in sys.argv[1:] or CASES:
        out = GOLDEN / f"{name}.json"
        out.write_text(json.dumps(_view(name), ensure_ascii=False, indent=1) + "\n", "utf-8")
        print("wrote", out)
