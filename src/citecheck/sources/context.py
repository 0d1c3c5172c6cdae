"""Which words belong to which number (pure).

A sentence is cut at its values (facts of kind ``value`` and ``count`` stated as points).
A word between two values belongs to the one it is not separated from: a separator (``,``
``;`` "and" "or" "whereas" "while" "against" "versus" "compared with" "but", outside
parentheses) between the previous value and the word gives the word to the next value, one
between the word and the next value gives it to the previous one; words before the first
value go to it, words after the last to the last. So "26.9 (…) among women and 43.9 (…)
among men" gives *women* to 26.9 and *men* to 43.9. Labels — ages ("at age 20"), years and
periods — are attached the same way, as tokens ``age:20``, ``year:2006``, ``span:1996-1999``.

Values of the same dimension separated only by a separator and a few words form a **list**
("39.5 … for male and 50.2 … for female patients, against 57.8 and 61.6 years"); the words
before a list are its head, shared by its members, and a bare member takes the unit written
after the next ("37.9 (1.3), 41.0 (2.2), and 53.4 (1.2) years"). A value whose own words
begin with a pronoun ("it was 27.9") also takes the head of the value before it. The
*subject* of a value is what follows "of" ("90% of adult deaths": adult, death), else its
last three words before it ("median age 37": median, age).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from citecheck.claims.endpoints import DEFAULT_ENDPOINTS, Endpoint, EndpointTable
from citecheck.claims.model import Sentence
from citecheck.claims.units import dimension_of
from citecheck.model import Span
from citecheck.sources.facts import VALUE_KINDS, Fact, Raw, read_raw
from citecheck.sources.pairs import pair_changes, pair_parenthesised, share_units, year_span
from citecheck.sources.words import DOWN_WORDS, PRONOUNS, UP_WORDS, tokens

_SEPARATOR = re.compile(
    r"[,;:]|\b(?:and|or|whereas|while|against|versus|vs\.?|compared\s+with|but|than)\b",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"[,;]|\b(?:and|or|against|versus|vs\.?|to)\b", re.IGNORECASE)
_MAX_LIST_GAP_WORDS = 6
# A sentence that opens by pointing back ("Of those, 206 (45%) had PTLC") is about the
# previous sentence's subject too.
_BACK_REFERENCE = re.compile(
    r"\s*(?:(?:of|among|in|for)\s+(?:those|these|them|whom)\b|(?:they|these|those|it)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Located:
    """A fact with the words of the text that belong to it."""

    fact: Fact
    own: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()
    native: frozenset[str] = frozenset()  # its own words, without a list head or a pronoun's
    labels: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    list_id: int = -1
    clause: int = -1
    direction: str | None = None


@dataclass(frozen=True)
class Reading:
    """A text read for the source check: its sentences (spans into the original text), the
    content words of each, and its facts with their words."""

    text: str
    sentences: tuple[Sentence, ...]
    sentence_words: tuple[frozenset[str], ...]
    items: tuple[Located, ...]

    @property
    def words(self) -> frozenset[str]:
        return frozenset().union(*self.sentence_words) if self.sentence_words else frozenset()


def label_token(f: Fact) -> str | None:
    q = f.quantity
    if f.kind == "age":
        return f"age:{q.value:g}"
    if f.kind == "year":
        return f"year:{q.value:g}"
    if f.kind == "period":
        return f"span:{q.value:g}-{(q.high if q.high is not None else q.value):g}"
    return None


def read_text(
    text: str, endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS
) -> Reading:
    """Read ``text`` (an abstract or a claim) into facts with their words."""
    raw = read_raw(text, endpoints)
    items: list[Located] = []
    sentence_words: list[frozenset[str]] = []
    clause_base = 0
    previous_head: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    for index, sentence in enumerate(raw.sentences):
        facts = [f for f in raw.facts if f.sentence == index]
        located, words, clauses, previous_head = _sentence(
            raw, sentence, facts, clause_base, previous_head, index * 1000
        )
        items += located
        if sentence_words and _BACK_REFERENCE.match(raw.canonical.text, sentence.span.start):
            words = words | sentence_words[-1]
        sentence_words.append(words)
        clause_base += clauses
    sentences = tuple(
        Sentence(
            Span(raw.canonical.original(s.span.start), raw.canonical.original(s.span.end)),
            text[raw.canonical.original(s.span.start) : raw.canonical.original(s.span.end)],
        )
        for s in raw.sentences
    )
    return Reading(text, sentences, tuple(sentence_words), tuple(items))


def _blanked(ct: str, lo: int, hi: int, facts: Sequence[Fact]) -> str:
    """The sentence with parenthesised text and every fact blanked (same length)."""
    chars = list(ct[lo:hi])
    depth = 0
    for i, ch in enumerate(chars):
        if ch in "([":
            depth += 1
        if depth > 0:
            chars[i] = " "
        if ch in ")]":
            depth = max(0, depth - 1)
    for f in facts:
        for i in range(max(f.start, lo), min(f.end, hi)):
            chars[i - lo] = " "
    return "".join(chars)


def _sentence(
    raw: Raw,
    sentence: Sentence,
    facts: list[Fact],
    clause_base: int,
    previous_head: tuple[frozenset[str], frozenset[str]],
    id_base: int,
) -> tuple[list[Located], frozenset[str], int, tuple[frozenset[str], frozenset[str]]]:
    ct = raw.canonical.text
    lo, hi = sentence.span.start, sentence.span.end
    blank = _blanked(ct, lo, hi, facts)
    cuts = [lo + m.start() for m in re.finditer(";", blank)]

    def clause_of(pos: int) -> int:
        return bisect_left(cuts, pos)

    facts = share_units(ct, facts)
    values = sorted(
        (f for f in facts if f.role == "point" and f.kind in VALUE_KINDS), key=lambda f: f.start
    )
    starts = [f.start for f in values]
    separators = _Separators(blank, lo)
    own: dict[int, set[str]] = {i: set() for i in range(len(values))}
    before: dict[int, set[str]] = {i: set() for i in range(len(values))}
    labels: dict[int, set[str]] = {i: set() for i in range(len(values))}
    clause_words: dict[int, set[str]] = {}
    ages = [f.start for f in facts if f.kind == "age"]
    ages = sorted(ages)

    def inside_value(p: int) -> bool:
        k = bisect_left(starts, p + 1) - 1
        return k >= 0 and values[k].start <= p < values[k].end

    def before_age(p: int) -> bool:
        k = bisect_left(ages, p + 1)
        return k < len(ages) and ages[k] - p <= 14

    toks = [
        (p, w)
        for p, w in tokens(ct, lo, hi)
        if not inside_value(p) and not (w == "age" and before_age(p))
    ]
    toks += [(f.start, t) for f in facts if f.role == "point" and (t := label_token(f))]
    for pos, word in toks:
        clause = clause_of(pos)
        if not word.startswith(("age:", "year:", "span:")) and word not in PRONOUNS:
            clause_words.setdefault(clause, set()).add(word)
        for i in _attach(separators, values, starts, pos, clause, clause_of):
            if ":" in word:
                labels[i].add(word)
                continue
            own[i].add(word)
            if pos < values[i].start:
                before[i].add(word)
    pair_changes(blank, lo, values, own)
    paired = pair_parenthesised(ct, lo, values, own)
    pair_parenthesised(ct, lo, values, before)
    list_ids = _lists(ct, blank, lo, values, clause_of, id_base)
    heads: dict[int, set[str]] = {}
    for i in range(len(values)):
        if not heads.get(list_ids[i]):
            heads[list_ids[i]] = {w for w in before[i] if w not in PRONOUNS} - paired
    located: list[Located] = []
    head_words, head_labels = previous_head
    for i, f in enumerate(values):
        words = set(own[i]) | heads.get(list_ids[i], set())
        mine = set(labels[i])
        content_before = {w for w in before[i] if w not in PRONOUNS}
        continued = bool(before[i] & {"it", "they", "its", "their"})  # the same quantity
        native = set(own[i]) | (set(head_words) if continued else set())
        if continued or not content_before:
            words |= head_words
            keys = {t.split(":")[0] for t in mine}
            mine |= {t for t in head_labels if t.split(":")[0] not in keys}
        if content_before:
            head_words = frozenset(w for w in before[i] if w not in PRONOUNS)
            head_labels = frozenset(labels[i])
        words -= PRONOUNS
        clause = clause_of(f.start)
        located.append(
            Located(
                f,
                frozenset(words),
                frozenset(clause_words.get(clause, set()) | words),
                frozenset(native - PRONOUNS),
                frozenset(mine),
                _subject(ct, f, hi)
                or _counted(ct, f, hi)
                or _nearest_before(ct, lo, f, own[i])
                or frozenset(words),
                list_ids[i],
                clause_base + clause,
                _direction(words),
            )
        )
    others = [
        Located(f, clause=clause_base + clause_of(f.start))
        for f in [*facts, *year_span(ct, facts)]
        if not (f.role == "point" and f.kind in VALUE_KINDS)
    ]
    all_words = frozenset(w for _, w in toks if ":" not in w and w not in PRONOUNS)
    return located + others, all_words, len(cuts) + 1, (head_words, head_labels)


class _Separators:
    """Where the separators of a blanked sentence are, to ask in O(log n) whether one lies
    between two offsets."""

    def __init__(self, blank: str, lo: int) -> None:
        found = [(lo + m.start(), lo + m.end()) for m in _SEPARATOR.finditer(blank)]
        self.starts = [a for a, _ in found]
        self.ends = [b for _, b in found]

    def between(self, a: int, b: int) -> bool:
        k = bisect_left(self.starts, a)
        return k < len(self.starts) and self.ends[k] <= b


def _attach(
    separators: _Separators,
    values: Sequence[Fact],
    starts: Sequence[int],
    pos: int,
    clause: int,
    clause_of: Callable[[int], int],
) -> list[int]:
    """The values a word at ``pos`` belongs to (see the module doc)."""
    k = bisect_left(starts, pos)
    next = k if k < len(values) and clause_of(values[k].start) == clause else None
    prev: int | None = k - 1
    while prev is not None and prev >= 0 and values[prev].end > pos:
        prev -= 1
    if prev is not None and (prev < 0 or clause_of(values[prev].start) != clause):
        prev = None
    chosen = []
    if prev is not None and not separators.between(values[prev].end, pos):
        chosen.append(prev)
    if next is not None and not separators.between(pos, values[next].start):
        chosen.append(next)
    if not chosen:
        chosen = [i for i in (next, prev) if i is not None][:1]
    return chosen


def _dimension(f: Fact) -> str:
    return dimension_of(f.quantity.unit) or f"bare-{f.kind}"


def _lists(
    ct: str, blank: str, lo: int, values: Sequence[Fact], clause_of: object, id_base: int
) -> list[int]:
    """List ids: a value joins the list of the last value of its dimension in its clause
    when only a separator and a few words lie between ("66% for two lines and 66%")."""
    assert callable(clause_of)
    ids: list[int] = []
    current = id_base
    last: dict[tuple[int, str], int] = {}
    for i, f in enumerate(values):
        key = (clause_of(f.start), _dimension(f))
        j = last.get(key)
        joined = False
        if j is not None:
            g = values[j]
            gap = blank[g.end - lo : f.start - lo]
            if not gap.strip():  # both inside one parenthesis: "(7.5 versus 5.9%)"
                gap = ct[g.end : f.start]
            words = re.findall(r"[A-Za-z]{3,}", gap)
            joined = (
                bool(_LIST_GAP.search(gap))
                and len(words) <= _MAX_LIST_GAP_WORDS
                and not re.match(r"\s*of\b", gap)  # "9.8% of patients lost…, 32.8% died"
            )
        if joined and j is not None:
            ids.append(ids[j])
        else:
            current += 1
            ids.append(current)
        last[key] = i
    return ids


def _subject(ct: str, f: Fact, hi: int) -> frozenset[str]:
    """ "90% of adult deaths": the first two content words after "of"."""
    m = re.match(r"\s+of\s+(?:the\s+|all\s+|these\s+)?", ct[f.end : hi], re.IGNORECASE)
    if not m or f.quantity.unit not in ("%", "fraction", None):
        return frozenset()
    start = f.end + m.end()
    words = [w for _, w in tokens(ct, start, min(hi, start + 60)) if w not in PRONOUNS]
    return frozenset(words[:2])


def _counted(ct: str, f: Fact, hi: int) -> frozenset[str]:
    """ "22,000 adults on ART": a count's subject is what it counts."""
    if f.kind != "count":
        return frozenset()
    words = [w for _, w in tokens(ct, f.end, min(hi, f.end + 30)) if w not in PRONOUNS]
    return frozenset(words[:1])


def _nearest_before(ct: str, lo: int, f: Fact, own: set[str]) -> frozenset[str]:
    """The last three of a value's own words right before it ("median age 37": median, age)."""
    found = [w for p, w in tokens(ct, max(lo, f.start - 60), f.start) if w in own]
    return frozenset(found[-3:])


def _direction(words: set[str]) -> str | None:
    up, down = bool(words & UP_WORDS), bool(words & DOWN_WORDS)
    return "up" if up and not down else "down" if down and not up else None
