"""Configuration: every key read, checked and applied; the command line overrides it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from report_testlib import CLEAN, JONES, MIXED, SMITH, finding, manuscript

import citecheck.cli as cli
from citecheck.config import (
    KEYS,
    Config,
    ConfigError,
    apply_severities,
    config_for,
    config_from_mapping,
    find_config_file,
    load_config,
)
from citecheck.model import Severity

DOCS = Path(__file__).parents[1] / "docs" / "config.md"

# --- config_from_mapping: each key, a good and a bad value ----------------------------------


@pytest.mark.parametrize(
    ("key", "value", "field", "expected"),
    [
        pytest.param("select", ["CIT", "ref002"], "select", ("CIT", "REF002"), id="select-list"),
        pytest.param("select", "CIT, REF", "select", ("CIT", "REF"), id="select-string"),
        pytest.param("ignore", ["CIT004"], "ignore", ("CIT004",), id="ignore"),
        pytest.param(
            "severity",
            {"CIT002": "error", "CLM": "info"},
            "severity",
            {"CIT002": Severity.ERROR, "CLM": Severity.INFO},
            id="severity",
        ),
        pytest.param("fail-on", "warning", "fail_on", "warning", id="fail-on"),
        pytest.param("format", "sarif", "format", "sarif", id="format"),
        pytest.param("email", "me@example.org", "email", "me@example.org", id="email"),
        pytest.param("cache-dir", "/var/cache/cc", "cache_dir", "/var/cache/cc", id="cache-dir"),
        pytest.param(
            "crossref-url",
            "http://127.0.0.1:8080/",
            "crossref_url",
            "http://127.0.0.1:8080",
            id="crossref-url",
        ),
        pytest.param(
            "ncbi-url", "https://mirror/eutils", "ncbi_url", "https://mirror/eutils", id="ncbi-url"
        ),
        pytest.param(
            "europepmc-url",
            "https://mirror/europepmc/",
            "europepmc_url",
            "https://mirror/europepmc",
            id="europepmc-url",
        ),
        pytest.param(
            "datacite-url",
            "http://127.0.0.1:9/datacite/",
            "datacite_url",
            "http://127.0.0.1:9/datacite",
            id="datacite-url",
        ),
        pytest.param("claims", "/claims", "claims", ("/claims",), id="claims-one"),
        pytest.param("claims", ["/a", "/b"], "claims", ("/a", "/b"), id="claims-list"),
        pytest.param("baseline", "/b.json", "baseline", "/b.json", id="baseline"),
        pytest.param("registry", "/r.sqlite", "registry", "/r.sqlite", id="registry"),
        pytest.param(
            "duplicate-title-threshold",
            85,
            "duplicate_title_threshold",
            85.0,
            id="duplicate-title-threshold",
        ),
        pytest.param(
            "fail-on-unverified", True, "fail_on_unverified", True, id="fail-on-unverified"
        ),
        pytest.param("crossref-rate", 50, "crossref_rate", 50.0, id="crossref-rate"),
        pytest.param("ncbi-rate", 2.5, "ncbi_rate", 2.5, id="ncbi-rate"),
        pytest.param("citation-style", "chicago", "citation_style", "chicago", id="citation-style"),
        pytest.param(
            "cite-commands",
            ["mycite", "\\citeN"],
            "cite_commands",
            ("mycite", "citeN"),
            id="cite-commands",
        ),
    ],
)
def test_each_key_is_read(key: str, value: Any, field: str, expected: Any) -> None:
    config = config_from_mapping({key: value})
    got = getattr(config, field)
    assert (dict(got) if field == "severity" else got) == expected


def test_every_key_is_tested_above_and_documented() -> None:
    tested = {
        "select",
        "ignore",
        "severity",
        "fail-on",
        "format",
        "email",
        "cache-dir",
        "crossref-url",
        "ncbi-url",
        "europepmc-url",
        "datacite-url",
        "claims",
        "baseline",
        "duplicate-title-threshold",
        "fail-on-unverified",
        "cite-commands",
        "crossref-rate",
        "ncbi-rate",
        "registry",
        "citation-style",
    }
    assert set(KEYS) == tested
    docs = DOCS.read_text(encoding="utf-8")
    for key in KEYS:
        assert f"`{key}`" in docs, key


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        pytest.param({"selct": ["CIT"]}, "unknown key 'selct'", id="unknown-key"),
        pytest.param({"select": ["CIT099"]}, "'CIT099' names no rule", id="select-no-rule"),
        pytest.param(
            {"fail-on-unverified": "yes"}, "must be true or false", id="fail-on-unverified-text"
        ),
        pytest.param({"select": 3}, "select must be a list", id="select-type"),
        pytest.param({"cite-commands": [3]}, "list of LaTeX command names", id="cite-commands"),
        pytest.param(
            {"cite-commands": ["my cite"]}, "not a LaTeX command name", id="cite-commands-name"
        ),
        pytest.param({"ignore": ["XYZ"]}, "'XYZ' names no rule", id="ignore-no-rule"),
        pytest.param(
            {"severity": {"CIT002": "fatal"}}, "not error, warning or info", id="severity-value"
        ),
        pytest.param({"severity": {"NOPE1": "error"}}, "'NOPE1' names no rule", id="severity-rule"),
        pytest.param({"severity": "error"}, "severity must be a table", id="severity-type"),
        pytest.param({"fail-on": "fatal"}, "fail-on must be one of", id="fail-on"),
        pytest.param({"citation-style": "mla"}, "citation-style must be one of", id="style"),
        pytest.param({"format": ""}, "format must be a non-empty string", id="format"),
        pytest.param({"email": 1}, "email must be a non-empty string", id="email"),
        pytest.param({"cache-dir": []}, "cache-dir must be a non-empty string", id="cache-dir"),
        pytest.param({"crossref-url": "api.crossref.org"}, "http(s) URL", id="crossref-url"),
        pytest.param({"ncbi-url": "ftp://x"}, "http(s) URL", id="ncbi-url"),
        pytest.param({"europepmc-url": "x"}, "http(s) URL", id="europepmc-url"),
        pytest.param({"claims": {"a": 1}}, "claims must be a directory", id="claims"),
        pytest.param({"baseline": True}, "baseline must be a non-empty string", id="baseline"),
        pytest.param({"duplicate-title-threshold": 101}, "from 0 to 100", id="threshold-range"),
        pytest.param({"duplicate-title-threshold": "90"}, "from 0 to 100", id="threshold-type"),
        pytest.param({"crossref-rate": 0}, "requests per second", id="crossref-rate-zero"),
        pytest.param({"ncbi-rate": "fast"}, "requests per second", id="ncbi-rate-type"),
    ],
)
def test_bad_values_are_one_line_errors_with_exit_code_2(data: dict, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        config_from_mapping(data, source="citecheck.toml")
    message = str(caught.value)
    assert message.startswith("citecheck.toml: ")
    assert fragment in message
    assert "\n" not in message
    assert caught.value.exit_code == 2


def test_relative_paths_are_taken_from_the_file_directory(tmp_path: Path) -> None:
    config = config_from_mapping(
        {"cache-dir": ".cache", "claims": ["claims"], "baseline": "b.json", "email": "x@y"},
        base_dir=tmp_path,
    )
    assert config.cache_dir == str(tmp_path / ".cache")
    assert config.claims == (str(tmp_path / "claims"),)
    assert config.baseline == str(tmp_path / "b.json")
    assert config.email == "x@y"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        pytest.param({}, ["error", "warning", "info"], id="none"),
        pytest.param({"CIT002": Severity.ERROR}, ["error", "error", "info"], id="one-rule"),
        pytest.param(
            {"CIT": Severity.INFO, "CIT001": Severity.WARNING},
            ["warning", "info", "info"],
            id="longest-prefix-wins",
        ),
    ],
)
def test_apply_severities(overrides: dict, expected: list[str]) -> None:
    findings = [
        finding("CIT001", Severity.ERROR),
        finding("CIT002", Severity.WARNING),
        finding("CLM005", Severity.INFO),
    ]
    assert [f.severity.value for f in apply_severities(findings, overrides)] == expected


# --- finding and reading the file -----------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_upwards_citecheck_toml_first(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _write(tmp_path / "pyproject.toml", '[tool.citecheck]\nfail-on = "info"\n')
    deep = tmp_path / "paper" / "drafts"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == tmp_path / "pyproject.toml"
    _write(tmp_path / "citecheck.toml", 'fail-on = "warning"\n')
    assert find_config_file(deep) == tmp_path / "citecheck.toml"
    assert load_config(tmp_path / "citecheck.toml").fail_on == "warning"


def test_pyproject_without_the_table_is_skipped_and_git_root_stops(tmp_path: Path) -> None:
    _write(tmp_path / "citecheck.toml", 'fail-on = "info"\n')  # outside the repository
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    _write(repo / "pyproject.toml", '[project]\nname = "x"\n')
    (repo / "sub").mkdir()
    assert find_config_file(repo / "sub") is None
    assert find_config_file(tmp_path) == tmp_path / "citecheck.toml"


def test_config_for_prefers_explicit_then_manuscript_then_cwd(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _write(tmp_path / "cwd" / "citecheck.toml", 'fail-on = "info"\n')
    _write(tmp_path / "paper" / "citecheck.toml", 'fail-on = "warning"\n')
    _write(tmp_path / "other.toml", 'fail-on = "never"\n')
    cwd = tmp_path / "cwd"
    paper = str(tmp_path / "paper" / "p.md")
    assert config_for(str(tmp_path / "other.toml"), [paper], cwd).fail_on == "never"
    assert config_for(None, [paper], cwd).fail_on == "warning"
    assert config_for(None, [str(tmp_path / "elsewhere" / "p.md")], cwd).fail_on == "info"
    assert config_for(None, [], tmp_path) == Config()


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        pytest.param("citecheck.toml", "fail-on = ", "not valid TOML", id="bad-toml"),
        pytest.param("pyproject.toml", "[tool]\ncitecheck = 3\n", "must be a table", id="table"),
        pytest.param("missing.toml", None, "does not exist", id="missing"),
    ],
)
def test_unusable_files(tmp_path: Path, name: str, text: str | None, fragment: str) -> None:
    path = tmp_path / name
    if text is not None:
        _write(path, text)
    with pytest.raises(ConfigError, match=fragment):
        load_config(path)


# --- through the command line: each key has its effect, flags win ---------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one manuscript (MIXED: CIT001 error, CIT002 warning, CIT004 info)."""
    (tmp_path / ".git").mkdir()
    _write(tmp_path / "paper.md", manuscript(MIXED))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> Result:
    return CliRunner().invoke(cli.main, ["check", "paper.md", *args])


