"""When the abstract contradicts a claimed number (pure).

"Contradicted" needs the **same quantity** with another value; anything less is "not in
abstract". The same quantity is found by one of these, in this order:

1. **group** — the claimed value is in the abstract, but for another group, and the group
   the claim speaks of has another value ("43.9 among women" when 43.9 is the men's rate and
   the women's is 26.9; :mod:`citecheck.sources.groups`);
2. **endpoint** — the abstract states the claimed endpoint (PFS, OS, HR…) with another value
   or comparator, in a unit that converts exactly;
3. **list position** — another number of the claim's list or change ("from 4.2% to 10.4%")
   is stated, and the abstract's number in the same position differs ("from 4.2% … to
   10.0%");
4. **label** — a value of the same dimension and labels whose words carry the claim's
   subject (two of its words, or its only one: "90% of adult deaths" needs *adult deaths*,
   not just *recorded*), and every group word of the claim that the abstract uses ("men",
   "women", "without");
5. **period** — a claimed period whose other numbers are stated in a sentence whose period
   (or first and last year) differs ("from 43 to 131 between 2001 and 2008" against "from 43
   in 2001 to 131 in 2006"), or a claimed range that ends before it starts.

Never when the number is also supported: the matcher only asks here for numbers it could not
support; nor when the stated value, read at its own precision, admits the claimed one ("18%"
neither gives nor excludes "18.4%"). Ages, bare counts and CI bounds are never contradicted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from citecheck.claims.units import dimension_of
from citecheck.sources.agree import agreement, comparable
from citecheck.sources.context import Located, Reading
from citecheck.sources.groups import label_conflict
from citecheck.sources.words import GROUP_WORDS

if TYPE_CHECKING:
    from citecheck.sources.match import Candidate, ReadAbstract

Against = tuple["ReadAbstract | None", "Located | None", str]
_NOT_MEASURES = ("CI", "IQR", "SD")


def contradiction(
    c: Located,
    claim: Reading,
    anchors: Sequence[tuple[Located, Candidate]],
    pointed: tuple[ReadAbstract, Located] | None,
    abstracts: Sequence[ReadAbstract],
    found_elsewhere: bool = False,
) -> Against | None:
    """What contradicts the claimed ``c`` — (abstract, stated fact, what differs) — if
    anything."""
    f = c.fact
    if f.kind == "period":
        return _period(c, anchors)
    if f.role != "point" or f.kind in ("age", "year") or f.threshold:
        return None  # labels and conditions are not results
    if (
        pointed is not None
        and comparable(c, pointed[1])
        and agreement(c, pointed[1]) is None
        and not precision_admits(c, pointed[1])
    ):
        return pointed[0], pointed[1], "value for the group the claim names"
    found = _endpoint(c, anchors, abstracts) or _list_position(c, anchors, abstracts, claim)
    if found is None and not found_elsewhere:  # the weakest: not when the value is there
        found = _label(c, claim, abstracts)
    if found is not None and found[1] is not None and not precision_admits(c, found[1]):
        return found
    return None


def precision_admits(c: Located, s: Located) -> bool:
    """Whether the stated value, read at its own precision, still admits the claimed one:
    "18%" does not give "18.4%" (fewer digits) but does not exclude it either."""
    cq, sq = c.fact.quantity, s.fact.quantity
    if cq.high is not None or sq.high is not None or cq.comparator or sq.comparator:
        return False
    if cq.in_words or sq.in_words or cq.unit != sq.unit:
        return False
    return sq.decimals < cq.decimals and abs(cq.value - sq.value) <= 0.5 * 10 ** (-sq.decimals)


def _differs(c: Located, s: Located) -> str:
    cq, sq = c.fact.quantity, s.fact.quantity
    if cq.value == sq.value and cq.high == sq.high and cq.comparator != sq.comparator:
        return "comparator"
    return "value"


def _stated(s: Located) -> bool:
    return s.fact.role == "point" and s.fact.kind in ("value", "count")


def _endpoint(
    c: Located, anchors: Sequence[tuple[Located, Candidate]], abstracts: Sequence[ReadAbstract]
) -> Against | None:
    key = c.fact.endpoint
    if key is None or key in _NOT_MEASURES:
        return None
    for read in abstracts:
        for s in read.reading.items:
            if (
                _stated(s)
                and s.fact.endpoint == key
                and comparable(c, s)
                and dimension_of(c.fact.quantity.unit) == dimension_of(s.fact.quantity.unit)
                and agreement(c, s) is None
            ):
                return read, s, _differs(c, s)
    return None


def _list_position(
    c: Located,
    anchors: Sequence[tuple[Located, Candidate]],
    abstracts: Sequence[ReadAbstract],
    claim: Reading,
) -> Against | None:
    if c.fact.quantity.comparator not in (None, "~"):
        return None  # "<50, 50–99, 100–199": categories, not results
    mine = sorted(
        (x for x in claim.items if x.list_id == c.list_id and x.list_id >= 0),
        key=lambda x: x.fact.start,
    )
    for other, cand in anchors:
        if other is c or other.list_id != c.list_id or other.list_id < 0:
            continue
        offset = mine.index(c) - mine.index(other)
        members = [
            s for s in cand.read.reading.items if _stated(s) and s.list_id == cand.item.list_id
        ]
        members.sort(key=lambda s: s.fact.start)
        here = members.index(cand.item) if cand.item in members else -1
        target = here + offset
        if here < 0 or not 0 <= target < len(members):
            continue
        d = members[target]
        endpoints = {c.fact.endpoint, d.fact.endpoint} - {None}
        if (
            len(endpoints) <= 1
            and d.fact.quantity.comparator in (None, "~")
            and comparable(c, d)
            and agreement(c, d) is None
            and not label_conflict(c, d)
        ):
            return cand.read, d, _differs(c, d)
    return None


_STATISTICS = {"mean": "mean", "average": "mean", "median": "median"}


def _statistic(words: frozenset[str]) -> set[str]:
    return {_STATISTICS[w] for w in words if w in _STATISTICS}


def _label(
    c: Located,
    claim: Reading,
    abstracts: Sequence[ReadAbstract],
) -> Against | None:
    """The same label: see the module doc. Strict, because it is the weakest evidence: the
    claim's ages, group words and conditions ("with CD4 ≥200") must all be the stated
    value's too, and a mean is not a median."""
    q = c.fact.quantity
    if q.unit is None or not c.subject or c.fact.endpoint is not None or c.fact.timepoint:
        return None  # a named endpoint is contradicted by that endpoint only
    need = min(2, len(c.subject))
    groups = c.own & GROUP_WORDS
    ages = {t for t in c.labels if t.startswith("age:")}
    conditions = [x for x in claim.items if x.fact.threshold]
    best: tuple[int, ReadAbstract, Located] | None = None
    for read in abstracts:
        for d in read.reading.items:
            if not _same_label(c, d, need):
                continue
            if not ages <= d.labels or not groups <= d.clause_words:
                continue
            if not _statistic(c.own) <= _statistic(d.own | d.clause_words):
                continue  # a mean is not a median
            sentence = [s for s in read.reading.items if s.fact.sentence == d.fact.sentence]
            if any(not any(agreement(x, s) == "exact" for s in sentence) for x in conditions):
                continue  # the claim's condition ("CD4 ≥200") is not this value's
            rank = len(c.own & d.own)
            if best is None or rank > best[0]:
                best = (rank, read, d)
    return (best[1], best[2], _differs(c, best[2])) if best else None


