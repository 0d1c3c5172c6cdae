"""Pandoc's citation syntax into citation marks, following pandoc's manual: bracketed
citations ``[@a]``, ``[see @a, p. 3; @b]``, ``[-@a]`` (one group each), narrative ``@a``
with an optional ``[p. 3]`` after it, and braced keys ``@{https://…}``.

A key starts with a letter, digit or ``_`` and goes on with those and internal punctuation
(``:.#$%&-+?<>~/`` followed by a letter, digit or ``_``), so ``@doi:10.1/x.`` ends before its
full stop. An ``@`` after a letter, digit, ``/``, ``.`` or ``:`` is not a citation (an
e-mail address, a handle in a URL); nothing in a masked region (code, comments, link
targets) is read, and brackets that are a link's text (followed by ``(`` or ``[``) are not a
citation group. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from citecheck.model import CitationMark, Span

_KEY = r"(?:\{(?P<braced>[^{}\n]{1,500})\}|(?P<plain>[\w](?:[\w]|[:.#$%&\-+?<>~/](?=[\w]))*))"
_AT = re.compile(r"(?<![\w/.:@\\])(?P<minus>-?)@" + _KEY)  # not bookdown's \@ref(fig:x)
_BRACKETS = re.compile(r"(?<![!\]\\])\[(?P<inside>[^\[\]\n]*(?:\n[^\[\]\n]+)*)\](?![(\[])")
_DEFINITION = re.compile(r"(?:^|\n) {0,3}$")  # before a link reference definition's "[label]:"
_LOCATOR = re.compile(r"[ \t]?\[[^\[\]\n@]{1,200}\](?![(\[:])")
MAX_GROUP = 2_000  # characters of one bracketed citation
# Cross-references, not citations: Quarto's kinds (@fig-x, @tbl-x, @sec-x, …) and
# pandoc-crossref's (@fig:x, @tbl:x, @sec:x, @eq:x, @lst:x).
QUARTO_CROSSREF_KINDS = (
    "fig", "tbl", "sec", "eq", "lst", "thm", "lem", "cor", "prp", "cnj", "def", "exm", "exr",
    "sol", "rem", "tip", "nte", "wrn", "imp", "cau",
)  # fmt: skip
_PANDOC_CROSSREF = re.compile(r"(?:fig|tbl|sec|eq|lst):")


def _key(m: re.Match[str]) -> str:
    return m.group("braced") or m.group("plain")


def find_pandoc_citations(
    text: str, masked: list[Span] | tuple[Span, ...]
) -> tuple[CitationMark, ...]:
    """Every pandoc citation of ``text`` outside ``masked`` (sorted spans), in order."""
    if "@" not in text:  # every pandoc citation has one; most numbered manuscripts none
        return ()
    regions = _Regions(masked)
    marks: list[CitationMark] = []
    taken: list[Span] = []
    for m in _BRACKETS.finditer(text):
        if len(m.group(0)) > MAX_GROUP or regions.covers(m.start()):
            continue
        before = max(0, m.start() - 4)
        if text.startswith(":", m.end()) and _DEFINITION.search(text, before, m.start()):
            taken.append(Span(m.start(), m.end()))  # "[label]: url" defines a link
            continue
        keys = [_key(k) for k in _AT.finditer(m.group("inside"))]
        if not keys or not _every_item_cites(m.group("inside")):
            continue
        span = Span(m.start(), m.end())
        marks.append(CitationMark(span, m.group(0), tuple(keys), "pandoc"))
        taken.append(span)
    inside = _Regions(taken)
    for m in _AT.finditer(text):
        if inside.covers(m.start()) or regions.covers(m.start()):
            continue
        end = m.end()
        locator = _LOCATOR.match(text, end)
        if locator is not None and not regions.covers(locator.start()):
            end = locator.end()
        marks.append(
            CitationMark(Span(m.start(), end), text[m.start() : end], (_key(m),), "pandoc")
        )
    return tuple(sorted(marks, key=lambda c: c.span))


def without_crossrefs(
    marks: tuple[CitationMark, ...],
    known: frozenset[str],
    kinds: tuple[str, ...] = (),
    labelled: frozenset[str] = frozenset(),
) -> tuple[CitationMark, ...]:
    """``marks`` without the keys that are cross-references (``@fig-1``, ``@tbl:a``, a
    custom kind's ``@apx-1``, a label the document defines: ``{#apx-3}``, ``#| label: x``)
    and that no bibliography entry in ``known`` has; a mark left without keys is dropped."""
    prefixes = tuple(f"{k}-" for k in (*QUARTO_CROSSREF_KINDS, *kinds))
    labels = set(labelled)

    def crossref(key: object) -> bool:
        if not isinstance(key, str):
            return False
        if key in known:
            return False
        return key in labels or key.startswith(prefixes) or bool(_PANDOC_CROSSREF.match(key))

    kept = []
    for mark in marks:
        keys = tuple(k for k in mark.keys if not crossref(k))
        if keys == mark.keys:
            kept.append(mark)
        elif keys:
            kept.append(replace(mark, keys=keys))
    return tuple(kept)


_LABEL = re.compile(r"\{#(?P<attr>[\w][\w:.\-]*)|^#\|\s*label:\s*(?P<chunk>[\w][\w:.\-]*)", re.M)


def defined_labels(text: str) -> frozenset[str]:
    """The identifiers the document gives its own parts (``{#sec-intro}``, ``#| label:``),
    which ``@`` cross-references rather than cites."""
    if "{#" not in text and "#|" not in text:
        return frozenset()
    return frozenset(m.group("attr") or m.group("chunk") for m in _LABEL.finditer(text))


def _every_item_cites(inside: str) -> bool:
    """Pandoc reads ``[…]`` as a citation only when each ``;``-separated item has a key."""
    return all(_AT.search(item) for item in inside.split(";"))


class _Regions:
    """Sorted spans, asked whether they cover an offset."""

    def __init__(self, spans: list[Span] | tuple[Span, ...]) -> None:
        from bisect import bisect_right

        self._bisect = bisect_right
        self._spans = sorted(spans)
        self._starts = [s.start for s in self._spans]

    def covers(self, offset: int) -> bool:
        i = self._bisect(self._starts, offset) - 1
        return i >= 0 and self._spans[i].start <= offset < self._spans[i].end
