"""JATS shapes from the third sweep of real manuscripts (/tmp/sweep3/SOURCES.md of the
sweep: SciELO articles). The articles are synthetic, in the shapes those files showed."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.inputs import read_document
from citecheck.pipeline import analyze
from tests.jats_testlib import article, ref, write, xref


def test_numbers_in_parentheses_are_no_citations_beside_superscript_tags(
    tmp_path: Path,
) -> None:
    """SciELO writes a superscript citation as a bare tag set against the word
    (``scale<xref>9</xref>``); a count or a score in parentheses is no untagged citation."""
    body = (
        f"<p>The rating scale{xref(1)} was used. Pain was mild (1-3), moderate (4-6) or "
        f"severe (7-10) in 65.5% of the patients (131), as before.{xref(2)},{xref(3)}</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body))))
    assert [c.refs for c in analysis.citations] == [(1,), (2, 3)]
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "JATS003")]


def test_an_untagged_bracket_beside_bracket_tags_is_still_reported(tmp_path: Path) -> None:
    body = f"<p>Known [{xref(1)}] and shown [{xref(2)}], untagged [3].</p>"
    analysis = analyze(read_document(write(tmp_path, article(body))))
    assert [f.rule for f in analysis.findings if f.rule == "JATS003"] == ["JATS003"]


def test_an_author_date_list_without_labels_has_no_numbering_order(tmp_path: Path) -> None:
    """SciELO (Hoehnea): <ref>s with no <label>, in alphabetical order, tagged citations
    printed with names and years; the list's order is not first-citation order."""
    refs = "".join(ref(n, family, "2019", label=False) for n, family in enumerate("CBA", 1))
    body = (
        f"<p>First ({xref(3, shown='A et al. 2019')}), then "
        f"({xref(2, shown='B et al. 2019')}; {xref(1, shown='C et al. 2019')}).</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    assert len(analysis.citations) == 2
    assert not [f for f in analysis.findings if f.rule == "CIT003"]


SCIELO_REFS = (
    '<ref id="B1"><label>1</label><mixed-citation>Melo APS, César CC. Predictors of '
    "knowledge among patients. <italic>Community Ment Health J.</italic> 2010;46(5):505-16. "
    "DOI:10.1007/s10597-010-9303-7</mixed-citation>"
    '<element-citation publication-type="journal"><person-group person-group-type="author">'
    "<name><surname>Melo</surname><given-names>APS</given-names></name></person-group>"
    "<article-title>Predictors of knowledge among patients</article-title>"
    "<source>Community Ment Health J</source><year>2010</year><volume>46</volume>"
    "<fpage>505</fpage><lpage>516</lpage></element-citation></ref>"
    '<ref id="B2"><label>2</label><mixed-citation>Jan T. A novel salvialactomine. Nat Prod '
    "Res. 2018;32(7):749-54. PMid:28412869.</mixed-citation>"
    '<element-citation publication-type="journal"><person-group person-group-type="author">'
    "<name><surname>Jan</surname><given-names>T</given-names></name></person-group>"
    "<article-title>A novel salvialactomine</article-title><source>Nat Prod Res</source>"
    '<year>2018</year><volume>32</volume><pub-id pub-id-type="pmid">28412869.</pub-id>'
    "</element-citation></ref>"
)


def test_identifiers_printed_but_not_tagged_and_a_pmid_with_a_full_stop(tmp_path: Path) -> None:
    body = f"<p>Knowledge{xref(1)} and chemistry{xref(2)}.</p>"
    analysis = analyze(read_document(write(tmp_path, article(body, SCIELO_REFS))))
    assert [(r.doi, r.pmid) for r in analysis.references] == [
        ("10.1007/s10597-010-9303-7", None),
        (None, "28412869"),
    ]
    assert not [f for f in analysis.findings if f.rule == "REF005"]


def test_a_tag_that_leaves_the_first_authors_before_it_names_its_entry(tmp_path: Path) -> None:
    """SciELO (RAC): ``(…; Hühn, Habisch, <xref>Hartmann, &amp; Sison, 2020</xref>)``."""
    refs = (
        '<ref id="B1"><mixed-citation>Hühn, M. P., Habisch, A., Hartmann, E. M., &amp; Sison, '
        "A. J. G. (2020). Practicing management wisely. Business Ethics, 29(S1), 1-5."
        "</mixed-citation></ref>"
        '<ref id="B2"><mixed-citation>Mirabet, J. (2012). Another work. Journal, 2, 3-4.'
        "</mixed-citation></ref>"
    )
    body = (
        f"<p>Shown (Alzola, 2019; Hühn, Habisch, {xref(1, shown='Hartmann, &amp; Sison, 2020')})"
        f". Later (see Table 1), Hühn argued in {xref(2, shown='Ross, 2012')}.</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    assert [f.refs for f in analysis.findings if f.rule == "JATS004"] == [("B2",)]


def test_one_xref_printing_a_range_cites_every_number_in_it(tmp_path: Path) -> None:
    """Taylor & Francis: ``<xref rid="cit0011"><sup>11-15</sup></xref>``, the rid only the
    first work's."""
    body = (
        f"<p>Fungi matter.{xref(1, shown='<sup>1-3</sup>')} So do others."
        f"{xref(4, shown='<sup>4,6</sup>')} And more.{xref(5, shown='<sup>5</sup>')}</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, 6))))
    assert [c.refs for c in analysis.citations] == [(1, 2, 3), (4, 6), (5,)]
    assert not [f for f in analysis.findings if f.rule in ("CIT002", "CIT003")]


def test_natures_own_article_xml_is_refused_as_not_jats(tmp_path: Path) -> None:
    """Nature's DTD also roots in <article>, with <pubfm> and <fm> instead of <front>."""
    from citecheck.errors import InputError

    path = tmp_path / "nature.xml"
    path.write_text(
        '<?xml version="1.0"?><article id="418244a"><pubfm><jtl>Nature</jtl></pubfm>'
        "<fm><atl>A title</atl></fm><bdy><p>Text.</p></bdy></article>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="not JATS"):
        read_document(path)
