"""Crossref-shaped records for the development lists' gold references, with the variations
Crossref's records really show (bench/online_accuracy.py serves them from a local registry):
Title Case, split subtitles, markup and entities, ISO 4 short titles, missing pages,
online-first dates, initials with full stops; books titled with their title, chapters with
their book as container and without the editors the gold lists among the authors."""

from __future__ import annotations

import hashlib
import re
from typing import Any


def _chance(key: str, salt: str) -> float:
    digest = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def _title_case(title: str) -> str:
    small = {"a", "an", "and", "of", "the", "in", "on", "for", "to", "with", "by", "or", "at"}
    words = title.split(" ")
    return " ".join(
        w if (i and w.lower() in small) or not w[:1].islower() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _dotted(abbrev: str) -> str:
    return " ".join(
        w + "." if len(w) > 1 and w.isalpha() and not w.isupper() else w for w in abbrev.split()
    )


def _given(initials: str) -> str:
    return " ".join(f"{c}." for c in initials if c.isalpha())


SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}


def _author(printed: str) -> dict[str, str]:
    """A gold author ("Family AB", "Family AB Jr", "The X Consortium") as Crossref holds it:
    ``family``/``given`` with initials and full stops, the suffix apart, a group as ``name``."""
    words = printed.split()
    suffix = words.pop() if len(words) > 2 and words[-1] in SUFFIXES else ""
    last = words[-1] if words else ""
    initials = last[:1].isupper() and len(last) <= 4 and sum(c.islower() for c in last) <= 1
    if len(words) >= 2 and initials:  # "Smith AB", "Li Cq" (Chinese names' initials)
        out = {"family": " ".join(words[:-1]), "given": _given(words[-1])}
        return {**out, "suffix": suffix} if suffix else out
    return {"name": printed}


def held(ref: dict[str, Any]) -> bool:
    """Whether the registry holds a record for this reference: not when the gold gives it no
    title at all (reports and web pages PLOS left untagged; Crossref rarely has them)."""
    return bool(ref.get("title") or ref.get("container"))


def work_for(ms: str, ref: dict[str, Any]) -> dict[str, Any]:
    """A Crossref-shaped record for one gold reference, with this reference's variations."""
    key = f"{ms}:{ref['n']}"
    doi = ref.get("doi") or f"10.5555/bench.{ms}.{ref['n']}"
    title = ref.get("title") or ""
    kind = WORK_TYPES.get(ref.get("type") or "", "journal-article")
    if kind == "book" and re.search(r"\.\s+In:?\s", ref.get("rendered") or ""):
        kind = "book-chapter"
    work: dict[str, Any] = {"DOI": doi, "type": kind, "publisher": "bench registry"}
    container = ref.get("container") or ""
    subtitle = []
    if kind in ("book", "other"):  # the gold keeps a book's title (or subtitle) as its source
        title, container = (title or container), ""
        subtitle = [ref["container"]] if ref.get("title") and ref.get("container") else []
    if _chance(key, "case") < 0.4:
        title = _title_case(title)
    if _chance(key, "markup") < 0.2 and " " in title:
        first, rest = title.split(" ", 1)
        title = f"<i>{first}</i> {rest}".replace(" & ", " &amp; ")
    if ": " in title and _chance(key, "subtitle") < 0.3:
        main, sub = title.split(": ", 1)
        work["title"], work["subtitle"] = [main], [sub]
    else:
        work["title"] = [title]
    if subtitle:
        work["subtitle"] = subtitle
    authors = [
        {**_author(a), "sequence": "additional" if i else "first"}
        for i, a in enumerate(_own_authors(ref))
    ]
    work["author"] = authors
    work["container-title"] = [container]
    work["short-container-title"] = [_dotted(container)]
    for name in ("volume", "issue"):
        if ref.get(name):
            work[name] = str(ref[name])
    page = re.match(r"[\w]+(?:\s*[-–]\s*[\w]+)?", str(ref.get("pages") or ""))
    if page and _chance(key, "pages") >= 0.1:  # (one gold page field holds a whole source)
        work["page"] = page.group().replace("–", "-")
    year = int(ref["year"]) if str(ref.get("year") or "").isdigit() else None
    if year:
        if _chance(key, "online") < 0.15:
            work["published-online"] = {"date-parts": [[year - 1, 12]]}
            work["published-print"] = {"date-parts": [[year]]}
            work["issued"] = {"date-parts": [[year - 1, 12]]}
        else:
            work["issued"] = {"date-parts": [[year]]}
            work["published-print"] = {"date-parts": [[year]]}
    return work


WORK_TYPES = {"journal": "journal-article", "book": "book", "other": "other"}


def _own_authors(ref: dict[str, Any]) -> list[str]:
    """The gold's authors without a chapter's editors (the gold lists the editors printed
    after "In:" among the authors; Crossref holds them apart)."""
    authors = list(ref.get("authors") or ())
    rendered = ref.get("rendered") or ""
    cut = re.search(r"\.\s+In:?\s", rendered)
    if not cut:
        return authors
    head, pos, own = rendered[: cut.start()], 0, []
    for a in authors:
        at = head.find(a.split()[0], pos)
        if at < 0:
            break
        own.append(a)
        pos = at + 1
    return own
