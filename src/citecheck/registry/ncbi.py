"""NCBI E-utilities for PubMed over the shared session: ``esummary`` (records, JSON),
``efetch`` (abstracts, XML) and ``esearch`` (the PMID of a DOI, JSON). Raw answers stay here.

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
from citecheck.registry.normalize import plain_text
from citecheck.registry.pacing import Gate
from citecheck.registry.records import Abstract, Lookup, PubmedRecord
from citecheck.registry.transport import HttpReply, Transport, fetch

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
        """One lookup per PMID, asked in batches of up to 200."""
        out: dict[str, Lookup[PubmedRecord]] = {}
        wanted = list(dict.fromkeys(p.strip() for p in pmids if p.strip()))
        for start in range(0, len(wanted), BATCH_SIZE):
            chunk = wanted[start : start + BATCH_SIZE]
            params = {**self._params, "db": "pubmed", "id": ",".join(chunk), "retmode": "json"}
            reply = fetch(self._transport, self._gate, f"{self._base}/esummary.fcgi", params)
            result = _result(reply.status, reply.text, reply.error)
            for pmid in chunk:
                if isinstance(result, str):
                    out[pmid] = Lookup.unavailable(result)
                    continue
                item = result.get(pmid)
                if not isinstance(item, dict) or "error" in item:
                    reason = item.get("error") if isinstance(item, dict) else "not in the answer"
                    out[pmid] = Lookup.not_found(f"PubMed: {reason}")
                else:
                    out[pmid] = Lookup.found(pubmed_from_summary(item))
        return out

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        """The abstract of one PubMed record (``efetch``, XML)."""
        pmid = pmid.strip()
        params = {**self._params, "db": "pubmed", "id": pmid, "retmode": "xml"}
        reply = fetch(self._transport, self._gate, f"{self._base}/efetch.fcgi", params)
        if not reply.ok:
            return Lookup.unavailable(_failure(reply))
        return abstract_from_efetch(reply.text, pmid)

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        """The PMID PubMed lists for a DOI (``esearch term=<doi>[doi]``)."""
        params = {**self._params, "db": "pubmed", "term": f"{doi}[doi]", "retmode": "json"}
        reply = fetch(self._transport, self._gate, f"{self._base}/esearch.fcgi", params)
        if not reply.ok:
            return Lookup.unavailable(_failure(reply))
        try:
            body = json.loads(reply.text)
            ids = [str(i) for i in body["esearchresult"]["idlist"]]
        except (ValueError, KeyError, TypeError):
            return Lookup.unavailable("PubMed esearch answered with an unexpected shape")
        if len(ids) == 1:
            return Lookup.found(ids[0])
        if not ids:
            return Lookup.not_found(f"no PubMed record lists DOI {doi}")
        return Lookup.not_found(f"{len(ids)} PubMed records list DOI {doi} ({', '.join(ids[:5])})")


def _failure(reply: HttpReply) -> str:
    if reply.status is None:
        return f"PubMed could not be reached: {reply.error}"
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


def _result(status: int | None, text: str, error: str) -> dict[str, Any] | str:
    if status is None:
        return f"PubMed could not be reached: {error}"
    if status != 200:
        return f"PubMed answered {error or f'HTTP {status}'}"
    try:
        body = json.loads(text)
    except ValueError:
        return "PubMed answered with malformed JSON"
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, dict):
        return "PubMed answered without a result"
    return result


NAME = re.compile(r"^(?P<family>.+?)\s+(?P<given>[A-Z]{1,4})$")


def _author(name: str) -> Author:
    """``"Scalfani VF"`` → ``Author("Scalfani", "VF")``."""
    m = NAME.match(name.strip())
    if not m:
        return Author(name.strip())
    return Author(m.group("family"), m.group("given"))


def pubmed_from_summary(item: Mapping[str, Any]) -> PubmedRecord:
    ids = {
        str(a.get("idtype")): str(a.get("value"))
        for a in item.get("articleids") or ()
        if isinstance(a, dict)
    }
    year = re.match(r"\d{4}", str(item.get("pubdate", "")))
    return PubmedRecord(
        pmid=str(item.get("uid", "")),
        title=str(item.get("title", "")).rstrip("."),
        authors=tuple(
            _author(str(a.get("name", "")))
            for a in item.get("authors") or ()
            if isinstance(a, dict) and a.get("authtype", "Author") == "Author"
        ),
        year=int(year.group(0)) if year else None,
        journal=str(item.get("source", "")),
        journal_full=str(item.get("fulljournalname", "")),
        volume=str(item.get("volume", "")),
        issue=str(item.get("issue", "")),
        pages=str(item.get("pages", "")),
        doi=ids.get("doi") or None,
        pubtypes=tuple(str(t) for t in item.get("pubtype") or ()),
    )
