"""Author-date manuscripts: the citation system is detected, citations are found and linked
by first author + year + suffix, and the author-date audit reports what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.citations.authordate import find_authordate
from citecheck.inputs import document_from_text
from citecheck.pipeline import analyze

FIXTURE = Path(__file__).parent / "fixtures" / "authordate" / "apa.md"


def _works(text: str) -> list[tuple[tuple[str, ...], bool, str]]:
    return [(w.names, w.et_al, w.year) for c in find_authordate(text) for w in c.works]


@pytest.mark.parametrize(
    ("text", "works"),
    [
        ("x (Smith, 2019).", [(("Smith",), False, "2019")]),
        (
            "x (Smith & Lee, 2019; Wu et al., 2020a, 2020b).",
            [(("Smith", "Lee"), False, "2019"), (("Wu",), True, "2020a"), (("Wu",), True, "2020b")],
        ),
        ("x (see Smith, 2019, p. 4).", [(("Smith",), False, "2019")]),
        ("Smith and Lee (2019) said", [(("Smith", "Lee"), False, "2019")]),
        ("Smith et al.'s (2019) work", [(("Smith",), True, "2019")]),
        ("Smith (2019a, b) found", [(("Smith",), False, "2019a"), (("Smith",), False, "2019b")]),
        (
            "x (Smith, n.d.; Lee, in press)",
            [(("Smith",), False, "n.d."), (("Lee",), False, "in press")],
        ),
        ("x (van der Berg et al., 2017)", [(("van der Berg",), True, "2017")]),
        ("x (e.g., Müller 2018: 4)", [(("Müller",), False, "2018")]),
        (
            "x (Winter et al., 2003; May and Lee, 2001)",
            [(("Winter",), True, "2003"), (("May", "Lee"), False, "2001")],
        ),
        ("Winter et al. (2003) found", [(("Winter",), True, "2003")]),
        ("As Adams (2018) argued", [(("Adams",), False, "2018")]),
        ("Smith and colleagues (2019) showed", [(("Smith",), True, "2019")]),
        ("However, Smith and Lee (2019) said", [(("Smith", "Lee"), False, "2019")]),
        ("# Intro\n\nSmith et al. (2018) agree", [(("Smith",), True, "2018")]),
        ("Brasaemle et al., (2004) found", [(("Brasaemle",), True, "2004")]),
        ("x (Peck et al., In press)", [(("Peck",), True, "In press")]),
    ],
)
def test_citations_are_found(text: str, works: list) -> None:
    assert _works(text) == works


@pytest.mark.parametrize(
    "text",
    [
        "In 2019, we sampled.",
        "(n = 12, 2019)",
        "(Figure 2, 2019)",
        "(March 2019)",
        "(Winter, 2019)",
        "(Genome Res. 2011 21: 2096-2113)",
        "in March (2019) we",
        "the lab (2019)",
    ],
)
def test_years_in_prose_are_not_citations(text: str) -> None:
    assert _works(text) == []


def test_corporate_author_and_its_abbreviation() -> None:
    found = find_authordate("World Health Organization [WHO] (2020) and later WHO (2021).")
    assert [w.alias for c in found for w in c.works] == ["WHO", ""]


def test_a_long_pathological_line_is_scanned() -> None:
    text = "(" + "Smith, Lee, " * 3000 + "2019" + " (Ab (2019" * 2000 + ")"
    found = find_authordate(text)  # linear: no nested quantifier over the line
    assert isinstance(found, tuple)


def test_apa_manuscript_is_audited_author_date() -> None:
    analysis = analyze(document_from_text(FIXTURE.read_text(encoding="utf-8")))
    assert analysis.system == "author-date"
    by_rule = {(f.rule, f.refs) for f in analysis.findings}
    assert ("CIT001", ("jones2018",)) in by_rule
    assert ("CIT002", ("zhang2015",)) in by_rule
    uncited = [f for f in analysis.findings if f.rule == "CIT002"]
    assert len(uncited) == 1
    linked = {k for c in analysis.citations for k in c.refs}
    assert {"caruz1998", "hamm1998", "muller2018", "smith2019", "vanderberg2017a"} <= linked
    assert {
        "vanderberg2017b",
        "worldhealthorganization2020",
        "worldhealthorganization2021",
    } <= linked


MINI = """# Intro

Cells move (Smith, 2018; Adams & Wu, 2019; Adams, Wu, & Li, 2019).

# References

Smith, J. (2019). A study of cells. Nature, 1, 1-2.

Adams, A., & Wu, B. (2019). Two authors on cells. Cell, 2, 3-4.

Adams, A., Wu, B., & Li, C. (2019). Three authors on cells. Cell, 3, 5-6.
"""


def test_year_mismatch_names_the_entry_and_ties_break_by_authors() -> None:
    analysis = analyze(document_from_text(MINI))
    assert analysis.system == "author-date"
    mismatch = [f for f in analysis.findings if f.rule == "CIT006"]
    assert len(mismatch) == 1 and "smith2019" in mismatch[0].message
    assert analysis.citations[0].refs == ("smith2018", "adams2019+wu", "adams2019+wu-2")
    assert "REF008" in {f.rule for f in analysis.findings}  # Smith before Adams
    uncited = [f.refs for f in analysis.findings if f.rule == "CIT002"]
    assert uncited == [("smith2019",)]  # cited with the wrong year only


def test_same_authors_same_year_without_suffixes() -> None:
    text = MINI.replace(
        "Cell, 3, 5-6.", "Cell, 3, 5-6.\n\nAdams, A., & Wu, B. (2019). More. Cell, 4, 1-2."
    )
    assert "CIT007" in {f.rule for f in analyze(document_from_text(text)).findings}


def test_a_list_cited_by_nothing_it_understands_gets_one_info_line() -> None:
    text = "# Intro\n\nNo citations here.\n\n# References\n\nAn item with no year\n\nAnother one\n"
    findings = analyze(document_from_text(text)).findings
    assert "CIT002" not in {f.rule for f in findings}
    assert [f.rule for f in findings if f.rule == "CIT008"] == ["CIT008"]


def test_cli_text_and_json_say_author_date(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import main

    path = tmp_path / "apa.md"
    path.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    text = CliRunner().invoke(main, ["check", str(path)])
    assert text.exit_code == 1  # CIT001 is an error
    assert "author-date citations" in text.output and "CIT001" in text.output
    assert "never cited" in text.output and text.output.count("CIT002") == 1
    out = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    report = json.loads(out.output)
    manuscript = report["manuscripts"][0] if "manuscripts" in report else report
    assert manuscript["citation_system"] == "author-date"
    assert {tuple(f["refs"]) for f in manuscript["findings"] if f["rule"] == "CIT001"} == {
        ("jones2018",)
    }


def test_the_same_manuscript_as_docx(tmp_path: Path) -> None:
    from xml.sax.saxutils import escape

    from docx_testlib import p, write_docx

    blocks = [b.strip() for b in FIXTURE.read_text(encoding="utf-8").split("\n\n")]
    body = "".join(
        p(b[2:], style="Heading1") if b.startswith("# ") else p(escape(" ".join(b.split())))
        for b in blocks
    )
    path = write_docx(tmp_path / "apa.docx", body)
    from citecheck.inputs import read_document

    analysis = analyze(read_document(str(path)))
    assert analysis.system == "author-date"
    assert {(f.rule, f.refs) for f in analysis.findings if f.rule.startswith("CIT")} == {
        ("CIT001", ("jones2018",)),
        ("CIT002", ("zhang2015",)),
    }


def test_fix_does_not_renumber_an_author_date_manuscript(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import main

    path = tmp_path / "apa.txt"
    path.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 3 and "author-date" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apa.txt"]


def test_citation_system_from_the_list_and_the_finders() -> None:
    from citecheck.citations.system import citation_system
    from citecheck.model import Reference, Span

    apa = Reference(None, "Smith, J. (2019). Title. Journal, 1, 2-3.", Span(0, 1), True)
    vancouver = Reference(None, "Smith J. Title. Journal. 2019;1:2-3.", Span(0, 1), True)
    printed = Reference(1, "1. Smith J. Title. Journal. 2019;1:2-3.", Span(0, 1))
    keyed = Reference(None, "x", Span(0, 1), citekey="smith2019")
    assert citation_system([apa, apa], 0, 4, 4) == "author-date"
    assert citation_system([vancouver], 5, 0, 0) == "numbered"
    assert citation_system([vancouver], 1, 3, 3) == "author-date"  # more links by name
    assert citation_system([printed], 1, 3, 3) == "numbered"  # a printed number decides
    # no numbered citation at all (a list numbered by Word): links to most entries decide
    assert citation_system([printed] * 3, 0, 2, 2) == "author-date"
    assert citation_system([printed] * 3, 0, 1, 1) == "numbered"
    assert citation_system([keyed], 0, 3, 3) == "keyed"
    assert citation_system([vancouver], 0, 0, 0) == "unknown"
    assert citation_system([apa], 0, 2, 0) == "author-date"  # cited, linking nothing


def test_hostile_shapes_finish() -> None:
    shapes = [
        "A " * 50_000 + "(2019)",
        "(" * 50_000 + "Smith, 2019" + ")" * 50_000,
        "(Smith, Lee, " + "and Wu, " * 20_000 + "2019)",
        "Smith et al. (2019, " * 10_000,
        "[" + "van der " * 20_000 + "Berg, 2019]",
    ]
    for text in shapes:
        assert isinstance(find_authordate(text), tuple)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("De Moraes, A.", "Degenhardt, B."),
        ("Kos, A.", "Köllner, B."),
        ("Köllner, B.", "Kos, A."),
        ("R Core Team.", "Rasmann, S."),
        ("van der Berg, P.", "Cohen, Q."),  # filed under B
    ],
)
def test_lists_sorted_in_any_usual_way_are_alphabetical(first: str, second: str) -> None:
    text = (
        "# Intro\n\nAs shown (A, 2019; B, 2019).\n\n# References\n\n"
        f"{first} (2019). One title here. J, 1, 1-2.\n\n{second} (2019). Two title. J, 2, 3-4.\n"
    )
    assert "REF008" not in {f.rule for f in analyze(document_from_text(text)).findings}


PDF = Path(__file__).parent / "fixtures" / "authordate" / "apa.pdf"


def test_an_author_date_pdf_links_its_citations() -> None:
    from citecheck.inputs import read_document

    analysis = analyze(read_document(str(PDF)))
    assert analysis.system == "author-date"
    linked = {k for c in analysis.citations for k in c.refs}
    assert {
        "caruz1998",
        "hamm1998",
        "muller2018",
        "smith2019",
        "vanderberg2017a",
        "vanderberg2017b",
        "worldhealthorganization2020",
        "worldhealthorganization2021",
    } <= linked
    assert {(f.rule, f.refs) for f in analysis.findings if f.rule.startswith("CIT")} == {
        ("CIT001", ("jones2018",)),
        ("CIT002", ("zhang2015",)),
    }


@pytest.mark.parametrize(
    ("raw", "starts"),
    [
        (
            "Lee, K. (2017b). Second. Science, 2, 3-4. World Health Organization. (2020). "
            "World report. WHO Press.",
            ["Lee, K. (2017b)", "World Health Organization. (2020)"],
        ),
        (
            "Smith, J. (2019). Title. Nature, 1, 2. Lee, K. A., & van der Berg, P. (2018a). "
            "Another. Cell, 1, 1.",
            ["Smith, J. (2019)", "Lee, K. A., & van der Berg, P. (2018a)"],
        ),
        ("Smith, J. (2019). Title. Science Press. Journal of Cells (2019). 3, 4.", ["Smith"]),
        ("Smith, J. (2019). Title. In A. Editor (Ed.), Book. Press.", ["Smith"]),
        ("Smith J, Lee K. 2019. Title. Nature 1: 2. Wu L. 2020. Other. Cell 2: 3.", ["Smith"]),
    ],
)
def test_run_together_apa_entries_are_cut_apart(raw: str, starts: list[str]) -> None:
    from citecheck.citations.adsplit import split_run_together
    from citecheck.model import Reference, Span

    refs = split_run_together([Reference(None, raw, Span(100, 100 + len(raw)))])
    assert [r.raw[: len(s)] for r, s in zip(refs, starts, strict=False)] == starts
    assert len(refs) == len(starts)
    for r in refs:  # each part's span is where its text stands
        assert raw[r.span.start - 100 :].startswith(r.raw[:20])


BARE = """# Intro

