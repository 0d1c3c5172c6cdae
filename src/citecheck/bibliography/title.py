"""Splitting the text between the authors and the date into title and container.

All functions work on index ranges of one plain text, so every piece keeps its span. The
rules, in order: an *emphasised* journal; a "quoted title" (closing quote followed by the
container); the last sentence end that is not inside a dotted journal abbreviation
("J. Biol. Chem.", "Phys. Rev E"); and, when the title and journal are not separated by a
period ("… in pregnancy Am J Obstet Gynecol 1996;"), the trailing run of capitalised words.
"""

from __future__ import annotations

import re

from citecheck.bibliography.journals import ends_with_abbreviation, is_abbreviated_journal

Range = tuple[int, int]

# A sentence end: ".", "?" or "!" (possibly inside a closing quote) followed by a space.
SENT_END = re.compile(r"[.?!][\"”’']?\s+")
_OPEN_QUOTE = re.compile(r"[\"“‘']")
# The quote that closes a quoted title: after the title's own punctuation ("Title.")
# or before the reference's (“Title”,); a quote followed by ":" is part of the title.
# A double quote before a capitalised word closes the title too ("Title" Journal).
_CLOSE_QUOTE = re.compile(r"(?<=[.,?!])\s?[\"”’'](?=\s)|[\"”’'](?=[.,]\s)|[\"”](?=\s+[A-Z])")
# Words a journal title is written in: capitalised (possibly dotted) words, "&", "of", "and".
_JOURNAL_WORD = re.compile(r"[A-Z][\w'’-]*\.?|&|of|and|the|for|de|der|für|fur|et")
_LOWER_WORD = re.compile(r"[a-z0-9][\w'’-]*[,:;]?")
_WORD = re.compile(r"\S+")
_CONNECTORS = frozenset({"&", "of", "and", "the", "for", "de", "der", "für", "fur", "in", "et"})


def strip_span(text: str, start: int, end: int, chars: str = " .,;:") -> Range:
    """``(start, end)`` without the given characters at either side."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def split_title_container(
    text: str, start: int, end: int, emphasis: tuple[Range, ...] = (), *, journal: bool = True
) -> tuple[Range | None, Range | None]:
    """Split "Title. Journal" (the text before the date/volume anchor) into two ranges.

    ``journal`` says the text is known to end with a container (it precedes a volume), so a
    title and journal without a period between them may be split at the capitalised run.
    """
    start, end = strip_span(text, start, end)
    if start >= end:
        return None, None
    for es, ee in reversed(emphasis):
        if start <= es and ee <= end + 1 and es > start:
            title = strip_span(text, start, es)
            return (title if title[0] < title[1] else None), strip_span(text, es, ee)
    quoted = _quoted_title(text, start, end)
    if quoted:
        return quoted
    if journal and text.find(".", start, end) >= 0 and is_abbreviated_journal(text[start:end]):
        return None, (start, end)  # "A. B. Smith, Phys. Rev. Lett. 101, 1 (2008)": no title
    cut = _title_end(text, start, end)
    if cut is None:
        run = _journal_run(text, start, end) if journal else None
        if run is None:
            return None, (start, end)
        return strip_span(text, start, run), (run, end)
    title = strip_span(text, start, cut[0])
    container = strip_span(text, cut[1], end)
    return _non_empty(text, title), _non_empty(text, container)


def _non_empty(text: str, span: Range) -> Range | None:
    return span if span[0] < span[1] else None


def _quoted_title(text: str, start: int, end: int) -> tuple[Range, Range] | None:
    """``"Title." Journal`` or ``“Title,” Journal``: the title is what the quotes enclose."""
    if not _OPEN_QUOTE.match(text, start):
        return None
    close = _CLOSE_QUOTE.search(text, start + 1, end + 1)
    if not close:
        return None
    title = strip_span(text, start + 1, close.start(), " .,;:")
    container = strip_span(text, close.end(), end)
    if title[0] >= title[1] or container[0] >= container[1]:
        return None
    return title, container


def _title_end(text: str, start: int, end: int) -> Range | None:
    """Where the title stops and the container starts: the last sentence end that does not
    belong to a dotted journal abbreviation ("… embryos. Ecotoxicol. Environ. Saf"), or,
    when the title itself ends in a word like one ("… Mice and Men. J. Exp. Med"), the
    leftmost sentence end with a journal-like rest; ``None`` when there is no sentence end."""
    splits = [(m.start() + 1, m.end()) for m in SENT_END.finditer(text, start, end)]
    if not splits:
        return None
    best = None
    for title_end, container_start in reversed(splits):
        if end - container_start > _LONGEST_JOURNAL or not _journal_like(text[container_start:end]):
            break
        best = title_end, container_start
        word = text[max(start, title_end - 40) : title_end]
        if not ends_with_abbreviation(word) or text.find(" ", start, title_end) < 0:
            break  # a title's last word, or the segment's first word
    return best or splits[-1]


_LONGEST_JOURNAL = 200  # characters: longer, and the rest is no journal name


def _journal_like(text: str) -> bool:
    """Capitalised words, single letters, numbers and connectors only, as journal names are."""
    return bool(text.strip()) and text.count(" ") < 14 and not _NOT_JOURNAL_TOKEN.search(text)


# A token a journal name does not hold: one starting in lower case (not a connector) or with
# a symbol other than "(", "&", "-", "–" or ":".
_NOT_JOURNAL_TOKEN = re.compile(
    r"(?:^|\s)(?!(?:&|of|and|the|for|de|der|für|fur|in|et)[.,:]?(?:\s|$)|[-–:](?:\s|$))"
    r"[^\s(A-Z0-9À-ÖØ-Þ]"
)


def _journal_run(text: str, start: int, end: int) -> int | None:
    """Start of the trailing run of capitalised words that follows a lowercase word
    (``… in pregnancy Am J Obstet Gynecol``); ``None`` when there is no such run."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(text, start, end)]
    if len(words) < 3:
        return None
    i = len(words)
    while i > 0 and _JOURNAL_WORD.fullmatch(words[i - 1][1]):
        i -= 1
    while i < len(words) and words[i][1] in _CONNECTORS:
        i += 1
    if i == len(words) or i < 2 or not _LOWER_WORD.fullmatch(words[i - 1][1]):
        return None
    return words[i][0]
