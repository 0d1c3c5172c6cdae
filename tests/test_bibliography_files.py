"""Bibliography files into keyed references: BibTeX through bibtexparser v2 (LaTeX decoded for
matching, kept as written), CSL-JSON and CSL-YAML; what cannot be read becomes findings; a
.bib copy with DOIs added keeps every other byte."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.bibliography.bibfile import references_from_bibtex
from citecheck.bibliography.bibfix import bib_with_dois
from citecheck.bibliography.csl import read_csl
from citecheck.bibliography.latex_text import plain_from_latex
from citecheck.model import Author, RefType


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        pytest.param(r"M{\"u}ller", "Müller", id="accent-braced"),
        pytest.param(r"\"{o}", "ö", id="accent-argument"),
        pytest.param(r"{\'E}mile", "Émile", id="acute"),
        pytest.param(r"\textit{Homo sapiens} cells", "Homo sapiens cells", id="textit"),
        pytest.param("pages 1--9 and a---b", "pages 1–9 and a—b", id="dashes"),
        pytest.param("a~b", "a b", id="tie"),
        pytest.param("{{CXCR4}} in {PET}", "CXCR4 in PET", id="braces"),
        pytest.param(r"5\% of \& more", "5% of & more", id="escapes"),
        pytest.param(r"50% and \emph{x}", "50% and x", id="bare-percent-is-not-a-comment"),
        pytest.param(r"$\beta$-cells", r"$\beta$-cells", id="math-kept"),
        pytest.param(
            r"A. \newblock B. \newblock doi:\href{https://doi.org/10.1/x}{10.1/x}",
            "A. B. doi:10.1/x",
            id="newblock-href",
        ),
        pytest.param(
            r"\url{https://x.org/a_b} \doi{10.1/y}", "https://x.org/a_b doi:10.1/y", id="url-doi"
        ),
    ],
)
def test_latex_is_decoded_for_matching(latex: str, plain: str) -> None:
    assert plain_from_latex(latex) == plain


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="\\{}[]$%~&_^\"'`ab1 -", max_size=60))
def test_any_markup_decodes_without_raising(text: str) -> None:
    assert isinstance(plain_from_latex(text), str)


def test_deeply_nested_markup_decodes() -> None:
    assert plain_from_latex("\\textit" + "{" * 5_000 + "x" + "}" * 5_000) == "x"


BIB = r"""@string{jnm = "J Nucl Med"}

