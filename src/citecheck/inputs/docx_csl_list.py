"""A Word draft's reference list from its Zotero or Mendeley fields (pure).

A manuscript written with Zotero or Mendeley carries, in each citation field, the CSL-JSON
items it cites. Before the author inserts the bibliography there is no list to read: no
bibliography field, no typed "References". Then the distinct items the fields cite *are* the
list, as a .bib or CSL-JSON file is beside a pandoc manuscript: each becomes a keyed
reference (:func:`~citecheck.bibliography.csl.reference_from_csl`, a key made from its first
author and year, ``genolini2015``, ``smith2019a``/``smith2019b``), each citation field a
mark naming the keys of its items, and FLD002 (info) says where the list came from. Items
cited with the same library URI (or id) are one reference; a reference stands where its
work is first cited (the item's data is stored there).

A reader does not look for the reference section (a stage does): this reading is offered as
:attr:`~citecheck.model.Document.without_list`, which the pipeline takes only when the text
holds no list. Nothing changes when the document prints a list (typed, or the manager's
bibliography field), nor when any citation field is EndNote's (its records are no CSL
items).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from citecheck.bibliography.csl import reference_from_csl
from citecheck.inputs.docx_fields import FieldSpan, citation_works, csl_citation, printed_style
from citecheck.inputs.fields_csl import MAX_CODE, work_from_csl
from citecheck.model import CitationMark, Document, Reference, ReferenceSection, Span
from citecheck.rules import finding

_MANAGERS = {"zotero": "Zotero", "mendeley": "Mendeley", "csl": "citation-manager"}
_KEY_LETTERS = re.compile(r"[^a-z]")
_BIBLIOGRAPHY = re.compile(r"\b(?:CSL_BIBLIOGRAPHY|ZOTERO_BIBL|MENDELEY_BIBLIOGRAPHY)\b")


@dataclass(frozen=True)
class CitedItem:
    """One CSL item of a citation field: what names it in every citation (library URI or
    id), its manager and its CSL-JSON data."""

    identity: str
    manager: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class FieldCitation:
    """A citation field and the items it cites, in its code's order."""

    span: Span
    items: tuple[CitedItem, ...]


def with_field_list(document: Document, fields: Sequence[FieldSpan]) -> Document:
    """``document`` offering, as :attr:`~citecheck.model.Document.without_list`, its reading
    with the fields' items as the reference list (see the module doc), for the pipeline to
    take when the text holds no list; unchanged without Zotero or Mendeley citation fields,
    or with the manager's bibliography printed."""
    if not any(csl_citation(f.code) for f in fields) or _bibliography_field(fields):
        return document  # no Zotero or Mendeley citation, or the manager's list is printed
    return replace(document, without_list=FieldListReading(document, tuple(fields)))


@dataclass(frozen=True)
class FieldListReading:
    """The reading with the fields' items as the list, made only when it is asked for (a
    manuscript that prints its list never pays for it)."""

    document: Document
    fields: tuple[FieldSpan, ...]

    def __call__(self) -> Document | None:
        return listed_reading(self.document, self.fields)


def listed_reading(document: Document, fields: Sequence[FieldSpan]) -> Document | None:
    """``document`` with its fields' items as its reference list, their citations as marks
    naming their keys, and FLD002; ``None`` when no item can be read or an EndNote citation
    is among the fields."""
    cited = field_citations(fields)
    if not cited:
        return None
    references, keys = field_references(cited)
    marks = tuple(
        CitationMark(
            c.span,
            shown := document.text[c.span.start : c.span.end],
            tuple(dict.fromkeys(keys[i.identity] for i in c.items)),
            printed_style(shown),
        )
        for c in cited
    )
    end = Span(len(document.text), len(document.text))
    managers = dict.fromkeys(_MANAGERS[i.manager] for c in cited for i in c.items)
    named = " and ".join(managers)
    notice = finding(
        "FLD002",
        f"no reference list (no bibliography field, no 'References' section): "
        f"{_count(len(references), 'work')} cited in {_count(len(cited), named + ' field')} "
        "read as the list; no numbering or order is checked",
        cited[0].span,
        evidence={"manager": named, "works": str(len(references)), "fields": str(len(cited))},
    )
    return replace(
        document,
        references=references,
        marks=marks,
        marks_partial=False,
        section=ReferenceSection(f"{named} fields", end, end),
        problems=(*document.problems, notice),
    )


