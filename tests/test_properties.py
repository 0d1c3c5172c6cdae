"""Property tests: the splitter, parser and citation finder never raise on arbitrary text,
every span lies inside its input, and BibTeX round-trips."""

from __future__ import annotations

import bibtexparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.bibliography.bibtex import bibtex_fields, bibtex_from_references
from citecheck.bibliography.entries import number_entries, split_entries
from citecheck.bibliography.parse import parse_reference
from citecheck.bibliography.sections import find_reference_section
from citecheck.citations.find import find_citations
from citecheck.model import Span

# Text biased towards the characters the parsers care about.
ALPHABET = st.sampled_from(
    [*"abcXYZ 0123456789.,;:()[]{}^_*-–—\n\t#'\"/&%",
       "et al.", "References\n", "## ", "1. ", "[1] ", "- ", "doi:10.1000/x", "PMID: 12",
       "⁶⁸", "¹²", "₂", "^{99m}", "2004;12:1–9.", " (2004) ", "In: ", "```\n", "<!-- ", " -->",
       "Smith AB, ", "Jones C. ", "*Nature*. ", "\r\n", "\ufeff", "é", "ß"]
)  # fmt: skip
TEXT = st.lists(ALPHABET, max_size=80).map("".join) | st.text(max_size=300)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def inside(span: Span, start: int, end: int) -> bool:
    return start <= span.start <= span.end <= end


@SETTINGS
@given(TEXT)
def test_section_and_splitter_never_raise_and_stay_inside(text: str) -> None:
    section = find_reference_section(text)
    body = section.body if section else Span(0, len(text))
    if section:
        assert inside(section.heading_span, 0, len(text))
        assert inside(section.body, 0, len(text))
    entries = number_entries(split_entries(text, body))
    for e in entries:
        assert inside(e.content, body.start, body.end)
        assert text[e.content.start : e.content.end].strip()


@SETTINGS
@given(TEXT, st.integers(min_value=0, max_value=10_000))
def test_parser_never_raises_and_spans_stay_inside(raw: str, offset: int) -> None:
    ref = parse_reference(raw, number=1, offset=offset)
    assert ref.raw == raw
    assert ref.span == Span(offset, offset + len(raw))
    for name, span in ref.spans.items():
        assert inside(span, offset, offset + len(raw)), name


@SETTINGS
@given(TEXT, st.lists(st.integers(min_value=1, max_value=120), max_size=40))
def test_citation_finder_never_raises_and_spans_stay_inside(text: str, numbers: list[int]) -> None:
    for c in find_citations(text, numbers):
        assert inside(c.span, 0, len(text))
        assert text[c.span.start : c.span.end] == c.text
        assert all(n >= 1 for n in c.refs)


@SETTINGS
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_bibtex_round_trips(raws: list[str]) -> None:
    refs = [parse_reference(raw, number=i + 1) for i, raw in enumerate(raws)]
    library = bibtexparser.parse_string(bibtex_from_references(refs))
    assert library.failed_blocks == []
    assert len(library.entries) == len(refs)
    for ref, entry in zip(refs, library.entries, strict=True):
        assert [(f.key, f.value) for f in entry.fields] == bibtex_fields(ref)
