"""Golden test on the seed manuscript (J Nucl Med 2017 review, 88 references, 59 citations).

The golden file was generated once with ``citecheck check --format json --fail-on never
--no-claims`` and checked by hand against the manuscript and against the hand-made gold in
bench/gold/walenkamp2017-cxcr4.json (same 59 groups, offsets and numbers). The claim checks
are left out of the comparison (they belong to tests/claims); a second test runs the full
command and asserts it reports no error or warning at all.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from citecheck.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "walenkamp2017-cxcr4.md"
GOLDEN = FIXTURES / "golden" / "walenkamp2017-cxcr4.json"


def _report(*extra: str) -> dict:
    args = ["check", str(SEED), "--format", "json", "--fail-on", "never", *extra]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (manuscript,) = json.loads(result.stdout)["manuscripts"]
    return manuscript


def _golden_view(manuscript: dict) -> dict:
    return {
        "citations": [
            {"offset": c["offset"], "text": c["text"], "refs": c["refs"]}
            for c in manuscript["citations"]
        ],
        "findings": [
            {"rule": f["rule"], "severity": f["severity"], "refs": f["refs"]}
            for f in manuscript["findings"]
        ],
    }


def test_seed_matches_golden() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = _golden_view(_report("--no-claims"))
    assert len(got["citations"]) == 59
    assert got["citations"] == golden["citations"]
    assert got["findings"] == golden["findings"]


def test_golden_offsets_point_at_the_markers() -> None:
    text = SEED.read_text(encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for c in golden["citations"]:
        assert text[c["offset"] : c["offset"] + len(c["text"])] == c["text"]
    cited = {n for c in golden["citations"] for n in c["refs"]}
    assert cited == set(range(1, 89))
    assert sum(len(c["refs"]) for c in golden["citations"]) == 110


def test_seed_only_finding_is_the_inferred_numbering_info() -> None:
    manuscript = _report()  # with the claim checks, as a user runs it
    serious = [f for f in manuscript["findings"] if f["severity"] in ("error", "warning")]
    assert serious == []
    (ref002,) = [f for f in manuscript["findings"] if f["rule"] == "REF002"]
    assert ref002["severity"] == "info"
    assert ref002["refs"] == list(range(1, 26))
    assert manuscript["summary"]["references"] == 88
    assert manuscript["summary"]["citations"] == 59


def regenerate() -> None:  # pragma: no cover - run by hand, then check the diff by hand
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    view = _golden_view(_report("--no-claims"))
    GOLDEN.write_text(json.dumps(view, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__" and "--regenerate" in sys.argv:  # pragma: no cover
    regenerate()
