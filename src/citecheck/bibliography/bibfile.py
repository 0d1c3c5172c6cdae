"""A BibTeX/BibLaTeX file into keyed references, through bibtexparser v2.

Each entry becomes a :class:`~citecheck.model.Reference` with ``citekey`` set, its fields
decoded from LaTeX for matching (``raw`` keeps the entry as written) and its ``span`` on the
entry where the file's text stands in the document (``offset``). A block bibtexparser could
not read is kept as a finding (REF001) with its place, as is a key defined twice (REF002:
BibTeX uses the first) — never an exception. An entry giving a field twice is kept with the
first value, as BibTeX keeps it, and is REF001 unless the field is one no style prints.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from citecheck.bibliography.latex_text import plain_from_latex
from citecheck.bibliography.parse import normalize_pages, parse_reference
from citecheck.model import Author, Finding, Reference, RefType, Span
from citecheck.rules import finding

if TYPE_CHECKING:  # bibtexparser is imported when a .bib is read, not with citecheck
    from bibtexparser import model as bib
    from bibtexparser.library import Library
    from bibtexparser.middlewares.names import NameParts

_TYPES = {
    "article": RefType.ARTICLE,
    "book": RefType.BOOK,
    "booklet": RefType.BOOK,
    "mvbook": RefType.BOOK,
    "incollection": RefType.CHAPTER,
    "inbook": RefType.CHAPTER,
    "phdthesis": RefType.THESIS,
    "mastersthesis": RefType.THESIS,
    "thesis": RefType.THESIS,
    "online": RefType.WEB,
    "electronic": RefType.WEB,
    "www": RefType.WEB,
}
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_IN_URL = re.compile(r"doi\.org/(10\.\d{4,9}/\S+)", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_MACRO = re.compile(r"^\s*\\([A-Za-z]+)\s*$")
# The journal macros of NASA ADS's BibTeX (``journal = {\mnras}``), which the astronomy
# classes define (aas_macros.sty): the journal's name for matching.
_ADS_JOURNALS = {
    "aj": "Astronomical Journal",
    "actaa": "Acta Astronomica",
    "araa": "Annual Review of Astronomy and Astrophysics",
    "apj": "Astrophysical Journal",
    "apjl": "Astrophysical Journal Letters",
    "apjs": "Astrophysical Journal Supplement Series",
    "ao": "Applied Optics",
    "apss": "Astrophysics and Space Science",
    "aap": "Astronomy and Astrophysics",
    "aapr": "Astronomy and Astrophysics Review",
    "aaps": "Astronomy and Astrophysics Supplement Series",
    "baas": "Bulletin of the American Astronomical Society",
    "mnras": "Monthly Notices of the Royal Astronomical Society",
    "pasp": "Publications of the Astronomical Society of the Pacific",
    "pasj": "Publications of the Astronomical Society of Japan",
    "pasa": "Publications of the Astronomical Society of Australia",
    "prd": "Physical Review D",
    "prl": "Physical Review Letters",
    "physrep": "Physics Reports",
    "procspie": "Proceedings of the SPIE",
    "solphys": "Solar Physics",
    "ssr": "Space Science Reviews",
    "nat": "Nature",
    "icarus": "Icarus",
    "jcap": "Journal of Cosmology and Astroparticle Physics",
    "jgr": "Journal of Geophysical Research",
    "grl": "Geophysical Research Letters",
    "gca": "Geochimica et Cosmochimica Acta",
    "na": "New Astronomy",
    "nar": "New Astronomy Reviews",
    "psj": "Planetary Science Journal",
    "planss": "Planetary and Space Science",
    "memsai": "Memorie della Societa Astronomica Italiana",
    "qjras": "Quarterly Journal of the Royal Astronomical Society",
}
_UNPRINTED = frozenset(  # fields no bibliography style prints
    {"keywords", "abstract", "annote", "annotation", "file", "mendeley-tags", "mendeley-groups"}
    | {"groups", "comment", "timestamp", "owner", "readstatus", "ranking", "priority"}
)


@dataclass(frozen=True)
class BibReading:
    """What one bibliography file gave: its entries and the findings about its blocks."""

    references: tuple[Reference, ...]
    problems: tuple[Finding, ...]


def references_from_bibtex(text: str, path: str, offset: int = 0) -> BibReading:
    """The entries of a .bib file's ``text`` (shown as ``path`` in messages), with spans
    shifted by ``offset``, where the text stands in the document."""
    starts = _line_starts(text)
    with _quiet():
        import bibtexparser

        library = bibtexparser.parse_string(text)
    refs = []
    problems: list[Finding] = []
    for entry in library.entries:
        span = _span(text, starts, entry).shift(offset)
        fields = _fields(entry)
        refs.append(_reference(entry, fields, span))
        problems.extend(_name_problem(entry.key, name, path, span) for name in _bad_names(fields))
    for block in library.failed_blocks:
        span = _span(text, starts, block).shift(offset)
        kept = _kept_entry(block, library)
        if kept is not None:  # BibTeX keeps an entry that repeats a field (the first value)
            refs.append(_reference(kept[0], _fields(kept[0]), span))
            if not kept[1]:
                continue  # Elsevier's exports repeat ``keywords``: nothing printed differs
        problems.append(_problem(block, path, span))
    if len(refs) > len(library.entries):
        refs.sort(key=lambda r: r.span.start)
    return BibReading(tuple(refs), tuple(problems))


def _kept_entry(block: bib.Block, library: Library) -> tuple[bib.Entry, bool] | None:
    """The entry of a block that repeats a field, which BibTeX reads all the same (values
    unquoted, as the parser does the entries it reads), and whether a repeated field is one a
    style prints."""
    from bibtexparser import model as bib
    from bibtexparser.middlewares import RemoveEnclosingMiddleware

    if isinstance(block, bib.DuplicateFieldKeyBlock):
        entry = block.ignore_error_block
        if isinstance(entry, bib.Entry):
            entry = RemoveEnclosingMiddleware().transform_entry(entry, library)
            return entry, not block.duplicate_keys <= _UNPRINTED
    return None


@contextmanager
def _quiet() -> Iterator[None]:
    """bibtexparser logs each block it cannot read; those become findings here instead."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _span(text: str, starts: list[int], block: bib.Block) -> Span:
    line = min(max(block.start_line or 0, 0), len(starts) - 1)
    raw = block.raw or ""
    at = text.find(raw, starts[line]) if raw else -1
    if at < 0:
        at = starts[line]
        return Span(at, at + len(text[at:].split("\n", 1)[0]))
    return Span(at, at + len(raw))


