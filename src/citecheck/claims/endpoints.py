"""Endpoints and statistics of clinical papers, and where a text names them.

The table is small and documented in ``docs/claims.md``; a claim file can add entries
(``endpoints:``), and library callers pass their own tuple. An entry is named by its
abbreviation (case-sensitive, a whole word: ``PFS``) or its full name (any case, hyphen or
space: ``progression-free survival``). Names that share a head word may be coordinated:
"progression-free and overall survival" names PFS and OS.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from citecheck.claims.model import EndpointMention
from citecheck.model import Span


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One entry of the endpoint table.

    ``dimension`` is the kind of value the endpoint takes (``time``, ``proportion``) or
    ``None`` for any; a number is tied to an endpoint only if its unit fits. ``level``: a
    percentage written before the abbreviation belongs to it (``95% CI``). ``needs_relation``:
    named only when a comparator or ``=`` follows (``P < .001``).
    """

    key: str
    name: str
    abbreviations: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    dimension: str | None = None
    level: bool = False
    needs_relation: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)


DEFAULT_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("PFS", "progression-free survival", ("PFS",), dimension="time"),
    Endpoint("OS", "overall survival", ("OS",), dimension="time"),
    Endpoint("DFS", "disease-free survival", ("DFS",), dimension="time"),
    Endpoint("EFS", "event-free survival", ("EFS",), dimension="time"),
    Endpoint(
        "RFS",
        "relapse-free survival",
        ("RFS",),
        ("recurrence-free survival",),
        dimension="time",
    ),
    Endpoint("DSS", "disease-specific survival", ("DSS",), dimension="time"),
    Endpoint("CSS", "cancer-specific survival", ("CSS",), dimension="time"),
    Endpoint("TTP", "time to progression", ("TTP",), dimension="time"),
    Endpoint("DOR", "duration of response", ("DOR", "DoR"), dimension="time"),
    Endpoint(
        "ORR",
        "overall response rate",
        ("ORR",),
        ("objective response rate",),
        dimension="proportion",
    ),
    Endpoint("DCR", "disease control rate", ("DCR",), dimension="proportion"),
    Endpoint("CR", "complete response", ("CR",), ("complete remission",)),
    Endpoint("HR", "hazard ratio", ("HR",), dimension="ratio"),
    Endpoint("OR", "odds ratio", ("OR",), dimension="ratio"),
    Endpoint("RR", "relative risk", ("RR",), ("risk ratio",), dimension="ratio"),
    Endpoint("CI", "confidence interval", ("CI",), level=True),
    Endpoint("IQR", "interquartile range", ("IQR",)),
    Endpoint("SD", "standard deviation", ("SD",)),
    Endpoint("P", "P value", ("P", "p"), ("p-value",), dimension="ratio", needs_relation=True),
)

_SEP = r"[\s\-‐‑]+"
_RELATION = re.compile(r"\s*(?:[<>=≤≥]|<=|>=)")
_LEVEL = re.compile(r"[0-9]{2}(?:\.[0-9]+)?\s*%\s*$")
_COORD_GAP = re.compile(
    r"\s*(?:,\s*(?:and|or)?|and|or|/)\s*(?:(?:median|mean|the)\s+)*", re.IGNORECASE
)


def _name_rx(name: str) -> str:
    words = re.split(r"[\s\-]+", name)
    return _SEP.join(re.escape(w) for w in words) + "s?"


def accepts(endpoint: Endpoint | None, dimension: str | None) -> bool:
    """Whether a value of ``dimension`` (``None``: a bare number) can measure ``endpoint``."""
    if endpoint is None or endpoint.dimension is None:
        return True
    if endpoint.dimension == "ratio":
        return dimension is None
    return dimension == endpoint.dimension


def endpoint_by_key(
    key: str | None, endpoints: Sequence[Endpoint] | EndpointTable
) -> Endpoint | None:
    items = endpoints.endpoints if isinstance(endpoints, EndpointTable) else endpoints
    for endpoint in items:
        if endpoint.key == key:
            return endpoint
    return None


@dataclass(frozen=True)
class EndpointTable:
    """An endpoint table with its patterns compiled once (see :func:`compile_endpoints`)."""

    endpoints: tuple[Endpoint, ...]
    names: tuple[tuple[str, re.Pattern[str], str], ...]  # (key, full-name pattern, probe)
    abbreviations: tuple[tuple[Endpoint, re.Pattern[str], str], ...]  # (…, abbreviation)
    # (whole, one modifier, the modifiers' keys, the head word as a cheap probe)
    coordinated: tuple[tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], str], ...]


def compile_endpoints(endpoints: Sequence[Endpoint] | EndpointTable) -> EndpointTable:
    """Compile the patterns of an endpoint table (a compiled table is returned as it is)."""
    if isinstance(endpoints, EndpointTable):
        return endpoints
    return _compile_table(tuple(endpoints))


