"""Compare a printed reference with a registry record (pure functions).

Two jobs:

* :func:`compare_fields` lists every field where the reference and a record disagree
  (the raw material of META001);
* :func:`choose_candidate` re-ranks the candidates of a bibliographic search and accepts
  one only on strong, unambiguous evidence (DOI003). Crossref's relevance ``score`` is
  not used to decide: it is unbounded and not comparable between queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from citecheck.model import Author, Reference
from citecheck.registry.normalize import (
    family_keys,
    normalize_number,
    normalize_title,
    split_pages,
    words,
    year_of,
)
from citecheck.registry.records import WorkRecord

TITLE_SAME = 90.0  # at or above: the same title, modulo style
TITLE_DIFFERENT = 60.0  # below: a different title
CONFIDENT_TITLE = 90.0
EXACT_TITLE = 99.5  # the same words after normalisation (Volume II ≠ Volume III)
BOOKISH = frozenset(
    {"book", "monograph", "edited-book", "reference-book", "book-set", "report", "dissertation"}
)
TIE_MARGIN = 0.08

STOPWORDS = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "de", "la", "et", "und"})


# --- single fields ---------------------------------------------------------------------------


def title_similarity(printed: str, registry: str, subtitles: Sequence[str] = ()) -> float:
    """0–100: how alike two titles are after normalisation (best over subtitle variants)."""
    a = normalize_title(printed)
    if not a:
        return 0.0
    variants = [registry, *(f"{registry}: {s}" for s in subtitles)]
    best = 0.0
    for variant in variants:
        b = normalize_title(variant)
        if not b:
            continue
        best = max(
            best,
            fuzz.ratio(a, b),
            fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")),
            fuzz.token_sort_ratio(a, b),
        )
    return round(best, 1)


def families_agree(printed: str, registry: str) -> bool:
    """Same family name, allowing diacritics, transliteration and particles; not typos."""
    return bool(family_keys(printed) & family_keys(registry))


def authors_agree(printed: Author, registry: Author) -> bool:
    if printed.is_group or registry.is_group:
        a, b = words(printed.family), words(registry.family or registry.given)
        return fuzz.ratio(a, b) >= 90
    return families_agree(printed.family, registry.family)


def is_abbreviation(abbrev: str, full: str) -> bool:
    """Whether ``abbrev`` (``J Nucl Med``) abbreviates ``full`` (``Journal of Nuclear Medicine``).

    Each abbreviated word must start like, and have its letters in order in, the next full
    word; an all-letters token may also stand for the initials of several words (``USA``).
    """
    a = [w for w in words(abbrev).split() if w not in STOPWORDS]
    f = [w for w in words(full).split() if w not in STOPWORDS]
    if not a or not f:
        return False

    def match(i: int, j: int) -> bool:
        if i == len(a):
            return j == len(f)
        if j == len(f):
            return False
        tok = a[i]
        if tok[0] == f[j][0] and _subsequence(tok, f[j]) and match(i + 1, j + 1):
            return True
        k = len(tok)
        return (
            k >= 2
            and j + k <= len(f)
            and all(tok[n] == f[j + n][0] for n in range(k))
            and match(i + 1, j + k)
        )

    return match(0, 0)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def containers_agree(printed: str, record: WorkRecord) -> bool | None:
    """Journal printed vs the record's full and short container titles (None: no data)."""
    names = [*record.container_titles, *record.short_container_titles]
    if not names:
        return None
    p = words(printed)
    for name in names:
        n = words(name)
        if p == n or is_abbreviation(printed, name) or fuzz.ratio(p, n) >= 90:
            return True
    return False


def years_agree(printed: str | None, years: Sequence[int]) -> bool | None:
    """Printed year within one year of any registry date (online-first vs print)."""
    p = year_of(printed)
    if p is None or not years:
        return None
    return min(abs(p - y) for y in years) <= 1


def numbers_agree(printed: str | None, registry: str | None) -> bool | None:
    """Volume or issue: equal as tokens, or every printed token in the registry value."""
    p, r = normalize_number(printed), normalize_number(registry)
    if p is None or r is None:
        return None
    if p == r:
        return True
    pt, rt = set(words(p).split()), set(words(r).split())
    return bool(pt) and pt <= rt


