"""PubMed's baseline and update files: articles read as esummary would give them, joined to
the works by DOI, revised and deleted by update files; hostile or broken files refused
whole."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.localregistry.build import build_registry
from citecheck.localregistry.layered import LayeredRegistry
from citecheck.localregistry.pubmed import read_pubmed_file
from citecheck.localregistry.registry import SqliteRegistry
from citecheck.model import Author
from citecheck.registry.records import Lookup

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "localregistry"
BASELINE = FIXTURES / "pubmed" / "pubmed25n0001.xml.gz"
UPDATE = FIXTURES / "pubmed" / "pubmed25n1275.xml"


def test_baseline_articles_read_as_esummary_gives_them() -> None:
    read = read_pubmed_file(BASELINE)
    assert read.error == "" and read.deleted == ()
    first, second, third = read.records  # the book record is passed over
    assert (first.pmid, first.doi, first.year, first.volume, first.pages) == (
        "90000001", "10.5555/CITECHECK-SEED.01", 1998, "426", "271-8")  # fmt: skip
    assert first.title == "Genomic organization and promoter characterization of human CXCR4 gene"
    assert (first.journal, first.journal_full) == ("FEBS Lett", "FEBS letters")
    assert first.authors == (Author("Caruz", "A"), Author("Samson", "M"), Author("Alonso", "JM"))
    # DOI from ELocationID; markup and entities in the title; a group author left out
    assert second.doi == "10.5555/pubmed-only.2" and second.year == 2016
    assert second.title == "Expression of CXCR4 in 68Ga-pentixafor imaging: a study & its limits"
    assert second.authors == (Author("Müller", "A"),)
    assert third.doi is None and third.is_retracted and third.pages == "117-26"


def test_cited_references_ids_are_not_the_articles() -> None:
    # the first article's ReferenceList cites seed 02 (DOI and PMID): not its own ids
    first = read_pubmed_file(BASELINE).records[0]
    assert first.doi != "10.5555/citecheck-seed.02" and first.pmid == "90000001"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("pm") / "r.sqlite"
    report = build_registry(db, [FIXTURES / "crossref-0.json.gz", BASELINE, UPDATE])
    assert report.skipped == () and (report.pubmed, report.deleted) == (4, 1)
    return db


def test_joined_to_works_by_doi_revised_and_deleted(built: Path) -> None:
    reg = SqliteRegistry(built)
    assert reg.pmid_for_doi("10.5555/citecheck-seed.01").value == "90000001"
    assert reg.work_by_doi("10.5555/citecheck-seed.01").is_found  # the Crossref record
    assert reg.pmid_for_doi("10.5555/pubmed-only.2").value == "90000002"  # PubMed's alone
    assert reg.pmid_for_doi("10.5555/citecheck-seed.03").status.value == "not-found"
    got = reg.pubmed_summaries(["90000001", "90000002", "90000003"])
    assert got["90000002"].value is not None
    assert got["90000002"].value.title.endswith("a revised title")  # the update file's
    assert got["90000003"].status.value == "unavailable"  # DeleteCitation: no longer held


def test_without_pubmed_files_pubmed_is_unavailable(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    build_registry(db, [FIXTURES / "crossref-0.json.gz"])
    reg = SqliteRegistry(db)
    assert reg.pmid_for_doi("10.5555/citecheck-seed.01").is_unavailable
    assert reg.pubmed_summaries(["90000001"])["90000001"].is_unavailable


class Live:
    """The live registry's PubMed part, counting what it is asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def pubmed_summaries(self, pmids: list[str]) -> dict[str, Lookup[object]]:
        self.asked += pmids
        return {p: Lookup.not_found() for p in pmids}

    def pmid_for_doi(self, doi: str) -> Lookup[str]:
        self.asked.append(doi)
        return Lookup.found("1")


def test_layered_asks_live_pubmed_only_for_what_is_not_held(built: Path) -> None:
    live = Live()
    layered = LayeredRegistry(SqliteRegistry(built), live)  # type: ignore[arg-type]
    got = layered.pubmed_summaries(["90000001", "12345"])
    assert got["90000001"].is_found and live.asked == ["12345"]
    assert layered.pmid_for_doi("10.5555/citecheck-seed.01").value == "90000001"
    assert layered.pmid_for_doi("10.1/elsewhere").value == "1"
    assert live.asked == ["12345", "10.1/elsewhere"]


@pytest.mark.parametrize(
    "text, why",
    [
        pytest.param(
            '<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY a "aaaa">]>'
            "<PubmedArticleSet>&a;</PubmedArticleSet>",
            "entity",
            id="entity-declaration",
        ),
        pytest.param(
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            "<PubmedArticleSet>&e;</PubmedArticleSet>",
            "entity",
            id="external-entity",
        ),
        pytest.param("<PubmedArticleSet><PubmedArticle>", "truncated", id="truncated"),
        pytest.param("<ArticleSet></ArticleSet>", "not PubMed", id="other-root"),
        pytest.param("<a>" * 100 + "</a>" * 100, "nested", id="too-deep"),
    ],
)
def test_hostile_or_broken_files_are_refused(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    read = read_pubmed_file(path)
    assert read.records == () and why in read.error and "bad.xml" in read.error


def test_a_truncated_gzip_is_skipped_whole_and_reported(tmp_path: Path) -> None:
    cut = tmp_path / "pubmed25n0002.xml.gz"
    data = gzip.decompress(BASELINE.read_bytes())
    whole = gzip.compress(data)
    cut.write_bytes(whole[: len(whole) // 2])
    db = tmp_path / "r.sqlite"
    result = CliRunner().invoke(main, ["registry", "build", str(UPDATE), str(cut), "-o", str(db)])
    assert result.exit_code == 1
    assert "pubmed25n0002.xml.gz" in result.output and "not ingested" in result.output
    assert "1 PubMed records (1 deleted)" not in result.output
    reg = SqliteRegistry(db)
    assert reg.pubmed_summaries(["90000001"])["90000001"].status.value == "unavailable"


def test_a_pmid_not_held_is_could_not_check_never_pmid001(built: Path) -> None:
    """The files ingested may be a part of PubMed: a PMID they do not hold may exist."""
    reg = SqliteRegistry(built)
    assert reg.has_pubmed
    assert reg.pubmed_summaries(["12345"])["12345"].is_unavailable


def test_registry_alone_answers_pubmed_from_its_pubmed_records(built: Path) -> None:
    from citecheck.registry.open import open_registry
    from citecheck.registry.settings import OnlineOptions, RegistrySpec

    reg = open_registry(OnlineOptions(registry=RegistrySpec.sqlite(str(built))))
    assert reg.pubmed_summaries(["90000001"])["90000001"].is_found
    assert reg.pubmed_abstract("90000001").is_unavailable
