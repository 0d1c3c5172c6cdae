"""A printed citation left untagged in a document whose format tags its citations.

A reader that tags citations but may leave some untagged (publisher XML, a Word document
with citation-manager fields) sets ``Document.marks_partial``; the text finder then finds the
printed ones outside the tags. In a JATS article each of those is reported (JATS003): it links
to nothing in the online article and is missed by anything that reads the tags (PubMed
Central's cited-by links, text mining). Word documents are not reported here (a typed
citation beside Zotero fields is common and harmless until the list is renumbered).
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.model import Citation, CitationMark, Finding
from citecheck.rules import finding

_RULES = {"jats": ("JATS003", 'an <xref ref-type="bibr">')}  # format → rule, what a tag is


def check_untagged(
    marks: Sequence[CitationMark] | None, citations: Sequence[Citation], format_name: str
) -> list[Finding]:
    """A finding for each citation that is not one of the reader's ``marks``, in the formats
    that report them (only when the reader tagged some: a document with no tag at all is
    read as text, and says nothing here)."""
    if not marks or format_name not in _RULES:
        return []
    rule, tag = _RULES[format_name]
    tagged = {m.span for m in marks}
    return [
        finding(
            rule,
            f"citation {c.text!r} is printed but not tagged as {tag}, unlike the "
            f"document's {len(tagged)} tagged citations",
            c.span,
            c.refs,
            {"citation": c.text},
        )
        for c in citations
        if c.span not in tagged
    ]
