"""Finding the reference section of a manuscript.

A heading such as ``## References`` or ``Literature Cited`` (one of the document's
:attr:`~citecheck.model.Document.headings`), or a line of its own naming the list
(``REFERENCES``, ``**References**``) opens it. It ends at the next heading of the same or a
higher level (any heading, after a line of its own), at an appendix-like heading or line, at a
figure or table caption, at another reference heading, or at the end of the text. When several
headings qualify, the one whose body looks most like a reference list wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.bibliography.parse import parse_reference
from citecheck.inputs.markdown import find_headings
from citecheck.model import Document, Heading, ReferenceSection, Span

_NAMES = (
    r"references?(?:\s+and\s+notes)?|bibliography|literature\s+cited|cited\s+literature"
    r"|notes\s+and\s+references|works\s+cited|reference\s+list|references\s+cited"
    r"|literature|sources|cited\s+references|references\s+and\s+further\s+reading"
    # the list's name in other languages: Portuguese, Spanish, French, Italian, German, Dutch
    r"|refer[eê]ncias(?:\s+bibliogr[aá]ficas)?|referencias(?:\s+bibliogr[aá]ficas)?"
    r"|literatura\s+citada|bibliograf[ií]a|r[ée]f[ée]rences(?:\s+bibliographiques)?"
    r"|bibliographie|riferimenti\s+bibliografici|literaturverzeichnis|literatur"
    r"|quellenverzeichnis|literatuur(?:lijst)?|referenties"
)
_NAMED_TITLE = re.compile(_NAMES, re.IGNORECASE)  # a heading's title, whole
# A line of its own that names the list: "References", "REFERENCES:", "**7. References**".
_NAMED_LINE = re.compile(
    rf"""^(?P<emph>\*\*|__)?[ \t]*
        (?:\d+(?:\.\d+)*\.?[ \t]+)?            # section number "7." / "7.1"
        (?:{_NAMES})
        [ \t]*(?::[ \t]*)?(?:(?P=emph)[ \t]*)?(?::[ \t]*)?$""",  # one way to read the spaces
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
# Pandoc's reference list: the div "::: {#refs}" (citeproc fills it, with or without a heading).
_REFS_DIV = re.compile(r"^[ \t]*:{3,}[ \t]*\{[ \t]*#refs\b[^}\n]*\}[ \t]*$", re.MULTILINE)
_CONTINUATION_WORDS = r"(?:methods|additional|supplementary|online)[ \t]+references"
_CONTINUATION_TITLE = re.compile(_CONTINUATION_WORDS, re.IGNORECASE)
# A second list that continues the numbering (Nature's "Methods References"), as a line of
# the text: entries drop such lines from the list.
CONTINUATION = re.compile(
    rf"^[ \t]*(?:\#{{1,6}}[ \t]+)?(?:\*\*|__)?[ \t]*{_CONTINUATION_WORDS}"
    r"[ \t]*(?::[ \t]*)?(?:(?:\*\*|__)[ \t]*)?$",
    re.IGNORECASE,
)
# Section names that end a reference list: as a heading's title, or as a line of its own.
_ENDER_WORDS = (
    r"(?:[A-Z]\.?[ \t]+|\d+\.?[ \t]+)?"
    r"(?:appendix|appendices|supporting\s+information|supplementary\s+(?:material|information|data)"
    r"|figure\s+legends?|figure\s+captions?|tables?|acknowledge?ments?|author\s+contributions"
    r"|funding|conflicts?\s+of\s+interest|competing\s+interests|abbreviations"
    r"|about\s+the\s+authors?|list\s+of\s+(?:figures|tables)"
    r"|(?:received|accepted|published|recebido|aceito|recibido|aceptado)(?=\s*:?\s*\d))"
    r"\b[^\n]{0,60}$"
)
_ENDER_TITLE = re.compile(_ENDER_WORDS, re.IGNORECASE)
_ENDER_LINE = re.compile(rf"^(?:\*\*|__)?[ \t]*{_ENDER_WORDS}", re.IGNORECASE | re.MULTILINE)
# A figure or table caption after the list ("Figure 1. …", "**Table 2.** …") ends it too.
_CAPTION = re.compile(
    r"^(?:\*\*|__)?[ \t]*(?:figure|fig\.|table)[ \t]*S?\d+[.:|]", re.IGNORECASE | re.MULTILINE
)
_ENTRY_START = re.compile(
    r"^[ \t\f]*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}\\?[.)]|[-*+•][ \t])", re.MULTILINE
)
# A year, "1999" or "2004a", as a word of its own: ``\b(1[6-9]\d\d|20\d\d)[a-z]?\b`` written
# so that a search skips to the next "1" or "2" (the word boundary before the year is the
# look-behind after its first digit).
_YEAR = re.compile(r"((?:1(?<!\w1)[6-9]|2(?<!\w2)0)\d\d)[a-z]?\b")
# The patterns that start at a line start (``^``), after the line break before them: a search
# for them skips from one "\n" to the next instead of trying every position.
_AFTER_BREAK = {
    rx: re.compile(r"\n" + rx.pattern, rx.flags)
    for rx in (_NAMED_LINE, _REFS_DIV, _ENDER_LINE, _CAPTION, _ENTRY_START)
}


@dataclass(frozen=True, slots=True)
class _Candidate:
    heading: str
    span: Span
    level: int  # the heading's level; 0 for a line of its own
    body_start: int


def _named(text: str, headings: Sequence[Heading]) -> list[_Candidate]:
    """Headings and lines of their own that name a reference list, in order."""
    found = []
    for h in headings:
        if _NAMED_TITLE.fullmatch(h.title):
            first = text.find("\n", h.span.start, h.span.end)  # a Setext heading's text line
            line = Span(h.span.start, h.span.end if first == -1 else first)
            body_start = h.span.end + 1 if h.span.end < len(text) else h.span.end
            found.append(_Candidate(_text(text, line), line, h.level, body_start))
    starts = {h.span.start for h in headings}
    for start, end, own in (*_whole_lines(_NAMED_LINE, text), *_whole_lines(_REFS_DIV, text)):
        if start not in starts:
            body_start = end + 1 if end < len(text) else end
            found.append(_Candidate(own.strip(), Span(start, end), 0, body_start))
    return sorted(found, key=lambda c: c.span.start)


def _whole_lines(rx: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of each match of ``rx`` (a pattern from the start of a line,
    ``^``), as ``rx.finditer(text)`` gives them: tried at the text's start, then after each
    line break, which a search for "\\n" finds fast (``^`` alone is tried everywhere)."""
    found = []
    first = rx.match(text)
    if first:
        found.append((0, first.end(), first.group(0)))
    after_break = _AFTER_BREAK[rx]
    for m in after_break.finditer(text, first.end() if first else 0):
        found.append((m.start() + 1, m.end(), m.group(0)[1:]))
    return found


