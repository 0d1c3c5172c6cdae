"""Where the PDF reader's paragraphs break: ragged-right lines kept together unless the next
word would have fitted, hanging indents, page ranges wrapped to a line's start; and the
bundled example printed by Chromium (its first 25 references unnumbered) read whole."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import citecheck
from citecheck.inputs import read_document
from citecheck.inputs.pdf_layout import Line
from citecheck.inputs.pdf_paragraphs import columns, continues
from citecheck.inputs.pdf_tokens import Token
from citecheck.manuscript import ManuscriptResult
from citecheck.model import Severity

SEED_PDF = Path(__file__).parent / "fixtures" / "converted" / "walenkamp2017-cxcr4.pdf"
CHAR, SPACE, HEIGHT = 5.0, 2.5, 12.0  # a made-up font: every glyph 5 pt wide


def _line(x: float, bottom: float, text: str, page: int = 1) -> Line:
    tokens, at = [], x
    for word in text.split():
        tokens.append(Token(word, at, at + CHAR * len(word), bottom, bottom + HEIGHT, 0, " "))
        at += CHAR * len(word) + SPACE
    return Line(page, tuple(tokens), x, tokens[-1].x1, bottom, bottom + HEIGHT, HEIGHT, 0, text)


def _column(x: float, texts: list[tuple[float, str]]) -> list[Line]:
    """Lines 15 pt apart from the top of a page, each (indent, text)."""
    return [_line(x + indent, 700 - 15 * i, text) for i, (indent, text) in enumerate(texts)]


def _paragraphs(lines: list[Line]) -> list[str]:
    cols = columns(lines, HEIGHT)
    groups: list[list[Line]] = []
    for line in lines:
        if groups and continues(groups[-1], line, cols):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [" ".join(ln.text for ln in group) for group in groups]


# ragged right: the column's lines reach x = 72 + 5 * 80 (80 glyphs), most stop short
WIDE = "w" * 38 + " " + "w" * 41  # 80 glyphs: the column's full width
RAGGED = [
    (0, "Smith J. Receptors and their ligands in the"),  # 43 glyphs: room for 36 more
    (0, "extraordinarilylongcompoundedwordingofthings tail. 2001;1:1-2."),  # 44: not fitted
    (0, "Brown K. A study. 2002;2:3-4."),  # ends short, and 'Green' would fit after it
    (0, "Green L. Third work. 2003;3:5-6."),
    *[(0, WIDE)] * 4,  # lines as wide as the column (no word fits after one)
]


def test_ragged_lines_continue_unless_the_next_word_would_have_fitted() -> None:
    paragraphs = _paragraphs(_column(72, RAGGED))
    assert paragraphs[0].startswith("Smith J. Receptors")
    assert paragraphs[0].endswith("2001;1:1-2.")  # the long word did not fit: one entry
    assert paragraphs[1] == "Brown K. A study. 2002;2:3-4."  # 'Green' would have fitted
    assert paragraphs[2].startswith("Green L.")


def test_a_page_range_wrapped_to_the_start_of_a_line_is_not_a_list_label() -> None:
    texts = [(0, "Debnath B. Small molecule inhibitors. 2013;3:47–"), (0, "75."), *RAGGED[2:]]
    paragraphs = _paragraphs(_column(72, texts))
    assert paragraphs[0] == "Debnath B. Small molecule inhibitors. 2013;3:47– 75."


def test_justified_lines_that_stop_short_end_their_paragraph() -> None:
    """In justified text any line well short of the edge is a paragraph's last."""
    texts = [(0, WIDE)] * 9 + [(0, "Short last line."), (0, "w" * 60), (0, WIDE)]
    paragraphs = _paragraphs(_column(72, texts))
    assert paragraphs[-2].endswith("Short last line.")
    assert paragraphs[-1].startswith("w" * 60)


def test_a_line_back_at_the_first_lines_start_after_a_hanging_indent_is_a_new_entry() -> None:
    hanging = [
        (0, "Adams A (2001) A long title of a work on the receptors of " + "w" * 22),
        (18, "w" * 20 + " the journal of receptor studies 12: " + "w" * 18),
        (18, "w" * 20 + " and the end of its lines 1-9. " + "w" * 23),
        (0, "Baker B (2002) Another long title of a work on receptor " + "w" * 23),
        (18, "w" * 20 + " the journal of receptor studies 13: " + "w" * 18),
    ]
    paragraphs = _paragraphs(_column(72, [*hanging, (0, WIDE)]))
    assert [p.split()[0] for p in paragraphs[:2]] == ["Adams", "Baker"]
    assert paragraphs[0].count("journal") == 1


