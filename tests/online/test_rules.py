"""Every online rule with a failing and a passing example (verify_references over a fake)."""

from __future__ import annotations

import pytest

from citecheck.model import Severity
from citecheck.registry.records import Lookup, PubmedRecord, WorkRecord
from citecheck.registry.settings import OnlineOptions
from citecheck.verify import verify_references

from .helpers import FakeRegistry, by_rule, make_ref, rules, work

DOI = "10.1371/journal.pone.0020476"
CONFIG = OnlineOptions(email="test@example.org")


def plos_work(**changes: object) -> WorkRecord:
    fields: dict[str, object] = {
        "DOI": DOI,
        "title": ["Using and Reporting the Delphi Method for Selecting Healthcare Quality "
                  "Indicators: A Systematic Review"],
        "author": [{"given": "Rym", "family": "Boulkedid"}, {"given": "Hendy", "family": "Abdoul"}],
        "container-title": ["PLoS ONE"],
        "short-container-title": ["PLoS ONE"],
        "volume": "6",
        "issue": "6",
        "page": "e20476",
        "issued": {"date-parts": [[2011, 6, 9]]},
        "type": "journal-article",
    }  # fmt: skip
    fields.update(changes)
    return work(**fields)


def run(refs, registry):  # type: ignore[no-untyped-def]
    return verify_references(refs, CONFIG, registry=registry)


def test_verified_doi_has_no_findings() -> None:
    fake = FakeRegistry(works={DOI: Lookup.found(plos_work())})
    result = run([make_ref(doi=DOI)], fake)
    assert result.findings == ()
    assert result.verdicts[0].status == "verified"
    assert result.found_dois == {1: DOI}


def test_doi001_not_registered_anywhere() -> None:
    fake = FakeRegistry()  # 404 from works, 404 from agency
    result = run([make_ref(doi="10.1371/notarealdoi")], fake)
    (f,) = result.findings
    assert f.rule == "DOI001" and f.severity is Severity.ERROR
    assert "10.1371/notarealdoi" in f.message
    assert "agency 10.1371/notarealdoi" in fake.asked  # checked the agency before saying so


def test_doi001_not_for_a_datacite_doi() -> None:
    doi = "10.48550/arxiv.2304.05376"
    fake = FakeRegistry(agencies={doi: Lookup.found("datacite")})
    result = run([make_ref(doi=doi)], fake)
    assert rules(result.findings) == ["NET001"]
    assert "datacite" in result.findings[0].message
    assert result.findings[0].severity is Severity.INFO


def test_doi002_different_work() -> None:
    other = plos_work(
        title=["Retrieval augmented scientific claim verification"],
        author=[{"given": "H", "family": "Liu"}],
        issued={"date-parts": [[2024]]},
    )
    result = run([make_ref(doi=DOI)], FakeRegistry(works={DOI: Lookup.found(other)}))
    (f,) = result.findings
    assert f.rule == "DOI002" and f.severity is Severity.ERROR
    assert "Retrieval augmented" in f.message and "Using and reporting" in f.message
    assert "similarity" in f.message and "threshold 60" in f.message
    assert result.found_dois == {}


def test_badly_printed_title_with_same_authors_is_meta_not_doi002() -> None:
    w = plos_work(title=["Something else entirely about quality"])
    result = run([make_ref(doi=DOI)], FakeRegistry(works={DOI: Lookup.found(w)}))
    assert rules(result.findings) == ["META001"]
    assert result.findings[0].evidence["field"] == "title"


@pytest.mark.parametrize(
    ("changes", "field", "printed", "registry"),
    [
        pytest.param({"volume": "7"}, "volume", "6", "7", id="volume"),
        pytest.param({"page": "e20477"}, "pages", "e20476", "e20477", id="first-page"),
        pytest.param({"issued": {"date-parts": [[2009]]}}, "year", "2011", "2009", id="year"),
        pytest.param(
            {"container-title": ["Nature"], "short-container-title": ["Nature"]},
            "journal", "PLoS One", "Nature", id="journal",
        ),
        pytest.param(
            {"author": [{"given": "R", "family": "Boulkedit"}]},
            "author 1", "Boulkedid R", "Boulkedit R", id="first-author",
        ),
    ],
)  # fmt: skip
def test_meta001_one_finding_per_field(changes, field, printed, registry) -> None:  # type: ignore[no-untyped-def]
    w = plos_work(**changes)
    result = run([make_ref(doi=DOI)], FakeRegistry(works={DOI: Lookup.found(w)}))
    (f,) = result.findings
    assert f.rule == "META001" and f.severity is Severity.WARNING
    assert f.evidence["field"] == field
    assert f.evidence["printed"] == printed and f.evidence["registry"] == registry
    assert f'"{printed}"' in f.message and registry in f.message


