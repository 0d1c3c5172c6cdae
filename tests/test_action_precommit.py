"""The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) run
valid citecheck commands: the hook's entry on a staged manuscript, the Action's run steps
through bash with a recording ``citecheck`` on PATH, each recorded command then run for real
with CliRunner on the bundled example."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from report_testlib import CLEAN, MIXED, manuscript

from citecheck.cli import main

ROOT = Path(__file__).parents[1]
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
EXAMPLE = ROOT / "refs" / "walenkamp2017-cxcr4.md"
CLAIMS = ROOT / "claims" / "walenkamp2017-cxcr4.yaml"
_EXPR = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")
_IF = re.compile(r"^\$\{\{\s*inputs\.([\w-]+)\s*==\s*'([^']*)'\s*\}\}$")

# --- pre-commit -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hook() -> dict[str, Any]:
    (only,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return only


def test_hook_definition(hook: dict[str, Any]) -> None:
    assert hook["id"] == "citecheck"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.(md|markdown|txt|tex|ltx|qmd|Rmd|rmd)$"
    assert shlex.split(hook["entry"])[0] == "citecheck"


@pytest.mark.parametrize(
    ("name", "matched"),
    [
        pytest.param("paper.md", True, id="md"),
        pytest.param("drafts/paper.markdown", True, id="markdown"),
        pytest.param("paper.txt", True, id="txt"),
        pytest.param("paper/main.tex", True, id="tex"),
        pytest.param("index.qmd", True, id="qmd"),
        pytest.param("paper.Rmd", True, id="Rmd"),
        pytest.param("refs.bib", False, id="bib"),
        pytest.param("setup.py", False, id="py"),
        pytest.param("paper.md.bak", False, id="bak"),
    ],
)
def test_hook_files_pattern(hook: dict[str, Any], name: str, matched: bool) -> None:
    assert bool(re.search(hook["files"], name)) is matched


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def _run_hook(hook: dict[str, Any], repo: Path) -> tuple[list[str], Any]:
    """As pre-commit does: the staged files that match ``files``, appended to the entry."""
    staged = _git(repo, "diff", "--cached", "--name-only").split()
    files = [f for f in staged if re.search(hook["files"], f)]
    argv = [*shlex.split(hook["entry"]), *hook.get("args", []), *files]
    assert argv[0] == "citecheck"
    return files, CliRunner().invoke(main, argv[1:])


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_entry_on_a_staged_manuscript(
    hook: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _git(tmp_path, "init", "-q")
    (tmp_path / "paper.md").write_text(manuscript(MIXED), encoding="utf-8")
    (tmp_path / "tool.py").write_text("print('not a manuscript')\n", encoding="utf-8")
    (tmp_path / "unstaged.md").write_text("# not staged, no references\n", encoding="utf-8")
    _git(tmp_path, "add", "paper.md", "tool.py")

    files, result = _run_hook(hook, tmp_path)
    assert files == ["paper.md"]
    assert result.exit_code == 1  # CIT001 is an error: the commit is stopped
    assert "paper.md:3:12: CIT001 error" in result.stdout

    (tmp_path / "paper.md").write_text(manuscript(CLEAN), encoding="utf-8")
    _git(tmp_path, "add", "paper.md")
    files, result = _run_hook(hook, tmp_path)
    assert result.exit_code == 0, result.stdout
    assert "0 errors, 0 warnings, 0 info" in result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_skips_a_staged_readme_without_references(
    hook: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _git(tmp_path, "init", "-q")
    (tmp_path / "paper.md").write_text(manuscript(CLEAN), encoding="utf-8")
    (tmp_path / "README.md").write_text("# Notes\n\nNo reference list here.\n", "utf-8")
    _git(tmp_path, "add", "paper.md", "README.md")
    files, result = _run_hook(hook, tmp_path)
    assert sorted(files) == ["README.md", "paper.md"]
    assert result.exit_code == 0, result.output
    assert "README.md: no reference list; skipped" in result.stderr
    assert "1 manuscript," in result.stdout  # the paper was still checked


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_entry_as_an_installed_command(hook: dict[str, Any], tmp_path: Path) -> None:
    """The console script the entry names runs the same way outside CliRunner."""
    script = Path(sys.executable).parent / "citecheck"
    if not script.exists():
        pytest.skip("citecheck console script not installed beside the interpreter")
    (tmp_path / "paper.md").write_text(manuscript(MIXED), encoding="utf-8")
    argv = [str(script), *shlex.split(hook["entry"])[1:], "paper.md"]
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1
    assert "CIT001" in done.stdout


LATEX_PROJECT = ROOT / "tests" / "fixtures" / "latex" / "project"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_on_a_latex_repository(
    hook: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Staged main file and chapters: the main file is audited with its chapters and .bib
    files (a fault in a chapter stops the commit, named in the chapter); a chapter alone has
    no bibliography and is skipped with a note."""
    repo = tmp_path / "repo"
    shutil.copytree(LATEX_PROJECT, repo)
    monkeypatch.chdir(repo)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    files, result = _run_hook(hook, repo)
    assert sorted(files) == [
        "chapters/details.tex",
        "chapters/intro.tex",
        "chapters/methods.tex",
        "main.tex",
    ]
    assert result.exit_code == 1, result.output
    assert "chapters/intro.tex:3:48: CIT001 error" in result.stdout
    assert "refs/extra.bib:9:1: REF002 error" in result.stdout
    assert "chapters/intro.tex: no reference list; skipped" in result.stderr
    assert "1 manuscript," in result.stdout

    intro = repo / "chapters" / "intro.tex"
    intro.write_text(intro.read_text().replace("smtih2019", "smith2019"), encoding="utf-8")
    extra = repo / "refs" / "extra.bib"
    extra.write_text(extra.read_text().replace("{doe2020,", "{doe2020b,"), encoding="utf-8")
    _git(repo, "add", ".")
    files, result = _run_hook(hook, repo)
    assert result.exit_code == 0, result.output


