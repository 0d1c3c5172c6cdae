"""Linking a claim to the manuscript sentence that carries it.

Every sentence of the body is read once into :class:`SentenceFacts` (its citations,
measures, "respectively" pairings and keywords). A claim's measures are matched against a
sentence's: a claimed measure *agrees* with a stated one of a compatible endpoint (the same,
or either unnamed) and an equal quantity; it *differs* from a stated measure of the same
endpoint, or — when endpoints are unnamed — from the leftover stated measure in the same
position; else it is *absent*. The sentence with the most agreements wins, then the most
same-endpoint differences, then one that cites the claimed references, then the larger share
of the claim's words, then the earlier one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter

from citecheck.claims.endpoints import (
    DEFAULT_ENDPOINTS,
    Endpoint,
    EndpointTable,
    compile_endpoints,
    find_endpoints,
)
from citecheck.claims.measures import measures_in_view
from citecheck.claims.model import (
    Claim,
    EndpointMention,
    Measure,
    MeasureMatch,
    Quantity,
    Sentence,
    SentenceFacts,
)
from citecheck.claims.quantities import (
    blank_markup,
    compare_quantities,
    is_measure,
    parse_quantities,
)
from citecheck.claims.scope import Regions, regions_of
from citecheck.claims.sentences import sentence_at, sentence_between, sentence_bounds
from citecheck.claims.units import dimension_of
from citecheck.model import Citation, Document, Span

_WORD = re.compile(r"[^\W\d_][\w\-]*[^\W_]|[^\W\d_]{3,}")
_STOPWORDS = frozenset(
    """the and but for nor yet with from into onto than then that this these those there
    their them they its was were are been being have has had not all any each per via
    which who whom whose what when where while about after before between during among
    also only both either such very more most less fewer much many some other respectively
    median mean""".split()  # noqa: SIM905 (a word list reads best as text)
)
MIN_KEYWORD_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class Link:
    """The sentence chosen for a claim and how its measures matched (``None``: not found)."""

    facts: SentenceFacts | None
    matches: tuple[MeasureMatch, ...]


def read_sentences(
    text: str,
    citations: Sequence[Citation],
    *,
    start: int = 0,
    end: int | None = None,
    keep_together: Sequence[Span] = (),
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
    document: Document | None = None,
    only: Callable[[Sentence, tuple[Citation, ...]], bool] | None = None,
    skip: Sequence[Span] = (),
) -> tuple[SentenceFacts, ...]:
    """Every sentence of ``text[start:end]`` with its citations, measures and keywords.

    ``keep_together`` spans (inline claim tags) are, like citations, never cut and are
    read as blank space. ``document`` (whose text is ``text``) gives the headings and blocks
    that end sentences; without it they are read from the text as Markdown. ``only`` (a
    sentence and its citations → whether to read it) reads the sentences for their measures
    alone, when there is no claim to link: only the sentences ``only`` accepts that state a
    quantity are returned, without keywords (only linking uses them). A sentence starting
    inside a ``skip`` span is left out unread (found by bisection, it costs nothing).
    """
    end = len(text) if end is None else end
    endpoints = compile_endpoints(endpoints)
    ordered = sorted(citations, key=lambda c: (c.span.start, c.span.end))
    masked = sorted([c.span for c in ordered] + list(keep_together), key=attrgetter("start", "end"))
    cite_starts = [c.span.start for c in ordered]
    mask_starts = [m.start for m in masked]
    facts = []
    bounds = sentence_bounds(text, start, end, keep_together=masked, document=document, skip=skip)
    skipped = regions_of(skip)
    for begin, stop in _pairs_outside(bounds, skipped) if skip else pairwise(bounds):
        sentence = sentence_between(text, begin, stop)
        if sentence is None or sentence.span.start in skipped:
            continue
        lo, hi = sentence.span.start, sentence.span.end
        inside = tuple(ordered[bisect_left(cite_starts, lo) : bisect_left(cite_starts, hi)])
        if only is not None and not only(sentence, inside):
            continue
        # Kept spans are short (citations, tags): one starting well before the sentence
        # cannot reach into it, so only those from a little before are looked at.
        first = bisect_left(mask_starts, lo - 2000)
        local_mask = [s for s in masked[first : bisect_left(mask_starts, hi)] if s.end > lo]
        # The sentence is blanked, and its quantities and endpoints found, once for its
        # measures and its keywords alike.
        view = blank_markup(text, lo, hi, local_mask)
        quantities = parse_quantities(view)
        if only is not None and not quantities:  # no measure without a quantity
            continue
        mentions = find_endpoints(view, 0, len(view), endpoints)
        measures, pairings = measures_in_view(text, lo, view, quantities, mentions, endpoints)
        words = _content_words(view, mentions, quantities) if only is None else frozenset()
        facts.append(SentenceFacts(sentence, inside, measures, pairings, words))
    return tuple(facts)


def _pairs_outside(bounds: Sequence[int], regions: Regions) -> Iterator[tuple[int, int]]:
    """The neighbouring ``bounds`` (sorted) whose sentence may start outside ``regions``:
    those reaching into a stretch that no region covers."""
    done = 0  # the pairs before this index were given (or passed over)
    for low, high in regions.gaps(bounds[0], bounds[-1]):
        first = max(done, bisect_right(bounds, low) - 1)  # the pair holding ``low``
        done = max(first, bisect_left(bounds, high))  # the pairs starting before ``high``
        for i in range(first, min(done, len(bounds) - 1)):
            yield bounds[i], bounds[i + 1]


def keywords_of(
    text: str,
    span: Span | None = None,
    *,
    mask: Sequence[Span] = (),
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
) -> frozenset[str]:
    """The content words of ``text[span]``: no numbers, units, endpoint names, stopwords."""
    span = span or Span(0, len(text))
    view = blank_markup(text, span.start, span.end, mask)
    mentions = find_endpoints(view, 0, len(view), endpoints)
    return _content_words(view, mentions, parse_quantities(view))


def _content_words(
    view: str, mentions: Sequence[EndpointMention], quantities: Sequence[Quantity]
) -> frozenset[str]:
    """:func:`keywords_of` for a blanked ``view`` whose endpoints and quantities are known."""
    view = blank_markup(
        view, 0, len(view), [*(m.span for m in mentions), *(q.span for q in quantities)]
    )
    words: set[str] = set()
    for m in _WORD.finditer(view):
        word = m.group().lower()
        parts = [word, *word.split("-")] if "-" in word else [word]
        words.update(_stem(p) for p in parts if len(p) >= 3 and p not in _STOPWORDS)
    return frozenset(w for w in words if w)


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def keyword_share(claimed: frozenset[str], stated: frozenset[str]) -> float:
    """The share of the claim's words that the sentence uses (0 when the claim has none)."""
    return len(claimed & stated) / len(claimed) if claimed else 0.0


