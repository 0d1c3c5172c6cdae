"""References as BibTeX, through bibtexparser's v2 API (``Library``, ``write_string``).

Keys keep the reference number (``ref07-hamm1998``); values are LaTeX-safe: special
characters escaped, ``^{99m}`` / ``⁶⁸`` / ``O₂`` as ``\\textsuperscript``/``\\textsubscript``,
acronyms such as CXCR4 braced so that styles keep their case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

import bibtexparser
from bibtexparser import Library
from bibtexparser.model import Entry, Field

from citecheck.model import Author, Reference, RefType

_ENTRY_TYPES = {
    RefType.ARTICLE: "article",
    RefType.ABSTRACT: "article",
    RefType.BOOK: "book",
    RefType.CHAPTER: "incollection",
    RefType.PREPRINT: "misc",
    RefType.WEB: "misc",
    RefType.THESIS: "phdthesis",
    RefType.OTHER: "misc",
}
_CONTAINER_FIELD = {"article": "journal", "incollection": "booktitle", "misc": "howpublished"}
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUB = str.maketrans("₀₁₂₃₄₅₆₇₈₉₊₋", "0123456789+-")
_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_MARKUP = re.compile(r"\^\{([^{}]*)\}|_\{([^{}]*)\}|([⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+)|([₀₁₂₃₄₅₆₇₈₉₊₋]+)")
_ACRONYM = re.compile(r"\b(?=\w*[A-Z]\w*[A-Z0-9])[\w-]*[A-Z][\w-]*\b")


def _escape(text: str) -> str:
    return "".join(_SPECIALS.get(ch, ch) for ch in text)


def latex_value(text: str, *, protect_case: bool = False) -> str:
    """Markdown/Unicode text as a LaTeX-safe BibTeX value."""
    out = []
    pos = 0
    for m in _MARKUP.finditer(text):
        out.append(_plain(text[pos : m.start()], protect_case))
        sup, sub, usup, usub = m.groups()
        if sup is not None or usup is not None:
            inner = sup if sup is not None else usup.translate(_SUPER)
            out.append(r"\textsuperscript{" + _escape(inner) + "}")
        else:
            inner = sub if sub is not None else usub.translate(_SUB)
            out.append(r"\textsubscript{" + _escape(inner) + "}")
        pos = m.end()
    out.append(_plain(text[pos:], protect_case))
    return "".join(out)


def _plain(text: str, protect_case: bool) -> str:
    text = text.replace("*", "")
    if not protect_case:
        return _escape(text)
    parts = []
    pos = 0
    for m in _ACRONYM.finditer(text):
        parts.append(_escape(text[pos : m.start()]))
        parts.append("{" + _escape(m.group(0)) + "}")
        pos = m.end()
    parts.append(_escape(text[pos:]))
    return "".join(parts)


def _verbatim(value: str) -> str:
    """DOIs and URLs stay as written, except braces, which would unbalance the entry."""
    return value.replace("{", "%7B").replace("}", "%7D")


def _author(a: Author) -> str:
    if a.is_group or not a.given:
        return "{" + _escape(a.family) + "}"
    initials = " ".join(f"{ch}." for ch in a.given)
    return f"{_escape(a.family)}, {initials}"


def _ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode().lower())


def entry_key(ref: Reference, width: int = 2) -> str:
    """``ref07-hamm1998``: the reference number first, then first author and year; a
    reference cited by key (LaTeX, pandoc) keeps its key."""
    if ref.citekey:
        return ref.citekey
    number = f"ref{ref.number:0{width}d}" if ref.number is not None else "ref"
    family_words = ref.authors[0].family.split() if ref.authors else []
    who = _ascii_slug(family_words[-1]) if family_words else ""
    title_words = (ref.title or "").split()
    if not who and title_words:
        who = _ascii_slug(title_words[0])
    return f"{number}-{who or 'anon'}{ref.year or ''}"


def bibtex_fields(ref: Reference) -> list[tuple[str, str]]:
    """The (name, value) pairs of one reference's BibTeX entry, in a fixed order."""
    entry_type = _ENTRY_TYPES[ref.type]
    fields: list[tuple[str, str]] = []
    if ref.authors:
        names = [_author(a) for a in ref.authors]
        if ref.et_al:
            names.append("others")
        fields.append(("author", " and ".join(names)))
    if ref.title:
        fields.append(("title", latex_value(ref.title, protect_case=True)))
    if ref.container:
        name = _CONTAINER_FIELD.get(entry_type, "journal" if entry_type == "article" else "")
        if entry_type in ("book", "phdthesis"):
            name = "series" if entry_type == "book" else "school"
        fields.append((name or "howpublished", latex_value(ref.container)))
    if ref.publisher:
        fields.append(("publisher", latex_value(ref.publisher)))
    for name, value in (("year", ref.year), ("volume", ref.volume), ("number", ref.issue)):
        if value:
            fields.append((name, _escape(value)))
    if ref.pages:
        fields.append(("pages", _escape(ref.pages.replace("-", "--"))))
    for name, value in (("doi", ref.doi), ("pmid", ref.pmid), ("pmcid", ref.pmcid)):
        if value:
            fields.append((name, _verbatim(value) if name == "doi" else _escape(value)))
    if ref.url:
        fields.append(("url", _verbatim(ref.url)))
    notes = list(ref.notes)
    if ref.type is RefType.ABSTRACT and "[abstract]" not in notes:
        notes.append("[abstract]")
    if not ref.parsed:  # nothing could be read: the entry's text, as written
        notes = [ref.raw]
    if notes:
        fields.append(("note", latex_value("; ".join(notes))))
    return fields


def library_from_references(refs: Sequence[Reference]) -> Library:
    width = max(2, len(str(max((r.number or 0 for r in refs), default=0))))
    library = Library()
    used: set[str] = set()
    for ref in refs:
        key = entry_key(ref, width)
        base, n = key, 1
        while key in used:  # repeated numbers in a broken list still get unique keys
            n += 1
            key = f"{base}-{n}"
        used.add(key)
        entry_type = _ENTRY_TYPES[ref.type]
        library.add(Entry(entry_type, key, [Field(k, v) for k, v in bibtex_fields(ref)]))
    return library


def bibtex_from_references(refs: Iterable[Reference]) -> str:
    """The whole reference list as one BibTeX string."""
    return bibtexparser.write_string(library_from_references(tuple(refs)))
