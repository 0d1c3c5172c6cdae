"""From document text to the parsed reference list: section → entries → references."""

from __future__ import annotations

import re
from dataclasses import replace

from citecheck.bibliography.entries import number_entries, split_entries
from citecheck.bibliography.parse import parse_reference
from citecheck.bibliography.sections import continued_lists, find_reference_section
from citecheck.errors import NoReferenceSection
from citecheck.model import Document, Reference, ReferenceSection

_PAGE_NUMBER_LINE = re.compile(r"(?<=\n)[ \t\f]*\d{1,4}[ \t\f]*(?=\n)")


def _blank_page_numbers(raw: str) -> str:
    """A lone page number inside a wrapped entry (a page break of the PDF it came from)
    becomes spaces, so offsets into the document still hold."""
    if "\n" not in raw:  # a one-line entry: no line of its own
        return raw
    return _PAGE_NUMBER_LINE.sub(lambda m: " " * len(m.group(0)), raw)


def read_references(
    text: str, *, document: Document | None = None
) -> tuple[ReferenceSection, tuple[Reference, ...]]:
    """Find the reference section of ``text`` and parse every entry in it. The section is
    found among ``document``'s headings when a document is given (see
    :func:`~citecheck.bibliography.sections.find_reference_section`).

    Raises :class:`NoReferenceSection` when the text has no reference list.
    """
    section = find_reference_section(text, document=document)
    if section is None:
        raise NoReferenceSection(
            "no reference section found (looked for a heading such as 'References', "
            "'Bibliography' or 'Literature Cited')"
        )
    split = split_entries(text, section.body)
    for more in continued_lists(text, section):
        split += split_entries(text, more)
    entries = number_entries(split)
    if not entries:
        raise NoReferenceSection(f"the '{section.heading}' section has no entries")
    refs = []
    for entry in entries:
        raw = _blank_page_numbers(text[entry.content.start : entry.content.end])
        ref = parse_reference(raw, number=entry.number, offset=entry.content.start)
        refs.append(replace(ref, number_inferred=True) if entry.inferred else ref)
    return section, tuple(refs)
