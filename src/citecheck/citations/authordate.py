"""Finding author-date citations: parenthetical ``(Smith & Lee, 2019; Wu et al., 2020a, b)``,
narrative ``Smith et al.'s (2019)`` and bare ``described in Turro et al., 2006``, with
prefixes, locators, ``n.d.``, ``in press`` and corporate authors with their abbreviation
(``World Health Organization [WHO], 2020``). Which words are names is
:mod:`citecheck.citations.adnames`'s job.

Every scan is linear in its input: parentheses are found with a pattern that cannot
backtrack past the next parenthesis, and the names before a narrative year are read
backwards word by word from a bounded window. What is found is raw (names, years as
written); :mod:`citecheck.citations.adlink` links it to the reference list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from citecheck.citations.adnames import names_starts, narrative_names, parse_names
from citecheck.model import Span

YEAR = r"(?:(?:1[6-9]|20)\d\d(?:[a-z](?![a-z]))?|n\.\s?d\.(?:-[a-z])?|[Ii]n\s+press(?:-[a-z])?)"
_YEAR = re.compile(rf"(?<![\w.\-/])({YEAR})(?![\w])")
_MORE = re.compile(rf"\s*,\s*({YEAR}|[a-z](?![\w.]))(?![\w])")
# a line break inside is a space (hard-wrapped Markdown, LaTeX), a blank line is not
_PAREN = re.compile(r"\(((?:[^()\n]|\n(?![ \t]*\n)){3,600})\)")
_BRACKET = re.compile(r"\[((?:[^\[\]()\n]|\n(?![ \t]*\n)){3,600})\]")
_INNER_BRACKET = re.compile(rf"\[[^\[\]]*?{YEAR}[^\[\]]*\]")
# the next work of a comma-separated group, maybe led by "e.g.,", "see", "cf.", "i.e.,"
_NEXT_WORK = re.compile(
    r"\s*(?:,\s*)?(?:(?:and|&)\s*)?(?:(?:e\.\s?g\.|i\.\s?e\.|cf\.|see(?:\s+also)?),?\s+)?"
    rf"[^\s,;]*[A-Z][^;]*?{YEAR}"
)
_PERSONAL = re.compile(r"personal communication|pers\.\s*comm", re.I)
_TIE = re.compile(r"(?<=\w)~(?=\w)")
# the link pandoc writes around a citation's printed text in LaTeX, up to the text's brace:
# "\citeproc{ref-Smith2002}{Smith \& Lee, 2002}" (pandoc 3), "\hyperlink{ref-Smith2002}{…}"
_LATEX_LINK = re.compile(r"\\(?:citeproc|hyperlink)\{[^{}\n]{1,200}\}\{")
_NARRATIVE_YEARS = re.compile(rf"\(\s*({YEAR})(?![\w])")

_VOLUME = re.compile(r"\s+\d")  # a number right after the year, no comma: not a citation
# after a narrative "(2014)": a volume with its issue or pages, as a journal prints its own
# citation line ("International Psychogeriatrics (2014), 26:1, 147–154", "Cite this as")
_ROW = re.compile(r"[ \t]+\d+\.\d+[ \t]+\d+\.\d+")  # scores after a narrative year
_OWN_LINE = re.compile(r",\s*\d+\s*(?::\s*\d|\(\d+\)|,\s*\d+\s*[-–]\s*\d)")


@dataclass(frozen=True, slots=True)
class CitedWork:
    """One work a citation names: its authors as written (``names``, ``et_al``), the year
    with any suffix (``2019a``, ``n.d.``), and where its text lies."""

    names: tuple[str, ...]
    et_al: bool
    year: str
    span: Span
    alias: str = ""  # an abbreviation defined with it: ``[WHO]``


@dataclass(frozen=True, slots=True)
class AuthorDateCitation:
    """A parenthetical group or a narrative citation, with the works it names in order."""

    span: Span
    text: str
    works: tuple[CitedWork, ...]
    style: str  # "author-date" (parenthetical), "narrative" or "bare" (no parentheses)


def find_authordate(
    text: str, skip: Sequence[Span] = (), masked: Sequence[Span] = ()
) -> tuple[AuthorDateCitation, ...]:
    """All author-date citations in ``text`` outside ``skip`` and ``masked``, in order."""
    bounds = _merged((*skip, *masked))
    ends = [s.end for s in bounds]
    # LaTeX's "\&" is "&" and its "~" between words a space ("et~al."): same lengths
    # and a link's "\citeproc{ref-KEY}{" blanks, so that its first name starts a name list
    source, text = text, _TIE.sub(" ", text.replace("\\&", " &"))
    if "\\citeproc{" in text or "\\hyperlink{" in text:
        text = _LATEX_LINK.sub(lambda m: " " * len(m.group(0)), text)
    found = [*_parenthetical(text), *_narrative(text), *_bare(text)]
    found.sort(key=lambda c: (c.span.start, c.style == "bare", c.span.end))
    kept: list[AuthorDateCitation] = []
    for c in found:
        i = bisect_right(ends, c.span.start)  # the first region ending after the start
        if i < len(bounds) and bounds[i].start < c.span.end:
            continue
        if kept and c.span.start < kept[-1].span.end:
            continue
        kept.append(c if text is source else replace(c, text=source[c.span.start : c.span.end]))
    return tuple(kept)


def _merged(spans: Sequence[Span]) -> list[Span]:
    """``spans`` as disjoint regions in order."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: s.start):
        if out and s.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, s.end))
        else:
            out.append(s)
    return out


