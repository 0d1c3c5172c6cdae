"""When a stated number gives a claimed one, and by which rule (pure).

Each rule returns its name, shown in the report as the evidence of the match:

==========================  ===============================================================
rule                        a claimed number is given by a stated one when
==========================  ===============================================================
``exact``                   the values are equal (after an exact unit conversion, and
                            however written: digits, words, spaced or comma thousands,
                            powers of ten; ``about 70%`` gives ``70%``)
``rounding``                the claim is written with fewer digits and the stated value
                            rounds to it: 18 % by 18.4 %, 16.1 y by 193.6 mo — never the
                            reverse (18.4 % is not given by 18 %)
``hedge ±10%``              the claim says about / approximately / around / nearly / roughly
                            / some / ~: the stated value lies within 10% of it (or its
                            rounding, whichever is wider): "around 10 y" by 124.3 mo
``inequality``              the claim says more than / over / above (>), at least (≥), less
                            than / under / below (<), up to / at most (≤): the stated value
                            satisfies it, or is stated with the same comparator and value
``fraction ↔ percentage``   a fraction in words is within one percentage point of the
                            stated share: two thirds by 66% or 67% (not 65% or 68%), a third
                            by 32.8%, half by 49% to 51%; "about two thirds" within 10%
``count ↔ proportion``      "23 of 35", "23/35" against a percentage (65.7% rounds to 66%)
                            or against the same count of the same total
``fold ↔ percentage``       2-fold reduction = 50% reduction, 2-fold increase = 100%
                            increase (the direction words must agree)
``rate base``               12 per 100,000 = 0.12 per 1000 (both rates with their bases)
``decimal comma``           25.000 read as 25 000 against an integer claim of 25,000
==========================  ===============================================================

Ranges agree endpoint by endpoint; a range never agrees with a point. Units convert only
exactly (:func:`citecheck.sources.match.exactly_convertible`: days and months do not).
"""

from __future__ import annotations

import re

from citecheck.claims.model import Quantity
from citecheck.claims.units import dimension_of, factor_of
from citecheck.sources.context import Located

HEDGE = 0.10
_EPS = 1e-9
EXACT_TIME_GROUPS = (frozenset({"s", "min", "h", "d", "wk"}), frozenset({"mo", "y"}))


def exactly_convertible(claimed: str | None, stated: str | None) -> bool:
    """Whether a value in unit ``stated`` may be converted to ``claimed`` for comparison.

    A bare number (``None``) goes with any unit, as in the manuscript check.
    """
    if claimed is None or stated is None or claimed == stated:
        return True
    if dimension_of(claimed) != dimension_of(stated) or dimension_of(claimed) != "time":
        return True  # other dimensions: exact factors; a wrong dimension is compared as such
    return any(claimed in g and stated in g for g in EXACT_TIME_GROUPS)


def comparable(c: Located, s: Located) -> bool:
    """Same dimension (a bare claimed number goes with a bare stated one, or any unit for a
    label such as an age), units exactly convertible, both points or both ranges."""
    cq, sq = c.fact.quantity, s.fact.quantity
    if (cq.high is None) != (sq.high is None):
        return False
    if c.fact.kind == "age" and s.fact.kind == "age":
        return cq.unit is None or sq.unit is None or cq.unit == sq.unit
    dc, ds = _dimension(cq), _dimension(sq)
    if dc is None and ds is not None and c.fact.kind not in ("age",):
        return c.fact.of_total is not None and ds == "proportion"
    if dc is not None and ds is None:
        return cq.unit == "%" and s.fact.of_total is not None
    if (
        dc != ds
        and not (dc == "fold" and ds == "proportion")
        and not (dc == "proportion" and ds == "fold")
    ):
        return False
    return exactly_convertible(cq.unit, sq.unit)


def _dimension(q: Quantity) -> str | None:
    return dimension_of(q.unit)


def agreement(c: Located, s: Located) -> str | None:
    """The rule by which the stated ``s`` gives the claimed ``c``, or ``None``."""
    cq, sq = c.fact.quantity, s.fact.quantity
    if not comparable(c, s):
        return None
    if c.fact.of_total is not None or s.fact.of_total is not None:
        return _counts(c, s)
    if {cq.unit, sq.unit} == {"fold", "%"}:
        return _fold(c, s)
    if cq.in_words and dimension_of(sq.unit) == "proportion":
        share = sq.value * factor_of(sq.unit)
        return "fraction ↔ percentage" if abs(share - cq.value) <= _fraction_tolerance(cq) else None
    rule = _values(cq, sq, cq.value, sq.value)
    if rule in ("inequality", "hedge ±10%") and c.fact.threshold:
        return None  # a condition ("CD4 above 200") is given only by the same condition
    if rule is not None and cq.high is not None and sq.high is not None:
        high = _values(cq, sq, cq.high, sq.high)
        rule = None if high is None else rule if high == rule else "rounding"
    if rule is None:
        return _decimal_comma(cq, sq) or _rate(c, s)
    if c.fact.base and s.fact.base and c.fact.base != s.fact.base:
        return _rate(c, s)
    return rule