MAX_MEASURES = 256  # per claim and per sentence, in match_measures


def match_measures(
    claimed: Sequence[Measure], stated: Sequence[Measure]
) -> tuple[MeasureMatch, ...]:
    """Match each claimed measure to at most one stated measure (see the module doc).

    Only the first :data:`MAX_MEASURES` of each side are compared: a claim or a sentence with
    more quantities than that is a table or hostile input, not prose, and comparing them all
    would cost the product of the two counts for every claim placed in such a sentence."""
    claimed, stated = claimed[:MAX_MEASURES], stated[:MAX_MEASURES]
    used: set[int] = set()
    results: list[MeasureMatch | None] = [None] * len(claimed)
    for i, c in enumerate(claimed):
        options = [
            j
            for j, s in enumerate(stated)
            if j not in used
            and _compatible(c, s)
            and compare_quantities(c.quantity, s.quantity) is None
        ]
        if options:
            j = min(
                options, key=lambda j: (c.endpoint is None or stated[j].endpoint != c.endpoint, j)
            )
            used.add(j)
            results[i] = MeasureMatch(c, stated[j], "agree")
    for i, c in enumerate(claimed):
        if results[i] is not None or c.endpoint is None:
            continue
        options = [j for j, s in enumerate(stated) if j not in used and s.endpoint == c.endpoint]
        if options:
            j = min(options, key=lambda j: (_dimension_differs(c, stated[j]), j))
            used.add(j)
            reason = compare_quantities(c.quantity, stated[j].quantity) or "value"
            results[i] = MeasureMatch(c, stated[j], "differs", reason)
    for i, c in enumerate(claimed):
        if results[i] is not None:
            continue
        options = [
            j
            for j, s in enumerate(stated)
            if j not in used
            and is_measure(s.quantity)
            and (c.endpoint is None or s.endpoint is None)
            and not _dimension_differs(c, s)
        ]
        if options:
            j = options[0]
            used.add(j)
            reason = compare_quantities(c.quantity, stated[j].quantity) or "value"
            results[i] = MeasureMatch(c, stated[j], "differs", reason)
        else:
            results[i] = MeasureMatch(c, None, "absent")
    return tuple(r for r in results if r is not None)


def _compatible(c: Measure, s: Measure) -> bool:
    return c.endpoint is None or s.endpoint is None or c.endpoint == s.endpoint


def _dimension_differs(c: Measure, s: Measure) -> bool:
    a, b = dimension_of(c.quantity.unit), dimension_of(s.quantity.unit)
    return a is not None and b is not None and a != b


def link_claim(
    claim: Claim,
    claim_measures: Sequence[Measure],
    claim_keywords: frozenset[str],
    sentences: Sequence[SentenceFacts],
    *,
    min_keyword_share: float = MIN_KEYWORD_SHARE,
) -> Link:
    """The sentence that carries ``claim``: the one it is placed in, or the best match."""
    if claim.span is not None:
        facts = _facts_at(sentences, claim.span.start)
        if facts is None:
            return Link(None, ())
        matches = match_measures(claim_measures, facts.measures)
        carried = any(m.status != "absent" for m in matches) or not claim_measures
        return Link(facts if carried else None, matches if carried else ())
    best: tuple[tuple[float, ...], SentenceFacts, tuple[MeasureMatch, ...]] | None = None
    cites = set(claim.cites)
    for index, facts in enumerate(sentences):
        matches = match_measures(claim_measures, facts.measures)
        agree = sum(m.status == "agree" for m in matches)
        named_differs = sum(
            m.status == "differs"
            and m.claim.endpoint is not None
            and m.sentence is not None
            and m.sentence.endpoint == m.claim.endpoint
            for m in matches
        )
        share = keyword_share(claim_keywords, facts.keywords)
        words_ok = share >= min_keyword_share or not claim_keywords
        if claim_measures:
            complete = agree == len(claim_measures)
            eligible = (agree > 0 and (complete or words_ok)) or (named_differs > 0 and words_ok)
        else:
            eligible = share >= 0.6 and len(claim_keywords & facts.keywords) >= 2
        if not eligible:
            continue
        key = (agree, named_differs, float(bool(cites & set(facts.refs))), share, -index)
        if best is None or key > best[0]:
            best = (key, facts, matches)
    if best is None:
        return Link(None, ())
    return Link(best[1], best[2])


def _facts_at(sentences: Sequence[SentenceFacts], pos: int) -> SentenceFacts | None:
    found = sentence_at([f.sentence for f in sentences], pos)
    return next((f for f in sentences if f.sentence is found), None) if found else None