@pytest.fixture(scope="module")
def seed() -> ManuscriptResult:
    pytest.importorskip("pypdfium2")
    return citecheck.check_manuscript(read_document(SEED_PDF))


def test_the_bundled_example_printed_by_chromium_reads_as_its_markdown(
    seed: ManuscriptResult,
) -> None:
    """Its first 25 entries have no printed number (a bulleted list whose bullets are
    drawn): each wrapped entry is one paragraph, numbered by its place."""
    references = seed.analysis.references
    assert len(references) == 88
    assert [r.number for r in references] == list(range(1, 89))
    assert len(seed.analysis.citations) == 59
    assert not [f for f in seed.findings if f.severity is not Severity.INFO]
    orimo = references[8]
    assert orimo.raw.startswith("Orimo A, Gupta PB")
    assert "breast carcinomas promote" in orimo.raw
    assert orimo.raw.endswith("2005;121:335–348.")
    assert references[20].raw.endswith("2013;3:47–75.")
    assert references[24].raw.startswith("Kuhne MR") and references[24].year == "2013"


def test_a_centred_short_line_is_a_heading_bold_or_not() -> None:
    """An APA manuscript's centred headings (``References``, not bold in apaquarto's PDF:
    the sweep of real manuscripts) stand apart from the text after them; an indented or
    punctuated short line does not."""
    from citecheck.inputs.pdf_text import assemble

    centre = 72 + (CHAR * 80 + SPACE) / 2
    texts = [
        (0, WIDE),
        (0, WIDE),
        (centre - 72 - CHAR * len("References") / 2, "References"),
        (0, "Allaire, J. J. (2025). Quarto. " + "w" * 48),
        (36, "Psychological Association (6th ed.). Washington,"),
        *[(0, WIDE)] * 4,
    ]
    text = assemble(_column(72, texts))
    assert [h.title for h in text.headings] == ["References"]
    assert "\n\nReferences\n\nAllaire, J. J." in text.text


def test_characters_beyond_the_bmp_keep_glyph_indices_and_no_lone_halves() -> None:
    """PDFium gives a character beyond the BMP (mathematical italic N in an APA
    manuscript's ``N = 124``) as two glyph indices, its UTF-16 halves."""
    from citecheck.inputs.pdf_tokens import _astral

    halves = "(\ud835\udc41 = 124) \ud835 x"
    read = _astral(halves)
    assert len(read) == len(halves)
    assert read == "(N\x00 = 124) \ufffd x"
    read.encode("utf-8")  # no lone surrogate left


@pytest.mark.parametrize(
    ("end", "start", "joined"),
    [
        ("59–78. https://doi.org/10.", "1080/13645579.2020.1839163", True),
        ("https://CRAN.R-project.org/package=", "MBESS", True),
        ("Psychogeriatrics, 26, 1-9. doi:10.1016/j.", "bandc.2007.02.007.", True),
        ("Simple data frames. https://tibble.tidyverse.org/", "Pargent, F., Hilbert", False),
        ("https://doi.org/10.1177/0734282914522200", "Lord, F. M. (1968).", False),
        ("http://labs.semanticscholar.org/corpus/", "11http://allenai.org/data.html", False),
        ("the end of a sentence.", "1999 was a year", False),
        ("Geology, 39, https://doi.org/10.1130/G32054.1,", "2011.", False),  # Copernicus
    ],
)
def test_a_url_cut_at_a_line_end_is_joined_without_a_space(
    end: str, start: str, joined: bool
) -> None:
    """DOIs and URLs cut where a line may break (APA reference lists of the sweep of real
    manuscripts: ``https://doi.org/10. 1080/…`` was a false REF005)."""
    from citecheck.inputs.pdf_text import assemble

    full = "w" * (78 - len(end)) + " " + end  # as wide as the column: the URL did not fit
    texts = [(0, WIDE), (0, full), (0, start + " " + "w" * 30), *[(0, WIDE)] * 4]
    text = assemble(_column(72, texts)).text
    assert ((end + start) in text) is joined


def _small(x: float, bottom: float, text: str, bold: bool = False) -> Line:
    """A line of small print (8 pt), its glyphs 3.5 pt wide."""
    tokens, at = [], x
    for word in text.split():
        tokens.append(Token(word, at, at + 3.5 * len(word), bottom, bottom + 8, 0, " ", bold))
        at += 3.5 * len(word) + 1.8
    return Line(1, tuple(tokens), x, tokens[-1].x1, bottom, bottom + 8, 8.0, 0, text)


