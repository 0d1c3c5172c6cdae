"""Which citation system a manuscript uses: ``numbered`` (``[3]``, superscripts),
``author-date`` (APA, Harvard, Chicago author-date), ``keyed`` (LaTeX or pandoc keys, JATS
ids) or ``unknown`` — decided from the reference list and the citations each finder saw."""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.model import Reference

NUMBERED, AUTHOR_DATE, KEYED, UNKNOWN = "numbered", "author-date", "keyed", "unknown"
SYSTEMS = (NUMBERED, AUTHOR_DATE, KEYED, UNKNOWN)

# An entry that opens with its authors and then its year: "Smith, J., & Lee, K. (2019).",
# "Smith J (2019)", "Smith, John. 2019.", "Smith, J. 2019a."
_YEAR_EARLY = re.compile(
    r"[(.,]\s*(?:(?:1[6-9]|20)\d\d[a-z]?|(?-i:n\.\s?d\.)|in press)\s*[).,]", re.I
)


_NAMES_DECIDE = 5  # links by name and year that outweigh a numbered list's printed numbers


def has_printed_numbers(references: Sequence[Reference]) -> bool:
    return any(r.number is not None and not r.number_inferred for r in references)


def is_author_date_entry(ref: Reference) -> bool:
    """The year follows the authors, before the title (or, unparsed, early in the entry)."""
    spans = ref.spans
    if "year" in spans and "title" in spans:
        return spans["year"].start < spans["title"].start
    m = _YEAR_EARLY.search(ref.raw[:250])
    return m is not None and not any(ch.isdigit() for ch in ref.raw[: m.start()])


def author_date_list(references: Sequence[Reference]) -> bool:
    """Most entries are written author-date."""
    if not references:
        return False
    return 2 * sum(map(is_author_date_entry, references)) > len(references)


def citation_system(
    references: Sequence[Reference],
    numbered_citations: int,
    author_date: int,
    linked_author_date: int,
) -> str:
    """The system a manuscript cites by. ``numbered_citations``: the groups the numbered
    finder saw; ``author_date``: the author-date works the author-date finder saw,
    ``linked_author_date`` of them link to an entry. A list that prints numbers is numbered
    unless five or more works, and more than twice the numbered groups, link by name and
    year (a numbered list cited by author and year), or, with no numbered citation at all,
    more works link than half the entries."""
    if any(r.citekey is not None for r in references):
        return KEYED
    if has_printed_numbers(references):  # numbered, unless cited by name and year throughout
        many = linked_author_date >= _NAMES_DECIDE and linked_author_date > 2 * numbered_citations
        # no numbered citation at all: links to most entries decide (a Word-numbered list)
        only = not numbered_citations and 2 * linked_author_date > len(references)
        return AUTHOR_DATE if many or only else NUMBERED
    list_says = author_date_list(references)
    if linked_author_date and (list_says or linked_author_date > numbered_citations):
        return AUTHOR_DATE
    if numbered_citations:
        return NUMBERED
    return AUTHOR_DATE if list_says and author_date else UNKNOWN
