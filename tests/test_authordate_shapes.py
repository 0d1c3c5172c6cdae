"""Author-date shapes other publishers print (issue #21): names glued to the word before
them, works joined by "and" inside one parenthesis, reference entries led by the citation
label they are cited by (PeerJ's XML), personal communications."""

from __future__ import annotations

import pytest

from citecheck.citations.authordate import find_authordate
from citecheck.inputs import document_from_text
from citecheck.pipeline import analyze


def _works(text: str) -> list[tuple[tuple[str, ...], str]]:
    return [(w.names, w.year) for c in find_authordate(text) for w in c.works]


@pytest.mark.parametrize(
    ("text", "works"),
    [
        ("(e.g.,Erickson, Lappin & Vliet, 2003;Herrel & Gibb, 2006)",
         [(("Erickson", "Lappin", "Vliet"), "2003"), (("Herrel", "Gibb"), "2006")]),
        ("as described inWerning (2012). Two", [(("Werning",), "2012")]),
        ("from Lull & Wright (1942),Evans (2010), and",
         [(("Lull", "Wright"), "1942"), (("Evans",), "2010")]),
        ("(modified from those inDodson, 1975, andEvans, 2010)",
         [(("Dodson",), "1975"), (("Evans",), "2010")]),
        ("(Smith & Lee, 2019, and Wu, 2020)", [(("Smith", "Lee"), "2019"), (("Wu",), "2020")]),
        ("(Smith, 2019, Table 2)", [(("Smith",), "2019")]),
    ],
)  # fmt: skip
def test_shapes_are_read(text: str, works: list) -> None:
    assert _works(text) == works


@pytest.mark.parametrize(
    "text",
    ["(eLife, 2019)", "(mRNA 2019)", "(TA Gates and DC Evans, pers. comm. to A Farke, 2012)"],
)
def test_not_citations(text: str) -> None:
    assert _works(text) == []


LABELLED = """# Introduction

Growth (Alberch et al., 1979; Bell & Brink, in press) and Weishampel (1981a, 1981b).

# References

Alberch et al. (1979) Alberch P, Gould SJ, Oster GF, Wake DB. Size and shape. Paleobiology. 1979.
5(12): 296-317.

Bell & Brink (in press) Bell PR, Brink KS. Kazaklambia convincens comb. nov. Journal of
Vertebrate Paleontology.

Weishampel (1981a) Weishampel DB. Acoustic analyses. Paleobiology. 1981. 7: 252-261.

Weishampel (1981b) Weishampel DB. The nasal cavity. J Paleontol. 1981. 55: 1046-1057.
"""


def test_entries_led_by_their_citation_label() -> None:
    analysis = analyze(document_from_text(LABELLED))
    assert analysis.system == "author-date"
    assert [r.key for r in analysis.references] == [
        "alberch1979",
        "bellinpress",
        "weishampel1981a",
        "weishampel1981b",
    ]
    assert [len(r.authors) for r in analysis.references] == [4, 2, 1, 1]
    assert {k for c in analysis.citations for k in c.refs} == {
        "alberch1979",
        "bellinpress",
        "weishampel1981a",
        "weishampel1981b",
    }
    assert not [f for f in analysis.findings if f.rule.startswith("CIT")]


ONE_A_LINE = """# Introduction

Structures (Heel and Schatz, 2005; van Heel et al., 1996; Tie et al., 2007).
Smith et al. (2019) and Lee (2018) agree (Wu et al., 2020).

# References

{0}Heel M, Schatz M. 2005. Fourier shell correlation. J Struct Biol 151: 250-62.
{1}van Heel M, Harauz G, Orlova EV, Schmidt R, Schatz M. 1996. IMAGIC. J Struct Biol 116: 17-24.
{2}Lee K. 2018. One author. Cell 1: 2-3.
{3}Smith J, Park M, Kim J. 2019. Three authors. Nature 500: 5-6.
{4}Tie F, Stratton CA, Kurzhals RL, Harte PJ. 2007. The N terminus of ESC. Mol Cell 1: 3-4.
{5}Wu L, Li M, Chen H. 2020. Three more. Cell 2: 3-4.
"""


@pytest.mark.parametrize("marks", [("",) * 6, tuple(f"{n}. " for n in range(1, 7))])
def test_a_list_of_one_entry_a_line_numbered_or_not(marks: tuple[str, ...]) -> None:
    analysis = analyze(document_from_text(ONE_A_LINE.format(*marks)))
    assert analysis.system == "author-date"
    keys = ["heel2005", "vanheel1996", "lee2018", "smith2019", "tie2007", "wu2020"]
    assert [r.key for r in analysis.references] == keys
    assert {k for c in analysis.citations for k in c.refs} == set(keys)


def test_a_numbered_list_cited_by_number_stays_numbered() -> None:
    text = ONE_A_LINE.format(*(f"{n}. " for n in range(1, 7))).replace(
        "# References", "Cited by number too [1-6], [2], [3].\n\n# References"
    )
    analysis = analyze(document_from_text(text))
    assert analysis.system == "numbered"


def test_a_program_cited_by_its_title() -> None:
    text = (
        "# Methods\n\nData were processed (Xds, 2010; Lee, 2018).\n\n# References\n\n"
        "Kabsch W. 2010. Xds. Acta Crystallographica Section D 66: 125-132.\n\n"
        "Lee K. 2018. One author on cells. Cell 1: 2-3.\n"
    )
    analysis = analyze(document_from_text(text))
    assert [c.refs for c in analysis.citations] == [("kabsch2010", "lee2018")]
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002")]


def test_a_product_named_with_a_year_is_a_citation_only_of_an_entry() -> None:
    text = (
        "# Methods\n\nReads (HiSeq 2000) were analysed (GraphPad Prism, 2019) against "
        "(UniProt Consortium, 2013) as before (McDonald, 2019).\n\n# References\n\n"
        "UniProt Consortium. 2013. Update on activities. Nucleic Acids Res 41: 43-47.\n\n"
        "Lee K. 2018. One author on cells. Cell 1: 2-3.\n"
    )
    analysis = analyze(document_from_text(text))
    assert [c.refs for c in analysis.citations] == [("uniprotconsortium2013",), ("mcdonald2019",)]
    assert [f.refs for f in analysis.findings if f.rule == "CIT001"] == [("mcdonald2019",)]
