"""One field of a printed reference against the registry's record: titles, authors, journals
(abbreviations included), years, volumes and pages. Pure; the thresholds are named here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from citecheck.model import Author
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
MISSPELT = 75.0  # a family name this alike (and with the same initial letter) is a typo

# Words journal abbreviations leave out ("a" is kept: it is Physical Review A's section).
STOPWORDS = frozenset({"of", "the", "and", "for", "in", "on", "an", "de", "la", "et", "und"})
# Where a full journal title's section or series starts: "Biochimica et Biophysica Acta (BBA)
# - Bioenergetics", "Acta Crystallographica Section D: Biological Crystallography".
_SECTION_START = re.compile(r"\s+(?:[-–—:(]|section\b|series\b)", re.IGNORECASE)
_SUPPLEMENT_END = re.compile(r"\s+(?:suppl?|supplement)\.?(?:\s*\d+)?\s*$", re.IGNORECASE)


# Pure, and asked for the same values for every candidate of every reference.
_number = lru_cache(maxsize=65536)(normalize_number)
_pages = lru_cache(maxsize=65536)(split_pages)


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


@lru_cache(maxsize=65536)  # pure; the same names are compared for every candidate
def families_agree(printed: str, registry: str) -> bool:
    """Same family name, allowing diacritics, transliteration and particles; not typos."""
    return bool(family_keys(printed) & family_keys(registry))


def authors_agree(printed: Author, registry: Author) -> bool:
    if printed.is_group or registry.is_group:
        a, b = words(printed.family), words(registry.family or registry.given)
        return fuzz.ratio(a, b) >= 90
    return families_agree(printed.family, registry.family)


def misspelt_family(printed: Author, registry: Author) -> bool:
    """Whether the printed first author is the registry's with a typo (letters swapped,
    dropped or doubled: "Snaders" for "Sanders"), not another person's name."""
    if printed.is_group or registry.is_group or not printed.family or not registry.family:
        return False
    a, b = words(printed.family), words(registry.family)
    return len(a) >= 4 and fuzz.ratio(a, b) >= MISSPELT and a[:1] == b[:1]


@lru_cache(maxsize=65536)  # pure; a list cites the same journals again and again
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
    """Journal printed vs the record's full and short container titles (None: no data).

    An abbreviation of either (ISO 4 or NLM, with or without periods, "The", "&"/"and"), a
    full title printed where the registry has the abbreviation, a journal printed without its
    section ("Biochim Biophys Acta" for "… Acta (BBA) - Bioenergetics") or with "Suppl" after
    it all agree."""
    names = [*record.container_titles, *record.short_container_titles]
    if not names:
        return None
    printed = _SUPPLEMENT_END.sub("", printed) or printed
    p = words(printed)
    for name in names:
        n = words(name)
        if p == n or fuzz.ratio(p, n) >= 90 or is_abbreviation(name, printed):
            return True
        if any(is_abbreviation(printed, head) for head in _journal_heads(name)):
            return True
    return False


@lru_cache(maxsize=65536)
def _journal_heads(name: str) -> tuple[str, ...]:
    """The full title, and the title without its section or series."""
    return (name, *(name[: m.start()] for m in _SECTION_START.finditer(name) if m.start() > 0))


def years_agree(printed: str | None, years: Sequence[int]) -> bool | None:
    """Printed year within one year of any registry date (online-first vs print)."""
    p = year_of(printed)
    if p is None or not years:
        return None
    return min(abs(p - y) for y in years) <= 1


def numbers_agree(printed: str | None, registry: str | None) -> bool | None:
    """Volume or issue: equal as tokens, or every printed token in the registry value."""
    p, r = _number(printed), _number(registry)
    if p is None or r is None:
        return None
    if p == r:
        return True
    pt, rt = set(words(p).split()), set(words(r).split())
    return bool(pt) and pt <= rt


def volume_and_issue_agree(volume: str | None, issue: str | None, record: WorkRecord) -> bool:
    """Whether volume and issue, read together, are the registry's two read together: a
    supplement's numbering is split many ways ("50 Suppl 1" as volume 50, issue "Suppl 1";
    or volume 1, issue "50 Suppl")."""
    if not volume or not record.volume or not (issue or record.issue):
        return False
    printed = sorted(words(f"{volume} {issue or ''}").split())
    registry = sorted(words(f"{record.volume} {record.issue or ''}").split())
    return printed == registry


def pages_agree(printed: str | None, record: WorkRecord) -> bool | None:
    """First page (or e-locator / article number), and the last page when both give one."""
    pf, pl = _pages(printed)
    if pf is None:
        return None
    rf, rl = _pages(record.page)
    numbers = {x for x in (rf, _number(record.article_number)) if x}
    if not numbers:
        return None
    if not any(_same_page(pf, n) for n in numbers):
        return False
    if pl and rl and rf and _same_page(pf, rf):
        return _same_page(pl, rl)
    return True


def _same_page(a: str, b: str) -> bool:
    return a == b or a.lstrip("e") == b.lstrip("e")
