"""Linking author-date citations to an alphabetical reference list.

Each entry gets a key made of its first author's family name, folded to ASCII letters, its
year and suffix: ``vanderberg2017a``, ``worldhealthorganization2020``, ``smith2019``
(``smith2019+lee`` and ``smith2019+wu`` when two entries would share one). A cited work is
linked by first-author family + year + suffix; several entries left → the one whose second
author or number of authors fits (``Smith & Lee`` two authors, ``Smith et al.`` three or
more). A work that links to nothing keeps the key it would have had (``smith2018``): the
audit names the closest entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from citecheck.citations.adnames import PARTICLES, product_like
from citecheck.citations.authordate import AuthorDateCitation, CitedWork
from citecheck.model import Citation, Reference, RefKey

_FOLD = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ł": "l", "Ł": "l", "đ": "d", "œ": "oe"}
)
_GERMAN = re.compile(r"(?<=[a-z])([aou])e")
_RAW_YEAR = re.compile(r"\b((?:1[6-9]|20)\d\d)([a-z])?\b|\b((?-i:n\.\s?d\.))|\b(in press)\b", re.I)
KEY_SHAPE = re.compile(r"^([a-z]*)(\d{4}|nd|inpress)([a-z]?)(?:\+.*)?$")


def fold(name: str) -> str:
    """``Müller`` → ``muller``; ``van der Berg`` → ``vanderberg``: lower-case ASCII letters."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLD))
    return "".join(ch for ch in decomposed.lower() if "a" <= ch <= "z")


def loose(name: str) -> str:
    """A looser form that also matches a transliteration (``Mueller`` = ``Müller``)."""
    return _GERMAN.sub(r"\1", fold(name))


def without_particles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower() in PARTICLES:
        words = words[1:]
    return " ".join(words)


_SUFFIX = re.compile(r"\s+(?:Jr|Sr|Jnr|II|III|IV)\.?$")


def without_suffix(name: str) -> str:
    """``Ward Jr`` → ``Ward``: a generational suffix after a cited family name."""
    return _SUFFIX.sub("", name) if len(name.split()) > 1 else name


def year_token(year: str) -> str:
    """``2019a`` → ``2019a``; ``n.d.`` → ``nd``; ``in press`` → ``inpress``."""
    return "".join(ch for ch in year.lower() if ch.isalnum())


# the year right after the authors: "Smith, J. (2019a).", "Smith J. 2019.", "Smith, J., 2019,";
# "n.d." in lower case only: "Sepeda, N. D., Pekar, J." are initials, not "no date"
_AFTER_AUTHORS = re.compile(
    r"[(.,]\s*(?:((?:1[6-9]|20)\d\d)([a-z])?|((?-i:n\.\s?d\.)|in press))\s*[).,]", re.I
)
# the year ending the entry (Copernicus: "Smith, J.: Title, J. Hydrol., 1, 2–3, 2019b.")
_AT_END = re.compile(r"[,.]\s*((?:1[6-9]|20)\d\d)([a-z])?\.?\s*$")


def entry_year(ref: Reference) -> str | None:
    """An entry's year with its suffix (``2019b``), read from the raw text: the year right
    after the authors; else the year that ends the entry (Copernicus journals); else its
    first year (a page number is not a year)."""
    raw = ref.raw
    early = _AFTER_AUTHORS.search(raw[:300])
    if early and not any(ch.isdigit() for ch in raw[: early.start()]):
        if early.group(1):
            return early.group(1) + (early.group(2) or "").lower()
        return year_token(early.group(3))
    if (end := _AT_END.search(raw[-60:])) is not None:
        return end.group(1) + (end.group(2) or "").lower()
    for m in _RAW_YEAR.finditer(raw[:300]):
        if m.group(1):
            return m.group(1) + (m.group(2) or "").lower()
        return year_token(m.group(0))
    return ref.year


_SENTENCE_END = re.compile(r"(?<=[^\s.A-Z])[.?!](?=\s|$)")


