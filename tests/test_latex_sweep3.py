"""LaTeX shapes from the third sweep of real manuscripts (/tmp/sweep3/SOURCES.md of the
sweep: a biblatex master's thesis whose preamble is a package of its own). The projects are
synthetic, in the shapes those files showed."""

from __future__ import annotations

from pathlib import Path

from citecheck.inputs import read_document
from citecheck.pipeline import analyze

BIB = """@article{smith2019,
  author = {Smith, John and Lee, Kim},
  title = {Timbre in production systems},
  journal = {Journal of Audio},
  year = {2019},
  volume = {3},
  pages = {1--9}
}
@book{doe2001,
  author = {Doe, Jane},
  title = {Sound effects},
  publisher = {Acme},
  year = {2001}
}
"""

STY = r"""\ProvidesPackage{preamble}
\usepackage[block=space]{biblatex}
\newcommand{\mycite}[1]{\parencite{#1}}
\addbibresource{references.bib}
"""

MAIN = r"""\documentclass{report}
\usepackage{graphicx,preamble}
\begin{document}
Timbre was modelled \parencite{smith2019}, as \textcite{doe2001} proposed.
\printbibliography
\end{document}
"""


def test_the_bibliography_named_in_a_package_of_the_project_is_read(tmp_path: Path) -> None:
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "preamble.sty").write_text(STY, encoding="utf-8")
    main = tmp_path / "thesis.tex"
    main.write_text(MAIN, encoding="utf-8")
    analysis = analyze(read_document(main))
    assert sorted(r.citekey or "" for r in analysis.references) == ["doe2001", "smith2019"]
    assert len(analysis.citations) == 2
    assert not [f for f in analysis.findings if f.rule.startswith(("CIT", "SRC"))]


def test_a_package_not_in_the_project_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    main = tmp_path / "paper.tex"
    main.write_text(
        MAIN.replace(
            r"\usepackage{graphicx,preamble}",
            "\\usepackage{biblatex}\n\\addbibresource{references.bib}",
        ),
        encoding="utf-8",
    )
    analysis = analyze(read_document(main))
    assert len(analysis.references) == 2
    assert not [f for f in analysis.findings if f.rule.startswith("SRC")]


def test_an_undefined_key_is_a_warning_when_a_named_bib_file_is_missing(
    tmp_path: Path,
) -> None:
    """A thesis naming 17 .bib files of which one is in the repository (the others in the
    author's TeX tree): a key not found may be in a file that could not be read."""
    (tmp_path / "local.bib").write_text(BIB, encoding="utf-8")
    main = tmp_path / "thesis.tex"
    body = r"\cite{smith2019} and \cite{Fowler05}.\bibliographystyle{plain}"
    main.write_text(
        "\\documentclass{report}\\begin{document}\n"
        f"{body}\n\\bibliography{{local,patterns}}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    undefined = [f for f in analyze(read_document(main)).findings if f.rule == "CIT001"]
    assert [(f.severity.name, f.refs) for f in undefined] == [("WARNING", ("Fowler05",))]
    assert "patterns.bib" in undefined[0].message
    (tmp_path / "patterns.bib").write_text("", encoding="utf-8")
    undefined = [f for f in analyze(read_document(main)).findings if f.rule == "CIT001"]
    assert [(f.severity.name, f.refs) for f in undefined] == [("ERROR", ("Fowler05",))]