def _values(cq: Quantity, sq: Quantity, cv: float, sv: float) -> str | None:
    """The rule for one value (a point, or one end of a range)."""
    fc = factor_of(cq.unit) if cq.unit else factor_of(sq.unit)
    fs = factor_of(sq.unit)
    a, b = cv * fc, sv * fs
    tol = 0.5 * 10 ** (-cq.decimals) * fc
    if cq.comparator in (">", "≥", "<", "≤"):
        if sq.comparator == cq.comparator and abs(a - b) <= _EPS * max(1.0, abs(a)):
            return "exact"
        if sq.comparator not in (None, "~"):
            return None
        ok = {">": b > a, "≥": b >= a - _EPS, "<": b < a, "≤": b <= a + _EPS}[cq.comparator]
        return "inequality" if ok else None
    if sq.comparator not in (None, "~"):
        return None  # "more than 30" does not give "30"
    if abs(a - b) <= _EPS * max(1.0, abs(a)):
        return "exact"
    rounding = abs(a - b) <= tol + _EPS * max(1.0, abs(a))
    fewer_digits = cq.decimals < sq.decimals or cq.unit != sq.unit
    if rounding and fewer_digits:
        return "rounding"
    if cq.comparator == "~" and abs(a - b) <= max(tol, HEDGE * abs(a)) + _EPS:
        return "hedge ±10%"
    return None


def _counts(c: Located, s: Located) -> str | None:
    cf, sf = c.fact, s.fact
    cq, sq = cf.quantity, sf.quantity
    if cf.of_total is not None and sf.of_total is not None:
        same = cq.value == sq.value and cf.of_total == sf.of_total
        return "count ↔ proportion" if same else None
    if cf.of_total is not None:  # claimed "23/35" against a stated share
        if dimension_of(sq.unit) != "proportion":
            return "exact" if sq.unit is None and sq.value == cq.value else None
        share = cq.value / cf.of_total
        stated = sq.value * factor_of(sq.unit)
        tol = 0.5 * 10 ** (-sq.decimals) * factor_of(sq.unit)
        return "count ↔ proportion" if abs(share - stated) <= tol + _EPS else None
    assert sf.of_total is not None
    share = sq.value / sf.of_total
    if cq.in_words:
        return "count ↔ proportion" if abs(share - cq.value) <= _fraction_tolerance(cq) else None
    if dimension_of(cq.unit) != "proportion":
        return "exact" if cq.unit is None and cq.value == sq.value else None
    claimed = cq.value * factor_of(cq.unit)
    tol = 0.5 * 10 ** (-cq.decimals) * factor_of(cq.unit)
    if cq.comparator == "~":
        tol = max(tol, HEDGE * claimed)
    return "count ↔ proportion" if abs(share - claimed) <= tol + _EPS else None


def _fraction_tolerance(q: Quantity) -> float:
    """A fraction in words: within one percentage point; "about two thirds": within 10%."""
    one_point = 0.01 + _EPS
    return max(one_point, HEDGE * q.value) if q.comparator == "~" else one_point


def _fold(c: Located, s: Located) -> str | None:
    """2-fold reduction ↔ 50% reduction; 2-fold increase ↔ 100% increase."""
    if c.direction is None or c.direction != s.direction:
        return None
    fold_side, pct_side = (c, s) if c.fact.quantity.unit == "fold" else (s, c)
    fold, pct = fold_side.fact.quantity.value, pct_side.fact.quantity.value / 100
    down = 1 / (1 - pct) if pct < 1 else float("inf")
    expected = 1 + pct if c.direction == "up" else down
    claimed = c.fact.quantity
    tol = 0.5 * 10 ** (-claimed.decimals)
    value = fold if claimed.unit == "fold" else pct * 100
    other = (
        expected
        if claimed.unit == "fold"
        else ((fold - 1) * 100 if c.direction == "up" else (1 - 1 / fold) * 100)
    )
    return "fold ↔ percentage" if abs(value - other) <= tol + _EPS else None


def _rate(c: Located, s: Located) -> str | None:
    cb, sb = c.fact.base, s.fact.base
    if not cb or not sb:
        return None
    cq, sq = c.fact.quantity, s.fact.quantity
    a, b = cq.value / cb, sq.value / sb
    tol = 0.5 * 10 ** (-cq.decimals) / cb
    return "rate base" if abs(a - b) <= tol + _EPS else None


def _decimal_comma(cq: Quantity, sq: Quantity) -> str | None:
    """ "25.000" may be 25 000 written with a decimal comma's thousands point."""
    for a, b in ((cq, sq), (sq, cq)):
        written = a.text.strip()
        if (
            re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", written)
            and b.decimals == 0
            and float(written.replace(".", "")) == b.value
            and a.unit == b.unit
        ):
            return "decimal comma"
    return None
