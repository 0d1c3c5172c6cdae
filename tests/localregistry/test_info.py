"""``citecheck registry info``: what a registry holds, and whether its build finished."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from citecheck.cli import main
from citecheck.localregistry.build import build_registry

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "localregistry"


def test_info_counts_what_was_ingested(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    report = build_registry(db, [FIXTURES])
    result = CliRunner().invoke(main, ["registry", "info", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["works"], data["notices"], data["finished"]) == (report.records, 3, True)
    kinds = {s["kind"]: s for s in data["sources"]}
    assert kinds["crossref"]["records"] == report.records and kinds["pubmed"]["files"] == 2
    assert data["words"] > 100 and data["schema"] == "3"
    text = CliRunner().invoke(main, ["registry", "info", str(db)])
    assert f"works: {report.records:,}" in text.output and "not finished" not in text.output


def test_info_says_a_build_did_not_finish(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    build_registry(db, [FIXTURES])
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT INTO meta VALUES ('terms', 'stale')")
    con.close()
    result = CliRunner().invoke(main, ["registry", "info", str(db)])
    assert result.exit_code == 1 and "not finished" in result.output


def test_info_refuses_what_is_not_a_registry_in_one_line(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.close()
    for path in (other, tmp_path / "missing.sqlite"):
        result = CliRunner().invoke(main, ["registry", "info", str(path)])
        assert result.exit_code == 3
        assert result.output.count("\n") == 1 and "error:" in result.output
