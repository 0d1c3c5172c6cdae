"""Finding a claim's numbers in the abstracts of the works it cites (pure).

The claim and each abstract are read into facts with their words
(:mod:`citecheck.sources.context`). A claimed number is

* **supported** by a stated point value that gives it by one of the rules of
  :mod:`citecheck.sources.agree`, in a sentence sharing a word with the claim, tied to the
  claimed endpoint if the claim names one, with no other label (``age:35`` against
  ``age:20``) — and from the group the claim speaks of (:mod:`citecheck.sources.groups`);
* **found** when such a value is there but not tied to the claimed endpoint or topic;
* **contradicted** only when the *same quantity* has another value
  (:mod:`citecheck.sources.contradict`);
* **absent** otherwise. A CI bound is never a point value; a claimed CI is looked for among
  the stated bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from citecheck.claims.endpoints import DEFAULT_ENDPOINTS, Endpoint, EndpointTable, compile_endpoints
from citecheck.claims.model import Measure
from citecheck.claims.units import dimension_of
from citecheck.model import RefKey
from citecheck.registry.records import Abstract
from citecheck.sources.agree import agreement, exactly_convertible
from citecheck.sources.context import Located, Reading, read_text
from citecheck.sources.facts import LABEL_KINDS, VALUE_KINDS
from citecheck.sources.groups import label_conflict, speaks_of
from citecheck.sources.model import AbstractSentence, QuantityEvidence, QuantityStatus
from citecheck.sources.words import content

__all__ = ["ReadAbstract", "exactly_convertible", "match_claim", "match_words", "read_abstract"]

MIN_WORD_SHARE = 0.6  # a claim without quantities: share of its words in one sentence
# Abstracts run to a few thousand characters; a registry answer far longer is not read past
# this (a hostile or broken record must not make the check slow: the reading is quadratic
# in the numbers of one sentence).
MAX_ABSTRACT_CHARS = 10_000
MAX_CANDIDATES = 20  # equal values looked at per claimed number and abstract (its first ones)
MIN_WORDS = 2


@dataclass(frozen=True)
class ReadAbstract:
    """An abstract of reference ``ref`` and its reading."""

    ref: RefKey
    abstract: Abstract
    reading: Reading

    def sentence(self, index: int) -> AbstractSentence:
        s = self.reading.sentences[index]
        return AbstractSentence(self.ref, self.abstract, s.span, " ".join(s.text.split()))


def read_abstract(
    ref: RefKey,
    abstract: Abstract,
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
) -> ReadAbstract:
    """Read an abstract (its first :data:`MAX_ABSTRACT_CHARS` characters) into sentences and
    facts."""
    text = abstract.text[:MAX_ABSTRACT_CHARS]
    return ReadAbstract(ref, abstract, read_text(text, compile_endpoints(endpoints)))


def checked(item: Located) -> bool:
    """Whether a claimed fact is looked for: values with a unit, a comparator, an endpoint,
    a count or in words; ages and periods; a stated CI. Not a bare number inside a name
    ("antigen 4"). Years are looked for, never contradicted."""
    f = item.fact
    if f.role == "bound":
        return True
    if f.role != "point":
        return False
    if f.kind in ("age", "period", "count", "year"):
        return True
    q = f.quantity
    return f.kind == "value" and bool(
        q.unit or q.comparator or q.in_words or f.endpoint or f.of_total is not None or f.base
    )


def claimed_facts(claim: Reading) -> list[Located]:
    """The claim's numbers that are looked for; years only beside other numbers (a claim
    whose only number is a year is matched by its words, the year among them)."""
    found = [c for c in claim.items if checked(c)]
    return found if any(c.fact.kind != "year" for c in found) else []


def as_measure(item: Located) -> Measure:
    f = item.fact
    via = "respectively" if f.paired else ("nearest" if f.endpoint else "")
    return Measure(f.quantity, f.endpoint, f.paired, via)


@dataclass(frozen=True)
class Candidate:
    read: ReadAbstract
    index: int  # abstract position, for ties
    item: Located
    rule: str
    rank: tuple[float, ...]


def match_claim(
    claim: Reading, abstracts: Sequence[ReadAbstract]
) -> tuple[tuple[Located, QuantityEvidence], ...]:
    """The best evidence for each checked fact of the claim, with that fact."""
    from citecheck.sources.contradict import contradiction

    claimed = claimed_facts(claim)
    words = claim.words
    found: dict[int, Candidate] = {}
    status: dict[int, QuantityStatus] = {}
    pointed: dict[int, tuple[ReadAbstract, Located]] = {}
    for i, c in enumerate(claimed):
        best, best_status, other = _support(c, claimed, words, abstracts)
        if best is not None:
            found[i], status[i] = best, best_status
        if other is not None:
            pointed[i] = other
    out = []
    for i, c in enumerate(claimed):
        if i in found and status[i] is QuantityStatus.SUPPORTED:
            out.append((c, _evidence(c, found[i], QuantityStatus.SUPPORTED)))
            continue
        anchors = [(claimed[j], found[j]) for j in found if status[j] is QuantityStatus.SUPPORTED]
        against = contradiction(c, claim, anchors, pointed.get(i), abstracts, i in found)
        if against is not None:
            read, stated, reason = against
            sentence = read.sentence(stated.fact.sentence) if read and stated else None
            measure = as_measure(stated) if stated is not None else None
            evidence = QuantityEvidence(
                as_measure(c), QuantityStatus.CONTRADICTED, measure, sentence, reason
            )
            out.append((c, evidence))
        elif i in found:
            out.append((c, _evidence(c, found[i], status[i])))
        elif (unit := _other_unit(c, abstracts)) is not None:
            out.append((c, unit))
        elif c.fact.kind != "year":  # a year the abstract does not state is context only
            out.append((c, QuantityEvidence(as_measure(c), QuantityStatus.ABSENT)))
    return tuple((c, replace(e, label=c.fact.kind in LABEL_KINDS)) for c, e in out)


def _evidence(c: Located, cand: Candidate, status: QuantityStatus) -> QuantityEvidence:
    sentence = cand.read.sentence(cand.item.fact.sentence)
    return QuantityEvidence(
        as_measure(c), status, as_measure(cand.item), sentence, None, rule=cand.rule
    )


def _other_unit(c: Located, abstracts: Sequence[ReadAbstract]) -> QuantityEvidence | None:
    """The claimed endpoint stated in a unit that does not convert exactly (223 d, 7.3 mo)."""
    key, unit = c.fact.endpoint, c.fact.quantity.unit
    if key is None or unit is None:
        return None
    for read in abstracts:
        for s in read.reading.items:
            other = s.fact.quantity.unit
            if s.fact.role != "point" or s.fact.endpoint != key or other is None:
                continue
            if dimension_of(other) == dimension_of(unit) and not exactly_convertible(unit, other):
                sentence = read.sentence(s.fact.sentence)
                reason = f"{unit} vs {other}"
                return QuantityEvidence(
                    as_measure(c), QuantityStatus.OTHER_UNIT, as_measure(s), sentence, reason
                )
    return None


def _support(
    c: Located,
    claimed: Sequence[Located],
    words: frozenset[str],
    abstracts: Sequence[ReadAbstract],
) -> tuple[Candidate | None, QuantityStatus, tuple[ReadAbstract, Located] | None]:
    """The best stated fact giving ``c``; and, when the only ones found belong to another
    group, the sibling the claim speaks of."""
    best: Candidate | None = None
    best_status = QuantityStatus.ABSENT
    other: tuple[ReadAbstract, Located] | None = None
    for a_index, read in enumerate(abstracts):
        seen = 0
        for s in read.reading.items:
            if not _same_role(c, s):
                continue
            rule = agreement(c, s)
            if rule is None or label_conflict(c, s):
                continue
            seen += 1
            if seen > MAX_CANDIDATES:
                break
            if rule in ("hedge ±10%", "inequality") and not _same_subject(c, s):
                continue  # an approximate match needs the same subject, not just the topic
            sentence_words = read.reading.sentence_words[s.fact.sentence]
            share = len(words & sentence_words)
            on_topic = share > 0 or not words
            status = _status(c, s, on_topic)
            if status is None:
                continue
            if status is QuantityStatus.SUPPORTED:
                sibling = speaks_of(c, s, read.reading, claimed)
                if sibling is not None:
                    other = other or (read, sibling)
                    continue
            rank = (
                status is QuantityStatus.SUPPORTED,
                len(c.own & s.own),
                share,
                -a_index,
                -s.fact.sentence,
            )
            if best is None or rank > best.rank:
                best = Candidate(read, a_index, s, rule, rank)
                best_status = status
    return best, best_status, other


def _same_subject(c: Located, s: Located) -> bool:
    """The stated number's words carry the claimed number's subject (two words, or all)."""
    need = min(2, len(c.subject))
    return need > 0 and len(c.subject & s.own) >= need


def _same_role(c: Located, s: Located) -> bool:
    cf, sf = c.fact, s.fact
    if cf.role == "bound":
        return sf.role == "bound"
    if sf.role not in ("point", "detail") or (sf.role == "detail" and cf.of_total is None):
        return False
    if cf.kind in ("age", "period", "year"):
        return sf.kind == cf.kind
    return sf.kind in VALUE_KINDS


def _status(c: Located, s: Located, on_topic: bool) -> QuantityStatus | None:
    ce, se = c.fact.endpoint, s.fact.endpoint
    if ce is not None and ce not in ("CI", "IQR", "SD"):
        if se == ce:
            return QuantityStatus.SUPPORTED
        return QuantityStatus.FOUND if se is None else None
    return QuantityStatus.SUPPORTED if on_topic else QuantityStatus.FOUND


def match_words(
    claim_text: str,
    abstracts: Sequence[ReadAbstract],
    *,
    years: Sequence[float] = (),
) -> AbstractSentence | None:
    """For a claim without numbers (or only years): the sentence with most of its words
    (≥ 60%, ≥ 2) that also states its ``years``."""
    keywords = content(claim_text)
    best: tuple[tuple[float, ...], AbstractSentence] | None = None
    for a_index, read in enumerate(abstracts):
        for s_index, words in enumerate(read.reading.sentence_words):
            shared = len(keywords & words)
            share = shared / len(keywords) if keywords else 0.0
            if share < MIN_WORD_SHARE or shared < MIN_WORDS:
                continue
            stated = {
                i.fact.quantity.value
                for i in read.reading.items
                if i.fact.sentence == s_index and i.fact.kind == "year"
            }
            if not set(years) <= stated:
                continue
            rank = (share, -a_index, -s_index)
            if best is None or rank > best[0]:
                best = (rank, read.sentence(s_index))
    return best[1] if best else None
