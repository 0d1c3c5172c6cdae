"""A printed DOI under a prefix only DataCite registers (arXiv's 10.48550, Zenodo's 10.5281,
…) is asked of DataCite directly, not of Crossref (404) and the agency look-up first; the
verdicts are those of the longer path: DataCite failing is NET001, DataCite's 404 is DOI001
only when no agency knows the DOI. Batched and one-by-one alike; locked and replayed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pytest
import responses

from citecheck.bibliography.parse import parse_reference
from citecheck.registry.datacite import work_from_attributes
from citecheck.registry.lockfile import (
    LockedRegistry,
    Lockfile,
    agency_key,
    agency_work_key,
    lockfile_from_json,
    lockfile_to_json,
    work_key,
)
from citecheck.registry.records import Lookup, WorkRecord, work_to_data
from citecheck.registry.settings import OnlineOptions
from citecheck.verify import verify_references
from citecheck.verify.datacite_dois import registered_with_datacite
from citecheck.verify.run import OnlineResult

from .helpers import FakeRegistry, body, live_registry, make_ref, rules, work
from .test_arxiv_verify import datacite_url, serve

ARXIV = "10.48550/arxiv.1706.03762"
ZENODO = "10.5281/zenodo.1234567"
TEST_PREFIX = "10.5072/arxiv.citecheck.2"  # DataCite's test prefix: not among the known ones
CONFIG = OnlineOptions(email="test@example.org", cache=False)
MODES = pytest.mark.parametrize("batched", [True, False], ids=["batched", "one-by-one"])


@dataclass
class BatchFake(FakeRegistry):
    """A fake that also notes the DOIs sent in Crossref's ``filter=doi:`` batches."""

    batched: list[str] = field(default_factory=list)

    def works_batch(self, dois: Sequence[str]) -> dict[str, WorkRecord]:
        self.batched.extend(dois)
        return {}


def attention() -> WorkRecord:
    attributes = json.loads(body("datacite/arxiv-1706.03762.json"))["data"]["attributes"]
    return work_from_attributes(attributes)


