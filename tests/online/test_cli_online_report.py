"""The online verdicts reach the JSON report (`online`) and the HTML report's evidence."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from citecheck.cli import main

from .registry_server import LocalRegistry
from .test_cli_online import server, small_manuscript  # noqa: F401  (fixture)


def _args(server: LocalRegistry, manuscript: Path, fmt: str) -> list[str]:  # noqa: F811
    return ["check", str(manuscript), "--format", fmt, "--no-claims", "--online", "--no-cache",
            "--email", "t@example.org", "--crossref-url", server.url, "--ncbi-url", server.url,
            "--fail-on", "never"]  # fmt: skip


def test_json_report_carries_online_verdicts_and_records(
    server: LocalRegistry,  # noqa: F811
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(main, _args(server, small_manuscript(tmp_path), "json"))
    assert result.exit_code == 0, result.output
    (m,) = json.loads(result.stdout)["manuscripts"]
    by_number = {v["number"]: v for v in m["online"]}
    assert sorted(by_number) == [1, 2, 3, 4, 5]
    # refs 3 and 4 are the seed's 78 (Gemgross/Gerngross) and 79 (volume 6/42)
    assert by_number[3]["status"] == "mismatch" and by_number[4]["status"] == "mismatch"
    record = by_number[3]["record"]
    assert [a["family"] for a in record["authors"]][1] == "Gerngross"
    assert all(v["doi"].startswith("10.5555/") for v in by_number.values())


def test_html_report_shows_the_registry_record_beside_the_printed_fields(
    server: LocalRegistry,  # noqa: F811
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(main, _args(server, small_manuscript(tmp_path), "html"))
    assert result.exit_code == 0, result.output
    page = result.stdout
    # The full journal title comes only from the registry record, not from any finding.
    assert "Journal of Nuclear Medicine" in page
    assert "Vag T., Gerngross C., Herhaus P." in page
