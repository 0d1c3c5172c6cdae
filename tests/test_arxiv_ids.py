"""arXiv identifiers read from references (pure): the printed forms, the shapes arXiv gives
out, and which references are checked through their arXiv DOI."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.bibliography.bibfile import references_from_bibtex
from citecheck.bibliography.ids import arxiv_doi, arxiv_id, find_arxiv_id
from citecheck.bibliography.parse import parse_reference
from citecheck.inputs import read_document
from citecheck.pipeline import analyze
from citecheck.verify.arxiv import arxiv_beside_journal, arxiv_to_check
from citecheck.verify.preprints import server_words, title_printed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Attention. arXiv preprint arXiv:1706.03762v5 [cs.CL]. 2017.", "1706.03762"),
        ("Attention. arXiv: 1706.03762. 2017", "1706.03762"),
        ("Attention. CoRR abs/1706.03762 (2017)", "1706.03762"),
        ("Attention. CoRR, vol. abs/1706.03762, 2017.", "1706.03762"),
        ("Few-shot learners. ArXiv, abs/2005.14165 (2020).", "2005.14165"),
        ("Attention. 2021. https://arxiv.org/abs/2101.01234v2", "2101.01234"),
        ("Attention. 2021. https://arxiv.org/pdf/2101.01234.pdf", "2101.01234"),
        ("Holography. arXiv:hep-th/9711200.", "hep-th/9711200"),
        ("Knots. arXiv:math.GT/0309136", "math/0309136"),  # the subject class is not the id
        ("Attention. arXiv. 2017. 1706.03762.", "1706.03762"),  # JATS pub-id text
        ("@misc{v, eprint = {hep-th/9711200}, archivePrefix = {arXiv}}", "hep-th/9711200"),
        ("Phys Lett B 897 (2015) 732 [arXiv:1502.05479]", "1502.05479"),
        ("PoS LATTICE2010 (2010) 020 [arXiv: 1009 .0657[hep-lat]].", "1009.0657"),  # from a PDF
        ("Gravitational collapse. arXiv:gr-qc/ 9710068.", "gr-qc/9710068"),
        ("Probabilistic logic neural networks. arxiv:cs.LG/1906.08495", "1906.08495"),
    ],
)
def test_printed_arxiv_ids_are_read(text: str, expected: str) -> None:
    assert find_arxiv_id(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Nature 2017; 546:1706.03762", id="no-arxiv-named"),
        pytest.param("arXiv:1706.3762", id="three-digit-number"),
        pytest.param("arXiv:1413.01234", id="month-13"),
        pytest.param("arXiv:0703.1234", id="new-style-before-april-2007"),
        pytest.param("arXiv:1501.1234", id="four-digits-from-2015"),
        pytest.param("arXiv:1412.12345", id="five-digits-before-2015"),
        pytest.param("arXiv:hep-th/0704001", id="old-style-after-march-2007"),
        pytest.param("arXiv:foo-bar/9901001", id="unknown-archive"),
        pytest.param("arXiv 2017. pp 1706.03762-1706.03770", id="a-range"),
        pytest.param("arXiv:1706.03762 and arXiv:1801.01234", id="two-ids"),
        pytest.param("doi:10.48550/arXiv.1706.03762", id="inside-a-doi"),
        pytest.param("Title. arXiv 2017. 1706 .03762", id="spaced-without-a-label"),
    ],
)
def test_numbers_that_are_not_one_arxiv_id_are_none(text: str) -> None:
    assert find_arxiv_id(text) is None


def test_the_same_id_twice_is_one_id() -> None:
    assert find_arxiv_id("arXiv:1706.03762 https://arxiv.org/abs/1706.03762v2") == "1706.03762"


def test_arxiv_dois() -> None:
    assert arxiv_doi("1706.03762") == "10.48550/arXiv.1706.03762"
    assert arxiv_doi("hep-th/9711200") == "10.48550/arXiv.hep-th/9711200"
    assert arxiv_id("2101.01234v3") == "2101.01234" and arxiv_id("2101.1234") is None


@pytest.mark.parametrize(
    ("printed", "server"),
    [
        ("arxiv", "arxiv"),
        ("arxiv preprint arxiv 1706 03762", "arxiv"),
        ("arxiv e prints", "arxiv"),
        ("corr abs 1706 03762", "arxiv"),
        ("corrosion science", "corrosion science"),
        ("biorxiv", "biorxiv"),
    ],
)
def test_server_words(printed: str, server: str) -> None:
    assert server_words(printed) == server


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vaswani A. Attention is all you need. arXiv preprint arXiv:1706.03762. 2017.",
            "1706.03762",
        ),
        ("Vaswani A. Attention is all you need. CoRR abs/1706.03762 (2017).", "1706.03762"),
        ("Vaswani A. Attention is all you need. 2017. arXiv:1706.03762.", "1706.03762"),
        pytest.param(
            "Vaswani A. Attention is all you need. arXiv:1706.03762. doi:10.48550/arXiv.1706.03762",
            "",
            id="doi-printed",
        ),
        pytest.param(
            "Aad G, et al. Observation of a new particle. Phys Lett B. 2012;716:1-29. "
            "arXiv:1207.7214",
            "",
            id="journal-printed",
        ),
    ],
)
def test_which_printed_references_are_checked_by_arxiv_id(text: str, expected: str) -> None:
    assert arxiv_to_check(parse_reference(text)) == expected


def test_an_arxiv_id_beside_a_journal_is_read_apart() -> None:
    journal = parse_reference(
        "Aad G, et al. Observation of a new particle. Phys Lett B. 2012;716:1-29. arXiv:1207.7214"
    )
    preprint = parse_reference("Vaswani A. Attention is all you need. 2017. arXiv:1706.03762.")
    assert arxiv_beside_journal(journal) == "1207.7214"
    assert arxiv_beside_journal(preprint) == ""


BIB = """\
@misc{vaswani,
  title = {Attention is all you need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  year = {2017},
  eprint = {1706.03762},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL}
}
@online{maldacena,
  title = {The large N limit of superconformal field theories and supergravity},
  author = {Maldacena, Juan},
  date = {1997},
  eprint = {hep-th/9711200},
  eprinttype = {arxiv}
}
@misc{report,
  title = {A technical report with a dotted number},
  author = {Smith, Jane},
  year = {2017},
  number = {1706.03762}
}
"""


def test_bib_eprint_fields_give_the_arxiv_id() -> None:
    refs = references_from_bibtex(BIB, "refs.bib").references
    assert [arxiv_to_check(r) for r in refs] == ["1706.03762", "hep-th/9711200", ""]


JATS = """<?xml version="1.0"?>
<article><front><article-meta><title-group><article-title>T</article-title></title-group>
</article-meta></front><body><p>Text <xref ref-type="bibr" rid="r1">1</xref>.</p></body>
<back><ref-list><title>References</title>
<ref id="r1"><label>1</label><element-citation publication-type="preprint"><person-group
person-group-type="author"><name><surname>Vaswani</surname><given-names>A</given-names></name>
</person-group><article-title>Attention is all you need</article-title><source>arXiv</source>
<year>2017</year><pub-id pub-id-type="arxiv">1706.03762</pub-id></element-citation></ref>
</ref-list></back></article>
"""


def test_jats_arxiv_pub_id_gives_the_arxiv_id(tmp_path: Path) -> None:
    path = tmp_path / "paper.xml"
    path.write_text(JATS, encoding="utf-8")
    (ref,) = analyze(read_document(path)).references
    assert arxiv_to_check(ref) == "1706.03762"


def test_title_printed() -> None:
    raw = "Smith J, Lee K. 2019. Deep Networks for Protein-Folding Kinetics. arXiv:1901.01234"
    assert title_printed(raw, "Deep networks for protein folding kinetics")
    assert title_printed(
        raw.replace("Protein-Folding", "ProteinFolding"),
        "Deep networks for protein folding kinetics",
    )
    assert not title_printed(raw, "Deep networks for protein design")
    assert not title_printed(raw, "Deep networks")  # too short to tell
