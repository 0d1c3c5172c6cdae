"""The LaTeX reader: citation commands, what is not text, includes, bibliographies, and a
real article of the development set read as .tex + .bib and as a typed thebibliography."""

from __future__ import annotations

import itertools
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import citecheck
from citecheck.errors import NoReferenceSection
from citecheck.inputs import document_from_text, read_document
from citecheck.inputs.format import ReaderSettings
from citecheck.inputs.latex_cite import find_latex_citations
from citecheck.inputs.latex_scan import Regions, not_text
from citecheck.locations import Locator
from citecheck.model import Document, Severity
from citecheck.options import CheckOptions
from citecheck.pipeline import analyze

FIXTURES = Path(__file__).parent / "fixtures" / "latex"
PNTD = FIXTURES / "plos-pntd.0001969"


def _cites(text: str, extra: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...]]]:
    found = find_latex_citations(text, Regions(not_text(text)), extra)
    return [(m.text, tuple(map(str, m.keys))) for m in found.marks]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(r"x \cite{a} y", [(r"\cite{a}", ("a",))], id="cite"),
        pytest.param(r"\cite{a, b,c}", [(r"\cite{a, b,c}", ("a", "b", "c"))], id="key-list"),
        pytest.param(r"\citep[see][p.~3]{a}", [(r"\citep[see][p.~3]{a}", ("a",))], id="natbib-opt"),
        pytest.param(r"\citet*{a}", [(r"\citet*{a}", ("a",))], id="starred"),
        pytest.param(r"\Textcite{a}", [(r"\Textcite{a}", ("a",))], id="capitalised"),
        pytest.param(r"\parencite[12]{a}", [(r"\parencite[12]{a}", ("a",))], id="biblatex"),
        pytest.param(r"\footcite{a}", [(r"\footcite{a}", ("a",))], id="footcite"),
        pytest.param(r"\supercite{a}", [(r"\supercite{a}", ("a",))], id="supercite"),
        pytest.param(r"\citeauthor{a}", [(r"\citeauthor{a}", ("a",))], id="citeauthor"),
        pytest.param(
            r"\cites(pre)(post)[p][q]{a}[r]{b,c} then",
            [(r"\cites(pre)(post)[p][q]{a}[r]{b,c}", ("a", "b", "c"))],
            id="multicite-one-group",
        ),
        pytest.param("\\cite\n{a}", [("\\cite\n{a}", ("a",))], id="argument-on-next-line"),
        pytest.param("\\cite\n\n{a}", [], id="blank-line-ends-the-command"),
        pytest.param(r"\citation{a} \citep{} \mycite{a}", [], id="not-citation-commands"),
        pytest.param(r"50\% % \cite{a}", [], id="comment"),
        pytest.param(r"\\% \cite{a}", [], id="comment-after-line-break"),
        pytest.param(r"\% \cite{a}", [(r"\cite{a}", ("a",))], id="escaped-percent"),
        pytest.param(
            "\\begin{verbatim}\n\\cite{a}\n\\end{verbatim}\n\\cite{b}",
            [(r"\cite{b}", ("b",))],
            id="verbatim",
        ),
        pytest.param(r"\verb|\cite{a}| \cite{b}", [(r"\cite{b}", ("b",))], id="verb"),
        pytest.param(r"\newcommand{\x}[1]{\cite{#1}} \x{a}", [], id="definition-body-is-not-text"),
        pytest.param(r"\def\y{\cite{z}} ok", [], id="def"),
        pytest.param(r"\iffalse \cite{a} \fi \cite{b}", [(r"\cite{b}", ("b",))], id="iffalse"),
        pytest.param(
            "\\documentclass{article}\n\\cite{pre}\n\\begin{document}\n\\cite{a}",
            [(r"\cite{a}", ("a",))],
            id="preamble",
        ),
    ],
)
def test_citation_commands(source: str, expected: list) -> None:
    assert _cites(source) == expected


def test_declared_commands_cite() -> None:
    assert _cites(r"\mycite[p. 3]{a}", ("mycite",)) == [(r"\mycite[p. 3]{a}", ("a",))]
    assert _cites(r"\mycite{a}", ("\\mycite",)) == [(r"\mycite{a}", ("a",))]


def test_nocite_lists_keys_without_a_citation() -> None:
    text = r"\nocite{x,y} \nocite{*} \cite{a}"
    found = find_latex_citations(text, Regions(not_text(text)))
    assert [m.keys for m in found.marks] == [("a",)]
    assert found.nocite == ("x", "y", "*")


def _write(directory: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


BIB = (
    "@article{a, author={Smith, John}, title={A first study of receptor imaging},"
    " journal={J Test}, year={2019}}\n"
    "@article{b, author={Doe, Jane}, title={A second study of receptor imaging},"
    " journal={J Test}, year={2020}}\n"
)


def test_includes_are_spliced_with_their_origins(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.tex": "Start \\cite{a}.\n\\input{ch/one}\nEnd \\cite{b}.\n\\bibliography{refs}\n",
            "ch/one.tex": "Chapter line.\nCites \\cite{b} here.",
            "refs.bib": BIB,
        },
    )
    doc = read_document(tmp_path / "main.tex")
    locator = Locator(doc)
    places = [locator.locate(m.span.start) for m in doc.marks or ()]
    shown = [(Path(p.path).name, p.line, p.column) for p in places]
    assert shown == [("main.tex", 1, 7), ("one.tex", 2, 7), ("main.tex", 3, 5)]
    entry = locator.locate(next(r for r in doc.references or () if r.key == "b").span.start)
    assert (Path(entry.path).name, entry.line, entry.column) == ("refs.bib", 2, 1)


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        pytest.param({"main.tex": "\\input{missing}\n"}, "does not exist", id="missing"),
        pytest.param(
            {"main.tex": "\\input{a}\n", "a.tex": "\\input{b}\n", "b.tex": "\\input{a}\n"},
            "includes itself",
            id="cycle",
        ),
        pytest.param({"main.tex": "\\input{bin}\n", "bin.tex": "\x00\x01"}, "binary", id="binary"),
    ],
)
def test_unfollowed_includes_are_findings_not_failures(
    tmp_path: Path, files: dict[str, str], reason: str
) -> None:
    files = {k: v + "\\cite{a}\n\\bibliography{refs}\n" if k == "main.tex" else v
             for k, v in files.items()}  # fmt: skip
    _write(tmp_path, {**files, "refs.bib": BIB})
    result = citecheck.check_manuscript(read_document(tmp_path / "main.tex"), CheckOptions())
    src = [f for f in result.findings if f.rule == "SRC001"]
    assert len(src) == 1 and reason in src[0].message
    assert src[0].severity is Severity.WARNING
    assert [c.refs for c in result.analysis.citations] == [("a",)]


def test_a_missing_bib_is_a_finding(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tex": "\\cite{a}\n\\bibliography{nothere}\n"})
    result = citecheck.check_manuscript(read_document(tmp_path / "main.tex"), CheckOptions())
    rules = {(f.rule, f.refs) for f in result.findings}
    assert ("CIT001", ("a",)) in rules
    assert any(f.rule == "SRC001" and "nothere.bib" in f.message for f in result.findings)


def test_addbibresource_in_the_preamble_and_printbibliography(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "paper.tex": "\\documentclass{article}\n\\usepackage{biblatex}\n"
            "\\addbibresource{refs.bib}\n% \\addbibresource{old.bib}\n\\begin{document}\n"
            "See \\autocite{a} and \\textcite{b}.\n\\printbibliography\n\\end{document}\n",
            "refs.bib": BIB,
        },
    )
    result = citecheck.check_manuscript(read_document(tmp_path / "paper.tex"), CheckOptions())
    assert [r.key for r in result.analysis.references] == ["a", "b"]
    assert not [f for f in result.findings if f.rule in ("SRC001", "CIT001", "CIT002")]
    printed = result.analysis.document.text.index("\\printbibliography")
    assert result.analysis.section.heading_span.start == printed


