"""The click options and runner that the CLI's `check` command uses."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from citecheck.cli.online import add_online_options, online_config, run_online

from .registry_server import LocalRegistry, RegistryData
from .seed import seed_references, seed_works


def command() -> click.Command:
    @click.command()
    @add_online_options
    def check(**options: object) -> None:
        result = run_online(seed_references()[76:80], **options)
        if result is None:
            click.echo("offline")
            return
        click.echo(json.dumps(sorted({f.rule for f in result.findings if f.rule != "DOI003"})))
        click.echo(
            json.dumps(sorted(n for f in result.findings if f.rule == "META001" for n in f.refs))
        )

    return check


def test_offline_without_lock_does_nothing() -> None:
    assert online_config(online=False) is None
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
