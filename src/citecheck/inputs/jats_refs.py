"""A JATS ``<ref>`` into a :class:`~citecheck.model.Reference`: written into the text as
the reader sees it, its fields taken straight from the tags.

``<mixed-citation>`` (and the old ``<citation>``/``<nlm-citation>``) is written as printed,
its punctuation included; ``<element-citation>`` holds fields only and is written in a
plain Vancouver-like order. The fields come from the tags — ``person-group``/``name``/
``string-name``/``collab``/``etal``, ``article-title``/``chapter-title``/``data-title``,
``source``, ``year``, ``volume``, ``issue``, ``fpage``-``lpage``/``elocation-id``/
``page-range``, ``pub-id``/``object-id`` (doi, pmid, pmcid), DOIs in ``ext-link`` or a
``comment`` — each with its span in the text. A citation with no tagged field (a plain string)
is read by the reference parser, as a typed list entry would be. A ``<ref>`` with several
citations is one reference: all are written, the first with fields gives them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from citecheck.bibliography.ids import find_ids
from citecheck.bibliography.names import parse_authors
from citecheck.bibliography.parse import normalize_pages, parse_reference
from citecheck.inputs.jats_inline import Inline
from citecheck.inputs.jats_xml import Element, Text
from citecheck.model import Author, Reference, RefType, Span

CITATIONS = ("mixed-citation", "element-citation", "citation", "nlm-citation")
_FIELD_TAGS = {
    "article-title": "title",
    "chapter-title": "title",
    "data-title": "title",
    "part-title": "title",
    "source": "container",
    "year": "year",
    "volume": "volume",
    "issue": "issue",
    "fpage": "fpage",
    "lpage": "lpage",
    "elocation-id": "pages",
    "page-range": "page-range",
    "publisher-name": "publisher",
}
_NAMES = ("name", "string-name", "collab", "name-alternatives")
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)")
_INITIALS = re.compile(r"^[A-Z]{1,4}$")
_TYPES = {
    "journal": RefType.ARTICLE,
    "book": RefType.BOOK,
    "thesis": RefType.THESIS,
    "web": RefType.WEB,
    "webpage": RefType.WEB,
    "website": RefType.WEB,
    "preprint": RefType.PREPRINT,
    "confproc": RefType.ABSTRACT,
    "conf-proc": RefType.ABSTRACT,
}


@dataclass(frozen=True, slots=True)
class Numbering:
    """How a reference is keyed: its number (printed ``inferred=False``, or its place in the
    list) and, in an author–year list, its id as cite key."""

    number: int
    inferred: bool
    citekey: str | None


@dataclass
class _Fields:
    values: dict[str, str]
    spans: dict[str, Span]
    authors: list[Author]
    et_al: bool = False
    editors: list[Author] = field(default_factory=list)  # other person groups


def write_reference(inline: Inline, ref: Element, numbering: Numbering) -> Reference:
    """Write ``ref`` as one list item (its label first) and read it into a Reference."""
    writer = inline.writer
    writer.open_block("list-item")
    label = ref_label(ref)
    if label is not None:
        inline.content(label)
        if label.text().strip().isdigit():
            writer.generated(".")
        writer.space()
    start = writer.next_start()
    found: list[_Fields] = []
    citations = ref_citations(ref) or [ref]
    for citation in citations:
        fields = _Fields({}, {}, [])
        if citation.tag == "element-citation":
            _write_element_citation(inline, citation, fields)
        else:
            _write_mixed(inline, citation, fields, skip_label=True)
        _identifiers(citation, fields)
        found.append(fields)
        writer.space()
    raw = writer.written_since(start)
    span = writer.close_block() or Span(start, start)
    content = Span(min(start, span.end), span.end)
    kind = next((_kind(c) for c in citations if c.tag != "ref"), None)
    tagged = _reference(found, content, raw, numbering, kind)
    if citations[0].tag != "element-citation" and _incomplete(tagged):
        return _fill_from_print(tagged)
    return tagged


def _incomplete(r: Reference) -> bool:
    """Whether the tags of ``r`` leave out its year, or an article's journal."""
    lacks = not r.year or (r.type is RefType.ARTICLE and not r.container and bool(r.title))
    return r.parsed and lacks and bool(r.authors or r.title)


def _fill_from_print(r: Reference) -> Reference:
    """A printed (mixed) citation whose tags leave out the year or the journal, read from
    its text: "Domenici, P. 1997. …" with no <year>; "<article-title>Cell cycle …. EMBO
    J</article-title>", the journal the last sentence of the title's tag (PLOS ONE
    pone.0052690). What the tags hold is kept otherwise."""
    p = parse_reference(r.raw, number=r.number, offset=r.span.start)
    title, container = r.title, r.container
    whole = f"{(p.title or '').rstrip('. ')}. {p.container}"
    if not container and p.container and p.title and (title or "").rstrip(". ") == whole:
        title, container = p.title, p.container
    return replace(r, year=r.year or p.year, title=title, container=container)


