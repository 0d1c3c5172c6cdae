"""The pandoc-family reader: pandoc's citation syntax, bibliographies from the front matter,
a Quarto project and --bibliography, and a numbered Markdown manuscript left as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import main
from citecheck.inputs import document_from_text, read_document
from citecheck.inputs.format import ReaderSettings
from citecheck.inputs.markdown import read_markdown
from citecheck.inputs.pandoc_cite import find_pandoc_citations
from citecheck.locations import Locator
from citecheck.model import Document, Severity, Span
from citecheck.options import CheckOptions

FIXTURES = Path(__file__).parent / "fixtures"
PAPER = FIXTURES / "pandoc" / "paper.md"
QUARTO = FIXTURES / "quarto"
SEED = FIXTURES / "walenkamp2017-cxcr4.md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Blah [@doe99].", [("[@doe99]", ("doe99",))], id="bracketed"),
        pytest.param(
            "Blah [see @doe99, pp. 33-35; also @smith04, chap. 1].",
            [("[see @doe99, pp. 33-35; also @smith04, chap. 1]", ("doe99", "smith04"))],
            id="prefix-locator-suffix",
        ),
        pytest.param("Smith says [-@smith04].", [("[-@smith04]", ("smith04",))], id="suppressed"),
        pytest.param("@smith04 says.", [("@smith04", ("smith04",))], id="narrative"),
        pytest.param(
            "@smith04 [p. 33] says.", [("@smith04 [p. 33]", ("smith04",))], id="narrative-locator"
        ),
        pytest.param("See @doe99.", [("@doe99", ("doe99",))], id="trailing-full-stop"),
        pytest.param(
            "[@doi:10.1371/journal.pcbi.1007128]",
            [("[@doi:10.1371/journal.pcbi.1007128]", ("doi:10.1371/journal.pcbi.1007128",))],
            id="manubot-key",
        ),
        pytest.param(
            "@{https://example.com/bib?n=1} says",
            [("@{https://example.com/bib?n=1}", ("https://example.com/bib?n=1",))],
            id="braced-key",
        ),
        pytest.param(
            "as cited [@a; @b]: the rest", [("[@a; @b]", ("a", "b"))], id="group-before-colon"
        ),
        pytest.param("Text.\n\n[@a]: http://example.org\n", [], id="link-definition"),
        pytest.param("Mail john@example.com now.", [], id="e-mail"),
        pytest.param("A handle https://x.org/@user here.", [], id="url-handle"),
        pytest.param("A [link @x](http://a.b) here.", [], id="link"),
        pytest.param("[see also; @a]", [("@a", ("a",))], id="item-without-key-is-not-a-group"),
        pytest.param("Code `@x` and\n\n```\n[@y]\n```\n", [], id="code"),
        pytest.param("<!-- [@hidden] -->", [], id="comment"),
    ],
)
def test_pandoc_citation_syntax(text: str, expected: list) -> None:
    masked = read_markdown(Document("x.md", text)).masked
    found = find_pandoc_citations(text, masked)
    assert [(m.text, m.keys) for m in found] == expected
    assert all(text[m.span.start : m.span.end] == m.text for m in found)


def test_a_pandoc_manuscript_with_a_csl_json_bibliography() -> None:
    result = citecheck.check_manuscript(read_document(PAPER), CheckOptions())
    analysis = result.analysis
    assert analysis.document.format == "pandoc"
    assert [c.refs for c in analysis.citations] == [
        ("smith2019", "doe2020"),
        ("smith2019",),
        ("doe2020",),
        ("lee2021", "smtih2019"),
        ("doi:10.1126/science.1194396",),
    ]
    by_rule = {f.rule: f for f in result.findings if f.rule.startswith(("CIT", "REF", "SRC"))}
    assert set(by_rule) == {"CIT001", "CIT002"}
    assert "did you mean 'smith2019'?" in by_rule["CIT001"].message
    assert by_rule["CIT002"].refs == ("unused2018",)  # roe2001 is in nocite
    place = Locator(analysis.document).locate(by_rule["CIT002"].span.start)
    assert place.path.endswith("refs.json") and place.line == 39
    offset = analysis.document.source_offset(by_rule["CIT002"].span.start)
    bibliography = PAPER.with_name("refs.json").read_text(encoding="utf-8")
    assert bibliography[offset:].startswith('{\n    "id": "unused2018"')
    refs = {r.key: r for r in analysis.references}
    assert refs["smith2019"].authors[1].family == "Müller"
    assert refs["lee2021"].authors[0].is_group
    manubot = refs["doi:10.1126/science.1194396"]
    assert manubot.doi == "10.1126/science.1194396" and manubot.title is None


def test_inline_references() -> None:
    doc = read_document(FIXTURES / "pandoc" / "inline.md")
    assert [str(r.key) for r in doc.references or ()] == ["doe99", "smith04"]
    assert doc.references is not None and doc.references[1].year == "2004"
    start = doc.references[0].span.start
    assert doc.text[start:].startswith("id: doe99")


def test_a_numbered_markdown_manuscript_is_read_as_before() -> None:
    text = SEED.read_text(encoding="utf-8")
    as_md = document_from_text(text, "paper.md")
    assert as_md == read_markdown(Document("paper.md", text, format=""))
    assert as_md.references is None and as_md.format == "markdown"


def test_pandoc_citations_without_a_bibliography_stay_markdown() -> None:
    doc = document_from_text("Text [@a].\n\n# References\n\n1. A. B. 2001.\n", "paper.md")
    assert doc.format == "markdown" and doc.references is None


def test_a_bibliography_without_pandoc_citations_stays_markdown(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text("@article{a, title={T}, year=2001}\n", encoding="utf-8")
    text = "---\nbibliography: refs.bib\n---\n\nText (1).\n\n# References\n\n1. A B. T. 2001.\n"
    (tmp_path / "paper.md").write_text(text, encoding="utf-8")
    assert read_document(tmp_path / "paper.md").format == "markdown"


def test_bibliography_from_the_command_line_settings(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        "@article{a, author={Smith, J}, title={Title of it}, journal={J}, year=2001}\n", "utf-8"
    )
    (tmp_path / "paper.md").write_text("Text [@a] and [@b].\n", encoding="utf-8")
    settings = ReaderSettings(bibliography=(str(tmp_path / "refs.bib"),))
    doc = read_document(tmp_path / "paper.md", settings)
    assert doc.format == "pandoc" and [r.key for r in doc.references or ()] == ["a"]
    result = citecheck.check_manuscript(doc, CheckOptions())
    assert [f.refs for f in result.findings if f.rule == "CIT001"] == [("b",)]


def test_a_missing_or_unreadable_bibliography_is_a_finding(tmp_path: Path) -> None:
    text = "---\nbibliography: [nothere.bib, refs.ris]\n---\n\nText [@a].\n"
    (tmp_path / "paper.qmd").write_text(text, encoding="utf-8")
    (tmp_path / "refs.ris").write_text("TY  - JOUR\n", encoding="utf-8")
    result = citecheck.check_manuscript(read_document(tmp_path / "paper.qmd"), CheckOptions())
    src = sorted(f.message for f in result.findings if f.rule == "SRC001")
    assert len(src) == 2 and "no such file" in src[0] and "not a bibliography format" in src[1]


def test_yaml_aliases_in_the_front_matter_are_refused(tmp_path: Path) -> None:
    text = "---\na: &x [1]\nb: *x\nbibliography: refs.json\n---\n\nText [@a].\n"
    doc = document_from_text(text, str(tmp_path / "paper.qmd"))
    assert doc.references is None  # the front matter was not read


@pytest.fixture
def quarto(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(QUARTO, copy)
    monkeypatch.chdir(copy)
    return copy


def test_a_quarto_project_checked_with_no_manuscript_named(quarto: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--no-claims", "--format", "json"])
    assert result.exit_code == 1, result.output
    (manuscript,) = json.loads(result.stdout)["manuscripts"]
    assert manuscript["path"] == "index.qmd"
    rules = [(f["rule"], f.get("file", "index.qmd"), f["line"]) for f in manuscript["findings"]]
    assert rules == [("CIT001", "index.qmd", 9), ("CIT002", "references.bib", 16)]
    assert [c["refs"] for c in manuscript["citations"]] == [
        ["smith2019", "doe2020"],
        ["smith2019"],
        ["nokey2020"],
    ]


def test_a_quarto_chapter_in_a_subdirectory_finds_the_project(quarto: Path) -> None:
    (quarto / "chapters").mkdir()
    (quarto / "chapters" / "two.qmd").write_text("More [@spare2017].\n", encoding="utf-8")
    result = citecheck.check_manuscript(read_document("chapters/two.qmd"), CheckOptions())
    assert [c.refs for c in result.analysis.citations] == [("spare2017",)]
    uncited = {f.refs for f in result.findings if f.rule == "CIT002"}
    assert uncited == {("smith2019",), ("doe2020",)}
    assert all(f.severity is Severity.INFO for f in result.findings if f.rule == "CIT002")


def test_no_manuscript_outside_a_project_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "Quarto project" in result.output


def test_claims_link_to_keys(tmp_path: Path) -> None:
    shutil.copy(PAPER, tmp_path / "paper.md")
    shutil.copy(PAPER.with_name("refs.json"), tmp_path / "refs.json")
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n  - id: uptake\n    text: uptake in 42 patients\n    cites: [smith2019]\n"
        "  - id: wrong\n    text: uptake in 42 patients\n    cites: [nosuchkey]\n",
        encoding="utf-8",
    )
    from citecheck.options import ClaimSettings

    options = CheckOptions(claims=ClaimSettings(file=str(claims)))
    result = citecheck.check_manuscript(read_document(tmp_path / "paper.md"), options)
    assert result.claims is not None
    verdicts = {v.claim.id: v for v in result.claims.verdicts}
    assert verdicts["uptake"].claim.cites == ("smith2019",)
    assert verdicts["uptake"].verdict.value == "linked"
    assert [f.refs for f in result.findings if f.rule == "CLM001"] == [("nosuchkey",)]


def test_spans_of_marks_lie_in_the_text() -> None:
    doc = read_document(PAPER)
    for mark in doc.marks or ():
        assert doc.text[mark.span.start : mark.span.end] == mark.text
    assert doc.masked == tuple(sorted(doc.masked))
    assert all(a.end <= b.start for a, b in zip(doc.masked, doc.masked[1:], strict=False))
    assert Span(0, 0) not in doc.masked


def _qmd_keys(tmp_path: Path, text: str, bib: str) -> list[tuple[str, ...]]:
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "paper.qmd").write_text(text, encoding="utf-8")
    return [m.keys for m in read_document(tmp_path / "paper.qmd").marks]


def test_quarto_cross_references_are_not_citations(tmp_path: Path) -> None:
    text = (
        "---\nbibliography: refs.bib\ncrossref:\n  custom:\n"
        "    - kind: float\n      key: apx\n---\n"
        "As @tbl-1 and @fig-prisma show, @sec-methods explains and @apx-3 lists [@smith2019].\n"
        "See [@fig-2; @jones2020], and @eq:energy (pandoc-crossref).\n"
    )
    bib = "@article{smith2019, title={S}, year=2019}\n@article{jones2020, title={J}, year=2020}\n"
    assert _qmd_keys(tmp_path, text, bib) == [("smith2019",), ("jones2020",)]


def test_a_bibliography_key_shaped_like_a_cross_reference_is_still_cited(tmp_path: Path) -> None:
    text = "---\nbibliography: refs.bib\n---\nAs shown [@fig-maker2001] and @tbl-1.\n"
    bib = "@book{fig-maker2001, title={Figs}, year=2001}\n"
    assert _qmd_keys(tmp_path, text, bib) == [("fig-maker2001",)]


def test_custom_cross_reference_kinds_of_the_quarto_project(tmp_path: Path) -> None:
    (tmp_path / "_quarto.yml").write_text(
        "bibliography: refs.bib\ncrossref:\n  custom:\n    - key: supp\n", encoding="utf-8"
    )
    text = "Table @supp-1 and [@smith2019].\n"
    assert _qmd_keys(tmp_path, text, "@article{smith2019, title={S}, year=2019}\n") == [
        ("smith2019",)
    ]


def test_labels_the_document_defines_and_bookdown_references_are_not_citations(
    tmp_path: Path,
) -> None:
    text = (
        "---\nbibliography: refs.bib\n---\n"
        "See @apx-3 and @tab-main, Table \\@ref(tab:x), and [@smith2019].\n\n"
        "# Appendix {#apx-3}\n\n```{r}\n#| label: tab-main\n```\n"
    )
    bib = "@article{smith2019, title={S}, year=2019}\n"
    assert _qmd_keys(tmp_path, text, bib) == [("smith2019",)]
