"""`citecheck check --online` and `--offline --lock` check the bundled example's three claims
against their cited abstracts, served by the local registry (abstracts WRITTEN FOR THE TEST:
tests/fixtures/registry/seed_abstracts.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.registry import http as online_client
from citecheck.registry import settings as online_config
from citecheck.registry.settings import PoolLimits

from .registry_server import LocalRegistry, RegistryData
from .seed import seed_registry_data

ROOT = Path(__file__).resolve().parents[2]
MANUSCRIPT = ROOT / "refs" / "walenkamp2017-cxcr4.md"
CLAIMS = ROOT / "claims" / "walenkamp2017-cxcr4.yaml"
EXPECTED = {
    "endoradiotherapy-survival": ("supported", "PubMed 99000088"),
    "t22-lung-metastases": ("supported", "Europe PMC 10.5555/citecheck-seed.67"),
    "myeloma-cxcr4-positive": ("supported", "Crossref 10.5555/citecheck-seed.76"),
}


def go_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """The local server enforces no limits: run at its pace, not Crossref's."""
    fast = PoolLimits(500.0, 500.0, 3)
    monkeypatch.setattr(online_config, "CROSSREF_POLITE", fast)
    monkeypatch.setattr(online_config, "CROSSREF_PUBLIC", fast)
    monkeypatch.setattr(online_config, "NCBI_RATE_WITHOUT_KEY", 500.0)
    monkeypatch.setattr(online_client, "EUROPEPMC_RATE", 500.0)


@pytest.fixture(autouse=True)
def fast_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    go_fast(monkeypatch)


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with LocalRegistry(seed_registry_data()).running() as srv:
        yield srv


def urls(srv: LocalRegistry) -> list[str]:
    return ["--crossref-url", srv.url, "--ncbi-url", srv.url,
            "--europepmc-url", f"{srv.url}/europepmc"]  # fmt: skip


