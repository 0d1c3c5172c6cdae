"""Building a local registry: whole files or nothing, resumable, newer records replace older
ones, Retraction Watch rows become notices; the database answers as a WorksRegistry."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.localregistry import build
from citecheck.localregistry.build import build_registry
from citecheck.localregistry.registry import SqliteRegistry
from citecheck.localregistry.schema import RegistryDatabaseError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "localregistry"
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "registry" / "seed_works.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("reg") / "r.sqlite"
    report = build_registry(db, [FIXTURES])
    assert report.skipped == ()
    assert (report.files, report.records, report.notices, report.pubmed) == (5, 88, 3, 4)
    return db


def jsonl(path: Path, works: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(w) for w in works) + "\n", encoding="utf-8")
    return path


def stamp(when: str) -> dict[str, object]:
    return {"date-time": when}


def test_lookups_and_batches(built: Path) -> None:
    reg = SqliteRegistry(built)
    work = reg.work_by_doi("10.5555/CITECHECK-SEED.01")
    assert work.is_found and work.value is not None
    assert work.value.title.startswith("Genomic organization")
    assert reg.work_by_doi("10.5555/nothing").status.value == "not-found"
    asked = ["10.5555/citecheck-seed.02", "10.5555/citecheck-seed.03", "10.5555/none"]
    assert sorted(reg.works_batch(asked)) == asked[:2]
    assert reg.doi_agency("10.5555/citecheck-seed.02").value == "crossref"
    assert reg.doi_agency("10.48550/arxiv.1").is_unavailable  # another agency's, perhaps


def test_retraction_watch_rows_are_notices(built: Path) -> None:
    reg = SqliteRegistry(built)
    retracted = reg.work_by_doi("10.5555/citecheck-seed.05").value
    assert retracted is not None
    assert [(u.doi, u.type, u.source, u.date) for u in retracted.updates] == [
        ("10.5555/citecheck-notice.05", "retraction", "retraction-watch", "2021-03-15")
    ]
    concern = reg.work_by_doi("10.5555/citecheck-seed.30").value
    assert concern is not None
    assert [(u.doi, u.type) for u in concern.updates] == [
        ("retractionwatch:90003", "expression_of_concern")
    ]
    reinstated = reg.work_by_doi("10.5555/citecheck-seed.61").value
    assert reinstated is not None and reinstated.updates == ()


def test_search_ranks_the_printed_work_first(built: Path) -> None:
    works = json.loads(SEED.read_text(encoding="utf-8"))
    reg = SqliteRegistry(built)
    for w in works[:30]:
        family = w["author"][0]["family"]
        year = w["issued"]["date-parts"][0][0]
        text = f"{family} X, et al. {w['title'][0]}. {w['container-title'][0]}. {year}."
        found = reg.search_bibliographic(text, 5)
        assert found.value and found.value[0].doi == w["DOI"], text


def test_truncated_file_is_skipped_whole(tmp_path: Path) -> None:
    good = jsonl(tmp_path / "a.jsonl", [{"DOI": "10.1/a", "title": ["A"]}])
    whole = gzip.compress(json.dumps({"items": [
        {"DOI": f"10.1/cut{i}", "title": [f"Cut {i} " * 20]} for i in range(400)
    ]}).encode())  # fmt: skip
    cut = tmp_path / "b.json.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    db = tmp_path / "r.sqlite"
    report = build_registry(db, [good, cut])
    assert report.files == 1 and report.records == 1
    assert len(report.skipped) == 1 and "b.json.gz" in report.skipped[0]
    reg = SqliteRegistry(db)
    assert reg.work_by_doi("10.1/cut0").status.value == "not-found"  # nothing half-ingested
    assert reg.work_by_doi("10.1/a").is_found


def test_resume_passes_over_files_already_ingested(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(FIXTURES, src)
    db = tmp_path / "r.sqlite"
    assert build_registry(db, [src]).files == 5
    again = build_registry(db, [src])
    assert (again.files, again.unchanged, again.records) == (0, 5, 0)


def test_newer_record_replaces_older_and_not_the_reverse(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    old = {"DOI": "10.1/x", "title": ["Old title"], "indexed": stamp("2023-01-01T00:00:00Z")}
    new = {"DOI": "10.1/X", "title": ["New title"], "indexed": stamp("2024-01-01T00:00:00Z")}
    build_registry(db, [jsonl(tmp_path / "1.jsonl", [old])])
    build_registry(db, [jsonl(tmp_path / "2.jsonl", [new])])
    reg = SqliteRegistry(db)
    assert reg.work_by_doi("10.1/x").value.title == "New title"  # type: ignore[union-attr]
    build_registry(db, [jsonl(tmp_path / "3.jsonl", [old])])
    assert reg.work_by_doi("10.1/x").value.title == "New title"  # type: ignore[union-attr]
    found = reg.search_bibliographic("New title 2024")
    assert found.value and found.value[0].doi == "10.1/X"
    assert not reg.search_bibliographic("Old").value  # its words left the index


def terms(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return dict(con.execute("SELECT term, docs FROM terms").fetchall())
    finally:
        con.close()


def test_word_counts_are_what_the_index_holds_after_replacements(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    a = {"DOI": "10.1/a", "title": ["Zebrafish fins regrow"], "indexed": stamp("2023-01-01")}
    b = {"DOI": "10.1/b", "title": ["Zebrafish hearts regrow"], "indexed": stamp("2023-01-01")}
    build_registry(db, [jsonl(tmp_path / "1.jsonl", [a, b])])
    assert (terms(db)["zebrafish"], terms(db)["fins"], terms(db)["regrow"]) == (2, 1, 2)
    newer = {**a, "title": ["Axolotl fins regrow"], "indexed": stamp("2024-01-01")}
    build_registry(db, [jsonl(tmp_path / "2.jsonl", [newer])])
    counts = terms(db)
    assert (counts["zebrafish"], counts["axolotl"], counts["fins"]) == (1, 1, 1)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO works_fts (works_fts) VALUES ('integrity-check')")  # raises if not
    con.close()


def test_an_interrupted_build_is_refused_until_a_resumed_one_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = tmp_path / "whole.sqlite"
    build_registry(whole, [FIXTURES])
    monkeypatch.setattr(build, "GROUP", 1)  # each file committed as it is stored

    def stop(progress: build.Progress) -> None:
        if progress.records > 50:  # past the first works file's commit
            raise KeyboardInterrupt

    db = tmp_path / "r.sqlite"
    with pytest.raises(KeyboardInterrupt):
        build_registry(db, [FIXTURES], stop)
    with pytest.raises(RegistryDatabaseError, match="did not finish"):
        SqliteRegistry(db)
    again = build_registry(db, [FIXTURES])
    assert again.unchanged >= 1 and terms(db) == terms(whole) and len(terms(db)) > 100
    found = SqliteRegistry(db).search_bibliographic(
        "Walenkamp AME, Lapa C. CXCR4 ligands: the next big hit? J Nucl Med 2017"
    )
    assert found.status is not None  # the database opens and answers
    con = sqlite3.connect(db)
    con.execute("INSERT INTO works_fts (works_fts) VALUES ('integrity-check')")
    con.close()


def test_malformed_records_are_left_out(tmp_path: Path) -> None:
    bad = [{"title": ["no DOI"]}, {"DOI": "10.1/b", "title": [1]}, [1], {"DOI": "10.1/c"}]
    report = build_registry(tmp_path / "r.sqlite", [jsonl(tmp_path / "m.jsonl", bad)])
    assert (report.records, report.malformed) == (1, 3)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"not sqlite" * 200)
    with pytest.raises(RegistryDatabaseError):
        SqliteRegistry(path)
    with pytest.raises(RegistryDatabaseError, match="no such"):
        SqliteRegistry(tmp_path / "missing.sqlite")


@pytest.mark.parametrize(
    ("script", "why"),
    [
        ("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')", "not a registry"),
        ("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
         "INSERT INTO meta VALUES ('schema', '2')", "schema 2, this citecheck reads 3"),
    ],
    ids=["another program's", "an older layout"],
)  # fmt: skip
def test_a_build_leaves_a_database_it_cannot_use_as_it_is(
    tmp_path: Path, script: str, why: str
) -> None:
    db = tmp_path / "theirs.sqlite"
    con = sqlite3.connect(db)
    con.executescript(script)
    con.close()
    before = db.read_bytes()
    with pytest.raises(RegistryDatabaseError, match=why):
        build_registry(db, [FIXTURES])
    assert db.read_bytes() == before


def test_cli_build_reports_rate_and_refuses_a_broken_file(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    result = CliRunner().invoke(main, ["registry", "build", str(FIXTURES), "-o", str(db)])
    assert result.exit_code == 0, result.output
    assert "88 records, 3 notices" in result.output and "records/s" in result.output
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"\x1f\x8b not really")
    result = CliRunner().invoke(main, ["registry", "build", str(broken), "-o", str(db)])
    assert result.exit_code == 1
    assert "broken.json.gz" in result.output and "not ingested" in result.output


def test_registry_options_choose_the_registry() -> None:
    from citecheck.cli.settings import online_choice
    from citecheck.registry.settings import CROSSREF_URL, EUROPEPMC_URL, NCBI_URL

    base = {"crossref_url": CROSSREF_URL, "ncbi_url": NCBI_URL, "europepmc_url": EUROPEPMC_URL}
    alone = online_choice({**base, "registry_path": "r.sqlite"})
    assert alone.options is not None and alone.options.registry.kind == "sqlite"
    first = online_choice({**base, "registry_path": "r.sqlite", "online": True, "lock_path": "l"})
    assert first.options is not None and first.options.registry.local == "r.sqlite"
    assert first.options.registry.kind == "http" and first.write_lock == "l"
    replay = online_choice({**base, "registry_path": "r.sqlite", "lock_path": "l.json"})
    assert replay.options is not None and replay.options.registry.kind == "lockfile"
    assert replay.write_lock is None
