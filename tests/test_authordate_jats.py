"""JATS cited by author and year (issue #21): the citations the XML left untagged are found by
the author-date finder, linked to the entries by their ids, and reported (JATS003)."""

from __future__ import annotations

from pathlib import Path

from jats_testlib import article, ref, write, xref

from citecheck.inputs import read_document
from citecheck.pipeline import Analysis, analyze

REFS = ref(1, "Smith", "2001", label=False) + ref(2, "Jones", "2003", label=False)


def _analysis(tmp_path: Path, body: str, refs: str | int = REFS) -> Analysis:
    return analyze(read_document(write(tmp_path, article(body, refs))))


def test_an_untagged_author_date_citation_is_found_and_reported(tmp_path: Path) -> None:
    body = (
        f"<p>As {xref(1, shown='Smith and Doe (2001)')} showed, cells move "
        "(Jones and Doe, 2003).</p>"
    )
    analysis = _analysis(tmp_path, body)
    assert analysis.system == "keyed"
    assert [(c.text, c.refs) for c in analysis.citations] == [
        ("Smith and Doe (2001)", ("B1",)),
        ("(Jones and Doe, 2003)", ("B2",)),
    ]
    rules = [(f.rule, f.refs) for f in analysis.findings]
    assert ("JATS003", ("B2",)) in rules
    assert "CIT002" not in {r for r, _ in rules}  # B2 is cited, in print


def test_an_untagged_work_in_a_tagged_group(tmp_path: Path) -> None:
    body = f"<p>Cells move ({xref(1, shown='Smith and Doe, 2001')}; Jones and Doe, 2003).</p>"
    analysis = _analysis(tmp_path, body)
    untagged = [(c.text, c.refs) for c in analysis.citations if c.refs == ("B2",)]
    assert untagged == [("Jones and Doe, 2003", ("B2",))]


def test_an_untagged_work_with_no_entry_is_not_guessed(tmp_path: Path) -> None:
    body = f"<p>As {xref(1, shown='Smith and Doe (2001)')} showed (Brown, 1999).</p>"
    analysis = _analysis(tmp_path, body)
    assert [c.refs for c in analysis.citations] == [("B1",)]
    assert "JATS003" not in {f.rule for f in analysis.findings}


def test_a_numbered_article_is_not_searched_for_names_and_years(tmp_path: Path) -> None:
    body = f"<p>See [{xref(1)}] and [{xref(2)}]; as (Smith and Doe, 2001) said.</p>"
    analysis = _analysis(tmp_path, body, 2)
    assert [c.refs for c in analysis.citations] == [(1,), (2,)]
    assert "JATS003" not in {f.rule for f in analysis.findings}


def test_a_tag_printing_another_author_than_its_entry_is_jats004(tmp_path: Path) -> None:
    body = (
        f"<p>As {xref(1, shown='Smith and Doe (2001)')} showed, cells move "
        f"({xref(1, shown='Ross, 2003')}; {xref(2, shown='Jones and Doe, 2003')}).</p>"
    )
    analysis = _analysis(tmp_path, body)
    wrong = [f for f in analysis.findings if f.rule == "JATS004"]
    assert [f.refs for f in wrong] == [("B1",)]  # B2 prints Jones: right
    assert "Ross, 2003" in wrong[0].evidence["citation"] and "Smith 2001" in wrong[0].message


def test_tags_naming_their_entries_are_quiet(tmp_path: Path) -> None:
    body = (
        f"<p>As {xref(1, shown='Smith and Doe (2001)')} showed "
        f"({xref(2, shown='Jones et al., 2003')}).</p>"
    )
    assert "JATS004" not in {f.rule for f in _analysis(tmp_path, body).findings}
    numbered = f"<p>See [{xref(1)}] and [{xref(2, shown='1')}].</p>"
    assert "JATS004" not in {f.rule for f in _analysis(tmp_path, numbered, 2).findings}


def test_a_tag_printing_only_the_year_is_not_jats004(tmp_path: Path) -> None:
    """PeerJ prints the authors outside the tag: ``Evans and colleagues (<xref>2007</xref>)``
    (real: jats-conversion's example article, two false errors)."""
    body = (
        f"<p>As Smith and colleagues ({xref(1, shown='2001')}) and Jones "
        f"({xref(2, shown=' 2003')}) showed, and {xref(2, shown='Ross (2003)')}.</p>"
    )
    wrong = [f for f in _analysis(tmp_path, body).findings if f.rule == "JATS004"]
    assert [f.evidence["citation"] for f in wrong] == ["Ross (2003)"]


def test_a_group_author_printed_in_full_for_its_acronym_is_not_jats004(tmp_path: Path) -> None:
    """Elsevier via PMC (Pub2TEI's PMC sample, second sweep): the entry's author is 'WHO',
    the tag prints 'World Health Organization, 2009' (and the other way round)."""
    refs = REFS.replace(
        "<surname>Smith</surname><given-names>J</given-names>", "<collab>WHO</collab>"
    )
    body = (
        f"<p>As ({xref(1, shown='World Health Organization, 2001')}) and "
        f"({xref(2, shown='Ross, 2003')}) showed.</p>"
    )
    wrong = [f for f in _analysis(tmp_path, body, refs).findings if f.rule == "JATS004"]
    assert [f.evidence["citation"] for f in wrong] == ["(Ross, 2003)"]
