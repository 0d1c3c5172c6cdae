"""`citecheck check --online/--offline --lock` end to end, on the seed and a local registry."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.inputs import read_document
from citecheck.pipeline import analyze
from citecheck.registry.lockfile import write_lockfile
from citecheck.registry.settings import OnlineOptions, PoolLimits, RegistrySpec
from citecheck.verify import verify_references

from .registry_server import LocalRegistry, RegistryData
from .seed import seed_pubmed, seed_works

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "walenkamp2017-cxcr4.md"


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with LocalRegistry(RegistryData(seed_works(), pubmed=seed_pubmed())).running() as srv:
        yield srv


def findings(output: str) -> list[dict[str, Any]]:
    report = json.loads(output)
    return [f for m in report["manuscripts"] for f in m["findings"]]


def small_manuscript(tmp_path: Path) -> Path:
    """The seed's refs 76–80 under a reference heading, cited once in a body."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    picked = [line for line in lines if line[:3] in ("76.", "77.", "78.", "79.", "80.")]
    renumbered = [f"{i}.{line[3:]}" for i, line in enumerate(picked, start=1)]
    body = "CXCR4 imaging has been studied widely (1-5).\n\nREFERENCES\n\n"
    path = tmp_path / "small.md"
    path.write_text(body + "\n".join(renumbered) + "\n", encoding="utf-8")
    return path


def test_check_online_writes_lock_and_reports_meta001(
    server: LocalRegistry, tmp_path: Path
) -> None:
    manuscript, lock = small_manuscript(tmp_path), tmp_path / "refs.lock.json"
    args = ["check", str(manuscript), "--format", "json", "--no-claims", "--online",
            "--no-cache", "--email", "t@example.org", "--crossref-url", server.url,
            "--ncbi-url", server.url, "--lock", str(lock)]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    found = findings(result.output)
    meta = sorted((f["refs"], f["message"]) for f in found if f["rule"] == "META001")
    assert [refs for refs, _ in meta] == [[3], [4]]  # the seed's 78 and 79, renumbered
    assert "Gerngross" in meta[0][1] and '"42"' in meta[1][1]
    assert lock.exists()
    offline = CliRunner().invoke(main, [*args[:4], "--offline", "--lock", str(lock)])
    assert findings(offline.output) == found


def test_check_offline_lock_on_the_whole_seed(server: LocalRegistry, tmp_path: Path) -> None:
    """The lock is recorded through the library (fast limits); the CLI replays it offline."""
    refs = analyze(read_document(SEED)).references
    fast = OnlineOptions(
        registry=RegistrySpec.http(server.url, server.url),
        cache=False,
        limits=PoolLimits(500.0, 500.0, 3),
    )
    lock = tmp_path / "seed.lock.json"
    write_lockfile(lock, verify_references(refs, fast).lock)
    result = CliRunner().invoke(
        main,
        ["check", str(SEED), "--format", "json", "--no-claims", "--offline", "--lock", str(lock)],
    )
    found = findings(result.output)
    online = [f for f in found if f["rule"][:3] in ("DOI", "MET", "NET", "RET", "PMI")]
    assert sorted(n for f in online if f["rule"] == "META001" for n in f["refs"]) == [78, 79]
    assert Counter(f["rule"] for f in online) == Counter({"DOI003": 88, "META001": 2})


def test_check_offline_default_makes_no_online_findings() -> None:
    result = CliRunner().invoke(main, ["check", str(SEED), "--format", "json", "--no-claims"])
    assert not [f for f in findings(result.output) if f["rule"] in ("DOI003", "META001", "NET001")]


def test_lock_with_two_manuscripts_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(SEED), str(SEED), "--lock", "x.json"])
    assert result.exit_code == 2
