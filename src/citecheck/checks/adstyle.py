"""The style rules of an author-date manuscript: how many names a citation prints, and the
order of the a/b suffixes of one author's works of one year.

A style is named by the configuration (``citation-style``) or ``--citation-style``:

- ``apa`` (APA 7, the default): one or two authors, every name (``Smith & Lee``); three or
  more, the first and "et al." from the first citation on;
- ``apa6`` (APA 6): as APA 7, but three to five authors are all named at a work's first
  citation, "et al." after it; a manuscript checked as ``apa`` that follows APA 6 (ten times
  fewer findings under it) is checked by APA 6's rule, with one info that says so;
- ``harvard`` (Cite Them Right) and ``chicago`` (Chicago 17 author-date): up to three
  authors, every name; four or more, the first and "et al.".

CIT009: "et al." (or a name left out) where the style wants every name — ``Smith et al.``
citing a two-author entry. CIT010: every name where the style wants "et al." — ``Smith,
Lee, & Wu`` for a three-author entry in APA 7 — unless another entry by the same first
author and year makes the short form ambiguous (APA then spells out names). CIT011: the
a/b suffixes of works by the same authors in the same year that are not in the order of
their titles (APA and Chicago letter them by title; Harvard variants differ, not checked).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from citecheck.checks.audit import DEFAULT_STYLE
from citecheck.citations.adlink import entry_year, first_family, fold, link_index, resolve_work
from citecheck.citations.authordate import CitedWork, find_authordate
from citecheck.model import Citation, Finding, Reference, Severity, Span
from citecheck.rules import finding


@dataclass(frozen=True)
class AuthorDateStyle:
    """A style's rule for names: every name below ``et_al_from`` authors, "et al." from it;
    ``suffix_by_title``: a/b suffixes follow the titles' alphabetical order."""

    name: str
    label: str
    et_al_from: int
    suffix_by_title: bool
    first_full_below: int = 0  # APA 6: every name of 3-5 authors at the first citation


def _rule(style: AuthorDateStyle) -> tuple[int, int]:
    return style.et_al_from, style.first_full_below


def _rule_text(style: AuthorDateStyle) -> str:
    if style.first_full_below:
        return (
            f"every name up to {style.et_al_from - 1} authors; of {style.et_al_from} to "
            f"{style.first_full_below - 1} only at the first citation, 'et al.' after it"
        )
    return f"every name up to {style.et_al_from - 1} authors"


STYLES = {
    "apa": AuthorDateStyle("apa", "APA 7", 3, True),
    "apa6": AuthorDateStyle("apa6", "APA 6", 3, True, 6),
    "harvard": AuthorDateStyle("harvard", "Harvard", 4, False),
    "chicago": AuthorDateStyle("chicago", "Chicago author-date", 4, True),
}


def style_named(name: str) -> AuthorDateStyle:
    """The style of that name (``apa``, ``harvard``, ``chicago``). Raises ``KeyError``."""
    return STYLES[name.lower()]


def _works(
    citations: Sequence[Citation], refs: Sequence[Reference]
) -> Iterator[tuple[Citation, CitedWork, Reference, tuple[str, ...]]]:
    """Each cited work with the entry it links to and the names that name it."""
    known = {r.key: r for r in refs}
    cited = [
        (c, find_authordate(c.text))
        for c in citations
        if c.style in ("author-date", "narrative", "bare")
    ]
    index = link_index(refs, [a for _, found in cited for a in found])
    for c, found in cited:
        for a in found:
            for w in a.works:
                key, names = resolve_work(w, index)
                if key in known:
                    shifted = Span(c.span.start + w.span.start, c.span.start + w.span.end)
                    yield c, CitedWork(names, w.et_al, w.year, shifted, w.alias), known[key], names


_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d[a-z]?\b|\b(?-i:n\.\s?d\.)|\bin press\b", re.I)
_NAME_SEPARATOR = re.compile(r"\s*,\s*(?:&\s*|and\s+)?|\s+(?:&|and)\s+|\s*;\s*")
_INITIALS = re.compile(r"^(?:[A-Z]\.?[\s-]*)+$")
MANY = 99


