"""Author-date shapes from the sweep of real manuscripts (issue #21): given-name-first lists
(ACL, NAACL), citations broken across lines, LaTeX's ``\\&``, a group author written in
lower case, APA 7's ``Wickham, Vaughan, et al.`` and a journal's own citation line. The
inputs are synthetic, in the shapes the real files showed (/tmp/sweep/SOURCES.md of the
sweep: ACL 2020 and NAACL 2018 PDFs, Lakens' TOST manuscript, an apaquarto manuscript, an
International Psychogeriatrics PDF)."""

from __future__ import annotations

import pytest

import citecheck
from citecheck.citations.adgiven import given_first_entries
from citecheck.citations.authordate import find_authordate
from citecheck.inputs import document_from_text
from citecheck.options import CheckOptions
from citecheck.pipeline import analyze

ACL = (
    """# Intro

Language models (Radford et al., 2018; Devlin et al., 2019) and SciBERT (Beltagy et al.,
2019), as Daumé and Marcu (2006) and van Beethoven (1808) did not foresee.

# References

"""
    + "\n\n".join(
        (
            (
                "Iz Beltagy, Kyle Lo, and Arman Cohan. 2019. SciBERT: A pretrained language model "
                "for scientific text. In EMNLP."
            ),
            "Ludwig van Beethoven. 1808. Symphony No. 5 in C minor. Breitkopf.",
            "Hal Daumé III and Daniel Marcu. 2006. Domain adaptation for classifiers. JAIR.",
            (
                "Jacob Devlin, Ming-Wei Chang, Kenton Lee, and Kristina Toutanova. 2019. BERT: "
                "Pre-training of deep bidirectional transformers for language understanding. In "
                "NAACL."
            ),
            (
                "Alec Radford, Karthik Narasimhan, Tim Salimans, and Ilya Sutskever. 2018. "
                "Improving language understanding by generative pre-training."
            ),
        )
    )
    + "\n"
)


def test_a_given_name_first_list_is_keyed_by_family_names_and_linked() -> None:
    analysis = analyze(document_from_text(ACL))
    assert analysis.system == "author-date"
    keys = [str(r.key) for r in analysis.references]
    assert keys == ["beltagy2019", "vanbeethoven1808", "daume2006", "devlin2019", "radford2018"]
    linked = {str(k) for c in analysis.citations for k in c.refs}
    assert linked == set(keys)
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002")]
    devlin = analysis.references[3]
    assert [a.family for a in devlin.authors] == ["Devlin", "Chang", "Lee", "Toutanova"]
    assert devlin.authors[1].given == "MW"
    assert devlin.title is not None and devlin.title.startswith("BERT: Pre-training")


def test_a_family_first_list_is_not_read_given_first() -> None:
    text = (
        "# Intro\n\nAs (Smith & Lee, 2019) and (Chen, 2020) and (Wu, 2018).\n\n# References\n\n"
        "Smith, J., & Lee, K. (2019). A title of cells. Cell, 1, 2.\n\n"
        "Chen Wei. (2020). Written family first. Cell, 1, 2.\n\n"
        "Wu, J. (2018). Another title. Cell, 1, 2.\n"
    )
    analysis = analyze(document_from_text(text))
    keys = [str(r.key) for r in analysis.references]
    assert keys[0] == "smith2019" and keys[2] == "wu2018"
    assert keys[1] != "wei2020"  # one entry alone that could be given first is not read so
    refs = analysis.references
    assert given_first_entries(refs) == tuple(refs)


def test_a_group_author_in_a_given_first_list_keeps_its_name() -> None:
    text = ACL.replace(
        "Ludwig van Beethoven. 1808. Symphony No. 5 in C minor. Breitkopf.",
        "World Health Organization. 1808. A report on health. WHO.",
    ).replace("van Beethoven (1808)", "World Health Organization (1808)")
    analysis = analyze(document_from_text(text))
    assert "worldhealthorganization1808" in {str(r.key) for r in analysis.references}
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002")]