As described in Adams et al., 2019. Cells from Boston and Chicago, 2001 were used.

| strain | source |
|---|---|
| X1 | Smith and Lee 2018 |

Also (Figure 2; Adams et al., 2019).

# References

Adams, A., Wu, B., & Li, C. (2019). Three authors on cells. Cell, 3, 5-6.

Smith, J., & Lee, K. (2018). Two authors on cells. Nature, 500, 10-20.
"""


def test_citations_without_parentheses_count_only_when_they_name_an_entry() -> None:
    analysis = analyze(document_from_text(BARE))
    assert [(c.text, c.refs, c.style) for c in analysis.citations] == [
        ("Adams et al., 2019", ("adams2019",), "bare"),
        ("Smith and Lee 2018", ("smith2018",), "bare"),
        ("Adams et al., 2019)", ("adams2019",), "author-date"),  # the group wins
    ]
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002", "CIT006")]


def test_a_sentence_first_word_before_the_names_is_passed_over() -> None:
    text = (
        "# Intro\n\nCells move. While Novak and Kirkegaard (1994) disagreed, we did not.\n\n"
        "# References\n\nNovak, J., & Kirkegaard, K. (1994). Cells. Cell, 1, 2-3.\n"
    )
    analysis = analyze(document_from_text(text))
    assert [c.refs for c in analysis.citations] == [("novak1994",)]


def test_a_group_author_whose_first_words_are_not_names() -> None:
    text = (
        "# Intro\n\nDated (14CHRONO Centre of the Queen's University of Belfast, 2014).\n\n"
        "# References\n\n14CHRONO Centre of the Queen's University of Belfast. (2014). "
        "Radiocarbon dating. Belfast.\n"
    )
    analysis = analyze(document_from_text(text))
    assert [c.refs for c in analysis.citations] == [
        ("chronocentreofthequeensuniversityofbelfast2014",)
    ]


def test_a_year_mismatch_names_a_misspelt_entry_of_that_year() -> None:
    text = (
        "# Intro\n\nCells (Gamarnik & Andino, 1998, 2000).\n\n# References\n\n"
        "Gamarnik, A., & Andino, R. (1998). Switch. Genes, 1, 2-3.\n\n"
        "Garmarnik, A., & Andino, R. (2000). Interactions. Genes, 2, 3-4.\n"
    )
    (mismatch,) = [f for f in analyze(document_from_text(text)).findings if f.rule == "CIT006"]
    assert "'gamarnik1998'" in mismatch.message and "'garmarnik2000'?" in mismatch.message
    assert mismatch.evidence["suggestion"] == "garmarnik2000"


COPERNICUS = """# Introduction

Floods grow (Smith et al., 2019; Lee and Wu, 2018a, b). Adams (2017) disagreed (IPCC, 2013).

# References

Adams, J.: Gradients in rivers, Hydrol. Earth Syst. Sci., 21, 1-10, 2017.

IPCC: Climate Change 2013: The Physical Science Basis, Cambridge University Press, 2013.

Lee, K. and Wu, L.: First river study, J. Hydrol., 500, 10-20, 2018a.

Lee, K. and Wu, L.: Second river study from 1990 to 2010, J. Hydrol., 501, 21-30, 2018b.

Smith, J., Park, M., and Kim, J.: Floods in 2013, Nat. Geosci., 3, 5-6, 2019.
"""


def test_a_list_whose_entries_end_with_the_year() -> None:
    # Copernicus journals: the year ends the entry; years in titles are not the entry's
    analysis = analyze(document_from_text(COPERNICUS))
    assert analysis.system == "author-date"
    keys = [r.key for r in analysis.references]
    assert keys == ["adams2017", "ipcc2013", "lee2018a", "lee2018b", "smith2019"]
    assert {k for c in analysis.citations for k in c.refs} == set(keys)
    assert not [f for f in analysis.findings if f.rule.startswith("CIT")]
