"""What a run asked of the network: requests per service, cache hits, reuse across the
manuscripts of a run, and the time, in the text report and the JSON."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.cli.online import progress_for
from citecheck.cli.settings import OnlineChoice
from citecheck.registry.records import Lookup
from citecheck.registry.settings import OnlineOptions, RegistrySpec
from citecheck.registry.shared import SharedRegistry
from citecheck.registry.traffic import Meter, Traffic

from .helpers import FakeRegistry
from .registry_server import LocalRegistry, RegistryData
from .seed import seed_pubmed, seed_works
from .test_cli_online import small_manuscript


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with LocalRegistry(RegistryData(seed_works(), pubmed=seed_pubmed())).running() as srv:
        yield srv


def online_args(server: LocalRegistry) -> list[str]:
    return ["--no-claims", "--online", "--no-cache", "--email", "t@example.org",
            "--crossref-url", server.url, "--ncbi-url", server.url]  # fmt: skip


def test_traffic_adds_and_subtracts() -> None:
    meter = Meter()
    before = meter.snapshot()
    meter.sent("crossref"), meter.sent("ncbi"), meter.sent("ncbi"), meter.from_cache("crossref")
    meter.throttled("ncbi"), meter.reused(2)
    spent = meter.snapshot().since(before, 1.5)
    assert dict(spent.requests) == {"crossref": 1, "ncbi": 2}
    assert spent.total_cached == 1 and spent.reused == 2 and spent.seconds == 1.5
    total = spent + spent
    assert total.total_requests == 6 and total.seconds == 3.0
    sentence = spent.sentence()
    assert sentence.startswith("online requests: 3 (Crossref 1, NCBI 2); 1 answered from")
    assert "2 reused" in sentence and "1 throttled (429)" in sentence
    assert Traffic().sentence().startswith("online requests: 0 (none)")


def test_the_text_report_and_the_json_say_what_was_asked(
    server: LocalRegistry, tmp_path: Path
) -> None:
    manuscript = str(small_manuscript(tmp_path))
    server.reset_stats()
    text = CliRunner().invoke(main, ["check", manuscript, *online_args(server)])
    line = text.stdout.splitlines()[-2]
    sent = sum(v for k, v in server.stats.items() if k.startswith("requests"))
    assert line.startswith(f"online requests: {sent} (Crossref ")
    assert "0 answered from the HTTP cache" in line and line.endswith(" s")
    report = json.loads(
        CliRunner()
        .invoke(main, ["check", manuscript, "--format", "json", *online_args(server)])
        .stdout
    )
    requests = report["summary"]["requests"]
    assert sum(requests["requests"].values()) == sent
    assert set(requests) == {"requests", "from_cache", "throttled", "reused", "seconds"}


def test_a_batch_asks_each_question_once(server: LocalRegistry, tmp_path: Path) -> None:
    first = small_manuscript(tmp_path)
    second = tmp_path / "again.md"
    shutil.copy(first, second)
    server.reset_stats()
    CliRunner().invoke(main, ["check", str(first), *online_args(server)])
    alone = Counter(server.stats)
    server.reset_stats()
    both = CliRunner().invoke(
        main, ["check", str(first), str(second), "--format", "json", *online_args(server)]
    )
    assert Counter(server.stats) == alone  # the second manuscript sent nothing
    summary = json.loads(both.stdout)["summary"]["requests"]
    assert summary["reused"] > 0


def test_the_shared_registry_keeps_definite_answers_only() -> None:
    fake = FakeRegistry(works={"10.1/a": Lookup.found(None)})  # type: ignore[arg-type]
    fake.works["10.1/b"] = Lookup.unavailable("timeout")
    shared = SharedRegistry(fake)
    for _ in range(2):
        shared.work_by_doi("10.1/a"), shared.work_by_doi("10.1/b")
        shared.pubmed_summaries(["1", "2"])
    assert fake.asked.count("work 10.1/a") == 1
    assert fake.asked.count("work 10.1/b") == 2  # unavailable: asked again
    assert fake.asked.count("pubmed 1,2") == 1


@pytest.mark.parametrize(
    ("tty", "ci"), [pytest.param(False, "", id="no-tty"), pytest.param(True, "true", id="ci")]
)
def test_no_progress_bar_without_a_terminal_or_in_ci(
    monkeypatch: pytest.MonkeyPatch, tty: bool, ci: str
) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: tty, raising=False)
    monkeypatch.setenv("CI", ci)
    choice = OnlineChoice(OnlineOptions(registry=RegistrySpec.http()))
    with progress_for(choice) as progress:
        assert progress is None


def test_the_bar_waits_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    import citecheck.cli.online as cli_online

    now = [100.0]
    monkeypatch.setattr(cli_online.time, "monotonic", lambda: now[0])
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    monkeypatch.delenv("CI", raising=False)
    made: list[int] = []

    class Bar:
        def __init__(self, **kw: object) -> None:
            made.append(0)

        def __enter__(self) -> Bar:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def update(self, n: int) -> None:
            made[-1] += n

    monkeypatch.setattr(cli_online.click, "progressbar", Bar)
    with progress_for(OnlineChoice(OnlineOptions(registry=RegistrySpec.http()))) as progress:
        assert progress is not None
        progress(3, 10)
        assert made == []  # under a second: no bar
        now[0] += 1.5
        progress(2, 10)
        assert made == [5]  # drawn with everything done so far
        progress(1, 10)
    assert made == [6]
