"""Author-date shapes from the second sweep of real manuscripts (/tmp/sweep2/SOURCES.md of
the sweep: a Copernicus typesetter's LaTeX source, the Meta-Paleo Word manuscript of Tennant
et al., Lakens et al.'s APA 6 manuscript, glouppe's plainnat PDF, an ACM Transactions on
Algorithms PDF, an EACL 2023 table). The inputs are synthetic, in the shapes those files
showed."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.checks.audit import AuditOptions
from citecheck.citations.authordate import find_authordate
from citecheck.inputs import document_from_text, read_document
from citecheck.model import Severity
from citecheck.pipeline import analyze


def _works(text: str) -> list[tuple[tuple[str, ...], str]]:
    return [(w.names, w.year) for c in find_authordate(text) for w in c.works]


def _rules(text: str, style: str = "apa") -> list[str]:
    analysis = analyze(document_from_text(text), AuditOptions(citation_style=style))
    return [f.rule for f in analysis.findings]


TEX = r"""\documentclass{article}\begin{document}
Grids (Bernholdt et~al., 2005) and maps (de La Beaujardi\`{e}re et~al., 2009; Signell, 2009).
\begin{thebibliography}{9}
\bibitem{1} Bernholdt,~D., Brown,~D., and Chen,~M.: The Earth System Grid, Proc. IEEE,
93, 485--495, 2005.
\bibitem{2} de La Beaujardi\`{e}re,~J., Brown,~D., and Chen,~M.: Web maps, Proc. IEEE,
94, 1--9, 2009.
\bibitem{3} Signell,~R.: Model data interoperability, Estuarine and Coastal Modeling,
221--238, 2009.
\end{thebibliography}\end{document}
"""


def test_latex_ties_and_accents_in_typed_citations(tmp_path: Path) -> None:
    assert _works("Grids (Bernholdt et~al., 2005).") == [(("Bernholdt",), "2005")]
    path = tmp_path / "paper.tex"
    path.write_text(TEX, encoding="utf-8")
    analysis = analyze(read_document(path))
    assert analysis.system == "author-date"
    assert len(analysis.citations) == 2
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002")]


WORD_NUMBERED = """# Intro

Over 200 journals publish research Tennant and Lomax, 2019, and checklists exist Parker et
al.\u00a02018. Data should be FAIR, Wilkinson et al., 2016. “Peer review is the gold
standard.” - Mayden, 2012.

# References

1. Mayden, K.D., 2012. Peer review: Publication's gold standard. J Adv Pract Oncol, 3(2),
   p.117.
2. Parker, T.H., Griffith, S.C. and Bronstein, J.L., 2018. Empowering peer reviewers with a
   checklist. Nature ecology & evolution, 2(6), pp.929-935.
3. Tennant, J.P. and Lomax, D.R., 2019. An overview of Open Access publishing in
   palaeontology. Palaeontologia Electronica, 22(2).
4. Wilkinson, M.D., Dumontier, M. and Aalbersberg, I.J., 2016. The FAIR Guiding Principles.
   Scientific data, 3.
"""


def test_a_list_numbered_by_word_cited_only_by_bare_names_is_author_date() -> None:
    analysis = analyze(document_from_text(WORD_NUMBERED))
    assert analysis.system == "author-date"
    assert len(analysis.citations) == 4
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002")]


@pytest.mark.parametrize(
    "text",
    [
        "Cite as: Jon Tennant. (2020, January 22). Meta-Paleo: 1.2 (Version 1.2). Zenodo.",
        "It appeared in the Proceedings of the 11th ACM-SIAM Symposium on Discrete "
        "Algorithms (2000).",
        "| arXiv (2018) | 5906 | 163 |",
        "Preprints on bioRxiv (2019) and medRxiv (2020) grew.",
    ],
)
def test_not_citations(text: str) -> None:
    assert _works(text) == []


@pytest.mark.parametrize(
    ("text", "works"),
    [
        ("as Ward Jr. (1963) showed", [(("Ward Jr.",), "1963")]),
        ("the work of Lopez Garcia (2019) showed", [(("Lopez Garcia",), "2019")]),
        ("as described inWerning (2012). Two", [(("Werning",), "2012")]),
        ("Tests. Analysis of Smith Jones (2019) agrees.", [(("Smith Jones",), "2019")]),
    ],
)
def test_names_still_read(text: str, works: list) -> None:
    assert _works(text) == works


def test_a_group_author_with_an_ampersand_and_a_generational_suffix_link() -> None:
    text = (
        "# Intro\n\nFacts (United States & Central Intelligence Agency, 2016) and grouping "
        "(Ward Jr, 1963).\n\n# References\n\nUnited States, & Central Intelligence Agency. "
        "(2016). The CIA World Factbook 2017. New York, NY: Skyhorse Publishing.\n\nWard Jr, "
        "J. H. (1963). Hierarchical grouping to optimize an objective function. Journal of the "
        "American Statistical Association, 58(301), 236-244.\n"
    )
    assert [r for r in _rules(text) if r in ("CIT001", "CIT002")] == []


APA6_LIST = """
# References

Lakens, D., Scheel, A. M., & Isager, P. M. (2018). Equivalence testing. Advances, 1, 259-269.

Murphy, K. R., Myors, B., & Wolach, A. (2014). Statistical power analysis. Routledge.

Smith, J., & Lee, K. (2019). Open access. Journal, 1, 2-3.
"""
APA6 = (
    "Power matters (Murphy, Myors, & Wolach, 2014), as Murphy et al. (2014) said. Tests "
    "(Lakens, Scheel, & Isager, 2018) and again (Lakens et al., 2018; Smith & Lee, 2019)."
)


def test_an_apa6_manuscript_gets_one_info_under_apa() -> None:
    text = f"# Intro\n\n{APA6}\n{APA6_LIST}"
    findings = analyze(document_from_text(text)).findings
    named = [f for f in findings if f.rule in ("CIT009", "CIT010")]
    assert [(f.rule, f.severity) for f in named] == [("CIT010", Severity.INFO)]
    assert "APA 6" in named[0].message
    assert [r for r in _rules(text, "apa6") if r in ("CIT009", "CIT010")] == []
    # APA 6 itself: "et al." at a 3-5-author work's first citation, full names after it
    wrong = "Power (Murphy et al., 2014), then (Murphy, Myors, & Wolach, 2014)."
    rules = _rules(f"# Intro\n\n{wrong}\n{APA6_LIST}", "apa6")
    assert sorted(r for r in rules if r in ("CIT009", "CIT010")) == ["CIT009", "CIT010"]
