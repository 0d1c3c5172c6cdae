"""The command line under failure: batches that keep going, unknown rules, outputs that are
written whole or not at all and never onto a manuscript, standard input, crashes, and text
from outside that must stay on its line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from report_testlib import finding, manuscript, result_for

import citecheck.cli as cli_module
from citecheck.cli import main
from citecheck.errors import EXIT_INTERNAL
from citecheck.model import Severity
from citecheck.report.github import render_github
from citecheck.report.text import render_text

SMITH = "Smith AB, Lee C. Alpha study of receptors. Nature. 2001;410:50–56."
JONES = "Jones CD, Kim D. Beta study of ligands. Cell. 2002;12:3–14."
CLEAN = f"# Title\n\nA (1). B (2).\n\n## References\n\n1. {SMITH}\n2. {JONES}\n"
ERROR = f"# Title\n\nA (1). B (2). C (9).\n\n## References\n\n1. {SMITH}\n2. {JONES}\n"
NO_REFS = "# Notes\n\nNothing cited here.\n"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def write(name: str, text: str) -> str:
    Path(name).write_text(text, encoding="utf-8")
    return name


# --- batches ---------------------------------------------------------------------------------


def test_a_batch_checks_the_others_and_names_the_failed_file(in_tmp: Path) -> None:
    a, b, c = write("a.md", CLEAN), write("b.md", NO_REFS), write("c.md", ERROR)
    result = run("check", a, b, "missing.md", c, "--format", "json", "--no-claims")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert [m["path"] for m in report["manuscripts"]] == [a, c]
    assert [f["path"] for f in report["failed"]] == [b, "missing.md"]
    assert "reference" in report["failed"][0]["reason"]
    assert report["summary"]["failed"] == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("citecheck: error:")]
    assert len(errors) == 2
    assert errors[0].startswith(f"citecheck: error: {b}: ")
    assert errors[1] == "citecheck: error: missing.md: no such file"


def test_a_failed_file_beats_findings_in_the_exit_code(in_tmp: Path) -> None:
    result = run("check", write("c.md", ERROR), write("b.md", NO_REFS), "--no-claims")
    assert result.exit_code == 3
    assert "c.md:3:" in result.stdout  # the other file's findings are reported
    assert "2 manuscripts (1 could not be checked)" in result.stdout


def test_skip_no_references_keeps_its_meaning(in_tmp: Path) -> None:
    result = run("check", write("a.md", CLEAN), write("b.md", NO_REFS), "--skip-no-references")
    assert result.exit_code == 0
    assert "b.md: no reference list; skipped" in result.stderr


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown", "html", "text"])
def test_every_format_names_the_failed_manuscript(in_tmp: Path, fmt: str) -> None:
    result = run("check", write("a.md", CLEAN), write("nothing.md", NO_REFS), "--format", fmt)
    assert result.exit_code == 3
    assert "nothing.md" in result.stdout


# --- rules -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--select", "XYZ999"], id="select-typo"),
        pytest.param(["--ignore", "CIT,REF999"], id="ignore-one-bad-of-two"),
    ],
)
def test_unknown_rule_is_a_one_line_usage_error(in_tmp: Path, args: list[str]) -> None:
    result = run("check", write("a.md", ERROR), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("citecheck: error: --") and "names no rule" in line


def test_known_rules_and_prefixes_still_select(in_tmp: Path) -> None:
    result = run("check", write("a.md", ERROR), "--select", "cit001,REF", "--format", "json")
    assert result.exit_code == 1
    rules = {f["rule"] for m in json.loads(result.stdout)["manuscripts"] for f in m["findings"]}
    assert rules == {"CIT001"}


def test_click_usage_errors_are_one_line(in_tmp: Path) -> None:
    result = run("check", write("a.md", CLEAN), "--no-such-option")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("citecheck: error: ") and "--no-such-option" in line


# --- output files ------------------------------------------------------------------------------


def test_output_into_a_missing_directory_is_one_line(in_tmp: Path) -> None:
    result = run("check", write("a.md", CLEAN), "-o", "no/such/dir/report.txt")
    assert result.exit_code == 3
    (line,) = result.stderr.splitlines()
    assert line.startswith("citecheck: error: ") and "does not exist" in line


def test_output_replaces_the_old_report_whole(in_tmp: Path) -> None:
    Path("report.json").write_text("old", encoding="utf-8")
    result = run("check", write("a.md", CLEAN), "--format", "json", "-o", "report.json")
    assert result.exit_code == 0
    assert json.loads(Path("report.json").read_text(encoding="utf-8"))["manuscripts"]
    assert sorted(p.name for p in in_tmp.iterdir()) == ["a.md", "report.json"]  # no temp left


def test_a_failed_write_keeps_the_previous_report(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("report.json").write_text("previous", encoding="utf-8")

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("citecheck.cli.files.os.replace", full_disk)
    result = run("check", write("a.md", CLEAN), "--format", "json", "-o", "report.json")
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert Path("report.json").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["a.md", "report.json"]


@pytest.mark.parametrize(
    "option",
    [
        pytest.param(["-o"], id="output"),
        pytest.param(["--write-baseline"], id="write-baseline"),
        pytest.param(["--online", "--lock"], id="lock"),
    ],
)
@pytest.mark.parametrize("through_symlink", [False, True], ids=["direct", "symlink"])
def test_never_onto_the_manuscript(in_tmp: Path, option: list[str], through_symlink: bool) -> None:
    paper = write("paper.md", CLEAN)
    target = paper
    if through_symlink:
        os.symlink("paper.md", "link.md")
        target = "link.md"
    result = run("check", paper, *option, target)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "never overwrites a manuscript" in line
    assert Path(paper).read_text(encoding="utf-8") == CLEAN


def test_refs_output_never_onto_the_manuscript(in_tmp: Path) -> None:
    paper = write("paper.md", CLEAN)
    assert run("refs", paper, "-o", paper).exit_code == 2
    assert Path(paper).read_text(encoding="utf-8") == CLEAN


# --- standard input ----------------------------------------------------------------------------


def test_dash_reads_standard_input(in_tmp: Path) -> None:
    result = run("check", "-", "--format", "json", "--no-claims", stdin=ERROR)
    assert result.exit_code == 1
    (ms,) = json.loads(result.stdout)["manuscripts"]
    assert ms["path"] == "<stdin>"
    assert [f["rule"] for f in ms["findings"]] == ["CIT001"]


def test_empty_standard_input_is_one_line(in_tmp: Path) -> None:
    result = run("check", "-", stdin="")
    assert result.exit_code == 3
    assert result.stderr.strip() == "citecheck: error: <stdin>: standard input is empty"


# --- crashes -----------------------------------------------------------------------------------


def _explode(*args: object, **kwargs: object) -> None:
    raise ZeroDivisionError("boom")


def test_a_crash_is_an_internal_error_not_findings(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CITECHECK_DEBUG", raising=False)
    monkeypatch.setattr(cli_module, "check_manuscript", _explode)
    result = run("check", write("a.md", CLEAN))
    assert result.exit_code == EXIT_INTERNAL == 70
    (line,) = result.stderr.splitlines()
    assert line == "citecheck: internal error: ZeroDivisionError: boom (please report)"


def test_debug_shows_the_traceback(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITECHECK_DEBUG", "1")
    monkeypatch.setattr(cli_module, "check_manuscript", _explode)
    result = run("check", write("a.md", CLEAN))
    assert result.exit_code == 70
    assert "Traceback" in result.stderr


# --- registry text stays on its line -----------------------------------------------------------

HOSTILE = 'title "x"\n::error file=a.md,line=1::forged\x1b[31m\u202e'


def test_text_report_escapes_control_characters() -> None:
    extra = [finding("META001", Severity.WARNING, HOSTILE)]
    result = result_for(manuscript("A (1). B (2). C (3)."), extra=extra)
    lines = render_text([result]).splitlines()
    (line,) = [x for x in lines if "META001" in x]
    assert "\\n::error" in line and "\\x1b[31m" in line and "\\u202e" in line
    assert not any(x.startswith("::") for x in lines)
    assert "\x1b" not in "".join(lines)


def test_github_report_cannot_be_given_a_second_command() -> None:
    extra = [finding("META001", Severity.WARNING, HOSTILE)]
    out = render_github([result_for(manuscript("A (1). B (2). C (3)."), extra=extra)])
    assert [line[:10] for line in out.splitlines()] == ["::warning "]
    assert "%0A::error" in out and "\x1b" not in out and "\u202e" not in out
