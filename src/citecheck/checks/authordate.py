"""The audit of an author-date manuscript (APA, Harvard, Chicago author-date): citations name
entries by first author and year, keyed as :mod:`citecheck.citations.adlink` keys them.

What applies: a cited work with no entry (CIT001, the closest key suggested), a year or
suffix that no entry by that author has (CIT006, the entries by that author named), an
entry never cited (CIT002), entries by the same authors in the same year without a/b
suffixes (CIT007), the style's rules for names and suffixes (CIT009–CIT011,
:mod:`citecheck.checks.adstyle`), a list out of alphabetical order (REF008), and the list
checks that do not depend on numbering (REF001, REF003–REF005). Numbering checks (CIT003,
CIT004, REF002) do not apply.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from citecheck.checks.adstyle import check_style
from citecheck.checks.audit import AuditOptions, finding_sort_key, short_description
from citecheck.checks.keyed import check_required_fields, closest_key
from citecheck.checks.references import check_duplicates, check_identifiers, check_unparsed
from citecheck.citations.adlink import (
    KEY_SHAPE,
    entry_year,
    first_family,
    fold,
    loose,
    without_particles,
)
from citecheck.model import Citation, Finding, Reference, RefKey
from citecheck.rules import finding


def _family_of_key(key: str) -> str:
    m = KEY_SHAPE.match(key)
    return m.group(1) if m else key


def check_missing_entries(
    citations: Sequence[Citation], refs: Sequence[Reference]
) -> list[Finding]:
    """CIT001 (no entry by that author) or CIT006 (entries by that author, none of that
    year and suffix) for each cited work that links to no entry."""
    known = {str(r.key): r for r in refs}
    by_family: dict[str, list[Reference]] = defaultdict(list)
    for r in refs:
        family = first_family(r)
        if family:
            by_family[loose(family)].append(r)
            by_family[loose(without_particles(family))].append(r)
    out = []
    for c in citations:
        for key in dict.fromkeys(str(k) for k in c.refs if str(k) not in known):
            same_author = list(dict.fromkeys(by_family.get(loose(_family_of_key(key)), [])))
            text = " ".join(c.text.split())
            if same_author:
                names = ", ".join(f"{r.key!r} ({entry_year(r) or 'no year'})" for r in same_author)
                near = closest_key(key, list(known))
                own = {str(r.key) for r in same_author}
                other = near if near and near not in own else None  # a name misspelt
                hint = f"; or is it {other!r}?" if other else ""
                out.append(
                    finding(
                        "CIT006",
                        f"citation '{text}' cites {key!r}, but the entries by that author are "
                        f"dated otherwise: {names}{hint}",
                        c.span,
                        (key,),
                        {
                            "citation": text,
                            "key": key,
                            "suggestion": other or str(same_author[0].key),
                        },
                    )
                )
                continue
            near = closest_key(key, list(known))
            hint = f" (closest: {near!r})" if near else ""
            evidence = {"citation": text, "key": key, **({"suggestion": near} if near else {})}
            out.append(
                finding(
                    "CIT001",
                    f"citation '{text}' cites {key!r}, which no reference list entry is{hint}",
                    c.span,
                    (key,),
                    evidence,
                )
            )
    return out


def check_uncited(citations: Sequence[Citation], refs: Sequence[Reference]) -> list[Finding]:
    """CIT002: an entry of the list no citation names."""
    cited: set[RefKey] = {k for c in citations for k in c.refs}
    return [
        finding(
            "CIT002",
            f"entry {r.key!r} is never cited in the text: {short_description(r)}",
            r.span,
            (r.key,),
        )
        for r in refs
        if r.key not in cited
    ]


_NOT_LETTER = re.compile(r"[\W\d_]+")


def _sort_keys(family: str) -> tuple[str, ...]:
    """The ways a list may sort a name: letters folded to ASCII or kept (``Köllner``
    after ``Kos``), words apart (``De Moraes`` before ``Degenhardt``) or run together,
    particles counted or not (``van der Berg`` under V or under B)."""
    out = []
    for name in (family, without_particles(family)):
        lowered = name.lower()
        out += [_NOT_LETTER.sub(" ", lowered).strip(), loose(name), fold(name)]
    return tuple(out)


def check_alphabetical(refs: Sequence[Reference]) -> list[Finding]:
    """REF008: an entry whose first author sorts before the previous entry's (with or
    without the particles: ``van der Berg`` may stand under V or under B)."""
    out = []
    prev: Reference | None = None
    for r in refs:
        family = first_family(r)
        if not family or family[:1].isdigit():  # "1000 Genomes": sorted as a number or a word
            continue
        if prev is not None:
            before = first_family(prev) or ""
            if all(a < b for a, b in zip(_sort_keys(family), _sort_keys(before), strict=True)):
                out.append(
                    finding(
                        "REF008",
                        f"entry {r.key!r} ({family}) comes after {prev.key!r} ({before}): "
                        "the list is not in alphabetical order",
                        r.span,
                        (r.key, prev.key),
                    )
                )
        prev = r
    return out


def check_suffixes(refs: Sequence[Reference]) -> list[Finding]:
    """CIT007: two entries by the same authors in the same year, not told apart by a/b."""
    groups: dict[tuple[str, ...], list[Reference]] = defaultdict(list)
    for r in refs:
        if r.authors and r.year:
            names = (*[fold(a.family) for a in r.authors], r.year)
            groups[names].append(r)
    out = []
    for same in groups.values():
        years = [entry_year(r) or "" for r in same]
        if len(same) > 1 and len(set(years)) < len(years):
            keys = tuple(r.key for r in same)
            out.append(
                finding(
                    "CIT007",
                    f"entries {', '.join(repr(k) for k in keys)} have the same authors and "
                    f"year ({same[0].year}) but no a/b suffixes to tell their citations apart",
                    same[1].span,
                    keys,
                )
            )
    return out


def audit_authordate(
    citations: Sequence[Citation], refs: Sequence[Reference], options: AuditOptions | None = None
) -> tuple[Finding, ...]:
    """Every check that applies to an author-date manuscript, in a stable order."""
    options = options or AuditOptions()
    findings = [
        *check_missing_entries(citations, refs),
        *check_uncited(citations, refs),
        *check_suffixes(refs),
        *check_style(citations, refs, options.citation_style),
        *check_alphabetical(refs),
        *check_unparsed(refs),
        *check_duplicates(refs, options.duplicate_title_threshold),
        *check_required_fields(refs),
        *check_identifiers(refs),
    ]
    return tuple(sorted(findings, key=finding_sort_key))
