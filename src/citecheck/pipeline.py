"""The offline pipeline: text → reference section → references → citations → findings."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.bibliography.references import read_references
from citecheck.checks.audit import AuditOptions, audit, finding_sort_key
from citecheck.checks.fields import check_field_data
from citecheck.checks.keyed import audit_keyed, is_keyed
from citecheck.checks.references import check_section
from citecheck.checks.tagging import check_untagged
from citecheck.citations.find import find_citations
from citecheck.citations.system import (
    AUTHOR_DATE,
    KEYED,
    NUMBERED,
    UNKNOWN,
    citation_system,
    has_printed_numbers,
)
from citecheck.errors import NoReferenceSection
from citecheck.inputs import reader_for
from citecheck.model import Citation, Document, Finding, Reference, ReferenceSection, Span
from citecheck.rules import finding


@dataclass(frozen=True)
class Analysis:
    """Everything citecheck learnt about one manuscript without the network."""

    document: Document
    section: ReferenceSection
    references: tuple[Reference, ...]
    citations: tuple[Citation, ...]
    findings: tuple[Finding, ...]
    system: str = NUMBERED  # "numbered", "author-date", "keyed" or "unknown"

    @property
    def body_end(self) -> int:
        """Where the manuscript's body ends (the reference heading)."""
        return self.section.heading_span.start


def analyze(document: Document, options: AuditOptions | None = None) -> Analysis:
    """Run the offline pipeline on a document. Raises ``NoReferenceSection``.

    The stages read the structure ``document``'s reader found (headings, masked regions). A
    document no reader has read yet (built by hand, ``format`` empty) is read first by the
    reader for its path, as a file of that name would be. A structured format's references
    and citation marks (``document.references``, ``document.marks``) are taken as its
    reader found them; otherwise they are read from the text."""
    if not document.format:
        document = reader_for(document.path)(document)
    text = document.text
    if document.references is not None:
        references = document.references
        section = document.section or _section_at_end(text)
    else:
        try:
            section, references = read_references(text, document=document)
        except NoReferenceSection:
            listed = document.without_list() if document.without_list is not None else None
            if listed is None:
                raise
            return analyze(listed, options)  # the reader's list (a Word draft's fields)
    citations = _citations(document, section, references)
    system, references, citations = _system(document, section, references, citations)
    options = options or AuditOptions()
    if system == AUTHOR_DATE:
        from citecheck.checks.authordate import audit_authordate

        findings = audit_authordate(citations, references, options)
    elif system == UNKNOWN:
        findings = _not_understood(references)
    elif is_keyed(references):
        unread = _unread_bibliographies(document.problems)
        findings = audit_keyed(
            text, citations, references, options, nocite=document.nocite, unread=unread
        )
    else:
        findings = audit(text, citations, references, options, document.nocite, document.blocks)
    findings = (*findings, *document.problems)
    if document.marks_partial or document.format == "jats":
        findings = (*findings, *check_untagged(document.marks, citations, document.format))
    if document.format == "jats":
        from citecheck.checks.adtags import check_tag_names  # author-date stack: on first use

        findings = (*findings, *check_tag_names(document.marks, references, document.text))
    findings = (*findings, *check_field_data(document.marks, references))
    findings = tuple(sorted((*findings, *check_section(section)), key=finding_sort_key))
    return Analysis(document, section, references, citations, findings, system)


_BIBLIOGRAPHY_FILES = (".bib", ".json", ".yaml", ".yml")


def _unread_bibliographies(problems: Sequence[Finding]) -> tuple[str, ...]:
    """The bibliography files the manuscript names that could not be read (SRC001)."""
    files = (p.evidence.get("file", "") for p in problems if p.rule == "SRC001")
    return tuple(f for f in files if f.lower().endswith(_BIBLIOGRAPHY_FILES))


