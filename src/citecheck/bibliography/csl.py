"""CSL bibliographies (CSL-JSON, CSL-YAML, pandoc's inline ``references:``) into keyed
references: each item's ``id`` is its key, its span the item where the file's text stands in
the document. A file that does not parse, an item without an ``id`` and an ``id`` given twice
are findings (REF001, REF002), never exceptions. YAML anchors and aliases are refused (an
alias bomb is tiny on disk and endless to walk)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from citecheck.bibliography.bibfile import BibReading
from citecheck.bibliography.latex_text import plain_from_latex
from citecheck.bibliography.parse import normalize_pages
from citecheck.model import Author, Finding, Reference, RefType, Span
from citecheck.rules import finding

_TYPES = {
    "article-journal": RefType.ARTICLE,
    "article": RefType.ARTICLE,
    "review": RefType.ARTICLE,
    "book": RefType.BOOK,
    "chapter": RefType.CHAPTER,
    "thesis": RefType.THESIS,
    "webpage": RefType.WEB,
    "post-weblog": RefType.WEB,
    "post": RefType.WEB,
}
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
Item = tuple[Mapping[str, Any], Span]


def read_csl(text: str, path: str, offset: int = 0) -> BibReading:
    """A CSL-JSON (``.json``) or CSL-YAML file's items as references, spans shifted by
    ``offset``; ``path`` names the file in messages."""
    try:
        items = items_from_json(text) if path.lower().endswith(".json") else items_from_yaml(text)
    except ValueError as exc:
        span = Span(offset, offset + len(text.split("\n", 1)[0]))
        return BibReading((), (finding("REF001", f"{path}: {exc}", span, ()),))
    return references_from_items(((i, s.shift(offset)) for i, s in items), text, path, offset)


def references_from_items(
    items: Iterable[Item], text: str, path: str, offset: int = 0
) -> BibReading:
    """CSL items with their spans (in the document) as references; ``text`` is what the
    spans, less ``offset``, index (for ``raw``)."""
    refs: list[Reference] = []
    problems: list[Finding] = []
    seen: set[str] = set()
    for item, span in items:
        key = item.get("id")
        raw = text[span.start - offset : span.end - offset]
        if not isinstance(key, str | int) or isinstance(key, bool) or not str(key).strip():
            problems.append(finding("REF001", f"{path}: a CSL item without an id", span, ()))
            continue
        key = str(key).strip()
        if key in seen:
            problems.append(
                finding("REF002", f"{path}: the id {key!r} is given again", span, (key,))
            )
            continue
        seen.add(key)
        refs.append(reference_from_csl(item, key, raw, span))
    return BibReading(tuple(refs), tuple(problems))


def items_from_json(text: str) -> list[Item]:
    """The items of a CSL-JSON array (or ``{"items": [...]}``), each with the span from its
    opening brace to the end of its ``id``. Raises ``ValueError`` for bad JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise ValueError("nested too deeply to be a bibliography") from None
    if isinstance(data, Mapping):
        data = data.get("items", data.get("references", []))
    if not isinstance(data, list):
        raise ValueError("a CSL-JSON bibliography is a list of items")
    out: list[Item] = []
    at = 0
    for item in data:
        if not isinstance(item, Mapping):
            continue
        span = Span(at, at)
        key = item.get("id")
        if isinstance(key, str | int) and not isinstance(key, bool):
            m = re.compile(r'"id"\s*:\s*"?' + re.escape(str(key))).search(text, at)
            if m:
                start = max(text.rfind("{", 0, m.start()), 0)
                span = Span(start, _object_end(text, start, m.end()))
                at = span.end
        out.append((item, span))
    return out


def _object_end(text: str, start: int, least: int) -> int:
    """Just past the JSON object opening at ``start`` (strings skipped), or ``least`` when
    it does not close."""
    depth = 0
    in_string = False
    i = start
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return least


def items_from_yaml(text: str) -> list[Item]:
    """The items of a CSL-YAML file (a list, or ``references:``), each with its span.
    Raises ``ValueError`` for bad YAML or anchors and aliases."""
    root = compose_yaml(text)
    if isinstance(root, yaml.MappingNode):
        root = next((v for k, v in root.value if k.value == "references"), None)
    if not isinstance(root, yaml.SequenceNode):
        raise ValueError("a CSL-YAML bibliography is a list of items (or 'references:')")
    return items_from_nodes(root)


def items_from_nodes(sequence: yaml.SequenceNode, base: int = 0) -> list[Item]:
    """The items of a YAML sequence node (``base``: where the YAML's text starts)."""
    out: list[Item] = []
    for node in sequence.value:
        item = yaml.safe_load(yaml.serialize(node)) if isinstance(node, yaml.MappingNode) else None
        if isinstance(item, Mapping):
            out.append((item, Span(base + node.start_mark.index, base + node.end_mark.index)))
    return out


def compose_yaml(text: str) -> yaml.Node | None:
    """The YAML's node tree (positions kept). Raises ``ValueError`` for bad YAML and for
    anchors or aliases."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ValueError("YAML anchors and aliases are not read in a bibliography")
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise ValueError("nested too deeply to be a bibliography") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ValueError(f"not valid YAML ({where}{problem})") from None


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        text = plain_from_latex(str(value)) if "\\" in str(value) else " ".join(str(value).split())
        return text or None
    return None


def _authors(item: Mapping[str, Any]) -> tuple[Author, ...]:
    people = item.get("author") or item.get("editor") or []
    out = []
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, Mapping):
            continue
        literal = _text(person.get("literal"))
        family = _text(person.get("family"))
        if family is None and literal:
            out.append(Author(literal, "", is_group=True))
            continue
        particle = _text(person.get("non-dropping-particle"))
        family = f"{particle} {family}" if particle and family else family
        given = _text(person.get("given")) or ""
        initials = "".join(w[0] for w in re.split(r"[\s.\-]+", given) if w and w[0].isalpha())
        if family:
            out.append(Author(family, initials.upper()))
    return tuple(out)


def _year(issued: Any) -> str | None:
    if isinstance(issued, Mapping):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            issued = parts[0][0]
        else:
            issued = issued.get("raw") or issued.get("literal") or issued.get("year")
    elif isinstance(issued, list) and issued and isinstance(issued[0], Mapping):
        issued = issued[0].get("year")
    m = _YEAR.search(str(issued)) if issued is not None else None
    return m.group(1) if m else None


def reference_from_csl(item: Mapping[str, Any], key: str, raw: str, span: Span) -> Reference:
    """One CSL item as a reference known by ``key``."""
    pages = _text(item.get("page"))
    doi = _text(item.get("DOI") or item.get("doi"))
    return Reference(
        None,
        raw,
        span,
        authors=_authors(item),
        title=_text(item.get("title")),
        container=_text(item.get("container-title")),
        year=_year(item.get("issued")),
        volume=_text(item.get("volume")),
        issue=_text(item.get("issue")),
        pages=normalize_pages(pages) if pages else None,
        doi=re.sub(r"^https?://(?:dx\.)?doi\.org/", "", doi, flags=re.I) if doi else None,
        pmid=_text(item.get("PMID") or item.get("pmid")),
        pmcid=_text(item.get("PMCID") or item.get("pmcid")),
        url=_text(item.get("URL") or item.get("url")),
        publisher=_text(item.get("publisher")),
        type=_TYPES.get(str(item.get("type", "")), RefType.OTHER),
        citekey=key,
    )
