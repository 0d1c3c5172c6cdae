"""DataCite DOIs judged as Crossref DOIs are (verify_references over the fake registry), kept
in the lockfile and replayed, remembered by the run's shared registry."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from citecheck.localregistry.build import build_registry
from citecheck.localregistry.layered import LayeredRegistry
from citecheck.localregistry.registry import SqliteRegistry
from citecheck.registry.datacite import work_from_attributes
from citecheck.registry.lockfile import (
    LockedRegistry,
    Lockfile,
    agency_work_key,
    lockfile_from_json,
    lockfile_to_json,
)
from citecheck.registry.records import Lookup, WorkRecord, work_to_data
from citecheck.registry.settings import OnlineOptions
from citecheck.registry.shared import SharedRegistry
from citecheck.report.online import verdicts_as_json
from citecheck.verify import verify_references
from citecheck.verify.abstracts import AbstractRequest, fetch_abstract
from citecheck.verify.run import OnlineResult

from .helpers import FakeRegistry, body, by_rule, make_ref, rules
from .test_abstracts import AbstractFake

ARXIV = "10.48550/arxiv.1706.03762"
SNAPSHOT = Path(__file__).resolve().parents[1] / "fixtures" / "localregistry"
CONFIG = OnlineOptions(email="test@example.org")


def arxiv_record(**changes: object) -> WorkRecord:
    attributes = json.loads(body("datacite/arxiv-1706.03762.json"))["data"]["attributes"]
    return replace(work_from_attributes(attributes), **changes)  # type: ignore[arg-type]


def arxiv_ref(**changes: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {
        "authors": ("Vaswani A", "Shazeer N", "Parmar N"),
        "title": "Attention is all you need",
        "container": "arXiv preprint arXiv:1706.03762",
        "year": "2017",
        "volume": None,
        "pages": None,
        "doi": "10.48550/arXiv.1706.03762",
    }
    fields.update(changes)
    return make_ref(**fields)  # type: ignore[arg-type]


def datacite_fake(record: Lookup[WorkRecord] | None = None) -> FakeRegistry:
    """Crossref has no record (404), the agency look-up says DataCite, DataCite answers (for
    arXiv's prefix DataCite is asked first: the agency only after DataCite's 404)."""
    return FakeRegistry(
        agencies={ARXIV: Lookup.found("datacite")},
        registered={ARXIV: record or Lookup.found(arxiv_record())},
    )


def run(refs, registry) -> OnlineResult:  # type: ignore[no-untyped-def]
    return verify_references(refs, CONFIG, registry=registry)


def test_right_arxiv_doi_is_verified_by_the_datacite_record() -> None:
    fake = datacite_fake()
    result = run([arxiv_ref()], fake)
    assert result.findings == ()  # "arXiv preprint arXiv:…" names the server: no META001
    (verdict,) = result.verdicts
    assert (verdict.status, verdict.doi, verdict.detail) == ("verified", ARXIV, "DataCite record")
    assert result.coverage.checked == 1 and result.coverage.could_not_check == 0
    # 10.48550 is arXiv's prefix, registered with DataCite alone: DataCite is asked directly
    # (was: Crossref's 404, the agency look-up, then DataCite)
    assert fake.asked == ["datacite work 10.48550/arxiv.1706.03762"]
    (item,) = verdicts_as_json(result)
    assert item["detail"] == "DataCite record" and item["record"]["agency"] == "datacite"


def test_doi_of_another_work_is_doi002_naming_datacite() -> None:
    other = arxiv_record(title="Deep residual learning for image recognition")
    result = run([arxiv_ref(authors=("He K", "Zhang X"), year="2015")],
                 datacite_fake(Lookup.found(other)))  # fmt: skip
    assert rules(result.findings) == ["DOI002"]
    assert result.verdicts[0].status == "wrong-work"
    message = result.findings[0].message
    assert 'DataCite title "Deep residual learning' in message and "Crossref" not in message


def test_year_off_is_meta001_from_datacite() -> None:
    result = run([arxiv_ref(year="2012")], datacite_fake())
    assert rules(result.findings) == ["META001"]
    (f,) = by_rule(result.findings, "META001")
    # the record's year (v1's), then the year it dates v7 to
    assert f.evidence["field"] == "year" and f.evidence["registry"] == "2017, 2023"  # type: ignore[attr-defined]
    assert 'DataCite has "2017, 2023"' in f.message  # type: ignore[attr-defined]
    assert result.verdicts[0].status == "mismatch"


def test_a_journal_other_than_the_server_is_still_compared() -> None:
    result = run([arxiv_ref(container="Neural Computation")], datacite_fake())
    assert [f.evidence["field"] for f in by_rule(result.findings, "META001")] == ["journal"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("answer", "status", "said"),
    [
        pytest.param(
            Lookup.unavailable("DataCite unreachable: timed out"),
            "unavailable",
            "DataCite unreachable",
            id="datacite-down",
        ),
        pytest.param(
            Lookup.unavailable("no DataCite registry is configured"),
            "unavailable",
            "no DataCite registry",
            id="not-configured",
        ),
        pytest.param(
            Lookup.not_found("DataCite: no record of this DOI"),
            "skipped",
            "DataCite: no record",
            id="datacite-404",
        ),
    ],
)
def test_datacite_without_a_record_is_could_not_check_never_wrong(
    answer: Lookup[WorkRecord], status: str, said: str
) -> None:
    result = run([arxiv_ref(year="1999", title="Something else entirely")], datacite_fake(answer))
    assert rules(result.findings) == ["NET001"]
    assert said in result.findings[0].message
    assert result.verdicts[0].status == status and result.verdicts[0].doi is None
    assert result.coverage.could_not_check == 1


def test_an_agency_whose_records_are_not_read_is_not_asked() -> None:
    doi = "10.1000/citecheck.medra.1"  # a prefix citecheck knows no agency of
    fake = FakeRegistry(agencies={doi: Lookup.found("medra")})
    result = run([arxiv_ref(doi=doi)], fake)
    assert rules(result.findings) == ["NET001"] and result.verdicts[0].status == "skipped"
    assert fake.asked == [f"work {doi}", f"agency {doi}"]  # neither mEDRA nor DataCite


def replayed(lock: Lockfile) -> LockedRegistry:
    return LockedRegistry(lockfile_from_json(lockfile_to_json(lock)))


@pytest.mark.parametrize("year", ["2017", "2012"])
def test_lockfile_records_and_replays_the_datacite_answer(year: str) -> None:
    refs = [arxiv_ref(year=year)]
    online = run(refs, datacite_fake())
    entry = online.lock.entries[agency_work_key("datacite", ARXIV)]
    assert entry["status"] == "found" and entry["value"]["agency"] == "datacite"
    offline = run(refs, replayed(online.lock))
    assert offline.verdicts == online.verdicts
    assert [f.message for f in offline.findings] == [f.message for f in online.findings]


def test_replay_refuses_a_crossref_record_under_the_datacite_key() -> None:
    online = run([arxiv_ref()], datacite_fake())
    entries = dict(online.lock.entries)
    key = agency_work_key("datacite", ARXIV)
    entries[key] = {**entries[key], "value": work_to_data(arxiv_record(agency="crossref"))}
    locked = replayed(Lockfile(entries))
    result = run([arxiv_ref()], locked)
    assert rules(result.findings) == ["NET001"]
    assert result.verdicts[0].status == "unavailable"
    assert any("record of Crossref" in p for p in locked.problems)


def test_shared_registry_asks_datacite_once_per_run() -> None:
    fake = datacite_fake()
    shared = SharedRegistry(fake)
    first, second = run([arxiv_ref()], shared), run([arxiv_ref()], shared)
    assert first.verdicts == second.verdicts
    assert fake.asked.count(f"datacite work {ARXIV}") == 1


def test_shared_registry_asks_again_after_datacite_was_down() -> None:
    fake = datacite_fake(Lookup.unavailable("DataCite unreachable: timed out"))
    shared = SharedRegistry(fake)
    run([arxiv_ref()], shared)
    run([arxiv_ref()], shared)
    assert fake.asked.count(f"datacite work {ARXIV}") == 2


def test_layered_registry_asks_the_live_side_for_datacite(tmp_path: Path) -> None:
    """A local registry (Crossref's snapshot) does not hold an arXiv DOI: Crossref's 404, the
    agency and DataCite's record all come from the live registry."""
    db = tmp_path / "registry.sqlite"
    build_registry(db, [SNAPSHOT])
    live = datacite_fake()
    result = run([arxiv_ref()], LayeredRegistry(SqliteRegistry(db), live))
    assert result.verdicts[0].status == "verified"
    assert f"datacite work {ARXIV}" in live.asked


def test_the_datacite_abstract_serves_claims_named_as_datacite() -> None:
    request = AbstractRequest(1, ARXIV, None, Lookup.found(arxiv_record()))
    answer = fetch_abstract(AbstractFake(), request)
    assert answer.value is not None and answer.value.label == f"DataCite {ARXIV}"
    assert answer.value.text.startswith("The dominant sequence transduction models")
    none = AbstractRequest(1, ARXIV, None, Lookup.found(arxiv_record(abstract="")))
    missing = fetch_abstract(AbstractFake(), none)
    assert missing.reason.endswith("DataCite: no abstract deposited")