@lru_cache(maxsize=16)
def _compile_table(endpoints: tuple[Endpoint, ...]) -> EndpointTable:
    names = tuple(
        (
            e.key,
            re.compile(rf"(?<![\w\-]){_name_rx(name)}(?![\w\-])", re.IGNORECASE),
            re.split(r"[\s\-]+", name)[0].lower(),
        )
        for e in endpoints
        for name in e.names
    )
    abbreviations = tuple(
        (e, re.compile(rf"(?<![\w\-]){re.escape(abbr)}(?![\w\-])"), abbr)
        for e in endpoints
        for abbr in e.abbreviations
    )
    return EndpointTable(tuple(endpoints), names, abbreviations, _coordination_patterns(endpoints))


def find_endpoints(
    text: str,
    start: int = 0,
    end: int | None = None,
    endpoints: Sequence[Endpoint] | EndpointTable = DEFAULT_ENDPOINTS,
) -> tuple[EndpointMention, ...]:
    """Where ``text[start:end]`` names an endpoint, in reading order, without overlaps."""
    end = len(text) if end is None else end
    table = compile_endpoints(endpoints)
    found: list[EndpointMention] = []
    found += _coordinated(text, start, end, table)
    chunk = text[start:end]
    lowered = chunk.lower()
    for key, rx, probe in table.names:
        if probe not in lowered:  # a cheap test first: most sentences name no endpoint
            continue
        found += [
            EndpointMention(key, Span(m.start(), m.end())) for m in rx.finditer(text, start, end)
        ]
    for endpoint, rx, abbr in table.abbreviations:
        if abbr not in chunk:
            continue
        for m in rx.finditer(text, start, end):
            if endpoint.needs_relation and not _RELATION.match(text, m.end()):
                continue
            begin = m.start()
            if endpoint.level:
                level = _LEVEL.search(text, max(start, begin - 8), begin)
                begin = level.start() if level else begin
            found.append(EndpointMention(endpoint.key, Span(begin, m.end())))
    return _without_overlaps(found)


def _coordination_patterns(
    endpoints: Sequence[Endpoint],
) -> tuple[tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], str], ...]:
    """Per head word: the coordination pattern, the one-modifier pattern, the modifiers' keys
    and the head word itself."""
    heads: dict[str, list[tuple[str, str]]] = {}
    for endpoint in endpoints:
        for name in endpoint.names:
            words = re.split(r"[\s\-]+", name)
            if len(words) >= 2:
                modifier = _SEP.join(re.escape(w) for w in words[:-1])
                heads.setdefault(words[-1].lower(), []).append((modifier, endpoint.key))
    patterns = []
    for head, modifiers in heads.items():
        one = "(?:" + "|".join(f"({m})" for m, _ in modifiers) + ")"
        whole = re.compile(
            rf"(?<![\w\-]){one}(?:\s*,\s*{one})*\s*,?\s*(?:and|or)\s+{one}{_SEP}"
            rf"{re.escape(head)}s?(?![\w\-])",
            re.IGNORECASE,
        )
        item = re.compile(rf"(?<![\w\-]){one}(?![\w])", re.IGNORECASE)
        patterns.append((whole, item, tuple(key for _, key in modifiers), head))
    return tuple(patterns)


def _coordinated(text: str, start: int, end: int, table: EndpointTable) -> list[EndpointMention]:
    """ "progression-free and overall survival": one mention per coordinated modifier."""
    found: list[EndpointMention] = []
    lowered = text[start:end].lower()
    for whole, item, keys, head in table.coordinated:
        if head not in lowered:  # a cheap test first, as for the names
            continue
        for m in whole.finditer(text, start, end):
            parts = list(item.finditer(text, m.start(), m.end()))
            for part in parts:
                index = next(i for i, g in enumerate(part.groups()) if g is not None)
                found.append(EndpointMention(keys[index], Span(part.start(), part.end())))
            if parts:
                last = found[-1]
                found[-1] = EndpointMention(last.key, Span(last.span.start, m.end()))
    return found


def _without_overlaps(mentions: list[EndpointMention]) -> tuple[EndpointMention, ...]:
    """Keep the earliest, then longest, of overlapping mentions."""
    kept: list[EndpointMention] = []
    for mention in sorted(mentions, key=lambda x: (x.span.start, -len(x.span))):
        if kept and mention.span.start < kept[-1].span.end:
            continue
        kept.append(mention)
    return tuple(kept)


def coordinated_groups(
    text: str, mentions: Sequence[EndpointMention]
) -> list[list[EndpointMention]]:
    """Runs of mentions joined by commas, "and", "or" or "/" ("PFS and median OS")."""
    groups: list[list[EndpointMention]] = []
    for mention in mentions:
        if groups:
            gap = text[groups[-1][-1].span.end : mention.span.start]
            if _COORD_GAP.fullmatch(gap):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups
