"""Whose number is it: labels and groups (pure).

* **Labels.** A number read "at age 20" carries that label (``age:20``). A claimed and a
  stated number whose ages differ are different quantities: "life expectancy at age 35" is
  not given, nor contradicted, by the value at age 20. (Periods are labels too, but a period
  that differs is a contradiction of its own: :mod:`citecheck.sources.contradict`.)
* **Groups.** When the abstract states several values of one quantity — a list ("26.9 among
  women and 43.9 among men"), parallel sentences for two arms, a subgroup after a semicolon —
  the claim speaks of the one whose words it shares: its own words (or, for a
  "respectively" pairing, the words paired with it) appear more with a sibling than with the
  value that happens to equal the claim, and at least one of them (two, across clauses) only
  there (values of one endpoint in one sentence — "RR = 1.37 … RR = 1.61" — are siblings
  too). The claim's other numbers point too: "5-year survival of 66% when ART starts at CD4
  <350 cells/µl" speaks of the value next to the stated "<350 cells/µl", not of another arm's.
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.claims.units import dimension_of
from citecheck.sources.context import Located, Reading
from citecheck.sources.facts import VALUE_KINDS
from citecheck.sources.words import content

LABEL_KEYS = ("age",)  # periods are compared by the period rule (sources.contradict)


def label_conflict(c: Located, s: Located) -> bool:
    """Whether the two carry labels of one kind with no value in common."""
    for key in LABEL_KEYS:
        mine = {t for t in c.labels if t.startswith(key + ":")}
        theirs = {t for t in s.labels if t.startswith(key + ":")}
        if mine and theirs and not (mine & theirs):
            return True
    return False


def _dimension(item: Located) -> str:
    return dimension_of(item.fact.quantity.unit) or f"bare-{item.fact.kind}"


def own_words(c: Located) -> frozenset[str]:
    """The claim's words for one of its numbers: the "respectively" label if paired."""
    return content(c.fact.paired) if c.fact.paired else c.own


def speaks_of(
    c: Located, e: Located, reading: Reading, claimed: Sequence[Located] = ()
) -> Located | None:
    """The sibling of ``e`` (the stated value equal to the claimed ``c``) that the claim
    speaks of instead, or ``None`` when the claim speaks of ``e``."""
    from citecheck.sources.agree import agreement

    siblings = [
        d
        for d in reading.items
        if d is not e
        and d.fact.role == "point"
        and d.fact.kind in VALUE_KINDS
        and _dimension(d) == _dimension(e)
        and (d.fact.quantity.value, d.fact.quantity.high)
        != (e.fact.quantity.value, e.fact.quantity.high)
        and not any(other is not c and agreement(other, d) for other in claimed)
    ]
    anchors = [
        s.fact.start
        for other in claimed
        if other is not c and other.fact.kind in VALUE_KINDS and _dimension(other) != _dimension(c)
        for s in reading.items
        if s.fact.sentence == e.fact.sentence and s.fact.role == "point" and agreement(other, s)
    ]
    if anchors:
        order = sorted(i.fact.start for i in reading.items if i.fact.sentence == e.fact.sentence)

        def distance(item: Located) -> int:
            here = order.index(item.fact.start)
            return min(abs(here - order.index(a)) for a in anchors)

        listed = [d for d in siblings if d.list_id == e.list_id]
        closer = [d for d in listed if distance(d) < distance(e)]
        if closer:
            return min(closer, key=distance)
    words = own_words(c)
    if not words:
        return None
    best: tuple[int, Located] | None = None
    for d in siblings:
        same_endpoint = e.fact.endpoint is not None and d.fact.endpoint == e.fact.endpoint
        if d.list_id == e.list_id or (same_endpoint and d.fact.sentence == e.fact.sentence):
            mine, theirs, need = e.own, d.own, 1
        elif len(d.native & e.native) >= 2:
            mine, theirs, need = e.clause_words, d.clause_words, 2
        else:
            continue
        score_d, score_e = len(words & theirs), len(words & mine)
        better = score_d > score_e and len((words & theirs) - mine) >= need
        if better and (best is None or score_d > best[0]):
            best = (score_d, d)
    return best[1] if best else None
