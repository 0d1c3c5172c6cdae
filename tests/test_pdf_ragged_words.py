"""In ragged-right text a line ends its paragraph only when the next line's first word would
have fitted after it. What counts as that first word (APA proofs in the sweep, Lakens et
al. 2018): a URL is not cut at its hyphens (``https://CRAN.R-`` is no place to break), and
tokens a kern apart on one baseline (``46`` ``(4),``: italic volume, roman issue) are one
word."""

from __future__ import annotations

from test_inputs_pdf_paragraphs import CHAR, HEIGHT, RAGGED, _column, _paragraphs

from citecheck.inputs.pdf_layout import Line
from citecheck.inputs.pdf_tokens import Token


def _kerned(x: float, bottom: float, words: list[tuple[str, float]]) -> Line:
    """A line of ``(word, gap before it)``."""
    tokens, at = [], x
    for word, gap in words:
        at += gap
        tokens.append(Token(word, at, at + CHAR * len(word), bottom, bottom + HEIGHT, 0, " "))
        at += CHAR * len(word)
    text = " ".join(word for word, _ in words)
    return Line(1, tuple(tokens), x, at, bottom, bottom + HEIGHT, HEIGHT, 0, text)


def test_a_url_too_long_for_the_room_left_goes_on_its_entry() -> None:
    entry = [
        (0, "Doe, J. (2017). rmarkdown: Dynamic documents for R. Retrieved from"),  # 90 pt left
        (0, "https://CRAN.R-project.org/package=rmarkdown"),  # 'https://CRAN.R-' is 75 pt
    ]
    paragraphs = _paragraphs(_column(72, [*entry, *RAGGED]))
    assert paragraphs[0] == " ".join(text for _, text in entry)


def test_a_volume_and_its_issue_a_kern_apart_are_one_word() -> None:
    lines = _column(
        72,
        [
            *RAGGED,
            (0, "Meehl, P. E. (1978). Theoretical risks and slow progress. Clinical Psychology,"),
        ],
    )  # 32.5 pt left
    bottom = lines[-1].bottom - 15
    issue = [("46", 0.0), ("(4),", 1.0), ("806-834.", 2.5)]  # '46' alone (10 pt) would fit
    paragraphs = _paragraphs([*lines, _kerned(72, bottom, issue)])
    assert paragraphs[-1].endswith("Clinical Psychology, 46 (4), 806-834.")
    # a word space after '46' (2.5 pt): '46' is a word of its own, and it would have fitted
    spaced = [("46", 0.0), ("(4),", 2.5), ("806-834.", 2.5)]
    paragraphs = _paragraphs([*lines, _kerned(72, bottom, spaced)])
    assert paragraphs[-1] == "46 (4), 806-834."


def test_a_superscript_a_hair_before_a_word_is_not_taken_into_it() -> None:
    # affiliation notes: a raised '3' a hair before 'Center' is the note's number alone (5 pt),
    # which would have fitted after the line before (37.5 pt left); '3Center' would not
    affiliation = "2 Department of Physics, University of Isfahan, Isfahan, Iran, and elsewhere."
    lines = _column(72, [*RAGGED, (0, affiliation)])
    bottom = lines[-1].bottom - 15
    raised = Token("3", 72, 77, bottom + 4, bottom + 12, 0, "\n")
    words = _kerned(78, bottom, [("Center", 0.0), ("for", 2.5), ("Networks.", 2.5)])
    note = Line(1, (raised, *words.tokens), 72, words.x1, bottom, bottom + HEIGHT, HEIGHT, 0, "")
    assert _paragraphs([*lines, note])[-2].endswith(affiliation)
