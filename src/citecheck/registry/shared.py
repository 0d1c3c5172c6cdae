"""One registry for a whole run: every definite answer is kept, so that a question asked for
one manuscript is not asked again for the next (the same DOI cited by ten manuscripts is
fetched once, a search string or a citation asked once).

:class:`SharedRegistry` wraps any registry; the command line opens one per run
(:func:`citecheck.registry.open.open_run_registry`) and hands it to every manuscript's
check. Answers that were *unavailable* are not kept (they may be asked again). Each answer
served from here counts as ``reused`` in the run's traffic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from citecheck.registry.ecitmatch import CitationQuery, ask_ecitmatch
from citecheck.registry.protocol import Registry
from citecheck.registry.records import Abstract, Lookup, PubmedRecord, WorkRecord
from citecheck.registry.traffic import Meter

T = TypeVar("T")


class SharedRegistry:
    """``inner`` with a run-wide memory of its definite answers (thread-safe)."""

    def __init__(self, inner: Registry) -> None:
        self._inner = inner
        self._lock = threading.Lock()
        self._answers: dict[Hashable, Lookup[Any]] = {}
        self._batched: dict[str, WorkRecord | None] = {}  # DOI → record, None: not in a batch
        self.meter: Meter | None = getattr(inner, "meter", None)

    def _reused(self, count: int = 1) -> None:
        if self.meter is not None and count:
            self.meter.reused(count)

    def _one(self, key: Hashable, ask: Callable[[], Lookup[T]]) -> Lookup[T]:
        with self._lock:
            known = self._answers.get(key)
        if known is not None:
            self._reused()
            return known
        answer = ask()
        if not answer.is_unavailable:
            with self._lock:
                self._answers[key] = answer
        return answer

    def _many(
        self, kind: str, keys: Sequence[T], ask: Callable[[list[T]], dict[T, Lookup[Any]]]
    ) -> dict[T, Lookup[Any]]:
        with self._lock:
            known = {k: self._answers[(kind, k)] for k in keys if (kind, k) in self._answers}
        missing = [k for k in dict.fromkeys(keys) if k not in known]
        self._reused(len(known))
        answers = ask(missing) if missing else {}
        with self._lock:
            for k, answer in answers.items():
                if not answer.is_unavailable:
                    self._answers[(kind, k)] = answer
        return {**known, **answers}

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        return self._one(("work", doi.lower()), lambda: self._inner.work_by_doi(doi))

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        with self._lock:
            known = {d: self._batched[d] for d in dois if d in self._batched}
        missing = [d for d in dict.fromkeys(dois) if d not in known]
        self._reused(len(known))
        found = self._inner.works_batch(missing) if missing else {}
        with self._lock:
            for d in missing:
                self._batched[d] = found.get(d)
        return {d: w for d, w in {**known, **found}.items() if w is not None}

    def doi_agency(self, doi: str) -> Lookup[str]:
        return self._one(("agency", doi.lower()), lambda: self._inner.doi_agency(doi))

    def work_by_doi_at(self, agency: str, doi: str) -> Lookup[WorkRecord]:
        key = ("work", agency, doi.lower())
        return self._one(key, lambda: self._inner.work_by_doi_at(agency, doi))

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        key = ("search", rows, " ".join(text.split()))
        return self._one(key, lambda: self._inner.search_bibliographic(text, rows))

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        return self._many("pubmed", pmids, self._inner.pubmed_summaries)

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> dict[CitationQuery, Lookup[str]]:
        return self._many("ecitmatch", queries, lambda qs: ask_ecitmatch(self._inner, qs))

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        return self._one(("pmid-for-doi", doi.lower()), lambda: self._inner.pmid_for_doi(doi))

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        return self._one(("abstract", pmid), lambda: self._inner.pubmed_abstract(pmid))

    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]:
        key = ("europepmc", (doi or "").lower(), pmid)
        return self._one(key, lambda: self._inner.europepmc_abstract(doi, pmid))
