"""Citation-manager fields in Word documents (issue #13): Zotero (field and bookmark
storage), Mendeley Desktop, Mendeley Cite and EndNote (code XML and fldData) as citation
marks carrying the works they cite."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from docx_testlib import p, write_docx
from fields_testlib import (
    csl_item,
    custom_properties,
    endnote_field,
    endnote_record,
    field,
    mendeley_cite,
    mendeley_code,
    typed_list,
    zotero_bookmark,
    zotero_code,
)

from citecheck.inputs import read_document
from citecheck.inputs.docx_fields import citation_works, printed_numbers
from citecheck.pipeline import analyze

TITLE_A = "Why and how bacteria localize proteins"
TITLE_B = "Macromolecules that prefer their membranes curvy"
LIST = typed_list(
    f"Shapiro L, McAdams HH, Losick R (2009) {TITLE_A}. Science 326: 1225-1228.",
    f"Huang KC, Ramamurthi KS (2010) {TITLE_B}. Mol Microbiol 76: 822-832.",
)


def items() -> list[dict[str, object]]:
    return [
        csl_item(1, TITLE_A, "Shapiro", "Lucy", 2009, doi="10.1126/science.1175685"),
        csl_item(2, TITLE_B, "Huang", "Kerwyn Casey", 2010, pmid="20444197"),
    ]


def test_a_zotero_field_split_over_runs_is_one_mark_with_its_works(tmp_path: Path) -> None:
    code = zotero_code(items(), "1,2")
    assert len(code) > 255  # Word splits it over several w:instrText runs
    body = p("Proteins localize", field(code, "1,2", superscript=True), ".") + LIST
    doc = read_document(write_docx(tmp_path / "z.docx", body))
    assert doc.marks is not None and doc.marks_partial
    (mark,) = doc.marks
    assert (mark.text, mark.keys, mark.style) == ("^{1,2}", (1, 2), "super")
    assert doc.text[mark.span.start : mark.span.end] == "^{1,2}"
    first, second = mark.works
    assert (first.manager, first.title, first.year, first.doi) == (
        "zotero",
        TITLE_A,
        "2009",
        "10.1126/science.1175685",
    )
    assert str(first.authors[0]) == "Shapiro L" and str(second.authors[0]) == "Huang KC"
    assert second.pmid == "20444197" and first.id != second.id


def test_typed_citations_beside_fields_are_still_found(tmp_path: Path) -> None:
    body = p("Fielded ", field(zotero_code(items()[:1], "[1]"), "[1]"), " and typed [2].") + LIST
    analysis = analyze(read_document(write_docx(tmp_path / "z.docx", body)))
    assert [(c.text, c.refs) for c in analysis.citations] == [("[1]", (1,)), ("[2]", (2,))]
    assert not [f for f in analysis.findings if f.rule in ("CIT002", "FLD001")]


def test_mendeley_desktop_fields(tmp_path: Path) -> None:
    body = p("Seen (", field(mendeley_code(items(), "1, 2"), "1, 2"), ").") + LIST
    doc = read_document(write_docx(tmp_path / "m.docx", body))
    (mark,) = doc.marks or ()
    assert mark.keys == (1, 2)
    assert [w.manager for w in mark.works] == ["mendeley", "mendeley"]
    assert mark.works[0].id != mark.works[1].id  # ITEM-1/ITEM-2 are not identities


def test_mendeley_cite_content_controls(tmp_path: Path) -> None:
    body = p("Seen ", mendeley_cite(items(), "[1,2]"), ".") + LIST
    doc = read_document(write_docx(tmp_path / "mc.docx", body))
    (mark,) = doc.marks or ()
    assert (mark.text, mark.keys) == ("[1,2]", (1, 2))
    assert mark.works[1].title == TITLE_B


@pytest.mark.parametrize("in_data", [False, True], ids=["code-xml", "fldData-base64"])
def test_endnote_fields(tmp_path: Path, in_data: bool) -> None:
    cites = [
        endnote_record(1, TITLE_A, "Shapiro, Lucy", 2009, doi="10.1126/science.1175685"),
        endnote_record(2, TITLE_B, "Huang, K. C.", 2010, pmid="20444197"),
    ]
    body = p("Seen ", endnote_field(cites, "[1, 2]", in_data=in_data), ".") + LIST
    doc = read_document(write_docx(tmp_path / "en.docx", body))
    (mark,) = doc.marks or ()
    assert mark.keys == (1, 2)
    first, second = mark.works
    assert (first.manager, first.title, first.doi) == (
        "endnote",
        TITLE_A,
        "10.1126/science.1175685",
    )
    assert (str(second.authors[0]), second.year, second.pmid) == ("Huang KC", "2010", "20444197")
    assert "EN.CITE" not in doc.text and "PEVuZE5vdGU" not in doc.text


def test_zotero_bookmark_storage_reads_codes_from_document_properties(tmp_path: Path) -> None:
    name = "ZOTERO_BREF_aB3dE5fG7hJ9"
    code = zotero_code(items(), "[1,2]").strip().removeprefix("ADDIN ")
    body = p("Seen ", zotero_bookmark(name, 7, "[1,2]"), ".") + LIST
    path = write_docx(
        tmp_path / "b.docx", body, {"docProps/custom.xml": custom_properties({name: code})}
    )
    (mark,) = read_document(path).marks or ()
    assert mark.keys == (1, 2) and mark.works[0].title == TITLE_A


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(
            ' ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems": [{"itemData": ', id="cut-json"
        ),
        pytest.param(" ADDIN ZOTERO_ITEM CSL_CITATION " + '{"a":' * 100_000, id="deep-json"),
        pytest.param(' ADDIN CSL_CITATION {"citationItems": "x"}', id="wrong-shape"),
        pytest.param(
            ' ADDIN EN.CITE <!DOCTYPE x [<!ENTITY a "b">]><EndNote><Cite/></EndNote>',
            id="endnote-entity",
        ),
        pytest.param(" ADDIN EN.CITE <EndNote><Cite><record>", id="endnote-cut"),
        pytest.param(" MENDELEY_CITATION_v3_!!!notbase64", id="mendeley-bad-base64"),
        pytest.param(" HYPERLINK https://example.org", id="not-a-citation"),
    ],
)
def test_unreadable_codes_leave_the_citation_to_the_text_finder(tmp_path: Path, code: str) -> None:
    body = p("Seen ", field(code, "[1]"), " and [2].") + LIST
    doc = read_document(write_docx(tmp_path / "bad.docx", body))
    assert not doc.marks
    analysis = analyze(doc)
    assert [c.refs for c in analysis.citations] == [(1,), (2,)]


def test_a_field_printing_author_year_is_not_a_numbered_mark(tmp_path: Path) -> None:
    body = p("Seen ", field(zotero_code(items()[:1], "(Shapiro 2009)"), "(Shapiro 2009)")) + LIST
    assert not read_document(write_docx(tmp_path / "ay.docx", body)).marks


@pytest.mark.parametrize(
    ("shown", "numbers"),
    [
        ("^{1–5}", (1, 2, 3, 4, 5)),
        ("[2]–[4]", (2, 3, 4)),
        ("(8, 12–14)", (8, 12, 13, 14)),
        ("[1],[2]", (1, 2)),
        ("3; 7", (3, 7)),
        ("(Smith 2019)", None),
        ("[5–2]", None),
        ("1–100000", None),
        ("", None),
    ],
)
def test_printed_numbers(shown: str, numbers: tuple[int, ...] | None) -> None:
    assert printed_numbers(shown) == numbers


def test_mendeley_cite_payload_without_padding() -> None:
    raw = base64.b64encode(b'{"citationItems":[{"id":"u1","itemData":{"title":"T"}}]}')
    tag = "MENDELEY_CITATION_v3_" + raw.decode().rstrip("=")
    works = citation_works(tag)
    assert works is not None and works[0].title == "T" and works[0].id == "u1"


def test_a_zotero_field_whose_result_is_a_hyperlink_field(tmp_path: Path) -> None:
    link = field(' HYPERLINK \\l "ZOTERO_BREF_x1" ', "[1]")
    outer = field(zotero_code(items()[:1], "[1]"), "").replace(
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{link}',
    )
    body = p("Seen ", outer, ".") + LIST
    (mark,) = read_document(write_docx(tmp_path / "h.docx", body)).marks or ()
    assert (mark.text, mark.keys, mark.works[0].title) == ("[1]", (1,), TITLE_A)


@pytest.mark.parametrize(
    "prefix",
    [
        "MENDELEY_CITATION_v3_",
        "MENDELEY_CITATION_v4_",
        "MENDELEY_CITATION_",
        "ITEM MENDELEY_CITATION_v3_",
    ],
)
def test_mendeley_cite_tag_versions(prefix: str) -> None:
    raw = base64.b64encode(b'{"citationItems":[{"id":"u1","itemData":{"title":"T"}}]}').decode()
    works = citation_works(prefix + raw)
    assert works is not None and works[0].title == "T"