def printed_author_count(raw: str) -> int | None:
    """How many authors the entry prints before its year (or before the colon that ends
    them, in Copernicus journals), counted from the text: the parts between commas and
    "and" that are not initials (``Smith, J., & Lee, K.`` and ``Smith J, Lee K`` are two);
    ``et al.``: many."""
    year = _YEAR.search(raw[:3000])
    colon = raw.find(": ", 0, year.start() if year else 3000)
    if colon > 0 and not any(ch.isdigit() for ch in raw[:colon]):
        before = raw[:colon]  # "Smith, J. and Lee, K.: Title, J., 1, 2, 2019." (Copernicus)
    elif year is not None:
        before = raw[: year.start()].rstrip(" (.,")
    else:
        return None
    if re.search(r"\bet\.?\s+al\b|\.\.\.|…", before):
        return MANY
    parts = [p.strip(" .") for p in _NAME_SEPARATOR.split(before)]
    return sum(1 for p in parts if p and not _INITIALS.match(p)) or None


def _author_count(ref: Reference) -> int | None:
    """How many authors the entry has (``et al.`` in the list: many); ``None`` for a group
    author, an entry whose authors were not read, or one whose parsed authors and printed
    names disagree (the style rules then say nothing rather than guess)."""
    if not ref.authors or any(a.is_group for a in ref.authors):
        return None
    parsed = MANY if ref.et_al else len(ref.authors)
    return parsed if printed_author_count(ref.raw) == parsed else None


def check_name_counts(
    citations: Sequence[Citation], refs: Sequence[Reference], style: AuthorDateStyle
) -> list[Finding]:
    """CIT009 and CIT010 for each cited work whose names the style would print otherwise."""
    same_start: dict[tuple[str, str], int] = defaultdict(int)
    for r in refs:
        same_start[(fold(first_family(r) or ""), entry_year(r) or "")] += 1
    out = []
    seen: set[str] = set()
    for c, work, ref, names in _works(citations, refs):
        n = _author_count(ref)
        first = str(ref.key) not in seen
        seen.add(str(ref.key))
        if n is None or work.alias:
            continue
        text = " ".join(c.text.split())
        evidence = {"citation": text, "key": str(ref.key), "authors": str(n), "style": style.label}
        full_first = first and n < style.first_full_below  # APA 6: 3-5 authors, first citation
        if (n < style.et_al_from or full_first) and (work.et_al or len(names) < n):
            said = "et al." if work.et_al else f"{len(names)} name{'s' * (len(names) > 1)}"
            below = (style.first_full_below, " at its first citation") if full_first else None
            limit, when = below or (style.et_al_from, "")
            out.append(
                finding(
                    "CIT009",
                    f"citation '{text}' gives {said} for {ref.key!r}, which has {n} "
                    f"author{'s' * (n != 1)}: "
                    f"{style.label} names every author of a work with fewer than "
                    f"{limit}{when}",
                    work.span,
                    (ref.key,),
                    evidence,
                )
            )
        elif n >= style.et_al_from and not full_first and not work.et_al and len(names) >= 2:
            if same_start[(fold(first_family(ref) or ""), entry_year(ref) or "")] > 1:
                continue  # "Smith et al., 2019" would name two entries: names spelt out
            many = "many" if n == MANY else str(n)
            out.append(
                finding(
                    "CIT010",
                    f"citation '{text}' names {len(names)} authors of {ref.key!r} ({many} "
                    f"authors): {style.label} writes the first author and 'et al.' for "
                    f"{style.et_al_from} or more"
                    + (" after the first citation" if n < style.first_full_below else ""),
                    work.span,
                    (ref.key,),
                    evidence,
                )
            )
    return out


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def title_order_key(title: str) -> str:
    """A title as it is alphabetised: a leading article dropped, letters folded."""
    return " ".join(fold(w) for w in _ARTICLE.sub("", title.strip()).split())


