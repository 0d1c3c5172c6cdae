"""NCBI E-utilities for PubMed over the shared session: ``esummary`` (records, JSON),
``efetch`` (abstracts, XML), ``esearch`` (the PMID of a DOI, JSON) and ``ecitmatch`` (PMIDs
of printed citations, plain text: :mod:`citecheck.registry.ecitmatch`). Raw answers stay
here.

The efetch XML is parsed with the standard library's ElementTree, not ``defusedxml``: expat
never fetches the external DTD efetch names nor expands external entities, and from expat
2.4.1 (bundled with every supported Python) it refuses entity-expansion bombs. As a second
guard an answer that declares entities (efetch never does) is refused before parsing.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Any

from citecheck.model import Author
from citecheck.registry.ecitmatch import (
    CitationQuery,
    answers_from_text,
    bdata_lines,
    chunks,
)
from citecheck.registry.normalize import plain_text
from citecheck.registry.pacing import Gate
from citecheck.registry.records import Abstract, Lookup, PubmedRecord
from citecheck.registry.transport import HttpReply, Transport, fetch, keep, media_kind

BATCH_SIZE = 200  # ids per esummary GET (NCBI: use POST beyond that)
TOOL = "citecheck"


class PubmedClient:
    def __init__(
        self,
        transport: Transport,
        base_url: str,
        gate: Gate,
        *,
        email: str | None = None,
        api_key: str | None = None,
    ) -> None:
        self._transport = transport
        self._base = base_url.rstrip("/")
        self._gate = gate
        self._params = {"tool": TOOL}
        if email:
            self._params["email"] = email
        if api_key:
            self._params["api_key"] = api_key

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        """One lookup per PMID, asked in batches of up to 200. A PMID the answer does not
        mention, or answers with a malformed record, is *unavailable*, not "not found"."""
        out: dict[str, Lookup[PubmedRecord]] = {}
        wanted = list(dict.fromkeys(p.strip() for p in pmids if p.strip()))
        for start in range(0, len(wanted), BATCH_SIZE):
            chunk = wanted[start : start + BATCH_SIZE]
            params = {**self._params, "db": "pubmed", "id": ",".join(chunk), "retmode": "json"}
            reply = fetch(self._transport, self._gate, f"{self._base}/esummary.fcgi", params)
            result = _result(reply)
            answers = {p: summary_lookup(result, p) for p in chunk}
            out.update(answers)
            if not isinstance(result, str) and not any(a.is_unavailable for a in answers.values()):
                keep(self._transport, reply)
        return out

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> dict[CitationQuery, Lookup[str]]:
        """PMIDs for printed citations, many per request (``ecitmatch.cgi``, plain text)."""
        out: dict[CitationQuery, Lookup[str]] = {}
        pending = chunks(bdata_lines(queries))
        while pending:
            chunk = pending.pop(0)
            bdata = "\r".join(line for line, _q in chunk)
            params = {**self._params, "db": "pubmed", "retmode": "xml", "bdata": bdata}
            reply = fetch(
                self._transport, self._gate, f"{self._base}/ecitmatch.cgi", params, expect="text"
            )
            if reply.status == 414 and len(chunk) > 1:  # URI too long: ask in halves
                half = len(chunk) // 2
                pending[:0] = [chunk[:half], chunk[half:]]
                continue
            kind = media_kind(reply.media_type, reply.text)
            if not reply.ok or kind not in ("text", "xml"):
                why = _failure(reply) if not reply.ok else f"PubMed answered {kind}, not text"
                out.update({q: Lookup.unavailable(why) for _line, q in chunk})
                continue
            answers = answers_from_text(reply.text, chunk)
            out.update(answers)
            if not any(a.is_unavailable for a in answers.values()):
                keep(self._transport, reply, kind)
        return out

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        """The abstract of one PubMed record (``efetch``, XML)."""
        pmid = pmid.strip()
        params = {**self._params, "db": "pubmed", "id": pmid, "retmode": "xml"}
        reply = fetch(
            self._transport, self._gate, f"{self._base}/efetch.fcgi", params, expect="xml"
        )
        if not reply.ok:
            return Lookup.unavailable(_failure(reply))
        lookup = abstract_from_efetch(reply.text, pmid)
        if not lookup.is_unavailable:
            keep(self._transport, reply, "xml")
        return lookup

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        """The PMID PubMed lists for a DOI (``esearch term=<doi>[doi]``)."""
        params = {**self._params, "db": "pubmed", "term": f"{doi}[doi]", "retmode": "json"}
        reply = fetch(self._transport, self._gate, f"{self._base}/esearch.fcgi", params)
        if not reply.ok:
            return Lookup.unavailable(_failure(reply))
        try:
            ids = body_ids(json.loads(reply.text))
        except (ValueError, KeyError, TypeError, RecursionError):
            return Lookup.unavailable("PubMed esearch answered with an unexpected shape")
        keep(self._transport, reply)
        if len(ids) == 1:
            return Lookup.found(ids[0])
        if not ids:
            return Lookup.not_found(f"no PubMed record lists DOI {doi}")
        return Lookup.not_found(f"{len(ids)} PubMed records list DOI {doi} ({', '.join(ids[:5])})")


def body_ids(body: Any) -> list[str]:
    """The PMIDs of an esearch answer (raises for any other shape)."""
    ids = body["esearchresult"]["idlist"]
    if not isinstance(ids, list) or not all(_is_pmid(i) for i in ids):
        raise ValueError("idlist is not a list of PMIDs")
    return [str(i) for i in ids]


def _is_pmid(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return False
    return str(value).isascii() and str(value).isdigit() and len(str(value)) <= 12


def _failure(reply: HttpReply) -> str:
    if reply.status is None:
        return f"PubMed unreachable: {reply.error}"
    if reply.error and reply.status == 200:
        return f"PubMed {reply.error}"
    return f"PubMed answered {reply.error or f'HTTP {reply.status}'}"


_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)


def abstract_from_efetch(xml: str, pmid: str) -> Lookup[Abstract]:
    """The abstract of ``pmid`` in an efetch ``PubmedArticleSet`` answer.

    Structured abstracts become one paragraph per ``AbstractText``, ``LABEL: text``.
    """
    if _ENTITY_DECLARATION.search(xml):
        return Lookup.unavailable("PubMed answered XML that declares entities; not parsed")
    try:
        root = ET.fromstring(xml.encode("utf-8"))
    except ET.ParseError:
        return Lookup.unavailable("PubMed answered with malformed XML")
    for article in root.iter("PubmedArticle"):
        if (article.findtext("MedlineCitation/PMID") or "").strip() != pmid:
            continue
        paragraphs = []
        for part in article.iterfind("MedlineCitation/Article/Abstract/AbstractText"):
            text = plain_text("".join(part.itertext()))
            label = (part.get("Label") or "").strip()
            if text:
                paragraphs.append(f"{label}: {text}" if label else text)
        if not paragraphs:
            return Lookup.not_found(f"PubMed {pmid} has no abstract")
        return Lookup.found(Abstract("\n\n".join(paragraphs), "pubmed", pmid))
    return Lookup.not_found(f"PubMed has no record {pmid}")


def _result(reply: HttpReply) -> dict[str, Any] | str:
    if not reply.ok:
        return _failure(reply)
    try:
        body = json.loads(reply.text)
    except (ValueError, RecursionError):
        return "PubMed answered with malformed JSON"
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, dict):
        return "PubMed answered without a result"
    return result


def summary_lookup(result: dict[str, Any] | str, pmid: str) -> Lookup[PubmedRecord]:
    """What an esummary ``result`` says about ``pmid``: its record, "not found" when PubMed
    says it has none (an ``error`` entry for that id), else *unavailable*."""
    if isinstance(result, str):
        return Lookup.unavailable(result)
    item = result.get(pmid)
    if item is None:
        return Lookup.unavailable(f"PubMed's answer does not mention PMID {pmid}")
    if not isinstance(item, dict):
        return Lookup.unavailable(f"PubMed answered a malformed record for PMID {pmid}")
    if "error" in item:
        error = item["error"]
        if isinstance(error, str) and error.strip():
            return Lookup.not_found(f"PubMed: {error.strip()[:200]}")
        return Lookup.unavailable(f"PubMed answered a malformed error for PMID {pmid}")
    try:
        record = pubmed_from_summary(item)
    except ValueError as exc:
        return Lookup.unavailable(f"PubMed answered a malformed record for PMID {pmid}: {exc}")
    if record.pmid != pmid:
        return Lookup.unavailable(f"PubMed answered record {record.pmid[:20]} for PMID {pmid}")
    return Lookup.found(record)


NAME = re.compile(r"^(?P<family>.+?)\s+(?P<given>[A-Z]{1,4})$")


def _author(name: str) -> Author:
    """``"Scalfani VF"`` → ``Author("Scalfani", "VF")``."""
    m = NAME.match(name.strip())
    if not m:
        return Author(name.strip())
    return Author(m.group("family"), m.group("given"))


def _str(item: Mapping[str, Any], key: str) -> str:
    """A text field; a number is read as its digits; anything else (null, a list) is ""."""
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value).strip()


def _list_of_dicts(item: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{key} is not a list of objects")
    return value


def pubmed_from_summary(item: Mapping[str, Any]) -> PubmedRecord:
    """One esummary record. Raises ``ValueError`` when ``authors``, ``articleids`` or
    ``pubtype`` (which decide verdicts) have the wrong shape; a list of authors with a
    nameless one is not compared (authors empty)."""
    ids = {
        str(a.get("idtype")): a["value"]
        for a in _list_of_dicts(item, "articleids")
        if isinstance(a.get("value"), str)
    }
    pubtypes = item.get("pubtype") or []
    if not isinstance(pubtypes, list) or not all(isinstance(t, str) for t in pubtypes):
        raise ValueError("pubtype is not a list of strings")
    authors: list[Author] = []
    for a in _list_of_dicts(item, "authors"):
        name, kind = a.get("name"), a.get("authtype", "Author")
        if kind != "Author":
            continue
        if not isinstance(name, str) or not name.strip():
            authors = []
            break
        authors.append(_author(name))
    year = re.match(r"\d{4}", _str(item, "pubdate"))
    doi = ids.get("doi")
    return PubmedRecord(
        pmid=_str(item, "uid"),
        title=_str(item, "title").rstrip("."),
        authors=tuple(authors),
        year=int(year.group(0)) if year else None,
        journal=_str(item, "source"),
        journal_full=_str(item, "fulljournalname"),
        volume=_str(item, "volume"),
        issue=_str(item, "issue"),
        pages=_str(item, "pages"),
        doi=doi.strip() or None if doi else None,
        pubtypes=tuple(pubtypes),
    )
