"""FLD001: the typed reference list against a citation manager's fields; the numbers join;
the fields' identifiers for online checks. The Zotero document is a development-set article
(tests/fixtures/fields/README.md); its stale copies are made here by editing its typed list
as an author would by hand."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_testlib import p, write_docx
from fields_testlib import (
    csl_item,
    endnote_field,
    endnote_record,
    field,
    mendeley_code,
    typed_list,
    zotero_code,
)
from online.helpers import FakeRegistry

from citecheck.checks.fields import assign_numbers, link_works, with_field_identifiers
from citecheck.cli import main
from citecheck.inputs import read_document
from citecheck.manuscript import check_manuscript
from citecheck.options import CheckOptions
from citecheck.pipeline import analyze
from citecheck.registry.settings import OnlineOptions

ZOTERO = Path(__file__).parent / "fixtures" / "fields" / "zotero-pone.0111971.docx"
ENTRY_33 = (
    "<w:t>[33]</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Bhatia VK, Hatzakis NS, Stamou D (2010) "
    "A unifying mechanism accounts for sensing of membrane curvature by BAR domains, "
    "amphipathic helices and membrane-anchored proteins. Semin Cell Dev Biol 21: 381–390. "
    "doi: 10.1016/j.semcdb.2009.12.004</w:t>"
)


def edited(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the Zotero document with its typed list edited (``old`` → ``new``)."""
    with zipfile.ZipFile(ZOTERO) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["word/document.xml"].decode()
    for old, new in edits:
        assert xml.count(old) == 1, old
        xml = xml.replace(old, new)
    parts["word/document.xml"] = xml.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    out = tmp_path / "edited.docx"
    out.write_bytes(buffer.getvalue())
    return out


