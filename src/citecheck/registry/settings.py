"""Settings for online verification: which registry, and how to reach it. Frozen data,
passed in, never read at import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CROSSREF_URL = "https://api.crossref.org"
NCBI_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
EUROPEPMC_URL = "https://www.ebi.ac.uk/europepmc/webservices/rest"
DATACITE_URL = "https://api.datacite.org"
PROJECT_URL = "https://pypi.org/project/citecheck-audit/"


@dataclass(frozen=True)
class PoolLimits:
    """Requests per second for single records and lists, and requests in flight."""

    single_rate: float
    list_rate: float
    concurrency: int


# Crossref's limits from 2025-12-01 (Crossref blog, 2025-11-05; see docs/online.md).
CROSSREF_POLITE = PoolLimits(single_rate=10.0, list_rate=3.0, concurrency=3)
CROSSREF_PUBLIC = PoolLimits(single_rate=5.0, list_rate=1.0, concurrency=1)
NCBI_RATE_WITHOUT_KEY = 3.0
NCBI_RATE_WITH_KEY = 10.0
EUROPEPMC_RATE = 5.0  # no documented limit; third-party guides say ~10/s per IP (unverified)
# DataCite limits per IP over 5 minutes; a third-party summary (unverified) gives 1,000
# requests for clients that give an e-mail (User-Agent or mailto): 3.3/s. Kept well below.
DATACITE_RATE = 2.0


def same_host(url: str, home: str) -> bool:
    """Whether ``url`` is on the host of ``home`` (scheme and port aside)."""
    try:
        return (urlsplit(url).hostname or "").lower() == (urlsplit(home).hostname or "")
    except ValueError:
        return False


@dataclass(frozen=True)
class RegistrySpec:
    """Which registry answers, as plain picklable data: Crossref, NCBI, Europe PMC and
    DataCite over HTTP at these URLs (``kind="http"``), the answers recorded in an evidence
    lockfile, with no network (``kind="lockfile"``, ``path``), or a local registry database
    built by ``citecheck registry build`` (``kind="sqlite"``, ``path``). Over HTTP, ``local``
    names a local registry asked first (the live services answer only what it does not hold).
    Opened by :func:`citecheck.registry.open.open_registry`."""

    kind: str = "http"
    crossref_url: str = CROSSREF_URL
    ncbi_url: str = NCBI_URL
    europepmc_url: str = EUROPEPMC_URL
    path: str | None = None
    local: str | None = None  # kind "http": a local registry database asked first
    datacite_url: str = DATACITE_URL  # records of the DOIs DataCite registered

    KINDS = ("http", "lockfile", "sqlite")

    def __post_init__(self) -> None:
        if self.kind not in self.KINDS:
            raise ValueError(f"registry kind must be one of {', '.join(self.KINDS)}")
        if self.kind in ("lockfile", "sqlite") and not self.path:
            raise ValueError(f"a {self.kind} registry needs a path")

    @classmethod
    def http(
        cls,
        crossref_url: str = CROSSREF_URL,
        ncbi_url: str = NCBI_URL,
        europepmc_url: str = EUROPEPMC_URL,
        datacite_url: str = DATACITE_URL,
    ) -> RegistrySpec:
        return cls("http", crossref_url, ncbi_url, europepmc_url, datacite_url=datacite_url)

    @classmethod
    def lockfile(cls, path: str) -> RegistrySpec:
        return cls("lockfile", path=str(path))

    @classmethod
    def sqlite(cls, path: str) -> RegistrySpec:
        return cls("sqlite", path=str(path))

    @property
    def offline(self) -> bool:
        """Whether answering needs no network."""
        return self.kind != "http"

    @property
    def public_crossref(self) -> bool:
        """Whether Crossref is asked at its public host (published limits, never raised)."""
        return same_host(self.crossref_url, CROSSREF_URL)

    @property
    def public_ncbi(self) -> bool:
        return same_host(self.ncbi_url, NCBI_URL)

    @property
    def public_europepmc(self) -> bool:
        return same_host(self.europepmc_url, EUROPEPMC_URL)

    @property
    def public_datacite(self) -> bool:
        return same_host(self.datacite_url, DATACITE_URL)

    @property
    def label(self) -> str:
        if self.kind == "http":
            return f"{self.local} then {self.crossref_url}" if self.local else self.crossref_url
        return f"{self.kind} {self.path}"


@dataclass(frozen=True)
class OnlineOptions:
    """How to verify online: which registry (:class:`RegistrySpec`), who we are, how the HTTP
    session behaves and how fast it may go. Frozen and picklable."""

    registry: RegistrySpec = field(default_factory=RegistrySpec)
    email: str | None = None  # Crossref polite pool and NCBI ``email``
    ncbi_api_key: str | None = None
    cache: bool = True
    cache_dir: str | None = None  # None: the user's cache directory
    cache_ttl_days: float = 30.0
    timeout: tuple[float, float] = (5.0, 30.0)  # connect, read (seconds)
    attempts: int = 4
    deadline: float = 600.0  # seconds for the whole run's requests; then "could not check"
    request_deadline: float = 60.0  # seconds for one request, its body included
    max_response_mb: float = 32.0  # an answer larger (on the wire) is not read
    max_decoded_mb: float = 64.0  # nor one that decompresses to more
    breaker_failures: int = 3  # network failures in a row before a host is given up on
    rows: int = 5  # candidates per bibliographic search
    limits: PoolLimits | None = None  # None: polite limits with an email, public without
    ncbi_rate: float | None = None  # None: 3/s, or 10/s with an API key
    # Configured limits are kept below the published ones at the public hosts; a mirror or
    # local service is paced by them until it announces its own (then it is followed).
    batch_resolution: bool = True  # PMIDs by citation (NCBI), DOIs in batches, then search

    @property
    def polite(self) -> bool:
        return bool(self.email)

    @property
    def crossref_limits(self) -> PoolLimits:
        published = CROSSREF_POLITE if self.polite else CROSSREF_PUBLIC
        if self.limits is None:
            return published
        if self.registry.kind == "http" and self.registry.public_crossref:
            return PoolLimits(
                min(self.limits.single_rate, published.single_rate),
                min(self.limits.list_rate, published.list_rate),
                min(self.limits.concurrency, published.concurrency),
            )
        return self.limits

    @property
    def ncbi_limit(self) -> float:
        published = NCBI_RATE_WITH_KEY if self.ncbi_api_key else NCBI_RATE_WITHOUT_KEY
        if self.ncbi_rate is None:
            return published
        if self.registry.kind == "http" and self.registry.public_ncbi:
            return min(self.ncbi_rate, published)
        return self.ncbi_rate

    def cache_path(self) -> Path:
        """Where the HTTP cache lives (the directory is created when the cache is opened)."""
        if self.cache_dir:
            return Path(self.cache_dir)
        import platformdirs  # a requests-cache dependency; imported only when needed

        return Path(platformdirs.user_cache_dir("citecheck"))