def _title_after_year(raw: str, shortest: int = 8) -> str | None:
    """In an author-date entry the title follows the year: ``Smith J. 2019. Title. J 1: 2.``
    (for an entry the parser read no title from); ``None`` if shorter than ``shortest`` or
    of one word (unless ``shortest`` is 0: ``Xds.``, a program)."""
    year = _RAW_YEAR.search(raw[:300])
    if year is None:
        return None
    rest = raw[year.end() :].lstrip(").,: ")
    end = _SENTENCE_END.search(rest)
    title = (rest[: end.start() + 1] if end else rest).strip()
    if shortest == 0:
        return title or None
    return title if len(title) >= shortest and " " in title else None


def first_family(ref: Reference) -> str | None:
    """The first author's family name; for an entry whose authors the parser could not
    read (a group author, ``R Core Team. 2012.``), the words before the year, up to the
    first comma or colon (``IPCC: Climate Change 2013: …, 2013.``), less trailing
    initials."""
    if ref.authors:
        return ref.authors[0].family
    year = _RAW_YEAR.search(ref.raw[:300])
    if year is None:
        return None
    words = ref.raw[: year.start()].strip(" .,(").split(",")[0].split(":")[0].split()
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 3:
        words = words[:-1]
    return " ".join(words) or None


def authordate_keys(refs: Sequence[Reference]) -> tuple[Reference, ...]:
    """The entries with their author-date keys as ``citekey`` and no number."""
    base = []
    for r in refs:
        family, year = first_family(r), entry_year(r)
        base.append(f"{fold(family or '') or 'anon'}{year_token(year or 'nd')}")
    counts: dict[str, int] = defaultdict(int)
    for b in base:
        counts[b] += 1
    out, seen = [], set()
    tried: dict[str, int] = {}  # the next number to try after each key (linear, not n²)
    for r, b in zip(refs, base, strict=True):
        key = b
        if counts[b] > 1:
            second = fold(r.authors[1].family) if len(r.authors) > 1 else "solo"
            key = f"{b}+{second}"
        n, unique = tried.get(key, 2), key
        while unique in seen:
            unique, n = f"{key}-{n}", n + 1
        tried[key] = n
        seen.add(unique)
        year = entry_year(r)
        digits = year[:4] if year and year[:4].isdigit() else r.year
        title = r.title or _title_after_year(r.raw)
        out.append(
            replace(r, citekey=unique, number=None, number_inferred=False, year=digits, title=title)
        )
    return tuple(out)


@dataclass(frozen=True)
class LinkIndex:
    """The entries by first-author name forms, and the abbreviations the text defines."""

    by_family: dict[str, list[Reference]]
    aliases: dict[str, str]
    by_title: dict[str, list[Reference]]  # an entry's title (a program: "Xds") and year


def link_index(refs: Sequence[Reference], citations: Sequence[AuthorDateCitation]) -> LinkIndex:
    by_family: dict[str, list[Reference]] = defaultdict(list)
    for r in refs:
        family = first_family(r)
        if family:
            forms = {loose(family), loose(without_particles(family))}
            for form in forms:
                by_family[form].append(r)
    aliases = {loose(w.alias): " and ".join(w.names) for c in citations for w in c.works if w.alias}
    by_title: dict[str, list[Reference]] = defaultdict(list)
    for r in refs:
        title = r.title or _title_after_year(r.raw, shortest=0)
        if title and len(title.split()) <= 3:  # a short title: a program, a database
            by_title[loose(title) + (entry_year(r) or "")].append(r)
    return LinkIndex(dict(by_family), aliases, dict(by_title))


def _candidates(work: CitedWork, index: LinkIndex) -> tuple[list[Reference], int]:
    """The entries whose first author is the work's first name (or, for a narrative that
    took a word too many, a later one); how many leading names were passed over."""
    names = [without_suffix(n) for n in work.names]
    whole = loose(" and ".join(names))
    # a group author whose name holds "&" ("United States, & Central Intelligence Agency")
    for form in (whole, loose(index.aliases.get(whole, "")), loose(" ".join(names))):
        if form and form in index.by_family:
            return index.by_family[form], 0
    for skip in range(len(names)):
        form = loose(names[skip])
        form = loose(index.aliases.get(form, "")) or form
        if form in index.by_family:
            return index.by_family[form], skip
        bare = loose(without_particles(names[skip]))
        if bare in index.by_family:
            return index.by_family[bare], skip
        if skip == 0:  # "While Novak and Kirkegaard (1994)": a sentence's first word taken
            words = names[0].split()
            for tail in (" ".join(words[i:]) for i in range(1, len(words))):
                if (form := loose(tail)) in index.by_family:
                    return index.by_family[form], 0
    return _longer_name(names[0], index), 0