def _problem(block: bib.Block, path: str, span: Span) -> Finding:
    from bibtexparser import model as bib

    line = (block.start_line or 0) + 1
    if isinstance(block, bib.DuplicateBlockKeyBlock):
        return finding(
            "REF002",
            f"the key {block.key!r} is defined again in {path}; BibTeX uses the first entry "
            "and ignores this one",
            span,
            (block.key,),
            {"key": block.key},
        )
    if isinstance(block, bib.DuplicateFieldKeyBlock):
        fields = ", ".join(sorted(block.duplicate_keys))
        entry = block.ignore_error_block
        key = entry.key if isinstance(entry, bib.Entry) else "?"
        return finding(
            "REF001",
            f"entry {key!r} in {path} gives {fields} twice",
            span,
            (key,),
        )
    reason = " ".join(str(getattr(block, "error", "") or "").split())
    head = next(iter((block.raw or "").strip().splitlines()), "")
    return finding(
        "REF001",
        f"a block of {path} that is not a readable BibTeX entry (line {line}): '{head[:60]}'"
        + (f" ({reason[:120]})" if reason else ""),
        span,
        (),
    )


def _name_problem(key: str, name: str, path: str, span: Span) -> Finding:
    """REF001 for a name BibTeX cannot split (read as best it can, the entry kept)."""
    return finding(
        "REF001",
        f"entry {key!r} in {path} has a name BibTeX cannot read, {name[:80]!r} (too many "
        "commas or unbalanced braces): separate the names with 'and'",
        span,
        (key,),
        {"name": name},
    )


def _fields(entry: bib.Entry) -> dict[str, Any]:
    """An entry's field values by lower-case name (``DOI`` and ``doi`` alike), the first of
    a name given twice."""
    fields: dict[str, Any] = {}
    for field in entry.fields:
        fields.setdefault(field.key.lower(), field.value)
    return fields


def _value(fields: Mapping[str, Any], *names: str) -> str | None:
    for name in names:
        value = fields.get(name)
        if isinstance(value, str):
            macro = _MACRO.match(value)
            if macro and macro.group(1) in _ADS_JOURNALS:
                return _ADS_JOURNALS[macro.group(1)]
            value = plain_from_latex(value)
            if value:
                return value
    return None


def _names(value: str) -> list[NameParts]:
    """The names of a name field as BibTeX splits them (``and``; ``Last, First``), a name
    BibTeX cannot read split as well as it can be."""
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    out = []
    for name in split_multiple_persons_names(value):
        try:
            out.append(parse_single_name_into_parts(name))
        except InvalidNameError:
            out.append(parse_single_name_into_parts(name, strict=False))
    return out