def test_a_small_print_reference_list_under_justified_text_keeps_its_entries_whole() -> None:
    """International Psychogeriatrics (Cambridge), in the sweep of real manuscripts: the
    references, small and ragged under justified body text, their authors in bold, wrap
    early; each entry has a hanging indent. They were read as 6 references (every line a
    paragraph, the bold author lines headings), now as their entries."""
    from citecheck.inputs.pdf_text import assemble

    words = " ".join(["wwww"] * 16)  # justified body text: many words to a line
    body = [_line(72, 700 - 15 * i, words) for i in range(10)]
    entries = [
        (0, "Budas, G., Coughlan, C. M., Seckl, J. R. and Breen,", True),
        (13, "K. C. (1999). The effect of corticosteroids on amyloid beta", False),
        (13, "precursor protein expression and processing in vivo.", False),
        (13, "Neuroscience Letters, 276, 61–64.", False),
        (0, "Charles, E., Bouby-Serieys, V., Thomas, P. and", True),
        (13, "Clément, J. P. (2006). Links between life events and dementia;", False),
        (13, "565 patients with dementia. Encephale, 32, 746–752.", False),
    ]
    small = [_small(72 + dx, 540 - 10 * i, t, b) for i, (dx, t, b) in enumerate(entries)]
    text = assemble([*body, *small])
    paragraphs = text.text.split("\n\n")
    assert paragraphs[-2].startswith("Budas, G.") and paragraphs[-2].endswith("61–64.")
    assert paragraphs[-1].startswith("Charles, E.") and paragraphs[-1].endswith("746–752.")
    assert not [h for h in text.headings if h.title.startswith(("Budas", "Charles"))]


def test_a_justified_small_print_list_with_hanging_numbers_keeps_its_entries_whole() -> None:
    """Clinical Science (Portland Press), in the sweep: the references, small and justified,
    each entry's first line (its number and authors) ending short of the edge, the others
    indented under it. A short first line does not end the entry there."""
    from citecheck.inputs.pdf_text import assemble

    words = " ".join(["wwww"] * 16)
    body = [_line(72, 700 - 15 * i, words) for i in range(10)]
    full = " ".join(["w" * 32, "w" * 32, "w" * 33])  # from 85 to 428: the column's edge
    small, y = [], 540.0
    for n in (22, 23, 24):
        entry = [(0, f"{n} Sun, Y., Yang, F., Yan, J.,"), (13, full), (13, full), (13, "Life Sci.")]
        for dx, text in entry:
            small.append(_small(72 + dx, y, text))
            y -= 10
    paragraphs = assemble([*body, *small]).text.split("\n\n")
    assert [p.split()[0] for p in paragraphs[-3:]] == ["22", "23", "24"]
    assert all(p.endswith("Life Sci.") for p in paragraphs[-3:])


def test_a_history_note_between_two_columns_of_references_leaves_the_list_whole() -> None:
    """Clinical Science (example3.pdf): the article's history note, small and bold with its
    dates and DOI, ends the left column of references; the right column begins with
    ``35 Kroger, W. L., …`` (numbered without a full stop). The note is no heading, its DOI
    takes no entry number, and entry 35 starts its own paragraph."""
    from citecheck.inputs.pdf_text import assemble

    words = " ".join(["wwww"] * 16)
    body = [_line(72, 700 - 15 * i, words) for i in range(10)]
    note = [
        "Received 19 July 2013/20 August 2013; accepted 9 September 2013",
        "Published as Immediate Publication 9 September 2013, doi: 10.1042/CS20130403",
    ]
    left = [_small(72, 500 - 10 * i, text, bold=True) for i, text in enumerate(note)]
    right = [replace(_small(300, 500, "35 Kroger, W. L., Douglas, R. G. and"), column=2)]
    text = assemble([*body, *left, *right])
    assert not text.headings
    assert text.text.split("\n\n")[-1] == "35 Kroger, W. L., Douglas, R. G. and"
    assert "CS20130403\n\n35 Kroger" in text.text


def test_a_reference_numbered_without_a_full_stop_starts_its_entry() -> None:
    """``35 Kroger, W. L., …`` after a full line: a number, a surname and initials at the
    column's edge begin an entry, where ``35 patients with …`` wrapped there does not."""
    texts = [*[(0, WIDE)] * 4, (0, "35 Kroger, W. L., Douglas, R. G. and Dive, V. (2009)")]
    assert _paragraphs(_column(72, texts))[-1].startswith("35 Kroger")
    wrapped = [*[(0, WIDE)] * 4, (0, "35 patients with dementia, a cohort study of " + "w" * 30)]
    assert len(_paragraphs(_column(72, wrapped))) == 1


