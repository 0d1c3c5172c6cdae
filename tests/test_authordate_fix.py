"""``citecheck fix`` on an author-date Markdown manuscript: the a/b suffixes CIT007 asks for,
in the list (title order) and in the citations whose names tell the entries apart; the
others named one a line. Synthetic manuscripts in APA's shape."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from citecheck.adsuffix import add_suffixes
from citecheck.cli import main
from citecheck.inputs import document_from_text
from citecheck.pipeline import analyze

PAPER = """# Intro

Cells move (Smith, 2019; Lee & Wu, 2018), as Smith (2019) showed,
and Lee and Wu (2018), Lee, Wu, et al. (2018) and Lee et al. (2018) confirmed
(Smith & Park, 2019).

# References

Lee, K., & Wu, B. (2018). Zebrafish fins regrow. Cell, 2, 3-4.

Lee, K., Wu, B., et al. (2018). Apple trees in winter. Cell, 3, 5-6.

Smith, J. (2019). The cells of the heart. Nature, 1, 1-2.

Smith, J. (2019). A brain study. Nature, 1, 3-4.

Smith, J., & Park, Q. (2019). Two authors. Nature, 1, 5-6.
"""


def test_entries_are_lettered_in_title_order_and_told_apart_citations_too() -> None:
    result = add_suffixes(analyze(document_from_text(PAPER)))
    text = result.text
    refs = text[text.index("# References") :]
    assert refs.index("(2018a). Apple trees") < refs.index("(2018b). Zebrafish")
    assert refs.index("(2019a). A brain study") < refs.index("(2019b). The cells")
    assert "Smith, J., & Park, Q. (2019). Two" in refs  # another work: untouched
    body = text[: text.index("# References")]
    # two names, no "et al.": only the two-author entry; "et al.": only the one with it
    assert "(Smith, 2019; Lee & Wu, 2018b)" in body
    assert "Lee and Wu (2018b)" in body and "Lee, Wu, et al. (2018a)" in body
    assert "Lee et al. (2018a)" in body and "(Smith & Park, 2019)" in body
    assert result.citations_lettered == 4
    # "Smith" alone fits both of Smith's 2019 entries: left for the author, twice
    assert [u.text for u in result.undecided] == ["Smith, 2019", "Smith (2019)"]
    assert all(len(u.keys) == 2 for u in result.undecided)
    after = analyze(document_from_text(text))
    assert not [f for f in after.findings if f.rule in ("CIT007", "CIT011")]


def test_a_citation_that_may_cite_an_unlettered_entry_too_is_undecided() -> None:
    three = "Lee, K., Wu, B., & Kim, C. (2018). Three authors on cells. Cell, 3, 5-6.\n"
    result = add_suffixes(analyze(document_from_text(PAPER + "\n" + three)))
    undecided = {u.text: u.keys for u in result.undecided}
    assert "Lee et al. (2018)" in undecided and "Lee, Wu, et al. (2018)" in undecided
    assert any(k.startswith("lee2018 (") for k in undecided["Lee et al. (2018)"])
    assert "Lee et al. (2018)" in result.text  # left as written


def test_a_partly_lettered_group_is_left_for_the_author() -> None:
    text = PAPER.replace("Smith, J. (2019). A brain", "Smith, J. (2019a). A brain")
    result = add_suffixes(analyze(document_from_text(text)))
    assert not any(key.startswith("smith") for key, _ in result.lettered)


def test_the_command_writes_a_copy_a_diff_and_one_line_per_undecided_citation(
    tmp_path: Path,
) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text(PAPER, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(paper)])
    assert result.exit_code == 0, result.output
    assert paper.read_text(encoding="utf-8") == PAPER  # never in place
    fixed = (tmp_path / "paper.fixed.md").read_text(encoding="utf-8")
    assert "(2019a). A brain study" in fixed
    patch = (tmp_path / "paper.fixed.diff").read_text(encoding="utf-8")
    assert "+Lee and Wu (2018b)" not in patch  # the diff is by line
    assert "+and Lee and Wu (2018b), Lee, Wu, et al. (2018a)" in patch
    lines = [line for line in result.output.splitlines() if "add the letter by hand" in line]
    assert len(lines) == 2 and lines[0].startswith(f"{paper}:3:13: citation 'Smith, 2019'")
    again = CliRunner().invoke(main, ["fix", str(paper)])
    assert again.exit_code == 3 and "--force" in again.output
    forced = CliRunner().invoke(main, ["fix", str(paper), "--force", "-o", str(tmp_path / "x.md")])
    assert forced.exit_code == 0


def test_a_manuscript_with_nothing_to_letter_gives_an_identical_copy(tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    text = PAPER.replace("Smith, J. (2019). A brain study. Nature, 1, 3-4.\n\n", "")
    text = text.replace(
        "Lee, K., Wu, B., et al. (2018). Apple trees in winter. Cell, 3, 5-6.\n\n", ""
    )
    paper.write_text(text, encoding="utf-8")
    out = tmp_path / "out.md"
    result = CliRunner().invoke(main, ["fix", str(paper), "-o", str(out), "--diff", "-"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == text
    assert "identical copy" in result.output


def test_a_lettered_group_is_not_named() -> None:
    text = PAPER.replace("(2019). The cells", "(2019b). The cells")
    text = text.replace("(2019). A brain", "(2019a). A brain")
    result = add_suffixes(analyze(document_from_text(text)))
    assert not result.skipped
    assert [key for key, _ in result.lettered] == ["lee2018+wu-2", "lee2018+wu"]
