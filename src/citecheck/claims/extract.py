"""Mining candidate claims: sentences that state measurements, with what they cite.

A candidate is a sentence of the body with at least one measurement (a number with a unit,
a percentage, a fraction in words, a comparator, or a value of a named statistic such as a
hazard ratio or a P value). Its text is jotted the way an editor would: ``median PFS 54 d,
OS 223 d`` when every measurement has an endpoint, else the clause around the numbers
("resulting in 70% and 50% fewer lung metastases"). Uncited candidates are kept, with
``cites: []`` and a note, for the editor to decide — except in the authors' own data
(Results, Methods, tables: :mod:`citecheck.claims.scope`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.claims.check import ClaimOptions
from citecheck.claims.endpoints import DEFAULT_ENDPOINTS, Endpoint, EndpointTable, endpoint_by_key
from citecheck.claims.inline import inline_tag_spans
from citecheck.claims.link import read_sentences
from citecheck.claims.measures import describe_pairing
from citecheck.claims.model import Claim, Measure, SentenceFacts
from citecheck.claims.quantities import blank_markup, format_quantity, is_measure
from citecheck.claims.scope import own_data_spans, regions_of
from citecheck.model import Citation, Document
from citecheck.positions import line_column

_CONTEXT_WORDS = 8
_CLAUSE_EDGE = re.compile(r"[,;:()\[\]]")


def extract_claims(
    text: str,
    citations: Sequence[Citation],
    *,
    body_end: int | None = None,
    options: ClaimOptions | None = None,
    document: Document | None = None,
) -> tuple[Claim, ...]:
    """Candidate claims from the body of ``text`` (before ``body_end``), in reading order.
    Own-data regions are found among ``document``'s headings and blocks when it is given."""
    options = options or ClaimOptions()
    sentences = read_sentences(
        text,
        citations,
        end=body_end,
        keep_together=inline_tag_spans(text),
        endpoints=options.endpoints,
        document=document,
    )
    exempt = own_data_spans(text, body_end, document=document) if options.skip_own_data else ()
    own_data = regions_of(exempt)
    claims: list[Claim] = []
    for facts in sentences:
        stated = [m for m in facts.measures if _states(m)]
        if not stated or (not facts.citations and facts.sentence.span.start in own_data):
            continue
        claims.append(
            Claim(
                id=f"c{len(claims) + 1:02d}",
                text=jot(text, facts, stated, options.endpoints),
                cites=facts.refs,
                note=_note(text, facts),
                source="extract",
                span=facts.sentence.span,
            )
        )
    return tuple(claims)


def _states(measure: Measure) -> bool:
    return is_measure(measure.quantity) or measure.endpoint is not None


def jot(
    text: str,
    facts: SentenceFacts,
    stated: Sequence[Measure],
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
) -> str:
    """The claim of a sentence as an editor would jot it."""
    if all(m.endpoint for m in stated):
        parts = [_with_endpoint(m, endpoints) for m in stated]
        median = "median " if re.search(r"\bmedian\b", facts.sentence.text, re.IGNORECASE) else ""
        return median + ", ".join(parts)
    return _clause(text, facts, stated)


def _with_endpoint(measure: Measure, endpoints: Sequence[Endpoint] | EndpointTable) -> str:
    endpoint = endpoint_by_key(measure.endpoint, endpoints)
    relation = (
        "= " if endpoint and endpoint.needs_relation and not measure.quantity.comparator else ""
    )
    return f"{measure.endpoint} {relation}{format_quantity(measure.quantity)}"


def _clause(text: str, facts: SentenceFacts, stated: Sequence[Measure]) -> str:
    span = facts.sentence.span
    view = blank_markup(text, span.start, span.end, [c.span for c in facts.citations])
    first = stated[0].quantity.span.start - span.start
    last = stated[-1].quantity.span.end - span.start
    edge = max((m.end() for m in _CLAUSE_EDGE.finditer(view, 0, first)), default=0)
    before = view[edge:first].split()[-_CONTEXT_WORDS:]
    after_edge = _CLAUSE_EDGE.search(view, last)
    after = view[last : after_edge.start() if after_edge else len(view)]
    after_words = after.split()[:_CONTEXT_WORDS]
    clause = " ".join([*before, *view[first:last].split(), *after_words])
    return clause.rstrip(" .;,")


def _note(text: str, facts: SentenceFacts) -> str:
    start = facts.sentence.span.start
    parts = [f"line {line_column(text, start)[0]}"]
    parts += [f"respectively: {describe_pairing(p)}" for p in facts.pairings]
    if not facts.citations:
        parts.append("no citation (CLM005)")
    return "; ".join(parts)