def rules_reported(result: Result) -> list[tuple[str, str]]:
    doc = json.loads(result.stdout)
    return [(f["rule"], f["severity"]) for f in doc["manuscripts"][0]["findings"]]


ALL = [("CIT004", "info"), ("CIT001", "error"), ("CIT002", "warning")]


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        pytest.param("", [], ALL, id="no-config"),
        pytest.param('select = ["CIT001"]', [], [ALL[1]], id="select"),
        pytest.param('select = ["CIT001"]', ["--select", "CIT002"], [ALL[2]], id="select-flag"),
        pytest.param('ignore = ["CIT004", "CIT002"]', [], [ALL[1]], id="ignore"),
        pytest.param("ignore = []", ["--ignore", "CIT0"], [], id="ignore-flag"),
        pytest.param(
            'severity = {CIT002 = "error", CIT004 = "warning"}',
            [],
            [("CIT004", "warning"), ("CIT001", "error"), ("CIT002", "error")],
            id="severity",
        ),
    ],
)
def test_selection_and_severity_keys(
    project: Path, config: str, args: list[str], expected: list
) -> None:
    _write(project / "citecheck.toml", config + "\n")
    result = check("--format", "json", "--fail-on", "never", *args)
    assert result.exit_code == 0, result.stderr
    assert rules_reported(result) == expected