def _system(
    document: Document,
    section: ReferenceSection,
    references: tuple[Reference, ...],
    citations: tuple[Citation, ...],
) -> tuple[str, tuple[Reference, ...], tuple[Citation, ...]]:
    """The manuscript's citation system, with its references and citations as that system
    reads them (an author-date list keyed ``smith2019a``, its citations linked by name and
    year). A numbered or keyed list is left as it was read."""
    if is_keyed(references):
        return KEYED, references, citations
    if not references:
        return NUMBERED, references, citations
    cited = {k for c in citations for k in c.refs} & {r.key for r in references}
    if has_printed_numbers(references) and 2 * len(cited) >= len(references):
        return NUMBERED, references, citations  # its numbers are cited: no names searched
    # The author-date stack is imported here, where it is first needed (start-up).
    from citecheck.citations.adlink import authordate_keys, link_authordate
    from citecheck.citations.adsplit import authordate_entries
    from citecheck.citations.authordate import find_authordate

    skip = (Span(section.heading_span.start, section.body.end),)
    found = find_authordate(document.text, skip=skip, masked=document.masked)
    keyed = authordate_keys(authordate_entries(references))
    linked = link_authordate(found, keyed)
    known = {r.key for r in keyed}
    works = sum(len(c.refs) for c in linked)
    hits = sum(1 for c in linked for k in c.refs if k in known)
    system = citation_system(references, len(citations), works, hits)
    if system == AUTHOR_DATE:
        return system, keyed, linked
    return system, references, citations


def _not_understood(references: tuple[Reference, ...]) -> tuple[Finding, ...]:
    """CIT008: neither numbered nor author-date citations link to this list."""
    return (
        finding(
            "CIT008",
            f"citation system not understood: neither numbered nor author-date citations "
            f"link to the {len(references)} references, so no citation was checked",
        ),
    )


def _citations(
    document: Document, section: ReferenceSection, references: tuple[Reference, ...]
) -> tuple[Citation, ...]:
    """The reader's tagged marks and, unless they are all there is, the citations the text
    finder sees outside them and the reference section, in document order."""
    tagged = tuple(Citation(m.span, m.text, m.keys, m.style) for m in document.marks or ())
    if document.marks is not None and not document.marks_partial:
        if document.format != "jats":
            return tagged
        from citecheck.citations.untagged import untagged_authordate

        untagged = untagged_authordate(document, section, references, tagged)
        return tuple(sorted((*tagged, *untagged), key=lambda c: (c.span.start, c.span.end)))
    skip = (Span(section.heading_span.start, section.body.end), *(c.span for c in tagged))
    numbers = [r.number for r in references if r.number is not None]
    family = _family(tagged)
    found = find_citations(document.text, numbers, skip=skip, masked=document.masked, family=family)
    if not tagged:
        return found
    if family is not None:  # the tags say how this document prints a citation: no other way
        found = tuple(c for c in found if _FAMILY_OF.get(c.style, c.style) == family)
    tagged = tuple(sorted(tagged, key=lambda c: (c.span.start, c.span.end)))
    starts = [c.span.start for c in tagged]
    found = tuple(c for c in found if not _overlaps(c.span, tagged, starts))
    return tuple(sorted((*tagged, *found), key=lambda c: (c.span.start, c.span.end)))


def _overlaps(span: Span, tagged: tuple[Citation, ...], starts: list[int]) -> bool:
    """Whether ``span`` overlaps a tagged citation (``[ref. 1]`` around a tagged ``1``: the
    same citation, already there). ``tagged`` in order, ``starts`` their starts."""
    i = bisect_left(starts, span.end)
    return any(c.span.end > span.start for c in tagged[max(0, i - 2) : i])


_FAMILY_OF = {"unicode-super": "super"}


def _family(tagged: tuple[Citation, ...]) -> str | None:
    """The citation style most tagged citations are printed in (``square``, ``paren``,
    ``super``), which untagged ones share; ``None`` when none is."""
    styles = Counter(c.style for c in tagged if c.style in ("square", "paren", "super"))
    return styles.most_common(1)[0][0] if styles else None


def _section_at_end(text: str) -> ReferenceSection:
    """Where a bibliography kept outside the text (a .bib file, a citation manager's
    store) is taken to stand: after the body."""
    end = Span(len(text), len(text))
    return ReferenceSection("References", end, end)
