"""The bar of issue #19: a local registry built from snapshot files in the real formats gives
the bundled example the same findings as the local HTTP registry holding the same records;
combined with --online it answers what it holds and the live registry the rest."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.localregistry.build import build_registry
from citecheck.registry.settings import OnlineOptions, PoolLimits, RegistrySpec
from citecheck.verify import verify_references

from .registry_server import LocalRegistry, RegistryData
from .seed import seed_references, seed_works

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SNAPSHOT = FIXTURES / "localregistry"
EXAMPLE = FIXTURES / "walenkamp2017-cxcr4.md"
FAST = PoolLimits(single_rate=500.0, list_rate=500.0, concurrency=3)

# The Retraction Watch rows of SNAPSHOT/retraction_watch.csv, as the REST API shows such
# entries on the original work (updated-by, source retraction-watch).
NOTICES = {
    "10.5555/citecheck-seed.05": ("10.5555/citecheck-notice.05", "retraction", [2021, 3, 15]),
    "10.5555/citecheck-seed.12": ("10.5555/citecheck-notice.12", "correction", [2019, 11, 2]),
    "10.5555/citecheck-seed.30": ("retractionwatch:90003", "expression_of_concern", [2022, 7, 26]),
}
LABELS = {"retraction": "Retraction", "correction": "Correction",
          "expression_of_concern": "Expression of Concern"}  # fmt: skip


def works_with_notices() -> list[dict[str, Any]]:
    out = []
    for w in seed_works():
        notice = NOTICES.get(w["DOI"].lower())
        if notice:
            doi, kind, date = notice
            entry = {"DOI": doi, "type": kind, "label": LABELS[kind],
                     "source": "retraction-watch", "updated": {"date-parts": [date]}}  # fmt: skip
            w = {**w, "updated-by": [entry]}
        out.append(w)
    return out


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with LocalRegistry(RegistryData(works_with_notices())).running() as srv:
        yield srv


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "registry.sqlite"
    report = build_registry(db, [SNAPSHOT])
    assert report.skipped == () and report.records == 88
    return db


def http_args(srv: LocalRegistry) -> list[str]:
    urls = ["--crossref-url", srv.url, "--ncbi-url", srv.url, "--europepmc-url", srv.url]
    return ["--online", "--no-cache", "--email", "t@example.org", "--crossref-rate", "500", *urls]


def check(*args: str) -> dict[str, Any]:
    argv = ["check", str(EXAMPLE), "--format", "json", "--no-claims", *args]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def findings(report: dict[str, Any]) -> list[tuple[str, str, tuple[int, ...], str]]:
    return [
        (f["rule"], f["severity"], tuple(f["refs"]), f["message"])
        for m in report["manuscripts"]
        for f in m["findings"]
    ]


def test_bundled_example_same_findings_as_the_http_registry(
    server: LocalRegistry, database: Path
) -> None:
    over_http = check(*http_args(server))
    local = check("--registry", str(database))
    assert findings(local) == findings(over_http)
    rules = {(rule, refs) for rule, _, refs, _ in findings(local)}
    assert {("RET001", (5,)), ("RET002", (12,)), ("RET002", (30,))} <= rules
    assert {("META001", (78,)), ("META001", (79,))} <= rules
    assert local["summary"]["requests"]["requests"] == {"local": 88}


def test_printed_dois_same_findings(server: LocalRegistry, database: Path) -> None:
    refs = [replace(r, doi=f"10.5555/citecheck-seed.{r.number:02d}") for r in seed_references()]
    refs[3] = replace(refs[3], doi="10.5555/citecheck-seed.07")  # another work's DOI
    spec = RegistrySpec.http(server.url, server.url, server.url)
    over_http = verify_references(refs, OnlineOptions(registry=spec, cache=False, limits=FAST))
    local = verify_references(refs, OnlineOptions(registry=RegistrySpec.sqlite(str(database))))
    assert [f.message for f in local.findings] == [f.message for f in over_http.findings]
    assert local.verdicts == over_http.verdicts
    assert {f.rule for f in local.findings} >= {"DOI002", "RET001", "RET002", "META001"}


def test_local_first_then_the_live_registry(server: LocalRegistry, tmp_path: Path) -> None:
    half = tmp_path / "half.sqlite"  # the first file only: works 1-44 and the notices
    build_registry(half, [SNAPSHOT / "crossref-0.json.gz", SNAPSHOT / "retraction_watch.csv"])
    over_http = check(*http_args(server))
    combined = check("--registry", str(half), *http_args(server))
    assert findings(combined) == findings(over_http)
    asked = combined["summary"]["requests"]["requests"]
    assert asked["local"] == 44 and asked["crossref"] >= 44


def test_a_corpus_with_worker_processes_checks_against_the_database(
    database: Path, tmp_path: Path
) -> None:
    """Corpus mode: the spec (a path) goes to the processes, the database is opened
    read-only where the online half runs; every manuscript gets the single run's findings."""
    from .test_cli_online import small_manuscript

    one = small_manuscript(tmp_path)
    args = ["--no-claims", "--registry", str(database)]
    single = CliRunner().invoke(main, ["check", str(one), *args, "--format", "json"])
    assert single.exit_code in (0, 1), single.output
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"m{i}.md").write_text(one.read_text(encoding="utf-8"), encoding="utf-8")
    run = CliRunner().invoke(
        main, ["check", str(corpus), *args, "--jobs", "2", "--format", "jsonl"]
    )
    assert run.exit_code in (0, 1), run.output
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    expected = [f["message"] for f in json.loads(single.stdout)["manuscripts"][0]["findings"]]
    assert any("Gerngross" in m for m in expected)
    assert [[f["message"] for f in e["findings"]] for e in lines[:-1]] == [expected] * 3
