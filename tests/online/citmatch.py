"""ECitMatch as NCBI answers it, for the local registry (tests/online/registry_server.py).

``ecitmatch.cgi?db=pubmed&retmode=xml&bdata=…``: citation lines joined by a carriage return,
``journal|year|volume|first_page|author|key|``; the answer is plain text, one line per
citation, the line as sent with the outcome appended. As NCBI does (see
tests/fixtures/ncbi/README.md for the sources), the match is keyed on journal (NLM
abbreviation or full title, case and punctuation ignored), volume and first page; year and
author only narrow several candidates down (a disagreeing author or year does not stop a
match: the client must check the record); several left is ``AMBIGUOUS <pmids>``, none
``NOT_FOUND``, a journal PubMed does not know ``NOT_FOUND;INVALID_JOURNAL``; and the answer
stops at the first line without a journal that matched nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", text.lower()).split())


def _first_page(pages: str) -> str:
    return _norm(re.split(r"[-–]", pages or "")[0])


def _year(item: Mapping[str, Any]) -> str:
    m = re.match(r"\d{4}", str(item.get("pubdate", "")))
    return m.group(0) if m else ""


def _family(item: Mapping[str, Any]) -> str:
    authors = item.get("authors") or []
    name = str(authors[0].get("name", "")) if authors else ""
    return _norm(name.rsplit(" ", 1)[0] if " " in name else name)


def journal_names(records: Mapping[str, Mapping[str, Any]]) -> dict[str, set[str]]:
    """Each record's journal, as abbreviation and full title, normalised."""
    return {
        pmid: {_norm(str(r.get("source", ""))), _norm(str(r.get("fulljournalname", "")))}
        for pmid, r in records.items()
    }


def outcome(
    fields: list[str],
    records: Mapping[str, Mapping[str, Any]],
    journals: Mapping[str, set[str]] | None = None,
) -> str:
    """The outcome for one citation line's fields (journal, year, volume, page, author)."""
    journal, year, volume, page, author = (_norm(f) for f in (fields + [""] * 5)[:5])
    journals = journals if journals is not None else journal_names(records)
    if journal and not any(journal in names for names in journals.values()):
        return "NOT_FOUND;INVALID_JOURNAL"
    found = [
        pmid
        for pmid, r in records.items()
        if (not journal or journal in journals[pmid])
        and (not volume or _norm(str(r.get("volume", ""))) == volume)
        and (not page or _first_page(str(r.get("pages", ""))) == page)
    ]
    if len(found) > 1 and year:
        found = [p for p in found if _year(records[p]) == year] or found
    if len(found) > 1 and author:
        surname = author.split(" ")[0]
        found = [p for p in found if _family(records[p]).startswith(surname)] or found
    if not found:
        return "NOT_FOUND"
    if len(found) > 1:
        return "AMBIGUOUS " + ",".join(sorted(found))
    return found[0]


def ecitmatch_answer(bdata: str, records: Mapping[str, Mapping[str, Any]]) -> str:
    """The whole plain-text answer to one request's ``bdata``."""
    rows = []
    journals = journal_names(records)
    for line in re.split(r"[\r\n]+", bdata):
        if not line.strip():
            continue
        fields = line.split("|")
        result = outcome(fields, records, journals)
        if not fields[0].strip() and not result.isdigit():
            break  # NCBI stops answering at a journal-less line that matched nothing
        rows.append(line + result)
    return "\n".join(rows) + "\n"
