"""The audit of a keyed manuscript (LaTeX with a .bib, pandoc with a bibliography file): its
citations name entries by key, and the numbers, if any, are made by LaTeX or pandoc.

What applies: an undefined key (CIT001, with the closest existing key suggested), an entry
never cited (CIT002, info: a shared .bib holds more than one paper cites; ``severity`` in the
configuration makes it a warning), a narrative author that is not the entry's (CIT005), and
the list checks that do not depend on numbering (REF001, REF003–REF005; REF003–REF005 only
on the entries the paper prints: cited or ``\\nocite``d). First-citation
order (CIT003), ranges (CIT004) and gaps (REF002) are about hand-numbered lists and do not
apply.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz, process

from citecheck.checks.audit import (
    AuditOptions,
    check_narrative_authors,
    check_order,
    finding_sort_key,
    short_description,
)
from citecheck.checks.references import check_duplicates, check_identifiers, check_unparsed
from citecheck.locations import Locator
from citecheck.model import (
    IDENTIFIER_ONLY,
    Citation,
    Document,
    Finding,
    Reference,
    RefKey,
    RefType,
    Severity,
)
from citecheck.rules import finding

SUGGESTION_CUTOFF = 70.0  # how alike (0–100) an existing key must be to be suggested


def is_keyed(references: Sequence[Reference]) -> bool:
    """Whether the references are known by cite keys rather than numbers."""
    return any(r.citekey is not None for r in references)


def closest_key(key: str, known: Sequence[str]) -> str | None:
    """The existing key most like ``key`` (a typo, a year off, another case), if any is
    alike enough to suggest."""
    lowered = {k.lower(): k for k in known}
    if key.lower() in lowered:
        return lowered[key.lower()]
    best = process.extractOne(key, list(known), scorer=fuzz.ratio, score_cutoff=SUGGESTION_CUTOFF)
    return best[0] if best else None


def check_undefined_keys(
    citations: Sequence[Citation], refs: Sequence[Reference], unread: Sequence[str] = ()
) -> list[Finding]:
    """CIT001: a citation names a key that no bibliography entry has; a warning, not an
    error, when bibliography files the manuscript names could not be read (``unread``: the
    key may be in one of them, as on the author's machine)."""
    maybe = ""
    if unread:
        more = f" (or {len(unread) - 1} other files)" if len(unread) > 1 else ""
        maybe = f"; it may be in {unread[0]}{more}, which could not be read"
    known = [str(r.key) for r in refs]
    known_set = set(known)
    out = []
    for c in citations:
        missing = list(dict.fromkeys(str(k) for k in c.refs if str(k) not in known_set))
        for key in missing:
            near = closest_key(key, known)
            hint = f" (did you mean {near!r}?)" if near else ""
            evidence = {"citation": c.text, "key": key}
            if near:
                evidence["suggestion"] = near
            out.append(
                finding(
                    "CIT001",
                    f"citation '{_one_line(c.text)}' cites key {key!r}, which no bibliography "
                    f"entry has{hint}{maybe}",
                    c.span,
                    (key,),
                    evidence,
                    severity=Severity.WARNING if unread else None,
                )
            )
    return out


def _one_line(text: str) -> str:
    """A citation as written (a LaTeX command keeps its backslashes), on one line."""
    return " ".join(text.split())


def check_uncited_entries(
    citations: Sequence[Citation], refs: Sequence[Reference], nocite: Sequence[str] = ()
) -> list[Finding]:
    """CIT002 (info): an entry no citation names and no ``\\nocite`` lists."""
    if "*" in nocite:
        return []
    cited: set[RefKey] = {k for c in citations for k in c.refs} | set(nocite)
    return [
        finding(
            "CIT002",
            f"entry {r.key!r} is never cited: {short_description(r)}",
            r.span,
            (r.key,),
            severity=Severity.INFO,
        )
        for r in refs
        if r.key not in cited
    ]


def printed_entries(
    citations: Sequence[Citation], refs: Sequence[Reference], nocite: Sequence[str] = ()
) -> list[Reference]:
    """The entries the paper prints: a typed list (``thebibliography``) whole; from a
    bibliography file (.bib, CSL) only the cited and ``\\nocite``d ones (every one with
    ``\\nocite{*}`` or pandoc's ``nocite: '@*'``), as BibTeX and citeproc print them. A
    shared lab .bib's uncited entries never reach the paper: their fields are not audited."""
    if "*" in nocite or all(r.number is not None for r in refs):
        return list(refs)
    cited: set[RefKey] = {k for c in citations for k in c.refs} | set(nocite)
    return [r for r in refs if r.key in cited]


_REQUIRED = {  # what BibTeX's standard styles need of an entry of each type, past a title
    RefType.ARTICLE: (("authors", "author"), ("container", "journal")),
    RefType.BOOK: (("authors", "author or editor"), ("publisher", "publisher")),
    RefType.CHAPTER: (("authors", "author"), ("container", "book title")),
    RefType.THESIS: (("authors", "author"), ("publisher", "school")),
}
_NOT_YET = re.compile(r"\b(in press|forthcoming|submitted|to appear)\b", re.IGNORECASE)


def check_required_fields(refs: Sequence[Reference]) -> list[Finding]:
    """REF004: an entry without what its type requires — a title and a year for every entry
    (unless it is in press), an author and the journal of an article, the publisher of a
    book, the book of a chapter, the school of a thesis."""
    out = []
    for r in refs:
        if not r.parsed:
            continue
        missing = [] if r.title or r.container else ["title"]
        if not r.year and not _NOT_YET.search(r.raw):
            missing.append("year")
        missing += [name for field, name in _REQUIRED.get(r.type, ()) if not getattr(r, field)]
        if missing:
            out.append(
                finding(
                    "REF004",
                    f"entry {r.key!r} ({r.type.value}) has no {', '.join(missing)}",
                    r.span,
                    (r.key,),
                    {"missing": ",".join(missing)},
                )
            )
    return out


# a tagged citation printed with names and a year, not a LaTeX command: "(Smith et al. 2019)"
_PRINTED_AUTHOR_YEAR = re.compile(r"[^\\\d]{0,80}?[A-Za-zÀ-ÿ]{2}[^\\\d]{0,80}?(?:1[6-9]|20)\d\d")


def check_typed_order(citations: Sequence[Citation], refs: Sequence[Reference]) -> list[Finding]:
    """CIT003 for a typed, ordered list cited by key (LaTeX's ``thebibliography``): its
    entries print numbered in the order they are typed, so a list meant to follow
    first-citation order is audited as a numbered list is. Not for a .bib (LaTeX or pandoc
    order those)."""
    if not refs or any(r.number is None for r in refs):
        return []
    if 2 * sum(1 for c in citations if _PRINTED_AUTHOR_YEAR.match(c.text)) > len(citations):
        return []  # the list is cited by name and year (JATS tags "(Smith et al. 2019)")
    number = {r.key: r.number for r in refs if r.number is not None}
    key_of = {n: k for k, n in number.items()}
    numbered = [replace(c, refs=tuple(number[k] for k in c.refs if k in number)) for c in citations]
    numbered_refs = [replace(r, citekey=None) for r in refs]
    return [
        replace(f, refs=tuple(key_of.get(n, n) for n in f.refs if isinstance(n, int)))
        for f in check_order(numbered, numbered_refs)
    ]


def audit_keyed(
    text: str,
    citations: Sequence[Citation],
    refs: Sequence[Reference],
    options: AuditOptions | None = None,
    *,
    nocite: Sequence[str] = (),
    unread: Sequence[str] = (),
) -> tuple[Finding, ...]:
    """Every check that applies to a keyed manuscript, in a stable order (``unread``: the
    bibliography files it names that could not be read)."""
    options = options or AuditOptions()
    listed = [r for r in refs if IDENTIFIER_ONLY not in r.notes]
    printed = printed_entries(citations, refs, nocite)
    findings = [
        *check_undefined_keys(citations, refs, unread),
        *check_typed_order(citations, refs),
        *check_uncited_entries(citations, listed, nocite),
        *check_narrative_authors(text, citations, refs),
        *check_unparsed(listed),
        *check_duplicates(printed, options.duplicate_title_threshold),
        *check_required_fields([r for r in printed if IDENTIFIER_ONLY not in r.notes]),
        *check_identifiers(printed),
    ]
    return tuple(sorted(findings, key=finding_sort_key))


def with_first_citation(
    findings: Sequence[Finding], citations: Sequence[Citation], document: Document
) -> list[Finding]:
    """Findings about entries (the online verdicts, at the entry in its .bib) that also say
    where the entry is first cited: ``(first cited at chapter2.tex:14:9)``."""
    first: dict[RefKey, Citation] = {}
    for c in citations:
        for key in c.refs:
            first.setdefault(key, c)
    locator = Locator(document)
    out = []
    for f in findings:
        cited = next((first[k] for k in f.refs if k in first), None)
        if cited is None:
            out.append(f)
            continue
        place = locator.locate(cited.span.start)
        where = f"{place.path}:{place.line}:{place.column}"
        evidence = {**f.evidence, "first_citation": cited.text, "first_cited_at": where}
        out.append(replace(f, message=f"{f.message} (first cited at {where})", evidence=evidence))
    return out
