"""A multi-file LaTeX project (tests/fixtures/latex/project: main + \\input/\\include chapters
+ two .bib files) audited from its main file: every finding in the file and at the line it
is about, in every report format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck.cli import main

PROJECT = Path(__file__).parent / "fixtures" / "latex" / "project"

# (rule, file, line) of each finding: a misspelt key in the introduction, the same work under
# two keys and a broken block in core.bib, a key core.bib already has and an uncited entry in
# extra.bib.
EXPECTED = [
    ("CIT001", "chapters/intro.tex", 3),
    ("REF003", "refs/core.bib", 20),
    ("REF001", "refs/core.bib", 28),
    ("REF002", "refs/extra.bib", 9),
    ("CIT002", "refs/extra.bib", 16),
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "paper"
    shutil.copytree(PROJECT, copy)
    monkeypatch.chdir(copy)
    return copy


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["check", "main.tex", "--no-claims", *args])


def test_text_report_names_the_files(project: Path) -> None:
    result = _run()
    assert result.exit_code == 1, result.output  # CIT001 and REF002 are errors
    *lines, note, _summary = result.stdout.splitlines()
    assert note.startswith("main.tex: references cited by key:")
    assert "first-citation order, ranges and numbering gaps" in note
    got = []
    for line in lines:
        where, rule = line.split(" ")[:2]
        file, number, _column = where.rstrip(":").rsplit(":", 2)
        got.append((rule, file, int(number)))
    assert got == EXPECTED
    assert "did you mean 'smith2019'?" in result.stdout
    assert "1 manuscript, 5 references, 6 citation groups" in result.stdout


def test_sarif_locations_point_into_tex_and_bib_files(project: Path) -> None:
    result = _run("--format", "sarif")
    sarif = json.loads(result.stdout)
    found = []
    for r in sarif["runs"][0]["results"]:
        location = r["locations"][0]["physicalLocation"]
        found.append(
            (r["ruleId"], location["artifactLocation"]["uri"], location["region"]["startLine"])
        )
    assert found == EXPECTED
    for uri in {u for _, u, _ in found}:
        assert (project / uri).is_file()


def test_json_and_github_reports(project: Path) -> None:
    report = json.loads(_run("--format", "json").stdout)
    (manuscript,) = report["manuscripts"]
    got = [(f["rule"], f.get("file", "main.tex"), f["line"]) for f in manuscript["findings"]]
    assert got == EXPECTED
    for f in manuscript["findings"] + manuscript["citations"]:
        source = (project / f.get("file", "main.tex")).read_text(encoding="utf-8")
        quoted = source[f["start"] : f["end"]]
        if f.get("rule") == "CIT001" or ("refs" in f and "rule" not in f):
            assert quoted.startswith("\\cite"), quoted  # start/end are offsets in "file"
        elif f.get("rule") == "CIT002":
            assert quoted.startswith("@book{unused2018,")
    github = _run("--format", "github").stdout
    assert "file=chapters/intro.tex,line=3" in github
    assert "file=refs/extra.bib,line=16" in github


def test_citations_in_included_files_are_read_and_the_rest_is_not(project: Path) -> None:
    report = json.loads(_run("--format", "json").stdout)
    (manuscript,) = report["manuscripts"]
    cited = [c["refs"] for c in manuscript["citations"]]
    assert cited == [
        ["smith2019", "doe2020"],
        ["smtih2019"],
        ["doe2020"],
        ["lee2021", "smith2019dup"],
        ["smith2019"],
        ["doe2020", "lee2021"],
    ]
    files = [c.get("file", "main.tex") for c in manuscript["citations"]]
    assert files == [
        "chapters/intro.tex",
        "chapters/intro.tex",
        "chapters/methods.tex",
        "chapters/details.tex",
        "main.tex",
        "main.tex",
    ]


def test_the_bib_entries_are_decoded_for_matching(project: Path) -> None:
    report = json.loads(_run("--format", "json").stdout)
    refs = {r["key"]: r for r in report["manuscripts"][0]["references"]}
    assert refs["smith2019"]["authors"][1]["family"] == "Müller"
    assert refs["smith2019"]["title"] == "CXCR4 expression in solid tumours"
    assert refs["smith2019"]["pages"] == "100-110"
    assert refs["lee2021"]["authors"][1] == {"family": "World Health Organization", "given": ""}
    assert refs["smith2019"]["raw"].startswith("@article{smith2019,")  # as written


def test_offsets_of_a_crlf_main_file(project: Path) -> None:
    main_tex = project / "main.tex"
    main_tex.write_bytes(main_tex.read_bytes().replace(b"\n", b"\r\n"))
    report = json.loads(_run("--format", "json").stdout)
    (manuscript,) = report["manuscripts"]
    source = main_tex.read_bytes().decode("utf-8")
    in_main = [c for c in manuscript["citations"] if "file" not in c]
    assert [source[c["start"] : c["end"]] for c in in_main] == [
        "\\citet{smith2019}",
        "\\citep[see][p.~3]{doe2020,lee2021}",
    ]
