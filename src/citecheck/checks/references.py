"""Checks of the reference list itself: REF001–REF006.

Each is a small pure function over the parsed references (or the section) returning findings;
:func:`citecheck.checks.audit.audit` runs them with the citation checks.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from citecheck.citations.ranges import compact_numbers
from citecheck.model import Finding, Reference, ReferenceSection, RefType, Severity
from citecheck.rules import finding

DUPLICATE_TITLE_THRESHOLD = 92.0


def check_unparsed(refs: Sequence[Reference]) -> list[Finding]:
    """REF001: an entry from which no author, title or year could be read."""
    return [
        finding(
            "REF001",
            f"reference {r.key} could not be parsed: {r.raw[:80]!r}",
            r.span,
            (r.key,),
        )
        for r in refs
        if not r.parsed
    ]


def check_list_numbering(refs: Sequence[Reference]) -> list[Finding]:
    """REF002: gaps, repeated numbers, and entries numbered by position."""
    out = []
    printed = [r for r in refs if not r.number_inferred and r.number is not None]
    counts = Counter(r.number for r in printed)
    for number, n in sorted(counts.items()):
        if n > 1:
            first = next(r for r in printed if r.number == number)
            out.append(
                finding(
                    "REF002",
                    f"reference number {number} is used by {n} entries",
                    first.span,
                    (number,) if number is not None else (),
                )
            )
    numbers = [r.number for r in refs if r.number is not None]
    for prev, cur in itertools.pairwise(numbers):
        if cur > prev + 1 and counts.get(cur, 0) <= 1:
            missing = list(range(prev + 1, cur))
            r = next(x for x in refs if x.number == cur)
            out.append(
                finding(
                    "REF002",
                    f"the reference list jumps from {prev} to {cur}: "
                    f"no entry numbered {compact_numbers(missing)}",
                    r.span,
                    tuple(missing),
                    severity=Severity.WARNING,
                )
            )
        elif cur < prev and counts.get(cur, 0) <= 1:
            r = next(x for x in refs if x.number == cur)
            out.append(
                finding(
                    "REF002",
                    f"reference {cur} comes after {prev} in the list",
                    r.span,
                    (cur,),
                    severity=Severity.WARNING,
                )
            )
    inferred = [r.number for r in refs if r.number_inferred and r.number is not None]
    if inferred and len(inferred) < len(refs):
        first = next(r for r in refs if r.number_inferred)
        out.append(
            finding(
                "REF002",
                f"{len(inferred)} entries have no printed number (references "
                f"{compact_numbers(inferred)}); "
                "they were numbered by their position in the list",
                first.span,
                tuple(inferred),
                severity=Severity.INFO,
            )
        )
    return out


_NON_WORD = re.compile(r"\W+")


def _norm_title(t: str) -> str:
    folded = t if t.isascii() else unicodedata.normalize("NFKD", t)  # ASCII: NFKD changes none
    return _NON_WORD.sub(" ", folded.lower()).strip()


def check_duplicates(
    refs: Sequence[Reference], threshold: float = DUPLICATE_TITLE_THRESHOLD
) -> list[Finding]:
    """REF003: the same work listed under two numbers (fuzzy title, same year/author)."""
    out = []
    items = [(r, _norm_title(r.title)) for r in refs if r.title and len(r.title) >= 15]
    for i, j in _candidate_pairs(items, threshold):
        (a, ta), (b, tb) = items[i], items[j]
        if a.doi and b.doi and a.doi.lower() != b.doi.lower():
            continue
        if _different_identifiers(a, b):
            continue  # two pages of one agency, two reports of one series: other addresses
        same_doi = bool(a.doi and b.doi and a.doi.lower() == b.doi.lower())
        score = fuzz.ratio(ta, tb)
        if not same_doi and score < threshold:
            continue
        if not same_doi and a.year and b.year and a.year != b.year:
            continue
        if not same_doi and a.first_page and b.first_page and a.first_page != b.first_page:
            continue
        message = (
            f"references {a.key} and {b.key} look like the same work "
            f"(title similarity {score:.0f}/100{', same DOI' if same_doi else ''})"
        )
        if same_doi and score < threshold:  # two works, one DOI: one of them is wrong
            message = (
                f"references {a.key} and {b.key} print the same DOI {a.doi} but different "
                f"titles (title similarity {score:.0f}/100): one DOI is wrong, or one work "
                "is listed twice"
            )
        out.append(
            finding(
                "REF003",
                message,
                b.span,
                (a.key, b.key),
                {"score": f"{score:.1f}", "threshold": str(threshold)},
            )
        )
    return out


def _different_identifiers(a: Reference, b: Reference) -> bool:
    """Whether the two print different PMIDs, PMCIDs or URLs (web pages and reports are told
    apart by their address when their titles are only the publisher's name)."""
    return any(
        x and y and x != y
        for x, y in (
            (a.pmid, b.pmid),
            (a.pmcid and a.pmcid.upper(), b.pmcid and b.pmcid.upper()),
            (_url_key(a.url), _url_key(b.url)),
        )
    )


def _url_key(url: str | None) -> str | None:
    """A URL without scheme, "www.", trailing slash or punctuation, host in lower case."""
    if not url:
        return None
    rest = re.sub(r"^[a-z]+://(?:www\.)?", "", url.strip().rstrip(".,;/"), flags=re.IGNORECASE)
    host, _, path = rest.partition("/")
    return f"{host.lower()}/{path}".rstrip("/")


def _candidate_pairs(
    items: Sequence[tuple[Reference, str]], threshold: float
) -> list[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, that could be duplicates, in order: those with the
    same DOI, and those whose titles reach ``threshold`` (rapidfuzz's ratio) and whose years
    and first pages do not disagree (a pair that prints two years or two first pages is no
    duplicate unless its DOIs agree).

    Each title is compared, in rapidfuzz's compiled loop with the threshold as a cut-off
    (titles too different in length are dismissed without reading them), only with the
    earlier titles that could pair with it: those of its year and first page, and those
    missing either. No pair is built in Python unless its titles are that close."""
    pairs: set[tuple[int, int]] = set()
    by_doi: dict[str, list[int]] = {}
    for i, (r, _) in enumerate(items):
        if r.doi:
            by_doi.setdefault(r.doi.lower(), []).append(i)
    for group in by_doi.values():
        pairs.update(itertools.combinations(group, 2))
    # Earlier titles (and their indices) by (year, first page), by either alone, and all.
    blocks: dict[tuple[str, object, object], tuple[list[str], list[int]]] = {}
    for i, (r, title) in enumerate(items):
        year = getattr(r, "year", None) or None
        page = getattr(r, "first_page", None) or None
        for key in _compatible_blocks(year, page):
            titles, indices = blocks.get(key, ((), ()))
            if not titles:
                continue
            for _, _score, at in process.extract(
                title, titles, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                pairs.add((indices[at], i))
        for key in _own_blocks(year, page):
            titles, indices = blocks.setdefault(key, ([], []))
            titles.append(title)
            indices.append(i)
    return sorted(pairs)


def _own_blocks(year: object, page: object) -> list[tuple[str, object, object]]:
    """The blocks a reference is filed in: its (year, page), its page, its year, and all."""
    return [("both", year, page), ("page", None, page), ("year", year, None), ("all", None, None)]


def _compatible_blocks(year: object, page: object) -> list[tuple[str, object, object]]:
    """Disjoint blocks holding every earlier reference whose year and first page do not
    disagree with these (a missing one agrees with any)."""
    if year is not None and page is not None:
        return [("both", y, p) for y in (year, None) for p in (page, None)]
    if page is not None:  # no year: any year, this page or none
        return [("page", None, page), ("page", None, None)]
    if year is not None:
        return [("year", year, None), ("year", None, None)]
    return [("all", None, None)]


# an entry that says it has no year yet, or none at all: "in press", "(n.d.)", "(nd)"
_UNDATED = re.compile(r"\b(?:in press|forthcoming|submitted)\b|\bn\.\s?d\.|\(nd\)", re.I)

_ADDRESS = re.compile(r"\S*(?:://|www\.)\S*")
_VOLUME_PAGES = re.compile(r"\b\d+\s*(?:\(\d+\))?\s*:\s*[A-Za-z]?\d")  # "4: 1–9", "12(3):e4"


def _web_page(r: Reference) -> bool:
    """A page found by its address alone ("BioRuby [http://www.bioruby.org]", "Gov. UK.
    https://…, accessed May 19, 2013"): a home page or a web document often has no date of
    its own, and the styles that cite one ask for the address and when it was read."""
    if not r.url or r.container or r.doi or r.type not in (RefType.WEB, RefType.OTHER):
        return False
    return not (r.volume or r.pages or _VOLUME_PAGES.search(_ADDRESS.sub(" ", r.raw)))


def check_essential_fields(refs: Sequence[Reference]) -> list[Finding]:
    """REF004: an article without year or journal; any parsed entry without a year (but a
    web page, or an entry printed as undated or in press)."""
    out = []
    for r in refs:
        if not r.parsed:
            continue
        missing = []
        if not r.year and not _UNDATED.search(r.raw) and not _web_page(r):
            missing.append("year")
        if r.type in (RefType.ARTICLE, RefType.ABSTRACT) and not r.container:
            missing.append("journal")
        if not r.title and not r.container:
            missing.append("title")
        if missing:
            out.append(
                finding(
                    "REF004",
                    f"reference {r.key} has no {' or '.join(missing)}",
                    r.span,
                    (r.key,),
                    {"missing": ",".join(missing)},
                )
            )
    return out


_DOI_OK = re.compile(r"^10\.\d{4,9}/[-._;()/:<>\[\]A-Za-z0-9+#%]+$")
# "doi" as a word in any case (what r"\bdoi\b" with re.IGNORECASE matches, "İ" and "ı" included),
# written to start with a character set, which the engine scans for (2x faster)
_DOI_LABEL = re.compile(r"[dD](?<!\w[dD])[oO][iIİı]\b")
_PMID_LABEL = re.compile(r"\bPMID(?!:?\s*\d)")  # (no backtracking into "PMID: 123")
# A reference read from a structured entry (BibTeX @type{…}, CSL JSON {…}, CSL YAML id:):
# its reader read the identifier fields; a label elsewhere in it (a note, an abstract, an
# empty DOI field) says nothing about a malformed printed identifier.
_STRUCTURED = re.compile(r"\s*(?:@\w+\s*[{(]|\{|(?:-\s+)?id\s*:)")
_PMCID_OK = re.compile(r"PMC\d{3,9}")
_AFTER_SPLIT_DOI = re.compile(r"\.?\s+[a-z]+\.\d")  # "10.1/abc. def.2": a space inside


_COLON = re.compile(r"\s*:")


def _has_doi_label(raw: str) -> bool:
    """Whether ``raw`` prints a "doi" label: not a surname ("Doi M, Yamaoka I (2003) …"),
    which is capitalised and has no colon after it."""
    return any(m.group() != "Doi" or _COLON.match(raw, m.end()) for m in _DOI_LABEL.finditer(raw))


def _spaced_doi(doi: str, raw: str) -> bool:
    """Whether ``doi`` is printed in ``raw`` and goes on after a space ("… abc. def.2")."""
    at = raw.find(doi)
    while at >= 0:
        if _AFTER_SPLIT_DOI.match(raw, at + len(doi)):
            return True
        at = raw.find(doi, at + 1)
    return False


def check_identifiers(refs: Sequence[Reference]) -> list[Finding]:
    """REF005: a DOI, PMID or PMCID that is malformed as written."""
    out = []
    for r in refs:
        problems = []
        if r.doi and (not _DOI_OK.match(r.doi) or r.doi.endswith((".", "/"))):
            problems.append(f"DOI {r.doi!r}")
        printed = not _STRUCTURED.match(r.raw)
        if printed and not r.doi and _has_doi_label(r.raw):
            problems.append("a 'doi' label with no DOI after it")
        if r.pmid and not (r.pmid.isdigit() and 1 <= len(r.pmid) <= 9):
            problems.append(f"PMID {r.pmid!r}")
        if printed and not r.pmid and "PMID" in r.raw and _PMID_LABEL.search(r.raw):
            problems.append("a 'PMID' label with no number after it")
        if r.pmcid and not _PMCID_OK.fullmatch(r.pmcid):
            problems.append(f"PMCID {r.pmcid!r}")
        if r.doi and _spaced_doi(r.doi, r.raw):
            problems.append(f"DOI {r.doi!r} (a space inside it?)")
        for p in problems:
            out.append(
                finding(
                    "REF005",
                    f"reference {r.key}: malformed identifier: {p}",
                    r.spans.get("doi", r.span),
                    (r.key,),
                )
            )
    return out


def check_section(section: ReferenceSection) -> list[Finding]:
    """REF006: several headings looked like a reference section; say which one was used.
    REF007: there was no reference heading; a list read as one was used."""
    if not section.heading:
        return [
            finding(
                "REF007",
                "no reference heading (such as 'References'); the list of entries that "
                "reads as one (numbered, or author-date at the text's end) was used",
                section.body,
                (),
            )
        ]
    if section.candidates < 2:
        return []
    return [
        finding(
            "REF006",
            f"{section.candidates} headings look like a reference section; the list under "
            f"{section.heading!r} was used (the one that reads most like a numbered list)",
            section.heading_span,
            (),
            {"heading": section.heading, "candidates": str(section.candidates)},
        )
    ]
