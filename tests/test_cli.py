"""The command line through click's CliRunner: exit codes, output formats, options."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from citecheck.cli import main

SMITH = "Smith AB, Lee C. Alpha study of receptors. Nature. 2001;410:50–56."
JONES = "Jones CD, Kim D. Beta study of ligands. Cell. 2002;12:3–14."
BROWN = "Brown EF, Park E. Gamma study of tracers. Science. 2003;300:5–16."
REFS = f"\n\n## References\n\n1. {SMITH}\n2. {JONES}\n3. {BROWN}\n"
CLEAN = "# Title\n\nA (1). B (2). C (3)." + REFS
WARNING_ONLY = "# Title\n\nA (1). B (2)." + REFS  # CIT002 on ref 3
INFO_ONLY = "# Title\n\nA (1–2). B (3)." + REFS  # CIT004 info
# Line 3 col 12: "(4)" → CIT001 error; ref 3 uncited → CIT002; "(1–2)" → CIT004 info.
MIXED = "# Title\n\nA (1–2). B (4)." + REFS


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def write(directory: Path, name: str, text: str) -> str:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


# --- could not run (3) and usage errors (2) ----------------------------------------------


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        pytest.param(lambda d: str(d / "missing.md"), "no such file", id="missing"),
        pytest.param(lambda d: str(d), "directory", id="directory"),
        pytest.param(
            lambda d: (d / "b.md").write_bytes(b"\x7fELF\x00\x01\x02") and str(d / "b.md"),
            "binary",
            id="binary",
        ),
        pytest.param(
            lambda d: (d / "e.md").write_bytes(b"") or str(d / "e.md"), "empty", id="empty"
        ),
        pytest.param(
            lambda d: write(d, "n.md", "# Title\n\nJust prose (1), no list.\n"),
            "no reference section",
            id="no-reference-section",
        ),
        pytest.param(
            lambda d: write(d, "h.md", "# Title\n\nText.\n\n## References\n\n"),
            "reference section",
            id="empty-reference-section",
        ),
    ],
)
@pytest.mark.parametrize("command", ["refs", "check"])
def test_cannot_run_exits_3_with_one_line(in_tmp: Path, make, fragment: str, command) -> None:
    result = run(command, make(in_tmp))
    assert result.exit_code == 3
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("citecheck: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["check"], id="check-without-manuscript"),
        pytest.param(["refs", "x.md", "--format", "xml"], id="bad-format"),
        pytest.param(["check", "x.md", "--fail-on", "sometimes"], id="bad-threshold"),
        pytest.param(["check", "x.md", "--bogus"], id="unknown-option"),
        pytest.param(["frobnicate"], id="unknown-command"),
    ],
)
def test_usage_errors_exit_2(in_tmp: Path, args: list[str]) -> None:
    write(in_tmp, "x.md", CLEAN)
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_cp1252_input_warns_on_stderr_and_runs(in_tmp: Path) -> None:
    (in_tmp / "legacy.md").write_bytes(CLEAN.replace("–", "\u2013").encode("cp1252"))
    result = run("check", "legacy.md", "--no-claims")
    assert result.exit_code == 0
    assert result.stderr.startswith("citecheck: warning: ")
    assert "cp1252" in result.stderr


# --- refs ---------------------------------------------------------------------------------


def test_refs_json_shape(in_tmp: Path) -> None:
    path = write(in_tmp, "m.md", CLEAN.replace("1. Smith", "1. Smith").replace(
        "2003;300:5–16.", "2003;300:5–16. doi:10.1126/science.1 PMID: 12345678."))  # fmt: skip
    result = run("refs", path, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["references"]
    refs = data["references"]
    assert [r["number"] for r in refs] == [1, 2, 3]
    required = {"number", "raw", "authors", "title", "container", "year", "volume", "issue",
                "pages", "doi", "pmid", "type"}  # fmt: skip
    assert all(required <= set(r) for r in refs)
    assert refs[0]["raw"] == SMITH
    assert refs[0]["authors"] == [
        {"family": "Smith", "given": "AB"},
        {"family": "Lee", "given": "C"},
    ]
    assert (refs[0]["title"], refs[0]["container"]) == ("Alpha study of receptors", "Nature")
    assert (refs[0]["year"], refs[0]["volume"], refs[0]["issue"], refs[0]["pages"]) == (
        "2001", "410", None, "50-56",
    )  # fmt: skip
    assert refs[0]["type"] == "article"
    assert (refs[2]["doi"], refs[2]["pmid"]) == ("10.1126/science.1", "12345678")


@pytest.mark.parametrize("fmt", ["bibtex", "json"])
def test_refs_output_file(in_tmp: Path, fmt: str) -> None:
    path = write(in_tmp, "m.md", CLEAN)
    printed = run("refs", path, "--format", fmt).stdout
    result = run("refs", path, "--format", fmt, "-o", "out.txt")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (in_tmp / "out.txt").read_text(encoding="utf-8") == printed
    assert printed.startswith(
        "@article{ref01-smith2001" if fmt == "bibtex" else '{\n  "references"'
    )


# --- check: JSON ----------------------------------------------------------------------------


def test_check_json_schema(in_tmp: Path) -> None:
    path = write(in_tmp, "m.md", MIXED)
    result = run("check", path, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["schema"] == "citecheck-report/1"
    assert report["tool"]["name"] == "citecheck"
    (ms,) = report["manuscripts"]
    assert {"path", "references", "citations", "findings", "summary"} <= set(ms)
    assert ms["path"] == path
    assert ms["citations"][1] == {
        "line": 3, "column": 12, "start": 20, "offset": 20, "end": 23, "text": "(4)",
        "refs": [4], "style": "paren",
    }  # fmt: skip
    assert MIXED[20:23] == "(4)"
    for f in ms["findings"]:
        assert {"rule", "severity", "message", "line", "column", "refs"} <= set(f)
    assert [(f["rule"], f["severity"], f["refs"]) for f in ms["findings"]] == [
        ("CIT004", "info", [1, 2]),
        ("CIT001", "error", [4]),
        ("CIT002", "warning", [3]),
    ]
    assert ms["summary"] == {
        "references": 3, "citations": 2, "error": 1, "warning": 1, "info": 1,
    }  # fmt: skip
    assert report["summary"] == {"manuscripts": 1, "failed": 0, "error": 1, "warning": 1, "info": 1}
    assert report["failed"] == []


def test_check_json_is_deterministic(in_tmp: Path) -> None:
    path = write(in_tmp, "m.md", MIXED)
    first = run("check", path, "--format", "json").stdout
    assert first == run("check", path, "--format", "json").stdout


# --- check: thresholds and selection --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        pytest.param(CLEAN, "info", 0, id="clean-info"),
        pytest.param(MIXED, "error", 1, id="error-at-error"),
        pytest.param(MIXED, "never", 0, id="error-at-never"),
        pytest.param(WARNING_ONLY, "error", 0, id="warning-at-error"),
        pytest.param(WARNING_ONLY, "warning", 1, id="warning-at-warning"),
        pytest.param(INFO_ONLY, "warning", 0, id="info-at-warning"),
        pytest.param(INFO_ONLY, "info", 1, id="info-at-info"),
    ],
)
def test_fail_on_thresholds(in_tmp: Path, text: str, fail_on: str, code: int) -> None:
    path = write(in_tmp, "m.md", text)
    assert run("check", path, "--no-claims", "--fail-on", fail_on).exit_code == code


def test_default_threshold_is_error(in_tmp: Path) -> None:
    assert run("check", write(in_tmp, "w.md", WARNING_ONLY)).exit_code == 0
    assert run("check", write(in_tmp, "m.md", MIXED)).exit_code == 1


@pytest.mark.parametrize(
    ("options", "rules"),
    [
        pytest.param([], ["CIT004", "CIT001", "CIT002"], id="all"),
        pytest.param(["--select", "CIT001"], ["CIT001"], id="select-one"),
        pytest.param(["--select", "cit001,CIT002"], ["CIT001", "CIT002"], id="select-list"),
        pytest.param(["--select", "CIT00"], ["CIT004", "CIT001", "CIT002"], id="select-prefix"),
        pytest.param(["--select", "REF"], [], id="select-family-absent"),
        pytest.param(["--ignore", "CIT002"], ["CIT004", "CIT001"], id="ignore-one"),
        pytest.param(
            ["--select", "CIT", "--ignore", "CIT001", "--ignore", "CIT004"],
            ["CIT002"],
            id="select-and-ignore",
        ),
    ],
)
def test_select_and_ignore(in_tmp: Path, options: list[str], rules: list[str]) -> None:
    path = write(in_tmp, "m.md", MIXED)
    result = run("check", path, "--format", "json", "--fail-on", "never", *options)
    (ms,) = json.loads(result.stdout)["manuscripts"]
    assert [f["rule"] for f in ms["findings"]] == rules


def test_ignored_findings_do_not_fail(in_tmp: Path) -> None:
    path = write(in_tmp, "m.md", MIXED)
    assert run("check", path, "--ignore", "CIT001").exit_code == 0


# --- check: text --------------------------------------------------------------------------

LINE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[A-Z]{3}\d{3}) "
    r"(?P<sev>error|warning|info) (?P<msg>.+?)(?: \[(?:ref|refs) (?P<refs>[\d–, ]+)\])?$"
)


def test_text_report_lines(in_tmp: Path) -> None:
    write(in_tmp, "m.md", MIXED)
    result = run("check", "m.md", "--no-claims")
    assert result.exit_code == 1
    *lines, summary = result.stdout.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    got = [(m["file"], m["line"], m["col"], m["rule"], m["sev"], m["refs"]) for m in parsed]
    # "(1–2)" sits at line 3 col 3; "(4)" at line 3 col 12; ref 3 is the list's line 9.
    assert got == [
        ("m.md", "3", "3", "CIT004", "info", "1–2"),
        ("m.md", "3", "12", "CIT001", "error", "4"),
        ("m.md", "9", "4", "CIT002", "warning", "3"),
    ]
    assert MIXED.splitlines()[8].startswith("3. Brown")
    assert summary == "1 manuscript, 3 references, 2 citation groups: 1 errors, 1 warnings, 1 info"
    assert "\x1b[" not in result.stdout


def test_no_color_flag(in_tmp: Path) -> None:
    write(in_tmp, "m.md", MIXED)
    assert "\x1b[" not in run("check", "m.md", "--no-color").stdout


def test_color_flag_forces_colour_into_a_pipe(in_tmp: Path) -> None:
    write(in_tmp, "m.md", MIXED)
    assert "\x1b[31merror" in run("check", "m.md", "--color").stdout


def _tty_output(args: list[str], env: dict[str, str], cwd: Path) -> str:
    """Run the real command with its stdout on a pseudo-terminal."""
    master, slave = pty.openpty()
    cmd = [sys.executable, "-c", "from citecheck.cli import main; main()", *args]
    proc = subprocess.run(cmd, stdout=slave, stderr=subprocess.PIPE, env=env, cwd=cwd, timeout=60)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.returncode == 1, proc.stderr
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_terminal_colour_and_no_color(in_tmp: Path) -> None:
    write(in_tmp, "m.md", MIXED)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in _tty_output(["check", "m.md", "--no-claims"], env, in_tmp)
    plain = _tty_output(["check", "m.md", "--no-claims"], {**env, "NO_COLOR": "1"}, in_tmp)
    assert "CIT001 error" in plain
    assert "\x1b[" not in plain


# --- claims extract -------------------------------------------------------------------------


def test_claims_extract_refuses_to_overwrite_without_force(in_tmp: Path) -> None:
    write(in_tmp, "m.md", CLEAN)
    target = in_tmp / "claims.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    refused = run("claims", "extract", "m.md", "-o", str(target))
    assert refused.exit_code != 0
    assert "--force" in refused.stderr
    assert "Traceback" not in refused.output
    assert target.read_text(encoding="utf-8") == "keep me\n"
    forced = run("claims", "extract", "m.md", "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8") != "keep me\n"


def test_offsets_point_into_the_file_as_decoded_with_bom_and_crlf(tmp_path: Path) -> None:
    """JSON offsets index the decoded file as it is (BOM and CRs counted); lines and
    columns are those a reader sees either way."""
    body = (
        "# T\n\nCXCR4 binds CXCL12 (1).\n\n## References\n\n"
        "1. Smith AB. A title. Nature. 2001;1:1-2.\n"
    )
    plain, crlf = tmp_path / "lf.md", tmp_path / "crlf.md"
    plain.write_bytes(body.encode("utf-8"))
    raw = "\ufeff" + body.replace("\n", "\r\n")
    crlf.write_bytes(raw.encode("utf-8"))
    reports = []
    for path in (plain, crlf):
        result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-claims"])
        (m,) = json.loads(result.stdout)["manuscripts"]
        reports.append(m["citations"][0])
    lf_cit, crlf_cit = reports
    assert (lf_cit["line"], lf_cit["column"]) == (crlf_cit["line"], crlf_cit["column"]) == (3, 20)
    assert body[lf_cit["offset"] : lf_cit["end"]] == "(1)"
    assert raw[crlf_cit["offset"] : crlf_cit["end"]] == "(1)"