# --- the GitHub Action ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_is_composite_with_the_documented_inputs(action: dict[str, Any]) -> None:
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert inputs["paths"]["required"] is True
    assert {"paths", "fail-on", "format", "args", "sarif-file", "upload-sarif"} <= set(inputs)
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert '"$GITHUB_ACTION_PATH"' in install["run"]  # the action's own checkout
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    # The SARIF report is written before it is uploaded, the gate runs last.
    sarif_step = next(i for i, s in enumerate(steps) if "--format sarif" in s.get("run", ""))
    assert sarif_step < steps.index(upload) < len(steps) - 1
    assert "citecheck check" in steps[-1]["run"]


def _inputs(action: dict[str, Any], given: dict[str, str]) -> dict[str, str]:
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(given)
    return values


def _runs(step: dict[str, Any], inputs: dict[str, str]) -> bool:
    condition = step.get("if")
    if condition is None:
        return True
    m = _IF.match(condition)
    assert m, f"condition the test cannot read: {condition}"
    return inputs[m.group(1)] == m.group(2)


def _recorded_commands(
    action: dict[str, Any], inputs: dict[str, str], workdir: Path
) -> list[tuple[str, list[str]]]:
    """Run every citecheck step's script with bash; a stand-in ``citecheck`` records argv."""
    bindir = workdir / ".bin"
    bindir.mkdir()
    log = workdir / ".argv.jsonl"
    shim = bindir / "citecheck"
    shim.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"with open({str(log)!r}, 'a') as fh:\n"
        "    fh.write(json.dumps(sys.argv[1:]) + '\\n')\n",
        encoding="utf-8",
    )
    shim.chmod(0o755)
    out = []
    for step in action["runs"]["steps"]:
        if "citecheck" not in step.get("run", "") or not _runs(step, inputs):
            continue
        env = {k: _EXPR.sub(lambda m: inputs[m.group(1)], str(v)) for k, v in step["env"].items()}
        env.update(
            PATH=f"{bindir}{os.pathsep}{os.environ['PATH']}",
            GITHUB_STEP_SUMMARY=str(workdir / "summary.md"),
        )
        assert "${{" not in step["run"], "inputs reach the script through env only"
        log.unlink(missing_ok=True)
        subprocess.run(
            ["bash", "-eo", "pipefail", "-c", step["run"]], cwd=workdir, env=env, check=True
        )
        (argv,) = [json.loads(line) for line in log.read_text().splitlines()]
        out.append((step["name"], argv))
    return out