@pytest.mark.parametrize(
    ("config", "args", "code"),
    [
        pytest.param("", [], 1, id="default-error"),
        pytest.param('fail-on = "never"', [], 0, id="fail-on"),
        pytest.param('fail-on = "never"', ["--fail-on", "error"], 1, id="fail-on-flag-wins"),
        pytest.param(
            'fail-on = "error"\nseverity = {CIT001 = "warning"}', [], 0, id="severity-threshold"
        ),
    ],
)
def test_fail_on_key(project: Path, config: str, args: list[str], code: int) -> None:
    _write(project / "citecheck.toml", config + "\n")
    assert check(*args).exit_code == code


@pytest.mark.parametrize(
    ("config", "args", "starts"),
    [
        pytest.param('format = "github"', [], "::", id="format"),
        pytest.param('format = "github"', ["--format", "markdown"], "## citecheck", id="flag"),
        pytest.param('format = "json"', [], "{", id="json"),
    ],
)
def test_format_key(project: Path, config: str, args: list[str], starts: str) -> None:
    _write(project / "citecheck.toml", config + "\n")
    result = check(*args)
    assert result.stdout.startswith(starts)


def test_format_key_must_name_a_format(project: Path) -> None:
    _write(project / "citecheck.toml", 'format = "pdf"\n')
    result = check()
    assert result.exit_code == 2
    assert result.stderr.startswith("citecheck: error: ")
    assert "format must be one of text, json, sarif" in result.stderr


def test_unknown_key_exits_2_with_one_line(project: Path) -> None:
    _write(project / "pyproject.toml", '[tool.citecheck]\nfail_on = "never"\n')
    result = check()
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("citecheck: error: ")
    assert "unknown key 'fail_on' in [tool.citecheck]" in line


def test_config_flag_names_the_file(project: Path) -> None:
    _write(project / "ci" / "strict.toml", 'fail-on = "info"\nselect = ["CIT004"]\n')
    assert check().exit_code == 1  # the default: CIT001 is an error
    result = check("--config", "ci/strict.toml", "--format", "json")
    assert result.exit_code == 1
    assert rules_reported(result) == [ALL[0]]
    assert check("--config", "ci/missing.toml").exit_code == 2