def ref_citations(ref: Element) -> list[Element]:
    """The citations of a ``<ref>``, one of each ``<citation-alternatives>`` (the
    ``<mixed-citation>``, printed as readers see it, before an ``<element-citation>``)."""
    out = []
    for child in ref.elements():
        if child.tag in CITATIONS:
            out.append(child)
        elif child.tag == "citation-alternatives":
            options = sorted(child.elements(*CITATIONS), key=lambda c: CITATIONS.index(c.tag))
            out.extend(options[:1])
    return out


def ref_label(ref: Element) -> Element | None:
    """A reference's ``<label>``: the ref's own, or one its first citation holds (as some
    publishers write it)."""
    label = ref.first("label")
    if label is None:
        first = next(iter(ref_citations(ref)), None)
        label = first.first("label") if first is not None else None
    return label


def _reference(
    found: list[_Fields], span: Span, raw: str, numbering: Numbering, kind: str | None
) -> Reference:
    chosen = next((f for f in found if _tagged(f)), None)
    ids = {k: v for f in found for k, v in f.values.items() if k in ("doi", "pmid", "pmcid")}
    base = Reference(
        numbering.number,
        raw,
        span,
        number_inferred=numbering.inferred,
        citekey=numbering.citekey,
    )
    if chosen is None:  # a plain string: the parser reads it as a typed entry
        parsed = parse_reference(raw, number=numbering.number, offset=span.start)
        return replace(
            parsed,
            span=span,
            number_inferred=numbering.inferred,
            citekey=numbering.citekey,
            doi=parsed.doi or ids.get("doi"),
            pmid=parsed.pmid or ids.get("pmid"),
            pmcid=parsed.pmcid or ids.get("pmcid"),
        )
    if not all(k in ids for k in ("doi", "pmid")):
        # printed in the entry but not tagged: "… 2010;46(5):505-16. DOI:10.1007/s10597-…"
        printed, _ = find_ids(raw, raw.lower())
        ids = {**{k: v[0] for k, v in printed.items() if k != "url"}, **ids}
    v = chosen.values
    pages = v.get("pages") or v.get("page-range")
    if v.get("fpage"):
        pages = normalize_pages(f"{v['fpage']}-{v['lpage']}" if v.get("lpage") else v["fpage"])
    title, container = v.get("title"), v.get("container")
    ref_type = _TYPES.get((kind or "").lower(), RefType.OTHER)
    if ref_type is RefType.BOOK and title and container:
        ref_type = RefType.CHAPTER
    elif ref_type is RefType.BOOK and not title:
        title, container = container, None
    year = _YEAR.search(v.get("year", ""))
    return replace(
        base,
        authors=tuple(chosen.authors or chosen.editors),
        et_al=chosen.et_al,
        title=title,
        container=container,
        year=year.group(1) if year else v.get("year"),
        volume=v.get("volume"),
        issue=v.get("issue"),
        pages=pages,
        doi=ids.get("doi"),
        pmid=ids.get("pmid"),
        pmcid=ids.get("pmcid"),
        url=v.get("url"),
        publisher=v.get("publisher"),
        type=ref_type,
        spans=dict(chosen.spans),
    )


def _tagged(fields: _Fields) -> bool:
    """Whether the tags name the work (its authors, title, source or year): a citation that
    tags its volume alone is read as a typed string ("Coyne RS … (2012) Whole genome studies
    of Tetrahymena. Methods in cell biology <volume>109</volume>: : 53–81.")."""
    return bool(fields.authors or fields.editors) or any(
        k in fields.values for k in ("title", "container", "year")
    )


def _write_mixed(
    inline: Inline, el: Element, fields: _Fields, *, skip_label: bool, authors: bool = True
) -> None:
    """A citation as printed: its text in order, each field's span recorded."""
    for child in el.children:
        if isinstance(child, Text):
            inline.writer.write(child)
        elif child.tag in ("label",) and skip_label:
            continue
        elif child.tag == "person-group":
            _write_mixed(inline, child, fields, skip_label=False, authors=_of_authors(child))
        elif child.tag in _NAMES:
            _write_name(inline, child, fields, authors=authors)
        elif child.tag == "etal":
            fields.et_al = True
            inline.content(child)
        elif child.tag in _FIELD_TAGS:
            _write_field(inline, child, fields)
        else:
            inline.element(child)


def _write_element_citation(inline: Inline, el: Element, fields: _Fields) -> None:
    """Fields only: written in order, names joined by commas, fields by full stops."""
    writer = inline.writer
    previous = ""
    for child in el.elements():
        tag = child.tag
        if tag in ("person-group", *_NAMES):
            names = list(child.elements(*_NAMES)) if tag == "person-group" else [child]
            for i, name in enumerate(names):
                if i:
                    writer.generated(",")
                    writer.space()
                _write_name(inline, name, fields, authors=_of_authors(child))
            if tag == "person-group" and child.first("etal") is not None:
                fields.et_al = True
                writer.generated(", et al")
        elif tag == "etal":
            fields.et_al = True
            writer.generated(", et al")
        elif tag in _FIELD_TAGS or tag in ("pub-id", "ext-link", "comment", "uri"):
            if tag == "lpage" and previous == "fpage":
                writer.generated("–")
            elif tag == "issue" and previous == "volume":
                writer.generated("(")
            elif tag == "volume" and previous == "source":
                writer.space()
            elif tag in ("fpage", "elocation-id") and previous in ("volume", "issue"):
                writer.generated(":")
                writer.space()
            elif previous:
                if not writer.ends_with(".?!"):
                    writer.generated(".")
                writer.space()
            if tag in _FIELD_TAGS:
                _write_field(inline, child, fields)
            else:
                inline.element(child)
            if tag == "issue" and previous == "volume":
                writer.generated(")")
        else:
            continue
        previous = tag if tag in _FIELD_TAGS or tag in ("pub-id", "comment") else "names"
    if previous and not writer.ends_with(".?!"):
        writer.generated(".")


