"""Finding author-date citations: parenthetical ``(Smith & Lee, 2019; Wu et al., 2020a, b)``
and narrative ``Smith et al.'s (2019)``, with prefixes, locators, ``n.d.``, ``in press`` and
corporate authors with their abbreviation (``World Health Organization [WHO], 2020``).

Every scan is linear in its input: parentheses are found with a pattern that cannot
backtrack past the next parenthesis, and the names before a narrative year are read
backwards word by word from a bounded window. What is found is raw (names, years as
written); :mod:`citecheck.citations.adlink` links it to the reference list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.model import Span

YEAR = r"(?:(?:1[6-9]|20)\d\d(?:[a-z](?![a-z]))?|n\.\s?d\.(?:-[a-z])?|[Ii]n\s+press(?:-[a-z])?)"
_YEAR = re.compile(rf"(?<![\w.\-/])({YEAR})(?![\w])")
_MORE = re.compile(rf"\s*,\s*({YEAR}|[a-z](?![\w.]))(?![\w])")
_PAREN = re.compile(r"\(([^()\n]{3,600})\)")
_BRACKET = re.compile(r"\[([^\[\]()\n]{3,600})\]")
_INNER_BRACKET = re.compile(rf"\[[^\[\]]*?{YEAR}[^\[\]]*\]")
_NEXT_WORK = re.compile(rf"\s*(?:,\s*)?(?:(?:and|&)\s*)?[^\s,;]*[A-Z][^;]*?{YEAR}")
_PERSONAL = re.compile(r"personal communication|pers\.\s*comm", re.I)
_NARRATIVE_YEARS = re.compile(rf"\(\s*({YEAR})(?![\w])")
_WORD = re.compile(r"\S+")
_ET_AL = re.compile(r"\s*,?\s+et\s+al\.?(?:['’]s?)?\s*$")
_ALIAS = re.compile(r"^(.*?)\s*\[([^\[\]]{1,30})\]\s*$")
_SPLIT = re.compile(r"\s*,\s*(?:&|and)\s+|\s+(?:&|and)\s+|\s*,\s*")

_PARTICLE_WORDS = "van von der den de del della des di da das do dos du la le ter ten zu al el bin"
PARTICLES = frozenset(_PARTICLE_WORDS.split(" "))
_CONNECTORS = frozenset(("of", "for", "the", "on", "and", "in", "und"))
_NOT_NAME_WORDS = (
    "figure figures fig fig. table tables supplementary appendix section chapter equation eq "
    "eq. box panel phase wave study year see also personal communication data unpublished "
    # a sentence's first word before narrative names ("As Adams (2018) argued")
    "as while although however thus since because recently here following according unlike "
    "when whereas both after before previously similarly indeed notably moreover furthermore "
    "interestingly conversely likewise specifically importantly finally then these this those"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split(" "))
# Months and seasons are names only beside other names or "et al." ("Winter et al., 2003")
_CALENDAR_WORDS = (
    "january february march april may june july august september october november december "
    "spring summer autumn fall winter"
)
_CALENDAR = frozenset(_CALENDAR_WORDS.split(" "))
_VOLUME = re.compile(r"\s+\d")  # a number right after the year, no comma: not a citation
_WINDOW = 200  # characters read back from a narrative year for the names


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
    found = [*_parenthetical(text), *_narrative(text), *_bare(text)]
    found.sort(key=lambda c: (c.span.start, c.style == "bare", c.span.end))
    kept: list[AuthorDateCitation] = []
    for c in found:
        i = bisect_right(ends, c.span.start)  # the first region ending after the start
        if i < len(bounds) and bounds[i].start < c.span.end:
            continue
        if kept and c.span.start < kept[-1].span.end:
            continue
        kept.append(c)
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


def _part(part: str, offset: int) -> list[CitedWork]:
    """The works of one ``;``-separated part of a parenthetical: names, then years."""
    y = _YEAR.search(part)
    if y is None:
        return []
    found = next(
        (
            (at, parsed)
            for at in _names_starts(part, y.start())
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


@dataclass(frozen=True, slots=True)
class _Token:
    """A word of the text (as a match of ``\\S+`` would give it)."""

    text: str
    at: int

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.at + len(self.text)


# a name glued to the word before it, as some XML renders "in <xref>Lull & Wright</xref>":
# "inLull", "followingWerning", "e.g.,Erickson", "(1942),Evans" (not "eLife", "mRNA")
_GLUED = re.compile(r"(?:^(?:[a-z]{2,}|e\.g\.,?|i\.e\.,?|cf\.)|[,;(])(?=[A-Z][a-z])")


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The words of ``text[start:end]``, a name glued to the word before it apart."""
    out = []
    for m in _WORD.finditer(text, start, end):
        word, at = m.group(), m.start()
        glued = _GLUED.search(word)
        if glued is not None and 0 < glued.end() < len(word):
            out += [_Token(word[: glued.end()], at), _Token(word[glued.end() :], at + glued.end())]
        else:
            out.append(_Token(word, at))
    return out


_MAX_STARTS = 8  # where the names may begin, tried left to right


def _names_starts(part: str, end: int) -> list[int]:
    """Where the names before ``end`` may begin, past a prefix (``see also``, ``e.g.,``,
    ``Dryad:``, ``Figure 1,``, ``line 10-3 in``): each capitalised word (or particle before
    one), leftmost first."""
    colon = part.rfind(":", 0, end)
    words = _tokens(part, colon + 1, end)
    starts: list[int] = []
    for i, w in enumerate(words):
        word = w.group()
        if word[0].isupper() or (word.lower() in PARTICLES and _leads_to_name(words[i:])):
            before = words[i - 1].group() if i else ""
            if not starts or not before[:1].isupper() or before.endswith(","):
                starts.append(w.start())
        if len(starts) >= _MAX_STARTS:
            break
    return starts


