"""The Word reader: structure, numbering, superscripts, tables, fields, tracked changes, and a
whole check through the CLI. Documents are made in the tests (tests/docx_testlib.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_testlib import numbered, p, run, sup, write_docx

from citecheck.cli import main
from citecheck.inputs import read_document
from citecheck.inputs.docx import TrackedChangesWarning, read_docx_fields
from citecheck.inputs.docx_walk import PARAGRAPH_STRIDE
from citecheck.pipeline import analyze

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def read(tmp_path: Path, *paragraphs: str) -> tuple[str, object]:
    doc = read_document(write_docx(tmp_path / "paper.docx", "".join(paragraphs)))
    return doc.text, doc


def test_paragraphs_are_separated_by_a_blank_line_and_empty_ones_leave_nothing(
    tmp_path: Path,
) -> None:
    text, doc = read(tmp_path, p("First ", "paragraph."), p(), p("Second."))
    assert text == "First paragraph.\n\nSecond."
    assert doc.format == "docx"
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]


@pytest.mark.parametrize(
    ("paragraph", "level", "title"),
    [
        pytest.param(p("A study", style="Title"), 1, "A study", id="title"),
        pytest.param(p("2. Methods", style="Heading1"), 1, "Methods", id="heading-1-numbered"),
        pytest.param(p("Results", style="Heading2"), 2, "Results", id="heading-2"),
        pytest.param(p("Outline", style="Outline"), 2, "Outline", id="style-outline-level"),
        pytest.param(p("Direct", ppr='<w:outlineLvl w:val="0"/>'), 1, "Direct", id="outline"),
        pytest.param(p(run("References", "<w:b/>")), 3, "References", id="bold-line"),
        pytest.param(p("REFERENCES"), 3, "REFERENCES", id="capitals-line"),
    ],
)
def test_headings(tmp_path: Path, paragraph: str, level: int, title: str) -> None:
    _, doc = read(tmp_path, paragraph, p("Body text that is a sentence."))
    assert [(h.level, h.title) for h in doc.headings] == [(level, title)]
    assert doc.blocks[0].kind == "heading"


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param(p(run("Bold words in a sentence.", "<w:b/>")), id="sentence"),
        pytest.param(p(run("Figure 1", "<w:b/>")), id="caption-start"),
        pytest.param(p(run("Some ", "<w:b/>"), "plain"), id="partly-bold"),
    ],
)
def test_not_headings(tmp_path: Path, paragraph: str) -> None:
    _, doc = read(tmp_path, paragraph)
    assert doc.headings == ()


def test_automatic_numbering_is_written_as_printed(tmp_path: Path) -> None:
    text, doc = read(
        tmp_path,
        p("Smith J. A paper. Nature. 2001;1:1-2.", style="ListNumber"),
        p("Jones K. Another. Cell. 2002;2:3-4.", style="ListNumber"),
        numbered("a sub-item", ilvl=1),
        numbered("third"),
        numbered("restarted", num_id=3),  # same definition, startOverride 1
        numbered("bullet", num_id=2),
    )
    lines = text.split("\n\n")
    assert lines == [
        "1. Smith J. A paper. Nature. 2001;1:1-2.",
        "2. Jones K. Another. Cell. 2002;2:3-4.",
        "2.a) a sub-item",
        "3. third",
        "1. restarted",
        "• bullet",
    ]
    assert {b.kind for b in doc.blocks} == {"list-item"}


def test_superscript_runs_become_markers_merged_with_their_neighbours(tmp_path: Path) -> None:
    text, _ = read(
        tmp_path,
        p("glia", sup("1"), sup("–"), sup("3"), ". Styled", run("4", '<w:rStyle w:val="Sup"/>')),
    )
    assert text == "glia^{1–3}. Styled^{4}"


def test_table_rows_read_row_by_row(tmp_path: Path) -> None:
    cell = "<w:tc>{}</w:tc>"
    row = "<w:tr>" + cell.format(p("a")) + cell.format(p("b") + p("c")) + "</w:tr>"
    table = f"<w:tbl><w:tblPr/>{row}<w:tr>{cell.format(p('d'))}</w:tr></w:tbl>"
    text, doc = read(tmp_path, p("Before."), table, p("After."))
    assert text.split("\n\n") == ["Before.", "| a | b c |", "| d |", "After."]
    assert [b.kind for b in doc.blocks] == ["paragraph", "table-row", "table-row", "paragraph"]
    # paragraph numbers count every w:p, cell paragraphs included: "d" is the fifth
    assert doc.source_offset(text.index("d")) == 5 * PARAGRAPH_STRIDE


def test_source_offsets_are_paragraph_and_character(tmp_path: Path) -> None:
    text, doc = read(tmp_path, p("One."), p("Two ", sup("5"), " three", style="ListNumber"))
    at = text.index("three")
    # "Two 5 three": the label "1. " and the "^{" "}" are not in the paragraph's own text
    assert doc.source_offset(at) == 2 * PARAGRAPH_STRIDE + len("Two 5 ")
    assert doc.source_offset(text.index("5")) == 2 * PARAGRAPH_STRIDE + 4


def test_fields_give_their_result_never_their_code(tmp_path: Path) -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x.org" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("the result")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple = f'<w:fldSimple w:instr=" PAGE ">{run("7")}</w:fldSimple>'
    path = write_docx(tmp_path / "f.docx", p("See ", field, " on page ", simple, "."))
    doc, fields = read_docx_fields(path)
    assert doc.text == "See the result on page 7."
    assert [f.code for f in fields] == ['HYPERLINK "http://x.org"', "PAGE"]
    assert doc.text[fields[0].span.start : fields[0].span.end] == "the result"


def test_hyperlinks_content_controls_and_text_boxes_are_read(tmp_path: Path) -> None:
    link = f'<w:hyperlink w:anchor="x">{run("linked")}</w:hyperlink>'
    control = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('controlled')}</w:sdtContent></w:sdt>"
    box = f"<w:r><w:pict><w:txbxContent>{p('boxed')}</w:txbxContent></w:pict></w:r>"
    text, _ = read(tmp_path, p("A ", link, " word", box), control)
    assert text.split("\n\n") == ["A linked word", "boxed", "controlled"]


def test_tracked_changes_are_read_as_accepted_and_said(tmp_path: Path) -> None:
    ins = f'<w:ins w:id="1" w:author="a">{run("new ")}</w:ins>'
    deleted = '<w:del w:id="2" w:author="a"><w:r><w:delText>old </w:delText></w:r></w:del>'
    path = write_docx(tmp_path / "t.docx", p("The ", ins, deleted, "text."))
    with pytest.warns(TrackedChangesWarning, match="2 tracked change"):
        doc = read_document(path)
    assert doc.text == "The new text."


def test_comments_and_hidden_text_are_not_text(tmp_path: Path) -> None:
    comment = '<w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
    text, _ = read(tmp_path, p("Kept", comment, run(" hidden", "<w:vanish/>"), "."))
    assert text == "Kept."


def test_footnotes_follow_the_text_under_their_own_heading(tmp_path: Path) -> None:
    notes = (
        f"<w:footnotes {W}>"
        f'<w:footnote w:type="separator" w:id="-1">{p("---")}</w:footnote>'
        f'<w:footnote w:id="1">{p("A note.")}</w:footnote></w:footnotes>'
    )
    ref = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    path = write_docx(tmp_path / "n.docx", p("Text", ref, "."), {"word/footnotes.xml": notes})
    doc = read_document(path)
    assert doc.text == "Text.\n\nFootnotes\n\nA note."
    assert [h.title for h in doc.headings] == ["Footnotes"]


ARTICLE = [
    p("A small study", style="Title"),
    p("Introduction", style="Heading1"),
    p(
        "Glia matter",
        sup("1,2"),
        ". Calcium (Ca",
        sup("2+"),
        ") rose 10",
        sup("5"),
        " fold",
        sup("3"),
        ".",
    ),
    p("References", style="Heading1"),
    p("Smith J, Lee K. Glia in mice. Nature. 2001;410:1-5.", style="ListNumber"),
    p("Jones K. Calcium waves. Cell. 2002;22:3-9.", style="ListNumber"),
    p("Brown A. Folds of cortex. Science. 2003;300:10-19.", style="ListNumber"),
]


def test_a_word_manuscript_is_checked_like_markdown(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "paper.docx", "".join(ARTICLE))
    analysis = analyze(read_document(path))
    assert [r.number for r in analysis.references] == [1, 2, 3]
    assert [r.authors[0].family for r in analysis.references] == ["Smith", "Jones", "Brown"]
    assert [c.refs for c in analysis.citations] == [(1, 2), (3,)]


def test_check_paper_docx_through_the_cli(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "paper.docx", "".join(ARTICLE))
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-claims"])
    assert result.exit_code == 0, result.output
    manuscript = json.loads(result.stdout)["manuscripts"][0]
    assert [c["refs"] for c in manuscript["citations"]] == [[1, 2], [3]]
    first = manuscript["citations"][0]
    assert first["start"] // PARAGRAPH_STRIDE == 3  # the third paragraph
    assert (first["line"], first["column"]) == (5, 12)  # on the text view
