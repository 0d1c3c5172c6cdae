"""`citecheck fix` on a LaTeX manuscript: a copy of its .bib with the DOIs found online added
and a diff, never in place; without the online options one line and exit 3."""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
from click.testing import CliRunner

from citecheck.cli import main

from .registry_server import LocalRegistry
from .test_cli_online import server, small_manuscript  # noqa: F401  (fixture)


def _latex_project(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """The five seed references as a .bib without DOIs, cited by a .tex."""
    bib_text = CliRunner().invoke(main, ["refs", str(small_manuscript(tmp_path))]).stdout
    bib = tmp_path / "refs.bib"
    bib.write_text("% kept as written\n" + bib_text, encoding="utf-8")
    keys = [e.key for e in bibtexparser.parse_string(bib_text).entries]
    tex = tmp_path / "paper.tex"
    tex.write_text(f"CXCR4 \\cite{{{','.join(keys)}}}.\n\\bibliography{{refs}}\n", "utf-8")
    return tex, bib, keys


def test_fix_adds_found_dois_to_a_copy_of_the_bib(server: LocalRegistry, tmp_path: Path) -> None:  # noqa: F811
    tex, bib, keys = _latex_project(tmp_path)
    before = bib.read_text(encoding="utf-8")
    args = ["fix", str(tex), "--online", "--no-cache", "--email", "t@example.org",
            "--crossref-url", server.url, "--ncbi-url", server.url]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert bib.read_text(encoding="utf-8") == before  # never in place
    fixed = (tmp_path / "refs.fixed.bib").read_text(encoding="utf-8")
    entries = bibtexparser.parse_string(fixed).entries
    assert sorted(e.key for e in entries if "doi" in e.fields_dict) == sorted(keys)
    assert fixed.startswith("% kept as written\n")
    removed = [line for line in before.splitlines() if line not in fixed.splitlines()]
    assert removed == []  # only lines added
    diff = (tmp_path / "refs.fixed.diff").read_text(encoding="utf-8")
    assert len(re.findall(r"\n\+\s+doi = \{10\.5555/", diff)) == 5
    assert "5 DOIs added" in result.stderr


def test_fix_without_online_options_says_what_to_do(tmp_path: Path) -> None:
    tex, _, _ = _latex_project(tmp_path)
    result = CliRunner().invoke(main, ["fix", str(tex)])
    assert result.exit_code == 3
    assert "run it with --online" in result.stderr
    assert not (tmp_path / "refs.fixed.bib").exists()


def test_fix_refuses_a_csl_bibliography(tmp_path: Path) -> None:
    (tmp_path / "refs.json").write_text('[{"id": "a", "title": "T"}]', encoding="utf-8")
    paper = tmp_path / "paper.md"
    paper.write_text("---\nbibliography: refs.json\n---\n\nText [@a].\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(paper), "--offline", "--lock", "x.json"])
    assert result.exit_code == 3
    assert "uses none" in result.stderr