@pytest.fixture
def online_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The online settings each check_manuscript call received (then checked offline)."""
    calls: list[dict[str, Any]] = []
    real = cli.check_manuscript

    def spy(document, options, **kwargs):  # type: ignore[no-untyped-def]
        online = options.online
        calls.append(
            {
                "email": online.email,
                "cache_dir": online.cache_dir,
                "crossref_url": online.registry.crossref_url,
                "ncbi_url": online.registry.ncbi_url,
                "europepmc_url": online.registry.europepmc_url,
                "datacite_url": online.registry.datacite_url,
            }
        )
        return real(document, replace(options, online=None), **kwargs)

    monkeypatch.setattr(cli, "check_manuscript", spy)
    return calls


@pytest.mark.parametrize(
    ("config", "args", "option", "expected"),
    [
        pytest.param('email = "cfg@example.org"', [], "email", "cfg@example.org", id="email"),
        pytest.param(
            'email = "cfg@example.org"',
            ["--email", "cli@example.org"],
            "email",
            "cli@example.org",
            id="email-flag-wins",
        ),
        pytest.param('cache-dir = "cache"', [], "cache_dir", "{root}/cache", id="cache-dir"),
        pytest.param(
            'crossref-url = "http://127.0.0.1:9/"',
            [],
            "crossref_url",
            "http://127.0.0.1:9",
            id="crossref-url",
        ),
        pytest.param(
            'ncbi-url = "http://127.0.0.1:9/eutils"',
            [],
            "ncbi_url",
            "http://127.0.0.1:9/eutils",
            id="ncbi-url",
        ),
        pytest.param(
            'ncbi-url = "http://127.0.0.1:9/eutils"',
            ["--ncbi-url", "http://x"],
            "ncbi_url",
            "http://x",
            id="ncbi-url-flag-wins",
        ),
        pytest.param(
            'europepmc-url = "http://127.0.0.1:9/europepmc"',
            [],
            "europepmc_url",
            "http://127.0.0.1:9/europepmc",
            id="europepmc-url",
        ),
        pytest.param(
            'datacite-url = "http://127.0.0.1:9/datacite"',
            [],
            "datacite_url",
            "http://127.0.0.1:9/datacite",
            id="datacite-url",
        ),
        pytest.param(
            'datacite-url = "http://127.0.0.1:9/datacite"',
            ["--datacite-url", "http://x"],
            "datacite_url",
            "http://x",
            id="datacite-url-flag-wins",
        ),
    ],
)
def test_online_keys_reach_the_online_options(
    project: Path,
    online_calls: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    config: str,
    args: list[str],
    option: str,
    expected: str,
) -> None:
    monkeypatch.delenv("CITECHECK_EMAIL", raising=False)
    _write(project / "citecheck.toml", config + "\n")
    check("--online", *args)
    (call,) = online_calls
    assert call[option] == expected.format(root=project)


def test_environment_beats_the_file(
    project: Path, online_calls: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITECHECK_EMAIL", "env@example.org")
    _write(project / "citecheck.toml", 'email = "cfg@example.org"\n')
    check("--online")
    assert online_calls[0]["email"] == "env@example.org"


def test_claims_key_finds_claim_files_in_its_directories(project: Path) -> None:
    _write(
        project / "notes" / "claims" / "paper.yaml",
        "claims:\n  - id: ghost\n    text: median PFS 54 d\n    cites: [1]\n",
    )
    _write(project / "citecheck.toml", 'claims = ["notes/claims"]\nfail-on = "never"\n')
    result = check("--format", "json")
    doc = json.loads(result.stdout)["manuscripts"][0]
    assert [c["id"] for c in doc["claims"]] == ["ghost"]
    assert ("CLM002", "warning") in [(f["rule"], f["severity"]) for f in doc["findings"]]


def test_baseline_key(project: Path) -> None:
    assert check("--write-baseline", "accepted.json").exit_code == 0
    _write(project / "citecheck.toml", 'baseline = "accepted.json"\n')
    result = check("--format", "json")
    assert result.exit_code == 0
    assert rules_reported(result) == []


def test_duplicate_title_threshold_key(project: Path) -> None:
    near = SMITH.replace("Alpha study of receptors", "Alpha studies of receptor")
    _write(project / "paper.md", manuscript(CLEAN, (SMITH, JONES, near)))
    strict = check("--format", "json", "--select", "REF003")
    assert rules_reported(strict) == []
    _write(project / "citecheck.toml", "duplicate-title-threshold = 80\n")
    loose = check("--format", "json", "--select", "REF003")
    assert rules_reported(loose) == [("REF003", "warning")]
