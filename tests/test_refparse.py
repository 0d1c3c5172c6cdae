"""Parsing one reference into fields: the seed's 88 entries, the hard cases, and spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.bibliography.parse import normalize_pages, parse_reference
from citecheck.bibliography.references import read_references
from citecheck.model import Reference

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = [
    json.loads(line)
    for line in (FIXTURES / "refparse_seed_gold.jsonl").read_text(encoding="utf-8").splitlines()
]


@pytest.fixture(scope="module")
def seed_refs(seed_text: str) -> dict[int, Reference]:
    _, refs = read_references(seed_text)
    return {r.number: r for r in refs if r.number is not None}


def _dash(s: str | None) -> str | None:
    return None if s is None else s.replace("–", "-").replace("—", "-")


@pytest.mark.parametrize(
    "gold", [pytest.param(g, id=f"ref{int(g['meta']['number']):02d}") for g in GOLD]
)
def test_seed_reference_matches_hand_made_gold(seed_refs: dict[int, Reference], gold) -> None:
    ref = seed_refs[int(gold["meta"]["number"])]
    fields = gold["fields"]
    assert [str(a) for a in ref.authors] == fields["authors"]
    assert ref.et_al == bool(gold["meta"].get("etal"))
    assert ref.title == fields["title"]
    assert ref.container == fields["container"]
    assert ref.year == fields["year"]
    assert ref.volume == fields["volume"]
    assert ref.issue == fields.get("issue")
    assert ref.pages == _dash(fields["pages"])
    assert ref.raw.replace("*", "").startswith(fields["authors"][0])


# Hand-checked against the seed text (line "N. Family XX, … *Journal*. YEAR;VOL:PAGES.").
@pytest.mark.parametrize(
    ("number", "family", "given", "year", "volume", "issue", "pages", "container", "ref_type"),
    [
        pytest.param(1, "Caruz", "A", "1998", "426", None, "271-278", "FEBS Lett", "article"),
        pytest.param(
            4, "Wojcechowskyj", "JA", "2011", "6", None, "e24918", "PLoS One", "article",
            id="4-elocator",
        ),
        pytest.param(10, "Müller", "A", "2001", "410", None, "50-56", "Nature", "article"),
        pytest.param(
            13, "De Clercq", "E", "1994", "38", None, "668-674", "Antimicrob Agents Chemother",
            "article", id="13-particle",
        ),
        pytest.param(17, "DiPersio", "JF", "2009", "27", None, "4767-4773", "J Clin Oncol",
                     "article"),
        pytest.param(37, "Dillmann", "F", "2009", "50", None, "1676-1686", "Leuk Lymphoma",
                     "article"),
        pytest.param(42, "Andritsos", "L", "2010", "116", None, "2450", "Blood", "abstract",
                     id="42-abstract"),
        pytest.param(43, "Uy", "GL", "2011", "118", None, "82", "Blood", "abstract",
                     id="43-abstract"),
        pytest.param(44, "Roboz", "GJ", "2013", "122", None, "621", "Blood", "abstract",
                     id="44-abstract"),
        pytest.param(45, "Andreeff", "M", "2012", "120", None, "142", "Blood", "abstract",
                     id="45-abstract"),
        pytest.param(46, "Becker", "PS", "2014", "124", None, "386", "Blood", "abstract",
                     id="46-abstract"),
        pytest.param(47, "Liu", "T", "2016", "5", None, "19", "Exp Hematol Oncol", "article"),
        pytest.param(52, "Wick", "W", "2016", "34", "suppl", "2001", "J Clin Oncol", "article",
                     id="52-suppl"),
        pytest.param(65, "Chen", "Y", "2014", "59", None, "1435-1447", "Hepatology", "article"),
        pytest.param(71, "Hartmath", "SV", "2013", "40", None, "507-517", "Nucl Med Biol",
                     "article", id="71-markup-title"),
        pytest.param(79, "Derlin", "T", "2017", "6", None, "e317-e318", "Clin Nucl Med",
                     "article", id="79-elocator-range"),
        pytest.param(80, "Schmid", "JS", "2016", "9", None, "e005217",
                     "Circ Cardiovasc Imaging", "article"),
        pytest.param(88, "Lapa", "C", "2017", "7", None, "1589-1597",
                     "Theranostics", "article"),
    ],
)  # fmt: skip
def test_seed_hand_checked(
    seed_refs: dict[int, Reference],
    number: int,
    family: str,
    given: str,
    year: str,
    volume: str,
    issue: str | None,
    pages: str,
    container: str,
    ref_type: str,
) -> None:
    ref = seed_refs[number]
    assert ref.first_author is not None
    assert (ref.first_author.family, ref.first_author.given) == (family, given)
    assert (ref.year, ref.volume, ref.issue, ref.pages) == (year, volume, issue, pages)
    assert ref.container == container
    assert ref.type.value == ref_type
    assert ref.parsed


@pytest.mark.parametrize("number", [42, 43, 44, 45, 46])
def test_seed_abstracts_carry_the_note(seed_refs: dict[int, Reference], number: int) -> None:
    assert "[abstract]" in seed_refs[number].notes


def test_seed_markup_titles_kept_as_written(seed_refs: dict[int, Reference]) -> None:
    assert (
        seed_refs[71].title == "[^{99m}Tc]O₂-AMD3100 as a SPECT tracer for CXCR4 receptor imaging"
    )
    assert seed_refs[22].title == (
        "A novel anti-HIV synthetic peptide, T-22 ([Tyr^{5,12}, Lys⁷]-polyphemusin II)"
    )
    assert seed_refs[79].first_page == "e317" and seed_refs[79].last_page == "e318"


def test_seed_particles_hyphens_and_et_al(seed_refs: dict[int, Reference]) -> None:
    assert str(seed_refs[48].authors[2]) == "van Dijk TH"
    assert str(seed_refs[49].authors[1]) == "Timmer-Bosscha H"
    assert seed_refs[48].et_al and len(seed_refs[48].authors) == 3
    # Six authors, no et al.: "Schmid JS, Schirbel A, Buck AK, Kropf S, Wester HJ, Lapa C."
    assert not seed_refs[80].et_al
    assert [a.family for a in seed_refs[80].authors] == [
        "Schmid", "Schirbel", "Buck", "Kropf", "Wester", "Lapa",
    ]  # fmt: skip


def _fields(ref: Reference) -> dict[str, object]:
    return {
        "authors": [str(a) for a in ref.authors],
        "groups": [a.family for a in ref.authors if a.is_group],
        "et_al": ref.et_al,
        "title": ref.title,
        "container": ref.container,
        "year": ref.year,
        "volume": ref.volume,
        "issue": ref.issue,
        "pages": ref.pages,
        "doi": ref.doi,
        "pmid": ref.pmid,
        "pmcid": ref.pmcid,
        "url": ref.url,
        "publisher": ref.publisher,
        "type": ref.type.value,
    }


HARD_CASES = [
    pytest.param(
        "Tamas K, Domanska UM, van Dijk TH, et al. CXCR4 expression. *Curr Pharm Des*. "
        "2015;21:2276–2283.",
        {"authors": ["Tamas K", "Domanska UM", "van Dijk TH"], "et_al": True,
         "title": "CXCR4 expression", "container": "Curr Pharm Des", "pages": "2276-2283"},
        id="particle-van-and-et-al",
    ),
    pytest.param(
        "De Clercq E, Yamamoto N. Inhibition of HIV. Antimicrob Agents Chemother. "
        "1994;38:668–674.",
        {"authors": ["De Clercq E", "Yamamoto N"], "et_al": False,
         "container": "Antimicrob Agents Chemother"},
        id="particle-De-capital",
    ),
    pytest.param(
        "Timmer-Bosscha H, Wester H-J. CXCR4 inhibition. Neoplasia. 2012;14:709–718.",
        {"authors": ["Timmer-Bosscha H", "Wester HJ"], "title": "CXCR4 inhibition"},
        id="hyphenated-family-and-initials",
    ),
    pytest.param(
        "Smith A.B., Jones C. Dotted initials. Nature. 2001;410:50–56.",
        {"authors": ["Smith AB", "Jones C"], "title": "Dotted initials", "volume": "410"},
        id="dotted-initials",
    ),
    pytest.param(
        "WHO Collaborating Group. Global report on things. Lancet. 2010;375:100–110.",
        {"authors": ["WHO Collaborating Group"], "groups": ["WHO Collaborating Group"],
         "title": "Global report on things", "container": "Lancet", "year": "2010"},
        id="group-author",
    ),
    pytest.param(
        "Smith AB, Jones CD (2004) A study of things. PLoS Biol 12: 1–9.",
        {"authors": ["Smith AB", "Jones CD"], "year": "2004", "title": "A study of things",
         "container": "PLoS Biol", "volume": "12", "issue": None, "pages": "1-9",
         "type": "article"},
        id="plos-nlm",
    ),
    pytest.param(
        "Smith AB, Jones CD (2004) A study of things. PLoS Biol 12(3): e1000123.",
        {"year": "2004", "volume": "12", "issue": "3", "pages": "e1000123",
         "container": "PLoS Biol"},
        id="plos-nlm-issue-elocator",
    ),
    pytest.param(
        "Smith AB. A title here. J Biol Chem. 2004;279(12 Suppl 2):1589–97. "
        "doi:10.1074/jbc.M312345200. PMID: 14726513; PMCID: PMC1234567.",
        {"title": "A title here", "container": "J Biol Chem", "volume": "279",
         "issue": "12 Suppl 2", "pages": "1589-1597", "doi": "10.1074/jbc.M312345200",
         "pmid": "14726513", "pmcid": "PMC1234567", "url": None},
        id="ids-suppl-issue-abbreviated-pages",
    ),
    pytest.param(
        "Smith AB. Title. J Abbr. 2004;12:1–9. https://doi.org/10.1000/xyz123",
        {"doi": "10.1000/xyz123", "url": None, "pages": "1-9"},
        id="doi-as-url-is-a-doi",
    ),
    pytest.param(
        "Smith AB, Jones CD, et al. Title words. Nature. 2001;410:50-6.",
        {"authors": ["Smith AB", "Jones CD"], "et_al": True, "pages": "50-56"},
        id="abbreviated-pages-short",
    ),
    pytest.param(
        "Smith AB. Book title. New York: Springer; 2004.",
        {"title": "Book title", "publisher": "Springer", "year": "2004", "type": "book",
         "container": None},
        id="book",
    ),
    pytest.param(
        "Smith AB. Chapter title. In: Jones C, editor. Book Title. Berlin: Springer; 2010.",
        {"title": "Chapter title", "container": "Book Title", "publisher": "Springer",
         "year": "2010", "type": "chapter"},
        id="chapter",
    ),
    pytest.param(
        "Smith AB. A preprint title. bioRxiv. 2020. doi:10.1101/2020.01.01.123456",
        {"type": "preprint", "doi": "10.1101/2020.01.01.123456", "year": "2020"},
        id="preprint",
    ),
    pytest.param(
        "Smith AB. A web page. https://example.org/page. Accessed March 3, 2020.",
        {"url": "https://example.org/page", "type": "web"},
        id="web-page",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "expected"), HARD_CASES)
def test_hard_cases(raw: str, expected: dict[str, object]) -> None:
    got = _fields(parse_reference(raw, number=1))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(". . .", id="dots"),
        pytest.param("  ;  ", id="punctuation"),
    ],
)
def test_unparseable_entry_is_kept_raw(raw: str) -> None:
    ref = parse_reference(raw, number=5, offset=100)
    assert not ref.parsed
    assert ref.raw == raw
    assert ref.number == 5
    assert (ref.span.start, ref.span.end) == (100, 100 + len(raw))
    assert (ref.authors, ref.title, ref.year) == ((), None, None)


def test_free_text_entry_is_not_parsed() -> None:
    assert not parse_reference("see the supplementary file for details").parsed


def test_web_title_stops_before_available_at() -> None:
    ref = parse_reference(
        "Smith AB. A web page. Available at: https://example.org/page. Accessed March 3, 2020."
    )
    assert ref.title == "A web page"


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        pytest.param("1589–97", "1589-1597", id="abbreviated-2"),
        pytest.param("1200–3", "1200-1203", id="abbreviated-1"),
        pytest.param("123-5", "123-125", id="abbreviated-hyphen"),
        pytest.param("99-101", "99-101", id="full-crossing-hundred"),
        pytest.param("271–278", "271-278", id="en-dash"),
        pytest.param("1589 — 1597", "1589-1597", id="spaced-em-dash"),
        pytest.param("e317–e318", "e317-e318", id="elocator-range"),
        pytest.param("S12–S15", "S12-S15", id="supplement-pages"),
        pytest.param("e24918", "e24918", id="single-elocator"),
        pytest.param("2450", "2450", id="single-page"),
    ],
)
def test_normalize_pages(pages: str, expected: str) -> None:
    assert normalize_pages(pages) == expected


def _plain(s: str) -> str:
    return " ".join(s.replace("*", "").split())


def _check_spans(ref: Reference, source: str) -> None:
    assert source[ref.span.start : ref.span.end] == ref.raw
    for name, span in ref.spans.items():
        assert ref.span.start <= span.start <= span.end <= ref.span.end, name
        piece = source[span.start : span.end]
        if name == "authors":
            assert ref.authors and _plain(piece).startswith(ref.authors[0].family)
        elif name == "pages":
            assert normalize_pages(piece) == ref.pages
        else:
            assert _plain(piece) == _plain(getattr(ref, name)), name


@pytest.mark.parametrize(("raw", "expected"), HARD_CASES)
def test_spans_slice_back_to_the_field_text(raw: str, expected: dict[str, object]) -> None:
    prefix = "xx\n"  # a non-zero offset
    ref = parse_reference(raw, number=1, offset=len(prefix))
    assert set(ref.spans) >= {k for k, v in _fields(ref).items() if v and k in _SPANNED}
    _check_spans(ref, prefix + raw)


_SPANNED = {"title", "container", "year", "volume", "issue", "pages", "doi", "pmid", "pmcid", "url"}


def test_seed_spans_slice_back_into_the_document(
    seed_text: str, seed_refs: dict[int, Reference]
) -> None:
    for ref in seed_refs.values():
        assert set(ref.spans) >= {"authors", "title", "container", "year", "volume", "pages"}
        _check_spans(ref, seed_text)


@pytest.mark.parametrize(
    ("raw", "authors", "title", "container", "year", "volume", "issue", "pages"),
    [
        pytest.param(
            "Smith, A. B.; Jones, C. D. A Title. J. Am. Chem. Soc. 2001, 123, 1-2.",
            ["Smith AB", "Jones CD"], "A Title", "J. Am. Chem. Soc", "2001", "123", None, "1-2",
            id="acs",
        ),
        pytest.param(
            'A. Smith, "First Paper About Things," Journal of Things, vol. 5, no. 2, '
            "pp. 10-20, 2020.",
            ["Smith A"], "First Paper About Things", "Journal of Things", "2020", "5", "2",
            "10-20", id="ieee",
        ),
        pytest.param(
            "Smith, J. A., & Jones, B. (2004). A study of things. Journal of Stuff, 12(3), 1–9.",
            ["Smith JA", "Jones B"], "A study of things", "Journal of Stuff", "2004", "12", "3",
            "1-9", id="apa",
        ),
        pytest.param(
            "Smith, A. B., Jones, C. D. & Lee, E. Title of the paper. Nature 421, 123–127 (2003).",
            ["Smith AB", "Jones CD", "Lee E"], "Title of the paper", "Nature", "2003", "421",
            None, "123-127", id="nature",
        ),
        pytest.param(
            "A. B. Smith, C. D. Jones, A title in Science style. Science 300, 1519–1522 (2003).",
            ["Smith AB", "Jones CD"], "A title in Science style", "Science", "2003", "300", None,
            "1519-1522", id="science",
        ),
        pytest.param(
            "A. Smith, B. Jones, A title in Elsevier style, Biochim. Biophys. Acta 1805 (2010) "
            "105–117.",
            ["Smith A", "Jones B"], "A title in Elsevier style", "Biochim. Biophys. Acta",
            "2010", "1805", None, "105-117", id="elsevier-numbered",
        ),
        pytest.param(
            "Smith, A. B., Jones, C. D. & Lee, E. Title of the paper, with commas. "
            "Nature 421, 123–127 (2003).",
            ["Smith AB", "Jones CD", "Lee E"], "Title of the paper, with commas", "Nature",
            "2003", "421", None, "123-127", id="nature-title-with-commas",
        ),
    ],
)  # fmt: skip
def test_other_journal_styles(raw, authors, title, container, year, volume, issue, pages) -> None:  # type: ignore[no-untyped-def]
    r = parse_reference(raw)
    got = ([str(a) for a in r.authors], r.title, r.container, r.year, r.volume, r.issue, r.pages)
    assert got == (authors, title, container, year, volume, issue, pages)


@pytest.mark.parametrize(
    ("raw", "title", "container", "year", "volume", "pages"),
    [
        ("Bender W, Hudson A. 2000. P element homing to the Drosophila bithorax complex. "
         "Development 127: 3981–3992.", "P element homing to the Drosophila bithorax complex",
         "Development", "2000", "127", "3981-3992"),
        ("Smith J, Lee K. 2019a. A title. Nature 500: 10–20.", "A title", "Nature", "2019",
         "500", "10-20"),
        ("Schuman MC, Baldwin IT. 2015. Data from: Plant defense phenotypes. Dryad Digital "
         "Repository. 10.5061/dryad.xxxx.", "Data from: Plant defense phenotypes",
         "Dryad Digital Repository", "2015", None, None),
    ],
)  # fmt: skip
def test_year_after_the_names(raw, title, container, year, volume, pages) -> None:  # type: ignore[no-untyped-def]
    """Author-date (eLife): "Authors. Year. Title. Journal Vol: pages." """
    r = parse_reference(raw)
    got = (r.title, r.container, r.year, r.volume, r.pages)
    assert got == (title, container, year, volume, pages)
