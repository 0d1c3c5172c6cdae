"""`citecheck check --online --datacite-url` end to end: Crossref (404) and its agency
look-up, then DataCite's record (DataCite's alone for arXiv's prefix), all from the local test
server; the lockfile replays the same verdicts offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck.cli import main

from .helpers import body
from .registry_server import LocalRegistry, RegistryData

ARXIV = "10.48550/arxiv.1706.03762"
PREPRINT = "10.5072/arxiv.citecheck.2"
MANUSCRIPT = """\
Transformers changed translation [1]; beetles disperse slowly [2].

## References

1. Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. arXiv preprint
   arXiv:1706.03762. 2017. doi:10.48550/arXiv.1706.03762
2. Lindqvist M, Haddad O. Dispersal kernels of ground beetles in fragmented grassland.
   arXiv. 2015. doi:10.5072/arxiv.citecheck.2
"""


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    data = RegistryData(
        agencies={ARXIV: "datacite", PREPRINT: "datacite"},
        datacite={
            ARXIV: json.loads(body("datacite/arxiv-1706.03762.json")),
            PREPRINT: json.loads(body("datacite/preprint-published.json")),
        },
    )
    with LocalRegistry(data).running() as srv:
        yield srv


def manuscript(tmp_path: Path) -> Path:
    path = tmp_path / "paper.md"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_datacite_dois_are_checked_and_replayed(server: LocalRegistry, tmp_path: Path) -> None:
    path, lock = manuscript(tmp_path), tmp_path / "paper.lock.json"
    common = [str(path), "--format", "json", "--no-claims"]
    online = ["--online", "--no-cache", "--email", "t@example.org", "--crossref-url",
              server.url, "--ncbi-url", server.url, "--datacite-url", server.url]  # fmt: skip
    _, report = check(*common, *online, "--lock", str(lock))
    (doc,) = report["manuscripts"]
    verdicts = {v["number"]: v for v in doc["online"]}
    assert verdicts[1]["status"] == "verified" and verdicts[1]["detail"] == "DataCite record"
    assert verdicts[1]["record"]["agency"] == "datacite"
    assert verdicts[2]["status"] == "mismatch"
    assert verdicts[2]["notes"] == [
        f"{PREPRINT} is preprint of 10.1000/ecology.citecheck.7",
        f"{PREPRINT} is version of 10.5072/arxiv.citecheck",
    ]
    meta = [f for f in doc["findings"] if f["rule"] == "META001"]
    assert [(f["refs"], f["evidence"]["field"]) for f in meta] == [([2], "year")]
    assert 'DataCite has "2019"' in meta[0]["message"]
    assert not [f for f in doc["findings"] if f["rule"] == "NET001"]
    assert doc["summary"]["online"]["checked"] == 2
    assert report["summary"]["requests"]["requests"]["datacite"] == 2
    # arXiv's DOI goes to DataCite directly; only 10.5072's takes Crossref's batch, its 404 and
    # the agency look-up (both DOIs took that path before: 5 Crossref requests)
    assert report["summary"]["requests"]["requests"]["crossref"] == 3
    entries = json.loads(lock.read_text(encoding="utf-8"))["entries"]
    assert {f"datacite work {ARXIV}", f"datacite work {PREPRINT}"} <= set(entries)
    _, replay = check(*common, "--offline", "--lock", str(lock))
    assert replay["manuscripts"][0]["online"] == doc["online"]
    assert replay["manuscripts"][0]["findings"] == doc["findings"]


def test_datacite_unreachable_is_could_not_check(server: LocalRegistry, tmp_path: Path) -> None:
    args = [str(manuscript(tmp_path)), "--format", "json", "--no-claims", "--online",
            "--no-cache", "--crossref-url", server.url, "--ncbi-url", server.url,
            "--datacite-url", "http://127.0.0.1:9"]  # fmt: skip
    _, report = check(*args)
    (doc,) = report["manuscripts"]
    assert {v["status"] for v in doc["online"]} == {"unavailable"}
    assert {f["rule"] for f in doc["findings"]} == {"NET001"}
    assert all("DataCite unreachable" in f["message"] for f in doc["findings"])
