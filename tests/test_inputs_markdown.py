"""The Markdown reader (masked regions, headings, blocks) and the reader registry."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.bibliography.sections import find_reference_section
from citecheck.citations.find import find_citations
from citecheck.claims.scope import own_data_spans
from citecheck.claims.sentences import split_sentences
from citecheck.inputs import READERS, document_from_text, format_for, read_document, text_format
from citecheck.inputs.markdown import (
    find_blocks,
    find_headings,
    masked_regions,
    read_markdown,
)
from citecheck.model import Document, Heading, Span
from citecheck.pipeline import analyze


def masked_texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in masked_regions(text)]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        pytest.param("a\n```\nx (1)\n```\nb", ["```\nx (1)\n```"], id="fence-backticks"),
        pytest.param("a\n~~~py\nx (1)\n~~~ end\nb", ["~~~py\nx (1)\n~~~ end"], id="fence-tildes"),
        pytest.param("a\n```\nx (1)\n~~~\nb (2)", [], id="fence-unclosed"),
        pytest.param("run `f(1)` now", ["`f(1)`"], id="inline-code"),
        pytest.param("a <!-- claim: x\n(1) --> b", ["<!-- claim: x\n(1) -->"], id="comment"),
        pytest.param("a <script>\nf(1)</script> b", ["<script>\nf(1)</script>"], id="script"),
        pytest.param('a <span class="x">(1)</span>', ['<span class="x">', "</span>"], id="tags"),
        pytest.param("a<sup>1</sup> b", [], id="sup-is-not-masked"),
        pytest.param("[1]: https://x.org/a (2)\n", ["[1]: https://x.org/a (2)"], id="link-def"),
        pytest.param("see [1]: <http://x> here", ["[1]: <http://x>"], id="link-def-in-line"),
        pytest.param("a claim[^3] b", ["[^3]"], id="footnote"),
        # a link's text is read with its brackets: only its target is masked, unless the
        # text is numbers alone (a linked number is no bracketed citation)
        pytest.param("see [table (1)](t.html#1) b", ["(t.html#1)"], id="link"),
        pytest.param("as [[3]](#ref3) b", ["(#ref3)"], id="link-text-bracketed"),
        pytest.param("see [3](https://x.org) b", ["[3](https://x.org)"], id="linked-number"),
        pytest.param("see [the paper][2] b", ["[2]"], id="reference-link"),
        pytest.param("shown [1][2] b", [], id="two-markers-are-not-a-link"),
        pytest.param("at https://x.org/a(1) b", ["https://x.org/a(1)"], id="url"),
    ],
)
def test_masked_regions(text: str, masked: list[str]) -> None:
    assert masked_texts(text) == masked


def test_masked_regions_are_sorted_and_merged() -> None:
    text = "x `a` <!-- b --> `c`<b>d</b> e"
    spans = masked_regions(text)
    assert [text[s.start : s.end] for s in spans] == ["`a`", "<!-- b -->", "`c`<b>", "</b>"]
    assert all(a.end < b.start for a, b in pairwise(spans))


_FENCE_REGEX = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["```", "~~~", "```py", "text (1)", "", "~~~~", " ```"])))
def test_fences_are_found_as_the_regular_expression_found_them(lines: list[str]) -> None:
    text = "\n".join(lines)
    code = [(b.span.start, b.span.end) for b in find_blocks(text) if b.kind == "code"]
    assert code == [m.span() for m in _FENCE_REGEX.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("# One\n## Two\n###### Six\n", [(1, "One"), (2, "Two"), (6, "Six")], id="atx"),
        pytest.param("####### Seven\n#NoSpace\n#\n", [], id="not-atx"),
        pytest.param("## Methods ##\n", [(2, "Methods")], id="closing-hashes"),
        pytest.param("### 7.1 Results\n", [(3, "Results")], id="numbered"),
        pytest.param("## **3. Results:**\n", [(2, "Results")], id="bold-numbered-colon"),
        pytest.param("   # Indented\n", [(1, "Indented")], id="three-spaces"),
        pytest.param("Title\n=====\n\nSub\n---\n", [(1, "Title"), (2, "Sub")], id="setext"),
        pytest.param("Para one\nREFERENCES\n===\n", [(1, "REFERENCES")], id="setext-last-line"),
        pytest.param("- item\n---\n", [], id="no-setext-after-a-list-item"),
        pytest.param("\n---\n", [], id="a-rule-is-no-heading"),
        pytest.param("```\n# comment\n```\n", [], id="not-in-code"),
        pytest.param("**References**\n", [], id="bold-line-is-a-paragraph"),
    ],
)
def test_headings(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(h.level, h.title) for h in find_headings(text)] == expected


def test_heading_spans() -> None:
    text = "# Intro\ntext\n\nRefs\n====\n"
    atx, setext = find_headings(text)
    assert text[atx.span.start : atx.span.end] == "# Intro"
    assert text[setext.span.start : setext.span.end] == "Refs\n===="


MANUSCRIPT = """# Title

First paragraph
goes on.

- item one
  continued
1. item two

| a | b |
|---|---|

> quoted
> still

```
code
```
Setext
------
"""


def test_blocks() -> None:
    blocks = [(b.kind, MANUSCRIPT[b.span.start : b.span.end]) for b in find_blocks(MANUSCRIPT)]
    assert blocks == [
        ("heading", "# Title"),
        ("paragraph", "First paragraph\ngoes on."),
        ("list-item", "- item one\n  continued"),
        ("list-item", "1. item two"),
        ("table-row", "| a | b |"),
        ("table-row", "|---|---|"),
        ("quote", "> quoted\n> still"),
        ("code", "```\ncode\n```"),
        ("heading", "Setext\n------"),
    ]


@given(st.text(alphabet="#=-*|>`~ \n1.ab()[]<!-", max_size=200))
def test_structure_stays_inside_the_text_and_in_order(text: str) -> None:
    doc = read_markdown(Document("x.md", text))
    for spans in (doc.masked, [h.span for h in doc.headings], [b.span for b in doc.blocks]):
        assert all(0 <= s.start <= s.end <= len(text) for s in spans)
        assert all(a.end <= b.start for a, b in pairwise(spans))


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        pytest.param("paper.md", "markdown", id="md"),
        pytest.param("paper.MARKDOWN", "markdown", id="markdown-upper"),
        pytest.param("paper.txt", "markdown", id="txt-read-as-markdown"),
        pytest.param("paper.unknown", "markdown", id="unknown-suffix"),
        pytest.param("paper", "markdown", id="no-suffix"),
    ],
)
def test_the_registry_chooses_by_suffix(tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_text("Text (1).\n\n## References\n\n1. A. B. 2001.\n", encoding="utf-8")
    assert read_document(path).format == fmt
    assert format_for(name) is READERS.get(Path(name).suffix.lower(), format_for("x.md"))


def test_a_new_reader_is_one_registry_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def read_shouting(document: Document) -> Document:
        return Document(document.path, document.text.upper(), format="shouting")

    monkeypatch.setitem(READERS, ".loud", text_format("shouting", read_shouting))
    path = tmp_path / "a.loud"
    path.write_text("quiet\n", encoding="utf-8")
    assert (read_document(path).format, read_document(path).text) == ("shouting", "QUIET\n")


def test_document_from_text_is_the_document_of_the_file(tmp_path: Path) -> None:
    text = "\ufeff# Intro\r\nShown (1) in `f(2)`.\r\n\r\n## References\r\n1. A. B. 2001.\r\n"
    path = tmp_path / "m.md"
    path.write_bytes(text.encode("utf-8"))
    from_file = read_document(path)
    assert document_from_text(text, str(path)) == from_file
    assert from_file.masked and from_file.headings and from_file.blocks


def test_stages_take_the_structure_from_the_document() -> None:
    """An HTML-like reader's headings and masks are used; the text is not read as Markdown."""
    text = "<h1>Intro</h1>\nSee (1) and <x>(2)</x>.\n<h1>Bibliography</h1>\n1. A B. T. 2001.\n"
    heading = text.index("<h1>Bib")
    doc = Document(
        "m.html",
        text,
        format="html",
        masked=(Span(text.index("<x>"), text.index("</x>") + 4),),
        headings=(Heading(Span(heading, text.index("\n", heading)), 1, "Bibliography"),),
    )
    assert find_reference_section(text) is None
    section = find_reference_section(text, document=doc)
    assert section is not None and section.heading == "<h1>Bibliography</h1>"
    cited = find_citations(text, [1, 2], masked=doc.masked)
    assert [c.text for c in cited] == ["(1)"]


def test_analyze_reads_a_document_built_by_hand_as_its_path_says() -> None:
    text = "Shown (1) but not `(2)`.\n\n## References\n\n1. A B. T. 2001.\n2. C D. U. 2002.\n"
    analysis = analyze(Document("m.md", text))
    assert analysis.document.format == "markdown"
    assert [c.text for c in analysis.citations] == ["(1)"]


def test_own_data_and_sentences_read_the_document_blocks() -> None:
    text = "Results\n=======\n\nWe saw 5 mg.\n\n| 1 | 2 |\n"
    doc = document_from_text(text, "m.md")
    spans = own_data_spans(text, document=doc)
    assert any(s.start <= text.index("We saw") < s.end for s in spans)
    assert own_data_spans(text) == spans
    assert [s.text for s in split_sentences(text, document=doc)] == [
        "Results\n=======",
        "We saw 5 mg.",
        "| 1 | 2 |",
    ]


@pytest.mark.parametrize(
    ("cited", "found"),
    [
        pytest.param("[[1]](#ref1) and [[2]](#ref2)", ["[1]", "[2]"], id="square-in-link"),
        pytest.param("[(1)](#B1) and [(2)](#B2)", ["(1)", "(2)"], id="paren-in-link"),
    ],
)
def test_a_citation_written_as_a_link_text_is_read(cited: str, found: list[str]) -> None:
    # converters (pandoc from HTML or JATS) write a linked citation as the text of a link to
    # the reference's anchor: only the link's brackets and target are markup
    text = f"Shown {cited}.\n\n## References\n\n1. A B. T. 2001.\n2. C D. U. 2002.\n"
    analysis = analyze(Document("m.md", text))
    assert [c.text for c in analysis.citations] == found


def test_an_author_date_citation_written_as_a_link_text_is_read() -> None:
    # sweep2 item 9 (docx-metapaleo): "[Tennant and Lomax, 2019](https://…)"
    text = (
        "Shown [Smith and Lee, 2001](https://x.org/a) and [(Lee, 2002)](#B2).\n\n"
        "## References\n\nLee, C. (2002). Two things. Cell 2, 3–4.\n\n"
        "Smith, A. and Lee, B. (2001). One thing. Nature 1, 1–2.\n"
    )
    analysis = analyze(Document("m.md", text))
    assert [c.text for c in analysis.citations] == ["[Smith and Lee, 2001]", "(Lee, 2002)"]
