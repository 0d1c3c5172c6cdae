"""Splitting a reference section into entries, and numbering them.

Understands ``1.``, ``1)``, ``(1)``, ``[1]``, ``1 Author`` numbering, Markdown ordered lists,
bullets without numbers, entries wrapped over several lines, and lists whose numbers were lost
(e.g. in PDF conversion): such entries are numbered by position and flagged as inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.bibliography.names import parse_authors
from citecheck.bibliography.sections import CONTINUATION
from citecheck.model import Span
from citecheck.typography import DASHES

# A list marker at the start of a line: "[12]", "12.", "12)", "12 " + capital, or a bullet.
_MARKER = re.compile(
    r"""^[ \t\f]*(?:                          # a form feed: a page break in converted text
        \[(?P<bracket>\d{1,6})\][ \t]*
      | \((?P<paren>\d{1,6})\)[ \t]+
      | (?P<dot>\d{1,6})\\?[.)][ \t]+        # "12." and pandoc's escaped "12\."
      | (?P<bare>\d{1,6})[ \t]+(?=[^\W\d_])
      | (?P<bullet>[-*+•·–])[ \t]+
    )""",
    re.VERBOSE | re.MULTILINE,
)
# Lines that are page-break artefacts inside a list: a lone page number or form feed.
_ARTEFACT = re.compile(
    r"^[ \t\f]*(?:\d{1,4}|page \d+(?: of \d+)?)?[ \t\f]*$", re.IGNORECASE | re.MULTILINE
)
_AUTHOR_START = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?,? (?:[A-Z]{1,3}\b|[A-Z]\.)")
_HTML_COMMENT = re.compile(r"^[ \t]*<!--.*-->[ \t]*$", re.MULTILINE)
_DIV_FENCE = re.compile(r"[ \t]*:{3,}")  # pandoc's "::: {#refs}", "::: {#ref-x .csl-entry}", ":::"


@dataclass(frozen=True, slots=True)
class Entry:
    """One reference entry's text as it lies in the document, before field parsing."""

    number: int | None  # as printed; None when the entry had no number
    content: Span  # the entry's text without its list marker (may span several lines)
    marker: str  # "bracket", "dot", "bare", "bullet" or "none"


@dataclass(frozen=True, slots=True)
class NumberedEntry:
    number: int
    content: Span
    inferred: bool


def _lines(text: str, body: Span) -> list[tuple[int, int]]:
    """(start, end) of each line inside ``body`` (end excludes the newline)."""
    out = []
    pos = body.start
    while pos < body.end:
        nl = text.find("\n", pos, body.end)
        end = body.end if nl == -1 else nl
        out.append((pos, end))
        pos = end + 1
    return out


def _marker_kind(m: re.Match[str]) -> tuple[str, int | None]:
    kind = m.lastgroup  # the one named group of the alternative that matched
    if kind is None or kind == "bullet":
        return "bullet", None
    return kind, int(m.group(kind))