def attention_ref(doi: str = ARXIV, **changes: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {
        "authors": ("Vaswani A", "Shazeer N", "Parmar N"),
        "title": "Attention is all you need",
        "container": "arXiv",
        "year": "2017",
        "volume": None,
        "pages": None,
        "doi": doi,
    }
    fields.update(changes)
    return make_ref(**fields)  # type: ignore[arg-type]


def run(refs, registry, batched: bool = True) -> OnlineResult:  # type: ignore[no-untyped-def]
    return verify_references(refs, replace(CONFIG, batch_resolution=batched), registry=registry)


@pytest.mark.parametrize(
    ("doi", "known"),
    [
        ("10.48550/arXiv.1706.03762", True),
        ("10.5281/zenodo.1234567", True),
        ("10.5061/dryad.abc123", True),
        ("10.6084/m9.figshare.123", True),
        ("10.7910/DVN/ABCDEF", True),
        (" 10.5438/0012", True),
        ("10.5072/arxiv.citecheck.2", False),  # DataCite's test prefix: not a registered DOI
        ("10.1038/nature12373", False),
        ("10.48550", False),  # no suffix: not a DOI
        ("10.485501/x", False),
    ],
)
def test_known_datacite_prefixes(doi: str, known: bool) -> None:
    assert registered_with_datacite(doi) is known


@MODES
def test_datacite_is_asked_first_and_alone(batched: bool) -> None:
    fake = BatchFake(registered={ARXIV: Lookup.found(attention())})
    result = run([attention_ref()], fake, batched)
    (verdict,) = result.verdicts
    assert (verdict.status, verdict.doi, verdict.detail) == ("verified", ARXIV, "DataCite record")
    assert result.findings == ()
    assert fake.asked == [f"datacite work {ARXIV}"]
    assert ARXIV not in fake.batched


@MODES
def test_other_prefixes_keep_the_crossref_path(batched: bool) -> None:
    fake = BatchFake(
        agencies={TEST_PREFIX: Lookup.found("datacite")},
        registered={TEST_PREFIX: Lookup.found(replace(attention(), doi=TEST_PREFIX))},
    )
    result = run([attention_ref(TEST_PREFIX)], fake, batched)
    assert result.verdicts[0].status == "verified"
    assert fake.asked == [
        f"work {TEST_PREFIX}",
        f"agency {TEST_PREFIX}",
        f"datacite work {TEST_PREFIX}",
    ]
    assert TEST_PREFIX in fake.batched


@MODES
def test_a_crossref_doi_beside_still_goes_in_the_batch(batched: bool) -> None:
    nature = "10.1038/nature12373"
    record = work(DOI=nature, title=["Nanometre-scale thermometry in a living cell"])
    fake = BatchFake(
        registered={ARXIV: Lookup.found(attention())}, works={nature: Lookup.found(record)}
    )
    refs = [
        attention_ref(),
        make_ref(
            title="Nanometre-scale thermometry in a living cell",
            doi=nature,
            year="2013",
            authors=(),
            container=None,
            volume=None,
            pages=None,
        ),
    ]
    result = run(refs, fake, batched)
    assert [v.status for v in result.verdicts] == ["verified", "verified"]
    assert fake.batched == [nature]
    assert f"work {ARXIV}" not in fake.asked and f"agency {ARXIV}" not in fake.asked


@MODES
def test_datacite_404_and_no_agency_is_doi001_naming_datacite(batched: bool) -> None:
    fake = BatchFake()  # DataCite: no record; no agency knows the DOI
    result = run([attention_ref(ZENODO)], fake, batched)
    assert rules(result.findings) == ["DOI001"]
    assert "(DataCite: not found; no agency knows it)" in result.findings[0].message
    assert result.verdicts[0].status == "not-registered"
    assert fake.asked == [f"datacite work {ZENODO}", f"agency {ZENODO}"]  # Crossref never


@MODES
def test_datacite_404_for_its_own_doi_is_could_not_check(batched: bool) -> None:
    fake = BatchFake(agencies={ZENODO: Lookup.found("datacite")})
    result = run([attention_ref(ZENODO)], fake, batched)
    assert rules(result.findings) == ["NET001"]
    assert result.verdicts[0].status == "skipped" and result.verdicts[0].doi is None
    assert "registered with datacite" in result.findings[0].message


@MODES
@pytest.mark.parametrize("agency", [None, Lookup.not_found("no agency")], ids=["-", "no-agency"])
def test_datacite_failing_is_net001_never_doi001(batched: bool, agency: Lookup[str] | None) -> None:
    fake = BatchFake(registered={ZENODO: Lookup.unavailable("DataCite unreachable: timed out")})
    if agency is not None:
        fake.agencies[ZENODO] = agency
    result = run([attention_ref(ZENODO)], fake, batched)
    assert rules(result.findings) == ["NET001"]
    assert "DataCite unreachable" in result.findings[0].message
    assert result.verdicts[0].status == "unavailable"
    assert fake.asked == [f"datacite work {ZENODO}"]  # a failure is not a 404: no agency asked


def test_a_prefix_crossref_holds_after_all_is_judged_on_crossrefs_record() -> None:
    record = work(DOI=ZENODO, title=["Attention is all you need"], issued={"date-parts": [[2017]]})
    fake = BatchFake(
        agencies={ZENODO: Lookup.found("crossref")}, works={ZENODO: Lookup.found(record)}
    )
    result = run([attention_ref(ZENODO)], fake)
    assert result.verdicts[0].status == "verified" and result.verdicts[0].detail == ""
    assert fake.asked == [f"datacite work {ZENODO}", f"agency {ZENODO}", f"work {ZENODO}"]


@MODES
def test_lockfile_records_and_replays_the_direct_answers(batched: bool) -> None:
    fake = BatchFake(registered={ARXIV: Lookup.found(attention())})
    refs = [attention_ref(), attention_ref(ZENODO, year="2019"), attention_ref(year="2012")]
    online = run(refs, fake, batched)
    assert set(online.lock.entries) == {
        f"datacite work {ARXIV}",
        f"datacite work {ZENODO}",
        f"agency {ZENODO}",
    }
    offline = run(refs, LockedRegistry(lockfile_from_json(lockfile_to_json(online.lock))), batched)
    assert offline.verdicts == online.verdicts
    assert [f.message for f in offline.findings] == [f.message for f in online.findings]
    assert rules(online.findings) == ["DOI001", "META001"]


@MODES
def test_over_http_only_datacite_is_asked(batched: bool) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        serve(rsps, ARXIV, "arxiv-1706.03762.json")
        registry, _ = live_registry(attempts=1)
        text = (
            "Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. arXiv preprint "
            "arXiv:1706.03762. 2017. doi:10.48550/arXiv.1706.03762"
        )
        result = verify_references(
            [replace(parse_reference(text), number=1)],
            replace(CONFIG, batch_resolution=batched),
            registry=registry,
        )
        assert [str(c.request.url) for c in rsps.calls] == [datacite_url(ARXIV)]
    assert result.verdicts[0].status == "verified" and result.findings == ()


def test_a_lockfile_of_the_longer_path_replays_the_same_verdict() -> None:
    """Recorded before DataCite was asked first: Crossref's 404, the agency, DataCite's record."""
    longer = FakeRegistry(
        agencies={ARXIV: Lookup.found("datacite")},
        registered={ARXIV: Lookup.found(attention())},
    )
    old = Lockfile({
        work_key(ARXIV): {"status": "not-found", "reason": "Crossref: Resource not found."},
        agency_key(ARXIV): {"status": "found", "value": "datacite"},
        agency_work_key("datacite", ARXIV): {"status": "found", "value": work_to_data(attention())},
    })  # fmt: skip
    online = run([attention_ref(year="2012")], longer)
    offline = run([attention_ref(year="2012")], LockedRegistry(old))
    assert offline.verdicts == online.verdicts and offline.verdicts[0].status == "mismatch"
    assert [f.message for f in offline.findings] == [f.message for f in online.findings]


def test_datacite_404_and_no_agency_answer_is_net001_naming_datacite() -> None:
    fake = BatchFake(agencies={ZENODO: Lookup.unavailable("Crossref answered HTTP 503")})
    result = run([attention_ref(ZENODO)], fake)
    assert rules(result.findings) == ["NET001"] and result.verdicts[0].status == "unavailable"
    assert (
        f"DOI {ZENODO} is not in DataCite and Crossref answered HTTP 503"
        in result.findings[0].message
    )


def test_crossref_404_and_no_agency_answer_still_names_crossref() -> None:
    fake = BatchFake(agencies={TEST_PREFIX: Lookup.unavailable("Crossref answered HTTP 503")})
    result = run([attention_ref(TEST_PREFIX)], fake)
    assert rules(result.findings) == ["NET001"]
    assert f"DOI {TEST_PREFIX} is not in Crossref and" in result.findings[0].message
