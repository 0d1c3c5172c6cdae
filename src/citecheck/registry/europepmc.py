"""Europe PMC's REST ``search`` for abstracts, over the shared session. Raw JSON stays here.

``GET {base}/search?query=DOI:"10.x/y"&resultType=core&format=json`` (or
``query=EXT_ID:<pmid> AND SRC:MED``); ``resultType=core`` carries ``abstractText`` (HTML
markup: ``<h4>``, ``<i>``, ``<sup>``), ``lite`` does not. Europe PMC documents no key and
no rate limit; citecheck keeps to :data:`~citecheck.registry.settings.EUROPEPMC_RATE`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from citecheck.registry.normalize import abstract_from_markup
from citecheck.registry.pacing import Gate
from citecheck.registry.records import Abstract, Lookup
from citecheck.registry.transport import Transport, fetch, keep


class EuropePmcClient:
    def __init__(
        self, transport: Transport, base_url: str, gate: Gate, *, email: str | None = None
    ) -> None:
        self._transport = transport
        self._base = base_url.rstrip("/")
        self._gate = gate
        self._params = {"email": email} if email else {}

    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]:
        """The abstract of the record with this DOI (or, without one, this PMID)."""
        if not doi and not pmid:
            return Lookup.not_found("no DOI or PMID to search Europe PMC by")
        query = f'DOI:"{doi}"' if doi else f"EXT_ID:{pmid} AND SRC:MED"
        params = {**self._params, "query": query, "resultType": "core", "format": "json"}
        params["pageSize"] = "5"
        reply = fetch(self._transport, self._gate, f"{self._base}/search", params)
        if reply.status is None:
            return Lookup.unavailable(f"Europe PMC unreachable: {reply.error}")
        if not reply.ok:
            return Lookup.unavailable(f"Europe PMC answered {reply.error or reply.status}")
        try:
            body = json.loads(reply.text)
            results = body["resultList"]["result"]
        except (ValueError, KeyError, TypeError, RecursionError):
            return Lookup.unavailable("Europe PMC answered with an unexpected shape")
        if not isinstance(results, list):
            return Lookup.unavailable("Europe PMC answered with an unexpected shape")
        keep(self._transport, reply)
        return abstract_from_results(results, doi=doi, pmid=pmid)


def abstract_from_results(
    results: Any, *, doi: str | None = None, pmid: str | None = None
) -> Lookup[Abstract]:
    """The abstract of the result that is the work asked for (same DOI or PMID)."""
    wanted = f"DOI {doi}" if doi else f"PMID {pmid}"
    for item in results if isinstance(results, list) else ():
        if not isinstance(item, Mapping) or not _is_it(item, doi, pmid):
            continue
        markup = item.get("abstractText")
        if not isinstance(markup, str) or not markup.strip():
            return Lookup.not_found(f"the Europe PMC record of {wanted} has no abstract")
        text = abstract_from_markup(markup)
        return Lookup.found(Abstract(text, "europepmc", doi or str(pmid)))
    return Lookup.not_found(f"no Europe PMC record for {wanted}")


def _is_it(item: Mapping[str, Any], doi: str | None, pmid: str | None) -> bool:
    if doi:
        return str(item.get("doi", "")).lower() == doi.lower()
    return str(item.get("pmid", "")) == str(pmid)