@pytest.mark.parametrize(
    ("given", "final_code", "final_starts"),
    [
        pytest.param({}, 0, "walenkamp2017-cxcr4.md:", id="defaults"),
        pytest.param(
            {"fail-on": "info", "format": "github"}, 1, "::notice file=", id="fail-on-info"
        ),
        pytest.param(
            {"args": "--select REF --no-claims", "format": "json", "job-summary": "false"},
            0,
            "{",
            id="args",
        ),
    ],
)
def test_action_run_steps_are_valid_citecheck_commands(
    action: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    given: dict[str, str],
    final_code: int,
    final_starts: str,
) -> None:
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    (tmp_path / "claims").mkdir()
    shutil.copy(CLAIMS, tmp_path / "claims" / CLAIMS.name)
    inputs = _inputs(action, {"paths": EXAMPLE.name, **given})
    commands = _recorded_commands(action, inputs, tmp_path)
    expected_steps = ["citecheck (SARIF report)", "citecheck (job summary)", "citecheck"]
    if inputs["job-summary"] != "true":
        expected_steps.remove("citecheck (job summary)")
    assert [name for name, _ in commands] == expected_steps

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    for name, argv in commands:
        assert argv[:2] == ["check", EXAMPLE.name]
        result = CliRunner().invoke(main, argv)
        if name == "citecheck":
            assert result.exit_code == final_code, result.output
            assert result.stdout.startswith(final_starts)
        else:
            assert result.exit_code == 0, result.output
    sarif = json.loads((tmp_path / inputs["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"]
    if inputs["job-summary"] == "true":
        assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("## citecheck")


def test_action_on_a_latex_repository(
    action: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``paths: main.tex``: the SARIF report uploaded to code scanning locates each finding in
    the chapter or .bib file it is about; the gate fails on the errors."""
    shutil.copytree(LATEX_PROJECT, tmp_path, dirs_exist_ok=True)
    inputs = _inputs(action, {"paths": "main.tex", "args": "--no-claims"})
    commands = _recorded_commands(action, inputs, tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    codes = {}
    for name, argv in commands:
        assert argv[:2] == ["check", "main.tex"]
        codes[name] = CliRunner().invoke(main, argv).exit_code
    assert codes == {"citecheck (SARIF report)": 0, "citecheck (job summary)": 0, "citecheck": 1}
    sarif = json.loads((tmp_path / inputs["sarif-file"]).read_text(encoding="utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {"chapters/intro.tex", "refs/core.bib", "refs/extra.bib"}
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "chapters/intro.tex" in summary


# --- the commands the CI cookbook and the configuration page show --------------------------

_DOC_COMMAND = re.compile(r"^\s*(?:- )?(?:run: )?(citecheck check .*)$", re.MULTILINE)
_PLACEHOLDERS = {
    "$CITECHECK_PATHS": "paper.md",
    "$CITECHECK_ARGS": "",
    '"$CITECHECK_SARIF"': "out.sarif",
    '"$GITHUB_STEP_SUMMARY"': "summary.md",
}


def _documented_commands() -> list[Any]:
    params = []
    for page in ("ci.md", "config.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        for i, m in enumerate(_DOC_COMMAND.finditer(text)):
            line = m.group(1).split(" #")[0].strip()
            if "[" in line:  # a synopsis with optional parts, not a command
                continue
            for key, value in _PLACEHOLDERS.items():
                line = line.replace(key, value)
            params.append(pytest.param(shlex.split(line)[1:], id=f"{page}-{i}"))
    return params


@pytest.mark.parametrize("argv", _documented_commands())
def test_documented_commands_are_valid(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every `citecheck check` line of docs/ci.md and docs/config.md parses; those that need
    no network run on the bundled example (as paper.md) without a usage error."""
    from citecheck.cli import check

    check.make_context("check", argv[1:])  # raises click.UsageError on a bad option
    if "--online" in argv or "--lock" in argv:
        return
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE, tmp_path / "paper.md")
    if "--baseline" in argv:
        assert (
            CliRunner()
            .invoke(
                main, ["check", "paper.md", "--write-baseline", argv[argv.index("--baseline") + 1]]
            )
            .exit_code
            == 0
        )
    result = CliRunner().invoke(main, argv)
    assert result.exit_code in (0, 1), result.output
