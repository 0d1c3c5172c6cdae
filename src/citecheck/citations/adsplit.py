"""Author-date entries as printed, made ready for keying (:func:`authordate_entries`):

- entries that ran together: two one-line APA entries set with nothing between them (no
  gap, no indent a PDF's lines could show) arrive as one entry,
  ``… Science, 2, 3-4. World Health Organization. (2020). World report on things. …``. An
  entry is cut where, after a full stop, an APA entry's head begins: names that end with a
  full stop right before a parenthesised year (``Smith, J. (2019).``, ``World Health
  Organization. (2020).``), once the entry has had its own year. ``Journal of Cells
  (2019).`` is not a head: no full stop before the year;
- entries led by the citation they are cited by (a label, as some publishers' XML writes
  it): ``Alberch et al. (1979) Alberch P, Gould SJ, … Paleobiology. 1979. 5(12): 296–317.``
  The entry after the label is parsed (its authors read), the label's year (``(1981a)``)
  stays first in the text, where the key's year is read from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from citecheck.bibliography.parse import parse_reference
from citecheck.citations.adgiven import given_first_entries
from citecheck.citations.adnames import PARTICLES, parse_names
from citecheck.model import Reference

_YEAR = r"\((?:(?:1[6-9]|20)\d\d[a-z]?|n\.\s?d\.|in press)\)\."
_OWN_YEAR = re.compile(_YEAR)
# names: no digits, no parentheses, a full stop only after an initial, then ". (2019). "
_HEAD = re.compile(rf"(?<=[.)\]]) ([A-Z](?:[^().\d]|(?<=\b[A-Z])\.){{0,250}}?\.) {_YEAR}(?= )")
_INITIAL = re.compile(r"^(?:[A-Z]\.[\s-]?)+,?$")
_JOINING = frozenset(("of", "for", "the", "and", "&", "on", "in", *PARTICLES))


def _is_head(names: str) -> bool:
    """Authors as an APA list writes them: capitalised words, initials, ``&``, particles."""
    words = names.rstrip(".").split()
    return bool(words) and all(
        w[0].isupper() or _INITIAL.match(w) or w.lower().strip(",") in _JOINING for w in words
    )


_LABEL = re.compile(
    r"^([^()\d]{1,150}?) \(((?:1[6-9]|20)\d\d[a-z]?(?:[–-]\d{2,4})?|n\.\s?d\.|in press)\) (?=\S)"
)


def authordate_entries(refs: Sequence[Reference]) -> tuple[Reference, ...]:
    """The entries with run-together ones cut apart, citation labels read past and, in a
    list printed given name first, the authors read so (:mod:`adgiven`)."""
    return given_first_entries([without_label(r) for r in split_run_together(refs)])


def without_label(ref: Reference) -> Reference:
    """``ref`` parsed past a leading citation label whose first name opens the entry after
    it (``Bell & Brink (in press) Bell PR, Brink KS. …``); ``ref`` itself otherwise."""
    label = _LABEL.match(ref.raw)
    if label is None or (names := parse_names(label.group(1))) is None:
        return ref
    rest = ref.raw[label.end() :]
    first = names[0][0].split()[-1]
    if not rest.startswith(first) or rest[len(first) : len(first) + 1].isalpha():
        return ref
    parsed = parse_reference(rest, number=ref.number, offset=ref.span.start + label.end())
    if not parsed.authors:
        return ref
    return replace(parsed, raw=ref.raw, span=ref.span, number_inferred=ref.number_inferred)


def split_run_together(refs: Sequence[Reference]) -> tuple[Reference, ...]:
    """The entries with each run-together pair cut apart and both parts parsed again."""
    out: list[Reference] = []
    for ref in refs:
        pieces = _cuts(ref.raw)
        if not pieces:
            out.append(ref)
            continue
        bounds = [0, *pieces, len(ref.raw)]
        for start, end in pairwise(bounds):
            raw = ref.raw[start:end].strip()
            at = (
                ref.span.start
                + start
                + (len(ref.raw[start:end]) - len(ref.raw[start:end].lstrip()))
            )
            out.append(parse_reference(raw, offset=at))
    return tuple(out)


# a line that opens an author-date entry: names with initials, then the year right after
# them ("van Heel M, Schatz M. 2005.", "de Boer, J. G. (2000).")
_LINE_NAMES = re.compile(r"[A-Z][\w'’-]+,? (?:[A-Z]{1,3}\b|[A-Z]\.)")
_LINE_YEAR = re.compile(r"[(.,]\s*(?:1[6-9]|20)\d\d[a-z]?\s*[).,]")
_LINE_END = re.compile(r"\.\s*\n[ \t]*")


def _line_cuts(raw: str) -> list[int]:
    """Where, in a list of one entry a line, a line that opens an entry was taken for the
    previous entry's continuation (a line that starts with ``van``); not before the
    entry's own year, nor at a line that opens with an initial (``R., Stevens, M. (2009).``
    continues the authors that the line before began)."""
    cuts = []
    own = _LINE_YEAR.search(raw)
    if own is None:
        return []
    for m in _LINE_END.finditer(raw, own.end() - 1):
        line = raw[m.end() : m.end() + 300]
        year = _LINE_YEAR.search(line)
        if year is None or any(ch.isdigit() for ch in line[: year.start()]):
            continue
        head = line[: year.start()]
        words = head.split()
        opens = words and (words[0][0].isupper() or words[0].lower() in PARTICLES)
        opens = opens and not _INITIAL.match(words[0])
        if opens and _LINE_NAMES.search(head):
            cuts.append(m.end())
    return cuts


def _cuts(raw: str) -> list[int]:
    """Where new entries begin inside ``raw`` (after the entry's own year): at an APA
    head after a full stop, or at a line that opens an entry."""
    return sorted({*_head_cuts(raw), *_line_cuts(raw)})


def _head_cuts(raw: str) -> list[int]:
    own = _OWN_YEAR.search(raw)
    if own is None:
        return []
    cuts = []
    pos = own.end()
    for m in _HEAD.finditer(raw, own.end()):
        if m.start() >= pos and _is_head(m.group(1)):
            cuts.append(m.start() + 1)
            pos = m.end()
    return cuts
