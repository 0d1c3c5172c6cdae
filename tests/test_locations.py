"""Places in reports for readers whose text is not one file's lines: an included file, a
format with pages and labels (the location seam, ``Document.origins``)."""

from __future__ import annotations

import json

import citecheck
from citecheck.locations import Location, Locator
from citecheck.model import CitationMark, Document, Origin, Reference, Span
from citecheck.options import CheckOptions
from citecheck.report.github import render_github
from citecheck.report.json import report_dict
from citecheck.report.sarif import sarif_dict
from citecheck.report.text import render_text

MAIN = "Intro cites [a].\n"  # main.tex, lines 1-1 of the text
CHAPTER = "First line.\nThen [zzz] here.\n"  # chapter.tex, included at the main's line 1


def _document() -> Document:
    text = MAIN + CHAPTER
    at = len(MAIN)
    refs = (Reference(None, "Alpha", Span(0, 0), title="Alpha", year="2001", citekey="a"),)
    cite = text.index("[zzz]")
    marks = (
        CitationMark(Span(12, 15), "[a]", ("a",)),
        CitationMark(Span(cite, cite + 5), "[zzz]", ("zzz",)),
    )
    origins = (Origin(0, line=1), Origin(at, path="chapters/one.tex", line=1))
    return Document("main.tex", text, format="latex", references=refs, marks=marks, origins=origins)


def test_offsets_resolve_to_the_file_and_line_they_came_from() -> None:
    doc = _document()
    locator = Locator(doc)
    assert locator.locate(12) == Location("main.tex", 1, 13)
    cite = doc.text.index("[zzz]")
    assert locator.locate(cite) == Location("chapters/one.tex", 2, 6)


def test_an_origin_in_mid_line_shifts_the_column_and_carries_page_and_label() -> None:
    doc = Document(
        "paper.pdf",
        "alpha beta\ngamma delta\n",
        origins=(Origin(6, line=0, page=3, label="page 3, line 14"),),
    )
    locator = Locator(doc)
    assert locator.locate(2) == Location("paper.pdf", 1, 3)
    assert locator.locate(14) == Location("paper.pdf", 2, 4, 3, "page 3, line 14")
    lined = Document("x.xml", "ab\ncd\n", origins=(Origin(1, line=40, column=10),))
    assert Locator(lined).locate(2) == Location("x.xml", 40, 11)
    assert Locator(lined).locate(4) == Location("x.xml", 41, 2)


def test_reports_point_into_the_included_file() -> None:
    result = citecheck.check_manuscript(_document(), CheckOptions())
    (cit001,) = [f for f in result.findings if f.rule == "CIT001"]
    assert cit001.span is not None
    text = render_text([result])
    assert "chapters/one.tex:2:6: CIT001 error" in text
    assert "::error file=chapters/one.tex,line=2,col=6" in render_github([result])
    (manuscript,) = report_dict([result])["manuscripts"]
    finding = next(f for f in manuscript["findings"] if f["rule"] == "CIT001")
    assert (finding["file"], finding["line"], finding["column"]) == ("chapters/one.tex", 2, 6)
    assert "file" not in manuscript["citations"][0]
    sarif = sarif_dict([result])
    uris = {
        r["ruleId"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris["CIT001"] == "chapters/one.tex"
    json.dumps(sarif)


def test_a_label_reaches_the_text_and_json_reports() -> None:
    doc = Document(
        "paper.docx",
        MAIN,
        format="docx",
        references=(),
        marks=(CitationMark(Span(12, 15), "[a]", ("a",)),),
        origins=(Origin(0, page=2, label="paragraph 7 'Intro cites'"),),
    )
    result = citecheck.check_manuscript(doc, CheckOptions())
    assert "paper.docx:1:13: (paragraph 7 'Intro cites') CIT001" in render_text([result])
    (manuscript,) = report_dict([result])["manuscripts"]
    finding = next(f for f in manuscript["findings"] if f["rule"] == "CIT001")
    assert (finding["page"], finding["where"]) == (2, "paragraph 7 'Intro cites'")
