"""JSON for the local registry, fast where it can be: snapshot items cut down to the fields a
work record is made from, and stored records decoded straight into :class:`WorkRecord`.

With ``msgspec`` installed (the optional extra ``registry``) a snapshot item is decoded into
a struct of the fields :func:`~citecheck.registry.crossref_work.work_from_message` reads
(:data:`WORK_FIELDS`); the rest of the item — reference lists, licences, funders, most of
its bytes — is skipped without being built. On the benchmark's Crossref-shaped records that
decodes about 6 times faster than the standard library's ``json`` (71,000 against 5,500
records per CPU second), and a stored record decodes into a ``WorkRecord`` 4-5 times faster
than ``json`` plus :func:`~citecheck.registry.records.work_from_data`. Without msgspec the
standard library does the same work, more slowly, with the same results; msgspec is
imported only when a registry is built or read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from citecheck.registry.records import WorkRecord, work_from_data

# Every field of a Crossref work that work_from_message or the builder reads.
WORK_FIELDS = (
    "DOI", "title", "subtitle", "author", "container-title", "short-container-title",
    "institution", "volume", "issue", "page", "article-number", "type", "updated-by",
    "update-to", "relation", "score", "abstract", "issued", "published-print",
    "published-online", "published", "posted", "indexed", "deposited",
)  # fmt: skip


@dataclass(frozen=True)
class Codec:
    """msgspec's decoders and encoder for the registry's records."""

    items: Callable[[bytes], Any]  # {"items": [...]} -> object with .items (structs)
    item: Callable[[bytes], Any]  # one work -> struct
    fields: Callable[[Any], tuple[Any, ...]]  # struct -> values in WORK_FIELDS order
    record: Callable[[bytes | str], WorkRecord]
    encode: Callable[[Any], bytes]
    errors: tuple[type[Exception], ...]


@lru_cache(maxsize=1)
def codec() -> Codec | None:
    """msgspec's codec, or None when msgspec is not installed (imported on first use)."""
    try:
        import msgspec
    except ImportError:
        return None
    names = [f"f{i}" for i in range(len(WORK_FIELDS))]
    item = msgspec.defstruct(
        "Item", [(n, Any, None) for n in names], rename=dict(zip(names, WORK_FIELDS, strict=True))
    )
    items = msgspec.defstruct("Items", [("items", list[item])])  # type: ignore[valid-type]
    return Codec(
        items=msgspec.json.Decoder(items).decode,
        item=msgspec.json.Decoder(item).decode,
        fields=msgspec.structs.astuple,
        record=msgspec.json.Decoder(WorkRecord).decode,
        encode=msgspec.json.Encoder().encode,
        errors=(msgspec.DecodeError,),  # ValidationError is a DecodeError
    )


def items_of_object(data: bytes) -> list[dict[str, Any]] | None:
    """The items of a whole ``{"items": [...]}`` document as dicts of :data:`WORK_FIELDS`
    (None for a field the item lacks), or None when the fast decoder cannot read it (no
    msgspec; or not JSON, an item that is not an object, …: the caller then reads the
    file with ``json``, which says what is wrong or keeps the odd item for the builder
    to judge)."""
    c = codec()
    if c is None:
        return None
    try:
        decoded = c.items(data)
    except c.errors:
        return None
    return [dict(zip(WORK_FIELDS, c.fields(s), strict=True)) for s in decoded.items]


def item_of_line(line: bytes) -> Any:
    """One JSON Lines work: a dict of :data:`WORK_FIELDS` (fast), or whatever ``json``
    reads from the line. Raises ``ValueError`` when the line is not JSON."""
    c = codec()
    if c is not None:
        try:
            return dict(zip(WORK_FIELDS, c.fields(c.item(line)), strict=True))
        except c.errors:
            pass
    return json.loads(line)


def dump_record(data: dict[str, Any]) -> str:
    """A stored record's compact JSON (non-ASCII characters kept as they are)."""
    c = codec()
    if c is not None:
        return c.encode(data).decode("utf-8")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load_record(text: str) -> WorkRecord:
    """A stored record back as a :class:`WorkRecord`."""
    c = codec()
    if c is not None:
        try:
            return c.record(text)
        except c.errors:
            pass  # not the shape msgspec expects: the lenient reader decides
    return work_from_data(json.loads(text))
