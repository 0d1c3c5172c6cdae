"""The PDF reader's page geometry on shapes met in real journals (the sweep of real
manuscripts): a right column whose reference numbers hang into the gutter (Clinical Science)
and running footers of several lines above a page's notes (Portland Press)."""

from __future__ import annotations

from citecheck.inputs.pdf_layout import Line, page_lines
from citecheck.inputs.pdf_margins import drop_running_heads
from citecheck.inputs.pdf_tokens import PageTokens, Token

H = 6.5  # small print, 3 pt a glyph


def _tokens(x: float, bottom: float, text: str, first: bool = True) -> list[Token]:
    out, at = [], x
    for i, word in enumerate(text.split()):
        gap = "\n" if i == 0 and first else " "
        out.append(Token(word, at, at + 3 * len(word), bottom, bottom + H, 0, gap))
        at += 3 * len(word) + 1.5
    return out


def test_reference_numbers_hanging_into_the_gutter_stay_with_their_column() -> None:
    """The widest strip crossed by (almost) no line is the gutter, not the narrow gap between
    the right column's hanging numbers and their entries' text."""
    tokens: list[Token] = []  # in PDFium's order: the left column, then the right one
    for i in range(20):
        tokens += _tokens(60, 700 - 10 * i, "w" * 25 + " " + "w" * 50)  # 60 to 287
    for i in range(20):
        y = 700 - 10 * i
        tokens += _tokens(308, y, f"{35 + i}") + _tokens(326, y, "w" * 30 + " " + "w" * 37, False)
    # notes below the columns: three across the page, one a little past the left column
    for y in (400, 390, 380):
        tokens += _tokens(60, y, " ".join(["www"] * 44))
    tokens += _tokens(60, 370, "Received 19 July 2013; accepted 9 September " + "w" * 39)
    lines = page_lines(PageTokens(9, 595.0, 788.0, tuple(tokens)))
    numbered = [ln for ln in lines if ln.text.split()[0].isdigit()]
    assert len(numbered) == 20
    assert all(ln.column == 2 and ln.text.split()[1].startswith("w") for ln in numbered)
    assert [ln.text.split()[0] for ln in lines if ln.column == 2][:3] == ["35", "36", "37"]


def _line(page: int, bottom: float, text: str, x: float = 60) -> Line:
    tokens = tuple(_tokens(x, bottom, text))
    return Line(page, tokens, x, tokens[-1].x1, bottom, bottom + H, H, 0, text)


def test_a_running_footer_of_several_lines_above_a_pages_notes_is_dropped() -> None:
    footer = ["© 2014 The Author(s)", "C The Authors Journal compilation", "C 2014 Society"]
    pages = []
    for page in range(1, 6):
        body = [_line(page, 700 - 12 * i, f"Body text line {i} of page {page}.") for i in range(30)]
        feet = [_line(page, 24 - 2 * i, text) for i, text in enumerate(footer)]
        notes = [_line(page, 14, "The author(s) has paid for this article"), _line(page, 8, "x")]
        pages.append(body + feet + (notes if page % 2 else []))
    kept = drop_running_heads(pages, [788.0] * 5)
    texts = {ln.text for lines in kept for ln in lines}
    assert not texts & set(footer)
    assert "Body text line 29 of page 3." in texts


def test_footnote_marks_are_masked_only_where_a_footnote_begins_with_their_number() -> None:
    """ACL papers (author-date citations, superscript footnotes): ``corpus^{10}`` is a
    footnote mark when a note begins with its number (``^{5}The TagMe…``, or a line of URL
    notes ``10http://…``); a superscript citation with no such note is left alone."""
    from citecheck.inputs.pdf_notes import footnote_marks
    from citecheck.model import Block, Span

    paragraphs = [
        "We use TagMe^{5} and the corpus^{10} as before^{7}.",
        "^{5}The TagMe APIs are described at https://example.org/tagme",
        "10http://labs.semanticscholar.org/corpus/ 11http://allenai.org/data.html",
    ]
    text = "\n\n".join(paragraphs)
    blocks, at = [], 0
    for p in paragraphs:
        blocks.append(Block("paragraph", Span(at, at + len(p))))
        at += len(p) + 2
    masked = [text[s.start : s.end] for s in footnote_marks(text, blocks)]
    assert masked == ["^{5}", "^{10}", "^{5}"]
    assert footnote_marks(paragraphs[0], blocks[:1]) == []  # no note: a citation, perhaps