@article{smith2019,
  author = {M{\"u}ller, J{\"o}rg H. and {World Health Organization}
            and van der Berg, Anna and others},
  title = {{CXCR4} imaging in \textit{vivo}},
  journal = jnm,
  year = {2019},
  volume = {60}, number = {2},
  pages = {100--110},
  doi = {https://doi.org/10.2967/jnumed.118.219000},
}

@incollection{chap,
  editor = {Roe, Richard},
  title = {A chapter},
  booktitle = {A Book},
  date = {2001-05},
}

@misc{plain,
  note = {Smith J, Doe J. A report on things. Geneva: WHO; 2010.}
}

@article{smith2019,
  title = {Defined again},
}

@article{broken,
  title = {never closed
"""


def test_bibtex_entries() -> None:
    reading = references_from_bibtex(BIB, "refs.bib", offset=1000)
    refs = {r.key: r for r in reading.references}
    assert list(refs) == ["smith2019", "chap", "plain"]
    smith = refs["smith2019"]
    assert smith.authors == (
        Author("Müller", "JH"),
        Author("World Health Organization", "", is_group=True),
        Author("van der Berg", "A"),
    )
    assert smith.et_al
    assert (smith.title, smith.container, smith.year) == (
        "CXCR4 imaging in vivo",
        "J Nucl Med",
        "2019",
    )
    assert (smith.volume, smith.issue, smith.pages) == ("60", "2", "100-110")
    assert smith.doi == "10.2967/jnumed.118.219000"
    assert smith.type is RefType.ARTICLE and smith.citekey == "smith2019"
    assert smith.raw.startswith("@article{smith2019,") and r"M{\"u}ller" in smith.raw
    assert BIB[smith.span.start - 1000 : smith.span.end - 1000] == smith.raw
    chap = refs["chap"]
    assert (chap.type, chap.container, chap.year) == (RefType.CHAPTER, "A Book", "2001")
    assert chap.authors == (Author("Roe", "R"),)
    plain = refs["plain"]
    assert plain.year == "2010" and plain.authors and plain.authors[0].family == "Smith"


def test_bibtex_problems_are_findings_with_their_place() -> None:
    reading = references_from_bibtex(BIB, "refs.bib", offset=1000)
    problems = {f.rule: f for f in reading.problems}
    assert set(problems) == {"REF001", "REF002"}
    duplicate = problems["REF002"]
    assert duplicate.refs == ("smith2019",)
    assert BIB[duplicate.span.start - 1000 :].startswith("@article{smith2019,\n  title = {Defined")
    broken = problems["REF001"]
    assert BIB[broken.span.start - 1000 :].startswith("@article{broken,")
    assert "refs.bib" in broken.message


def test_an_entry_giving_a_field_twice_is_kept_as_bibtex_keeps_it() -> None:
    """ScienceDirect's exports repeat ``keywords`` (real: the VIC 5 GMD manuscript's
    biblio.bib, in the second sweep): BibTeX ignores the extra field and prints the entry, so
    citing it is no CIT001; a printed field given twice is still REF001."""
    text = (
        '@article{Kumar_2006,\ntitle = "Land information system",\njournal = "Env Mod Softw",\n'
        'year = "2006",\nauthor = "S.V. Kumar",\nkeywords = "Land",\nkeywords = "HPC"\n}\n\n'
        "@article{b, title = {B}, year = {2001}, year = {2002}, author = {Doe, J.}}\n\n"
        "@article{c, title = {C}, year = {2003}, author = {Roe, R.}}\n"
    )
    reading = references_from_bibtex(text, "refs.bib")
    assert [(r.citekey, r.year) for r in reading.references] == [
        ("Kumar_2006", "2006"),
        ("b", "2001"),
        ("c", "2003"),
    ]
    assert [(f.rule, f.refs) for f in reading.problems] == [("REF001", ("b",))]
    assert reading.references[0].title == "Land information system"  # unquoted


def test_an_ads_journal_macro_is_the_journals_name() -> None:
    """NASA ADS exports ``journal = {\\mnras}`` (H-ATLAS DR3 MNRAS manuscript, second
    sweep: 72 false 'no journal'); the class defines the macro."""
    text = (
        "@ARTICLE{S92, author = {{Sutherland}, Will}, title = {On likelihood ratios},"
        " journal = {\\mnras}, year = 1992}\n"
        "@ARTICLE{X1, author = {Doe, J.}, title = {X}, journal = {\\unknownmacro}, year = 2001}\n"
    )
    refs = references_from_bibtex(text, "refs.bib").references
    assert [r.container for r in refs] == [
        "Monthly Notices of the Royal Astronomical Society",
        None,
    ]


# Shapes seen in real .bib files (sweep of public manuscripts, see tests/fixtures/README.md):
# JabRef/BibDesk write field names capitalised (NCDatasets.jl, fast_equivalent_layer), a
# co-author list typed with commas instead of 'and' (EUKulele's JOSS paper), PubMed's
# export keeps the DOI in 'article-doi' (hellp_manuscript).
REAL_SHAPES = r"""@article{Doglioni2023,
  AUTHOR = {Doglioni, F. and Ricker, R.},
  TITLE = {{Sea surface height anomaly over the Arctic Ocean}},
  JOURNAL = {Earth System Science Data},
  YEAR = {2023},
}

@book{vanloan1992,
	Author = {Charles F {Van Loan}},
	Title = {Computational Frameworks for the fast Fourier transform},
	Publisher = {SIAM},
	Year = {1992},
}

@misc{eukzoo,
  author = {Liu, Zhenfeng, Hu, Sarah K,  Caron, David},
  title = {EukZoo},
  year = {2018},
}

@Article{Katz2013,
  author      = {Katz, Leila and Amorim, Melania},
  title       = {Dexamethasone for HELLP syndrome},
  journal     = {Reproductive health},
  year        = {2013},
  article-doi = {10.1186/1742-4755-10-28},
}
"""


def test_capitalised_fields_badly_separated_names_and_pubmed_dois_are_read() -> None:
    reading = references_from_bibtex(REAL_SHAPES, "paper.bib")
    refs = {r.key: r for r in reading.references}
    assert list(refs) == ["Doglioni2023", "vanloan1992", "eukzoo", "Katz2013"]
    assert refs["Doglioni2023"].authors == (Author("Doglioni", "F"), Author("Ricker", "R"))
    assert refs["vanloan1992"].authors == (Author("Van Loan", "CF"),)
    assert refs["eukzoo"].authors[0].family == "Liu" and refs["eukzoo"].title == "EukZoo"
    assert refs["Katz2013"].doi == "10.1186/1742-4755-10-28"
    (problem,) = reading.problems
    assert problem.rule == "REF001" and problem.refs == ("eukzoo",)
    assert "Liu, Zhenfeng, Hu, Sarah K, Caron, David" in problem.message
    assert REAL_SHAPES[problem.span.start :].startswith("@misc{eukzoo,")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet='@{}=,"\\ab1 \n%', max_size=120))
def test_any_bibtex_text_reads_without_raising(text: str) -> None:
    reading = references_from_bibtex(text, "x.bib")
    for item in (*reading.references, *reading.problems):
        assert item.span is not None and 0 <= item.span.start <= item.span.end <= len(text)


CSL_JSON = """[
  {"id": "a", "type": "article-journal", "title": "Alpha", "author": [{"family": "Smith",
   "given": "John A.", "non-dropping-particle": "de"}], "issued": {"date-parts": [[2019, 3]]},
   "container-title": "J", "page": "1589-97", "DOI": "10.1000/A1", "PMID": "123"},
  {"id": "b", "author": [{"literal": "WHO"}], "title": "Beta", "issued": {"raw": "2020"}},
  {"id": "a", "title": "again"},
  {"title": "no id"}
]"""


def test_csl_json() -> None:
    reading = read_csl(CSL_JSON, "refs.json", offset=10)
    a, b = reading.references
    assert (a.key, a.title, a.year, a.pages, a.doi, a.pmid) == (
        "a", "Alpha", "2019", "1589-1597", "10.1000/A1", "123"
    )  # fmt: skip
    assert a.authors == (Author("de Smith", "JA"),)
    assert b.authors == (Author("WHO", "", is_group=True),) and b.year == "2020"
    assert CSL_JSON[a.span.start - 10 : a.span.end - 10].startswith('{"id": "a"')
    assert CSL_JSON[a.span.end - 10 - 1] == "}"
    assert sorted(f.rule for f in reading.problems) == ["REF001", "REF002"]


def test_csl_yaml_and_bad_files() -> None:
    text = "references:\n- id: x\n  title: X\n  issued: 1999\n  author:\n  - family: Doe\n"
    (x,) = read_csl(text, "refs.yaml").references
    assert (x.key, x.title, x.year, x.authors) == ("x", "X", "1999", (Author("Doe", ""),))
    assert text[x.span.start :].startswith("id: x")
    deep = (("[" * 20_000, "d.json"), ("- " * 20_000, "d.yaml"))
    for bad, name in (("[1,", "b.json"), ("a: [", "b.yaml"), ("a: &x 1\nb: *x\n", "c.yaml"), *deep):
        reading = read_csl(bad, name)
        assert reading.references == () and [f.rule for f in reading.problems] == ["REF001"]


def test_a_bib_copy_gets_the_dois_found_and_nothing_else() -> None:
    text = (
        "% my library\n@article{a,\n    author = {A},\n    title = {T}\n}\n\n"
        "@article{b, title={U}, doi={10.1/kept}}\n@book{c, title={V}}\n"
    )
    fixed = bib_with_dois(text, {"a": "10.1/new", "b": "10.1/other", "c": "10.1/c"})
    assert fixed.added == ("a", "c")
    assert fixed.text == (
        "% my library\n@article{a,\n    doi = {10.1/new},\n    author = {A},\n"
        "    title = {T}\n}\n\n"
        "@article{b, title={U}, doi={10.1/kept}}\n@book{c, doi = {10.1/c}, title={V}}\n"
    )
    assert bib_with_dois(text, {}).text == text
