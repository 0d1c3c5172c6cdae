"""Coverage is a result: how many references an online run checked, could not check and did
not ask about, in every format and in the exit code (``--fail-on-unverified``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from citecheck.cli import main
from citecheck.errors import EXIT_UNVERIFIED
from citecheck.registry.lockfile import Lockfile, write_lockfile
from citecheck.verify.coverage import Coverage, coverage_of
from citecheck.verify.judge import ReferenceVerdict

from .registry_server import LocalRegistry, RegistryData
from .seed import seed_works
from .test_cli_online import small_manuscript
from .test_exist001 import FABRICATED


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with LocalRegistry(RegistryData(seed_works())).running() as srv:
        yield srv


def run(*args: str) -> Result:
    return CliRunner().invoke(main, [*args])


def online(server: LocalRegistry, *args: str) -> Result:
    return run(*args, "--no-claims", "--online", "--no-cache", "--crossref-url", server.url,
               "--ncbi-url", server.url)  # fmt: skip


def empty_lock(tmp_path: Path) -> str:
    lock = tmp_path / "empty.lock.json"
    write_lockfile(lock, Lockfile())
    return str(lock)


# --- counting ----------------------------------------------------------------------------------


def test_coverage_counts_each_status_once() -> None:
    statuses = ["verified", "found", "mismatch", "wrong-work", "not-registered", "unmatched",
                "unavailable", "skipped"]  # fmt: skip
    verdicts = [ReferenceVerdict(i, s) for i, s in enumerate(statuses)]
    verdicts.append(ReferenceVerdict(99, "skipped", detail="nothing to look up"))
    assert coverage_of(verdicts, unparsed=2) == Coverage(6, 2, 3)
    assert coverage_of(verdicts, unparsed=2).references == 11


def test_verified_nothing() -> None:
    assert Coverage(0, 3, 0).verified_nothing
    assert not Coverage(1, 3, 0).verified_nothing
    assert not Coverage().verified_nothing


# --- reports -----------------------------------------------------------------------------------


def test_text_summary_states_the_coverage(server: LocalRegistry, tmp_path: Path) -> None:
    result = online(server, "check", str(small_manuscript(tmp_path)))
    last = result.stdout.splitlines()[-1]
    assert last.endswith("; online: 5 of 5 references checked, 0 could not be checked, 0 not asked")


def test_json_summary_online_per_manuscript_and_overall(
    server: LocalRegistry, tmp_path: Path
) -> None:
    result = online(server, "check", str(small_manuscript(tmp_path)), "--format", "json")
    report = json.loads(result.stdout)
    expected = {"references": 5, "checked": 5, "could_not_check": 0, "not_asked": 0,
                "verified_nothing": False}  # fmt: skip
    assert report["manuscripts"][0]["summary"]["online"] == expected
    assert report["summary"]["online"] == expected


def test_offline_reports_say_nothing_of_coverage(tmp_path: Path) -> None:
    result = run("check", str(small_manuscript(tmp_path)), "--format", "json", "--no-claims")
    report = json.loads(result.stdout)
    assert "online" not in report["summary"]
    assert "online" not in report["manuscripts"][0]["summary"]


NOTHING = "online: NOTHING VERIFIED"


@pytest.mark.parametrize(
    ("fmt", "needle"),
    [
        pytest.param("sarif", '"could_not_check": 5', id="sarif"),
        pytest.param("junit", 'name="online.could_not_check" value="5"', id="junit"),
        pytest.param("github", f"::warning title=citecheck online::{NOTHING}", id="github"),
        pytest.param("markdown", NOTHING, id="markdown"),
        pytest.param("html", f'<p class="coverage partial">{NOTHING}', id="html"),
        pytest.param(
            "text", f"; {NOTHING}: 0 of 5 references checked, 5 could not be checked", id="text"
        ),
    ],
)
def test_every_format_says_a_replay_without_answers_verified_nothing(
    tmp_path: Path, fmt: str, needle: str
) -> None:
    manuscript = str(small_manuscript(tmp_path))
    result = run("check", manuscript, "--no-claims", "--offline", "--lock", empty_lock(tmp_path),
                 "--format", fmt)  # fmt: skip
    assert needle in result.stdout
    assert "has no answer for 5 of 5 references" in result.stderr


# --- exit codes --------------------------------------------------------------------------------


def test_fail_on_unverified_exits_4(tmp_path: Path) -> None:
    args = ["check", str(small_manuscript(tmp_path)), "--no-claims", "--offline", "--lock",
            empty_lock(tmp_path)]  # fmt: skip
    assert run(*args).exit_code == 0
    assert run(*args, "--fail-on-unverified").exit_code == EXIT_UNVERIFIED == 4


def test_unverified_beats_findings_and_a_failed_file_beats_unverified(tmp_path: Path) -> None:
    manuscript = small_manuscript(tmp_path)
    text = manuscript.read_text(encoding="utf-8").replace("(1-5)", "(1-5, 9)")  # CIT001
    manuscript.write_text(text, encoding="utf-8")
    args = ["check", str(manuscript), "--no-claims", "--offline", "--lock", empty_lock(tmp_path)]
    assert run(*args).exit_code == 1
    assert run(*args, "--fail-on-unverified").exit_code == 4
    missing = str(tmp_path / "missing.md")
    assert run(*args[:2], missing, *args[2:4], "--fail-on-unverified").exit_code == 3


def test_config_key_and_the_flag_that_beats_it(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text("fail-on-unverified = true\n", encoding="utf-8")
    args = ["check", str(small_manuscript(tmp_path)), "--no-claims", "--offline", "--lock",
            empty_lock(tmp_path)]  # fmt: skip
    assert run(*args).exit_code == 4
    assert run(*args, "--no-fail-on-unverified").exit_code == 0


def test_fail_on_unverified_passes_when_everything_was_checked(
    server: LocalRegistry, tmp_path: Path
) -> None:
    result = online(server, "check", str(small_manuscript(tmp_path)), "--fail-on-unverified",
                    "--fail-on", "never")  # fmt: skip
    assert result.exit_code == 0, result.output


# --- lockfiles ---------------------------------------------------------------------------------


def test_recording_a_lockfile_with_no_answers_warns(server: LocalRegistry, tmp_path: Path) -> None:
    paper = tmp_path / "unparsed.md"
    paper.write_text("See (1).\n\n## References\n\n1. ???\n", encoding="utf-8")
    lock = tmp_path / "refs.lock.json"
    result = online(server, "check", str(paper), "--lock", str(lock))
    assert lock.exists()
    assert "the lockfile holds no answers" in result.stderr


# --- EXIST001 end to end -----------------------------------------------------------------------


def test_the_fabricated_reference_in_the_text_report(server: LocalRegistry, tmp_path: Path) -> None:
    paper = tmp_path / "fabricated.md"
    paper.write_text(f"Glycans predict response (1).\n\n## References\n\n1. {FABRICATED}\n",
                     encoding="utf-8")  # fmt: skip
    result = online(server, "check", str(paper), "--fail-on", "warning")
    assert result.exit_code == 1
    (line,) = [x for x in result.stdout.splitlines() if "EXIST001" in x]
    assert "EXIST001 warning ref 1: no registry record matches this reference" in line
    summary = result.stdout.splitlines()[-1]
    assert summary.endswith("1 of 1 references checked, 0 could not be checked, 0 not asked")