def _bad_names(fields: Mapping[str, Any]) -> list[str]:
    """The names of the author and editor fields that BibTeX cannot read."""
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    bad = []
    for field in ("author", "editor"):
        value = fields.get(field)
        for name in split_multiple_persons_names(value) if isinstance(value, str) else ():
            try:
                parse_single_name_into_parts(name)
            except InvalidNameError:
                bad.append(" ".join(name.split()))
    return bad


def _authors(fields: Mapping[str, Any]) -> tuple[tuple[Author, ...], bool]:
    for name in ("author", "editor"):
        value = fields.get(name)
        if isinstance(value, str) and value.strip():
            return _people(_names(value))
    return (), False


def _people(parts: Iterable[NameParts]) -> tuple[tuple[Author, ...], bool]:
    out: list[Author] = []
    et_al = False
    for person in parts:
        if [w.lower() for w in person.last] == ["others"] and not person.first:
            et_al = True
            continue
        family = plain_from_latex(" ".join([*person.von, *person.last]))
        group = (
            not person.first
            and len(person.last) == 1
            and person.last[0].startswith("{")
            and person.last[0].endswith("}")
            and " " in person.last[0]
        )
        if group:
            out.append(Author(family, "", is_group=True))
            continue
        given = plain_from_latex(" ".join(person.first))
        initials = "".join(w[0] for w in re.split(r"[\s.\-]+", given) if w and w[0].isalpha())
        if family:
            out.append(Author(family, initials.upper()))
    return tuple(out), et_al


def _verbatim(fields: Mapping[str, Any], name: str) -> str | None:
    """An identifier or URL as written (no LaTeX decoding: ``~`` and ``_`` are its own)."""
    value = fields.get(name)
    if not isinstance(value, str):
        return None
    value = value.replace("{", "").replace("}", "").replace("\\_", "_").strip()
    return value or None


def _doi(fields: Mapping[str, Any]) -> str | None:
    doi = _verbatim(fields, "doi") or _verbatim(fields, "article-doi")  # PubMed's export
    if doi:
        return _DOI_PREFIX.sub("", doi).strip()
    url = _verbatim(fields, "url") or ""
    m = _DOI_IN_URL.search(url)
    return m.group(1) if m else None


def _reference(entry: bib.Entry, fields: Mapping[str, Any], span: Span) -> Reference:
    authors, et_al = _authors(fields)
    year_text = _value(fields, "year", "date") or ""
    year = _YEAR.search(year_text)
    pages = _value(fields, "pages")
    doi = _doi(fields)
    raw = entry.raw or ""
    spans = {}
    doi_at = re.search(r"\bdoi\s*=", raw, re.IGNORECASE)
    if doi_at:
        spans["doi"] = Span(span.start + doi_at.start(), span.start + doi_at.end())
    ref = Reference(
        None,
        raw,
        span,
        authors=authors,
        et_al=et_al,
        title=_value(fields, "title"),
        container=_value(fields, "journal", "journaltitle", "booktitle"),
        year=year.group(1) if year else None,
        volume=_value(fields, "volume"),
        issue=_value(fields, "number", "issue"),
        pages=normalize_pages(pages) if pages else None,
        doi=doi,
        pmid=_value(fields, "pmid"),
        pmcid=_value(fields, "pmcid"),
        url=_verbatim(fields, "url"),
        publisher=_value(fields, "publisher", "institution", "school", "organization"),
        type=_TYPES.get(entry.entry_type.lower(), RefType.OTHER),
        spans=spans,
        citekey=entry.key,
    )
    if not ref.title and not ref.authors:
        return _from_note(ref, _value(fields, "note", "howpublished"))
    return ref


def _from_note(ref: Reference, note: str | None) -> Reference:
    """An entry whose only content is the printed reference in ``note`` (how a reference
    without structured fields is often kept): the note read as a printed entry."""
    if not note:
        return Reference(None, ref.raw, ref.span, parsed=False, citekey=ref.citekey, type=ref.type)
    printed = parse_reference(note)
    return Reference(
        None,
        ref.raw,
        ref.span,
        authors=printed.authors,
        et_al=printed.et_al,
        title=printed.title,
        container=printed.container,
        year=ref.year or printed.year,
        volume=printed.volume,
        issue=printed.issue,
        pages=printed.pages,
        doi=ref.doi or printed.doi,
        pmid=ref.pmid or printed.pmid,
        url=ref.url or printed.url,
        publisher=printed.publisher,
        type=printed.type,
        notes=printed.notes,
        parsed=printed.parsed,
        citekey=ref.citekey,
    )
