"""Identifiers (DOI, PMID, PMCID, URL) and notes ("Epub ahead of print", "[abstract]",
"Accessed …") in a reference string, with where each lies in the text."""

from __future__ import annotations

import re

_DOI = re.compile(
    r"(?:\bdoi:?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE
)
_DOI_START = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]")
_PMID = re.compile(r"\b(?:PMID|PubMed(?:\s+PMID)?):?\s*(\d{1,9})\b", re.IGNORECASE)
_PMCID = re.compile(r"\b(?:PMCID:?\s*)?(PMC\d{3,9})\b")
_URL = re.compile(r"<?(https?://[^\s<>]+)>?|\bwww\.[^\s<>]+")
# An arXiv identifier printed after the published source, bracketed or not.
_ARXIV_AFTER = re.compile(r"[\s,;]*\[?\s*arXiv\s*:\s*[\w./-]+", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\b")
# (label, lowercase keyword that must occur, pattern): the keyword spares most searches.
_NOTE_PATTERNS = (
    (
        "Epub ahead of print",
        "epub ahead",
        re.compile(r"\[?\bEpub ahead of print\b\]?\.?", re.IGNORECASE),
    ),
    ("Epub", "epub", re.compile(r"\bEpub\s+\d{4}(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\.?")),
    ("[abstract]", "[abstract]", re.compile(r"\[abstract\]", re.IGNORECASE)),
    ("Accessed", "cited", re.compile(r"\b(?:Cited|\[cited)\b[^.\]]*[.\]]?", re.IGNORECASE)),
    ("Accessed", "accessed", re.compile(r"\bAccessed\b[^.\]]*[.\]]?", re.IGNORECASE)),
)


def find_ids(text: str, low: str) -> tuple[dict[str, tuple[str, int, int]], int]:
    """DOI, PMID, PMCID and URL, with where the identifier block starts in the text."""
    found: dict[str, tuple[str, int, int]] = {}
    cut = len(text)
    m = _search_doi(text)
    if m:
        doi = m.group(1).rstrip(".,;)]>")
        found["doi"] = (doi, m.start(1), m.start(1) + len(doi))
        cut = min(cut, m.start())
    pubmed = "pubmed" in low
    for key, rx in (("pmid", _PMID), ("pmcid", _PMCID)):
        m = rx.search(text) if pubmed or key[:4] in low else None
        if m:
            found[key] = (m.group(1), m.start(1), m.end(1))
            cut = min(cut, m.start())
    m = _ARXIV_AFTER.search(text) if "arxiv" in low else None
    if m and _YEAR_BEFORE.search(text, 0, m.start()):
        cut = min(cut, m.start())  # "… 897 (2015) 732 [arXiv:1502.05479]": after the source
    for m in _URL.finditer(text) if "http" in low or "www." in low else ():
        url = (m.group(1) or m.group(0)).rstrip(".,;)")
        if "doi.org/" in url:
            continue
        found["url"] = (url, m.start(), m.start() + len(url))
        cut = min(cut, m.start())
        break
    return found, cut


def _search_doi(text: str) -> re.Match[str] | None:
    """``_DOI.search(text)``, started near the first DOI: the match begins at it or at its
    label ("doi: ", "https://dx.doi.org/"), at most 20 characters before the spaces in front
    of it. Years ("2010.") and volumes are passed over with a cheap test."""
    first = text.find("10.")
    while first >= 0 and not _DOI_START.match(text, first):
        first = text.find("10.", first + 1)
    return _DOI.search(text, max(0, len(text[:first].rstrip()) - 20)) if first >= 0 else None


def find_notes(text: str, low: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Notes such as "Epub ahead of print", "[abstract]", "Accessed …", with their ranges."""
    notes: list[str] = []
    spans: list[tuple[int, int]] = []
    if not ("epub" in low or "cited" in low or "accessed" in low or "[abstract]" in low):
        return notes, spans  # each keyword below holds one of these
    for label, keyword, rx in _NOTE_PATTERNS:
        if keyword not in low:
            continue
        for m in rx.finditer(text):
            if label == "Epub" and "Epub ahead of print" in notes:
                continue
            notes.append(m.group(0).strip(" .") if label == "Accessed" else label)
            if label != "[abstract]":
                spans.append((m.start(), m.end()))
    return notes, spans
