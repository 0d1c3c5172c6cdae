"""Where a number without a citation is the authors' own: Results, Methods, tables.

CLM005 (and the uncited candidates of ``claims extract``) look for quantitative statements
that should lean on a reference. In a research article the Results and Methods are full of
the authors' own numbers, which need none; so are table rows. Such regions are *own data*.
A region opens at a heading named like one of :data:`OWN_DATA_HEADINGS` (Markdown ``#``
heading, or a line of its own such as ``RESULTS``) and runs to the next heading of the same or
a higher level (for a bare line: the next bare line naming another known section).
"""

from __future__ import annotations

import re

from citecheck.model import Span

OWN_DATA_HEADINGS = (
    r"results(?:\s+and\s+discussion)?|methods|materials\s+and\s+methods|patients\s+and\s+methods"
    r"|methods\s+and\s+materials|experimental\s+procedures|statistical\s+analys[ie]s"
    r"|study\s+design|supporting\s+information|supplementary\s+(?:material|information)"
)
_KNOWN = (
    rf"{OWN_DATA_HEADINGS}|introduction|background|discussion|conclusions?|summary|abstract"
    r"|references|acknowledge?ments?|funding"
)
_ATX = re.compile(r"^(#{1,6})[ \t]+(?:\d+(?:\.\d+)*\.?[ \t]+)?(.*?)[ \t#]*$", re.MULTILINE)
_BARE = re.compile(
    rf"^[ \t]*(?:\*\*)?(?:\d+(?:\.\d+)*\.?[ \t]+)?({_KNOWN})[ \t]*:?(?:\*\*)?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_OWN = re.compile(rf"(?:{OWN_DATA_HEADINGS})\b", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^[ \t]*\|.*$", re.MULTILINE)


def own_data_spans(text: str, end: int | None = None) -> tuple[Span, ...]:
    """The regions of ``text[:end]`` that hold the authors' own data (see the module doc)."""
    end = len(text) if end is None else end
    spans = [Span(m.start(), m.end()) for m in _TABLE_ROW.finditer(text, 0, end)]
    headings = [(len(m.group(1)), m.start(), m.group(2)) for m in _ATX.finditer(text, 0, end)]
    for i, (level, start, title) in enumerate(headings):
        if _OWN.match(title.strip("*_ ")):
            stop = next((s for lv, s, _ in headings[i + 1 :] if lv <= level), end)
            spans.append(Span(start, stop))
    bare = list(_BARE.finditer(text, 0, end))
    for i, m in enumerate(bare):
        if _OWN.fullmatch(m.group(1)):
            stop = next((n.start() for n in bare[i + 1 :] if not _OWN.fullmatch(n.group(1))), end)
            spans.append(Span(m.start(), stop))
    return tuple(sorted(spans))


def inside(spans: tuple[Span, ...], pos: int) -> bool:
    return any(span.start <= pos < span.end for span in spans)