def _leads_to_name(words: Sequence[_Token]) -> bool:
    for w in words:
        if w.group()[0].isupper():
            return True
        if w.group().lower() not in PARTICLES:
            return False
    return False


def parse_names(raw: str) -> tuple[tuple[str, ...], bool, str] | None:
    """``Smith, Lee, & Wu`` → names, et al., an abbreviation; ``None`` if not names."""
    if not raw or len(raw) > 250 or any(ch.isdigit() or ch in "=<>+%@/" for ch in raw):
        return None
    et_al = _ET_AL.search(raw)
    body = raw[: et_al.start()] if et_al else raw
    alias = ""
    if (a := _ALIAS.match(body)) is not None:
        body, alias = a.group(1), a.group(2)
    names = tuple(n.strip(" ,") for n in _SPLIT.split(body) if n.strip(" ,"))
    if not names or not all(_is_name(n, bool(alias)) for n in names):
        return None
    if len(names) == 1 and not et_al and names[0].lower().split()[0] in _CALENDAR:
        return None  # "(March 2019)", "(Winter, 2019)": a date
    return names, et_al is not None, alias


def _is_name(name: str, corporate: bool) -> bool:
    words = name.split()
    if not words or len(words) > 8 or not any(w[0].isupper() for w in words):
        return False
    if len(words) > 1 and len(words[0]) == 1 and not corporate and not words[1][0].isupper():
        return False  # "lineage B of Baek": an initial, not a name ("R Core Team" is one)
    for w in words:
        lower = w.lower().rstrip(".,")
        if lower in _NOT_NAMES:
            return False
        if not w[0].isupper() and lower not in PARTICLES and lower not in _CONNECTORS:
            return False
    return corporate or len(words) <= 5


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
        if rest and _YEAR.search(rest):  # "Smith (2019; Lee, 2020)": the rest is its own
            close = m.end() + pos - 1
        names_at = _narrative_names(text, m.start())
        if names_at is None:
            continue
        start, parsed = names_at
        names, et_al, alias = parsed
        span = Span(start, close + 1)
        works = tuple(CitedWork(names, et_al, _clean_year(y), span, alias) for y in years)
        out.append(AuthorDateCitation(span, text[span.start : span.end], works, "narrative"))
    return out


# "described in Turro et al., 2006.", "| Huang et al., 2012 |", "by Kessler and Baldwin, 2001":
# names and a year with no parentheses, only after "et al." or a second name.
_BARE = re.compile(rf"(?:\bet\s+al\.|\s(?:and|&)\s+[A-Z][^\s,()]*),?[ \t]+({YEAR})(?![\w])")


def _bare(text: str) -> list[AuthorDateCitation]:
    """Citations written without parentheses (a figure legend's "adapted from Yu et al.
    2010a", a table cell): kept by the linker only when they name an entry."""
    out = []
    for m in _BARE.finditer(text):
        names_at = _narrative_names(text, m.start(1))
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


_POSSESSIVE = re.compile(r"['’]s?$")
_COLLEAGUES = frozenset(("colleagues", "co-workers", "coworkers", "collaborators"))
_STOPS = (".", ";", ":", "!", "?", ")", "(")
_MAX_WORDS = 14


def _narrative_names(text: str, paren: int) -> tuple[int, tuple[tuple[str, ...], bool, str]] | None:
    """The names written just before a narrative ``(2019)``, read backwards from ``paren``:
    an abbreviation ``[WHO]``, ``et al.`` (possessive or not) or ``and colleagues``, then
    names, particles and ``and``/``&`` back to the first word that cannot be part of them."""
    words = _tokens(text, max(0, paren - _WINDOW), paren)
    if not words or "\n\n" in text[words[-1].end() : paren]:
        return None
    i = len(words) - 1
    alias = words[i].group().startswith("[") and words[i].group().endswith("]")
    i -= alias
    if (
        i >= 1
        and _POSSESSIVE.sub("", words[i].group().rstrip(",")) in ("al.", "al")
        and words[i - 1].group() == "et"
    ):
        i -= 2
    end = paren
    if (
        i >= 1
        and _POSSESSIVE.sub("", words[i].group()).lower() in _COLLEAGUES
        and words[i - 1].group() in ("and", "&")
    ):  # "Smith and colleagues (2019)": et al.
        end, i = words[i - 1].start(), i - 2
    et_al = i < len(words) - 1 - alias
    taken: list[tuple[int, str]] = []
    while i >= 0 and len(taken) < _MAX_WORDS:
        word = words[i].group()
        bare = _POSSESSIVE.sub("", word).rstrip(",")
        lower = bare.lower()
        if taken and (word.endswith(_STOPS) or "\n\n" in text[words[i].end() : taken[-1][0]]):
            break  # a sentence or a paragraph (a heading) ends before the names
        if (
            bare[:1].isupper()
            and lower not in _NOT_NAMES
            and (taken or et_al or lower not in _CALENDAR)
        ):
            kind = "name"
        elif taken and lower in PARTICLES:
            kind = "particle"
        elif taken and (lower in ("and", "&") or (alias and lower in _CONNECTORS)):
            kind = "and"
        else:
            break
        taken.append((words[i].start(), kind))
        i -= 1
    while taken and taken[-1][1] == "and":
        taken.pop()
    for start, kind in reversed(taken):  # leftmost first: "LOX2, Allmann"
        if kind == "and":
            continue
        raw = _POSSESSIVE.sub("", text[start:end].strip().rstrip(","))
        raw += " et al." if end < paren else ""
        parsed = parse_names(raw.replace("al.'s", "al.").replace("al.’s", "al."))
        if parsed is not None:
            return start, parsed
    return None
