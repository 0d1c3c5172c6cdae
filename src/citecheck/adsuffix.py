"""``citecheck fix`` on an author-date manuscript: the a/b suffixes CIT007 asks for.

Entries by the same authors in the same year with no suffix get ``a``, ``b``, … after their
year, in the order of their titles (APA, Chicago: a leading article dropped), and are listed
in that order. A citation of such a work gets its entry's letter when its names tell the
entries apart (the second author, the number of authors); otherwise it is left as written
and returned as undecided, with the entries it may cite, for the author to letter by hand.
Entries already lettered (some of a group, or all) are not touched. Pure: text in, text out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.checks.adstyle import title_order_key
from citecheck.citations.adlink import entry_year, first_family, fold, loose, without_particles
from citecheck.citations.authordate import CitedWork, find_authordate
from citecheck.model import Reference, Span
from citecheck.pipeline import Analysis

# the year right after the authors ("Smith, J. (2019).", "Smith J. 2019.") or ending the entry
_HEAD_YEAR = re.compile(r"[(.,]\s*((?:1[6-9]|20)\d\d)(?![\da-z])\s*[).,]")
_END_YEAR = re.compile(r"[,.]\s*((?:1[6-9]|20)\d\d)(?![\da-z])\.?\s*$")


@dataclass(frozen=True, slots=True)
class Undecided:
    """A citation whose names fit several entries of a group: the author picks the letter."""

    span: Span
    text: str
    keys: tuple[str, ...]  # the lettered keys it may cite, e.g. ("smith2019a", "smith2019b")


@dataclass(frozen=True, slots=True)
class Suffixing:
    """The manuscript with suffixes added, and what was done."""

    text: str
    lettered: tuple[tuple[str, str], ...]  # (entry key before, its year now: "2019a")
    citations_lettered: int
    undecided: tuple[Undecided, ...]
    skipped: tuple[tuple[str, ...], ...]  # groups left alone: partly lettered, year not found

    @property
    def changed(self) -> bool:
        return bool(self.lettered or self.citations_lettered)


def _groups(refs: Sequence[Reference]) -> list[list[Reference]]:
    """Entries by the same authors in the same year, two or more of them with the same
    year as printed (CIT007's groups), in list order."""
    by_names: dict[tuple[str, ...], list[Reference]] = defaultdict(list)
    for r in refs:
        if r.authors and r.year:
            key = (*(fold(a.family) for a in r.authors), r.year)
            by_names[key].append(r)
    years = [[entry_year(r) for r in g] for g in by_names.values()]
    return [g for g, y in zip(by_names.values(), years, strict=True) if len(set(y)) < len(y)]


def _year_at(text: str, ref: Reference) -> int | None:
    """Where, in ``text``, the entry's year ends (the letter goes there)."""
    start, end = ref.span.start, ref.span.end
    head = _HEAD_YEAR.search(text, start, min(end, start + 300))
    if head is not None and not any(ch.isdigit() for ch in text[start : head.start()]):
        return head.end(1)
    tail = _END_YEAR.search(text[max(start, end - 60) : end])
    return max(start, end - 60) + tail.end(1) if tail is not None else None


def _fits(work: CitedWork, ref: Reference) -> bool:
    """Whether the names of ``work`` may be a citation of ``ref`` (same year assumed)."""
    family = first_family(ref) or ""
    first = loose(work.names[0])
    if first not in (loose(family), loose(without_particles(family))):
        return False
    n = len(ref.authors)
    for written, author in zip(work.names[1:], ref.authors[1:], strict=False):
        if loose(written) != loose(author.family):
            return False
    if work.et_al:  # "et al." for three authors or more (APA; Chicago and Harvard: more)
        return n >= max(3, len(work.names) + 1) or ref.et_al
    return n == len(work.names) and not ref.et_al


def _lettered_name(ref: Reference, letter: str) -> str:
    """``smith2019a ('A brain study')``: the entry as the author will find it."""
    title = ref.title or ""
    short = title if len(title) <= 40 else title[:39] + "…"
    return f"{fold(first_family(ref) or '')}{ref.year}{letter}" + (f" ({short!r})" if short else "")


def _work_year_end(text: str, work: CitedWork, style: str) -> int | None:
    """Where the year of ``work`` ends in ``text`` (a 4-digit year as written)."""
    span_text = text[work.span.start : work.span.end]
    found = [m.end() for m in re.finditer(rf"(?<!\d){work.year}(?![\w])", span_text)]
    if not found:
        return None
    at = found[-1] if style != "narrative" else found[0]
    return work.span.start + at


def add_suffixes(analysis: Analysis) -> Suffixing:
    """The manuscript with each CIT007 group lettered in title order (see the module doc)."""
    text = analysis.document.text
    edits: list[tuple[int, int, str]] = []
    lettered: list[tuple[str, str]] = []
    skipped: list[tuple[str, ...]] = []
    letter_of: dict[int, str] = {}  # id of a lettered entry -> its letter
    groups: list[list[Reference]] = []
    for group in _groups(analysis.references):
        keys = tuple(str(r.key) for r in group)
        ats = [_year_at(text, r) for r in group]
        if any(entry_year(r) != r.year for r in group) or None in ats:
            skipped.append(keys)
            continue
        ordered = sorted(group, key=lambda r: (title_order_key(r.title or ""), r.span.start))
        new_text = {}
        for i, r in enumerate(ordered):
            letter = chr(ord("a") + i)
            letter_of[id(r)] = letter
            at = ats[group.index(r)]
            assert at is not None
            entry = text[r.span.start : r.span.end]
            new_text[id(r)] = entry[: at - r.span.start] + letter + entry[at - r.span.start :]
            lettered.append((str(r.key), f"{r.year}{letter}"))
        for slot, r in zip(sorted(group, key=lambda r: r.span.start), ordered, strict=True):
            edits.append((slot.span.start, slot.span.end, new_text[id(r)]))
        groups.append(ordered)
    undecided, count = _cite_edits(analysis, groups, letter_of, edits)
    edits.sort()
    out, pos = [], 0
    for start, end, new in edits:
        out += [text[pos:start], new]
        pos = end
    out.append(text[pos:])
    return Suffixing("".join(out), tuple(lettered), count, tuple(undecided), tuple(skipped))


def _cite_edits(
    analysis: Analysis,
    groups: list[list[Reference]],
    letter_of: dict[int, str],
    edits: list[tuple[int, int, str]],
) -> tuple[list[Undecided], int]:
    """The letters added to citations (appended to ``edits``), and the undecided ones."""
    if not groups:
        return [], 0
    text = analysis.document.text
    section = analysis.section
    skip = (Span(section.heading_span.start, section.body.end),)
    undecided: list[Undecided] = []
    count = 0
    same_year: dict[str, list[Reference]] = defaultdict(list)  # unlettered entries by year
    for r in analysis.references:
        if r.year and entry_year(r) == r.year:
            same_year[r.year].append(r)
    for citation in find_authordate(text, skip=skip, masked=analysis.document.masked):
        for work in citation.works:
            if not work.year.isdigit():
                continue  # lettered already, n.d., in press
            fitting = [r for r in same_year.get(work.year, ()) if _fits(work, r)]
            if not any(id(r) in letter_of for r in fitting):
                continue  # cites none of the lettered entries
            at = _work_year_end(text, work, citation.style)
            if len(fitting) == 1 and at is not None:
                edits.append((at, at, letter_of[id(fitting[0])]))
                count += 1
                continue
            keys = tuple(sorted(_lettered_name(r, letter_of.get(id(r), "")) for r in fitting))
            written = text[work.span.start : work.span.end]
            undecided.append(Undecided(work.span, written, keys))
    return undecided, count