TOST = (
    """# Intro

researchers can test if a meaningful effect is absent (Hauck
& Anderson, 1984; Kruschke, 2018; Rogers, Howard, & Vessey, 1993), as Serlin
and Lapsley (1985) and Wellek et al.
2010 did.

# References

"""
    + "\n\n".join(
        (
            (
                "Hauck, D. W. W., & Anderson, S. (1984). A new statistical procedure. Journal of "
                "Pharmacokinetics, 12(1), 83–91."
            ),
            (
                "Kruschke, J. K. (2018). Rejecting or accepting parameter values. Advances in "
                "Methods, 1(2), 270–280."
            ),
            (
                "Rogers, J. L., Howard, K. I., & Vessey, J. T. (1993). Using significance tests. "
                "Psychological Bulletin, 113(3), 553–565."
            ),
            (
                "Serlin, R. C., & Lapsley, D. K. (1985). Rationality in psychological research. "
                "American Psychologist, 40(1), 73–83."
            ),
            (
                "Wellek, S., Doe, J., & Roe, R. (2010). Testing statistical hypotheses of "
                "equivalence. CRC Press."
            ),
        )
    )
    + "\n"
)


def test_a_citation_broken_across_lines_is_one_citation() -> None:
    analysis = analyze(document_from_text(TOST))
    assert analysis.system == "author-date"
    groups = [c.refs for c in analysis.citations]
    assert [str(k) for k in groups[0]] == ["hauck1984", "kruschke2018", "rogers1993"]
    linked = {str(k) for g in groups for k in g}
    assert {"serlin1985", "wellek2010"} <= linked
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002", "CIT008")]


def test_a_blank_line_still_ends_a_parenthesis() -> None:
    assert find_authordate("a note (see\n\nSmith, 2019) here") == ()
    found = find_authordate("a note (see\nSmith, 2019) here")
    assert [w.names for c in found for w in c.works] == [("Smith",)]


_CITEPROC_TEX = (
    "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\n"
    "Receptors matter (Doe \\& Roe, 2018; Roe \\& Doe,\n2019).\n"
    "\\section*{References}\n\\hypertarget{refs}{}\n"
    "\\hypertarget{ref-d}{}\nDoe, J., \\& Roe, R. (2018). Receptors in \\emph{vivo}. "
    "\\emph{J Test}, \\emph{2}(1), 1--9.\n\n"
    "\\hypertarget{ref-r}{}\nRoe, R., \\& Doe, J. (2019). A study of receptors. "
    "\\emph{J Test}, \\emph{1}, 1--9.\n\n\\end{document}\n"
)


def test_an_escaped_ampersand_in_latex_text_joins_two_names() -> None:
    found = find_authordate("x (Doe \\& Roe, 2018) and Lee \\& Wu (2019)")
    assert [w.names for c in found for w in c.works] == [("Doe", "Roe"), ("Lee", "Wu")]
    assert found[0].text == "(Doe \\& Roe, 2018)"  # the text as written
    document = document_from_text(_CITEPROC_TEX, "paper.tex")
    result = citecheck.check_manuscript(document, CheckOptions())
    keys = [[str(k) for k in c.refs] for c in result.analysis.citations]
    assert keys == [["doe2018", "roe2019"]]
    assert not [f for f in result.findings if f.rule in ("CIT001", "CIT002")]


AGEHW = """# Intro

We used RStudio (Posit team, 2025), tidyr (Version 1.3.1; Wickham, Vaughan, et al., 2024)
and readr (Wickham, Hester, et al., 2024).

# References

Posit team. (2025). RStudio: Integrated development environment for R. Posit Software, PBC.

Wickham, H., Hester, J., & Bryan, J. (2024). readr: Read rectangular text data. R package.

Wickham, H., Vaughan, D., & Girlich, M. (2024). tidyr: Tidy messy data. R package.
"""


def test_a_lower_case_group_author_and_apa7_names_then_et_al_link() -> None:
    analysis = analyze(document_from_text(AGEHW))
    groups = [[str(k) for k in c.refs] for c in analysis.citations]
    assert groups == [["positteam2025"], ["wickham2024+vaughan"], ["wickham2024+hester"]]
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002")]


@pytest.mark.parametrize("text", ["the team (2019) found", "Our team (2019) found"])
def test_a_team_in_prose_is_no_citation(text: str) -> None:
    assert find_authordate(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "International Psychogeriatrics (2014), 26:1, 147–154 C International Association",
        "Cite this article as: Journal of Things (2019), 12(3), 4–9.",
        "Annals of Tests (2010), 4, 101-109.",
    ],
)
def test_a_journals_own_citation_line_is_no_citation(text: str) -> None:
    assert find_authordate(text) == ()


