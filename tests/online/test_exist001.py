"""EXIST001: a reference that matches no registry record, and the cases that must stay quiet."""

from __future__ import annotations

from dataclasses import replace

import pytest

from citecheck.inputs import document_from_text
from citecheck.model import Reference, RefType, Severity
from citecheck.pipeline import analyze
from citecheck.registry.records import Lookup, PubmedRecord
from citecheck.registry.settings import OnlineOptions, PoolLimits, RegistrySpec
from citecheck.verify import verify_references

from .helpers import FakeRegistry, by_rule, make_ref, rules, work
from .registry_server import LocalRegistry, RegistryData
from .seed import seed_references, seed_works

FABRICATED = (
    "Smithson QX, Plausible RT, Madeup A. Circulating tumour glycan signatures predict "
    "response to checkpoint blockade. Lancet Oncol. 2018;19(4):512-21."
)
OPTIONS = OnlineOptions(cache=False)


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with LocalRegistry(RegistryData(seed_works())).running() as srv:
        yield srv


def fast(srv: LocalRegistry) -> OnlineOptions:
    return OnlineOptions(
        registry=RegistrySpec.http(srv.url, srv.url),
        cache=False,
        limits=PoolLimits(500.0, 500.0, 3),
    )


def fabricated_reference() -> Reference:
    text = f"Glycans predict response (1).\n\n## References\n\n1. {FABRICATED}\n"
    (ref,) = analyze(document_from_text(text, "fabricated.md")).references
    return ref


def test_the_fabricated_reference_gets_exist001(server: LocalRegistry) -> None:
    result = verify_references([fabricated_reference()], fast(server))
    (found,) = by_rule(result.findings, "EXIST001")
    assert found.severity is Severity.WARNING  # type: ignore[attr-defined]
    assert "no registry record matches this reference" in found.message  # type: ignore[attr-defined]
    assert "closest:" in found.message  # type: ignore[attr-defined]
    assert found.evidence["candidate_doi"].startswith("10.5555/citecheck-seed.")  # type: ignore[attr-defined]
    assert result.verdicts[0].status == "unmatched"
    assert result.coverage.checked == 1


def test_the_seeds_88_real_references_get_none(server: LocalRegistry) -> None:
    result = verify_references(seed_references(), fast(server))
    assert by_rule(result.findings, "EXIST001") == []
    assert result.coverage.checked == 88


def _unmatched_search() -> FakeRegistry:
    other = work(DOI="10.5555/other", title=["An unrelated study of kidney stones"])
    return FakeRegistry(default_search=Lookup.found((other,)))


@pytest.mark.parametrize(
    ("ref_type", "severity"),
    [
        pytest.param(RefType.ARTICLE, Severity.WARNING, id="article-warning"),
        pytest.param(RefType.BOOK, Severity.INFO, id="book-info"),
        pytest.param(RefType.WEB, Severity.INFO, id="web-page-info"),
        pytest.param(RefType.ABSTRACT, Severity.INFO, id="conference-abstract-info"),
    ],
)
def test_severity_follows_the_reference_type(ref_type: RefType, severity: Severity) -> None:
    ref = replace(make_ref(), type=ref_type)
    result = verify_references([ref], OPTIONS, _unmatched_search())
    (found,) = by_rule(result.findings, "EXIST001")
    assert found.severity is severity  # type: ignore[attr-defined]


def test_no_candidate_at_all_is_exist001_too() -> None:
    result = verify_references([make_ref()], OPTIONS, FakeRegistry())
    (found,) = by_rule(result.findings, "EXIST001")
    assert "no candidate came back" in found.message  # type: ignore[attr-defined]


def test_search_unavailable_is_net001_not_exist001() -> None:
    registry = FakeRegistry(default_search=Lookup.unavailable("timeout"))
    result = verify_references([make_ref()], OPTIONS, registry)
    assert rules(result.findings) == ["NET001"]
    assert result.coverage.could_not_check == 1


def test_too_little_to_search_by_stays_quiet() -> None:
    short = make_ref(title="Editorial", authors=(), year=None)
    result = verify_references([short], OPTIONS, _unmatched_search())
    assert by_rule(result.findings, "EXIST001") == []


def test_a_pmid_pubmed_knows_means_the_work_exists() -> None:
    ref = make_ref(pmid="21694759")
    record = PubmedRecord(pmid="21694759", title=ref.title or "", year=2011)
    registry = _unmatched_search()
    registry.pubmed["21694759"] = Lookup.found(record)
    result = verify_references([ref], OPTIONS, registry)
    assert by_rule(result.findings, "EXIST001") == []


def test_candidates_that_tie_are_not_called_missing() -> None:
    ref = make_ref()
    fields = {
        "title": [ref.title],
        "author": [{"family": "Boulkedid", "given": "R"}],
        "container-title": ["PLoS One"],
        "issued": {"date-parts": [[2011]]},
        "volume": "6",
        "page": "e20476",
    }
    twins = (work(DOI="10.5555/a", **fields), work(DOI="10.5555/b", **fields))
    result = verify_references([ref], OPTIONS, FakeRegistry(default_search=Lookup.found(twins)))
    assert result.verdicts[0].status == "unmatched"
    assert by_rule(result.findings, "EXIST001") == []


def test_same_title_and_first_author_is_not_called_missing() -> None:
    ref = make_ref()
    near = work(
        DOI="10.5555/near",
        title=[ref.title],
        author=[{"family": "Boulkedid", "given": "R"}],
    )
    result = verify_references([ref], OPTIONS, FakeRegistry(default_search=Lookup.found((near,))))
    assert result.verdicts[0].status == "unmatched"
    assert by_rule(result.findings, "EXIST001") == []


def test_docs_passing_example_gets_no_exist001(server: LocalRegistry) -> None:
    """docs/online.md's passing example: the bundled example's reference 1 is found."""
    text = (
        "CXCR4 (1).\n\n## References\n\n1. Caruz A, Samsom M, Alonso JM, et al. Genomic "
        "organization and promoter characterization of human CXCR4 gene. *FEBS Lett.* "
        "1998;426:271–278.\n"
    )
    refs = analyze(document_from_text(text, "passing.md")).references
    result = verify_references(refs, fast(server))
    assert rules(result.findings) == ["DOI003"]


def test_an_untitled_record_by_the_same_author_cannot_tell() -> None:
    """Crossref holds some records without a title; one by the same first author in the
    same year may be this work, so "no record" cannot be said."""
    ref = make_ref()
    untitled = work(DOI="10.5555/untitled", title=[], author=[{"family": "Boulkedid"}])
    registry = FakeRegistry(default_search=Lookup.found((untitled,)))
    result = verify_references([ref], OPTIONS, registry)
    assert by_rule(result.findings, "EXIST001") == []
    other_author = work(DOI="10.5555/untitled", title=[], author=[{"family": "Zimmer"}])
    registry = FakeRegistry(default_search=Lookup.found((other_author,)))
    result = verify_references([ref], OPTIONS, registry)
    assert len(by_rule(result.findings, "EXIST001")) == 1
