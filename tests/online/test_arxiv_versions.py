"""An arXiv preprint cited with a later version's year: DataCite's record of the version-less
DOI carries the first version's year and dates every version (Submitted/Updated, "v2", …),
so a printed year of a later version is a note, not META001; a year before the record's, or
after every version, is still META001. Only arXiv's records."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from citecheck.bibliography.parse import parse_reference
from citecheck.model import Reference
from citecheck.registry.datacite import work_from_attributes
from citecheck.registry.lockfile import LockedRegistry, lockfile_from_json, lockfile_to_json
from citecheck.registry.records import Lookup, WorkRecord
from citecheck.registry.settings import OnlineOptions
from citecheck.verify import verify_references
from citecheck.verify.run import OnlineResult

from .helpers import FakeRegistry, body, by_rule, rules

DOI = "10.48550/arxiv.1705.99901"
CONFIG = OnlineOptions(email="test@example.org", cache=False)
TEXT = (
    "Haddad O, Okafor A. Gradient noise schedules for training shallow speech encoders. "
    "arXiv:1705.99901. {year}."
)


def attributes(name: str = "arxiv-1705.99901-versions.json") -> dict[str, object]:
    return json.loads(body(f"datacite/{name}"))["data"]["attributes"]  # type: ignore[no-any-return]


def record(**changes: object) -> WorkRecord:
    return replace(work_from_attributes(attributes()), **changes)  # type: ignore[arg-type]


def ref(year: str, doi: str | None = None) -> Reference:
    text = TEXT.format(year=year) + (f" doi:{doi}" if doi else "")
    return replace(parse_reference(text), number=1)


def run(refs: list[Reference], work: WorkRecord | None = None) -> OnlineResult:
    work = work or record()
    fake = FakeRegistry(registered={work.doi.lower(): Lookup.found(work)})
    return verify_references(refs, CONFIG, registry=fake)


def test_the_record_dates_each_version() -> None:
    work = record()
    assert work.years == (2017, 2018, 2019)  # publicationYear (v1), then v2's and v3's dates
    assert work.year == 2017


def test_version_dates_are_read_for_preprints_only() -> None:
    a = {**attributes(), "types": {"resourceTypeGeneral": "Dataset"}}
    assert work_from_attributes(a).years == (2017,)


@pytest.mark.parametrize(
    ("dates", "years"),
    [
        pytest.param([{"date": "2019-03-04", "dateType": "Submitted"}], (2017,), id="no-version"),
        pytest.param(
            [{"date": "2019", "dateType": "Updated", "dateInformation": "v7"}],
            (2017, 2019),
            id="updated-v7",
        ),
        pytest.param(
            [{"date": "2019", "dateType": "Created", "dateInformation": "v2"}],
            (2017,),
            id="not-a-version-date",
        ),
        pytest.param(
            [{"date": "2015-01-01", "dateType": "Submitted", "dateInformation": "v2"}],
            (2017,),
            id="before-the-record",
        ),
        pytest.param(
            [{"date": "2019", "dateType": "Submitted", "dateInformation": "version 2"}],
            (2017,),
            id="not-vN",
        ),
        pytest.param(7, (2017,), id="dates-not-a-list"),
    ],
)
def test_which_dates_count_as_versions(dates: object, years: tuple[int, ...]) -> None:
    assert work_from_attributes({**attributes(), "dates": dates}).years == years


@pytest.mark.parametrize("year", ["2019", "2020"])  # v3 in 2019 (2020: a year's slack, as all)
def test_a_later_versions_year_is_a_note_not_meta001(year: str) -> None:
    result = run([ref(year)])
    (verdict,) = result.verdicts
    assert rules(result.findings) == ["DOI003"]
    assert verdict.status == "found" and verdict.doi == DOI
    (note,) = verdict.notes
    assert note.startswith(f"{DOI}: year {year} printed, 2017 in DataCite's record")
    assert "a later version cited" in note


def test_a_printed_doi_of_a_later_version_is_verified_with_the_note() -> None:
    result = run([ref("2019", doi="10.48550/arXiv.1705.99901")])
    assert result.findings == ()
    assert result.verdicts[0].status == "verified"
    assert "a later version cited" in result.verdicts[0].notes[0]


@pytest.mark.parametrize(
    ("year", "shown"),
    [
        pytest.param("2015", "2017, 2018, 2019", id="before-the-record"),
        pytest.param("2021", "2017, 2018, 2019", id="after-every-version"),
    ],
)
def test_a_year_no_version_accounts_for_is_still_meta001(year: str, shown: str) -> None:
    result = run([ref(year)])
    (meta,) = by_rule(result.findings, "META001")
    assert meta.evidence["field"] == "year" and meta.evidence["registry"] == shown  # type: ignore[attr-defined]
    assert result.verdicts[0].status == "mismatch" and result.verdicts[0].notes == ()


def test_a_record_that_dates_no_later_version_keeps_meta001() -> None:
    only_v1 = record(years=(2017,))
    result = run([ref("2019")], only_v1)
    assert rules(result.findings) == ["DOI003", "META001"]
    assert result.verdicts[0].notes == ()


def test_the_first_versions_year_needs_no_note() -> None:
    result = run([ref("2017")])
    assert rules(result.findings) == ["DOI003"] and result.verdicts[0].notes == ()


def test_other_preprint_records_are_not_read_this_way() -> None:
    """A DataCite preprint outside arXiv (Zenodo gives each version a DOI of its own): a
    printed year between its record's years is META001, with no later-version note."""
    zenodo = record(doi="10.5281/zenodo.99901", years=(2015, 2020))
    text = TEXT.format(year="2017").replace("arXiv:1705.99901", "doi:10.5281/zenodo.99901")
    result = run([replace(parse_reference(text), number=1)], zenodo)
    assert [m.evidence["field"] for m in by_rule(result.findings, "META001")] == ["year"]  # type: ignore[attr-defined]
    assert result.verdicts[0].notes == ()
    arxiv = record(years=(2015, 2020))  # the same years in arXiv's record: a later version
    assert "a later version cited" in run([ref("2017")], arxiv).verdicts[0].notes[0]


def test_lockfile_replays_the_note() -> None:
    refs = [ref("2019"), ref("2015")]
    online = run(refs)
    offline = verify_references(
        refs, CONFIG, registry=LockedRegistry(lockfile_from_json(lockfile_to_json(online.lock)))
    )
    assert offline.verdicts == online.verdicts
    assert [f.message for f in offline.findings] == [f.message for f in online.findings]
    assert "a later version cited" in offline.verdicts[0].notes[0]