def test_keyed_checks(tmp_path: Path) -> None:
    bib = BIB + (
        "@article{c, author={Smith, John}, title={A first study of receptor imaging},"
        " journal={J Test}, year={2019}}\n"
        "@article{d, author={Roe, R}, title={Uncited work on other things}, journal={J}, "
        "year={2001}, doi={10.1000/x y}}\n"
    )
    _write(
        tmp_path,
        {
            "p.tex": "\\cite{smith2019,b,c} \\cite{smith2019x} \\nocite{zzz}\n\\bibliography{r}\n",
            "r.bib": bib.replace("@article{a,", "@article{smith2019,"),
        },
    )
    result = citecheck.check_manuscript(read_document(tmp_path / "p.tex"), CheckOptions())
    by_rule: dict[str, list] = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, []).append(f)
    undefined, nocited = by_rule["CIT001"]
    assert "'smith2019x'" in undefined.message and "did you mean 'smith2019'?" in undefined.message
    assert nocited.refs == ("zzz",) and nocited.message.startswith("'\\nocite{zzz}' lists key")
    assert undefined.evidence["suggestion"] == "smith2019"
    (uncited,) = by_rule["CIT002"]
    assert uncited.refs == ("d",) and uncited.severity is Severity.INFO
    assert by_rule["REF003"][0].refs == ("smith2019", "c")
    assert "REF005" not in by_rule  # d's malformed DOI: d is never cited, so never printed
    assert "CIT003" not in by_rule and "REF002" not in by_rule


def test_nocite_star_cites_every_entry(tmp_path: Path) -> None:
    _write(tmp_path, {"p.tex": "\\nocite{*}\n\\cite{a}\n\\bibliography{refs}\n", "refs.bib": BIB})
    result = citecheck.check_manuscript(read_document(tmp_path / "p.tex"), CheckOptions())
    assert not [f for f in result.findings if f.rule == "CIT002"]


def test_uncited_as_warning_through_the_severity_setting(tmp_path: Path) -> None:
    _write(tmp_path, {"p.tex": "\\cite{a}\n\\bibliography{refs}\n", "refs.bib": BIB})
    options = CheckOptions(severity=(("CIT002", Severity.WARNING),))
    result = citecheck.check_manuscript(read_document(tmp_path / "p.tex"), options)
    assert [f.severity for f in result.findings if f.rule == "CIT002"] == [Severity.WARNING]


def test_a_fresh_aux_is_a_cross_check(tmp_path: Path) -> None:
    _write(tmp_path, {"p.tex": "\\cite{a}\n\\bibliography{refs}\n", "refs.bib": BIB})
    aux = tmp_path / "p.aux"
    aux.write_text("\\relax\n\\citation{a}\n\\citation{b}\n", encoding="utf-8")
    result = citecheck.check_manuscript(read_document(tmp_path / "p.tex"), CheckOptions())
    (src,) = [f for f in result.findings if f.rule == "SRC002"]
    assert src.refs == ("b",) and src.severity is Severity.INFO
    stale = time.time() - 3600
    os.utime(aux, (stale, stale))
    result = citecheck.check_manuscript(read_document(tmp_path / "p.tex"), CheckOptions())
    assert not [f for f in result.findings if f.rule == "SRC002"]


def test_cite_commands_setting(tmp_path: Path) -> None:
    _write(tmp_path, {"p.tex": "\\mycite{a} \\cite{b}\n\\bibliography{refs}\n", "refs.bib": BIB})
    plain = read_document(tmp_path / "p.tex")
    declared = read_document(tmp_path / "p.tex", ReaderSettings(cite_commands=("mycite",)))
    assert [m.keys for m in plain.marks or ()] == [("b",)]
    assert [m.keys for m in declared.marks or ()] == [("a",), ("b",)]


def test_without_a_bibliography_there_is_no_reference_list() -> None:
    with pytest.raises(NoReferenceSection):
        citecheck.check_manuscript(document_from_text("Text \\cite{a}.\n", "chapter.tex"))


def _gold() -> dict:
    return json.loads((PNTD / "gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["manuscript.tex", "manuscript-bibitem.tex"])
def test_a_real_article(name: str) -> None:
    gold = _gold()
    number = {r["key"]: r["n"] for r in gold["references"]}
    result = citecheck.check_manuscript(read_document(PNTD / name), CheckOptions())
    groups = [[number[str(k)] for k in c.refs] for c in result.analysis.citations]
    assert groups == gold["citations" if name == "manuscript.tex" else "bibitem"]
    refs = {str(r.key): r for r in result.analysis.references}
    assert len(refs) == len(gold["references"])
    missed = []
    for g in gold["references"]:
        ref = refs[g["key"]]
        author = ref.authors[0].family if ref.authors else ""
        if (g["year4"] and ref.year != g["year4"]) or (
            g["first_author_family"] and author != g["first_author_family"]
        ):
            missed.append(g["key"])
    # the typed list goes through the reference parser, which reads "WHO (2002) …" without
    # an author (as in the Markdown version); the .bib has every field
    assert missed == ([] if name == "manuscript.tex" else ["ref31"])
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert errors == []
    uncited = sorted(str(k) for f in result.findings if f.rule == "CIT002" for k in f.refs)
    assert uncited == ([] if name == "manuscript.tex" else ["ref34", "ref35", "ref36", "ref37"])


def test_thebibliography_entries_are_numbered_by_their_order() -> None:
    doc = read_document(PNTD / "manuscript-bibitem.tex")
    refs = doc.references or ()
    assert [r.number for r in refs[:3]] == [1, 2, 3]
    assert [r.key for r in refs[:3]] == ["ref1", "ref2", "ref3"]
    assert refs[0].raw.startswith("Hotez PJ, Molyneux DH")
    assert doc.section is not None and doc.section.heading_span.start < refs[0].span.start


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="\\{}[]()%*,@ \nciteabnput~$", max_size=300))
def test_any_latex_text_reads_without_raising(text: str) -> None:
    doc = document_from_text("\\cite{a}\n" + text, "x.tex")
    spans = [m.span for m in doc.marks or ()] + list(doc.masked)
    assert all(0 <= s.start <= s.end <= len(doc.text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(doc.masked))


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param("\\cite{" * 3_000, id="unclosed-cites"),
        pytest.param("{" * 6_000 + "\\cite{a}", id="open-braces"),
        pytest.param("\\newcommand{" * 3_000, id="unclosed-definitions"),
        pytest.param("\\cite[" * 3_000, id="unclosed-optional"),
        pytest.param("\\input{" * 3_000, id="unclosed-inputs"),
        pytest.param("\\verb|" * 3_000, id="unclosed-verb"),
    ],
)
def test_pathological_shapes_are_read(shape: str) -> None:
    """What the reader makes of shapes that once made scanners quadratic (the times are
    bench/formats_latex.py's business): the citations that are there, nothing else."""
    doc = document_from_text(shape + "\n\nEnd \\cite{b}.\n\\bibliography{refs}\n", "x.tex")
    keys = [m.keys for m in doc.marks or ()]
    assert keys[-1:] == [("b",)]


def test_entries_without_what_their_type_requires(tmp_path: Path) -> None:
    bib = (
        "@article{a, author={Smith, J}, title={Title one}, year={2001}}\n"
        "@book{b, author={Doe, J}, title={A book}, year={2002}}\n"
        "@incollection{c, author={Roe, R}, title={A chapter}, booktitle={Book}, year={2003}}\n"
        "@article{d, title={In press work}, journal={J}, note={in press}, author={Poe, E}}\n"
    )
    _write(tmp_path, {"p.tex": "\\cite{a,b,c,d}\n\\bibliography{refs}\n", "refs.bib": bib})
    result = citecheck.check_manuscript(read_document(tmp_path / "p.tex"), CheckOptions())
    missing = {f.refs: f.evidence["missing"] for f in result.findings if f.rule == "REF004"}
    assert missing == {("a",): "journal", ("b",): "publisher"}


@pytest.mark.parametrize(
    ("nocite", "expected"),
    [
        pytest.param("", {"CIT002"}, id="uncited-entries-only-listed"),
        pytest.param("\\nocite{b}", {"REF004", "REF005"}, id="nocited-entry-is-printed"),
        pytest.param("\\nocite{*}", {"REF004", "REF003", "REF005"}, id="nocite-all"),
    ],
)
def test_fields_of_a_bib_are_audited_only_on_the_entries_the_paper_prints(
    tmp_path: Path, nocite: str, expected: set[str]
) -> None:
    """A shared lab .bib: BibTeX prints the cited and nocited entries only."""
    bib = (
        "@article{a, author={Smith, J}, title={A study of receptors}, journal={J}, year={2001}}\n"
        "@article{b, author={Doe, J}, title={B}, year={2002}, doi={10.1/}}\n"
        "@article{c, author={Smith, J}, title={A study of receptors}, journal={J}, year={2001}}\n"
    )
    tex = f"Text \\cite{{a}}.{nocite}\n\\bibliography{{refs}}\n"
    _write(tmp_path, {"p.tex": tex, "refs.bib": bib})
    result = citecheck.check_manuscript(read_document(tmp_path / "p.tex"), CheckOptions())
    assert {f.rule for f in result.findings} - {"CIT002"} == expected - {"CIT002"}


def test_a_typed_thebibliography_is_audited_for_first_citation_order() -> None:
    text = (
        "First \\cite{b}, then \\cite{a}, \\cite{c}.\n\\begin{thebibliography}{9}\n"
        "\\bibitem{a} Smith J. A study of receptors. J Test. 2001;1:1-9.\n"
        "\\bibitem{b} Doe J. Another study of receptors. J Test. 2002;2:1-9.\n"
        "\\bibitem{c} Roe R. A third study of receptors. J Test. 2003;3:1-9.\n"
        "\\end{thebibliography}\n"
    )
    result = citecheck.check_manuscript(document_from_text(text, "x.tex"), CheckOptions())
    (order,) = [f for f in result.findings if f.rule == "CIT003"]
    assert order.refs == ("b",) and "cites 2 before 1" in order.message
    in_order = text.replace("First \\cite{b}, then \\cite{a}", "First \\cite{a}, then \\cite{b}")
    again = citecheck.check_manuscript(document_from_text(in_order, "x.tex"), CheckOptions())
    assert not [f for f in again.findings if f.rule == "CIT003"]


def test_files_outside_the_project_are_not_read(tmp_path: Path) -> None:
    """A manuscript from a pull request cannot pull /etc/passwd or ../secrets into a report."""
    repo = tmp_path / "repo"
    secret = tmp_path / "secret.tex"
    secret.write_text("\\cite{s}\n", encoding="utf-8")
    _write(
        repo,
        {
            "paper/main.tex": f"\\input{{../shared/macros}}\n\\input{{{secret}}}\n\\cite{{a}}\n"
            "\\bibliography{../shared/refs}\n",
            "shared/macros.tex": "\\cite{b}\n",
            "shared/refs.bib": BIB,
        },
    )
    doc = read_document(repo / "paper" / "main.tex")
    reasons = [f.message for f in doc.problems if f.rule == "SRC001"]
    assert len(reasons) == 3 and all("outside the manuscript's project" in r for r in reasons)
    assert [m.keys for m in doc.marks or ()] == [("a",)]
    (repo / ".git").mkdir()  # in a repository, the repository is the project
    doc = read_document(repo / "paper" / "main.tex")
    assert [m.keys for m in doc.marks or ()] == [("b",), ("a",)]
    assert [r.key for r in doc.references or ()] == ["a", "b"]
    (outside,) = [f.message for f in doc.problems if f.rule == "SRC001"]
    assert str(secret) in outside and "outside the manuscript's project" in outside


# The three shapes pandoc's citeproc prints a bibliography in when it writes LaTeX (R Markdown,
# papaja, Quarto): pandoc-citeproc's lone \hypertarget lines (as in Lakens' TOST_vs_SGPV
# manuscript, the sweep of real manuscripts), pandoc 2.11's \vadjust pre anchors and pandoc
# 3's \bibitem[\citeproctext]. Synthetic, in those tools' shapes.
_CITEPROC_ENTRIES = (
    "Doe, J., \\& Roe, R. (2018). Receptors in \\emph{vivo}. \\emph{J Test}, \\emph{2}(1), "
    "1--9.\ndoi:\\href{https://doi.org/10.1000/a1}{10.1000/a1}",
    "Smith, J. (2001). A study of receptors. \\emph{J Test}, \\emph{1}, 1--9.",
)
_CITEPROC = {
    "hypertarget": "\\hypertarget{refs}{}\n"
    + "".join(
        f"\\hypertarget{{ref-{k}}}{{}}\n{e}\n\n"
        for k, e in zip("ds", _CITEPROC_ENTRIES, strict=True)
    ),
    "vadjust": "\\hypertarget{refs}{}\n\\begin{CSLReferences}{1}{0}\n"
    + "".join(
        f"\\leavevmode\\vadjust pre{{\\hypertarget{{ref-{k}}}{{}}}}%\n{e}\n\n"
        for k, e in zip("ds", _CITEPROC_ENTRIES, strict=True)
    )
    + "\\end{CSLReferences}\n",
    "bibitem": "\\begin{CSLReferences}{1}{0}\n"
    + "".join(
        f"\\bibitem[\\citeproctext]{{ref-{k}}}\n{e}\n\n"
        for k, e in zip("ds", _CITEPROC_ENTRIES, strict=True)
    )
    + "\\end{CSLReferences}\n",
}


@pytest.mark.parametrize("shape", list(_CITEPROC))
def test_a_bibliography_printed_by_citeproc_is_read_and_its_citations_found(shape: str) -> None:
    text = (
        "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\n"
        "Receptors matter (Doe and Roe, 2018), as Smith (2001) found.\n"
        "\\section*{References}\n" + _CITEPROC[shape] + "\\end{document}\n"
    )
    result = citecheck.check_manuscript(document_from_text(text, "paper.tex"), CheckOptions())
    refs = result.analysis.references
    assert [(r.authors[0].family, r.year) for r in refs] == [("Doe", "2018"), ("Smith", "2001")]
    assert refs[0].doi == "10.1000/a1" and refs[0].container == "J Test"
    assert text[refs[1].span.start :].startswith(("\\hypertarget{ref-s}", "\\bibitem"))
    assert result.analysis.system == "author-date"
    assert sorted(str(k) for c in result.analysis.citations for k in c.refs) == [
        str(refs[0].key),
        str(refs[1].key),
    ]
    assert not [f for f in result.findings if f.rule in ("CIT001", "CIT002", "REF001")]


def test_a_typed_list_no_cite_names_is_cited_by_author_and_year_in_print() -> None:
    """A Copernicus typesetter's source (Ocean Science Discussions, in the second sweep):
    ``\\bibitem{1}`` … ``\\bibitem{7}`` and the citations typed, ``(Signell, 2010; …)``; the
    authors' ``\\Author[1]{R.~P.}{Signell}`` is no citation ``[1]``."""
    text = (
        "\\documentclass{copernicus}\n\\begin{document}\n"
        "\\Author[1]{R.~P.}{Signell}\n\\affil[2]{NATO, La Spezia}\n"
        "\\section{Introduction}\nThe approach (Signell, 2010; Signell and Snowden, 2014) "
        "was used.\n\n\\begin{thebibliography}{99}\n"
        "\\bibitem{1}\nSignell,~R.: Model data interoperability for the IOOS, Estuarine and "
        "Coastal Modeling, 221--238, 2009.\n\n"
        "\\bibitem{2}\nSignell,~R.~P. and Snowden,~D.~P.: Advances in a~distributed approach "
        "for ocean model data, J. Mar. Sci. Eng., 2, 194--208, 2014.\n"
        "\\end{thebibliography}\n\\end{document}\n"
    )
    result = citecheck.check_manuscript(document_from_text(text, "paper.tex"), CheckOptions())
    assert result.analysis.system == "author-date"
    assert [c.text for c in result.analysis.citations] == [
        "(Signell, 2010; Signell and Snowden, 2014)"
    ]
    shown = sorted(f.rule for f in result.findings if f.severity is not Severity.INFO)
    assert shown == ["CIT002", "CIT006"]  # 2010 for the 2009 entry, which is then uncited
    assert "2010" in next(f.message for f in result.findings if f.rule == "CIT006")


