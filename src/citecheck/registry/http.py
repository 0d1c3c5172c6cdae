"""The real registry over HTTP: Crossref, NCBI, Europe PMC and DataCite behind one
``requests.Session``.

:func:`http_registry` builds the clients for an :class:`OnlineOptions` and puts them together
as a :class:`~citecheck.registry.protocol.Registries`; :func:`open_session` makes the session
(a ``requests_cache.CachedSession`` when caching is on). Tests pass fakes; the lockfile module
provides a recording and a replaying registry.
"""

from __future__ import annotations

import random
import time
from importlib import metadata

import requests

from citecheck.registry.body import BodyLimits
from citecheck.registry.crossref import CrossrefClient
from citecheck.registry.datacite import DataciteClient
from citecheck.registry.europepmc import EuropePmcClient
from citecheck.registry.guard import RunGuard
from citecheck.registry.ncbi import PubmedClient
from citecheck.registry.pacing import Clock, Gate, InFlight, RetryPolicy, Sleep
from citecheck.registry.protocol import Registries
from citecheck.registry.settings import (
    DATACITE_RATE,
    EUROPEPMC_RATE,
    PROJECT_URL,
    OnlineOptions,
)
from citecheck.registry.transport import Transport


def user_agent(email: str | None) -> str:
    """``citecheck/<version> (<url>; mailto:<email>)``, as Crossref's etiquette asks."""
    try:
        version = metadata.version("citecheck-audit")
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    contact = f"{PROJECT_URL}; mailto:{email}" if email else PROJECT_URL
    return f"citecheck/{version} ({contact}) python-requests/{requests.__version__}"


def open_session(config: OnlineOptions) -> requests.Session:
    """One session for every request: cached on disk unless disabled. The session never
    stores an answer by itself (``filter_fn``): the transport stores the 200 answers of the
    expected content type that a client could read (:func:`~.transport.keep`)."""
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
            filter_fn=_store_nothing,
        )
    else:
        session = requests.Session()
    return session


def _store_nothing(response: requests.Response) -> bool:
    return False


def http_registry(
    config: OnlineOptions,
    session: requests.Session,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    rng: random.Random | None = None,
) -> Registries:
    """The real registry for ``config``, paced by its pool limits (sets the User-Agent).
    A service asked anywhere but at its public host follows the limits it announces."""
    session.headers["User-Agent"] = user_agent(config.email)
    transport = Transport(
        session=session,
        timeout=config.timeout,
        policy=RetryPolicy(attempts=config.attempts),
        sleep=sleep,
        clock=clock,
        rng=rng or random.Random(),
        request_deadline=config.request_deadline,
        limits=BodyLimits(
            max_bytes=int(config.max_response_mb * 1048576),
            max_decoded=int(config.max_decoded_mb * 1048576),
        ),
        guard=RunGuard(config.deadline, clock, config.breaker_failures),
    )
    limits, spec = config.crossref_limits, config.registry
    crossref = CrossrefClient.with_limits(
        transport,
        spec.crossref_url,
        single_rate=limits.single_rate,
        list_rate=limits.list_rate,
        concurrency=limits.concurrency,
        email=config.email,
        follow=not spec.public_crossref,
    )
    follow = not spec.public_ncbi
    ncbi_gate = Gate(
        "ncbi", config.ncbi_limit, InFlight(3), clock=clock, sleep=sleep, follow=follow
    )
    pubmed = PubmedClient(
        transport,
        config.registry.ncbi_url,
        ncbi_gate,
        email=config.email,
        api_key=config.ncbi_api_key,
    )
    follow = not spec.public_europepmc
    epmc_gate = Gate(
        "europepmc", EUROPEPMC_RATE, InFlight(2), clock=clock, sleep=sleep, follow=follow
    )
    europepmc = EuropePmcClient(
        transport, config.registry.europepmc_url, epmc_gate, email=config.email
    )
    follow = not spec.public_datacite
    datacite_gate = Gate(
        "datacite", DATACITE_RATE, InFlight(2), clock=clock, sleep=sleep, follow=follow
    )
    datacite = DataciteClient(transport, spec.datacite_url, datacite_gate)
    return Registries(crossref, pubmed, europepmc, meter=transport.meter, datacite=datacite)
