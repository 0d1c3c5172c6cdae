"""EndNote's citation fields (pure): ``ADDIN EN.CITE`` and its record XML.

EndNote (Cite While You Write) writes each citation as a field whose code is
``ADDIN EN.CITE <EndNote><Cite>…</Cite></EndNote>`` — one ``Cite`` per cited work, each
with ``Author``, ``Year``, ``RecNum``, ``DisplayText`` and the whole ``record`` — or, when
the XML is long, ``ADDIN EN.CITE`` with a field ``ADDIN EN.CITE.DATA`` nested in its code,
whose ``w:fldData`` holds the same XML in base64. The list is ``ADDIN EN.REFLIST``. In a
record: ``contributors/authors/author`` ("Family, Given"), ``titles/title`` and
``titles/secondary-title`` (the journal; also ``periodical/full-title``), ``dates/year``,
``volume``, ``number`` (the issue), ``pages``, ``electronic-resource-num`` (the DOI) and
``accession-num`` (a PubMed id when all digits); text may be wrapped in ``<style>``.

The XML is parsed after refusing a DOCTYPE or an entity declaration; XML that cannot be
read gives ``None`` (the citation is left to the text finder).
"""

from __future__ import annotations

import base64
import binascii
import re
from xml.etree import ElementTree as ET

from citecheck.inputs.fields_csl import MAX_CODE, initials
from citecheck.model import Author, CitedWork

_DOI = re.compile(r"10\.\d{4,9}/\S+")


def endnote_works(code: str, data: str) -> tuple[CitedWork, ...] | None:
    """The works an ``EN.CITE`` field cites: from the XML in its code, else from the base64
    ``data`` of the ``EN.CITE.DATA`` field nested in it; ``None`` when neither reads."""
    start = code.find("<EndNote")
    xml = code[start:] if start >= 0 else _decoded(data)
    root = _parse(xml) if xml else None
    if root is None:
        return None
    works = (_work(cite) for cite in root.iter("Cite"))
    return tuple(w for w in works if w is not None)


def _decoded(data: str) -> str:
    compact = "".join(data.split())
    if not compact or len(compact) > MAX_CODE:
        return ""
    try:
        raw = base64.b64decode(compact + "=" * (-len(compact) % 4))
    except (binascii.Error, ValueError):
        return ""
    text = raw.decode("utf-8", errors="replace")
    start = text.find("<EndNote")
    return text[start:] if start >= 0 else ""


def _parse(xml: str) -> ET.Element | None:
    if "<!DOCTYPE" in xml or "<!ENTITY" in xml or len(xml) > MAX_CODE:
        return None
    end = xml.rfind("</EndNote>")
    xml = xml[: end + len("</EndNote>")] if end >= 0 else xml
    try:
        return ET.fromstring(xml)
    except (ET.ParseError, RecursionError):
        return None


def _work(cite: ET.Element) -> CitedWork | None:
    record = cite.find("record")
    if record is None:
        return None
    doi = _text(record.find("electronic-resource-num"))
    found = _DOI.search(doi or "")
    accession = _text(record.find("accession-num"))
    return CitedWork(
        manager="endnote",
        id=_identity(cite, record),
        title=_text(record.find("titles/title")),
        authors=tuple(
            _author(_text(a) or "") for a in record.iterfind("contributors/authors/author")
        ),
        year=_text(record.find("dates/year")) or _text(cite.find("Year")),
        container=_text(record.find("titles/secondary-title"))
        or _text(record.find("periodical/full-title")),
        volume=_text(record.find("volume")),
        issue=_text(record.find("number")),
        pages=_text(record.find("pages")),
        doi=found.group(0).rstrip(".") if found else None,
        pmid=accession if accession and accession.isdigit() else None,
    )


def _identity(cite: ET.Element, record: ET.Element) -> str:
    """The library's record: its database id and record number."""
    key = record.find("foreign-keys/key")
    number = _text(record.find("rec-number")) or _text(cite.find("RecNum")) or ""
    database = key.get("db-id", "") if key is not None else ""
    if number:
        return f"{database}:{number}"
    return f"title:{(_text(record.find('titles/title')) or '').casefold()}"


def _author(name: str) -> Author:
    """``Family, Given`` (EndNote's form); a name without a comma is a group's."""
    family, comma, given = name.partition(",")
    if not comma:
        return Author(name.strip(), "", is_group=True)
    return Author(family.strip(), initials(given))


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None
