"""Corpus runs (issue #18): directories walked, JSON Lines streamed, any executor, resume.

The bars: the JSONL results of a corpus equal the per-file JSON reports manuscript by
manuscript whichever executor ran them, and a run killed half-way and resumed gives exactly
the results of an uninterrupted run."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import main
from citecheck.corpus import CorpusItem, check_corpus, executor_map, find_manuscripts
from citecheck.options import CheckOptions

FIXTURES = Path(__file__).parent / "fixtures"
MANUSCRIPTS = (
    FIXTURES / "walenkamp2017-cxcr4.md",
    FIXTURES / "golden" / "faults-plos-super.md",
    FIXTURES / "golden" / "faults-vancouver.md",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three manuscripts (one in a subdirectory), one file without a reference list, and
    files the walk must pass over."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "b").mkdir()
    shutil.copy(MANUSCRIPTS[0], root / "a-seed.md")
    shutil.copy(MANUSCRIPTS[1], root / "b" / "super.md")
    shutil.copy(MANUSCRIPTS[2], root / "vancouver.txt")
    (root / "b" / "notes.md").write_text("No references here.\n", encoding="utf-8")
    (root / "report.json").write_text("{}", encoding="utf-8")  # not a manuscript format
    (root / ".hidden").mkdir()
    shutil.copy(MANUSCRIPTS[1], root / ".hidden" / "skipped.md")
    return root


def _lines(text: str) -> list[dict[str, Any]]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def _per_file(path: str) -> dict[str, Any]:
    """The manuscript entry of the JSON report of ``citecheck check FILE``."""
    result = CliRunner().invoke(main, ["check", path, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return dict(json.loads(result.stdout)["manuscripts"][0])


def test_the_walk_takes_every_reader_suffix_and_skips_hidden_files(corpus: Path) -> None:
    found = list(find_manuscripts([str(corpus)]))
    names = [Path(p).relative_to(corpus).as_posix() for p in found]
    assert names == ["a-seed.md", "vancouver.txt", "b/notes.md", "b/super.md"]


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        pytest.param(["*.md"], [], ["a-seed.md", "b/notes.md", "b/super.md"], id="include"),
        pytest.param([], ["b/*"], ["a-seed.md", "vancouver.txt"], id="exclude-folder"),
        pytest.param(["*.md"], ["notes.md"], ["a-seed.md", "b/super.md"], id="both"),
    ],
)
def test_include_and_exclude_globs(
    corpus: Path, include: list[str], exclude: list[str], expected: list[str]
) -> None:
    found = find_manuscripts([str(corpus)], include, exclude)
    assert [Path(p).relative_to(corpus).as_posix() for p in found] == expected


def test_jsonl_lines_are_the_per_file_json_entries(corpus: Path) -> None:
    run = CliRunner().invoke(main, ["check", str(corpus), "--format", "jsonl", "--jobs", "1"])
    assert run.exit_code == 3  # notes.md has no reference list
    *entries, last = _lines(run.stdout)
    failed = [e for e in entries if "failed" in e]
    assert [Path(e["path"]).name for e in failed] == ["notes.md"]
    assert failed[0]["failed"].startswith("no reference section found")
    checked = [e for e in entries if "failed" not in e]
    assert len(checked) == 3
    for entry in checked:
        digest = entry.pop("sha256")
        assert len(digest) == 64
        assert entry == _per_file(entry["path"])
    summary = last["summary"]
    assert summary["manuscripts"] == 3 and summary["failed"] == 1
    assert summary["references"] == sum(e["summary"]["references"] for e in checked)
    rules = [f["rule"] for e in checked for f in e["findings"]]
    assert summary["rules"] == {r: rules.count(r) for r in summary["rules"]}
    assert sum(summary["rules"].values()) == len(rules)


def _run_jsonl(args: list[str]) -> str:
    run = CliRunner().invoke(main, ["check", *args, "--format", "jsonl"])
    assert run.exit_code == 3, run.output
    return run.stdout


def test_a_process_pool_gives_the_serial_results(corpus: Path) -> None:
    serial = _run_jsonl([str(corpus), "--jobs", "1"])
    assert _run_jsonl([str(corpus), "--jobs", "2"]) == serial


def test_paths_from_a_file_and_standard_input(corpus: Path, tmp_path: Path) -> None:
    listing = tmp_path / "paths.txt"
    listing.write_text(f"{corpus / 'a-seed.md'}\n\n{corpus / 'b'}\n", encoding="utf-8")
    from_file = _lines(_run_jsonl(["--paths-from", str(listing), "-j", "1"]))
    names = [Path(e["path"]).name for e in from_file[:-1]]
    assert names == ["a-seed.md", "notes.md", "super.md"]
    run = CliRunner().invoke(
        main,
        ["check", "--paths-from", "-", "--format", "jsonl", "-j", "1"],
        input=f"{corpus / 'vancouver.txt'}\n",
    )
    assert [Path(e["path"]).name for e in _lines(run.stdout)[:-1]] == ["vancouver.txt"]


def test_text_streams_findings_and_ends_with_one_summary(corpus: Path) -> None:
    run = CliRunner().invoke(main, ["check", str(corpus), "-j", "1", "--no-color"])
    assert run.exit_code == 3
    lines = run.stdout.splitlines()
    assert lines[-1].startswith("4 manuscripts (1 could not be checked), ")
    assert lines[-2].startswith("findings by rule: ")
    assert any(line.endswith("notes.md: not checked: no reference section found (looked "
                             "for a heading such as 'References', 'Bibliography' or "
                             "'Literature Cited')") for line in lines)  # fmt: skip
    assert sum(1 for line in lines if " manuscripts" in line) == 1


def _cut(text: str, at: int) -> str:
    """The report as a kill after ``at`` characters leaves it."""
    return text[:at]


@pytest.mark.parametrize("fraction", [0.0, 0.3, 0.5, 0.9, 0.999, 1.0])
def test_a_killed_run_resumed_gives_the_uninterrupted_results(
    corpus: Path, tmp_path: Path, fraction: float
) -> None:
    report = tmp_path / "run.jsonl"
    full = CliRunner().invoke(main, ["check", str(corpus), "-j", "1", "--resume", str(report)])
    assert full.exit_code == 3
    whole = report.read_text(encoding="utf-8")
    assert len(_lines(whole)) == 5
    report.write_text(_cut(whole, int(len(whole) * fraction)), encoding="utf-8")
    resumed = CliRunner().invoke(main, ["check", str(corpus), "-j", "1", "--resume", str(report)])
    assert resumed.exit_code == 3
    assert report.read_text(encoding="utf-8") == whole


def test_resume_checks_a_changed_manuscript_again(corpus: Path, tmp_path: Path) -> None:
    work = tmp_path / "c"
    shutil.copytree(corpus, work)
    report = tmp_path / "run.jsonl"
    args = ["check", str(work), "-j", "1", "--resume", str(report)]
    CliRunner().invoke(main, args)
    (work / "b" / "notes.md").write_bytes(MANUSCRIPTS[2].read_bytes())
    CliRunner().invoke(main, args)
    entries = _lines(report.read_text(encoding="utf-8"))
    notes = [e for e in entries if e.get("path", "").endswith("notes.md")]
    assert ["failed" in e for e in notes] == [True, False]
    summary = entries[-1]["summary"]  # the corpus as it is now: the later line counts
    assert (summary["manuscripts"], summary["failed"]) == (4, 0)


def _entries(items: list[CorpusItem]) -> list[tuple[str, str, Any]]:
    from citecheck.report.json import manuscript_dict

    return [(i.path, i.digest, manuscript_dict(i.result) if i.result else i.failure) for i in items]


def test_check_corpus_with_any_map(corpus: Path) -> None:
    paths = sorted(find_manuscripts([str(corpus)]))
    options = CheckOptions()
    serial = list(citecheck.check_corpus(paths, options))
    assert [i.failure is None for i in serial] == [True, False, True, True]
    with ProcessPoolExecutor(2) as pool:
        pooled = list(check_corpus(paths, options, map=pool.map))
        bounded = list(check_corpus(paths, options, map=executor_map(pool, chunk=1, window=2)))
    assert _entries(pooled) == _entries(serial) == _entries(bounded)


def test_a_bug_in_one_manuscript_is_one_failed_entry(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import citecheck.corpus.run as run

    def broken(document: Any, options: Any) -> Any:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(run, "check_offline", broken)
    items = list(check_corpus([str(corpus / "a-seed.md")], CheckOptions()))
    assert items[0].failure is not None
    assert items[0].failure.reason == "internal error: ZeroDivisionError: boom (please report)"


def test_usage_errors(corpus: Path) -> None:
    run = CliRunner().invoke(main, ["check", str(corpus), "--write-baseline", "b.json"])
    assert run.exit_code == 2 and "not a corpus" in run.output
    run = CliRunner().invoke(main, ["check", str(corpus), "--format", "sarif", "--resume", "x"])
    assert run.exit_code == 2 and "JSON Lines" in run.output
    run = CliRunner().invoke(main, ["check", str(corpus), "--offline", "--lock", "x.json"])
    assert run.exit_code == 2 and "not a corpus" in run.output
    run = CliRunner().invoke(main, ["check", "--paths-from", str(corpus / "no-such-list")])
    assert run.exit_code == 2 and "does not exist" in run.output


def test_a_run_killed_by_sigkill_resumes_to_the_uninterrupted_results(tmp_path: Path) -> None:
    """A real kill: the process is SIGKILLed once some lines are written (wherever it
    is), then resumed; the file is the uninterrupted run's."""
    import os
    import signal
    import subprocess
    import sys
    import time

    work = tmp_path / "c"
    work.mkdir()
    seed = MANUSCRIPTS[0].read_text(encoding="utf-8")
    for k in range(8):
        (work / f"m{k}.md").write_text(f"Copy {k}.\n\n{seed}", encoding="utf-8")
    command = [sys.executable, "-c", "from citecheck.cli import main; main()", "check",
               str(work), "-j", "1", "--no-claims", "--resume"]  # fmt: skip
    whole = tmp_path / "whole.jsonl"
    subprocess.run([*command, str(whole)], capture_output=True, check=False)
    killed = tmp_path / "killed.jsonl"
    process = subprocess.Popen([*command, str(killed)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if killed.exists() and killed.read_bytes().count(b"\n") >= 3:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait()
    assert killed.read_bytes() != whole.read_bytes() or process.returncode != -9
    subprocess.run([*command, str(killed)], capture_output=True, check=False)
    assert killed.read_bytes() == whole.read_bytes()