def _parenthetical(text: str) -> list[AuthorDateCitation]:
    out = []
    for m in (*_PAREN.finditer(text), *_BRACKET.finditer(text)):
        group = 1
        inner = m.group(1)
        if not _YEAR.search(inner) or _PERSONAL.search(inner):
            continue
        if m.re is _PAREN and _INNER_BRACKET.search(inner):
            continue  # "(see [Smith, 2019])": the bracket is read on its own
        works: list[CitedWork] = []
        pos = m.start(group)
        inner = _abnt_joined(inner)
        for part in inner.split(";"):
            more = _part(part, pos)
            if not more and works and _YEAR.match(part.strip()):  # "(Gillespie, 1976; 1977)"
                more = _years_only(part, pos, works[-1])
            works.extend(more)
            while more and _NEXT_WORK.match(part, at := more[-1].span.end - pos):
                more = _part(part[at:], pos + at)  # "(… Dodson, 1975, and Evans, 2010)"
                works.extend(more)
            pos += len(part) + 1
        if works:
            first_part = works[0].span.start < m.start(group) + len(inner.split(";", 1)[0])
            start = m.start() if first_part else works[0].span.start
            span = Span(start, m.end())
            out.append(AuthorDateCitation(span, text[start : m.end()], tuple(works), "author-date"))
    return out


# ABNT (Brazil): one work's authors in capitals joined by ";": "(MUTH; ORAVECZ; GABRY, 2018)"
_CAPITALS_ONLY = re.compile(r"\s*[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ -]*[A-ZÀ-ÖØ-Þ]\s*")
_CAPITALS_NEXT = re.compile(r"\s*[A-ZÀ-ÖØ-Þ]{2}")


def _abnt_joined(inner: str) -> str:
    """``inner`` with each ``;`` between two names in capitals, the first with no year,
    read as a ``,`` (same length: the offsets hold)."""
    if ";" not in inner:
        return inner
    parts = inner.split(";")
    out = [parts[0]]
    for before, after in pairwise(parts):
        joined = _CAPITALS_ONLY.fullmatch(before) and _CAPITALS_NEXT.match(after)
        out.append(("," if joined else ";") + after)
    return "".join(out)