def test_a_name_before_citet_is_not_its_narrative_author(tmp_path: Path) -> None:
    """sn-jnl manuscript (finite-volume damage, second sweep): ``First introduced by Rhie
    and Chow \\cite{rhie}, \\citet{demirdzic} extended …`` — \\citet prints Demirdžić
    itself; 'Rhie' is the citation before's author (was a false CIT005)."""
    _write(
        tmp_path,
        {
            "paper.tex": "\\documentclass{article}\n\\begin{document}\n"
            "First introduced by Rhie and Chow \\cite{rhie}, \\citet{dem} extended it.\n"
            "Rhie and Chow \\cite{rhie}, then a later method \\cite{dem}.\n"
            "\\bibliography{refs}\n\\end{document}\n",
            "refs.bib": "@article{rhie, author={Rhie, C. M. and Chow, W. L.}, title={Flow},"
            " journal={AIAA J}, year={1983}}\n"
            "@article{dem, author={Demird{\\v{z}}i{\\'c}, I. and Muzaferija, S.},"
            " title={Solids}, journal={IJNME}, year={1995}}\n",
        },
    )
    result = citecheck.check_manuscript(read_document(tmp_path / "paper.tex"), CheckOptions())
    assert len(result.analysis.citations) == 4
    assert not [f for f in result.findings if f.rule == "CIT005"]


def test_a_typed_list_with_bibinfo_tags_reads_its_fields() -> None:
    """naturemag.bst writes ``\\bibinfo{author}{Murdock, B.~B.}`` around every field
    (ContextLab's Nature Human Behaviour manuscript, second sweep: 69 false 'no author')."""
    text = (
        "\\documentclass{article}\n\\begin{document}\nRecall \\cite{Murd62a}.\n"
        "\\begin{thebibliography}{10}\n\\providecommand{\\bibinfo}[2]{#2}\n"
        "\\bibitem{Murd62a}\n\\bibinfo{author}{Murdock, B.~B.}\n"
        "\\newblock \\bibinfo{title}{The serial position effect of free recall}.\n"
        "\\newblock \\emph{\\bibinfo{journal}{Journal of Experimental Psychology}}\n"
        "  \\textbf{\\bibinfo{volume}{64}}, \\bibinfo{pages}{482--488}\n"
        "  (\\bibinfo{year}{1962}).\n\\end{thebibliography}\n\\end{document}\n"
    )
    result = citecheck.check_manuscript(document_from_text(text, "paper.tex"), CheckOptions())
    (ref,) = result.analysis.references
    assert [a.family for a in ref.authors] == ["Murdock"]
    assert ref.title == "The serial position effect of free recall"
    assert ref.year == "1962"
    assert not [f for f in result.findings if f.severity is not Severity.INFO]


_ENDFLOAT_DOC = r"""\documentclass{article}
%s
\begin{document}
Shown before \cite{a}.
\begin{figure}
\caption{A panel made as in \cite{c}.}
\end{figure}
And again \cite{b}, then \cite{c}.
\begin{table}
\caption{Values from \cite{d}.}
\end{table}
Last \cite{d}.
\begin{thebibliography}{9}
\bibitem{a} Smith A. One. Nature. 2001;1:1-2.
\bibitem{b} Lee B. Two. Cell. 2002;2:3-4.
\bibitem{c} Kim C. Three. Science. 2003;3:5-6.
\bibitem{d} Park D. Four. Lancet. 2004;4:7-8.
\end{thebibliography}
\end{document}
"""


@pytest.mark.parametrize(
    ("preamble", "cit003"),
    [
        pytest.param(r"\usepackage[nofiglist]{endfloat}", False, id="endfloat"),
        pytest.param(r"\usepackage{graphicx,endfloat}", False, id="endfloat-among-others"),
        pytest.param(r"% \usepackage{endfloat}", True, id="endfloat-commented-out"),
        pytest.param(r"\usepackage{graphicx}", True, id="floats-in-place"),
    ],
)
def test_endfloat_prints_captions_after_the_text(preamble: str, cit003: bool) -> None:
    # sweep2: the sherlock paper (tex-nhb-sherlock) numbers its list by first citation in
    # print order; endfloat sets its figures and tables, captions and all, after the text
    analysis = analyze(Document("m.tex", _ENDFLOAT_DOC % preamble))
    assert [r.number for r in analysis.references] == [1, 2, 3, 4]
    assert any(f.rule == "CIT003" for f in analysis.findings) == cit003
