"""Identifiers (DOI, PMID, PMCID, URL, arXiv id) and notes ("Epub ahead of print",
"[abstract]", "Accessed …") in a reference string, with where each lies in the text."""

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
        opened = text[: m.start()].rstrip()
        if url.endswith("]") and "[" not in url and opened.count("[") > opened.count("]"):
            url = url[:-1].rstrip(".,;)")  # "BioRuby [http://www.bioruby.org]."
        found["url"] = (url, m.start(), m.start() + len(url))
        cut = min(cut, len(opened) - 1 if opened.endswith(("[", "(")) else m.start())
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


# arXiv identifiers, as arXiv documents them: new style YYMM.NNNN (April 2007 to 2014) or
# YYMM.NNNNN (2015 on), old style archive[.XX]/YYMMNNN (1991 to March 2007); a version vN may
# follow. Labelled: "arXiv:…", "arXiv …", arxiv.org/abs|pdf/…, DBLP's "CoRR abs/…", Semantic
# Scholar's "ArXiv, abs/…".
_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]{2})?/\d{7})(?:v\d+)?(?![\w/-]|\.\d)"
# After a label, text taken out of a PDF may hold a space at the dot or after the slash
# ("arXiv: 1009 .0657", "arXiv:gr-qc/ 9710068"), and a new-style id may follow its subject
# class ("arxiv:cs.LG/1301.0604"): read without them.
_ARXIV_SPACED = (
    r"(?:[a-z]+(?:-[a-z]+)?\.[A-Z]{2}/(?=\d{4}\.))?"
    r"(\d{4} ?\. ?\d{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]{2})?/ ?\d{7})(?:v\d+)?(?![\w/-]|\.\d)"
)
_ARXIV_LABELLED = re.compile(
    r"(?:\barXiv\s*:?\s*|\barxiv\.org/(?:abs|pdf)/|\b(?:CoRR|arXiv)\W{0,3}(?:vol\.\s*)?abs/)"
    + _ARXIV_SPACED,
    re.IGNORECASE,
)
# Unlabelled, only where the reference names arXiv (JATS <pub-id pub-id-type="arxiv">, a .bib
# eprint with archivePrefix/eprinttype arXiv): the new-style shape alone, or an old-style id.
_ARXIV_BARE = re.compile(r"(?<![\w./-])" + _ARXIV_ID)
# fmt: off
OLD_ARCHIVES = frozenset({
    "acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph", "bayes-an", "chao-dyn",
    "chem-ph", "cmp-lg", "comp-gas", "cond-mat", "cs", "dg-ga", "funct-an", "gr-qc", "hep-ex",
    "hep-lat", "hep-ph", "hep-th", "math", "math-ph", "mtrl-th", "nlin", "nucl-ex", "nucl-th",
    "patt-sol", "physics", "plasm-ph", "q-alg", "q-bio", "quant-ph", "solv-int", "supr-con",
})
# fmt: on


def find_arxiv_id(text: str) -> str | None:
    """The arXiv identifier a reference prints, without its version (``1706.03762``,
    ``hep-th/9901001``), or None. Only a well-formed id counts (a real month; four digits
    before 2015, five from 2015; a known old archive), labelled as arXiv's, or unlabelled
    where the reference names arXiv; two different ids are none (which one is meant?)."""
    if "arxiv" not in text.lower() and "corr" not in text.lower():
        return None
    found = {i for m in _ARXIV_LABELLED.finditer(text) if (i := arxiv_id(m.group(1)))}
    if not found and "arxiv" in text.lower():
        found = {i for m in _ARXIV_BARE.finditer(text) if (i := arxiv_id(m.group(1)))}
    return found.pop() if len(found) == 1 else None


def arxiv_id(candidate: str) -> str | None:
    """``candidate`` as an arXiv identifier (version and old-style subject class dropped),
    or None when its shape is not one arXiv gives out."""
    m = re.fullmatch(_ARXIV_ID, candidate.replace(" ", ""))
    if not m:
        return None
    ident = m.group(1)
    if "/" in ident:
        archive, number = ident.split("/")
        archive = archive.split(".")[0].lower()
        year, month = int(number[:2]), int(number[2:4])
        dated = (year >= 91 or (year, month) < (7, 4)) and 1 <= month <= 12
        return f"{archive}/{number}" if archive in OLD_ARCHIVES and dated else None
    yymm, number = ident.split(".")
    year, month = int(yymm[:2]), int(yymm[2:])
    if not 1 <= month <= 12 or (year, month) < (7, 4):
        return None
    return ident if (len(number) == 5) == ((year, month) >= (15, 1)) else None


def arxiv_doi(ident: str) -> str:
    """The DOI arXiv registered with DataCite for an identifier."""
    return f"10.48550/arXiv.{ident}"


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
