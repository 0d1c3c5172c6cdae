"""An arXiv preprint cited with a later version's year (pure).

arXiv registers one DOI for all the versions of a paper (``10.48550/arXiv.<id>``, no ``v2``)
and updates its DataCite record when a version is added: the record's ``publicationYear`` stays
the first version's, and its dates give each version's ``Submitted`` and ``Updated`` date
(``dateInformation`` "v1", "v2", …), which :mod:`citecheck.registry.datacite` puts after the
record's own year in :attr:`~citecheck.registry.records.WorkRecord.years`. A reference that
cites v3 prints v3's year, so:

* a printed year after the record's (beyond the one year any date is allowed) and no later
  than a year after its last dated version is a later version cited: no META001, a note;
* a printed year before the record's, or after every version it dates, is still META001.

Only arXiv's records: other DataCite preprint hosts (Zenodo, …) give each version a DOI of
its own, whose record's year is that version's; Crossref's posted content is not read this way.
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.model import Reference
from citecheck.registry.normalize import year_of
from citecheck.registry.records import WorkRecord
from citecheck.verify.match import FieldDiff
from citecheck.verify.preprints import PREPRINT

ARXIV_PREFIX = "10.48550/"
SLACK = 1  # years: as years_agree allows between a record's dates and the printed year


def later_version_note(ref: Reference, work: WorkRecord) -> str:
    """A note when ``ref`` prints the year of a later version of arXiv record ``work``, or
    ``""``: ``10.48550/arxiv.1705.99901: year 2019 printed, 2017 in DataCite's record (the
    first version's; versions dated to 2019): a later version cited``."""
    if not _is_arxiv_record(work):
        return ""
    printed = year_of(ref.year)
    first, last = work.years[0], max(work.years)
    if printed is None or printed <= first + SLACK or printed > last + SLACK:
        return ""
    return (
        f"{work.doi}: year {printed} printed, {first} in {work.agency_name}'s record (the first "
        f"version's; versions dated to {last}): a later version cited"
    )


def without_later_version(
    diffs: Sequence[FieldDiff], ref: Reference, work: WorkRecord
) -> tuple[tuple[FieldDiff, ...], tuple[str, ...]]:
    """``diffs`` without the year's when ``ref`` cites a later version of ``work``, and the
    note that says so."""
    note = later_version_note(ref, work)
    if not note:
        return tuple(diffs), ()
    return tuple(d for d in diffs if d.field != "year"), (note,)


def _is_arxiv_record(work: WorkRecord) -> bool:
    return (
        work.agency == "datacite"
        and work.type == PREPRINT
        and work.doi.lower().startswith(ARXIV_PREFIX)
        and bool(work.years)
    )