def _same_label(c: Located, d: Located, need: int) -> bool:
    q, dq = c.fact.quantity, d.fact.quantity
    if not _stated(d) or d.fact.kind != "value" or dq.unit is None or d.fact.timepoint:
        return False
    if dq.comparator not in (None, "~") or d.fact.threshold:
        return False  # "≤350 cells/mm³" is a threshold, not a value
    if not comparable(c, d) or agreement(c, d) is not None or label_conflict(c, d):
        return False
    if dimension_of(q.unit) != dimension_of(dq.unit):
        return False
    # "increased by 17 years" is a difference, not a level
    return len(c.subject & d.own) >= need and c.fact.delta == d.fact.delta


def _period(c: Located, anchors: Sequence[tuple[Located, Candidate]]) -> Against | None:
    q = c.fact.quantity
    if q.high is not None and q.high < q.value:
        return None, None, "impossible range: it ends before it starts"
    for other, cand in anchors:
        if other is c or other.fact.kind == "period":
            continue
        sentence = cand.item.fact.sentence
        spans = [
            s
            for s in cand.read.reading.items
            if s.fact.sentence == sentence and s.fact.kind == "period" and s.fact.role == "point"
        ]
        for s in spans:
            if agreement(c, s) is None:
                return cand.read, s, "period"
    return None