def split_entries(text: str, body: Span) -> tuple[Entry, ...]:
    """Split the reference section ``body`` of ``text`` into entries."""
    lines = [
        (s, e)
        for s, e in _lines(text, body)
        if not _HTML_COMMENT.match(text[s:e])
        and not CONTINUATION.match(text[s:e])
        and not _DIV_FENCE.match(text, s, e)
    ]
    lines = _without_page_breaks(text, lines)
    marked = [(s, e, _MARKER.match(text, s, e)) for s, e in lines]
    nonblank = [t for t in marked if text[t[0] : t[1]].strip()]
    if not nonblank:
        return ()
    n_marked = sum(1 for _, _, m in nonblank if m)
    # "bare" numbers ("12 Smith J") are only trusted when most lines carry markers.
    uses_markers = n_marked >= max(1, len(nonblank) // 3)
    in_runs = _numbered_runs(marked)
    blank_separated = _blank_separated(text, lines)

    entries: list[list] = []  # [number, start, end, kind]
    prev_blank = True
    for i, (s, e, m) in enumerate(marked):
        line = text[s:e]
        if not line.strip():
            prev_blank = True
            continue
        if m and (uses_markers or i in in_runs) and _marker_ok(text, entries, m):
            kind, number = _marker_kind(m)
            entries.append([number, m.end(), e, kind])
        elif entries and (
            entries[-1][3] != "none"  # a marked entry goes on to the next marker
            or (blank_separated and not prev_blank)
            or (not blank_separated and not prev_blank and _wraps(text, entries[-1], line))
        ):
            if _ARTEFACT.match(line):
                prev_blank = False
                continue
            entries[-1][2] = e  # continuation line of a wrapped entry
        else:
            start = s + len(line) - len(line.lstrip())
            entries.append([None, start, e, "none"])
        prev_blank = False
    found = [
        Entry(num, Span(start, _rstrip_end(text, start, end)), kind)
        for num, start, end, kind in entries
        if text[start:end].strip()
    ]
    return tuple(_split_run_on(text, found))


# "… 2004;12:1-9. 37. Smith J, …": the next entry's number after the end of a sentence.
_RUN_ON = re.compile(r"(?<=[.;])[ \t\n]+(\d{1,6})\\?\.[ \t\n]+(?=[^\W\d_])")


def _split_run_on(text: str, entries: list[Entry]) -> list[Entry]:
    """Entries that hold the following entries' printed numbers ("… 2004. 37. Smith …", as
    text extraction joins lines) split there: an entry numbered ``n`` whose successor is not
    ``n + 1`` is cut at an ``n + 1.`` that follows a full stop, and so on. One pass over
    each entry's text."""
    out: list[Entry] = []
    for i, entry in enumerate(entries):
        following = entries[i + 1].number if i + 1 < len(entries) else None
        if entry.number is None or entry.marker != "dot" or following == entry.number + 1:
            out.append(entry)
            continue
        number, start = entry.number, entry.content.start
        for m in _RUN_ON.finditer(text, start, entry.content.end):
            if int(m.group(1)) != number + 1 or following == number + 1:
                continue
            out.append(Entry(number, Span(start, _rstrip_end(text, start, m.start())), "dot"))
            number, start = number + 1, m.end()
        out.append(Entry(number, Span(start, entry.content.end), "dot"))
    return out


def _without_page_breaks(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``lines`` without the blank lines right before a form feed: pdftotext ends a page with
    an empty line and starts the next with a form feed, which may fall inside an entry."""
    return [
        (s, e)
        for k, (s, e) in enumerate(lines)
        if not (
            k + 1 < len(lines)
            and not text[s:e].strip()
            and text[lines[k + 1][0] : lines[k + 1][1]].lstrip(" \t").startswith("\f")
        )
    ]


def _numbered_runs(marked: list[tuple[int, int, re.Match[str] | None]]) -> set[int]:
    """The indices of the lines whose ``12.``, ``[12]`` or ``(12)`` marker is one of a run of
    three or more consecutive numbers on successive marker lines ("26." … "27." … "28."):
    such markers open entries even in a list most of whose lines carry none (a list that
    lost its first numbers, hard-wrapped, as pdftotext gives it)."""
    numbered = [
        (i, _marker_kind(m)[1])
        for i, (_, _, m) in enumerate(marked)
        if m is not None and not m.group("bare") and not m.group("bullet")
    ]
    trusted: set[int] = set()
    run: list[int] = []
    for k, (i, number) in enumerate(numbered):
        if k and number is not None and numbered[k - 1][1] == number - 1:
            run.append(i)
        else:
            run = [i]
        if len(run) == 3:
            trusted.update(run)
        elif len(run) > 3:
            trusted.add(i)  # the run's earlier lines are in already: linear, not quadratic
    return trusted


# The end of a journal reference on a line of its own: "Curr Pharm Des. 2009;15:3396–3416."
_JOURNAL_TAIL = re.compile(r"[A-Z][\w &'’-]*\.[ \t]+(?:19|20)\d\d[;:(]")


def _wraps(text: str, previous: list, line: str) -> bool:
    """In an unmarked, hard-wrapped list: ``line`` goes on the previous entry when that one
    has not ended (no closing full stop, bracket or identifier) or ``line`` starts in
    lower case or with a number, as the middle of a reference does, or is a journal's name,
    year, volume and pages, as the end of one does."""
    stripped = line.lstrip()
    if stripped[:1].islower() or stripped[:1].isdigit() or _JOURNAL_TAIL.match(stripped):
        return True
    if _AUTHOR_START.match(stripped):
        return False  # "Smith AB, …" opens the next reference
    last = _last_word(text, previous[1], previous[2])
    if _YEAR_END.search(last) and _names_and_year(text[previous[1] : previous[2]]):
        return True  # "… and M. Krützen. 2024." / "Enhancing …": the title comes next
    return not (last.endswith((".", ")", "]")) or re.search(r"(?:doi|https?)\S+$", last))


_YEAR_END = re.compile(r"(?:1[6-9]|20)\d\d[a-z]?\)?[.:]$")


def _names_and_year(entry: str) -> bool:
    """Whether ``entry`` so far holds only its authors and its year (its title is to come)."""
    if len(entry) > 1500:
        return False
    authors, _, end = parse_authors(entry)
    return bool(authors) and bool(
        re.fullmatch(r"[\s(]*(?:1[6-9]|20)\d\d[a-z]?\)?[.:]", entry[end:])
    )


def _last_word(text: str, start: int, end: int) -> str:
    """The last run of non-blank characters of ``text[start:end]``, found from the end (an
    entry that grows line by line is not read again from its start for every line)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    first = end
    while first > start and not text[first - 1].isspace():
        first -= 1
    return text[first:end]


def _marker_ok(text: str, entries: list[list], m: re.Match[str]) -> bool:
    """A list marker counts as one unless it is a bare number that does not continue the
    numbering, or a number of five digits or more that does not (a list that long is read
    to its end; anything else so long is a year range or a page, not a list number), or a
    number that does not continue the numbering after a line ending in a dash: the end of a
    page range wrapped onto the next line ("… 2002;297: 1183–" / "1186. doi: …")."""
    if m.group("bare"):
        return _bare_ok(entries, m)
    number = _marker_kind(m)[1]
    if number is None or not entries:
        return True
    prev = next((x[0] for x in reversed(entries) if x[0] is not None), 0)
    if number >= 10_000:
        return number == prev + 1
    wrapped = _RANGE_CUT.search(text, entries[-1][1], entries[-1][2])
    return number == prev + 1 or wrapped is None


_RANGE_CUT = re.compile(rf"\d[ \t]*[{re.escape(DASHES)}][ \t]*$")  # "1183–" ending a line


def _bare_ok(entries: list[list], m: re.Match[str]) -> bool:
    """A bare leading number counts as a marker only if it continues the numbering."""
    number = int(m.group("bare"))
    prev = next((x[0] for x in reversed(entries) if x[0] is not None), 0)
    return number == prev + 1 or (not entries and number in (0, 1))


def _blank_separated(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when entries are paragraphs (blank lines between most non-blank lines)."""
    blanks = sum(1 for s, e in lines if not text[s:e].strip())
    nonblank = len(lines) - blanks
    return nonblank > 1 and blanks >= nonblank - 1


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def number_entries(entries: tuple[Entry, ...]) -> tuple[NumberedEntry, ...]:
    """Give every entry a number: its printed one, or one inferred from its position.

    An unnumbered entry takes the number after the previous entry's; leading unnumbered
    entries count up from 1 (the seed's refs 1–25, whose numbers were lost in conversion).
    """
    printed = [e.number for e in entries if e.number is not None]
    if len(printed) >= 3 and len(set(printed)) == 1 and len(printed) == len(entries):
        # "1. … 1. … 1. …": Markdown's lazy list numbering; the renderer counts up.
        return tuple(NumberedEntry(printed[0] + i, e.content, True) for i, e in enumerate(entries))
    out = []
    prev = 0
    for entry in entries:
        if entry.number is not None:
            out.append(NumberedEntry(entry.number, entry.content, False))
            prev = entry.number
        else:
            prev += 1
            out.append(NumberedEntry(prev, entry.content, True))
    return tuple(out)
