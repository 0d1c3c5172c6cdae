"""Corpus runs on Dask (issue #18): a small LocalCluster gives the serial results, through
the library and through ``citecheck check --dask local``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.corpus import check_corpus, executor_map, find_manuscripts
from citecheck.options import CheckOptions
from citecheck.report.json import manuscript_dict

distributed = pytest.importorskip("distributed")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask-corpus")
    shutil.copy(FIXTURES / "walenkamp2017-cxcr4.md", root / "seed.md")
    for name in ("faults-plos-super.md", "faults-vancouver.md"):
        shutil.copy(FIXTURES / "golden" / name, root / name)
    (root / "empty.md").write_text("", encoding="utf-8")
    return root


def _summary(items: list) -> list:  # type: ignore[type-arg]
    return [(i.path, i.digest, manuscript_dict(i.result) if i.result else i.failure) for i in items]


def test_a_dask_cluster_gives_the_serial_results(corpus: Path) -> None:
    paths = list(find_manuscripts([str(corpus)]))
    serial = list(check_corpus(paths, CheckOptions()))
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        executor = client.get_executor(pure=False)
        on_dask = list(check_corpus(paths, CheckOptions(), map=executor_map(executor, chunk=2)))
    assert _summary(on_dask) == _summary(serial)
    assert [i.failure is not None for i in serial] == [True, False, False, False]


def test_check_dask_local_writes_the_jsonl_of_a_serial_run(corpus: Path) -> None:
    args = ["check", str(corpus), "--format", "jsonl", "--no-claims"]
    serial = CliRunner().invoke(main, [*args, "--jobs", "1"])
    on_dask = CliRunner().invoke(main, [*args, "--dask", "local", "--jobs", "1"])
    assert on_dask.exit_code == serial.exit_code == 3, on_dask.output
    # manuscript lines stream as they finish: the same lines, in any order; the summary last
    *dask_lines, dask_summary = on_dask.stdout.splitlines()
    *serial_lines, serial_summary = serial.stdout.splitlines()
    assert sorted(dask_lines) == sorted(serial_lines)
    assert dask_summary == serial_summary
    assert json.loads(on_dask.stdout.splitlines()[-1])["summary"]["manuscripts"] == 3
