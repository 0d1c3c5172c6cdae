"""Author-date entries that ran together: two one-line APA entries set with nothing between
them (no gap, no indent a PDF's lines could show) arrive as one entry,
``… Science, 2, 3-4. World Health Organization. (2020). World report on things. …``.

An entry is cut where, after a full stop, an APA entry's head begins: names that end with a
full stop right before a parenthesised year (``Smith, J. (2019).``, ``World Health
Organization. (2020).``), once the entry has had its own year. ``Journal of Cells (2019).``
is not a head: no full stop before the year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from citecheck.bibliography.parse import parse_reference
from citecheck.citations.authordate import PARTICLES
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


def _cuts(raw: str) -> list[int]:
    """Where new entries begin inside ``raw`` (after the entry's own year)."""
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