def test_meta001_every_listed_author_is_compared() -> None:
    ref = make_ref(doi=DOI, authors=("Boulkedid R", "Abdul H"), et_al=True)
    result = run([ref], FakeRegistry(works={DOI: Lookup.found(plos_work())}))
    (f,) = result.findings
    assert f.evidence["field"] == "author 2" and "Abdoul" in f.message


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"issued": {"date-parts": [[2010, 12]]}}, id="online-first-year-minus-1"),
        pytest.param({"short-container-title": ["PLoS One"]}, id="journal-abbreviation"),
        pytest.param({"author": [{"given": "R", "family": "Boulkédid"}]}, id="diacritics"),
        pytest.param({"page": None, "article-number": "e20476"}, id="article-number"),
        pytest.param({"title": ["Using &amp; reporting the <i>Delphi</i> method for "
                                "selecting healthcare quality indicators: a systematic review"]},
                     id="markup"),
    ],
)  # fmt: skip
def test_meta001_tolerates_style_differences(changes) -> None:  # type: ignore[no-untyped-def]
    w = plos_work(**changes)
    result = run([make_ref(doi=DOI)], FakeRegistry(works={DOI: Lookup.found(w)}))
    assert [
        f for f in result.findings if f.rule == "META001" and f.evidence["field"] != "title"
    ] == []


def test_doi003_suggested_on_strong_evidence() -> None:
    fake = FakeRegistry(default_search=Lookup.found((plos_work(),)))
    result = run([make_ref()], fake)
    (f,) = result.findings
    assert f.rule == "DOI003" and f.severity is Severity.INFO
    assert DOI in f.message and "title 100/100" in f.message
    assert result.found_dois == {1: DOI}


def test_doi003_not_suggested_when_weak() -> None:
    weak = plos_work(
        title=["Delphi methods in nursing research"], author=[{"family": "Keeney", "given": "S"}]
    )
    result = run([make_ref()], FakeRegistry(default_search=Lookup.found((weak,))))
    assert [f.rule for f in result.findings] == ["EXIST001"]  # no DOI003: nothing suggested
    assert result.verdicts[0].status == "unmatched"
    assert "no confident match" in result.verdicts[0].detail


def test_doi003_not_suggested_on_a_tie() -> None:
    twin = plos_work(DOI="10.9999/duplicate-deposit")
    result = run([make_ref()], FakeRegistry(default_search=Lookup.found((plos_work(), twin))))
    assert result.findings == ()
    assert "fit equally well" in result.verdicts[0].detail


def test_pmid001_missing_pmid() -> None:
    result = run([make_ref(pmid="1")], FakeRegistry())
    assert "PMID001" in rules(result.findings)


def pubmed_record(**changes: object) -> PubmedRecord:
    from citecheck.model import Author

    fields: dict[str, object] = {
        "pmid": "21694759",
        "title": "Using and reporting the Delphi method for selecting healthcare quality "
        "indicators: a systematic review",
        "authors": (Author("Boulkedid", "R"),),
        "year": 2011,
        "doi": DOI,
    }
    fields.update(changes)
    return PubmedRecord(**fields)  # type: ignore[arg-type]


def test_pmid_agrees_and_its_doi_is_used() -> None:
    fake = FakeRegistry(
        pubmed={"21694759": Lookup.found(pubmed_record())},
        works={DOI: Lookup.found(plos_work())},
    )
    result = run([make_ref(pmid="21694759")], fake)
    assert rules(result.findings) == ["DOI003"]
    assert "via PubMed" in result.findings[0].message
    assert result.found_dois == {1: DOI}