def _first_line(rx: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """Where ``rx.search(text, start, end)`` matches (``rx`` a pattern from the start of a
    line), found as :func:`_whole_lines` finds matches."""
    if start == 0 and (m := rx.match(text, 0, end)):
        return 0
    m = _AFTER_BREAK[rx].search(text, max(start - 1, 0), end)
    return m.start() + 1 if m else None


def _text(text: str, span: Span) -> str:
    return text[span.start : span.end].strip()


def _section_end(
    text: str,
    body_start: int,
    level: int,
    headings: Sequence[Heading],
    heading_starts: Sequence[int],
    named: Sequence[int],
) -> int:
    """Where a reference section that starts at ``body_start`` ends (``named``: where the
    headings and lines that name a reference list start)."""
    end = len(text)
    i = bisect_left(named, body_start)  # another reference heading ends it too (first, so
    if i < len(named):  # that the searches below stop there: one pass for all the headings)
        end = named[i]
    first = bisect_left(heading_starts, body_start)
    for h in headings[first:]:
        if _CONTINUATION_TITLE.fullmatch(h.title):
            continue  # "## Methods References": the same numbering goes on
        if h.span.start >= end:
            break
        if level == 0 or h.level <= level:
            end = h.span.start
            break
    for h in headings[first:]:
        if h.span.start >= end:
            break
        if _ENDER_TITLE.match(h.title):
            end = h.span.start
    for rx in (_ENDER_LINE, _CAPTION):
        found = _first_line(rx, text, body_start, end)
        if found is not None:
            end = found
    return end


def _score(text: str, body: Span) -> float:
    """How much a stretch of text looks like a reference list (numbered entries, years)."""
    chunk = text[body.start : body.end]
    numbered = len(_whole_lines(_ENTRY_START, chunk))
    years = len(_YEAR.findall(chunk))
    lines = sum(1 for line in chunk.splitlines() if line.strip())
    return numbered * 2 + min(years, lines * 2) + (1 if lines else 0)


NO_HEADING = ""  # ReferenceSection.heading of a list found without a heading


def find_reference_section(
    text: str, *, document: Document | None = None
) -> ReferenceSection | None:
    """Locate the reference list; ``None`` when the manuscript has none.

    The headings are ``document``'s (its reader found them); without a document, ``text`` is
    read as Markdown for them. Without a reference heading, a numbered list at the end of the
    text whose entries read like references is taken, or else the longest list numbered from
    1 inside the text whose entries read as references (:func:`_numbered_run`); its
    ``heading`` is empty, and the audit says so: REF007."""
    headings = find_headings(text) if document is None else document.headings
    named = _named(text, headings)
    starts = [c.span.start for c in named]
    heading_starts = [h.span.start for h in headings]
    scored = []
    for c in named:
        end = _section_end(text, c.body_start, c.level, headings, heading_starts, starts)
        body = Span(c.body_start, max(c.body_start, end))
        score = _score(text, body)
        if score > 0:
            scored.append((score, c, body))
    if not scored:
        return _trailing_list(text) or _numbered_run(text) or _trailing_authordate(text)
    # Highest score wins; on a tie the later heading (reference lists come last).
    score, best, body = max(scored, key=lambda t: (t[0], t[1].span.start))
    return ReferenceSection(best.heading, best.span, body, len(scored))


_NUMBERED_LINE = re.compile(r"^[ \t\f]*(?:\[\d{1,6}\]|\d{1,6}\\?[.)])[ \t]+\S", re.MULTILINE)


def _trailing_list(text: str) -> ReferenceSection | None:
    """The last run of numbered lines (blank lines between allowed) when it ends the text,
    has at least three entries and most of them carry a year."""
    lines = text.rstrip().split("\n")
    starts = []
    offset = len("\n".join(lines)) + 1
    for line in reversed(lines):
        offset -= len(line) + 1
        if not line.strip():
            continue
        if _NUMBERED_LINE.match(line):
            starts.append((offset, line))
        elif starts and line[:1] in " \t":
            continue  # an indented continuation of the entry below
        else:
            break
    if len(starts) < 3:
        return None
    with_year = sum(1 for _, line in starts if _YEAR.search(line))
    if with_year < 0.6 * len(starts):
        return None
    begin = starts[-1][0]
    return ReferenceSection(NO_HEADING, Span(begin, begin), Span(begin, len(text.rstrip())), 0)


# An author-date entry's head: a family name, a comma, initials or a given name, then the
# year in parentheses or after a full stop ("Adams, S. B. (2007).", "Bates, D., … 2015.")
_AD_ENTRY = re.compile(
    r"[A-ZÀ-Þ][\w'’-]+(?:\s[A-ZÀ-Þ][\w'’-]+)?,\s(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][a-zß-ÿ]+)"
    r"[^\n\d]{0,300}?(?:\((?:(?:1[6-9]|20)\d\d[a-z]?|n\.\s?d\.|in\s?press)\)"
    r"|\.\s(?:1[6-9]|20)\d\d[a-z]?\.)"
)
_MIN_AD_ENTRIES = 5


def _trailing_authordate(text: str) -> ReferenceSection | None:
    """An author-date list with no heading that ends the text (Quarto and pandoc print the
    bibliography without one unless the author writes it): the paragraphs at the end that
    open as author-date entries, at least five and four in five of them (an entry dated
    "inreview" or broken by a page is passed over; three others in a row end the list). One
    pass back over the paragraphs."""
    end = len(text.rstrip())
    begin, entries, others, misses, pos = end, 0, 0, 0, end
    while pos > 0 and misses < 3:
        start = text.rfind("\n\n", 0, pos)
        paragraph_start = start + 2 if start >= 0 else 0
        if text[paragraph_start:pos].strip():
            if _AD_ENTRY.match(text, paragraph_start):
                begin, entries, others, misses = paragraph_start, entries + 1, others + misses, 0
            else:
                misses += 1
        if start < 0:
            break
        pos = start
    if entries < _MIN_AD_ENTRIES or 5 * others > entries:
        return None
    return ReferenceSection(NO_HEADING, Span(begin, begin), Span(begin, end), 0)


_NUMBER = re.compile(r"[ \t\f]*(?:\[(\d{1,4})\]|(\d{1,4})\\?[.)])[ \t]+\S")
_MIN_RUN = 5  # entries a list inside the text needs (one ending the text: three)


@dataclass(frozen=True, slots=True)
class _Run:
    first: int  # the number of its first entry
    entries: int
    with_year: int  # entries that read as a reference: authors and a year
    span: Span


def _runs(text: str, start: int = 0) -> list[_Run]:
    """The runs of lines numbered n, n + 1, n + 2, … from ``start`` on (blank and indented
    lines between allowed), in order. One pass over the lines."""
    found: list[_Run] = []
    run: list[int] = [0, 0, 0, 0, 0]  # first, entries, with a year, start, end
    pos = start
    for line in text[start:].split("\n"):
        end = pos + len(line)
        m = _NUMBER.match(line)
        number = int(m.group(1) or m.group(2)) if m else None
        year = 1 if m is not None and _reads_as_reference(line[m.end() - 1 :]) else 0
        if number is not None and run[1] and number == run[0] + run[1]:
            run[1:] = [run[1] + 1, run[2] + year, run[3], end]
        elif number is not None:
            _close_run(found, run)
            run = [number, 1, year, pos, end]
        elif run[1] and line.strip() and line[:1] not in " \t":
            _close_run(found, run)
            run = [0, 0, 0, 0, 0]
        elif run[1] and line.strip():
            run[4] = end  # an indented continuation of the entry above
        pos = end + 1
    _close_run(found, run)
    return found


def _reads_as_reference(entry: str) -> bool:
    """Whether a numbered line reads as a reference: it has a year, and authors when parsed
    as one (a numbered timeline or list of steps with dates has no authors)."""
    if not _YEAR.search(entry):
        return False
    ref = parse_reference(entry)
    return bool(ref.authors) and ref.year is not None


def _close_run(found: list[_Run], run: list[int]) -> None:
    if run[1]:
        found.append(_Run(run[0], run[1], run[2], Span(run[3], run[4])))


def _references_like(run: _Run, least: int = _MIN_RUN) -> bool:
    return run.entries >= least and run.with_year >= 0.8 * run.entries


def _numbered_run(text: str) -> ReferenceSection | None:
    """The longest run of lines numbered 1, 2, 3, … anywhere in the text, with at least
    five entries of which most read as references (authors and a year): a list followed by
    more text, as Nature's template writes its references with no heading, then
    acknowledgements and Methods."""
    lists = [r for r in _runs(text) if r.first == 1 and _references_like(r)]
    if not lists:
        return None
    span = max(lists, key=lambda r: r.entries).span
    return ReferenceSection(NO_HEADING, Span(span.start, span.start), span, 0)


def continued_lists(text: str, section: ReferenceSection) -> tuple[Span, ...]:
    """The later lists that go on numbering a list found without a heading (Nature's
    Methods references, after the Methods text): each run after the section whose first
    number follows the last one before it and whose entries read as references (however
    few: the numbers already tie it to the list)."""
    if section.heading:
        return ()
    runs = _runs(text, section.body.start)
    if not runs or runs[0].span != section.body:
        return ()  # a trailing list (not sequential): nothing goes on numbering it
    found = []
    following = runs[0].first + runs[0].entries
    for run in runs[1:]:
        if run.first == following and _references_like(run, 1):
            found.append(run.span)
            following += run.entries
    return tuple(found)