def test_a_narrative_citation_with_a_page_is_still_one() -> None:
    found = find_authordate("As Smith (2014), 12 participants, and Lee (2015: 4) said")
    assert [w.names for c in found for w in c.works] == [("Smith",), ("Lee",)]


def test_a_given_first_list_with_the_year_at_the_end_is_read_too() -> None:
    text = (
        "# Intro\n\nSciBERT (Beltagy et al., 2019), as Radford and Narasimhan (2018) did.\n\n"
        "# References\n\n"
        "Iz Beltagy, Kyle Lo, and Arman Cohan. SciBERT: A pretrained language model. In "
        "EMNLP, 2019.\n\n"
        "Alec Radford and Karthik Narasimhan. Improving language understanding by "
        "generative pre-training. Technical report, OpenAI, 2018.\n"
    )
    analysis = analyze(document_from_text(text))
    assert [(str(r.key), r.title) for r in analysis.references] == [
        ("beltagy2019", "SciBERT: A pretrained language model"),
        ("radford2018", "Improving language understanding by generative pre-training"),
    ]
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002")]


def test_an_initials_first_list_keeps_the_parsers_family_names() -> None:
    text = (
        "# Intro\n\nAs Cheng-Xian Li and Marlin (2016) and Alvarez et al. (2012) and "
        "Bonilla et al. (2008).\n\n# References\n\n"
        "M. A. Alvarez, L. Rosasco, and N. D. Lawrence. Kernels for vector valued functions: "
        "A review. Arxiv preprint, 2012.\n\n"
        "E. V. Bonilla, K. M. A. Chai, and C. K. I. Williams. Multi-task gaussian process "
        "prediction. NIPS, 2008.\n\n"
        "S. Cheng-Xian Li and B. Marlin. A scalable end-to-end gaussian process adapter. "
        "NIPS, 2016.\n"
    )
    analysis = analyze(document_from_text(text))
    assert analysis.references[2].authors[0].family == "Cheng-Xian Li"  # sorted under C
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002", "REF008")]


def test_many_line_breaks_inside_open_parentheses_are_scanned() -> None:
    text = "(Smith\n& Lee, " * 5000 + "2019) and (Wu,\n2020)"
    found = find_authordate(text)  # each parenthesis is read up to the next one: linear
    assert [w.names for c in found for w in c.works] == [("Smith", "Lee"), ("Wu",)]


def test_a_table_rows_label_counts_only_if_it_names_an_entry() -> None:
    text = (
        "# Results\n\nModel F1 MAP Random 4.8 9.4 SIF (2017) 78.4 81.4 79.4 Arora et al. (2017) "
        "78.4 81.4\n\n# References\n\n"
        "Sanjeev Arora, Yingyu Liang, and Tengyu Ma. 2017. A simple but tough-to-beat baseline "
        "for sentence embeddings. In ICLR.\n\n"
        "Iz Beltagy, Kyle Lo, and Arman Cohan. 2019. SciBERT: A pretrained language model. "
        "In EMNLP.\n"
    )
    analysis = analyze(document_from_text(text))
    assert [[str(k) for k in c.refs] for c in analysis.citations] == [["arora2017"]]
    assert not [f for f in analysis.findings if f.rule == "CIT001"]


def test_group_authors_of_an_apa_list_do_not_make_it_given_first() -> None:
    text = (
        "# Intro\n\nAs (World Health Organization, 2020; National Cancer Institute, 2019; "
        "Smith, 2018).\n\n# References\n\n"
        "National Cancer Institute. (2019). Cancer statistics in the year. NCI Press.\n\n"
        "Smith, J. (2018). A title of cells. Cell, 1, 2.\n\n"
        "World Health Organization. (2020). World report on things. WHO.\n"
    )
    analysis = analyze(document_from_text(text))
    assert [str(r.key) for r in analysis.references] == [
        "nationalcancerinstitute2019",
        "smith2018",
        "worldhealthorganization2020",
    ]
    assert all(r.title and not r.title.startswith("(") for r in analysis.references)
