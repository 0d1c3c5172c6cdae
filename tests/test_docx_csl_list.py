"""A Word draft with Zotero or Mendeley citation fields and no reference list (sweep 3's
TILDA supplement, Mendeley Desktop ``ADDIN CSL_CITATION`` fields, author-date, no
bibliography): the items the fields carry are read as the list (FLD002), as a .bib is
beside a pandoc manuscript."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx_testlib import p, write_docx
from fields_testlib import (
    csl_item,
    endnote_field,
    endnote_record,
    field,
    typed_list,
    zotero_code,
)
from online.helpers import FakeRegistry, work

import citecheck
from citecheck.cli import main
from citecheck.errors import EXIT_CANNOT_RUN, NoReferenceSection
from citecheck.inputs import read_document
from citecheck.inputs.docx_csl_list import citation_keys
from citecheck.options import CheckOptions
from citecheck.pipeline import analyze
from citecheck.registry.records import Lookup
from citecheck.registry.settings import OnlineOptions

TITLE_A = "Why and how bacteria localize proteins"
TITLE_B = "Macromolecules that prefer their membranes curvy"
DOI_A = "10.1126/science.1175685"


def mendeley_desktop(items: list[dict[str, object]], shown: str) -> str:
    """A Mendeley Desktop field code as the TILDA supplement has it: ``ITEM-n`` ids counted
    within the citation, the library document's URI in ``uris``, a ``mendeley`` object."""
    entries = []
    for k, item in enumerate(items, 1):
        data = dict(item["itemData"])  # type: ignore[call-overload]
        data["id"] = f"ITEM-{k}"
        uuid = f"{abs(hash(data['title'])) % 10**8:08d}-23ea-419e-b449-2fc878ae421b"
        entries.append(
            {
                "id": f"ITEM-{k}",
                "itemData": data,
                "uris": [f"http://www.mendeley.com/documents/?uuid={uuid}"],
            }
        )
    citation = {
        "citationItems": entries,
        "mendeley": {"formattedCitation": shown, "plainTextFormattedCitation": shown},
        "properties": {"noteIndex": 0},
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    return f" ADDIN CSL_CITATION {json.dumps(citation)} "


def shapiro() -> dict[str, object]:
    return csl_item(1, TITLE_A, "Shapiro", "Lucy", 2009, doi=DOI_A)


def huang() -> dict[str, object]:
    return csl_item(2, TITLE_B, "Huang", "Kerwyn Casey", 2010, pmid="20444197")


def draft(tmp_path: Path, after: str = "") -> Path:
    """Three Mendeley author-date fields, Shapiro cited twice (once with Huang), no list."""
    body = (
        p("Results", style="Heading1")
        + p(
            "Proteins localize ",
            field(mendeley_desktop([shapiro()], "(Shapiro, 2009)"), "(Shapiro, 2009)"),
            ".",
        )
        + p(
            "Membranes curve ",
            field(
                mendeley_desktop([shapiro(), huang()], "(Shapiro, 2009; Huang, 2010)"),
                "(Shapiro, 2009; Huang, 2010)",
            ),
            ".",
        )
        + p("Huang et al. ", field(mendeley_desktop([huang()], "(2010)"), "(2010)"), " agree.")
        + after
    )
    return write_docx(tmp_path / "draft.docx", body)


def test_the_fields_items_are_the_list_of_a_draft_without_one(tmp_path: Path) -> None:
    doc = read_document(draft(tmp_path))
    analysis = analyze(doc)
    assert analysis.system == "keyed"
    assert [(r.key, r.authors[0].family, r.year) for r in analysis.references] == [
        ("shapiro2009", "Shapiro", "2009"),
        ("huang2010", "Huang", "2010"),
    ]
    first = analysis.references[0]
    assert (first.doi, first.title, first.container) == (DOI_A, TITLE_A, "J Test")
    assert analysis.references[1].pmid == "20444197"
    assert [c.refs for c in analysis.citations] == [
        ("shapiro2009",),
        ("shapiro2009", "huang2010"),
        ("huang2010",),
    ]
    assert analysis.citations[0].text == "(Shapiro, 2009)"
    (notice,) = [f for f in analysis.findings if f.rule == "FLD002"]
    assert notice.severity.value == "info"
    assert notice.evidence == {"manager": "Mendeley", "works": "2", "fields": "3"}
    assert "2 works cited in 3 Mendeley fields" in notice.message
    assert {f.rule for f in analysis.findings} == {"FLD002"}  # nothing else is wrong


def test_a_reference_stands_where_its_work_is_first_cited(tmp_path: Path) -> None:
    analysis = analyze(read_document(draft(tmp_path)))
    shapiro_ref, huang_ref = analysis.references
    assert shapiro_ref.span == analysis.citations[0].span
    assert huang_ref.span == analysis.citations[1].span
    assert TITLE_A in shapiro_ref.raw and shapiro_ref.raw.startswith("Shapiro L (2009)")


def test_numbered_fields_without_a_list_check_no_order_nor_numbering(tmp_path: Path) -> None:
    """Zotero's numbers printed 2 before 1, and a 7 no list has: there is no printed list,
    so neither CIT003 nor CIT001 nor REF002 can be said."""
    body = p(
        "First ",
        field(zotero_code([huang()], "2"), "2", superscript=True),
        " then ",
        field(zotero_code([shapiro()], "7"), "7", superscript=True),
        " and again ",
        field(zotero_code([huang(), shapiro()], "1,2"), "1,2", superscript=True),
        ".",
    )
    analysis = analyze(read_document(write_docx(tmp_path / "z.docx", body)))
    assert [r.key for r in analysis.references] == ["huang2010", "shapiro2009"]
    assert [c.refs for c in analysis.citations] == [
        ("huang2010",),
        ("shapiro2009",),
        ("huang2010", "shapiro2009"),
    ]
    assert [c.style for c in analysis.citations] == ["super"] * 3
    assert [f.rule for f in analysis.findings] == ["FLD002"]
    assert "Zotero" in analysis.findings[0].message


def test_a_references_heading_with_nothing_under_it_is_no_list(tmp_path: Path) -> None:
    analysis = analyze(read_document(draft(tmp_path, p("References", style="Heading1"))))
    assert [r.key for r in analysis.references] == ["shapiro2009", "huang2010"]


def test_a_document_that_prints_its_list_is_read_as_before(tmp_path: Path) -> None:
    body = p(
        "Seen ", field(zotero_code([shapiro(), huang()], "1,2"), "1,2", superscript=True), "."
    ) + typed_list(
        f"Shapiro L, McAdams HH, Losick R (2009) {TITLE_A}. Science 326: 1225-1228.",
        f"Huang KC, Ramamurthi KS (2010) {TITLE_B}. Mol Microbiol 76: 822-832.",
    )
    doc = read_document(write_docx(tmp_path / "listed.docx", body))
    assert doc.references is None and doc.marks_partial
    (mark,) = doc.marks or ()
    assert mark.keys == (1, 2) and len(mark.works) == 2
    assert pickle.loads(pickle.dumps(doc)) == doc  # the offered reading is a value
    analysis = analyze(doc)
    assert [r.number for r in analysis.references] == [1, 2]
    assert "FLD002" not in {f.rule for f in analysis.findings}


def test_an_endnote_citation_leaves_the_document_as_it_was(tmp_path: Path) -> None:
    record = endnote_record(1, TITLE_A, "Shapiro, Lucy", 2009)
    body = p(
        "Seen ",
        field(zotero_code([huang()], "(Huang 2010)"), "(Huang 2010)"),
        " and ",
        endnote_field([record], "(Shapiro 2009)"),
        ".",
    )
    doc = read_document(write_docx(tmp_path / "en.docx", body))
    assert doc.without_list is not None and doc.without_list() is None
    with pytest.raises(NoReferenceSection):
        analyze(doc)


def test_same_name_and_year_keys_take_letters_and_one_work_is_one_reference(
    tmp_path: Path,
) -> None:
    other = csl_item(3, "Another paper of the same year", "Shapiro", "Lucy", 2009)
    body = p(
        "A ",
        field(zotero_code([shapiro()], "(Shapiro 2009a)"), "(Shapiro 2009a)"),
        " B ",
        field(zotero_code([other, shapiro()], "(Shapiro 2009a, b)"), "(Shapiro 2009a, b)"),
        ".",
    )
    analysis = analyze(read_document(write_docx(tmp_path / "k.docx", body)))
    assert [r.key for r in analysis.references] == ["shapiro2009a", "shapiro2009b"]
    assert analysis.citations[1].refs == ("shapiro2009b", "shapiro2009a")


def test_keys_fold_accents_particles_and_fall_back_on_the_title() -> None:
    items: list[dict[str, Any]] = [
        {
            "author": [{"family": "Müller-Lüdenscheidt", "given": "Ö"}],
            "issued": {"date-parts": [[2001]]},
        },
        {"author": [{"family": "Bruijn", "non-dropping-particle": "de"}]},
        {"title": "Global burden of disease", "author": [{"literal": "WHO"}]},
        {"title": "Untitled"},
    ]
    assert citation_keys(items) == [
        "mullerludenscheidt2001",
        "debruijnnd",
        "whond",
        "untitlednd",
    ]


def test_the_same_library_item_in_two_libraries_is_reported_as_one_work_twice(
    tmp_path: Path,
) -> None:
    """Two items of one DOI under different URIs: two references, REF003 — the audit runs."""
    twin = csl_item(9, TITLE_A, "Shapiro", "Lucy", 2009, doi=DOI_A)
    body = p(
        "A ",
        field(zotero_code([shapiro()], "(Shapiro 2009)"), "(Shapiro 2009)"),
        " B ",
        field(zotero_code([twin], "(Shapiro 2009)"), "(Shapiro 2009)"),
        ".",
    )
    analysis = analyze(read_document(write_docx(tmp_path / "twin.docx", body)))
    assert len(analysis.references) == 2
    assert "REF003" in {f.rule for f in analysis.findings}


def test_the_cli_checks_a_draft_it_refused_before(tmp_path: Path) -> None:
    paper = draft(tmp_path)
    result = CliRunner().invoke(main, ["check", str(paper), "--format", "json"])
    assert result.exit_code != EXIT_CANNOT_RUN, result.output
    manuscript = json.loads(result.stdout)["manuscripts"][0]
    assert manuscript["reference_section"]["heading"] == "Mendeley fields"
    assert [r["key"] for r in manuscript["references"]] == ["shapiro2009", "huang2010"]


def test_online_verification_runs_on_the_fields_items(tmp_path: Path) -> None:
    registry = FakeRegistry()
    other = work(
        DOI=DOI_A,
        title=["A totally different paper"],
        author=[{"family": "Other", "given": "X"}],
        issued={"date-parts": [[2001]]},
        **{"container-title": ["J Other"]},
    )
    registry.works[DOI_A] = Lookup.found(other)
    options = CheckOptions(online=OnlineOptions(cache=False))
    result = citecheck.check_manuscript(read_document(draft(tmp_path)), options, registry=registry)
    (wrong,) = [f for f in result.findings if f.rule == "DOI002"]
    assert wrong.refs == ("shapiro2009",)
    assert "first cited at" in wrong.message


def test_a_bibliography_field_is_a_printed_list(tmp_path: Path) -> None:
    """Zotero's bibliography field prints the list (here without a heading): read as before."""
    bibliography = field(
        ' ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY ',
        f"1. Shapiro L (2009) {TITLE_A}. J Test.",
    )
    body = p("Seen ", field(zotero_code([shapiro()], "1"), "1", superscript=True), ".") + p(
        bibliography
    )
    doc = read_document(write_docx(tmp_path / "bibl.docx", body))
    assert doc.without_list is None and (doc.marks or ())[0].keys == (1,)
