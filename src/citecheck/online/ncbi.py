"""NCBI E-utilities ``esummary`` for PubMed, over the shared session. Raw JSON stays here."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Author
from .pacing import Gate
from .records import Lookup, PubmedRecord
from .transport import Transport, fetch

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