def _part(part: str, offset: int) -> list[CitedWork]:
    """The works of one ``;``-separated part of a parenthetical: names, then years."""
    y = _YEAR.search(part)
    if y is None:
        return []
    found = next(
        (
            (at, parsed)
            for at in names_starts(part, y.start())
            if (parsed := parse_names(part[at : y.start()].rstrip(" ,"))) is not None
        ),
        None,
    )
    if found is None:
        return []
    names_at, (names, et_al, alias) = found
    years = [(y.group(1), y.end())]
    pos = y.end()
    while (more := _MORE.match(part, pos)) is not None:
        token = more.group(1)
        years.append((years[-1][0][:4] + token if len(token) == 1 else token, more.end()))
        pos = more.end()
    if _VOLUME.match(part, pos):
        return []  # "(Genome Res. 2011 21: 2096-2113)": a journal's year and volume
    return [
        CitedWork(names, et_al, _clean_year(year), Span(offset + names_at, offset + end), alias)
        for year, end in years
    ]


def _years_only(part: str, offset: int, previous: CitedWork) -> list[CitedWork]:
    """A part that is only years, after a part with names: the same authors, other years."""
    out = []
    for y in _YEAR.finditer(part):
        span = Span(offset + y.start(), offset + y.end())
        out.append(CitedWork(previous.names, previous.et_al, _clean_year(y.group(1)), span))
    return out


def _clean_year(year: str) -> str:
    return " ".join(year.replace(". ", ".").split())


def _narrative(text: str) -> list[AuthorDateCitation]:
    out = []
    for m in _NARRATIVE_YEARS.finditer(text):
        close = text.find(")", m.end(), m.end() + 80)
        if close < 0 or "(" in text[m.end() : close]:
            continue
        tail = text[m.end() : close]
        years = [m.group(1)]
        pos = 0
        while (more := _MORE.match(tail, pos)) is not None:
            token = more.group(1)
            years.append(years[-1][:4] + token if len(token) == 1 else token)
            pos = more.end()
        rest = tail[pos:].strip()
        if rest and not rest.startswith((",", ":")):
            continue
        if _OWN_LINE.match(text, close + 1):
            continue  # "International Psychogeriatrics (2014), 26:1, 147–154": a masthead
        if rest and _YEAR.search(rest):  # "Smith (2019; Lee, 2020)": the rest is its own
            close = m.end() + pos - 1
        names_at = narrative_names(text, m.start())
        if names_at is None:
            continue
        start, parsed = names_at
        names, et_al, alias = parsed
        span = Span(start, close + 1)
        works = tuple(CitedWork(names, et_al, _clean_year(y), span, alias) for y in years)
        # a table row's label ("SIF (2017) 78.4 81.4 79.4"): a citation only if it names an entry
        style = "bare" if _ROW.match(text, close + 1) else "narrative"
        out.append(AuthorDateCitation(span, text[span.start : span.end], works, style))
    return out


# "described in Turro et al., 2006.", "| Huang et al., 2012 |", "by Kessler and Baldwin, 2001":
# names and a year with no parentheses, only after "et al." or a second name, or one name
# that attributes a quotation ("… publications.” - Mayden, 2012.")
_BARE = re.compile(
    r"(?:\bet\s+al\.|\s(?:and|&)\s+[A-Z][^\s,()]*|[”\"][ \t]*[-–—][ \t]*[A-Z][^\s,()]*)"
    rf",?(?:[ \t\xa0]+|[ \t]*\n[ \t]*)({YEAR})(?![\w])"
)


def _bare(text: str) -> list[AuthorDateCitation]:
    """Citations written without parentheses (a figure legend's "adapted from Yu et al.
    2010a", a table cell): kept by the linker only when they name an entry."""
    out = []
    for m in _BARE.finditer(text):
        names_at = narrative_names(text, m.start(1))
        if names_at is None:
            continue
        years, end = [m.group(1)], m.end()
        while (more := _MORE.match(text, end)) is not None:
            token = more.group(1)
            years.append(years[-1][:4] + token if len(token) == 1 else token)
            end = more.end()
        start, (names, et_al, alias) = names_at
        span = Span(start, end)
        works = tuple(CitedWork(names, et_al, _clean_year(y), span, alias) for y in years)
        out.append(AuthorDateCitation(span, text[start:end], works, "bare"))
    return out