def run(*args: str) -> tuple[dict[str, Any], int]:
    result = CliRunner().invoke(main, ["check", str(MANUSCRIPT), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["manuscripts"][0], result.exit_code


def source_checks(report: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {
        c["id"]: (c["source_check"]["verdict"], c["source_check"]["abstract_source"])
        for c in report["claims"]
        if "source_check" in c
    }


@pytest.fixture(scope="module")
def recorded(server: LocalRegistry, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    lock = tmp_path_factory.mktemp("lock") / "seed.lock.json"
    with pytest.MonkeyPatch.context() as mp:
        go_fast(mp)  # module scope: the autouse fixture does not reach here
        args = ["--claims", str(CLAIMS), "--online", "--no-cache", "--email", "t@example.org"]
        report, code = run(*args, *urls(server), "--lock", str(lock))
    return report, code, lock


def test_three_claims_supported_online(recorded) -> None:  # type: ignore[no-untyped-def]
    report, code, lock = recorded
    assert code == 0
    assert source_checks(report) == EXPECTED
    assert not [f for f in report["findings"] if f["rule"] in ("CLM006", "CLM007", "NET001")]
    by_id = {c["id"]: c["source_check"] for c in report["claims"]}
    survival = by_id["endoradiotherapy-survival"]
    assert [(q["claim"], q["status"], q["via"]) for q in survival["quantities"]] == [
        ("PFS 54 d", "supported", "nearest"),
        ("OS 223 d", "supported", "nearest"),
    ]
    assert survival["sentences"][0]["text"].endswith(
        "overall survival (OS) 223 d (range, 38-498 d)."
    )
    # the abstracts state the numbers as real ones do: 23 of 35 (66%), "approximately 70%"
    cxcr4 = by_id["myeloma-cxcr4-positive"]["quantities"]
    assert [(q["claim"], q["abstract"], q["rule"]) for q in cxcr4] == [
        ("about two thirds", "66%", "fraction ↔ percentage")
    ]
    t22 = by_id["t22-lung-metastases"]["quantities"]
    assert [(q["claim"], q["abstract"], q["rule"]) for q in t22] == [
        ("70%", "about 70%", "exact"),
        ("50%", "50%", "exact"),
    ]
    entries = json.loads(lock.read_text(encoding="utf-8"))["entries"]
    assert "abstract pubmed 99000088" in entries
    assert entries["pmid-for-doi 10.5555/citecheck-seed.88"]["value"] == "99000088"
    candidates = [w for k, e in entries.items() if k.startswith("search") for w in e["value"]]
    seed76 = next(w for w in candidates if w["doi"] == "10.5555/citecheck-seed.76")
    assert seed76["abstract"].startswith("Thirty-five patients with multiple myeloma")


def test_same_verdicts_offline_from_the_lock(recorded) -> None:  # type: ignore[no-untyped-def]
    report, _, lock = recorded
    offline, _ = run("--claims", str(CLAIMS), "--offline", "--lock", str(lock))
    assert offline["claims"] == report["claims"]
    assert offline["findings"] == report["findings"]


def test_text_report_has_one_source_line_per_claim(recorded) -> None:  # type: ignore[no-untyped-def]
    _, _, lock = recorded
    result = CliRunner().invoke(
        main, ["check", str(MANUSCRIPT), "--claims", str(CLAIMS), "--offline", "--lock", str(lock)]
    )
    lines = [line for line in result.stdout.splitlines() if ": source: " in line]
    assert len(lines) == 3
    assert lines[0].endswith(
        "claim endoradiotherapy-survival: source: supported: abstract of ref 88 "
        "(PubMed 99000088): PFS 54 d = PFS 54 d (nearest); OS 223 d = OS 223 d (nearest)"
    )


def test_wrong_and_missing_values_against_the_abstracts(recorded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, lock = recorded
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n"
        "  - {id: os-wrong, text: 'median PFS 54 d, OS 232 d', cites: [88]}\n"
        "  - {id: hr, text: hazard ratio 0.65, cites: [88]}\n",
        encoding="utf-8",
    )
    report, code = run("--claims", str(claims), "--offline", "--lock", str(lock))
    assert code == 1
    verdicts = {c["id"]: c["source_check"]["verdict"] for c in report["claims"]}
    assert verdicts == {"os-wrong": "contradicted", "hr": "not in abstract"}
    rules = sorted(f["rule"] for f in report["findings"] if f["rule"] in ("CLM006", "CLM007"))
    assert rules == ["CLM006", "CLM007"]
    clm007 = next(f for f in report["findings"] if f["rule"] == "CLM007")
    assert (
        "OS 232 d, but the abstract of ref 88 (PubMed 99000088) says OS 223 d"
        in (clm007["message"])
    )


def test_could_not_fetch_without_evidence(tmp_path: Path) -> None:
    empty = tmp_path / "empty.lock.json"
    empty.write_text('{"citecheck-lockfile": 1, "entries": {}}\n', encoding="utf-8")
    report, _ = run("--claims", str(CLAIMS), "--offline", "--lock", str(empty))
    assert {c["source_check"]["verdict"] for c in report["claims"]} == {"could not fetch"}
    net = [f for f in report["findings"] if f["rule"] == "NET001" and "claim" in f["message"]]
    assert len(net) == 3 and all(f["severity"] == "info" for f in net)


def test_a_correction_notice_reaches_the_claim(tmp_path: Path) -> None:
    data = seed_registry_data()
    notice = {"DOI": "10.5555/citecheck-notice.88", "type": "correction", "label": "Correction",
              "source": "publisher", "updated": {"date-parts": [[2018, 1, 2]]}}  # fmt: skip
    works = [{**w, "updated-by": [notice]} if w["DOI"].endswith(".88") else w for w in data.works]
    changed = RegistryData(
        works,
        pubmed_abstracts=data.pubmed_abstracts,
        pmid_by_doi=data.pmid_by_doi,
        europepmc=data.europepmc,
    )
    with LocalRegistry(changed).running() as srv:
        report, code = run("--claims", str(CLAIMS), "--online", "--no-cache", *urls(srv),
                           "--select", "CLM,RET")  # fmt: skip
    clm009 = [f for f in report["findings"] if f["rule"] == "CLM009"]
    assert [f["refs"] for f in clm009] == [[88]]
    assert "notice 10.5555/citecheck-notice.88, 2018-01-02" in clm009[0]["message"]
    (entry,) = [c for c in report["claims"] if c["id"] == "endoradiotherapy-survival"]
    assert entry["source_check"]["notices"][0]["notice"] == "10.5555/citecheck-notice.88"
    assert code == 0  # warnings only
