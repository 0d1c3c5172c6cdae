"""Finding the reference section of a manuscript.

A heading such as ``## References``, ``**REFERENCES**``, ``Literature Cited`` or a bare
``References`` line opens it. It ends at the next heading of the same or a higher level, at
an appendix-like heading, or at the end of the text. When several headings qualify, the
one whose body looks most like a reference list wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.model import ReferenceSection, Span

_NAMES = (
    r"references?(?:\s+and\s+notes)?|bibliography|literature\s+cited|cited\s+literature"
    r"|notes\s+and\s+references|works\s+cited|reference\s+list|references\s+cited"
    r"|literature|sources|cited\s+references|references\s+and\s+further\s+reading"
)
_HEADING = re.compile(
    rf"""^(?P<hashes>\#{{1,6}}[ \t]+)?        # Markdown ATX heading
        (?P<emph>\*\*|__)?[ \t]*
        (?:\d+(?:\.\d+)*\.?[ \t]+)?            # section number "7." / "7.1"
        (?P<name>{_NAMES})
        [ \t]*:?[ \t]*(?P=emph)?[ \t]*:?[ \t]*\#*[ \t]*$""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
# A second list that continues the numbering (Nature's "Methods References").
CONTINUATION = re.compile(
    r"^[ \t]*(?:\#{1,6}[ \t]+)?(?:\*\*|__)?[ \t]*(?:methods|additional|supplementary|online)"
    r"[ \t]+references[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*$",
    re.IGNORECASE,
)
_ATX = re.compile(r"^(#{1,6})[ \t]+\S.*$", re.MULTILINE)
_SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ \t]*$")
# Headings that end a bare or bold reference section even without Markdown levels.
_ENDERS = re.compile(
    r"^(?:\#{1,6}[ \t]+)?(?:\*\*|__)?[ \t]*(?:[A-Z]\.?[ \t]+|\d+\.?[ \t]+)?"
    r"(?:appendix|appendices|supporting\s+information|supplementary\s+(?:material|information|data)"
    r"|figure\s+legends?|figure\s+captions?|tables?|acknowledge?ments?|author\s+contributions"
    r"|funding|conflicts?\s+of\s+interest|competing\s+interests|abbreviations"
    r"|about\s+the\s+authors?)\b[^\n]{0,60}$",
    re.IGNORECASE | re.MULTILINE,
)
# A figure or table caption after the list ("Figure 1. …", "**Table 2.** …") ends it too.
_CAPTION = re.compile(
    r"^(?:\*\*|__)?[ \t]*(?:figure|fig\.|table)[ \t]*S?\d+[.:|]", re.IGNORECASE | re.MULTILINE
)
_ENTRY_START = re.compile(
    r"^[ \t]*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)]|[-*+•][ \t])", re.MULTILINE
)
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)[a-z]?\b")


@dataclass(frozen=True, slots=True)
class _Candidate:
    heading: str
    span: Span
    level: int  # 1–6 for ATX headings; 0 for bold or bare lines
    body: Span
    score: float


def _heading_level(match: re.Match[str]) -> int:
    hashes = match.group("hashes")
    return len(hashes.strip()) if hashes else 0


def _section_end(text: str, body_start: int, level: int) -> int:
    """Where a reference section that starts at ``body_start`` ends."""
    end = len(text)
    for m in _ATX.finditer(text, body_start):
        if CONTINUATION.match(m.group(0)):
            continue  # "## Methods References": the same numbering goes on
        if level == 0 or len(m.group(1)) <= level:
            end = min(end, m.start())
            break
    for rx in (_ENDERS, _CAPTION, _HEADING):  # another reference heading ends it too
        m = rx.search(text, body_start, end)
        if m:
            end = m.start()
    return end


def _score(text: str, body: Span) -> float:
    """How much a stretch of text looks like a reference list (numbered entries, years)."""
    chunk = text[body.start : body.end]
    numbered = len(_ENTRY_START.findall(chunk))
    years = len(_YEAR.findall(chunk))
    lines = sum(1 for line in chunk.splitlines() if line.strip())
    return numbered * 2 + min(years, lines * 2) + (1 if lines else 0)


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for m in _HEADING.finditer(text):
        line_end = m.end()
        level = _heading_level(m)
        body_start = line_end + 1 if line_end < len(text) else line_end
        # A Setext underline ("References\n==========") belongs to the heading.
        nl = text.find("\n", body_start)
        next_line = text[body_start : nl if nl != -1 else len(text)]
        if _SETEXT_UNDERLINE.match(next_line):
            level = 1 if next_line.startswith("=") else 2
            body_start = nl + 1 if nl != -1 else len(text)
        end = _section_end(text, body_start, level)
        body = Span(body_start, max(body_start, end))
        found.append(_Candidate(m.group(0).strip(), Span(m.start(), m.end()), level, body, 0.0))
    return [_Candidate(c.heading, c.span, c.level, c.body, _score(text, c.body)) for c in found]


NO_HEADING = ""  # ReferenceSection.heading of a list found without a heading


def find_reference_section(text: str) -> ReferenceSection | None:
    """Locate the reference list; ``None`` when the manuscript has none.

    Without a reference heading, a numbered list at the end of the text whose entries read
    like references is taken (its ``heading`` is empty, and the audit says so: REF007)."""
    candidates = [c for c in _candidates(text) if c.score > 0]
    if not candidates:
        return _trailing_list(text)
    # Highest score wins; on a tie the later heading (reference lists come last).
    best = max(candidates, key=lambda c: (c.score, c.span.start))
    return ReferenceSection(best.heading, best.span, best.body, len(candidates))


_NUMBERED_LINE = re.compile(r"^[ \t]*(?:\[\d{1,4}\]|\d{1,4}[.)])[ \t]+\S", re.MULTILINE)


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