def pages_agree(printed: str | None, record: WorkRecord) -> bool | None:
    """First page (or e-locator / article number), and the last page when both give one."""
    pf, pl = split_pages(printed)
    if pf is None:
        return None
    rf, rl = split_pages(record.page)
    numbers = {x for x in (rf, normalize_number(record.article_number)) if x}
    if not numbers:
        return None
    if not any(_same_page(pf, n) for n in numbers):
        return False
    if pl and rl and rf and _same_page(pf, rf):
        return _same_page(pl, rl)
    return True


def _same_page(a: str, b: str) -> bool:
    return a == b or a.lstrip("e") == b.lstrip("e")


# --- all fields ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldDiff:
    """One field where the printed reference and the registry record disagree."""

    field: str  # "title", "author 2", "authors", "year", "journal", "volume", "issue", "pages"
    printed: str
    registry: str
    note: str = ""


def compare_fields(ref: Reference, work: WorkRecord) -> tuple[FieldDiff, ...]:
    """Every disagreement between a reference and the record it points to."""
    diffs: list[FieldDiff] = []
    if ref.title and work.title:
        score = title_similarity(ref.title, work.title, work.subtitles)
        if score < TITLE_SAME:
            diffs.append(FieldDiff("title", ref.title, work.title, f"similarity {score:.0f}/100"))
    diffs.extend(_author_diffs(ref, work))
    if years_agree(ref.year, work.years) is False:
        shown = ", ".join(str(y) for y in sorted(set(work.years)))
        diffs.append(FieldDiff("year", ref.year or "", shown))
    if ref.container and containers_agree(ref.container, work) is False:
        registry = " / ".join(dict.fromkeys([*work.container_titles, *work.short_container_titles]))
        diffs.append(FieldDiff("journal", ref.container, registry))
    if numbers_agree(ref.volume, work.volume) is False:
        note = ""
        if numbers_agree(ref.volume, work.issue):
            note = f"the printed volume is the registry's issue ({work.issue})"
        diffs.append(FieldDiff("volume", ref.volume or "", work.volume or "", note))
    if numbers_agree(ref.issue, work.issue) is False:
        diffs.append(FieldDiff("issue", ref.issue or "", work.issue or ""))
    if pages_agree(ref.pages, work) is False:
        registry = work.page or work.article_number or ""
        diffs.append(FieldDiff("pages", ref.pages or "", registry))
    return tuple(diffs)


def _author_diffs(ref: Reference, work: WorkRecord) -> list[FieldDiff]:
    printed, registry = ref.authors, work.authors
    if not printed or not registry:
        return []
    diffs = [
        FieldDiff(f"author {i + 1}", str(p), _author_text(r))
        for i, (p, r) in enumerate(zip(printed, registry, strict=False))
        if not authors_agree(p, r)
    ]
    if len(diffs) > 2:  # a shifted or different list: one finding, both lists
        return [
            FieldDiff(
                "authors",
                ", ".join(str(a) for a in printed),
                ", ".join(_author_text(a) for a in registry[: len(printed)]),
                f"{len(diffs)} of {len(printed)} names differ",
            )
        ]
    if len(printed) > len(registry):
        diffs.append(
            FieldDiff(
                "authors",
                f"{len(printed)} authors",
                f"{len(registry)} authors",
                "the reference lists more authors than the registry",
            )
        )
    elif not ref.et_al and len(printed) < len(registry) and not diffs:
        diffs.append(
            FieldDiff(
                "authors",
                f"{len(printed)} authors, no et al.",
                f"{len(registry)} authors",
                "authors are missing from the reference",
            )
        )
    return diffs


def _author_text(a: Author) -> str:
    return f"{a.family} {a.given}".strip() if not a.is_group else a.family


# --- candidates from a search ----------------------------------------------------------------

WEIGHTS = {"title": 0.4, "author": 0.2, "year": 0.1, "journal": 0.1, "volume": 0.1, "pages": 0.1}


