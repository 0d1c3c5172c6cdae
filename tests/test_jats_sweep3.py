"""JATS shapes from the third sweep of real manuscripts (/tmp/sweep3/SOURCES.md of the
sweep: SciELO articles). The articles are synthetic, in the shapes those files showed."""

from __future__ import annotations

from pathlib import Path

from citecheck.inputs import read_document
from citecheck.pipeline import analyze
from tests.jats_testlib import article, ref, write, xref


def test_numbers_in_parentheses_are_no_citations_beside_superscript_tags(
    tmp_path: Path,
) -> None:
    """SciELO writes a superscript citation as a bare tag set against the word
    (``scale<xref>9</xref>``); a count or a score in parentheses is no untagged citation."""
    body = (
        f"<p>The rating scale{xref(1)} was used. Pain was mild (1-3), moderate (4-6) or "
        f"severe (7-10) in 65.5% of the patients (131), as before.{xref(2)},{xref(3)}</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body))))
    assert [c.refs for c in analysis.citations] == [(1,), (2, 3)]
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "JATS003")]


def test_an_untagged_bracket_beside_bracket_tags_is_still_reported(tmp_path: Path) -> None:
    body = f"<p>Known [{xref(1)}] and shown [{xref(2)}], untagged [3].</p>"
    analysis = analyze(read_document(write(tmp_path, article(body))))
    assert [f.rule for f in analysis.findings if f.rule == "JATS003"] == ["JATS003"]


def test_an_author_date_list_without_labels_has_no_numbering_order(tmp_path: Path) -> None:
    """SciELO (Hoehnea): <ref>s with no <label>, in alphabetical order, tagged citations
    printed with names and years; the list's order is not first-citation order."""
    refs = "".join(ref(n, family, "2019", label=False) for n, family in enumerate("CBA", 1))
    body = (
        f"<p>First ({xref(3, shown='A et al. 2019')}), then "
        f"({xref(2, shown='B et al. 2019')}; {xref(1, shown='C et al. 2019')}).</p>"
    )
    analysis = analyze(read_document(write(tmp_path, article(body, refs))))
    assert len(analysis.citations) == 2
    assert not [f for f in analysis.findings if f.rule == "CIT003"]