def test_footnotes_set_one_after_another_in_a_paragraph_are_all_footnotes() -> None:
    """S2ORC's ACL 2020 paper (papermage's fixture, second sweep): ``^{3}https://…pmc
    ^{4}https://citeseerx… ^{5}https://…anthology`` is one paragraph of notes; the marks 4
    and 5 in the text were read as superscript citations."""
    from citecheck.inputs.pdf_notes import footnote_marks
    from citecheck.model import Block, Span

    paragraphs = [
        "PubMed Central,^{3} CiteSeerX (Giles et al., 1998),^{4} and the ACL Anthology,^{5}",
        "^{3}https://www.ncbi.nlm.nih.gov/pmc ^{4}https://citeseerx.ist.psu.edu "
        "^{5}https://www.aclweb.org/anthology",
    ]
    text = "\n\n".join(paragraphs)
    blocks = [
        Block("paragraph", Span(0, len(paragraphs[0]))),
        Block("paragraph", Span(len(paragraphs[0]) + 2, len(text))),
    ]
    masked = [text[s.start : s.end] for s in footnote_marks(text, blocks)]
    assert masked == ["^{3}", "^{4}", "^{5}"] * 2


def test_a_first_page_with_a_long_abstract_over_its_two_columns_is_read_column_by_column() -> None:
    """BMC's first page (CERMINE's test1.pdf): a title, authors and a 16-line abstract run the
    width of the page above the two columns, an "Open Access" badge beside the title. The
    full-width lines cross the gutter, but none within the stretch the columns share."""
    tokens = _tokens(460, 700, "Open Access")
    for i in range(16):
        tokens += _tokens(57, 650 - 10 * i, " ".join(["wide"] * 31))  # 57 to 535
    for i in range(20):
        tokens += _tokens(57, 450 - 10 * i, f"left{i} " + " ".join(["www"] * 17))
    for i in range(20):
        tokens += _tokens(305, 450 - 10 * i, f"right{i} " + " ".join(["www"] * 17))
    lines = page_lines(PageTokens(1, 595.0, 788.0, tuple(tokens)))
    names = [ln.text.split()[0] for ln in lines if ln.text.startswith(("left", "right"))]
    assert names == [f"left{i}" for i in range(20)] + [f"right{i}" for i in range(20)]


def test_a_page_of_three_columns_is_read_column_by_column() -> None:
    """AI Magazine's reference page (science-parse's aimag10.pdf, second sweep): three
    columns whose lines do not stand on common baselines; read as two, the left two
    columns' lines were interleaved and 57 'entries' came of 19."""
    tokens: list[Token] = []
    for c, x in enumerate((51, 225, 402)):
        for i in range(15):  # each column's baselines a few points off the others'
            words = " ".join(f"c{c}w{i}x{k}" for k in range(6))  # 6 words of 7 glyphs
            tokens += _tokens(x, 700 - 10 * i - 3 * c, words)
    lines = page_lines(PageTokens(10, 621.0, 801.0, tuple(tokens)))
    order = [ln.text.split()[0][:2] for ln in lines]
    assert order == ["c0"] * 15 + ["c1"] * 15 + ["c2"] * 15
    assert len({ln.column for ln in lines}) == 3


def test_running_heads_of_a_small_page_set_on_a_large_sheet_are_dropped() -> None:
    """ACM's journal page printed on A4 (science-parse's c0690a1d….pdf, second sweep): the
    head 'Approximation Algorithms for Data Placement · 23' stands 145 pt below the sheet's
    top, the footer 'ACM Journal Name, Vol. V' 180 pt above its bottom; in the reference
    list they were two 'references'."""
    pages = []
    for page in range(1, 7):
        head = f"{page} · Golubchik and Khanna" if page % 2 == 0 else f"Data Placement · {page}"
        words = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta")[page - 1]
        body = [_line(page, 662 - 12 * i, f"Body {words} line {i}.") for i in range(40)]
        foot = _line(page, 150, "ACM Journal Name, Vol. V, No. N, Month 20YY.")
        pages.append([_line(page, 688, head), *body, foot])
    kept = drop_running_heads(pages, [842.0] * 6)
    texts = {ln.text for lines in kept for ln in lines}
    assert not [t for t in texts if "Data Placement" in t or "ACM Journal" in t]
    assert "Body gamma line 0." in texts and "Body epsilon line 39." in texts
