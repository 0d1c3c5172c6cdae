"""A corpus checked online with several processes (issue #18): the workers do the offline
half, the driver asks the registry through one run registry and one set of pacing gates.
Against a local registry that enforces the published limits itself (answering 429 past
them), the run gets no 429, and a corpus whose manuscripts cite the same works asks what
one of them asks: each work once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main

from .registry_server import POLITE, LocalRegistry, RegistryData
from .seed import seed_pubmed, seed_works
from .test_cli_online import small_manuscript


@pytest.fixture()
def server():  # type: ignore[no-untyped-def]
    data = RegistryData(seed_works(), pubmed=seed_pubmed())
    with LocalRegistry(data, limits=POLITE, latency=0.01).running() as srv:
        yield srv


def _args(server: LocalRegistry, *paths: str) -> list[str]:
    return ["check", *paths, "--no-claims", "--online", "--no-cache", "--email",
            "t@example.org", "--crossref-url", server.url, "--ncbi-url", server.url,
            "--europepmc-url", server.url]  # fmt: skip


def test_a_pooled_online_corpus_asks_each_work_once_within_the_limits(
    server: LocalRegistry, tmp_path: Path
) -> None:
    one = small_manuscript(tmp_path)
    single = CliRunner().invoke(main, [*_args(server, str(one)), "--format", "json"])
    assert single.exit_code in (0, 1), single.output
    asked_by_one = {k: v for k, v in server.stats.items() if k.startswith("requests")}
    assert asked_by_one and server.stats["429"] == 0
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = one.read_text(encoding="utf-8")
    for i in range(4):
        body = text.replace("studied widely", f"studied widely in cohort {i}")
        (corpus / f"m{i}.md").write_text(body, encoding="utf-8")
    server.reset_stats()
    run = CliRunner().invoke(
        main, [*_args(server, str(corpus)), "--jobs", "2", "--format", "jsonl"]
    )
    assert run.exit_code in (0, 1), run.output
    assert server.stats["429"] == 0
    assert {k: v for k, v in server.stats.items() if k.startswith("requests")} == asked_by_one
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    expected = json.loads(single.stdout)["manuscripts"][0]
    for entry in lines[:-1]:
        assert entry["online"] == expected["online"]
        assert [f["message"] for f in entry["findings"]] == [
            f["message"] for f in expected["findings"]
        ]
    assert lines[-1]["summary"]["online"]["checked"] == 4 * 5
