"""The Retraction Watch database (the CSV Crossref distributes) as notices on works.

Each row names an original paper (``OriginalPaperDOI``, ``OriginalPaperPubMedID``) and a
notice (``RetractionDOI``, ``RetractionNature``, ``RetractionDate``, ``Reason``). A row
becomes a :class:`Notice`; one whose nature is not a retraction, correction or expression
of concern (a reinstatement) or whose original has no DOI or PMID is left out. The notice
keeps Crossref's ``updated-by`` vocabulary (``retraction``, ``correction``,
``expression_of_concern``) and ``source="retraction-watch"``, so the checks read it as they
read the REST API's own Retraction Watch entries.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from citecheck.errors import CitecheckError

COLUMNS = ("Record ID", "OriginalPaperDOI", "RetractionNature")
NATURES = {
    "retraction": ("retraction", "Retraction"),
    "correction": ("correction", "Correction"),
    "expression of concern": ("expression_of_concern", "Expression of Concern"),
}
MISSING = {"", "unavailable", "none", "n/a", "0"}


class RetractionCsvError(CitecheckError):
    """A file that is not the Retraction Watch CSV."""


@dataclass(frozen=True)
class Notice:
    record_id: str
    original_doi: str  # lower case, '' when the paper has none
    original_pmid: str
    notice_doi: str  # the notice's DOI, or 'retractionwatch:<record id>' when it has none
    type: str
    label: str
    date: str  # ISO date, '' when unknown
    reason: str


def looks_like_retraction_watch(header: str) -> bool:
    return all(c in header for c in COLUMNS)


def read_notices(text: IO[str], source: str = "<csv>") -> Iterator[Notice]:
    """The notices of a Retraction Watch CSV, streamed. Raises :class:`RetractionCsvError`
    when the header lacks the columns it needs."""
    rows = csv.DictReader(text)
    missing = [c for c in COLUMNS if c not in (rows.fieldnames or ())]
    if missing:
        raise RetractionCsvError(f"{source}: not a Retraction Watch CSV (no {', '.join(missing)})")
    for row in rows:
        notice = notice_from_row(row)
        if notice is not None:
            yield notice


def notice_from_row(row: dict[str, str | None]) -> Notice | None:
    nature = NATURES.get(_cell(row, "RetractionNature").lower())
    doi = _doi(_cell(row, "OriginalPaperDOI"))
    pmid = _cell(row, "OriginalPaperPubMedID")
    pmid = pmid if pmid.isdigit() and pmid.lower() not in MISSING else ""
    record_id = _cell(row, "Record ID")
    if nature is None or not record_id or not (doi or pmid):
        return None
    notice_doi = _doi(_cell(row, "RetractionDOI")) or f"retractionwatch:{record_id}"
    return Notice(
        record_id=record_id,
        original_doi=doi,
        original_pmid=pmid,
        notice_doi=notice_doi,
        type=nature[0],
        label=nature[1],
        date=iso_date(_cell(row, "RetractionDate")),
        reason=_cell(row, "Reason")[:500],
    )


def _cell(row: dict[str, str | None], name: str) -> str:
    value = row.get(name)
    return value.strip() if isinstance(value, str) else ""


def _doi(text: str) -> str:
    text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text.strip(), flags=re.I)
    if text.lower() in MISSING or not text.startswith("10."):
        return ""
    return text.lower()


_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(text: str) -> str:
    """``3/27/2024 0:00`` (the CSV's form) or ``2024-03-27`` → ``2024-03-27``; else ''."""
    m = _US_DATE.match(text)
    if m:
        month, day, year = (int(g) for g in m.groups())
        return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""
    m = _ISO_DATE.match(text)
    return m.group(0) if m else ""
