"""The fuzzing campaign: recombined manuscripts, pathological shapes, mutated manuscripts
and the command line, each with its share of ``CITECHECK_FUZZ_SECONDS`` (docs/fuzzing.md).

A failure prints the falsifying input; save it as a regression (``regressions/``) before
anything else. Symptoms of regressions still open do not fail these tests again.
"""

from __future__ import annotations

import json
import tempfile
import traceback
from pathlib import Path

from click.testing import CliRunner
from fuzz_corpus import (
    Mutated,
    manuscripts,
    mutated_bytes,
    mutated_manuscripts,
    shape_parts,
    shapes,
)
from fuzz_properties import (
    Budget,
    Violation,
    _offsets,
    check_bytes,
    check_growth,
    check_text,
    decoded_length,
    long_run,
    new_violation,
    open_symptoms,
)
from hypothesis import event
from hypothesis import strategies as st

from citecheck.cli import main

LONG = long_run()


def _fail_on_new(v: Violation | None) -> None:
    if v is not None and v.symptom in open_symptoms():
        event(f"known: {v.symptom}")
    v = new_violation(v)
    assert v is None, str(v)


def test_recombined_manuscripts_keep_the_properties() -> None:
    Budget("recombined", 0.35).run(
        manuscripts(long_run=LONG), lambda text: _fail_on_new(check_text(text))
    )


def test_pathological_shapes_take_time_in_proportion() -> None:
    # Not shrunk: a shape is already small to print, and shrinking a slow case is slow.
    Budget("pathological", 0.25).run(
        shapes(max_chars=256_000 if LONG else 64_000),
        lambda shape: _fail_on_new(check_growth(*shape_parts(shape))),
        shrink=False,
    )


def test_mutated_manuscripts_keep_the_properties() -> None:
    Budget("mutated", 0.3).run(
        mutated_manuscripts(long_run=LONG),
        lambda case: _fail_on_new(check_bytes(mutated_bytes(case))),
    )


def test_command_line_reports_or_fails_in_one_line() -> None:
    Budget("command-line", 0.1).run(
        st.one_of(manuscripts().map(str.encode), mutated_manuscripts()), check_cli
    )


def check_cli(case: bytes | Mutated) -> None:
    """``citecheck check FILE --format json`` exits 0 or 1 with a JSON report whose offsets
    lie inside the file, or 3 with one line of error; it never shows a traceback."""
    data = case if isinstance(case, bytes) else mutated_bytes(case)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.md"
        path.write_bytes(data)
        result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        exc = result.exception
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        raise AssertionError(f"citecheck check crashed (exit {result.exit_code}):\n{tb}")
    assert result.exit_code in (0, 1, 3), (result.exit_code, result.output)
    if result.exit_code == 3:
        lines = result.stderr.splitlines()
        assert lines, "exit 3 without a message"
        assert lines[-1].startswith("citecheck: error: "), result.stderr
        return
    report = json.loads(result.stdout)
    length = decoded_length(data)
    outside = [(p, v) for p, v in _offsets(report) if not 0 <= v <= length]
    assert not outside, f"offsets outside the file of {length} characters: {outside[:5]}"