def check_suffix_order(refs: Sequence[Reference], style: AuthorDateStyle) -> list[Finding]:
    """CIT011: works by the same authors in the same year lettered otherwise than by title,
    or listed otherwise than by letter."""
    if not style.suffix_by_title:
        return []
    groups: dict[tuple[str, ...], list[tuple[str, Reference]]] = defaultdict(list)
    for r in refs:
        year = entry_year(r) or ""
        if r.authors and len(year) == 5 and year[:4].isdigit() and r.title:
            same = (*[fold(a.family) for a in r.authors], year[:4])
            groups[same].append((year[4], r))
    place = {id(r): i for i, r in enumerate(refs)}
    out = []
    for lettered in groups.values():
        lettered.sort(key=lambda pair: pair[0])
        for (_, before), (_, after) in pairwise(lettered):
            assert before.title and after.title
            if place[id(after)] < place[id(before)]:
                out.append(
                    finding(
                        "CIT011",
                        f"entry {after.key!r} is listed before {before.key!r}: works of the "
                        "same authors and year stand in the order of their letters",
                        after.span,
                        (before.key, after.key),
                    )
                )
            elif title_order_key(after.title) < title_order_key(before.title):
                out.append(
                    finding(
                        "CIT011",
                        f"entries {before.key!r} ('{before.title}') and {after.key!r} "
                        f"('{after.title}'): {style.label} letters works of the same authors "
                        "and year in the order of their titles",
                        after.span,
                        (before.key, after.key),
                    )
                )
    return out


def check_style(
    citations: Sequence[Citation], refs: Sequence[Reference], style_name: str = DEFAULT_STYLE
) -> list[Finding]:
    """Every style rule of the named author-date style (the names rule summed up in one
    finding when the manuscript follows another style's, see :func:`other_style`)."""
    style = style_named(style_name)
    names = check_name_counts(citations, refs, style)
    if style.name == "apa" and names:  # the APA family: APA 6 accepted when followed
        apa6 = check_name_counts(citations, refs, STYLES["apa6"])
        others = [
            check_name_counts(citations, refs, s) for s in STYLES.values() if s.name[:3] != "apa"
        ]
        # better than the styles that name three authors too (works cited once tell no more)
        if 10 * len(apa6) <= len(names) and all(len(apa6) < len(o) for o in others):
            return [*apa6, _follows(names, STYLES["apa6"]), *check_suffix_order(refs, style)]
    if (other := other_style(citations, refs, style, names)) is not None:
        names = [_summary(names, style, other)]
    return [*names, *check_suffix_order(refs, style)]


def _follows(found: Sequence[Finding], style: AuthorDateStyle) -> Finding:
    """One info: the citations follow ``style`` (APA 6), checked by its rule."""
    first = found[0].evidence.get("citation", "")
    return finding(
        found[0].rule,
        f"citations name authors as {style.label} does ({_rule_text(style)}; first: "
        f"'{first}'): checked by {style.label}'s rule; for APA 7, 'et al.' from the first "
        "citation",
        found[0].span,
        tuple(dict.fromkeys(k for f in found for k in f.refs)),
        {"count": str(len(found)), "follows": style.label},
        severity=Severity.INFO,
    )


_SUMMED_FROM = 5  # findings of the names rule from which another style is looked for


def other_style(
    citations: Sequence[Citation],
    refs: Sequence[Reference],
    style: AuthorDateStyle,
    found: Sequence[Finding],
) -> AuthorDateStyle | None:
    """Another style whose names rule the citations follow: five or more findings under
    ``style``, ten times fewer under it (a PeerJ article, which names three authors as
    Harvard does, checked by APA 7's rule)."""
    if len(found) < _SUMMED_FROM:
        return None
    for other in STYLES.values():
        if style.name == "apa" and other.name == "apa6":
            continue  # weighed by check_style against the styles that name three too
        fewer = 10 * len(check_name_counts(citations, refs, other)) <= len(found)
        if _rule(other) != _rule(style) and fewer:
            return other
    return None


def _summary(found: Sequence[Finding], style: AuthorDateStyle, other: AuthorDateStyle) -> Finding:
    rules = [f.rule for f in found]
    rule = max(set(rules), key=rules.count)
    labels = [s.label for s in STYLES.values() if _rule(s) == _rule(other)]
    alike = " and ".join(labels) + (" do" if len(labels) > 1 else " does")
    first = found[0].evidence.get("citation", "")
    keys = tuple(dict.fromkeys(k for f in found for k in f.refs))
    return finding(
        rule,
        f"{len(found)} citations name authors as {alike} ({_rule_text(other)}), "
        f"not as {style.label} does (first: '{first}'); "
        f'if the manuscript follows {other.label}, set citation-style = "{other.name}"',
        found[0].span,
        keys,
        {"count": str(len(found)), "style": style.label, "follows": alike},
    )