def test_pmid002_different_work_and_doi_disagreement() -> None:
    pm = pubmed_record(title="Chemokine receptors in breast cancer metastasis", doi="10.1/other")
    fake = FakeRegistry(
        pubmed={"21694759": Lookup.found(pm)}, works={DOI: Lookup.found(plos_work())}
    )
    result = run([make_ref(pmid="21694759", doi=DOI)], fake)
    pmid = by_rule(result.findings, "PMID002")
    assert len(pmid) == 2
    assert {f.severity for f in pmid} == {Severity.ERROR, Severity.WARNING}  # type: ignore[attr-defined]


def test_ret001_retraction_from_retraction_watch() -> None:
    w = plos_work(
        **{
            "updated-by": [
                {"DOI": "10.1021/acsami.9b11759", "type": "retraction", "label": "Retraction",
                 "source": "retraction-watch", "updated": {"date-parts": [[2019, 7, 26]]},
                 "record-id": "20946"},
                {"DOI": "10.1021/ACSAMI.9B11759", "type": "retraction", "label": "Retraction",
                 "source": "publisher", "updated": {"date-parts": [[2019, 7, 26]]}},
            ]
        }
    )  # fmt: skip
    result = run([make_ref(doi=DOI)], FakeRegistry(works={DOI: Lookup.found(w)}))
    (f,) = result.findings  # publisher and Retraction Watch say it once
    assert f.rule == "RET001" and f.severity is Severity.ERROR
    assert "10.1021/acsami.9b11759" in f.message and "2019-07-26" in f.message


def test_ret002_correction() -> None:
    w = plos_work(
        **{"updated-by": [{"DOI": "10.1371/annotation/x", "type": "correction",
                           "label": "Correction", "source": "publisher",
                           "updated": {"date-parts": [[2012, 5, 8]]}}]}
    )  # fmt: skip
    result = run([make_ref(doi=DOI)], FakeRegistry(works={DOI: Lookup.found(w)}))
    (f,) = result.findings
    assert f.rule == "RET002" and f.severity is Severity.WARNING
    assert "correction" in f.message and "2012-05-08" in f.message


def test_ret001_from_pubmed_publication_type() -> None:
    pm = pubmed_record(pubtypes=("Journal Article", "Retracted Publication"))
    fake = FakeRegistry(
        pubmed={"21694759": Lookup.found(pm)}, works={DOI: Lookup.found(plos_work())}
    )
    result = run([make_ref(pmid="21694759", doi=DOI)], fake)
    assert rules(result.findings) == ["RET001"]


@pytest.mark.parametrize(
    "reason",
    ["timed out after 4 attempts", "HTTP 429 after 4 attempts", "HTTP 503 after 4 attempts"],
)
def test_net001_is_info_never_a_mismatch(reason: str) -> None:
    fake = FakeRegistry(works={DOI: Lookup.unavailable(f"Crossref answered {reason}")})
    result = run([make_ref(doi=DOI)], fake)
    (f,) = result.findings
    assert f.rule == "NET001" and f.severity is Severity.INFO and reason in f.message
    assert result.verdicts[0].status == "unavailable"


def test_net001_when_search_unavailable() -> None:
    fake = FakeRegistry(default_search=Lookup.unavailable("Crossref answered HTTP 503"))
    result = run([make_ref()], fake)
    assert rules(result.findings) == ["NET001"]


def test_preprint_relation_is_noted() -> None:
    preprint = plos_work(relation={"is-preprint-of": [{"id-type": "doi", "id": "10.1/published"}]})
    result = run([make_ref(doi=DOI)], FakeRegistry(works={DOI: Lookup.found(preprint)}))
    assert result.verdicts[0].notes == (f"{DOI} is preprint of 10.1/published",)


def test_findings_carry_reference_number_and_span() -> None:
    result = run([make_ref(7, doi="10.1/nope")], FakeRegistry())
    (f,) = result.findings
    assert f.refs == (7,) and f.span is not None and f.message.startswith("ref 7:")


def test_unparsed_references_are_skipped() -> None:
    from dataclasses import replace

    ref = replace(make_ref(doi=DOI), parsed=False)
    fake = FakeRegistry()
    assert run([ref], fake).verdicts == () and fake.asked == []
