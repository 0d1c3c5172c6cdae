"""Places in a Word document as a person finds them in Word: paragraph number and first words,
and the page when the file records page breaks (issue #13, the location seam)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_testlib import p, run, write_docx

from citecheck.cli import main
from citecheck.inputs import read_document
from citecheck.inputs.docx_places import paragraph_label
from citecheck.locations import Locator

RENDERED = "<w:r><w:lastRenderedPageBreak/></w:r>"
HARD = '<w:r><w:br w:type="page"/></w:r>'


def places(tmp_path: Path, *paragraphs: str) -> tuple[str, Locator]:
    doc = read_document(write_docx(tmp_path / "d.docx", "".join(paragraphs)))
    return doc.text, Locator(doc)


def test_rendered_page_breaks_give_pages_also_inside_a_paragraph(tmp_path: Path) -> None:
    text, where = places(
        tmp_path,
        p("Alpha on page one."),
        p("Beta starts on page one", RENDERED, run(" and gamma ends on page two.")),
        p(RENDERED, run("Delta on page three.")),
    )
    pages = {w: where.locate(text.index(w)).page for w in ("Alpha", "Beta", "gamma", "Delta")}
    assert pages == {"Alpha": 1, "Beta": 1, "gamma": 2, "Delta": 3}
    assert where.locate(text.index("gamma")).label == 'paragraph 2 "Beta starts on page one and…"'
    assert where.locate(text.index("Delta")).label == 'paragraph 3 "Delta on page three."'


def test_without_page_records_there_is_no_page(tmp_path: Path) -> None:
    text, where = places(tmp_path, p("Alpha."), p("Beta."))
    place = where.locate(text.index("Beta"))
    assert place.page is None and place.label == 'paragraph 2 "Beta."'
    assert (place.line, place.column) == (3, 1)  # the text view's line and column


def test_hard_breaks_count_only_when_word_recorded_no_layout(tmp_path: Path) -> None:
    before = "<w:pageBreakBefore/>"
    text, where = places(tmp_path, p("Alpha.", HARD), p("Beta."), p("Gamma.", ppr=before))
    assert [where.locate(text.index(w)).page for w in ("Alpha", "Beta", "Gamma")] == [1, 2, 3]
    # with a layout recorded, the hard break is one of its page starts, not one more
    text, where = places(tmp_path, p("Alpha.", HARD), p(RENDERED, run("Beta.")))
    assert [where.locate(text.index(w)).page for w in ("Alpha", "Beta")] == [1, 2]


def test_table_cells_are_numbered_paragraphs(tmp_path: Path) -> None:
    cell = "<w:tc>{}</w:tc>"
    table = f"<w:tbl><w:tr>{cell.format(p('Dose'))}{cell.format(p('Effect'))}</w:tr></w:tbl>"
    text, where = places(tmp_path, p("Before."), table, p("After."))
    assert where.locate(text.index("After")).label == 'paragraph 4 "After."'


@pytest.mark.parametrize(
    ("words", "label"),
    [
        ("Short words", 'paragraph 3 "Short words"'),
        ("one two three four five six seven", 'paragraph 3 "one two three four five six…"'),
        ("x" * 50, f'paragraph 3 "{"x" * 40}…"'),
    ],
)
def test_paragraph_labels(words: str, label: str) -> None:
    assert paragraph_label(3, words) == label


def test_json_and_text_reports_name_the_paragraph_and_page(tmp_path: Path) -> None:
    paper = write_docx(
        tmp_path / "paper.docx",
        p("Introduction", style="Heading1")
        + p("Tumours grow [1].")
        + p(RENDERED, run("References"), style="Heading1")
        + p("1. Nowell PC (1976) The clonal evolution of tumor cells. Science 194: 23-28.")
        + p("2. Heppner GH (1984) Tumor heterogeneity. Cancer Res 44: 2259-2265."),
    )
    args = ["check", str(paper), "--no-claims", "--fail-on", "never"]
    report = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    (cit002,) = [f for f in report["manuscripts"][0]["findings"] if f["rule"] == "CIT002"]
    assert cit002["page"] == 2 and cit002["where"].startswith('paragraph 5 "2. Heppner GH')
    assert cit002["start"] // 1_000_000 == 5
    text = CliRunner().invoke(main, args).stdout
    assert 'paragraph 5 "2. Heppner GH' in text