def field_citations(fields: Sequence[FieldSpan]) -> tuple[FieldCitation, ...] | None:
    """The Zotero and Mendeley citation fields with the items they cite, in document order;
    ``None`` when an EndNote citation field is among them."""
    out = []
    for f in fields:
        csl = csl_citation(f.code)
        if csl is None:
            if citation_works(f.code, f.data):
                return None  # an EndNote citation: its works are no CSL items
            continue
        items = tuple(_items(*csl))
        if items:
            out.append(FieldCitation(f.span, items))
    return tuple(out)


def _items(code: str, manager: str) -> list[CitedItem]:
    start = code.find("{")
    if start < 0 or len(code) > MAX_CODE:
        return []
    try:
        citation, _ = json.JSONDecoder().raw_decode(code, start)
    except (ValueError, RecursionError):
        return []
    entries = citation.get("citationItems") if isinstance(citation, dict) else None
    out = []
    for entry in entries if isinstance(entries, list) else ():
        work = work_from_csl(entry, manager) if isinstance(entry, dict) else None
        if work is not None:
            out.append(CitedItem(work.id, manager, entry["itemData"]))
    return out


def field_references(
    cited: Sequence[FieldCitation],
) -> tuple[tuple[Reference, ...], dict[str, str]]:
    """The distinct items as keyed references in order of first citation, and each item's
    identity → its key."""
    first: dict[str, tuple[CitedItem, Span]] = {}
    for c in cited:
        for item in c.items:
            first.setdefault(item.identity, (item, c.span))
    keys = citation_keys([item.data for item, _ in first.values()])
    key_of = dict(zip(first, keys, strict=True))
    references = []
    for identity, (item, span) in first.items():
        ref = reference_from_csl(item.data, key_of[identity], "", span)
        references.append(replace(ref, raw=reference_text(ref)))
    return tuple(references), key_of


def citation_keys(items: Sequence[Mapping[str, Any]]) -> list[str]:
    """A key for each item: its first author's family name (else the first word of its
    title) in ASCII lower case, then its year (``nd`` without one); items that would share
    a key take a, b, c… in order."""
    bases = [_key_base(item) for item in items]
    counts: dict[str, int] = {}
    for base in bases:
        counts[base] = counts.get(base, 0) + 1
    seen: dict[str, int] = {}
    keys = []
    for base in bases:
        if counts[base] == 1:
            keys.append(base)
            continue
        n = seen.get(base, 0)
        seen[base] = n + 1
        keys.append(base + (chr(ord("a") + n) if n < 26 else str(n + 1)))
    return keys


def _key_base(item: Mapping[str, Any]) -> str:
    """A person's whole family name (``de Bruijn`` → ``debruijn``), the first word of a
    group's name or of the title."""
    ref = reference_from_csl(item, "", "", Span(0, 0))
    first = ref.authors[0] if ref.authors else None
    if first is not None and not first.is_group:
        name = first.family
    else:
        name = (first.family if first is not None else ref.title or "").split(" ", 1)[0]
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return f"{_KEY_LETTERS.sub('', folded) or 'anon'}{ref.year or 'nd'}"


def reference_text(ref: Reference) -> str:
    """A reference as one line, as a list would print it (what online searches read):
    ``Genolini C, Alacoque X (2015) kml and kml3d… Journal of Statistical Software
    65(4):1-34. doi:10.18637/jss.v065.i04``."""
    authors = ", ".join(str(a) for a in ref.authors)
    parts = [f"{authors} ({ref.year or 'n.d.'})".strip(), (ref.title or "").rstrip(".") + "."]
    source = " ".join(p for p in (ref.container, ref.volume) if p)
    if ref.issue:
        source += f"({ref.issue})"
    if ref.pages:
        source += f":{ref.pages}"
    if source:
        parts.append(source + ".")
    if ref.doi:
        parts.append(f"doi:{ref.doi}")
    return " ".join(p for p in parts if p and p != ".")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _bibliography_field(fields: Sequence[FieldSpan]) -> bool:
    """Whether the manager wrote its bibliography: a Zotero or Mendeley bibliography field
    (or Mendeley Cite's control) with a result."""
    return any(f.span.end > f.span.start and _BIBLIOGRAPHY.search(f.code) for f in fields)
