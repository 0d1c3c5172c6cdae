"""Splitting a reference section into entries and numbering them."""

from __future__ import annotations

import pytest

from citecheck.bibliography.entries import number_entries, split_entries
from citecheck.bibliography.references import read_references
from citecheck.model import Span

A = "Smith AB. Title one. Nature. 2001;1:1–2."
B = "Jones CD. Title two. Cell. 2002;2:3–4."
C = "Brown EF. Title three. Science. 2003;3:5–6."


def _split(body: str) -> list[tuple[int, bool, str]]:
    entries = number_entries(split_entries(body, Span(0, len(body))))
    return [(e.number, e.inferred, body[e.content.start : e.content.end]) for e in entries]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(f"1. {A}\n2. {B}\n3. {C}\n", [(1, A), (2, B), (3, C)], id="dot"),
        pytest.param(f"1) {A}\n2) {B}\n3) {C}\n", [(1, A), (2, B), (3, C)], id="paren"),
        pytest.param(f"[1] {A}\n[2] {B}\n[3] {C}\n", [(1, A), (2, B), (3, C)], id="bracket"),
        pytest.param(f"(1) {A}\n(2) {B}\n(3) {C}\n", [(1, A), (2, B), (3, C)], id="paren-acs"),
        pytest.param(f"1 {A}\n2 {B}\n3 {C}\n", [(1, A), (2, B), (3, C)], id="bare-number"),
        pytest.param(
            f"  1. {A}\n  2. {B}\n  3. {C}\n", [(1, A), (2, B), (3, C)], id="md-ordered-indented"
        ),
        pytest.param(f"7. {A}\n8. {B}\n9. {C}\n", [(7, A), (8, B), (9, C)], id="starts-at-7"),
        pytest.param(
            f"[1] {A}\n\n[2] {B}\n\n[3] {C}\n", [(1, A), (2, B), (3, C)], id="blank-separated"
        ),
        pytest.param(
            f"1. {A}\n12\n2. {B}\n3. {C}\n", [(1, A), (2, B), (3, C)], id="page-number-between"
        ),
        pytest.param(
            f"1. {A}\n\n12\n\n2. {B}\n3. {C}\n",
            [(1, A), (2, B), (3, C)],
            id="page-number-between-blank-lines",
        ),
        pytest.param(
            f"1. {A}\n2. {B}\n<!-- page 4 -->\n3. {C}\n",
            [(1, A), (2, B), (3, C)],
            id="html-comment-between",
        ),
    ],
)
def test_printed_numbers(body: str, expected: list[tuple[int, str]]) -> None:
    assert _split(body) == [(n, False, text) for n, text in expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            f"- {A}\n- {B}\n* {C}\n", [(1, True, A), (2, True, B), (3, True, C)], id="bullets"
        ),
        pytest.param(
            f"{A}\n\n{B}\n\n{C}\n",
            [(1, True, A), (2, True, B), (3, True, C)],
            id="paragraphs-without-numbers",
        ),
        pytest.param(
            f"- {A}\n- {B}\n\n3. {C}\n",
            [(1, True, A), (2, True, B), (3, False, C)],
            id="lost-numbers-then-printed-as-in-seed",
        ),
        pytest.param(
            f"1. {A}\n1. {B}\n1. {C}\n",
            [(1, True, A), (2, True, B), (3, True, C)],
            id="markdown-lazy-numbering",
        ),
    ],
)
def test_numbers_inferred_from_position(body: str, expected: list) -> None:
    assert _split(body) == expected


def test_wrapped_entry_keeps_all_its_lines() -> None:
    body = f"1. Smith AB. Title\n   one. Nature.\n   2001;1:1–2.\n2. {B}\n"
    assert _split(body) == [
        (1, False, "Smith AB. Title\n   one. Nature.\n   2001;1:1–2."),
        (2, False, B),
    ]


def test_bare_leading_number_must_continue_the_numbering() -> None:
    # "2010 Jones" is a wrapped line starting with a year, not entry 2010.
    body = f"1 Smith AB. Title one. Nature.\n2001 Mar;1:1–2.\n2 {B}\n3 {C}\n"
    numbers = [n for n, _, _ in _split(body)]
    assert numbers == [1, 2, 3]


def test_read_references_flags_inferred_numbers_on_the_references() -> None:
    text = f"Text (1–3).\n\nReferences\n- {A}\n- {B}\n\n3. {C}\n"
    _, refs = read_references(text)
    assert [(r.number, r.number_inferred) for r in refs] == [(1, True), (2, True), (3, False)]
    assert [r.first_author.family for r in refs if r.first_author] == ["Smith", "Jones", "Brown"]


def test_page_break_artefact_inside_an_entry_does_not_reach_the_fields() -> None:
    text = f"Text (1,2).\n\nReferences\n1. Smith AB. Title one.\n12\nNature. 2001;1:1–2.\n2. {B}\n"
    _, refs = read_references(text)
    assert refs[0].container == "Nature"


def test_seed_has_88_entries_1_to_25_inferred(seed_text: str) -> None:
    _, refs = read_references(seed_text)
    assert [r.number for r in refs] == list(range(1, 89))
    assert [r.number for r in refs if r.number_inferred] == list(range(1, 26))
    assert refs[0].raw.startswith("Caruz A, Samsom M")
    assert refs[25].raw.startswith("Endres MJ, Clapham PR")  # "26. Endres …"
    assert refs[-1].raw.startswith("Lapa C, Herrmann K, Schirbel A")


def test_hard_wrapped_unmarked_list_joins_continuation_lines() -> None:
    body = (
        "Smith AB, Jones CD. A long title that wraps over\n"
        "two lines of the file. Nature. 2001;1:1-2\n"
        "Brown EF. Another title. Science.\n"
        "2003;3:5-6.\n"
        "Green GH. Third title. Cell. 2004;4:7-8.\n"
    )
    got = _split(body)
    assert [n for n, _, _ in got] == [1, 2, 3]
    assert got[0][2].endswith("2001;1:1-2") and got[1][2].endswith("2003;3:5-6.")


def test_every_marker_of_a_long_consecutive_run_opens_an_entry() -> None:
    """Most lines carry no marker (a hard-wrapped list), so markers are trusted when they
    number a run of three or more: all of a run of six, not only its first three."""
    body = "".join(
        f"{n}. Smith J, Lee K. A study of receptor\nnumber {n} in human cells and\n"
        f"in mice with a long title.\nJ Med. 2001;{n}:1-9\n"  # no full stop: no run-on split
        for n in range(26, 32)
    )
    entries = split_entries(body, Span(0, len(body)))
    assert [e.number for e in entries] == [26, 27, 28, 29, 30, 31]
    assert all(body[e.content.start : e.content.end].endswith(":1-9") for e in entries)
