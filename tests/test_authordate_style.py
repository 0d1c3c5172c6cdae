"""Author-date style rules (issue #21): when a citation writes "et al." and when every name
(CIT009, CIT010; APA 7 by default, Harvard and Chicago by option) and whether a/b suffixes
follow the titles (CIT011)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.checks.adstyle import printed_author_count, title_order_key
from citecheck.checks.audit import AuditOptions
from citecheck.cli import main
from citecheck.inputs import document_from_text
from citecheck.pipeline import analyze

FIXTURE = Path(__file__).parent / "fixtures" / "authordate" / "apa.md"

LIST = """
# References

Adams, A., Wu, B., & Li, C. (2019). Three authors on cells. Cell, 3, 5-6.

Lee, K. (2017). One author on cells. Cell, 1, 1-2.

Smith, J., & Lee, K. (2018). Two authors on cells. Nature, 500, 10-20.
"""


def _rules(body: str, style: str = "apa", refs: str = LIST) -> list[tuple[str, tuple]]:
    text = f"# Intro\n\n{body}\n{refs}"
    analysis = analyze(document_from_text(text), AuditOptions(citation_style=style))
    assert analysis.system == "author-date"
    return [(f.rule, f.refs) for f in analysis.findings if f.rule in ("CIT009", "CIT010")]


ALL_RIGHT_APA = "Cells move (Adams et al., 2019; Lee, 2017). Smith and Lee (2018) agree."


def test_apa_names_as_apa_wants_is_quiet() -> None:
    assert _rules(ALL_RIGHT_APA) == []


@pytest.mark.parametrize(
    ("body", "style", "expected"),
    [
        ("Smith et al. (2018) agree (Adams et al., 2019; Lee, 2017).", "apa", "smith2018"),
        ("Smith (2018) agrees (Adams et al., 2019; Lee, 2017).", "apa", "smith2018"),
        (ALL_RIGHT_APA, "chicago", "adams2019"),  # three authors: every name in Chicago
        (ALL_RIGHT_APA, "harvard", "adams2019"),
    ],
)
def test_et_al_where_the_style_wants_every_name(body: str, style: str, expected: str) -> None:
    assert _rules(body, style) == [("CIT009", (expected,))]


def test_every_name_where_apa_wants_et_al() -> None:
    body = "Cells move (Adams, Wu, & Li, 2019; Lee, 2017). Smith and Lee (2018) agree."
    assert _rules(body) == [("CIT010", ("adams2019",))]
    assert _rules(body, "chicago") == []  # three names are right in Chicago


def test_four_authors_want_et_al_in_chicago() -> None:
    refs = LIST.replace("& Li, C. (2019)", "Li, C., & Ode, D. (2019)")
    body = "Cells move (Adams, Wu, Li, & Ode, 2019; Lee, 2017). Smith and Lee (2018) agree."
    assert _rules(body, "chicago", refs) == [("CIT010", ("adams2019",))]
    assert _rules(body.replace("Adams, Wu, Li, & Ode", "Adams et al."), "chicago", refs) == []


def test_names_spelt_out_to_tell_two_works_apart_are_right() -> None:
    refs = LIST.replace(
        "Lee, K. (2017)",
        "Adams, A., Park, B., & Kim, C. (2019). Other cells. Cell, 4, 1-2.\n\nLee, K. (2017)",
    )
    body = (
        "Cells move (Adams, Wu, & Li, 2019; Adams, Park, & Kim, 2019; Lee, 2017). "
        "Smith and Lee (2018) agree."
    )
    assert _rules(body, "apa", refs) == []


def test_entries_whose_authors_disagree_with_their_text_are_not_judged() -> None:
    # the parser may read fewer authors than printed: no finding rather than a wrong one
    assert printed_author_count("Smith J, Lee K, Wu L. 2019. Title. J 1: 2.") == 3
    assert printed_author_count("Smith, J., Lee, K., & Wu, L. (2019). Title.") == 3
    assert printed_author_count("Smith, J.-P., & Lee, K. (2019). Title.") == 2
    assert printed_author_count("Wu G, Xu G, Ho RK. 2003. Title.") == 3
    assert printed_author_count("Smith J, Lee K, et al. 2019. Title.") == 99
    assert printed_author_count("No year at all") is None
    copernicus = "Smith, J., Park, M., and Kim, J.: Floods in 2013, Nat. Geosci., 3, 5-6, 2019."
    assert printed_author_count(copernicus) == 3


SUFFIXES = """# Intro

