"""Finding a claim's quantities in the sentences of abstracts (pure).

Abstract sentences are read like manuscript sentences (``citecheck.claims.link``): the same
quantities, units, endpoint table (abbreviations and full names) and "respectively" pairing.
A claimed measure is then compared with every stated one:

* **supported** — the values agree (``compare_quantities``) and the stated measure has the
  claimed endpoint; for a claimed measure without endpoint, the sentence must share a word
  with the claim ("70% … fewer lung metastases");
* **found** — the value agrees but the abstract ties it to no endpoint, or to no word of the
  claim;
* **contradicted** — the claimed endpoint is stated with another value or comparator;
* **other unit** — the claimed endpoint is stated in a unit that does not convert exactly
  (days or weeks against months or years: 223 d is never turned into months);
* **absent** — nothing to compare with.

Units convert only exactly: s, min, h, d and wk among themselves, mo and y among themselves,
every other dimension by its SI or defined factors, and proportions between ``%`` and
fractions in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.claims.endpoints import DEFAULT_ENDPOINTS, Endpoint, EndpointTable, compile_endpoints
from citecheck.claims.link import keyword_share, keywords_of, read_sentences
from citecheck.claims.model import Measure, SentenceFacts
from citecheck.claims.quantities import compare_quantities
from citecheck.claims.units import dimension_of
from citecheck.model import RefKey
from citecheck.registry.records import Abstract
from citecheck.sources.model import AbstractSentence, QuantityEvidence, QuantityStatus

# Time units that convert exactly into one another; across the groups they do not
# (a month is 28 to 31 days, a year 365 or 366).
EXACT_TIME_GROUPS = (frozenset({"s", "min", "h", "d", "wk"}), frozenset({"mo", "y"}))
MIN_WORD_SHARE = 0.6  # a claim without quantities: share of its words in one sentence
MIN_WORDS = 2

_RANK = {
    QuantityStatus.SUPPORTED: 4,
    QuantityStatus.FOUND: 3,
    QuantityStatus.CONTRADICTED: 2,
    QuantityStatus.OTHER_UNIT: 1,
    QuantityStatus.ABSENT: 0,
}


@dataclass(frozen=True)
class ReadAbstract:
    """An abstract of reference ``ref`` and what the claims stage reads in its sentences."""

    ref: RefKey
    abstract: Abstract
    sentences: tuple[SentenceFacts, ...]

    def sentence(self, facts: SentenceFacts) -> AbstractSentence:
        s = facts.sentence
        return AbstractSentence(self.ref, self.abstract, s.span, " ".join(s.text.split()))


def read_abstract(
    ref: RefKey,
    abstract: Abstract,
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
) -> ReadAbstract:
    """Split an abstract into sentences with their measures, pairings and keywords."""
    facts = read_sentences(abstract.text, (), endpoints=compile_endpoints(endpoints))
    return ReadAbstract(ref, abstract, facts)


def exactly_convertible(claimed: str | None, stated: str | None) -> bool:
    """Whether a value in unit ``stated`` may be converted to ``claimed`` for comparison.

    A bare number (``None``) goes with any unit, as in the manuscript check.
    """
    if claimed is None or stated is None or claimed == stated:
        return True
    if dimension_of(claimed) != dimension_of(stated) or dimension_of(claimed) != "time":
        return True  # other dimensions: exact factors; a wrong dimension is compared as such
    return any(claimed in g and stated in g for g in EXACT_TIME_GROUPS)


def judge_measure(
    claimed: Measure, stated: Measure, on_topic: bool
) -> tuple[QuantityStatus, str | None]:
    """How one stated measure bears on one claimed measure."""
    same_endpoint = claimed.endpoint is not None and stated.endpoint == claimed.endpoint
    c, s = claimed.quantity, stated.quantity
    if not exactly_convertible(c.unit, s.unit):
        if same_endpoint:
            return QuantityStatus.OTHER_UNIT, f"{c.unit} vs {s.unit}"
        return QuantityStatus.ABSENT, None
    differs = compare_quantities(c, s)
    if differs is None:
        if claimed.endpoint is None:
            return (QuantityStatus.SUPPORTED if on_topic else QuantityStatus.FOUND), None
        if same_endpoint:
            return QuantityStatus.SUPPORTED, None
        if stated.endpoint is None:
            return QuantityStatus.FOUND, None
        return QuantityStatus.ABSENT, None  # the same number for another endpoint
    if same_endpoint and dimension_of(c.unit) == dimension_of(s.unit):
        return QuantityStatus.CONTRADICTED, differs
    return QuantityStatus.ABSENT, None


def match_claim(
    measures: Sequence[Measure],
    keywords: frozenset[str],
    abstracts: Sequence[ReadAbstract],
) -> tuple[QuantityEvidence, ...]:
    """The best evidence for each claimed measure; a stated measure serves one claim only.

    Ties go to the sentence sharing more of the claim's words, then to the earlier one.
    """
    used: set[tuple[int, int, int]] = set()
    out = []
    for claimed in measures:
        best: tuple[tuple[float, ...], QuantityEvidence, tuple[int, int, int]] | None = None
        for a_index, read in enumerate(abstracts):
            for s_index, facts in enumerate(read.sentences):
                share = keyword_share(keywords, facts.keywords)
                on_topic = share > 0 or not keywords
                for m_index, stated in enumerate(facts.measures):
                    key3 = (a_index, s_index, m_index)
                    if key3 in used:
                        continue
                    status, reason = judge_measure(claimed, stated, on_topic)
                    if status is QuantityStatus.ABSENT:
                        continue
                    rank = (_RANK[status], share, -a_index, -s_index)
                    if best is None or rank > best[0]:
                        evidence = QuantityEvidence(
                            claimed, status, stated, read.sentence(facts), reason
                        )
                        best = (rank, evidence, key3)
        if best is None:
            out.append(QuantityEvidence(claimed, QuantityStatus.ABSENT))
        else:
            if best[1].status in (QuantityStatus.SUPPORTED, QuantityStatus.FOUND):
                used.add(best[2])
            out.append(best[1])
    return tuple(out)


def match_words(
    claim_text: str,
    abstracts: Sequence[ReadAbstract],
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
) -> AbstractSentence | None:
    """For a claim without quantities: the sentence with most of its words (≥ 60%, ≥ 2)."""
    keywords = keywords_of(claim_text, endpoints=endpoints)
    best: tuple[tuple[float, ...], AbstractSentence] | None = None
    for a_index, read in enumerate(abstracts):
        for s_index, facts in enumerate(read.sentences):
            shared = len(keywords & facts.keywords)
            share = keyword_share(keywords, facts.keywords)
            if share < MIN_WORD_SHARE or shared < MIN_WORDS:
                continue
            rank = (share, -a_index, -s_index)
            if best is None or rank > best[0]:
                best = (rank, read.sentence(facts))
    return best[1] if best else None
