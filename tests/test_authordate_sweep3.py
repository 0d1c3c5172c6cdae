"""Author-date shapes from the third sweep of real manuscripts (/tmp/sweep3/SOURCES.md of
the sweep: an APA meta-analysis written in Word, a Brazilian ABNT manuscript). The inputs
are synthetic, in the shapes those files showed."""

from __future__ import annotations

from pathlib import Path

from citecheck.citations.adlink import authordate_keys
from citecheck.citations.authordate import find_authordate
from citecheck.citations.system import is_author_date_entry
from citecheck.inputs import document_from_text, read_document
from citecheck.pipeline import analyze


def _works(text: str) -> list[tuple[tuple[str, ...], str]]:
    return [(w.names, w.year) for c in find_authordate(text) for w in c.works]


# Initials "N. D." among the authors, before the year: read once as "n.d." (no date)
INITIALS_ND = """# Intro

Mood changes (Doss et al., 2021; Barrett et al., 2020).

# References

Barrett, F. S., Doss, M., Sepeda, N. D., Pekar, J. J., & Griffiths, R. R. (2020). Emotions
and brain function are altered after a single dose. Scientific Reports, 10(1), 2214.

Doss, M. K., Rosenberg, M. D., Sepeda, N. D., & Barrett, F. S. (2021). Therapy increases
cognitive flexibility in patients. Translational Psychiatry, 11(1), 574.
"""


def test_initials_n_d_before_the_year_are_not_no_date() -> None:
    analysis = analyze(document_from_text(INITIALS_ND))
    keys = {r.citekey for r in analysis.references}
    assert keys == {"barrett2020", "doss2021"}
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002", "CIT006")]


def test_a_lower_case_n_d_is_still_no_date() -> None:
    refs = analyze(
        document_from_text(
            "# Intro\n\nSee (Smith, n.d.).\n\n# References\n\n"
            "Smith, J. (n.d.). A web page without a date. Example Org.\n"
        )
    ).references
    assert [r.citekey for r in authordate_keys(refs)] == ["smithnd"]
    assert is_author_date_entry(refs[0])


# Quarto/pandoc 3 LaTeX with link-citations: each citation's printed text inside
# "\citeproc{ref-KEY}{…}", the entries after "\bibitem[\citeproctext]{ref-KEY}", an entry's
# author list broken by a line that opens with an initial ("R., Stevens, …")
CITEPROC_TEX = r"""\documentclass{article}
\begin{document}
Stones help (\citeproc{ref-Huolila1997}{Huolila et al., 1997};
\citeproc{ref-Johnsen2008}{Johnsen \& Taugbøl, 2008}), as shown by
\citeproc{ref-Bolker2009}{Bolker et al. (2009)}.

\section*{References}
\begin{CSLReferences}{1}{0}
\bibitem[\citeproctext]{ref-Bolker2009}
Bolker, B. M., Brooks, M. E., Clark, C. J., Geange, S. W., Poulsen, J.
R., Stevens, M. H. H., \& White, J.-S. S. (2009). Generalized linear
mixed models: A practical guide. \emph{Trends in Ecology \& Evolution},
\emph{24}(3), 127--135.

\bibitem[\citeproctext]{ref-Huolila1997}
Huolila, M., Kirjavainen, J., \& Westman, K. (1997). Restocking crayfish
in degraded streams. \emph{Freshwater Crayfish}, \emph{11}, 57--65.

\bibitem[\citeproctext]{ref-Johnsen2008}
Johnsen, S. I., \& Taugbøl, T. (2008). Restocking success in lakes.
\emph{Knowledge and Management of Aquatic Ecosystems}, \emph{389}, 1--5.
\end{CSLReferences}
\end{document}
"""


def test_pandoc_citeproc_latex_links_and_initials_line(tmp_path: Path) -> None:
    path = tmp_path / "index.tex"
    path.write_text(CITEPROC_TEX, encoding="utf-8")
    analysis = analyze(read_document(path))
    assert sorted(r.citekey or "" for r in analysis.references) == [
        "bolker2009",
        "huolila1997",
        "johnsen2008",
    ]
    assert len([w for c in analysis.citations for w in c.refs]) == 3
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002", "CIT006")]


