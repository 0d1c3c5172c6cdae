"""Finding fingerprints and the baseline: stable across unrelated edits, and a ratchet."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_testlib import MIXED, REFS, finding, manuscript, result_for

from citecheck.cli import main
from citecheck.model import Severity, Span
from citecheck.report.baseline import (
    SCHEMA,
    BaselineError,
    apply_baseline,
    baseline_from_json,
    baseline_json,
    read_baseline,
    result_fingerprints,
)

GREEN = "Green GH. Delta study of cells. Lancet. 2004;1:1–2."
# Ref 3 uncited (CIT002), "(5)" undefined (CIT001), "(1–2)" a two-number range (CIT004).
BODY = "A (1–2). B (5).\n\nMore text about receptors (2)."


def fingerprints_by_rule(text: str) -> dict[str, list[str]]:
    result = result_for(text)
    out: dict[str, list[str]] = {}
    for f, fp in zip(result.findings, result_fingerprints(result), strict=True):
        out.setdefault(f.rule, []).append(fp)
    return out


def test_every_finding_gets_a_distinct_fingerprint() -> None:
    fps = fingerprints_by_rule(manuscript(BODY))
    assert sorted(fps) == ["CIT001", "CIT002", "CIT004"]
    flat = [fp for group in fps.values() for fp in group]
    assert len(set(flat)) == len(flat)
    assert all(len(fp) == 20 for fp in flat)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            lambda body: "A whole new paragraph, before the others, about nothing.\n\n" + body,
            id="paragraph-inserted-above",
        ),
        pytest.param(lambda body: "\n\n\n" + body, id="blank-lines-above"),
        pytest.param(
            lambda body: body + "\n\nA paragraph added at the end.", id="paragraph-added-below"
        ),
        pytest.param(lambda body: body.replace("\n\n", "\n\nAn aside.\n\n"), id="between"),
    ],
)
def test_unrelated_edits_keep_the_fingerprints(edit) -> None:  # type: ignore[no-untyped-def]
    before = fingerprints_by_rule(manuscript(BODY))
    after = fingerprints_by_rule(manuscript(edit(BODY)))
    assert after == before


def test_renumbering_keeps_the_uncited_reference_fingerprint() -> None:
    """A reference inserted at the top shifts every number; CIT002 on Brown stays the same."""
    before = fingerprints_by_rule(manuscript("A (1). B (2).", REFS))
    after = fingerprints_by_rule(manuscript("Z (1). A (2). B (3).", (GREEN, *REFS)))
    assert after["CIT002"] == before["CIT002"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            manuscript("A (1). B (2)."),
            manuscript("A (1). B (3)."),
            id="another-reference-uncited",
        ),
        pytest.param(
            manuscript("Alpha (1–2). B (3)."),
            manuscript("Omega (1–2). B (3)."),
            id="context-words-changed",
        ),
    ],
)
def test_a_different_finding_gets_a_different_fingerprint(first: str, second: str) -> None:
    assert fingerprints_by_rule(first) != fingerprints_by_rule(second)


def test_messages_and_evidence_outside_the_identity_do_not_count() -> None:
    text = manuscript("A (1). B (2). C (3).")
    a = result_for(text, extra=[finding("CLM004", message="at 3:1", span=Span(9, 12), claim="x")])
    b = result_for(text, extra=[finding("CLM004", message="at 9:9", span=Span(9, 12), claim="x")])
    c = result_for(text, extra=[finding("CLM004", message="at 3:1", span=Span(9, 12), claim="y")])
    assert result_fingerprints(a) == result_fingerprints(b) != result_fingerprints(c)


def test_baseline_json_is_sorted_and_stable() -> None:
    results = [result_for(manuscript(MIXED), "b.md"), result_for(manuscript(BODY), "a.md")]
    text = baseline_json(results)
    assert text == baseline_json(list(reversed(results)))
    doc = json.loads(text)
    assert doc["schema"] == SCHEMA
    keys = [(e["path"], e["rule"], e["fingerprint"]) for e in doc["findings"]]
    assert keys == sorted(keys)
    assert set(doc["findings"][0]) == {"fingerprint", "rule", "path", "message"}
    assert '"line"' not in text


def test_apply_baseline_drops_only_what_the_baseline_holds() -> None:
    old = result_for(manuscript(MIXED))
    accepted = baseline_from_json(baseline_json([old]))
    new = result_for(manuscript(MIXED + "\n\nAlso (7)."))
    (kept,) = apply_baseline([new], accepted)
    assert [(f.rule, f.refs) for f in kept.findings] == [("CIT001", (7,))]


def test_baseline_is_a_multiset() -> None:
    twice = [finding("NET001", Severity.INFO), finding("NET001", Severity.INFO)]
    result = result_for(manuscript("A (1). B (2). C (3)."), extra=twice)
    fp = result_fingerprints(result)[0]
    (kept,) = apply_baseline([result], Counter({fp: 1}))
    assert len(kept.findings) == 1


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("{", "not JSON", id="not-json"),
        pytest.param(
            '{"schema": "other/1", "findings": []}', "not a citecheck baseline", id="schema"
        ),
        pytest.param(f'{{"schema": "{SCHEMA}", "findings": [{{}}]}}', "fingerprint", id="entry"),
    ],
)
def test_malformed_baselines(text: str, fragment: str) -> None:
    with pytest.raises(BaselineError, match=fragment):
        baseline_from_json(text, "b.json")


def test_missing_baseline_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="create it with --write-baseline"):
        read_baseline(tmp_path / "nope.json")


def test_ratchet_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    paper = tmp_path / "paper.md"
    paper.write_text(manuscript(BODY), encoding="utf-8")
    run = CliRunner().invoke
    wrote = run(main, ["check", "paper.md", "--write-baseline", "base.json"])
    assert wrote.exit_code == 0  # writing accepts the findings reported now
    assert "CIT001" in wrote.stdout
    assert "wrote 3 findings to base.json" in wrote.stderr
    assert run(main, ["check", "paper.md"]).exit_code == 1
    clean = run(main, ["check", "paper.md", "--baseline", "base.json", "--fail-on", "info"])
    assert clean.exit_code == 0, clean.stdout
    assert "0 errors, 0 warnings, 0 info" in clean.stdout
    # A paragraph above moves every finding down; a new fault is the only one reported.
    paper.write_text(manuscript("New opening paragraph (9).\n\n" + BODY), encoding="utf-8")
    new = run(main, ["check", "paper.md", "--baseline", "base.json", "--format", "json"])
    assert new.exit_code == 1
    findings = json.loads(new.stdout)["manuscripts"][0]["findings"]
    assert [(f["rule"], f["refs"], f["line"]) for f in findings] == [("CIT001", [9], 3)]


def test_cli_missing_baseline_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "paper.md").write_text(manuscript(BODY), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "paper.md", "--baseline", "none.json"])
    assert result.exit_code == 3
    assert result.stderr.startswith("citecheck: error: none.json: baseline does not exist")
