"""NCBI's batch citation matcher (E-utilities ``ecitmatch.cgi``): citations in, PMIDs out.

One request carries many citations, one per line (lines joined by a carriage return)::

    journal|year|volume|first_page|author|key|

and the answer is plain text (whatever ``retmode`` says), one line per citation: the line
as sent with the outcome appended — a PMID, ``NOT_FOUND``, ``NOT_FOUND;INVALID_JOURNAL``,
``AMBIGUOUS (12 citations)`` or ``AMBIGUOUS 123,456``. Third-party clients report that a
miss may drop the author field, and that the answer may stop early (after a line without a
journal that matched nothing), so lines are found by their key, and a citation the answer
does not mention is *unavailable* (asked again some other way), never "not found".

A PMID from here is only a candidate: the caller judges its PubMed record against the
printed reference before anything rests on it. Raw answers stay in this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote_plus

from citecheck.registry.records import Lookup

MAX_BDATA = 4000  # URL-encoded characters of citation lines per GET (URL well under 8 kB)
_UNSAFE = re.compile(r"[|\r\n\t]+")
_PUNCTUATION = re.compile(r"[^\w&+\s-]+")


@dataclass(frozen=True)
class CitationQuery:
    """What ECitMatch matches on, as printed: journal (title or abbreviation), year, volume,
    first page and first author (``"mann bj"``)."""

    journal: str
    year: str
    volume: str
    first_page: str
    author: str = ""

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(
            _clean(v) for v in (self.journal, self.year, self.volume, self.first_page, self.author)
        )

    @property
    def key(self) -> str:
        """The question as one normalised string (the lockfile's and the run cache's key)."""
        return "|".join(self.fields)


def _clean(value: str) -> str:
    """Lower case, ASCII, no pipes or line breaks, no punctuation but ``&`` and ``-``."""
    text = unicodedata.normalize("NFKD", value)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _PUNCTUATION.sub(" ", _UNSAFE.sub(" ", text))
    return " ".join(text.split())


def bdata_lines(queries: Sequence[CitationQuery]) -> list[tuple[str, CitationQuery]]:
    """One ``journal|year|volume|first_page|author|key|`` line per distinct question; the
    key is the question's position (``c0``, ``c1``, …)."""
    distinct = list(dict.fromkeys(queries))
    return [("|".join((*q.fields, f"c{i}")) + "|", q) for i, q in enumerate(distinct)]


def chunks(lines: Sequence[tuple[str, CitationQuery]]) -> list[list[tuple[str, CitationQuery]]]:
    """Lines grouped so that each request's ``bdata`` stays within :data:`MAX_BDATA`."""
    out: list[list[tuple[str, CitationQuery]]] = []
    size = 0
    for line in lines:
        length = len(quote_plus(line[0])) + 3  # and the %0D between lines
        if not out or size + length > MAX_BDATA:
            out.append([])
            size = 0
        out[-1].append(line)
        size += length
    return out


_PMID = re.compile(r"[0-9]{1,12}")


def answers_from_text(
    text: str, sent: Sequence[tuple[str, CitationQuery]]
) -> dict[CitationQuery, Lookup[str]]:
    """What an ECitMatch answer says about each citation sent: its PMID (found), no single
    match (not found, with NCBI's words), or nothing (unavailable)."""
    keys = {line.rsplit("|", 2)[-2]: q for line, q in sent}
    out: dict[CitationQuery, Lookup[str]] = {}
    for raw in text.splitlines()[: 4 * len(sent) + 10]:
        parts = [p.strip() for p in raw.strip().split("|")]
        if len(parts) < 2:
            continue
        outcome = parts[-1]
        key = next((p for p in reversed(parts[:-1]) if p in keys), None)
        if key is None or keys[key] in out:
            continue
        out[keys[key]] = outcome_lookup(outcome[:200])
    for _line, q in sent:
        out.setdefault(q, Lookup.unavailable("PubMed's citation matcher did not answer for it"))
    return out


def outcome_lookup(outcome: str) -> Lookup[str]:
    """One line's outcome: a PMID, or why there is none."""
    if _PMID.fullmatch(outcome):
        return Lookup.found(outcome)
    upper = outcome.upper()
    if upper.startswith("NOT_FOUND"):
        why = "journal unknown to PubMed" if "INVALID_JOURNAL" in upper else "no match"
        return Lookup.not_found(f"PubMed citation matcher: {why}")
    if upper.startswith("AMBIGUOUS"):
        return Lookup.not_found(f"PubMed citation matcher: {outcome} (no single match)")
    return Lookup.unavailable("PubMed's citation matcher answered something unreadable")


def ask_ecitmatch(
    registry: object, queries: Sequence[CitationQuery]
) -> dict[CitationQuery, Lookup[str]]:
    """``registry.ecitmatch(queries)``; a registry written before the citation matcher (a
    fake, a third-party backend) answers *unavailable*, and its references are searched."""
    if not queries:
        return {}
    ask = getattr(registry, "ecitmatch", None)
    if ask is None:
        return {q: Lookup.unavailable("no citation matcher is configured") for q in queries}
    answers: dict[CitationQuery, Lookup[str]] = ask(queries)
    return answers
