""" "Respectively" pairing: subjects listed in order, then their values in the same order.

"median progression-free and overall survival times of 54 and 223 d, respectively" pairs
PFS with 54 d and OS with 223 d. The values are the last list of two or more quantities
before "respectively"; the subjects are a list of as many endpoints in the same sentence
(the nearest such list), or else the nearest "A and B" phrase before the values, kept as
free-text labels ("70% and 50% fewer lung metastases" after "cyclophosphamide and ...
antibody therapy").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.claims.endpoints import (
    DEFAULT_ENDPOINTS,
    Endpoint,
    EndpointTable,
    coordinated_groups,
    endpoint_by_key,
)
from citecheck.claims.model import EndpointMention, PairedItem, Pairing, Quantity
from citecheck.model import Span

_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|vs\.?|versus|/)\s*", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]")
_PREPOSITIONS = (
    "for|of|with|in|to|by|on|after|before|from|between|among|versus|vs|including|receiving"
    "|the|a|an|both|either|in|at|under|via"
)
_LEAD_IN = re.compile(rf"^(?:.*[,;:(]|.*\b(?:{_PREPOSITIONS})\s)\s*", re.IGNORECASE | re.DOTALL)
_MAX_LABEL_WORDS = 12
_PARENTHETICAL = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_TRAILING_VERB = re.compile(
    r"(?:\s+(?:were|was|are|is|be|been|reached|showed|measured|of|at|to|by|in|with|"
    r"respectively|had|have|has|gave|yielded))+\s*$",
    re.IGNORECASE,
)


def quantity_lists(text: str, quantities: Sequence[Quantity]) -> list[list[Quantity]]:
    """Runs of quantities joined only by commas, "and", "or", "vs" ("54 and 223 d")."""
    lists: list[list[Quantity]] = []
    for quantity in sorted(quantities, key=lambda q: q.span):
        if lists:
            gap = text[lists[-1][-1].span.end : quantity.span.start]
            if _LIST_GAP.fullmatch(gap):
                lists[-1].append(quantity)
                continue
        lists.append([quantity])
    return lists


def pair_respectively(
    text: str,
    sentence: Span,
    quantities: Sequence[Quantity],
    mentions: Sequence[EndpointMention],
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
) -> tuple[Pairing, ...]:
    """Every "respectively" in ``text[sentence]`` that could be paired, with its pairs."""
    pairings: list[Pairing] = []
    inside = [q for q in quantities if sentence.start <= q.span.start < sentence.end]
    lists = [lst for lst in quantity_lists(text, inside) if len(lst) >= 2]
    if not lists:  # nothing to pair: no list of two or more quantities
        return ()
    groups = coordinated_groups(
        text, [m for m in mentions if sentence.start <= m.span.start < sentence.end]
    )
    previous_end = sentence.start
    for word in _RESPECTIVELY.finditer(text, sentence.start, sentence.end):
        before = [
            lst
            for lst in lists
            if previous_end <= lst[0].span.start and lst[-1].span.end <= word.start()
        ]
        previous_end = word.end()
        if not before:
            continue
        values = before[-1]
        items = _endpoint_items(text, values, groups, word.start(), endpoints)
        if items is None:
            items = _label_items(text, sentence.start, values)
        if items:
            pairings.append(Pairing(Span(word.start(), word.end()), tuple(items)))
    return tuple(pairings)


def _endpoint_items(
    text: str,
    values: list[Quantity],
    groups: list[list[EndpointMention]],
    limit: int,
    endpoints: Sequence[Endpoint] | EndpointTable,
) -> list[PairedItem] | None:
    fitting = [g for g in groups if len(g) == len(values) and g[-1].span.end <= limit]
    if not fitting:
        return None
    first = values[0].span.start
    nearest = min(fitting, key=lambda g: abs(first - g[-1].span.end))
    items = []
    for mention, quantity in zip(nearest, values, strict=True):
        endpoint = endpoint_by_key(mention.key, endpoints)
        label = endpoint.name if endpoint else text[mention.span.start : mention.span.end]
        items.append(PairedItem(label, mention.key, quantity))
    return items


def _label_items(text: str, sentence_start: int, values: list[Quantity]) -> list[PairedItem]:
    """The nearest "A, B and C" phrase before the values, cut into as many labels."""
    window = _PARENTHETICAL.sub(" ", text[sentence_start : values[0].span.start])
    window = " ".join(window.split())
    conjunctions = list(re.finditer(r"\s(?:and|or)\s", window))
    if not conjunctions:
        return []
    conj = conjunctions[-1]
    last = window[conj.end() :].split(",", 1)[0].strip()
    earlier = [part.strip() for part in window[: conj.start()].split(",")][-(len(values) - 1) :]
    if len(earlier) < len(values) - 1 or not last:
        return []
    earlier[0] = _LEAD_IN.sub("", earlier[0]).strip() or earlier[0]
    labels = [*earlier, _TRAILING_VERB.sub("", last).strip()]
    if not all(labels) or any(_CLAUSE_BREAK.search(label) for label in labels):
        return []
    return [PairedItem(_trim(label), None, q) for label, q in zip(labels, values, strict=True)]


def _trim(label: str) -> str:
    words = label.split()
    return " ".join(words[-_MAX_LABEL_WORDS:])
