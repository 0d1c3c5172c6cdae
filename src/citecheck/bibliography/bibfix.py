"""A .bib file with DOIs added (``citecheck fix`` on a LaTeX or pandoc manuscript): each
entry that has no ``doi`` field and for which a DOI was found gets a ``doi = {…}`` line
right after its key, indented like its other fields. Everything else stays byte for byte
as the author wrote it. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_HEAD = re.compile(r"@\s*\w+\s*[{(]\s*(?P<key>[^,\s]+)\s*,")
_INDENT = re.compile(r"\n([ \t]+)\S")
_DOI_FIELD = re.compile(r"(?:^|[,\s])doi\s*=", re.IGNORECASE)


@dataclass(frozen=True)
class BibFix:
    """The corrected text and the keys whose entries got a DOI."""

    text: str
    added: tuple[str, ...]


def bib_with_dois(text: str, dois: Mapping[str, str]) -> BibFix:
    """``text`` (a .bib file) with ``dois`` (key → DOI) added to the entries that lack one."""
    import bibtexparser  # only when fixing a .bib

    library = bibtexparser.parse_string(text)
    inserts: list[tuple[int, str, str]] = []
    search_from = 0
    for entry in library.entries:
        doi = dois.get(entry.key)
        raw = entry.raw or ""
        at = text.find(raw, search_from) if raw else -1
        if at < 0:
            continue
        search_from = at + len(raw)
        if not doi or "doi" in {f.key.lower() for f in entry.fields} or _DOI_FIELD.search(raw):
            continue
        head = _HEAD.match(raw)
        if head is None:
            continue
        indent = _INDENT.search(raw)
        if indent is not None:
            line = f"\n{indent.group(1)}doi = {{{doi}}},"
        else:
            line = f" doi = {{{doi}}},"
        inserts.append((at + head.end(), line, entry.key))
    out = []
    pos = 0
    for offset, line, _ in inserts:
        out += [text[pos:offset], line]
        pos = offset
    out.append(text[pos:])
    return BibFix("".join(out), tuple(key for _, _, key in inserts))