def test_a_one_line_reference_entry_does_not_take_the_next_one() -> None:
    """apaquarto's APA PDF, in the sweep: ``Schneider, W. J. (2025). apaquarto [Computer
    software]. https://…`` fills one line and the next entry, ``Schwall, A. R. (2012)…``,
    begins at the same edge with a hanging indent under it; the ragged-right rule alone
    joined them (the next entry's first word did not fit)."""
    texts = [
        (0, "Schneider, W. J. (2025). apaquarto [Computer software]. https://github.com/w/a"),
        (0, "Schwall, A. R. (2012). Defining Age and Using Age-Relevant Constructs. Oxford"),
        (36, "University Press."),
        *[(0, WIDE)] * 4,
    ]
    paragraphs = _paragraphs(_column(72, texts))
    assert paragraphs[0].endswith("https://github.com/w/a")
    assert paragraphs[1].startswith("Schwall") and paragraphs[1].endswith("University Press.")


def test_an_author_list_wrapped_at_the_column_edge_stays_one_entry() -> None:
    """Copernicus (Climate of the Past) manuscript in Word's PDF, flush left: ``Inglis, G. N.,
    …, Lunt, D. J.,`` then ``Siler, N., …, Dunkley Jones, T.,`` then ``Edgar, K. M., … 2020.``
    is one entry whose authors fill three lines; each line looks like an entry's start."""
    texts = [
        (0, "Inglis, G. N., Bragg, F., Burls, N. J., Cramwinckel, M. J., Evans, D., Lunt, D.,"),
        (0, "Siler, N., Steinig, S., Tierney, J. E., Wilkinson, R., Anagnostou, E., Jones, T.,"),
        (0, "Edgar, K. M., and Pancost, R. D.: Global mean temperature, 16, 2020."),
        (0, "Ivany, L. C. and Judd, E. J.: Deciphering temperature seasonality in the oceans,"),
        (0, "Annual Review of Earth and Planetary Sciences, 50, 123–152, wwwwwwwwwwww, 2022."),
        (0, "Jones, L. A. and Eichenseer, K.: Uneven spatial sampling, Geology, 50, 238, 2022."),
        *[(0, WIDE)] * 4,
    ]
    paragraphs = _paragraphs(_column(72, texts))
    assert paragraphs[0].startswith("Inglis") and paragraphs[0].endswith("2020.")
    assert paragraphs[1].startswith("Ivany") and paragraphs[1].endswith("2022.")
    assert paragraphs[2].startswith("Jones")  # after a full last line ending in its year


def test_an_apa_entry_whose_first_line_ends_at_its_year_goes_on_under_its_hanging_indent() -> None:
    """papaja's APA PDF (Lakens' TOST manuscript, in the sweep): ``Blume, J. D., …, &
    Greevy, R. A. (2018).`` ends its line short, double-spaced, and the title goes on at the
    hanging indent; the entry was cut in two (the title's first piece would have fitted)."""
    texts = [
        (0, "Blume, J. D., D’Agostino McGowan, L., & Greevy, R. A. (2018)."),
        (36, "Second-generation p-values: Improved rigor. PLOS ONE, 13(3), e0188299."),
        (0, "Hauck, D. W. W., & Anderson, S. (1984). A new statistical procedure for"),
        (36, "testing equivalence. Journal of Pharmacokinetics, 12(1), 83–91."),
        *[(0, WIDE)] * 4,
    ]
    lines = _column(72, texts)
    for i, line in enumerate(lines):  # double spacing: 24 pt from one baseline to the next
        lines[i] = replace(line, bottom=700 - 24 * i, top=712 - 24 * i)
    paragraphs = _paragraphs(lines)
    assert [p.split(",")[0] for p in paragraphs[:2]] == ["Blume", "Hauck"]
    assert paragraphs[0].endswith("e0188299.")


def test_a_year_in_parentheses_wrapped_to_a_lines_start_is_not_a_list_label() -> None:
    """A JMLR paper (futoma2017improved.pdf, in the sweep): ``… (Alvarez et al.`` then
    ``(2012), Nguyen and Bonilla (2014))`` — the paragraph went on; ``(2012)`` was taken for
    a list label and the citation cut in two. A list's ``(12)`` is still a label."""
    texts = [(0, WIDE), (0, "w" * 60 + " (Alvarez et al."), (0, "(2012), Nguyen " + "w" * 60)]
    assert len(_paragraphs(_column(72, [*texts, *[(0, WIDE)] * 3]))) == 1
    listed = [(0, WIDE), (0, "(11) " + "w" * 70), (0, "(12) " + "w" * 70)]
    assert len(_paragraphs(_column(72, [*listed, *[(0, WIDE)] * 3]))) == 3