def _write_field(inline: Inline, el: Element, fields: _Fields) -> None:
    writer = inline.writer
    start = writer.next_start()
    inline.content(el)
    name = _FIELD_TAGS[el.tag]
    value = re.sub(r"\s+", " ", el.text()).strip()
    if value and name not in fields.values:
        fields.values[name] = value
        pages = fields.spans.get("pages")
        if name == "lpage" and pages is not None:
            fields.spans["pages"] = Span(pages.start, writer.pos)
        elif writer.pos > start and name != "lpage":
            fields.spans[_SPAN_NAMES.get(name, name)] = Span(start, writer.pos)


_SPAN_NAMES = {"fpage": "pages", "page-range": "pages"}


def _of_authors(el: Element) -> bool:
    """Whether a person group (or a name) is of the work's authors, not its editors,
    translators, inventors' assignees…."""
    return el.tag != "person-group" or el.attrs.get("person-group-type", "author") == "author"


def _kind(citation: Element) -> str | None:
    return citation.attrs.get("publication-type") or citation.attrs.get("citation-type")


def _write_name(inline: Inline, el: Element, fields: _Fields, *, authors: bool = True) -> None:
    """One name, written "Surname Given" (tags without spaces between them get one)."""
    writer = inline.writer
    author = _author(el)
    start = writer.next_start()
    if el.tag == "collab" or el.first("surname") is None:
        inline.content(el)
    else:
        pieces = [el.first(part) for part in ("prefix", "surname", "given-names", "suffix")]
        for i, piece in enumerate(p for p in pieces if p is not None):
            if i:
                writer.space()
            inline.content(piece)
    if author is not None and not authors:
        fields.editors.append(author)
    elif author is not None:
        fields.authors.append(author)
        if len(fields.authors) == 1 and writer.pos > start:
            fields.spans["authors"] = Span(start, writer.pos)
        elif "authors" in fields.spans:
            fields.spans["authors"] = Span(fields.spans["authors"].start, writer.pos)


def _author(el: Element) -> Author | None:
    if el.tag == "name-alternatives":
        first = el.first("name", "string-name")
        return _author(first) if first is not None else None
    surname = el.first("surname")
    if el.tag == "collab" or surname is None:
        words = re.sub(r"\s+", " ", el.text()).strip()
        if not words:
            return None
        if el.tag == "string-name":  # "Smith J" untagged inside: read as a typed name
            parsed, _, _ = parse_authors(words)
            if len(parsed) == 1:
                return parsed[0]
        return Author(words, "", is_group=el.tag == "collab")
    given = el.first("given-names")
    family = re.sub(r"\s+", " ", surname.text()).strip()
    return Author(family, _initials(given.text() if given is not None else ""))


def _initials(given: str) -> str:
    """Initials without dots: Marc → M, Jean-Pierre → JP, HJ stays, H. J. → HJ."""
    compact = re.sub(r"[\s.]", "", given)
    if _INITIALS.match(compact):
        return compact
    return "".join(w[0] for w in re.split(r"[\s.\-‐]+", given) if w and w[0].isalpha()).upper()


def _identifiers(el: Element, fields: _Fields) -> None:
    """DOI, PMID and PMCID from ``pub-id``/``object-id``, else a DOI in a link or comment."""
    for node in el.iter("pub-id", "object-id"):
        kind = (node.attrs.get("pub-id-type") or "").lower()
        value = node.text().strip()
        name = {"doi": "doi", "pmid": "pmid", "pmcid": "pmcid", "pmc": "pmcid"}.get(kind)
        if name and value and name not in fields.values:
            # "28412869." (SciELO): the full stop that ends the entry, not the number's
            fields.values[name] = _clean_doi(value) if name == "doi" else value.rstrip(".")
    for node in _links(el):
        href = node.attrs.get("xlink:href", "")
        if "doi" not in fields.values:
            doi = _DOI.search(href) or _DOI.search(node.text())
            if doi:
                fields.values["doi"] = _clean_doi(doi.group(0))
        web = href.startswith(("http://", "https://")) and "doi.org/" not in href
        if web and "url" not in fields.values:
            fields.values["url"] = href


def _links(el: Element) -> Iterator[Element]:
    yield from el.iter("ext-link", "uri", "comment")


def _clean_doi(doi: str) -> str:
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.I)
    return doi.rstrip(".,;)")
