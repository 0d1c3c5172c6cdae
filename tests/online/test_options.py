"""The click options, their settings and the runner that the CLI's commands use."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from citecheck.cli.online import add_online_options, verify_for_cli
from citecheck.cli.settings import online_choice
from citecheck.registry.settings import PoolLimits, RegistrySpec

from .registry_server import LocalRegistry, RegistryData
from .seed import seed_references, seed_works


def command() -> click.Command:
    @click.command()
    @add_online_options
    def check(**options: object) -> None:
        result = verify_for_cli(seed_references()[76:80], online_choice(options))
        if result is None:
            click.echo("offline")
            return
        click.echo(json.dumps(sorted({f.rule for f in result.findings if f.rule != "DOI003"})))
        click.echo(
            json.dumps(sorted(n for f in result.findings if f.rule == "META001" for n in f.refs))
        )

    return check


def test_offline_without_lock_does_nothing() -> None:
    assert online_choice({"online": False}).options is None
    result = CliRunner().invoke(command(), [])
    assert result.exit_code == 0 and result.output.strip() == "offline"


def test_online_writes_lock_and_offline_replays_it(tmp_path: Path) -> None:
    lock = tmp_path / "refs.lock.json"
    with LocalRegistry(RegistryData(seed_works())).running() as srv:
        args = ["--online", "--lock", str(lock), "--email", "me@example.org",
                "--crossref-url", srv.url, "--ncbi-url", srv.url, "--no-cache"]  # fmt: skip
        online = CliRunner().invoke(command(), args)
    assert online.exit_code == 0, online.output
    assert online.output.splitlines() == ['["META001"]', "[78, 79]"]
    assert lock.exists()
    offline = CliRunner().invoke(command(), ["--offline", "--lock", str(lock)])
    assert offline.exit_code == 0 and offline.output == online.output


def test_missing_lockfile_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(command(), ["--offline", "--lock", str(tmp_path / "none.json")])
    assert result.exit_code == 3
    assert "no such lockfile" in result.output and "Traceback" not in result.output


def test_settings_name_the_registry_as_data() -> None:
    urls = {"crossref_url": "http://c", "ncbi_url": "http://n", "europepmc_url": "http://e"}
    online = online_choice({"online": True, "lock_path": "x.json", **urls})
    assert online.options is not None and online.write_lock == "x.json"
    assert online.options.registry == RegistrySpec.http("http://c", "http://n", "http://e")
    replay = online_choice({"online": False, "lock_path": "x.json", **urls})
    assert replay.options is not None and replay.write_lock is None
    assert replay.options.registry == RegistrySpec.lockfile("x.json")


def test_configured_rates_reach_the_online_options() -> None:
    choice = online_choice(
        {"online": True, "crossref_url": "http://mirror", "ncbi_url": "http://n",
         "europepmc_url": "http://e", "email": "a@b.org", "crossref_rate": 40.0,
         "ncbi_rate": 12.0}
    )  # fmt: skip
    assert choice.options is not None
    assert choice.options.crossref_limits == PoolLimits(40.0, 40.0, 3)
    assert choice.options.ncbi_limit == 12.0
