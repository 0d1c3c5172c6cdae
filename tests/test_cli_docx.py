"""``citecheck fix`` and ``citecheck claims extract`` on a Word manuscript, through the CLI."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from docx_testlib import p, sup, write_docx

from citecheck.cli import main
from citecheck.errors import EXIT_CANNOT_RUN

BODY = (
    p("Introduction", style="Heading1")
    + p(
        "Mortality fell by 32% in treated patients.",
        sup("2"),
        " It rose by 12% in controls.",
        sup("1"),
    )
    + p("References", style="Heading1")
    + p("1. Nowell PC (1976) The clonal evolution of tumor cell populations. Science 194: 23-28.")
    + p("2. Heppner GH (1984) Tumor heterogeneity. Cancer Res 44: 2259-2265.")
)


def test_fix_refuses_a_word_document_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    paper = write_docx(tmp_path / "paper.docx", BODY)
    result = CliRunner().invoke(main, ["fix", str(paper)])
    assert result.exit_code == EXIT_CANNOT_RUN
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "does not rewrite docx files" in lines[0]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["paper.docx"]


def test_claims_extract_reads_a_word_document(tmp_path: Path) -> None:
    paper = write_docx(tmp_path / "paper.docx", BODY)
    out = tmp_path / "claims.yaml"
    result = CliRunner().invoke(main, ["claims", "extract", str(paper), "-o", str(out)])
    assert result.exit_code == 0, result.output
    claims = yaml.safe_load(out.read_text(encoding="utf-8"))["claims"]
    assert [c["cites"] for c in claims] == [[2], [1]]
    assert "32%" in claims[0]["text"] and "12%" in claims[1]["text"]