Cells move (Lee, 2019a, 2019b).

# References

Lee, K. (2019a). {a}. Cell, 1, 1-2.

Lee, K. (2019b). {b}. Cell, 2, 3-4.
"""


@pytest.mark.parametrize(
    ("a", "b", "style", "finding"),
    [
        ("Zebrafish cells", "Apple cells", "apa", True),
        ("Apple cells", "Zebrafish cells", "apa", False),
        ("The zebrafish cells", "A bee's cells", "apa", True),  # articles are not sorted on
        ("Zebrafish cells", "Apple cells", "chicago", True),
        ("Zebrafish cells", "Apple cells", "harvard", False),  # Harvard variants differ
    ],
)
def test_suffixes_in_title_order(a: str, b: str, style: str, finding: bool) -> None:
    text = SUFFIXES.format(a=a, b=b)
    analysis = analyze(document_from_text(text), AuditOptions(citation_style=style))
    found = [f.refs for f in analysis.findings if f.rule == "CIT011"]
    assert found == ([("lee2019a", "lee2019b")] if finding else [])


def test_title_order_key_drops_articles_and_folds() -> None:
    assert title_order_key("The Über cells") == title_order_key("uber cells")
    assert title_order_key("An apple") < title_order_key("Bees")


def test_style_from_the_command_line_and_the_config(tmp_path: Path) -> None:
    path = tmp_path / "apa.md"
    path.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    apa = CliRunner().invoke(main, ["check", str(path), "--select", "CIT009"])
    assert "CIT009" not in apa.output
    chicago = CliRunner().invoke(
        main, ["check", str(path), "--select", "CIT009", "--citation-style", "chicago"]
    )
    assert "CIT009" in chicago.output and "caruz1998" in chicago.output
    (tmp_path / "citecheck.toml").write_text('citation-style = "harvard"\n', encoding="utf-8")
    harvard = CliRunner().invoke(main, ["check", str(path), "--select", "CIT009"])
    assert "CIT009" in harvard.output
    bad = CliRunner().invoke(main, ["check", str(path), "--citation-style", "mla"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_a_manuscript_following_another_style_gets_one_finding() -> None:
    refs = "\n".join(
        f"{n}, A., Wu, B., & Li, C. ({y}). Work {n}. Cell, 1, 2-3.\n"
        for n, y in (("Adams", 2011), ("Baker", 2012), ("Clark", 2013), ("Davis", 2014),
                     ("Evans", 2015), ("Foster", 2016))
    )  # fmt: skip
    body = "Cells move (" + "; ".join(
        f"{n}, Wu, & Li, {y}"
        for n, y in (("Adams", 2011), ("Baker", 2012), ("Clark", 2013), ("Davis", 2014),
                     ("Evans", 2015), ("Foster", 2016))
    ) + ")."  # fmt: skip
    apa = _rules(body, "apa", "\n# References\n\n" + refs)
    assert [rule for rule, _ in apa] == ["CIT010"]
    (summary,) = [
        f
        for f in analyze(
            document_from_text(f"# Intro\n\n{body}\n\n# References\n\n{refs}")
        ).findings
        if f.rule == "CIT010"
    ]
    assert summary.message.startswith("6 citations name authors as Harvard")
    assert 'citation-style = "harvard"' in summary.message
    assert _rules(body, "harvard", "\n# References\n\n" + refs) == []


def test_lettered_works_listed_out_of_letter_order() -> None:
    text = SUFFIXES.format(a="Apple cells", b="Zebrafish cells")
    lines = text.split("\n\n")
    swapped = "\n\n".join([*lines[:3], lines[4], lines[3]])  # 2019b listed first
    findings = analyze(document_from_text(swapped)).findings
    found = [f for f in findings if f.rule == "CIT011"]
    assert [f.refs for f in found] == [("lee2019a", "lee2019b")]
    assert "listed before" in found[0].message


def test_the_options_know_every_style_the_style_rules_define() -> None:
    from citecheck.checks.adstyle import STYLES
    from citecheck.checks.audit import CITATION_STYLES, DEFAULT_STYLE

    assert tuple(STYLES) == CITATION_STYLES and DEFAULT_STYLE in STYLES