def _longer_name(name: str, index: LinkIndex) -> list[Reference]:
    """The entries of the one group author whose name ends with ``name`` (of two words or
    more): ``Queen's University of Belfast`` for ``14CHRONO Centre of the Queen's University
    of Belfast``, whose first words the finder could not take for a name."""
    if len(name.split()) < 2:
        return []
    form = loose(name)
    longer = [f for f in index.by_family if f.endswith(form) and f != form]
    return index.by_family[longer[0]] if len(longer) == 1 else []


def _tie_break(work: CitedWork, names: Sequence[str], found: list[Reference]) -> Reference:
    def fits(r: Reference) -> int:
        n = len(r.authors) + (3 if r.et_al else 0)
        if work.et_al:  # APA 7: "Wickham, Vaughan, et al." names those that tell works apart
            named = len(names) < 2 or (
                len(r.authors) >= len(names)
                and all(loose(a.family) == loose(b) for a, b in zip(r.authors, names, strict=False))
            )
            return 2 * named if n >= max(3, len(names) + 1) else 0
        if len(names) >= 2 and len(r.authors) >= 2:
            same = loose(r.authors[1].family) == loose(names[1])
            return 2 * same + (len(r.authors) == len(names))
        return 2 if n == len(names) else 0

    return max(found, key=fits)


def link_work(work: CitedWork, index: LinkIndex) -> RefKey:
    """The key of the entry a cited work names, or the key it would have had."""
    return resolve_work(work, index)[0]


def resolve_work(work: CitedWork, index: LinkIndex) -> tuple[RefKey, tuple[str, ...]]:
    """The key :func:`link_work` gives, and the names of the work that name the entry
    (those after any leading word a narrative citation took too many)."""
    found, skip = _candidates(work, index)
    names = work.names[skip:]
    year = year_token(work.year)
    exact = [r for r in found if year_token(entry_year(r) or "") == year]
    if exact:
        key = _tie_break(work, names, exact).citekey
        assert key is not None
        return key, names
    unlettered = [r for r in found if (entry_year(r) or "") == year[:4]]
    if len(year) == 5 and year[:4].isdigit() and unlettered:  # "2012a", the list has "2012"
        position = ord(year[4]) - ord("a")
        if position < len(unlettered):
            key = unlettered[position].citekey
            assert key is not None
            return key, names
    titled = index.by_title.get(loose(" ".join(work.names)) + year, [])
    if not found and len(titled) == 1 and titled[0].citekey:  # "(Xds, 2010)": Kabsch W. 2010. Xds.
        return titled[0].citekey, names
    name = work.names[-1] if not found else work.names[skip]
    name = index.aliases.get(loose(name), name)
    return f"{fold(name) or 'anon'}{year}", names


def link_authordate(
    citations: Sequence[AuthorDateCitation], refs: Sequence[Reference]
) -> tuple[Citation, ...]:
    """``Citation``s whose ``refs`` are the keys of ``refs`` (as :func:`authordate_keys`
    made them) each work names, in the order written. A citation without parentheses
    (``bare``), or a work named like a product (``(HiSeq 2000)``, ``(GraphPad Prism,
    2019)``), counts only if it names an entry; a citation left with none is dropped."""
    index = link_index(refs, citations)
    known = {r.citekey for r in refs}
    out = []
    for c in citations:
        linked = [(w, link_work(w, index)) for w in c.works]
        keys = tuple(
            dict.fromkeys(
                k
                for w, k in linked
                if k in known or not (c.style == "bare" or product_like(" ".join(w.names)))
            )
        )
        if keys:
            out.append(Citation(c.span, c.text, keys, c.style))
    return tuple(out)
