"""Reference lists that print authors given name first (ACL, NAACL, NeurIPS, ICML, JMLR):
``Iz Beltagy, Kyle Lo, and Arman Cohan. 2019. SciBERT: …``. Read as a family-first list,
every entry is keyed by its first author's given name (``izbeltagy2019``) and no citation
``(Beltagy et al., 2019)`` links.

Whether names are given first is decided for the whole list, never for one entry: ``Hal
Daumé`` alone could be either way round, a list where most entries are ``Given Family,
Given Family, and Given Family`` is read given first throughout. Each name's family is its
last word with the particles before it (``Ludwig van Beethoven``: ``van Beethoven``) less a
suffix (``Hal Daumé III``: ``Daumé``). A group author (``World Health Organization``) keeps
its whole name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from citecheck.citations.adnames import PARTICLES
from citecheck.model import Author, Reference

# the year right after the names ("Cohan. 2019.", "Cohan. 2019a."), or, in a list that
# prints it at the end (plainnat), the first full stop after a word that is no initial
_YEAR_AFTER = re.compile(r"\.\s+(?:(?:1[6-9]|20)\d\d[a-z]?|n\.\s?d\.)[.,]")
_NAMES_END = re.compile(r"(?<=[^\s.][^\s.])\.\s")
_ITEMS = re.compile(r"\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*,\s*")
_SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "jnr"))
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")
_GROUP_WORDS = (
    "organization organisation team consortium collaboration committee group network "
    "association society institute council agency foundation project university office "
    "department commission board centre center initiative alliance working program programme"
)
_GROUP = frozenset(_GROUP_WORDS.split(" "))
_ET_AL = re.compile(r",?\s*(?:and\s+)?et\s+al\.?$")


def given_first_entries(refs: Sequence[Reference]) -> tuple[Reference, ...]:
    """``refs`` with, in a list printed given name first, each such entry's authors read
    given first (and its title read after the names); ``refs`` unchanged otherwise."""
    heads = [_head(r.raw) for r in refs]
    shaped = [h is not None and _full_given(h[0]) and _person_first(h[0]) for h in heads]
    readable = sum(h is not None for h in heads)
    if sum(shaped) < 2 or 2 * sum(shaped) <= readable:
        return tuple(refs)
    out = []
    for r, head in zip(refs, heads, strict=True):
        authors = _given_first(head[0]) if head is not None else None
        if head is None or authors is None:
            out.append(r)
            continue
        names, et_al = authors
        out.append(replace(r, authors=names, et_al=et_al or r.et_al, title=head[1] or r.title))
    return tuple(out)


def _head(raw: str) -> tuple[str, str | None] | None:
    """The names an entry opens with and the title after them (``None`` if not read)."""
    year = _YEAR_AFTER.search(raw[:600])
    if year is not None and not any(ch.isdigit() for ch in raw[: year.start()]):
        return raw[: year.start()], _sentence(raw[year.end() :])
    end = _NAMES_END.search(raw[:600])
    if end is None or any(ch.isdigit() for ch in raw[: end.start()]):
        return None
    if raw[end.end() : end.end() + 1] == "(":
        return None  # "World Health Organization. (2020).": APA's head, not given first
    return raw[: end.start()], _sentence(raw[end.end() :])


def _person_first(head: str) -> bool:
    """The names read given first, the first of them a person's (not a group's)."""
    read = _given_first(head)
    return read is not None and not read[0][0].is_group


def _full_given(head: str) -> bool:
    """The first name opens with a given name written out (``Iz Beltagy``), not initials
    (``M. A. Alvarez``: the reference parser reads those lists, family names of several
    words too, ``S. Cheng-Xian Li``)."""
    first = head.split(maxsplit=1)[0] if head.strip() else ""
    return len(first.rstrip(".,")) > 1 and any(ch.islower() for ch in first)


def _sentence(rest: str) -> str | None:
    rest = rest.strip()
    end = _NAMES_END.search(rest)
    title = (rest[: end.start()] if end else rest.rstrip(".")).strip()
    return title if len(title) >= 3 else None


def _given_first(head: str) -> tuple[tuple[Author, ...], bool] | None:
    """The authors of ``Iz Beltagy, Kyle Lo, and Arman Cohan``; ``None`` unless every name
    reads given first (two words or more, the last no initial: ``Smith, J.`` and ``Smith
    J`` are family first) or the one name is a group's."""
    et_al = _ET_AL.search(head)
    body = head[: et_al.start()] if et_al else head
    items = [i.strip() for i in _ITEMS.split(body.strip()) if i.strip()]
    if not items:
        return None
    if len(items) == 1 and _is_group(items[0]):
        return (Author(items[0], "", is_group=True),), et_al is not None
    authors = []
    for item in items:
        author = _person(item)
        if author is None:
            return None
        authors.append(author)
    return tuple(authors), et_al is not None


def _is_group(item: str) -> bool:
    words = item.lower().split()
    return any(w.strip(".,") in _GROUP for w in words)


def _person(item: str) -> Author | None:
    words = item.split()
    while len(words) > 2 and words[-1].lower().rstrip(",") in _SUFFIXES:
        words = words[:-1]
    if not 2 <= len(words) <= 5 or _is_group(item):
        return None
    last = words[-1]
    if not last[:1].isupper() or _INITIALS.match(last) or not any(c.islower() for c in last):
        return None
    if not words[0][:1].isupper() or not all(w[:1].isalpha() for w in words):
        return None  # a lower-case given name inside is fine: "Xiang qian Qi"
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in PARTICLES:
        cut -= 1  # "Ludwig van Beethoven", "Christophe Van Gysel"
    given = words[:cut]
    initials = "".join(p[0] for w in given for p in w.split("-") if p[:1].isalpha())
    return Author(" ".join(words[cut:]), initials.upper())
