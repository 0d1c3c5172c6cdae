"""Every crash or slowdown the campaign found, replayed (one file per case in
``regressions/``): each must keep the properties, and a repetitive one (``build``) must grow
linearly (fuzz_properties.check_growth: CPU time, a median baseline, a generous ratio, a
second try before failing).

A case still open (``"open": true``, none at present) is an xfail naming its symptom, and
fails outright with any other symptom. A crash is a strict xfail: when its cause is fixed the
test XPASSes into a failure and the flag is to be removed (docs/fuzzing.md). A slowdown is a
non-strict xfail: whether a slow case happens to finish under its limit is timing, and a
strict xfail on timing turns a test run red by luck."""

from __future__ import annotations

from typing import Any

import pytest
from fuzz_properties import case_input, check_bytes, check_growth, check_text, regression_cases

KEYS = {"broke", "symptom", "cause", "found_by", "open", "text", "build", "latin1"}


def _params() -> list[object]:
    params = []
    for path, case in regression_cases():
        marks = []
        if case.get("open"):
            strict = not case["symptom"].startswith("slow")
            reason = f"{case['symptom']}: {case['cause']}"
            marks.append(pytest.mark.xfail(strict=strict, raises=AssertionError, reason=reason))
        params.append(pytest.param(path, case, id=path.stem, marks=marks))
    return params


@pytest.mark.parametrize(("path", "case"), _params())
def test_regression_case_keeps_the_properties(path: object, case: dict[str, Any]) -> None:
    if "build" in case:  # a pathological shape: also checked for growth
        b = case["build"]
        violation = check_growth(b.get("head", ""), b["unit"], b["times"], b.get("tail", ""))
    else:
        _, data = case_input(case)
        violation = check_bytes(data) if isinstance(data, bytes) else check_text(data)
    if case.get("open") and violation is not None and violation.symptom != case["symptom"]:
        pytest.fail(f"open, but fails otherwise than recorded ({case['symptom']}):\n{violation}")
    assert violation is None, str(violation)


def test_regression_files_are_well_formed() -> None:
    for path, case in regression_cases():
        assert set(case) <= KEYS, (path.name, set(case) - KEYS)
        assert {"broke", "symptom", "cause"} <= set(case), path.name
        assert sum(k in case for k in ("text", "build", "latin1")) == 1, path.name