# ABNT NBR 6023/10520 (a Brazilian manuscript in Word): capitals, ";" between one work's
# authors in the list and in the citation, "e" for "and" in Portuguese
ABNT = """# Introdução

O manejo reduz a diversidade (MUTH; ORAVECZ; GABRY, 2018). Segundo Silva e Souza (2010), a
regeneração depende da luz; outros o confirmam (SILVA; SOUZA, 2010; OLIVEIRA et al., 2019,
p. 12).

# Referências

MUTH, C.; ORAVECZ, Z.; GABRY, J. User-friendly Bayesian regression modeling: a
tutorial. **Quantitative Methods for Psychology**, v. 14, n. 2, p. 99–119, 2018.

OLIVEIRA, L. C. L. Q. de; JARDIM, F. C. S.; GOMES, J. M. Classificação ecológica de espécies
arbóreas. **Espacios**, v. 38, n. 42, p. 3-15, 2019.

SILVA, João Francisco; SOUZA, Rafael. Regeneração natural em clareiras. **Revista Árvore**,
Viçosa, v. 34, n. 2, p. 101-110, 2010.
"""


def test_abnt_lists_and_citations() -> None:
    analysis = analyze(document_from_text(ABNT))
    assert [[a.family for a in r.authors] for r in analysis.references] == [
        ["MUTH", "ORAVECZ", "GABRY"],
        ["OLIVEIRA", "JARDIM", "GOMES"],
        ["SILVA", "SOUZA"],
    ]
    assert analysis.references[2].authors[0].given == "JF"
    assert len(analysis.citations) == 3
    assert not [f for f in analysis.findings if f.rule.startswith(("CIT", "REF004"))]


def test_semicolons_between_works_still_split_them() -> None:
    works = [
        (w.names, w.year)
        for c in find_authordate("Seen (WHO, 2019; UNICEF, 2020) and (Smith; 2019).")
        for w in c.works
    ]
    assert works == [(("WHO",), "2019"), (("UNICEF",), "2020")]


# Ecology (ESA) and Chicago author-date lists: the first name inverted, the others not;
# works in a group separated by commas, one led by "e.g.,"
ESA = """# Introduction

Filters matter (Coutant et al. 2021, e.g., Bizzozzero et al. 2024, Bowen et al. 2024), and
dogfish eat salmon (Beamish et al. 1992; Keister et al. 2011).

# Literature Cited

Beamish, Richard J., Barbara L. Thomson, and Gordon A. McFarlane. 1992. Spiny dogfish
predation on chinook and coho salmon. Transactions of the American Fisheries Society 121:
444–455.

Bizzozzero, M. R., F. Altermatt, R. Cicciarella, J.-C. Walser, and M. Krützen. 2024. Enhancing
environmental DNA metabarcoding from marine ecosystems. Environmental DNA 6:e570.

Bowen, L., S. Waters, and G. Schumer. 2024. A comparison of eDNA sampling methods in an
estuarine environment. Environmental DNA 6:e571.

Coutant, O., C. Richard, and A. Valentini. 2021. Amazonian mammal monitoring using aquatic
environmental DNA. Molecular Ecology Resources 21:1875–1888.

Keister, Julie E., E. Di Lorenzo, C. A. Morgan, and W. T. Peterson. 2011. Zooplankton species
composition is linked to ocean transport. Global Change Biology 17:2498–2511.
"""


def test_esa_and_chicago_names_and_an_e_g_inside_a_comma_group() -> None:
    analysis = analyze(document_from_text(ESA))
    assert [[a.family for a in r.authors] for r in analysis.references] == [
        ["Beamish", "Thomson", "McFarlane"],
        ["Bizzozzero", "Altermatt", "Cicciarella", "Walser", "Krützen"],
        ["Bowen", "Waters", "Schumer"],
        ["Coutant", "Richard", "Valentini"],
        ["Keister", "Di Lorenzo", "Morgan", "Peterson"],
    ]
    assert analysis.references[1].title == (
        "Enhancing environmental DNA metabarcoding from marine ecosystems"
    )
    assert sum(len(c.refs) for c in analysis.citations) == 5
    assert not [f for f in analysis.findings if f.rule in ("CIT002", "REF004")]


def test_a_named_storm_and_its_year_is_no_citation() -> None:
    """AMS (J. Atmos. Sci.): "Hurricane Patricia (2015) reached …"."""
    text = (
        "Hurricane Patricia (2015) and Tropical Storm Allison (2001), as Storm et al. (2015) saw."
    )
    assert _works(text) == [(("Storm",), "2015")]


def test_a_hard_wrapped_entry_whose_first_line_ends_with_its_year_goes_on() -> None:
    """A typed Markdown list: "… and M. Krützen. 2024." ends the first line, the title the
    next (the entry so far holds only its authors and year: it has not ended)."""
    text = ESA.replace(
        "and M. Krützen. 2024. Enhancing\nenvironmental DNA metabarcoding",
        "and M. Krützen. 2024.\nEnhancing environmental DNA metabarcoding",
    )
    assert "Krützen. 2024.\nEnhancing" in text
    analysis = analyze(document_from_text(text))
    assert len(analysis.references) == 5
    assert analysis.references[1].title == (
        "Enhancing environmental DNA metabarcoding from marine ecosystems"
    )
