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

from citecheck.model import Author, Reference
from citecheck.registry.normalize import normalize_title, year_of
from citecheck.registry.records import WorkRecord
from citecheck.verify.fields import (
    BOOKISH,
    CONFIDENT_TITLE,
    EXACT_TITLE,
    TIE_MARGIN,
    TITLE_DIFFERENT,
    TITLE_SAME,
    authors_agree,
    containers_agree,
    families_agree,
    is_abbreviation,
    misspelt_family,
    numbers_agree,
    pages_agree,
    title_similarity,
    volume_and_issue_agree,
    years_agree,
)

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
    if not volume_and_issue_agree(ref.volume, ref.issue, work):
        diffs.extend(_number_diffs(ref, work))
    if pages_agree(ref.pages, work) is False:
        registry = work.page or work.article_number or ""
        diffs.append(FieldDiff("pages", ref.pages or "", registry))
    return tuple(diffs)


def _number_diffs(ref: Reference, work: WorkRecord) -> list[FieldDiff]:
    diffs = []
    if numbers_agree(ref.volume, work.volume) is False:
        note = ""
        if numbers_agree(ref.volume, work.issue):
            note = f"the printed volume is the registry's issue ({work.issue})"
        diffs.append(FieldDiff("volume", ref.volume or "", work.volume or "", note))
    if numbers_agree(ref.issue, work.issue) is False:
        diffs.append(FieldDiff("issue", ref.issue or "", work.issue or ""))
    return diffs


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
    title_truncated: bool = False  # the printed title is the start of the record's
    author_misspelt: bool = False  # the first author differs by a typo, not another name

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

    @property
    def slip(self) -> str | None:
        """The one field misprinted in a reference that is otherwise this record beyond doubt
        (a wrong year, first page or first author's spelling with the very same title and
        every other field agreeing; or a title cut short with everything else agreeing), or
        None. Such a match is reported with the differing field named (META001), never
        dropped as unmatched. The journal is never the slip: abbreviations are not errors."""
        if self.work.is_notice or self.title is None or self.journal is False:
            return None
        named = {"author": self.author, "year": self.year, "volume": self.volume}
        named["pages"] = self.pages
        wrong = [name for name, agrees in named.items() if agrees is False]
        agreeing = self.support  # fields besides the title that agree, the journal included
        if self.title_truncated and not wrong and agreeing >= 4:
            return "title"
        if self.title >= EXACT_TITLE and len(wrong) == 1 and agreeing >= 3:
            if wrong[0] == "author" and not self.author_misspelt:
                return None  # another name altogether: maybe another deposit of the work
            return wrong[0]
        return None

    @property
    def accepted(self) -> bool:
        """Strong, or one slip in an otherwise certain match."""
        return self.is_strong or self.slip is not None

    def evidence(self) -> str:
        bits = [] if self.title is None else [f"title {self.title:.0f}/100"]
        if self.title_truncated:
            bits.append("title cut short")
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
        volume=True
        if volume_and_issue_agree(ref.volume, ref.issue, work)
        else numbers_agree(ref.volume, work.volume),
        pages=pages_agree(ref.pages, work),
        ref_has_locator=bool(ref.volume or ref.pages),
        year_exact=_year_exact(ref.year, work.years),
        title_truncated=bool(ref.title and work.title)
        and is_truncated_title(ref.title or "", work.title, work.subtitles),
        author_misspelt=first is not None
        and bool(work.authors)
        and misspelt_family(first, work.authors[0]),
    )


def is_truncated_title(printed: str, registry: str, subtitles: Sequence[str] = ()) -> bool:
    """Whether the printed title is the registry title cut short: its first words, at least
    three of them and at least a third of the whole."""
    words = normalize_title(printed).split()
    if len(words) < 3:
        return False
    for variant in (registry, *(f"{registry}: {s}" for s in subtitles)):
        full = normalize_title(variant).split()
        if len(words) < len(full) and len(words) * 3 >= len(full) and full[: len(words)] == words:
            return True
    return False


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
    if not best.accepted:
        return MatchDecision(None, ranked, f"no confident match (best: {best.evidence()})")
    for other in eligible[1:]:
        if (
            other.accepted
            and other.work.doi.lower() != best.work.doi.lower()
            and best.confidence - other.confidence < TIE_MARGIN
        ):
            return MatchDecision(
                None,
                ranked,
                f"no confident match: {best.work.doi} and {other.work.doi} fit equally well",
            )
    reason = best.evidence()
    if not best.is_strong:
        reason += f"; only the {best.slip} differs"
    return MatchDecision(best, ranked, reason)


__all__ = [
    "TITLE_DIFFERENT",
    "TITLE_SAME",
    "CandidateScore",
    "FieldDiff",
    "MatchDecision",
    "authors_agree",
    "choose_candidate",
    "compare_fields",
    "containers_agree",
    "families_agree",
    "is_abbreviation",
    "is_truncated_title",
    "numbers_agree",
    "pages_agree",
    "score_candidate",
    "title_similarity",
    "years_agree",
]
