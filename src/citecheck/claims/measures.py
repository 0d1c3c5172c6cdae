"""Reading a sentence or a claim into measures: quantities tied to what they measure.

A quantity takes its endpoint from a "respectively" pairing when there is one, else from the
nearest endpoint named right after it ("60% ORR") or before it in the same clause, provided
its unit fits the endpoint (a survival time needs a time unit).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.claims.endpoints import (
    DEFAULT_ENDPOINTS,
    Endpoint,
    EndpointTable,
    accepts,
    endpoint_by_key,
    find_endpoints,
)
from citecheck.claims.model import EndpointMention, Measure, PairedItem, Pairing, Quantity
from citecheck.claims.pairing import pair_respectively
from citecheck.claims.quantities import blank_markup, format_quantity, parse_quantities
from citecheck.claims.units import dimension_of
from citecheck.model import Span

_BEFORE_LIMIT = 80
_CLAUSE_BREAK = re.compile(r"[;.!?]\s|[;]")


def read_measures(
    text: str,
    span: Span | None = None,
    *,
    mask: Sequence[Span] = (),
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
) -> tuple[tuple[Measure, ...], tuple[Pairing, ...]]:
    """The measures in ``text[span]`` (all of ``text`` by default) and the pairings made.

    ``mask`` spans (in-text citations, inline claim tags) are read as blank space.
    """
    span = span or Span(0, len(text))
    view = blank_markup(text, span.start, span.end, mask)
    quantities = parse_quantities(view)
    mentions = find_endpoints(view, 0, len(view), endpoints)
    return measures_in_view(text, span.start, view, quantities, mentions, endpoints)


def measures_in_view(
    text: str,
    offset: int,
    view: str,
    quantities: Sequence[Quantity],
    mentions: Sequence[EndpointMention],
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
) -> tuple[tuple[Measure, ...], tuple[Pairing, ...]]:
    """:func:`read_measures` for a ``view`` (``text`` from ``offset``, markup blanked) whose
    quantities and endpoint mentions were found already (spans into the view)."""
    if not quantities:
        return (), ()
    quantities = tuple(q for q in quantities if not any(_overlap(q.span, m.span) for m in mentions))
    pairings = pair_respectively(view, Span(0, len(view)), quantities, mentions, endpoints)
    paired = {item.quantity.span: item for p in pairings for item in p.items}
    measures = []
    for quantity in quantities:
        item = paired.get(quantity.span)
        if item is not None:
            measures.append(Measure(quantity, item.endpoint, item.label, "respectively"))
        else:
            measures.append(_nearest(view, quantity, mentions, endpoints))
    return (
        tuple(_shift_measure(m, offset, text) for m in measures),
        tuple(_shift_pairing(p, offset, text) for p in pairings),
    )


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _nearest(
    view: str,
    quantity: Quantity,
    mentions: Sequence[EndpointMention],
    endpoints: Sequence[Endpoint] | EndpointTable,
) -> Measure:
    dimension = dimension_of(quantity.unit)
    before = [
        m
        for m in mentions
        if m.span.end <= quantity.span.start
        and quantity.span.start - m.span.end <= _BEFORE_LIMIT
        and not _CLAUSE_BREAK.search(view, m.span.end, quantity.span.start)
    ]
    adjacent = [
        m
        for m in mentions
        if m.span.start >= quantity.span.end
        and not view[quantity.span.end : m.span.start].strip()
        and m.span.start - quantity.span.end <= 2
    ]
    for mention in [*adjacent, *reversed(before)]:
        endpoint = endpoint_by_key(mention.key, endpoints)
        if endpoint is not None and accepts(endpoint, dimension):
            return Measure(quantity, endpoint.key, endpoint.name, "nearest")
    return Measure(quantity)


def _shift_quantity(q: Quantity, offset: int, text: str) -> Quantity:
    # Built field by field: dataclasses.replace is slow, and every sentence's quantities
    # come through here.
    span = Span(q.span.start + offset, q.span.end + offset)
    return Quantity(
        span,
        text[span.start : span.end],
        q.value,
        q.high,
        q.plus_minus,
        q.unit,
        q.comparator,
        q.decimals,
        q.unit_inherited,
        q.in_words,
    )


def _shift_measure(m: Measure, offset: int, text: str) -> Measure:
    return Measure(_shift_quantity(m.quantity, offset, text), m.endpoint, m.label, m.via)


def _shift_pairing(p: Pairing, offset: int, text: str) -> Pairing:
    items = tuple(
        PairedItem(i.label, i.endpoint, _shift_quantity(i.quantity, offset, text)) for i in p.items
    )
    return Pairing(p.span.shift(offset), items)


def describe_measure(measure: Measure) -> str:
    """``OS 223 d``, ``70%`` (no endpoint) — how a measure is quoted in messages."""
    body = format_quantity(measure.quantity)
    return f"{measure.endpoint} {body}" if measure.endpoint else body


def describe_pairing(pairing: Pairing) -> str:
    """``progression-free survival = 54 d; overall survival = 223 d``."""
    return "; ".join(f"{i.label} = {format_quantity(i.quantity)}" for i in pairing.items)