@dataclass(frozen=True)
class CandidateScore:
    """How well one search candidate fits the printed reference, field by field."""

    work: WorkRecord
    title: float | None  # 0–100, None when the reference has no title
    author: bool | None
    year: bool | None
    journal: bool | None
    volume: bool | None
    pages: bool | None
    ref_has_locator: bool = True  # the reference prints a volume or pages to check
    year_exact: bool | None = None  # the printed year is one of the record's years

    @property
    def support(self) -> int:
        """Fields besides the title that positively agree."""
        return sum(
            v is True for v in (self.author, self.year, self.journal, self.volume, self.pages)
        )

    @property
    def conflicts(self) -> int:
        return sum(
            v is False for v in (self.author, self.year, self.journal, self.volume, self.pages)
        )

    @property
    def confidence(self) -> float:
        """Weighted agreement over the fields both sides have, 0–1."""
        parts = {
            "title": None if self.title is None else self.title / 100,
            "author": self.author,
            "year": self.year,
            "journal": self.journal,
            "volume": self.volume,
            "pages": self.pages,
        }
        known = {k: float(v) for k, v in parts.items() if v is not None}
        if not known:
            return 0.0
        total = sum(WEIGHTS[k] for k in known)
        return round(sum(WEIGHTS[k] * v for k, v in known.items()) / total, 4)

    @property
    def is_strong(self) -> bool:
        """Strong enough to suggest a DOI on its own."""
        if self.work.is_notice or self.author is False or self.year is False:
            return False
        if self.title is not None:
            if self.title >= CONFIDENT_TITLE and self.support >= 3:
                if self.conflicts == 0:
                    return True
                # one slip (e.g. a volume) is tolerated only with the very same title, and
                # never in the pages: same journal and volume, other pages = another article
                return self.conflicts == 1 and self.title >= EXACT_TITLE and self.pages is not False
            # a book or report: nothing but title, author and year to go on
            return (
                not self.ref_has_locator
                and self.work.type in BOOKISH
                and self.title >= EXACT_TITLE
                and self.author is True
                and self.year_exact is True
                and self.conflicts == 0
            )
        return self.support >= 4 and self.conflicts == 0  # no title: every other field

    def evidence(self) -> str:
        bits = [] if self.title is None else [f"title {self.title:.0f}/100"]
        for name in ("author", "year", "journal", "volume", "pages"):
            value = getattr(self, name)
            if value is not None:
                verb = ("agree" if value else "differ") if name == "pages" else None
                verb = verb or ("agrees" if value else "differs")
                bits.append(f"{name} {verb}")
        return ", ".join(bits)


def score_candidate(ref: Reference, work: WorkRecord) -> CandidateScore:
    first = ref.first_author
    return CandidateScore(
        work=work,
        title=title_similarity(ref.title, work.title, work.subtitles)
        if ref.title and work.title
        else (0.0 if ref.title else None),
        author=authors_agree(first, work.authors[0]) if first and work.authors else None,
        year=years_agree(ref.year, work.years),
        journal=containers_agree(ref.container, work) if ref.container else None,
        volume=numbers_agree(ref.volume, work.volume),
        pages=pages_agree(ref.pages, work),
        ref_has_locator=bool(ref.volume or ref.pages),
        year_exact=_year_exact(ref.year, work.years),
    )


def _year_exact(printed: str | None, years: Sequence[int]) -> bool | None:
    p = year_of(printed)
    return None if p is None or not years else p in years


@dataclass(frozen=True)
class MatchDecision:
    """The outcome of validating search candidates for one reference."""

    chosen: CandidateScore | None
    ranked: tuple[CandidateScore, ...]
    reason: str  # why this one, or why none


def choose_candidate(ref: Reference, candidates: Sequence[WorkRecord]) -> MatchDecision:
    """Accept the best candidate only when its evidence is strong and nothing ties with it."""
    ranked = tuple(
        sorted(
            (score_candidate(ref, w) for w in candidates),
            key=lambda c: (c.confidence, c.title or 0.0),
            reverse=True,
        )
    )
    eligible = [c for c in ranked if not c.work.is_notice]  # a notice is never the cited work
    if not eligible:
        return MatchDecision(None, ranked, "no candidates" if not ranked else "only notices")
    best = eligible[0]
    if not best.is_strong:
        return MatchDecision(None, ranked, f"no confident match (best: {best.evidence()})")
    for other in eligible[1:]:
        if (
            other.is_strong
            and other.work.doi.lower() != best.work.doi.lower()
            and best.confidence - other.confidence < TIE_MARGIN
        ):
            return MatchDecision(
                None,
                ranked,
                f"no confident match: {best.work.doi} and {other.work.doi} fit equally well",
            )
    return MatchDecision(best, ranked, best.evidence())
