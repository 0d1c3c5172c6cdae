"""The typed reference list against a citation manager's field data (pure): FLD001.

A Word manuscript written with Zotero, Mendeley or EndNote carries, in each citation field,
the works it cites (:attr:`CitationMark.works <citecheck.model.CitationMark.works>`), and
the field's result prints their numbers. The list the reader sees is typed (or refreshed
by the manager); when it was edited by hand or not refreshed after the citations changed,
it no longer says what the fields cite — a common real error.

1. :func:`assign_numbers` decides which printed number is which work: a work cited by several
   fields can only have a number every one of them prints; a number one work is forced to
   take is no other's; what stays open is settled by the typed entry that agrees best with
   the work, then by order. Pure, over ids and numbers.
2. :func:`link_works` joins each work to the typed entry of its number and lists the fields
   that disagree (first author, year, title).
3. :func:`check_field_data` reports FLD001: an entry that disagrees with the work its number
   cites, a work cited with no entry of its number, a work no printed number is left for.
4. :func:`with_field_identifiers`: the entries the fields confirm, with the DOI and PMID the
   fields know and the typed entry lacks (for the online checks).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace

from citecheck.model import Author, CitationMark, CitedWork, Finding, Reference, Severity, Span
from citecheck.rules import finding

# The field comparisons (citecheck.verify.fields, citecheck.registry.normalize) are imported
# where they are used: they bring the registry stack, which only a citation manager's
# manuscript needs offline.

Group = tuple[Sequence[int], Sequence[Hashable]]  # (numbers printed, works cited) of a field


@dataclass(frozen=True)
class FieldLink:
    """One work the fields cite, the number it was given (``None``: none is left for it),
    the typed entry of that number, and the fields in which they disagree as
    ``(field, typed, manager's)``."""

    work: CitedWork
    number: int | None
    first: Span  # the first citation of it
    entry: Reference | None = None
    differs: tuple[tuple[str, str, str], ...] = ()

    @property
    def agrees(self) -> bool:
        return self.entry is not None and not self.differs


def assign_numbers(
    groups: Sequence[Group], agreement: Callable[[Hashable, int], float] = lambda w, n: 0.0
) -> dict[Hashable, int | None]:
    """Work → printed number (see the module doc); ``agreement(work, number)`` scores how
    well the typed entry of ``number`` matches ``work`` (higher is better)."""
    candidates: dict[Hashable, set[int]] = {}
    for numbers, works in groups:
        for work in works:
            if work in candidates:
                candidates[work] &= set(numbers)
            else:
                candidates[work] = set(numbers)
    assigned: dict[Hashable, int | None] = {}
    taken: set[int] = set()
    pending = list(candidates)  # in order of first citation
    while pending:
        forced = False
        for work in pending:
            left = candidates[work] - taken
            if len(left) <= 1:
                number = next(iter(left), None)
                assigned[work] = number
                if number is not None:
                    taken.add(number)
                forced = True
        pending = [w for w in pending if w not in assigned]
        if not forced and pending:
            work = pending.pop(0)
            left = candidates[work] - taken
            number = max(left, key=lambda n: (agreement(work, n), -n))
            assigned[work] = number
            taken.add(number)
    return assigned


def link_works(
    marks: Sequence[CitationMark], references: Sequence[Reference]
) -> tuple[FieldLink, ...]:
    """Every work the citation marks carry, with its number and typed entry."""
    entries = {r.number: r for r in references if r.number is not None}
    works: dict[str, CitedWork] = {}
    first: dict[str, Span] = {}
    groups: list[Group] = []
    for mark in marks:
        printed = [k for k in mark.keys if isinstance(k, int)]
        if not mark.works or not printed:
            continue
        for work in mark.works:
            works.setdefault(work.id, work)
            first.setdefault(work.id, mark.span)
        groups.append((printed, [w.id for w in mark.works]))

    def agreement(work_id: Hashable, number: int) -> float:
        entry = entries.get(number)
        return -9.0 if entry is None else -len(differences(entry, works[str(work_id)]))

    numbers = assign_numbers(groups, agreement)
    links = []
    for work_id, work in works.items():
        number = numbers.get(work_id)
        entry = entries.get(number) if number is not None else None
        diffs = differences(entry, work) if entry is not None else ()
        links.append(FieldLink(work, number, first[work_id], entry, diffs))
    return tuple(links)


def differences(entry: Reference, work: CitedWork) -> tuple[tuple[str, str, str], ...]:
    """Where a typed entry and a manager's work disagree: first author, year, title (fields
    either side does not give are not compared)."""
    from citecheck.registry.normalize import year_of

    out = []
    if entry.authors and work.authors and not _same_author(entry.authors[0], work.authors[0]):
        out.append(("first author", str(entry.authors[0]), str(work.authors[0])))
    typed, held = year_of(entry.year), year_of(work.year)
    if typed is not None and held is not None and typed != held:
        out.append(("year", str(typed), str(held)))
    if entry.title and work.title and not _same_title(entry, work.title):
        out.append(("title", entry.title, work.title))
    return tuple(out)


def _same_author(typed: Author, held: Author) -> bool:
    if typed.family.casefold() == held.family.casefold():  # most often: no folding needed
        return True
    from citecheck.verify.fields import authors_agree

    return authors_agree(typed, held)


def _same_title(entry: Reference, title: str) -> bool:
    """The work's title is the entry's (modulo style), or stands whole in the typed entry
    (a title the entry parser cut or ran into the next field)."""
    from citecheck.registry.normalize import words
    from citecheck.verify.fields import TITLE_SAME, title_similarity

    plain = " ".join(title.casefold().split()).rstrip(".")
    if plain and plain in " ".join(entry.raw.casefold().split()):
        return True
    if title_similarity(entry.title or "", title) >= TITLE_SAME:
        return True
    held = words(title)
    return bool(held) and f" {held} " in f" {words(entry.raw)} "


def check_field_data(
    marks: Sequence[CitationMark] | None, references: Sequence[Reference]
) -> list[Finding]:
    """FLD001 for each work the fields cite that the typed list does not print as cited."""
    if not marks:
        return []
    return [f for link in link_works(marks, references) if (f := _finding(link)) is not None]


def with_field_identifiers(
    references: Sequence[Reference], marks: Sequence[CitationMark] | None
) -> tuple[Reference, ...]:
    """The references, each the fields confirm given the DOI and PMID its work has and the
    typed entry lacks."""
    if not marks:
        return tuple(references)
    known = {link.number: link.work for link in link_works(marks, references) if link.agrees}
    out = []
    for ref in references:
        work = known.get(ref.number) if ref.number is not None else None
        if work is not None and ((work.doi and not ref.doi) or (work.pmid and not ref.pmid)):
            ref = replace(ref, doi=ref.doi or work.doi, pmid=ref.pmid or work.pmid)
        out.append(ref)
    return tuple(out)


def _finding(link: FieldLink) -> Finding | None:
    work, manager = link.work, _manager(link.work)
    if link.number is None:
        return finding(
            "FLD001",
            f"{manager} cites {_describe(work)}, but no number the citations print is left "
            "for it: the printed citations were edited by hand",
            link.first,
            evidence=_evidence(work),
        )
    if link.entry is None:
        return finding(
            "FLD001",
            f"{manager} cites {_describe(work)} as reference {link.number}, but the list has "
            f"no entry {link.number}: the bibliography was not refreshed",
            link.first,
            (link.number,),
            _evidence(work),
        )
    if not link.differs:
        return None
    said = "; ".join(
        f'{what} "{typed}" typed, "{held}" in {manager}' for what, typed, held in link.differs
    )
    other = _another_work(link.differs)
    what = "is another work than" if other else "disagrees with"
    return finding(
        "FLD001",
        f"reference {link.number} {what} the item its citations cite in {manager} ({said}): "
        "the list was edited by hand or not refreshed",
        link.entry.span,
        (link.number,),
        {**_evidence(work), **{f"typed {w}": t for w, t, _ in link.differs}},
        severity=None if other else Severity.WARNING,
    )


def _another_work(differs: tuple[tuple[str, str, str], ...]) -> bool:
    """The entry is another work: its title differs outright, or title and first author
    (or first author and year) both differ."""
    from citecheck.verify.fields import TITLE_DIFFERENT, title_similarity

    fields = {what for what, _, _ in differs}
    titles = [(t, h) for what, t, h in differs if what == "title"]
    if titles and title_similarity(*titles[0]) < TITLE_DIFFERENT:
        return True
    return len(fields) >= 2


def _describe(work: CitedWork) -> str:
    author = work.authors[0].family if work.authors else ""
    year = work.year or ""
    title = work.title or work.note or "an untitled item"
    who = " ".join(p for p in (author, f"({year})" if year else "") if p)
    return f'{who} "{title[:80]}"'.strip()


def _manager(work: CitedWork) -> str:
    return {"zotero": "Zotero", "mendeley": "Mendeley", "endnote": "EndNote"}.get(
        work.manager, "the citation manager"
    )


def _evidence(work: CitedWork) -> dict[str, str]:
    fields = {
        "manager": work.manager,
        "item": work.id,
        "title": work.title or "",
        "first author": str(work.authors[0]) if work.authors else "",
        "year": work.year or "",
        "doi": work.doi or "",
    }
    return {k: v for k, v in fields.items() if v}