def check_json(path: Path) -> dict:
    result = CliRunner().invoke(
        main, ["check", str(path), "--format", "json", "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["manuscripts"][0]


def ref008(report: dict) -> dict[int, dict]:
    return {f["refs"][0]: f for f in report["findings"] if f["rule"] == "FLD001"}


def test_a_clean_zotero_document_has_no_ref008() -> None:
    assert not ref008(check_json(ZOTERO))


def test_a_typed_list_edited_by_hand_is_reported(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        ("(2009) Why and how bacteria", "(2011) Why and how bacteria"),
        ("(2010) Macromolecules that prefer their membranes curvy", "(2010) Curved membranes"),
        (ENTRY_33, "<w:t></w:t>"),
    )
    found = ref008(check_json(path))
    assert set(found) == {2, 3, 33}
    assert (
        found[2]["severity"] == "warning"
        and '"2011" typed, "2009" in Zotero' in found[2]["message"]
    )
    assert found[3]["severity"] == "error" and "another work" in found[3]["message"]
    assert "Curved membranes" in found[3]["message"]
    assert "no entry 33" in found[33]["message"] and "Bhatia" in found[33]["message"]


def test_entries_swapped_after_a_new_citation_are_both_reported(tmp_path: Path) -> None:
    four = "van Ooij C, Losick R (2003) Subcellular localization of a small sporulation protein"
    five = "van Ooij C, Eichenberger P, Losick R (2004) Dynamic patterns of subcellular"
    path = edited(tmp_path, (four, "@@4@@"), (five, four), ("@@4@@", five))
    assert set(ref008(check_json(path))) == {4, 5}


def test_numbers_are_joined_by_the_fields_that_print_them() -> None:
    # work b is cited alone as 2, so in "1–3" the others take 1 and 3 in the code's order
    groups = [((1, 2, 3), ("a", "b", "c")), ((2,), ("b",)), ((3, 4), ("c", "d"))]
    assert assign_numbers(groups) == {"a": 1, "b": 2, "c": 3, "d": 4}


def test_an_open_join_is_settled_by_the_typed_entry_that_agrees() -> None:
    # one sorted citation "1,2" whose code lists the works the other way round
    agree = {("y", 1): 1.0, ("x", 2): 1.0}
    assigned = assign_numbers([((1, 2), ("x", "y"))], lambda w, n: agree.get((w, n), 0.0))
    assert assigned == {"x": 2, "y": 1}


def test_a_work_whose_printed_numbers_contradict_gets_none() -> None:
    assert assign_numbers([((1,), ("a",)), ((2,), ("a",))]) == {"a": None}


DOI = "10.1126/science.1175685"
BODY = p(
    "Proteins localize ",
    field(
        zotero_code(
            [
                csl_item(
                    1,
                    "Why and how bacteria localize proteins",
                    "Shapiro",
                    "L",
                    2009,
                    doi=DOI,
                    pmid="19965465",
                )
            ],
            "[1]",
        ),
        "[1]",
    ),
    ".",
)


@pytest.mark.parametrize(
    ("entry", "doi"),
    [
        ("Shapiro L (2009) Why and how bacteria localize proteins. Science 326: 1225-1228.", DOI),
        (
            "Nowell PC (1976) The clonal evolution of tumor cell populations. Science 194: 23-28.",
            None,
        ),
    ],
    ids=["confirmed", "another-work"],
)
def test_field_identifiers_fill_only_entries_the_fields_confirm(
    tmp_path: Path, entry: str, doi: str | None
) -> None:
    analysis = analyze(read_document(write_docx(tmp_path / "d.docx", BODY + typed_list(entry))))
    (ref,) = with_field_identifiers(analysis.references, analysis.document.marks)
    assert analysis.references[0].doi is None  # the typed entry itself is unchanged
    assert ref.doi == doi and (ref.pmid == "19965465") == (doi is not None)
    (link,) = link_works(analysis.document.marks or (), analysis.references)
    assert link.number == 1 and link.agrees == (doi is not None)


def test_online_checks_use_the_fields_doi(tmp_path: Path) -> None:
    entry = "Shapiro L (2009) Why and how bacteria localize proteins. Science 326: 1225-1228."
    document = read_document(write_docx(tmp_path / "d.docx", BODY + typed_list(entry)))
    registry = FakeRegistry()
    check_manuscript(document, CheckOptions(online=OnlineOptions(cache=False)), registry=registry)
    assert f"work {DOI}" in registry.asked
    assert any(a.startswith("pubmed 19965465") for a in registry.asked)


def _zotero(result: str) -> str:
    return field(zotero_code(_items(), result), result)


def _mendeley(result: str) -> str:
    return field(mendeley_code(_items(), result), result)


def _endnote(result: str) -> str:
    cites = [
        endnote_record(1, "Why and how bacteria localize proteins", "Shapiro, L.", 2009),
        endnote_record(2, "Macromolecules that prefer their membranes curvy", "Huang, K. C.", 2010),
    ]
    return endnote_field(cites, result, in_data=True)


def _items() -> list[dict[str, object]]:
    return [
        csl_item(1, "Why and how bacteria localize proteins", "Shapiro", "L", 2009),
        csl_item(2, "Macromolecules that prefer their membranes curvy", "Huang", "KC", 2010),
    ]


@pytest.mark.parametrize(
    "cite", [_zotero, _mendeley, _endnote], ids=["zotero", "mendeley", "endnote"]
)
def test_every_manager_s_fields_are_checked_against_the_list(tmp_path: Path, cite) -> None:
    good = (
        "Huang KC (2010) Macromolecules that prefer their membranes curvy. Mol Microbiol 76: 1-2."
    )
    bad = "Huang KC (2010) Cell shape in rod-like bacteria. Mol Microbiol 76: 1-2."
    first = "Shapiro L (2009) Why and how bacteria localize proteins. Science 326: 1225-1228."
    for second, expected in ((good, []), (bad, [2])):
        path = write_docx(
            tmp_path / "d.docx", p("Seen ", cite("[1,2]"), ".") + typed_list(first, second)
        )
        findings = analyze(read_document(path)).findings
        assert [f.refs[0] for f in findings if f.rule == "FLD001"] == expected
