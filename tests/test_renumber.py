"""Renumbering in first-citation order (``citecheck.renumber``) and ``citecheck fix``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.inputs import document_from_text
from citecheck.model import Document
from citecheck.pipeline import Analysis, analyze
from citecheck.renumber import (
    CannotRenumber,
    compact_items,
    format_group,
    group_style,
    renumber,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "walenkamp2017-cxcr4.md"

OUT_OF_ORDER = """# Out of order

CXCR4 was described first (4). Later work (1,2) agreed. Reviews (6,4,5) summed up.
Most of it (1-3) holds; one more study (7) and the first one again (4).

## References

1. Alpha A. First work on receptors. J Test. 2001;1:1-2.
2. Beta B. Second work on receptors. J Test. 2002;2:3-4.
3. Gamma C. Third work on receptors. J Test. 2003;3:5-6.
4. Delta D. Fourth work on receptors. J Test. 2004;4:7-8.
5. Epsilon E. Fifth work on receptors. J Test. 2005;5:9-10.
6. Zeta Z. Sixth work on receptors. J Test. 2006;6:11-12.
7. Eta H. Seventh work on receptors. J Test. 2007;7:13-14.
8. Theta T. Eighth work, never cited. J Test. 2008;8:15-16.
"""


def _analysis(text: str, path: str = "paper.md") -> Analysis:
    return analyze(Document(path, text))


def _cited_works(analysis: Analysis) -> list[frozenset[str]]:
    """Per citation group, in document order, the entries (by their text) it cites."""
    by_number = {r.number: r.raw for r in analysis.references}
    return [frozenset(by_number[n] for n in c.refs) for c in analysis.citations]


def test_out_of_order_manuscript_is_renumbered() -> None:
    before = _analysis(OUT_OF_ORDER)
    assert "CIT003" in {f.rule for f in before.findings}
    result = renumber(before)
    after = _analysis(result.text)
    rules = {f.rule for f in after.findings}
    assert "CIT003" not in rules
    assert _cited_works(after) == _cited_works(before)
    assert [c.text for c in after.citations] == ["(1)", "(2,3)", "(1,4,5)", "(2,3,6)", "(7)", "(1)"]
    assert result.mapping == {4: 1, 1: 2, 2: 3, 5: 4, 6: 5, 3: 6, 7: 7, 8: 8}
    assert result.uncited == (8,)
    entries = [r.raw.split(".")[0] for r in after.references]
    assert entries == [
        "Delta D",
        "Alpha A",
        "Beta B",
        "Epsilon E",
        "Zeta Z",
        "Gamma C",
        "Eta H",
        "Theta T",
    ]
    assert [r.number for r in after.references] == list(range(1, 9))
    assert not any(r.number_inferred for r in after.references)


def test_uncited_references_go_to_the_end_in_their_old_order() -> None:
    text = OUT_OF_ORDER.replace("(7)", "(8)").replace("Reviews (6,4,5)", "Reviews (6,4)")
    result = renumber(_analysis(text))
    assert result.uncited == (5, 7)
    assert [result.mapping[n] for n in result.uncited] == [7, 8]


def test_the_seed_already_in_order_comes_back_identical() -> None:
    text = SEED.read_text(encoding="utf-8")
    result = renumber(_analysis(text, str(SEED)))
    assert not result.changed
    assert result.citations_rewritten == 0
    assert result.text == text


def test_unnumbered_list_is_reordered() -> None:
    text = (
        "Text cites (2) then (1).\n\n## References\n\n"
        "- Alpha A. First work on receptors. J Test. 2001;1:1-2.\n"
        "- Beta B. Second work on receptors. J Test. 2002;2:3-4.\n"
    )
    result = renumber(_analysis(text))
    assert result.text == (
        "Text cites (1) then (2).\n\n## References\n\n"
        "- Beta B. Second work on receptors. J Test. 2002;2:3-4.\n"
        "- Alpha A. First work on receptors. J Test. 2001;1:1-2.\n"
    )


def test_bracket_per_number_style_is_kept() -> None:
    text = (
        "First [3]. Then [1]–[2] and [4], [5].\n\n## References\n\n"
        "[1] Alpha A. First work on receptors. J Test. 2001;1:1-2.\n"
        "[2] Beta B. Second work on receptors. J Test. 2002;2:3-4.\n"
        "[3] Gamma C. Third work on receptors. J Test. 2003;3:5-6.\n"
        "[4] Delta D. Fourth work on receptors. J Test. 2004;4:7-8.\n"
        "[5] Epsilon E. Fifth work on receptors. J Test. 2005;5:9-10.\n"
    )
    result = renumber(_analysis(text))
    body, refs = result.text.split("## References")
    assert body == "First [1]. Then [2], [3] and [4], [5].\n\n"
    assert refs.splitlines()[2].startswith("[1] Gamma C.")
    assert refs.splitlines()[3].startswith("[2] Alpha A.")


@pytest.mark.parametrize(
    ("written", "numbers", "expected"),
    [
        pytest.param("(3,4)", [5, 3, 4], "(3–5)", id="paren-list-compacted"),
        pytest.param("(1–3)", [7, 8], "(7,8)", id="two-consecutive-stay-a-list"),
        pytest.param("(1, 2)", [9, 2, 3, 4], "(2–4, 9)", id="separator-with-space"),
        pytest.param("[1; 4]", [2, 6], "[2; 6]", id="semicolon"),
        pytest.param("[7-9]", [1, 2, 3, 5], "[1-3,5]", id="hyphen-kept"),
        pytest.param("[4]–[7]", [1, 2, 3, 4, 9], "[1]–[4], [9]", id="bracket-per-number"),
        pytest.param("^{2,3}", [4, 5, 6], "^{4–6}", id="brace-superscript"),
        pytest.param("<sup>2</sup>", [12], "<sup>12</sup>", id="html-superscript"),
        pytest.param("¹²", [3, 4, 5, 8], "³⁻⁵,⁸", id="unicode-superscript"),
    ],
)
def test_format_group_keeps_the_marker_style(
    written: str, numbers: list[int], expected: str
) -> None:
    assert format_group(numbers, group_style(written)) == expected


def test_compact_items() -> None:
    assert compact_items([5, 1, 2, 3, 7, 8, 3]) == [(1, 3), (5, 5), (7, 7), (8, 8)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param(
            "Cites (1) and (3).\n\n## References\n\n"
            "1. Alpha A. First work. J Test. 2001;1:1-2.\n"
            "2. Beta B. Second work. J Test. 2002;2:3-4.\n",
            "CIT001",
            id="undefined-reference",
        ),
        pytest.param(
            "Cites (2) and (1).\n\n## References\n\n"
            "1. Alpha A. First work. J Test. 2001;1:1-2.\n"
            "1. Beta B. Second work. J Test. 2002;2:3-4.\n",
            "used twice",
            id="repeated-number",
        ),
    ],
)
def test_broken_numbering_is_not_renumbered(text: str, reason: str) -> None:
    with pytest.raises(CannotRenumber, match=reason):
        renumber(_analysis(text))


# --- the command -----------------------------------------------------------------------------


def _fix(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["fix", *args])


def test_fix_writes_copy_and_diff_beside_the_original(tmp_path: Path) -> None:
    src = tmp_path / "paper.md"
    src.write_text(OUT_OF_ORDER, encoding="utf-8")
    result = _fix(str(src))
    assert result.exit_code == 0, result.output
    fixed, diff = tmp_path / "paper.fixed.md", tmp_path / "paper.fixed.diff"
    assert src.read_text(encoding="utf-8") == OUT_OF_ORDER  # never in place
    assert "CIT003" not in {f.rule for f in _analysis(fixed.read_text(encoding="utf-8")).findings}
    patch = diff.read_text(encoding="utf-8")
    assert patch.startswith(f"--- {src}\n+++ {fixed}\n")
    assert "-CXCR4 was described first (4)." in patch
    assert "+CXCR4 was described first (1)." in patch
    assert "reference 8 is never cited; moved to the end of the list as 8" in result.output


def test_fix_on_the_seed_gives_an_identical_copy(tmp_path: Path) -> None:
    out = tmp_path / "seed.fixed.md"
    result = _fix(str(SEED), "-o", str(out), "--diff", "-")
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == SEED.read_bytes()
    assert "already in first-citation order" in result.output
    assert "---" not in result.output  # an empty diff on stdout


def test_fix_keeps_crlf_line_endings(tmp_path: Path) -> None:
    src = tmp_path / "paper.md"
    src.write_bytes(OUT_OF_ORDER.replace("\n", "\r\n").encode("utf-8"))
    assert _fix(str(src)).exit_code == 0
    fixed = (tmp_path / "paper.fixed.md").read_bytes()
    assert fixed.count(b"\r\n") == OUT_OF_ORDER.count("\n")


def test_fix_refuses_to_write_in_place(tmp_path: Path) -> None:
    src = tmp_path / "paper.md"
    src.write_text(OUT_OF_ORDER, encoding="utf-8")
    result = _fix(str(src), "-o", str(src))
    assert result.exit_code == 2
    assert "never writes in place" in result.output
    assert src.read_text(encoding="utf-8") == OUT_OF_ORDER
    assert _fix(str(src), "--diff", str(src)).exit_code == 2
    assert src.read_text(encoding="utf-8") == OUT_OF_ORDER


def test_fix_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    src = tmp_path / "paper.md"
    src.write_text(OUT_OF_ORDER, encoding="utf-8")
    (tmp_path / "paper.fixed.md").write_text("keep me", encoding="utf-8")
    result = _fix(str(src))
    assert result.exit_code == 3
    assert "exists; use --force" in result.output
    assert (tmp_path / "paper.fixed.md").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "paper.fixed.diff").exists()
    assert _fix(str(src), "--force").exit_code == 0
    assert (tmp_path / "paper.fixed.md").read_text(encoding="utf-8") != "keep me"


def test_fix_reports_a_numbering_it_cannot_fix(tmp_path: Path) -> None:
    src = tmp_path / "paper.md"
    src.write_text(OUT_OF_ORDER.replace("(7)", "(9)"), encoding="utf-8")
    result = _fix(str(src))
    assert result.exit_code == 3
    assert "citecheck: error: citation '(9)' cites 9" in result.output
    assert not (tmp_path / "paper.fixed.md").exists()


def test_words_inside_a_group_are_kept() -> None:
    text = (
        "First (ref. 2) then (see 1, 3).\n\n## References\n\n"
        "1. Hamm HE. The many faces of G protein signaling. J Biol Chem. 1998;273:669-672.\n"
        "2. Burger JA, Kipps TJ. CXCR4: a key receptor. Blood. 2006;107:1761-1767.\n"
        "3. Feng Y. HIV-1 entry cofactor. Science. 1996;272:872-877.\n"
    )
    fixed = renumber(analyze(document_from_text(text))).text
    assert fixed.startswith("First (ref. 1) then (see 2, 3).")
