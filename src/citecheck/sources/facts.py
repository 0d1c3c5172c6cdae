"""Reading an abstract (or a claim) into *facts*: each number with what it is (pure).

The text is canonicalised first (:mod:`citecheck.sources.numerals`: number words, spaced
thousands, powers of ten), then read sentence by sentence with the claims stage's quantity,
unit, endpoint and "respectively" readers. Each quantity becomes a :class:`Fact` with

* a **role** — ``point`` (a value the text states), ``bound`` (inside a parenthesis or
  bracket naming a CI, IQR, range, SD or SE: "26.7 (95% CI, 25.0 to 28.4)" — never a point
  value), ``spread`` (a bare number in parentheses right after a value: "30.0 (1.2)"),
  ``detail`` (a count in parentheses after a percentage: "4.2% (258/6205)") or
  ``denominator`` (the 1000 of "per 1000 person-years");
* a **kind** — ``value``, ``count`` ("22315 eligible patients", "23 of 35", "23/35"),
  ``age`` ("at age 20": a label, not a result), ``year`` (a calendar year) or ``period``
  ("1996-9" read as 1996–1999, "between 2001 and 2007");
* the words that belong to it (:mod:`citecheck.sources.context`).

A value followed by its CI and then a unit takes that unit ("26.7 (CI, …) further years").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from citecheck.claims.endpoints import (
    DEFAULT_ENDPOINTS,
    Endpoint,
    EndpointTable,
    accepts,
    endpoint_by_key,
    find_endpoints,
)
from citecheck.claims.measures import read_measures
from citecheck.claims.model import Quantity, Sentence
from citecheck.claims.sentences import split_sentences
from citecheck.claims.units import dimension_of
from citecheck.model import Span
from citecheck.sources.marks import (
    brackets,
    is_bound,
    is_threshold,
    is_timepoint,
    unit_after_parenthesis,
    year_end,
)
from citecheck.sources.numerals import Canonical, canonicalise

_COUNTED = re.compile(
    r"\s+(?:[a-z\-]+\s+)?(?:patients?|participants?|subjects?|persons?|people|individuals?"
    r"|adults?|children|women|men|cases?|deaths?|events?|person-years?|cohorts?|studies|trials?"
    r"|cycles?|samples?|tumou?rs?|mice|rats|cells|controls?|infants?|respondents?|households?"
    r"|sites?|countries|clinics|hospitals?|doses?|lesions?|genes?|loci|mutations?)\b",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"(?:\b(?:at|from|after|before|by|over|under)\s+(?:exact\s+|the\s+)?age\s*|\baged\s*|\bage\s+of\s*)$",
    re.IGNORECASE,
)
_DELTA = re.compile(
    r"\b(?:increas|decreas|rise|rose|risen|fell|fall|reduc|declin|gain|drop|improv|chang|lower"
    r"|rais|higher|longer|shorter)\w*\b[^.;]{0,80}?\b(?:by|of)\s*$",
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|from|to|between|and|until|till|by|of|during|before|after|through|early"
    r"|late|mid|year|end)\s+(?:the\s+)?(?:year\s+)?|[(\-–]\s*)$",
    re.IGNORECASE,
)
LAST_YEAR = 2050  # a span ending later is not a period ("from 80 in 2001 to 2087 in 2006")
_PER = re.compile(r"\s*(?:per|/)\s*([0-9][0-9,]*)(?![0-9.])", re.IGNORECASE)
_X_OF_Y = re.compile(r"\s+(?:of|out\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_RATIO = re.compile(r"(?<![\w./])([0-9]{1,7})/([0-9]{1,7})(?![\w/]|\.[0-9])")
_CHANGE = re.compile(
    r"\b(?:rose|risen|rise|increased?|decreased?|declined?|fell|fallen|dropped|grew|grown"
    r"|improved|went\s+(?:up|down)|changed|doubled|2-fold|reduced|halved)\b[^;]*\bfrom\s*$",
    re.IGNORECASE,
)


VALUE_KINDS = ("value", "count")  # results
LABEL_KINDS = ("age", "year", "period")  # labels of results


@dataclass(frozen=True, slots=True)
class Fact:
    """One number of a text and what it is. Spans are into the original text."""

    quantity: Quantity
    kind: str  # value, count, age, year, period
    role: str  # point, bound, spread, detail, denominator
    sentence: int
    endpoint: str | None = None
    paired: str | None = None  # the "respectively" label, if paired
    of_total: float | None = None  # "23 of 35": 35
    base: float | None = None  # "per 1000": 1000
    change: bool = False  # "rose from X to Y"
    delta: bool = False  # a difference: "increased by 17 years", "an increase of 22.9 years"
    threshold: bool = False  # "CD4 counts above 200", "over 5-y age groups": a condition
    timepoint: bool = False  # "survived to 24 mo after", "at 5 years": when, not how much
    start: int = 0  # offsets into the canonical text
    end: int = 0


@dataclass(frozen=True)
class Raw:
    """A text read into facts, before their words are attached."""

    text: str
    canonical: Canonical
    sentences: tuple[Sentence, ...]  # spans into the canonical text
    facts: tuple[Fact, ...]


def read_raw(text: str, endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS) -> Raw:
    canonical = canonicalise(text)
    ct = canonical.text
    sentences = tuple(split_sentences(ct, 0, len(ct)))
    facts: list[Fact] = []
    for index, sentence in enumerate(sentences):
        facts += _sentence_facts(text, canonical, sentence, index, endpoints)
    return Raw(text, canonical, sentences, tuple(facts))


def _sentence_facts(
    text: str,
    canonical: Canonical,
    sentence: Sentence,
    index: int,
    endpoints: Sequence[Endpoint] | EndpointTable,
) -> list[Fact]:
    ct = canonical.text
    lo, hi = sentence.span.start, sentence.span.end
    measures, _ = read_measures(ct, sentence.span, endpoints=endpoints)
    facts = [
        Fact(
            m.quantity,
            "value",
            "point",
            index,
            m.endpoint,
            m.label if m.via == "respectively" else None,
            start=m.quantity.span.start,
            end=m.quantity.span.end,
        )
        for m in measures
    ]
    facts = [g for f in facts for g in _split_year_led(ct, f)]
    facts += _ratios(ct, lo, hi, facts, index)
    facts.sort(key=lambda f: f.start)
    facts = _x_of_y(ct, facts)
    around = brackets(ct, lo, hi)
    facts = [_classify(ct, lo, hi, f, around) for f in facts]
    facts = [_not_a_ci(ct, lo, f, endpoints) for f in facts]
    facts = _denominators(ct, facts)
    facts = _changes(ct, facts)
    facts = [
        replace(
            f,
            delta=bool(_DELTA.search(ct[max(lo, f.start - 100) : f.start])),
            threshold=is_threshold(ct, lo, f),
            timepoint=is_timepoint(ct, lo, f),
        )
        for f in facts
    ]
    return [_to_original(text, canonical, f) for f in facts]


def _split_year_led(ct: str, f: Fact) -> list[Fact]:
    """ "2001 to 131 cells/μl", "2001 to 2087": a year, then a value — not a range."""
    q = f.quantity
    written = ct[f.start : f.end]
    m = re.match(r"((?:18|19|20)[0-9][0-9])\s*(?:to|–|-)\s*", written)
    backwards = re.match(r"([0-9.]+)\s+to\s+", written)
    if q.high is not None and not m and backwards and q.high < q.value:
        first = replace(q, high=None, text=backwards.group(1))
        rest = replace(q, value=q.high, high=None, text=written[backwards.end() :])
        return [
            replace(f, quantity=first, end=f.start + len(backwards.group(1))),
            replace(f, quantity=rest, start=f.start + backwards.end()),
        ]
    if q.high is None or not m or q.comparator:
        return [f]
    end = year_end(q.value, written)
    if q.unit is None and q.value <= end <= LAST_YEAR:
        return [f]
    year = Quantity(Span(f.start, f.start + 4), m.group(1), q.value)
    rest = replace(
        q,
        value=q.high,
        high=None,
        span=Span(f.start + m.end(), f.end),
        text=written[m.end() :],
        decimals=q.decimals,
    )
    return [
        replace(f, quantity=year, end=f.start + 4),
        replace(f, quantity=rest, start=f.start + m.end()),
    ]


def _ratios(ct: str, lo: int, hi: int, facts: list[Fact], index: int) -> list[Fact]:
    """ "23/35": 23 counted of 35 (the quantity reader leaves ratios alone)."""
    out = []
    taken = sorted((f.start, f.end) for f in facts)
    starts = [s for s, _ in taken]
    for m in _RATIO.finditer(ct, lo, hi):
        a, b = int(m.group(1)), int(m.group(2))
        k = bisect_left(starts, m.end()) - 1
        if a > b or b == 0 or (k >= 0 and taken[k][1] > m.start()):
            continue
        q = Quantity(Span(m.start(), m.end()), m.group(), float(a))
        out.append(
            Fact(q, "count", "point", index, of_total=float(b), start=m.start(), end=m.end())
        )
    return out


def _x_of_y(ct: str, facts: list[Fact]) -> list[Fact]:
    """ "23 of 35 patients": the first is a count of the second."""
    out = list(facts)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        qa, qb = a.quantity, b.quantity
        if qa.unit or qb.unit or qa.decimals or qb.decimals or qa.high or qb.high:
            continue
        if qa.comparator or qb.comparator or qa.in_words or qb.in_words:
            continue
        if _X_OF_Y.match(ct[a.end : b.start]) and qa.value <= qb.value:
            out[i] = replace(a, kind="count", of_total=qb.value)
            out[i + 1] = replace(b, kind="count")
    return out


def _classify(
    ct: str, lo: int, hi: int, f: Fact, brackets: Sequence[tuple[int, int] | None]
) -> Fact:
    q = f.quantity
    role = "point"
    paren = brackets[f.start - lo] if lo <= f.start < hi else None
    if paren is not None and paren[1] < f.end:
        paren = None
    if paren is not None:
        inside = ct[paren[0] + 1 : paren[1] - 1]
        before = ct[max(lo, paren[0] - 8) : paren[0]].rstrip()
        if is_bound(ct, paren, f) and f.endpoint in (None, "CI", "IQR", "SD"):
            role = "bound"
        elif inside.strip() == ct[f.start : f.end].strip() and re.search(r"[0-9)%]$", before):
            if q.unit == "%" or f.kind == "count":
                role = "detail" if f.of_total is not None else "point"
            elif q.unit is None:
                role = "spread"
    kind = f.kind
    bare = q.unit is None and q.comparator is None and not q.in_words
    whole = bare and q.decimals == 0 and "," not in q.text
    if _AGE.search(ct[max(lo, f.start - 24) : f.start]):
        kind = "age"
    elif whole and q.high is not None and 1800 <= q.value <= 2100:
        kind = "period"
        q = replace(q, high=year_end(q.value, ct[f.start : f.end]))
    elif whole and q.high is None and 1800 <= q.value <= 2100 and f.of_total is None:
        followed_by_year = re.match(r"\s+in\s+[0-9]{4}\b", ct[f.end : f.end + 12])
        if _YEAR_BEFORE.search(ct[max(lo, f.start - 16) : f.start]) and not followed_by_year:
            kind = "year"
    elif (
        q.unit is None
        and not q.in_words
        and q.decimals == 0
        and kind == "value"
        and f.endpoint is None
        and _COUNTED.match(ct, f.end)
    ):  # "22315 eligible patients", "about 22,000 adults"
        kind = "count"
    if q.unit_inherited and re.match(
        r"\s*,?\s*9[059]\s?%\s*(?:CI\b|confidence)", ct[f.end : f.end + 20]
    ):
        q = replace(q, unit=None, unit_inherited=False)  # "1.43, 95% CI": not 1.43%
    if role == "point" and q.unit is None and kind in ("value", "count") and paren is None:
        q = unit_after_parenthesis(ct, hi, f.end, q)
    return replace(f, quantity=q, kind=kind, role=role)


def _not_a_ci(ct: str, lo: int, f: Fact, endpoints: Sequence[Endpoint] | EndpointTable) -> Fact:
    """A point value followed by its CI ("1.43, 95% CI …", "56.1 years (95% CI …)") measures
    what is named before it (hazard ratio), not the CI."""
    if f.endpoint != "CI" or f.role != "point":
        return f
    dimension = dimension_of(f.quantity.unit)
    before = find_endpoints(ct, max(lo, f.start - 60), f.start, endpoints)
    for mention in reversed(before):
        endpoint = endpoint_by_key(mention.key, endpoints)
        if mention.key != "CI" and endpoint is not None and accepts(endpoint, dimension):
            return replace(f, endpoint=endpoint.key)
    return replace(f, endpoint=None)


def _denominators(ct: str, facts: list[Fact]) -> list[Fact]:
    """ "per 1000 person-years": 1000 is the rate's base, not a value of its own."""
    out = list(facts)
    for i, f in enumerate(out):
        before = ct[max(0, f.start - 5) : f.start].lower()
        if re.search(r"\bper\s+$", before) and f.quantity.unit is None:
            out[i] = replace(f, role="denominator")
            if i > 0 and out[i - 1].role == "point" and out[i - 1].end >= f.start - 6:
                out[i - 1] = replace(out[i - 1], base=f.quantity.value)
            continue
        m = _PER.match(ct, f.end)
        if m and f.quantity.unit is None:
            out[i] = replace(f, base=float(m.group(1).replace(",", "")))
    return out


def _changes(ct: str, facts: list[Fact]) -> list[Fact]:
    """ "rose from 43 to 131": read as two values, not as the range 43–131."""
    out: list[Fact] = []
    for f in facts:
        q = f.quantity
        written = ct[f.start : f.end]
        if (
            q.high is not None
            and f.kind == "value"
            and re.match(r"from\s", written, re.IGNORECASE)
            and _CHANGE.search(ct[max(0, f.start - 80) : f.start + 5])
        ):
            m = re.search(r"\bto\s+", written)
            if m:
                first = replace(q, high=None, text=written[: m.start()].strip())
                second = replace(q, value=q.high, high=None, text=written[m.end() :])
                out.append(replace(f, quantity=first, change=True, end=f.start + m.start()))
                out.append(replace(f, quantity=second, change=True, start=f.start + m.end()))
                continue
        out.append(f)
    return out


def _to_original(text: str, canonical: Canonical, f: Fact) -> Fact:
    a, b = canonical.original(f.start), canonical.original(f.end)
    quantity = replace(f.quantity, span=Span(a, b), text=text[a:b] or f.quantity.text)
    return replace(f, quantity=quantity)
