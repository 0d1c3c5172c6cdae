"""The registry behind one small interface, and the real implementation over HTTP.

Everything that verification asks a registry goes through :class:`Registry`. The real
:class:`HttpRegistry` talks to Crossref and NCBI over one ``requests.Session`` (a
``requests_cache.CachedSession`` when caching is on); tests pass fakes, and the lockfile
module provides a recording and a replaying registry.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Protocol

import requests

from citecheck.registry.crossref import CrossrefClient
from citecheck.registry.europepmc import EuropePmcClient
from citecheck.registry.limits import EUROPEPMC_RATE, PROJECT_URL, OnlineConfig
from citecheck.registry.ncbi import PubmedClient
from citecheck.registry.pacing import Clock, Gate, InFlight, RetryPolicy, Sleep
from citecheck.registry.records import Abstract, Lookup, PubmedRecord, WorkRecord
from citecheck.registry.transport import Transport
from citecheck.verify.abstracts import AbstractRegistry


class Registry(AbstractRegistry, Protocol):
    """What verification needs from Crossref and PubMed (and, through
    :class:`~citecheck.verify.abstracts.AbstractRegistry`, what checking claims against
    abstracts needs). Lookups never raise for IO."""

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]: ...

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        """Works found for many DOIs at once; DOIs missing here are asked one by one."""
        ...

    def doi_agency(self, doi: str) -> Lookup[str]: ...

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]: ...

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]: ...


@dataclass(frozen=True)
class HttpRegistry:
    """Crossref, PubMed and Europe PMC over HTTP."""

    crossref: CrossrefClient
    pubmed: PubmedClient
    europepmc: EuropePmcClient | None = None

    def work_by_doi(self, doi: str) -> Lookup[WorkRecord]:
        return self.crossref.work_by_doi(doi)

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        return self.crossref.works_batch(dois)

    def doi_agency(self, doi: str) -> Lookup[str]:
        return self.crossref.doi_agency(doi)

    def search_bibliographic(self, text: str, rows: int = 5) -> Lookup[tuple[WorkRecord, ...]]:
        return self.crossref.search_bibliographic(text, rows)

    def pubmed_summaries(self, pmids: Sequence[str]) -> dict[str, Lookup[PubmedRecord]]:
        return self.pubmed.pubmed_summaries(pmids)

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        return self.pubmed.pmid_for_doi(doi)

    def pubmed_abstract(self, pmid: str) -> Lookup[Abstract]:
        return self.pubmed.pubmed_abstract(pmid)

    def europepmc_abstract(
        self, doi: str | None = None, pmid: str | None = None
    ) -> Lookup[Abstract]:
        if self.europepmc is None:
            return Lookup.unavailable("Europe PMC is not configured")
        return self.europepmc.europepmc_abstract(doi, pmid)


def user_agent(email: str | None) -> str:
    """``citecheck/<version> (<url>; mailto:<email>)``, as Crossref's etiquette asks."""
    try:
        version = metadata.version("citecheck-audit")
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    contact = f"{PROJECT_URL}; mailto:{email}" if email else PROJECT_URL
    return f"citecheck/{version} ({contact}) python-requests/{requests.__version__}"


def open_session(config: OnlineConfig) -> requests.Session:
    """One session for every request: cached on disk (200 answers only) unless disabled."""
    session: requests.Session
    if config.cache:
        import requests_cache

        path = config.cache_path()
        path.mkdir(parents=True, exist_ok=True)
        session = requests_cache.CachedSession(
            str(path / "http-cache"),
            backend="sqlite",
            expire_after=config.cache_ttl_days * 86400,
            allowable_codes=(200,),  # 404, 429, 5xx and timeouts are never stored
            allowable_methods=("GET",),
            stale_if_error=False,
        )
    else:
        session = requests.Session()
    return session


def http_registry(
    config: OnlineConfig,
    session: requests.Session,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    rng: random.Random | None = None,
) -> HttpRegistry:
    """The real registry for ``config``, paced by its pool limits (sets the User-Agent)."""
    session.headers["User-Agent"] = user_agent(config.email)
    transport = Transport(
        session=session,
        timeout=config.timeout,
        policy=RetryPolicy(attempts=config.attempts),
        sleep=sleep,
        clock=clock,
        rng=rng or random.Random(),
    )
    limits = config.crossref_limits
    crossref = CrossrefClient.with_limits(
        transport,
        config.crossref_url,
        single_rate=limits.single_rate,
        list_rate=limits.list_rate,
        concurrency=limits.concurrency,
        email=config.email,
    )
    ncbi_gate = Gate("ncbi", config.ncbi_limit, InFlight(3), clock=clock, sleep=sleep)
    pubmed = PubmedClient(
        transport, config.ncbi_url, ncbi_gate, email=config.email, api_key=config.ncbi_api_key
    )
    epmc_gate = Gate("europepmc", EUROPEPMC_RATE, InFlight(2), clock=clock, sleep=sleep)
    europepmc = EuropePmcClient(transport, config.europepmc_url, epmc_gate, email=config.email)
    return HttpRegistry(crossref, pubmed, europepmc)
