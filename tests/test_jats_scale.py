"""False alarms found by screening published JATS articles (PLOS starter corpus, eLife) with
citecheck: each test holds the shape of the real article, made small (tests/jats_testlib.py)."""

from __future__ import annotations

from pathlib import Path

from jats_testlib import article, ref, write, xref

from citecheck.citations.find import find_citations
from citecheck.inputs import read_document
from citecheck.pipeline import analyze


def test_a_bracketed_interval_with_a_unit_is_no_untagged_citation(tmp_path: Path) -> None:
    """PLOS ONE 10.1371/journal.pone.0117688 and .0114370: "misaligned by [15, 30] mm /
    degrees", "over the time interval [140, 160] (in hours)" were 53 JATS003 and 33 CIT001."""
    body = (
        f"<p>Registered as before [{xref(1)}, {xref(2)}]. Shapes misaligned by [1, 3] mm / "
        "degrees and [2, 4] degrees rotation, over the time interval [140, 160] (in hours), "
        "and in the interval of [5, 9].</p><p>Typed by hand [1, 3].</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, 3))))
    assert [c.text for c in analysis.citations] == ["[1, 2]", "[1, 3]"]
    rules = [f.rule for f in analysis.findings]
    assert rules == ["JATS003"]  # the hand-typed citation only
    assert "'[1, 3]'" in analysis.findings[0].message


def test_an_interval_needs_two_increasing_numbers_in_square_brackets() -> None:
    text = (
        "A [3, 2] mm gap, a [4–6] mm gap, reported [9, 10]; "
        "as [11, 12] showed; the interval [13, 14]."
    )
    found = [c.text for c in find_citations(text, range(1, 20))]
    assert found == ["[3, 2]", "[4–6]", "[9, 10]", "[11, 12]"]


def _ref(n: int, body: str, kind: str = "other") -> str:
    cite = f'<mixed-citation publication-type="{kind}">{body}</mixed-citation>'
    return f'<ref id="B{n}"><label>{n}</label>{cite}</ref>'


def _link(url: str) -> str:
    return f'<ext-link ext-link-type="uri" xlink:href="{url}">{url}</ext-link>'


def test_a_web_page_or_an_entry_printed_undated_needs_no_year(tmp_path: Path) -> None:
    """PLOS Comput Biol 10.1371/journal.pcbi.1000589 ("BioRuby [http://www.bioruby.org]"),
    PLOS NTD .pntd.0002570 ("Gov. UK. https://…, accessed May 19, 2013"), PLOS Med
    .pmed.1001080 ("United Nations Population Division (nd) …"): 82 REF004 'has no year'."""
    refs = "".join(
        [
            _ref(1, f"BioRuby [{_link('http://www.bioruby.org')}]"),
            _ref(2, f"Gov. UK. {_link('https://www.gov.uk/news/x')}, accessed May 19, 2013."),
            _ref(3, "United Nations (nd) World Population Prospects. New York: United Nations."),
            _ref(4, "Lau K. Design principles of the yeast cell cycle network. Thesis."),
            _ref(5, f"Smith J. A study of things. J Things 4: 1–9. {_link('http://x.org/a')}"),
        ]
    )
    body = "<p>" + " ".join(f"[{xref(n)}]" for n in range(1, 6)) + "</p>"
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    no_year = [f.refs for f in analysis.findings if f.rule == "REF004"]
    assert no_year == [(4,), (5,)]  # an entry with neither; an article with an address


def _authored(n: int, *families: str, et_al: bool = False) -> str:
    names = ", ".join(
        f"<name><surname>{f}</surname><given-names>A</given-names></name>" for f in families
    )
    rest = ", <etal/>" if et_al else ""
    return _ref(
        n,
        f"{names}{rest} (<year>2010</year>) <article-title>Work {n}</article-title>. "
        f"<source>J Things</source> <volume>{n}</volume>: <fpage>1</fpage>–<lpage>9</lpage>.",
        "journal",
    )


def test_a_narrative_name_is_checked_as_the_form_it_is_written_in(tmp_path: Path) -> None:
    """Published PLOS and eLife articles: "the Notch and Wnt pathways [65]", "Gn and Gc
    [10]", "Atlantic and Pacific Oceans (Therriault …)", "Tedder and colleagues [19]" (a
    group's head, cut by "et al."), "Ibrahim and co-workers (Ibrahim-Hashim et al., 2012)"
    were 21 of 33 CIT005; "Stolzfus et al. [8]" (Stoltzfus) and "Smith and Doe [1]" citing
    another pair's work stay reported."""
    refs = "".join(
        [
            _authored(1, "Mora", "Lee"),
            _authored(2, "Iwata", "Bouaziz", et_al=True),
            _authored(3, "Ibrahim-Hashim", "Wojtkowiak", "Gillies"),
            _authored(4, "Stoltzfus", "Harmon"),
            _authored(5, "Smith", "Doe"),
        ]
    )
    body = (
        f"<p>Both the Notch and Wnt pathways act here [{xref(1)}]. "
        f"Tedder and colleagues found B cells [{xref(2)}]. "
        f"Ibrahim and co-workers studied NSAIDs [{xref(3)}]. "
        f"Stolzfus et al. [{xref(4)}] searched two journals. "
        f"Later Smith and Doe [{xref(1)}] disagreed; see also [{xref(5)}].</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    named = [f.evidence["named"] for f in analysis.findings if f.rule == "CIT005"]
    assert named == ["Stolzfus", "Smith"]


def test_a_notice_lists_the_article_it_is_about_uncited(tmp_path: Path) -> None:
    """PLOS ONE 10.1371/journal.pone.0108198 (a correction: "This article was republished
    …") and PLOS Pathog .ppat.1005207 (a retraction) list the article they are about as
    reference 1 and link it by <related-article>: 3 CIT002 in the screen."""
    body = "<p>This article was republished to correct Figure 4.</p>"
    research = article(body, 1)
    for kind, expected in (("correction", []), ("retraction", []), ("research-article", [1])):
        xml = research.replace('article-type="research-article"', f'article-type="{kind}"')
        analysis = analyze(read_document(write(tmp_path, xml)))
        assert [f.refs[0] for f in analysis.findings if f.rule == "CIT002"] == expected, kind


def test_the_order_of_first_citation_is_read_outside_figure_legends_and_tables(
    tmp_path: Path,
) -> None:
    """PLOS Genet 10.1371/journal.pgen.1002912, PLOS Pathog .ppat.1000166 and others: a
    legend or a table set where the figure is first called cites a reference numbered
    later in the text's order (ICMJE: numbered where the figure is first called): 10 of 23
    CIT003 in the screen. Out of order in the text itself is still reported."""
    fig = (
        '<fig id="f1"><label>Figure 1</label><caption><p>Strains as in '
        f"[{xref(4)}].</p></caption></fig>"
    )
    table = (
        f'<table-wrap id="t1"><table><tr><td>Strain A [{xref(5)}]</td></tr></table></table-wrap>'
    )
    body = f"<p>First [{xref(1)}], see Figure 1.</p>{fig}{table}<p>Then [{xref(2)}]"
    refs = "".join(ref(n, name) for n, name in enumerate(("Zhou", "Adams", "Moss", "Li", "Kim"), 1))
    in_floats = article(f"{body}. So [{xref(3)}]. And [{xref(4)}]. Also [{xref(5)}].</p>", refs)
    in_text = article(f"{body}. So [{xref(4)}]. And [{xref(3)}]. Also [{xref(5)}].</p>", refs)
    for xml, expected in ((in_floats, []), (in_text, [(4,)])):
        analysis = analyze(read_document(write(tmp_path, xml)))
        assert [f.refs for f in analysis.findings if f.rule == "CIT003"] == expected


def test_a_group_author_cited_by_the_words_its_name_starts_with_is_not_jats004(
    tmp_path: Path,
) -> None:
    """eLife 10.7554/eLife.03925 '(ICF International, 2013)' for the group 'ICF
    International. Demographic and Health Surveys', eLife.00184 '(Collaborative Computational
    Project, 1994)' for '…, Number 4', eLife.02851 'CIESIN/IFPRI/WB/CIAT': 6 of 26 JATS004.
    Another group, or a person, is still reported."""
    group = "<collab>ICF International. Demographic and Health Surveys</collab>"
    refs = (ref(1, "Smith", "2001", label=False) + ref(2, "Jones", "2003", label=False)).replace(
        "<name><surname>Smith</surname><given-names>J</given-names></name>", group
    )
    body = (
        f"<p>As ({xref(1, shown='ICF International, 2001')}) showed. Then "
        f"({xref(1, shown='Demographic Health Office, 2001')}) showed. And "
        f"({xref(2, shown='International, 2003')}) showed.</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    wrong = [f.evidence["citation"] for f in analysis.findings if f.rule == "JATS004"]
    assert wrong == ["(Demographic Health Office, 2001)", "(International, 2003)"]


def test_an_author_named_doi_is_no_doi_label(tmp_path: Path) -> None:
    """PLOS ONE 10.1371/journal.pone.0120049, reference 43: "Doi M, Yamaoka I, … (2003)"
    was REF005 'a doi label with no DOI after it'; "doi: Paor.2006.12.3.0153" still is."""
    refs = "".join(
        [
            _authored(1, "Doi", "Yamaoka"),
            _ref(2, "Nogueira MC. A study of p16. Pathol Oncol Res. 2006;12:153–7. doi: Paor.2006"),
        ]
    )
    body = f"<p>See [{xref(1)}] and [{xref(2)}].</p>"
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    assert [f.refs for f in analysis.findings if f.rule == "REF005"] == [(2,)]


def test_a_year_printed_in_the_tag_of_a_numbered_entry_is_no_jats002(tmp_path: Path) -> None:
    """PLOS Biol 10.1371/journal.pbio.0020188: '(President's Council on Bioethics 2003,
    <xref rid="…PCB2">2004</xref>)' linked to reference 3 was JATS002 ('prints 2004')."""
    body = (
        f"<p>See [{xref(1)}] and two reports (Council 2001, {xref(2, shown='2001')}), "
        f"and [{xref(3, shown='2')}].</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, 3))))
    assert [f.evidence["printed"] for f in analysis.findings if f.rule == "JATS002"] == ["2"]


def test_a_field_the_tags_of_a_printed_citation_leave_out_is_read_from_its_text(
    tmp_path: Path,
) -> None:
    """PLOS ONE 10.1371/journal.pone.0052690: "(<year>2010</year>) <article-title>Cell cycle
    …. EMBO J</article-title>. <volume>29</volume>" (the journal in the title's tag, 39
    references) and pone.0067380 "Domenici, P. &amp; Blake, R. W. 1997. …" (no <year>)
    were REF004 'has no journal' / 'has no year'. An article without a journal in its text
    is still reported."""
    name = "<name><surname>Schofield</surname><given-names>WB</given-names></name>"
    refs = "".join(
        [
            _ref(
                1,
                f"{name} (<year>2010</year>) <article-title>Cell cycle coordination by polar "
                "proteins. EMBO J</article-title>. <volume>29</volume>: <fpage>3068</fpage>.",
                "journal",
            ),
            _ref(
                2,
                "Domenici, P. &amp; Blake, R. W. 1997. <article-title>The kinematics of fish "
                "fast-start swimming</article-title>. <source>J Exp Biol</source> "
                "<volume>200</volume>: <fpage>1165</fpage>–<lpage>1178</lpage>.",
                "journal",
            ),
            _ref(
                3,
                f"{name} (<year>2011</year>) <article-title>Partition of plasmids by "
                "proteins</article-title>. <volume>30</volume>: <fpage>12</fpage>.",
                "journal",
            ),
        ]
    )
    body = f"<p>See [{xref(1)}], [{xref(2)}] and [{xref(3)}].</p>"
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    first, second, _ = analysis.references
    assert (first.title, first.container) == ("Cell cycle coordination by polar proteins", "EMBO J")
    assert second.year == "1997"
    assert [f.refs for f in analysis.findings if f.rule == "REF004"] == [(3,)]


def test_a_double_barrelled_name_printed_with_an_en_dash_names_its_entry(tmp_path: Path) -> None:
    """eLife 10.7554/eLife.09073: '(Garcia–Garcia et al., 1999; …)' tagged as the entry of
    Garcia-Garcia (a hyphen in <surname>) was JATS004."""
    refs = ref(1, "Garcia-Garcia", "1999", label=False) + ref(2, "Ramain", "2000", label=False)
    body = (
        f"<p>As ({xref(1, shown='Garcia–Garcia et al., 1999')}) showed. And "
        f"({xref(2, shown='Garcia et al., 2000')}) too.</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    wrong = [f.evidence["citation"] for f in analysis.findings if f.rule == "JATS004"]
    assert wrong == ["(Garcia et al., 2000)"]


def test_two_works_printing_one_doi_are_told_apart_from_one_work_listed_twice(
    tmp_path: Path,
) -> None:
    """eLife 10.7554/eLife.02525: Berger et al. 1998 (Dev Biol 194) and Dolan et al. 1994
    (Development 120) both print 10.1006/dbio.1997.8813; REF003 said they 'look like the same
    work'. It now says the DOI is printed twice under two titles."""
    doi = "<pub-id pub-id-type='doi'>10.1006/dbio.1997.8813</pub-id>"
    refs = (
        ref(1, "Berger", "1998").replace("</mixed-citation>", f" {doi}</mixed-citation>")
        + ref(2, "Dolan", "1994").replace("</mixed-citation>", f" {doi}</mixed-citation>")
        + ref(3, "Lee", "2001")
    ).replace("Study number 2 of a thing", "Clonal relationships in the root epidermis")
    body = f"<p>See [{xref(1)}], [{xref(2)}] and [{xref(3)}].</p>"
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    (dup,) = [f for f in analysis.findings if f.rule == "REF003"]
    assert "same DOI 10.1006/dbio.1997.8813 but different titles" in dup.message


def test_a_table_note_is_read_as_the_table_caption_for_the_order_of_citation(
    tmp_path: Path,
) -> None:
    """PLOS Pathog 10.1371/journal.ppat.1002735: the first citation out of order stood in a
    note under a table (<table-wrap-foot><fn><p>… [84]</p></fn>): CIT003."""
    foot = f"<table-wrap-foot><fn><p>RPKM as in [{xref(4)}].</p></fn></table-wrap-foot>"
    table = f'<table-wrap id="t1"><table><tr><td>A</td></tr></table>{foot}</table-wrap>'
    refs = "".join(ref(n, name) for n, name in enumerate(("Zhou", "Adams", "Moss", "Li"), 1))
    body = (
        f"<p>First [{xref(1)}].</p>{table}<p>So [{xref(2)}]. And [{xref(3)}]. Also [{xref(4)}].</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    assert "CIT003" not in [f.rule for f in analysis.findings]
    assert "RPKM as in [4]." in [
        analysis.document.text[b.span.start : b.span.end]
        for b in analysis.document.blocks
        if b.kind == "caption"
    ]


def test_a_sentence_naming_the_cited_first_author_beside_another_is_no_cit005(
    tmp_path: Path,
) -> None:
    """PLOS ONE 10.1371/journal.pone.0153170 "Heidt et al. and Traitanon et al. demonstrated
    … [26]" and .pone.0117688 "Maier-Hein et al. employ an approach presented by
    Balachandran and Fitzpatrick in [31]": the cited first author is named in the sentence.
    A name in the sentence before does not count."""
    refs = _authored(1, "Heidt", "Roelen") + _authored(2, "Poupon", "Clark")
    body = (
        f"<p>Heidt et al. and Traitanon et al. demonstrated it [{xref(1)}]. "
        f"Poupon et al. made one. Then Thomas et al. [{xref(2)}] collected more.</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    assert [f.evidence["named"] for f in analysis.findings if f.rule == "CIT005"] == ["Thomas"]


def test_an_address_in_square_brackets_ends_at_the_bracket(tmp_path: Path) -> None:
    """PLOS Comput Biol 10.1371/journal.pcbi.1000589: "BioRuby [http://www.bioruby.org]" was
    read with the title 'BioRuby [' and the address 'http://www.bioruby.org]'."""
    link = _link("http://www.bioruby.org")
    refs = _ref(1, f"BioRuby [{link}].") + _ref(2, f"Smith J. Tool [see {link}]. 2010.")
    body = f"<p>See [{xref(1)}] and [{xref(2)}].</p>"
    first, second = analyze(read_document(write(tmp_path, article(body, refs)))).references
    assert (first.title, first.url) == ("BioRuby", "http://www.bioruby.org")
    assert second.url == "http://www.bioruby.org"


def test_a_citation_tagging_only_its_volume_is_read_from_its_text(tmp_path: Path) -> None:
    """PLOS Biol 10.1371/journal.pbio.1001473, reference 4: "Coyne RS, Stover NA, Miao W
    (2012) Whole genome studies of Tetrahymena. Methods in cell biology <volume>109</volume>:
    : 53–81." was read from its one tag: no author, title nor year (REF004)."""
    refs = _ref(
        1,
        "Coyne RS, Stover NA, Miao W (2012) Whole genome studies of Tetrahymena. Methods in "
        "cell biology <volume>109</volume>: : 53–81.",
    )
    analysis = analyze(read_document(write(tmp_path, article(f"<p>See [{xref(1)}].</p>", refs))))
    (coyne,) = analysis.references
    assert (coyne.authors[0].family, coyne.year) == ("Coyne", "2012")
    assert "REF004" not in [f.rule for f in analysis.findings]
