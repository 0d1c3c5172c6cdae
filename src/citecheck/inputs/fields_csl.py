"""Citation-manager field codes that carry CSL-JSON: Zotero and Mendeley (pure).

The shapes, as the managers write them (see ``tests/fixtures/fields/README.md`` for where
each was established):

* Zotero: ``ADDIN ZOTERO_ITEM CSL_CITATION {json}`` (field storage; the bookmark storage
  keeps ``ZOTERO_ITEM CSL_CITATION {json}`` in document properties and the reader writes it
  as a field code), the JSON a citation: ``citationID``, ``properties``
  (``formattedCitation``, ``plainCitation``, ``noteIndex``), ``citationItems`` (each ``id``,
  ``uris``, ``itemData``: a CSL-JSON item), ``schema``. The list is ``ADDIN ZOTERO_BIBL
  {json} CSL_BIBLIOGRAPHY``.
* Mendeley Desktop: ``ADDIN CSL_CITATION {json}`` (the same citation JSON, with a
  ``mendeley`` object of formatted texts; item ids ``ITEM-1`` count within one citation),
  the list ``ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY``.
* Mendeley Cite (the add-in since 2020): a content control tagged
  ``MENDELEY_CITATION_v3_`` + base64 of the citation JSON; the list's control is tagged
  ``MENDELEY_BIBLIOGRAPHY``.

A code that cannot be read (malformed JSON or base64, wrong shapes, nesting too deep) gives
``None``: the citation is then left to the text finder, never guessed.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import Any

from citecheck.model import Author, CitedWork

MAX_CODE = 4_000_000  # characters of one field's code (a citation of ~1,000 items)
_ITEM_COUNTER = re.compile(r"ITEM-\d+$")
_MENDELEY_TAG = re.compile(r"MENDELEY_CITATION_(?:v\d+_)?(\S+)$")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def csl_citation_works(code: str, manager: str) -> tuple[CitedWork, ...] | None:
    """The works a CSL citation code (text from its first ``{`` on) cites; ``None`` when
    it cannot be read."""
    citation = _json_object(code)
    if citation is None:
        return None
    items = citation.get("citationItems")
    if not isinstance(items, list):
        return None
    works = [work_from_csl(item, manager) for item in items if isinstance(item, dict)]
    return tuple(w for w in works if w is not None)


def mendeley_cite_code(tag: str) -> str | None:
    """The citation JSON in a Mendeley Cite content control's tag (``MENDELEY_CITATION_v3_``
    or another version's prefix, then base64), or ``None``."""
    found = _MENDELEY_TAG.match(tag.strip())
    if found is None:
        return None
    payload = found.group(1)
    if len(payload) > MAX_CODE:
        return None
    try:
        raw = base64.b64decode(payload + "=" * (-len(payload) % 4), validate=False)
        return raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return None


def work_from_csl(item: Mapping[str, Any], manager: str) -> CitedWork | None:
    """One ``citationItems`` entry (``itemData`` a CSL-JSON item) as a :class:`CitedWork`."""
    data = item.get("itemData")
    if not isinstance(data, dict):
        return None
    return CitedWork(
        manager=manager,
        id=_identity(item, data),
        title=_text(data.get("title")),
        authors=tuple(a for a in map(_author, _list(data.get("author"))) if a is not None),
        year=_year(data.get("issued")),
        container=_text(data.get("container-title")),
        volume=_text(data.get("volume")),
        issue=_text(data.get("issue")),
        pages=_text(data.get("page")),
        doi=_text(data.get("DOI")),
        pmid=_text(data.get("PMID")),
        note=_text(data.get("note")),
    )


def _json_object(code: str) -> dict[str, Any] | None:
    start = code.find("{")
    if start < 0 or len(code) > MAX_CODE:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(code, start)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _identity(item: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    """What names the same work in every citation of one document: its library URI, else
    its id (Mendeley Desktop's ``ITEM-n`` count within one citation, so not those), else
    its title and year."""
    for key in ("uris", "uri"):
        uris = item.get(key)
        if isinstance(uris, list) and uris and isinstance(uris[0], str):
            return uris[0]
    ident = item.get("id", data.get("id"))
    if isinstance(ident, (str, int)) and not _ITEM_COUNTER.match(str(ident)):
        return str(ident)
    title = (_text(data.get("title")) or _text(data.get("note")) or "").casefold()
    return f"{' '.join(title.split())}|{_year(data.get('issued')) or ''}"


def _author(name: object) -> Author | None:
    if not isinstance(name, dict):
        return None
    family = _text(name.get("family"))
    if family is None:
        literal = _text(name.get("literal"))
        return Author(literal, "", is_group=True) if literal else None
    particle = _text(name.get("non-dropping-particle"))
    family = f"{particle} {family}" if particle else family
    return Author(family, initials(_text(name.get("given")) or ""))


def initials(given: str) -> str:
    """A given name as initials without dots: ``Peter C.`` → ``PC``, ``Jean-Luc`` → ``JL``,
    ``PC`` → ``PC``."""
    words = re.split(r"[\s.\-‐]+", given.strip())
    out = []
    for word in words:
        if not word:
            continue
        out.append(word if word.isupper() and len(word) <= 3 else word[0].upper())
    return "".join(out)


def _year(issued: object) -> str | None:
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = str(parts[0][0]).strip()
        if first.isdigit():
            return first
    for key in ("raw", "literal"):
        found = _YEAR.search(str(issued.get(key) or ""))
        if found:
            return found.group(1)
    return None


def _text(value: object) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []
