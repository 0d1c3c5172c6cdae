"""check_manuscript's result for the bundled example, checked online against the local test
registry (claims against abstracts included), pickles and round-trips whole, so a process
pool or a Dask worker can return it; and the CLI reports exactly what the library returns."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import main
from citecheck.options import CheckOptions, ClaimSettings
from citecheck.registry.settings import OnlineOptions, RegistrySpec
from citecheck.report.json import report_dict

from .registry_server import LocalRegistry
from .seed import seed_registry_data
from .test_cli_sources import go_fast

ROOT = Path(__file__).resolve().parents[2]
MANUSCRIPT = ROOT / "refs" / "walenkamp2017-cxcr4.md"
CLAIMS = ROOT / "claims" / "walenkamp2017-cxcr4.yaml"


@pytest.fixture(autouse=True)
def fast_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    go_fast(monkeypatch)


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with LocalRegistry(seed_registry_data()).running() as srv:
        yield srv


def _options(srv: LocalRegistry) -> CheckOptions:
    spec = RegistrySpec.http(srv.url, srv.url, f"{srv.url}/europepmc")
    return CheckOptions(
        claims=ClaimSettings(file=str(CLAIMS), find_by_name=False),
        online=OnlineOptions(registry=spec, email="t@example.org", cache=False),
    )


def test_online_result_pickles_and_round_trips(server: LocalRegistry) -> None:
    result = citecheck.check_manuscript(citecheck.read_document(MANUSCRIPT), _options(server))
    assert result.online is not None and result.sources is not None
    assert len(result.online.verdicts) == 88
    assert {c.verdict.value for c in result.sources.checks if c.verdict} == {"supported"}
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert again.online == result.online
    assert again.online is not None and again.online.lock == result.online.lock
    assert report_dict([again]) == report_dict([result])


def test_the_cli_reports_what_the_library_returns(server: LocalRegistry) -> None:
    result = citecheck.check_manuscript(citecheck.read_document(MANUSCRIPT), _options(server))
    args = ["check", str(MANUSCRIPT), "--format", "json", "--claims", str(CLAIMS), "--online",
            "--email", "t@example.org", "--no-cache", "--crossref-url", server.url,
            "--ncbi-url", server.url, "--europepmc-url", f"{server.url}/europepmc"]  # fmt: skip
    cli = CliRunner().invoke(main, args)
    assert cli.exit_code in (0, 1), cli.output
    printed = json.loads(cli.stdout)["manuscripts"][0]
    expected = json.loads(json.dumps(report_dict([result])["manuscripts"][0]))
    printed.pop("path"), expected.pop("path")
    assert printed == expected
