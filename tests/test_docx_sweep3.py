"""Word shapes from the third sweep of real manuscripts (/tmp/sweep3/SOURCES.md of the
sweep: a Quarto manuscript rendered to Word, an ASME template filled with EndNote). The
documents are synthetic, in the shapes those files showed."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from citecheck.inputs import read_document
from citecheck.pipeline import analyze
from tests.docx_testlib import p, write_docx

APA = [
    "Adams, S. B. (2007). Direct and indirect effects of channel catfish. Transactions of "
    "the American Fisheries Society, 136(5), 1389-1399.",
    "Bates, D., Mächler, M., Bolker, B., & Walker, S. (2015). Fitting linear mixed-effects "
    "models using lme4. Journal of Statistical Software, 67(1), 1-48.",
    "Kusabs, I. A., & Quinn, J. M. (2009). Use of a traditional Maori harvesting method. "
    "New Zealand Journal of Marine and Freshwater Research, 43(3), 713-722.",
]


def test_a_bibliography_styled_list_with_no_heading_is_the_reference_list(
    tmp_path: Path,
) -> None:
    body = (
        p("Results", style="Heading1")
        + p(escape("Catfish eat crayfish (Adams, 2007; Kusabs & Quinn, 2009), as modelled by"))
        + p("Bates et al. (2015).")
        + "".join(p(escape(entry), style="Bibliography") for entry in APA)
    )
    analysis = analyze(read_document(write_docx(tmp_path / "index.docx", body)))
    assert analysis.section is not None
    assert [r.citekey for r in analysis.references] == ["adams2007", "bates2015", "kusabs2009"]
    assert not [f for f in analysis.findings if f.severity.name in ("ERROR", "WARNING")]


NUMBERED = [
    "[1] Frazier, W. E., “Metal Additive Manufacturing: A Review,” J Mater Eng Perform, "
    "23(6), (2014), pp. 1917-1928.",
    "[2] Tapia, G., and Elwany, A., “A Review on Process Monitoring and Control in Metal-Based "
    "Additive Manufacturing,” J Manuf Sci E, 136(6), (2014), 060801.",
    "[3] Scime, L., and Beuth, J., “A multi-scale convolutional neural network for anomaly "
    "detection,” Additive Manufacturing, 24, (2018), pp. 273-286.",
]


def test_a_templates_placeholder_list_before_the_endnote_list_is_left_out(
    tmp_path: Path,
) -> None:
    body = (
        p("Printing is monitored [1-3].")
        + p("Place any acknowledgements here.REFERENCES")
        + p("[1] Nearing, Anne G. ASME Style Guide, 2018")
        + p("[2] No more than 15 references.")
        + "".join(p(entry, style="EndNoteBibliography") for entry in NUMBERED)
    )
    analysis = analyze(read_document(write_docx(tmp_path / "paper.docx", body)))
    assert [r.number for r in analysis.references] == [1, 2, 3]
    assert analysis.references[0].authors[0].family == "Frazier"
    assert not [f for f in analysis.findings if f.rule in ("REF001", "REF002", "CIT002")]


def test_no_break_spaces_inside_an_entry_are_spaces() -> None:
    """Word writes no-break spaces between initials and names and before a volume."""
    from citecheck.bibliography.parse import parse_reference

    ref = parse_reference(
        "C.M.\u00a0Gullion,\u00a0D.S.\u00a0Keith et al (2006). Impact of comorbidities on "
        "mortality in CKD. Am J Kidney Dis.\u00a048, 212-220"
    )
    assert [(a.family, a.given) for a in ref.authors] == [("Gullion", "CM"), ("Keith", "DS")]
    assert (ref.container, ref.volume, ref.pages) == ("Am J Kidney Dis", "48", "212-220")


def test_a_zotero_field_printing_only_the_year_is_no_reference_number(tmp_path: Path) -> None:
    """Zotero, author suppressed: "Holsman et al. (2012)" with "(2012)" the field's result;
    the list is author-date, so there is no reference 2012 to miss."""
    from fields_testlib import csl_item, field, zotero_code

    item = csl_item(1, "Interacting effects of translocation", "Holsman", "Kirstin K.", 2012)
    body = (
        p(
            "As shown by Holsman et al. ",
            field(zotero_code([item], "(2012)"), "(2012)"),
            ", survival varies.",
        )
        + p("References", style="Heading1")
        + p(
            escape(
                "Holsman, Kirstin K., Mark D. Scheuerell, and Eric Buhle. 2012. Interacting "
                "effects of translocation. Conservation Biology 26: 912–922."
            )
        )
    )
    analysis = analyze(read_document(write_docx(tmp_path / "zotero.docx", body)))
    assert not [f for f in analysis.findings if f.rule == "FLD001"]
    assert [r.citekey for r in analysis.references] == ["holsman2012"]
