"""The JUnit XML report: one suite per manuscript, one case per reference and per claim,
failures at the threshold, escaped and well formed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from report_testlib import CLEAN, MIXED, REFS, finding, manuscript, result_for

from citecheck.claims.model import Claim, ClaimVerdict, Verdict
from citecheck.model import Severity, Span
from citecheck.report.junit import render_junit
from citecheck.results import ManuscriptResult


def junit(*results: ManuscriptResult, fail_on: str = "error") -> ET.Element:
    text = render_junit(results, fail_on)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def failing_cases(root: ET.Element) -> dict[str, list[str]]:
    return {
        case.get("name", ""): [f.get("type", "") for f in case.findall("failure")]
        for case in root.iter("testcase")
        if case.find("failure") is not None
    }


def test_one_suite_per_manuscript_and_one_case_per_reference() -> None:
    root = junit(result_for(manuscript(CLEAN), "a.md"), result_for(manuscript(MIXED), "b.md"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["a.md", "b.md"]
    for suite in suites:
        names = [c.get("name") for c in suite.findall("testcase")]
        assert names[0] == "manuscript"
        assert names[1:] == [
            "ref 1: Smith 2001 Alpha study of receptors",
            "ref 2: Jones 2002 Beta study of ligands",
            "ref 3: Brown 2003 Gamma study of tracers",
        ]
        assert suite.get("tests") == str(len(REFS) + 1)
    assert root.get("tests") == "8"


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [
        # MIXED: CIT001 error (a reference that does not exist: the manuscript's case),
        # CIT002 warning on ref 3, CIT004 info on refs 1 and 2.
        pytest.param("error", {"manuscript": ["CIT001"]}, id="error"),
        pytest.param(
            "warning",
            {"manuscript": ["CIT001"], "ref 3: Brown 2003 Gamma study of tracers": ["CIT002"]},
            id="warning",
        ),
        pytest.param(
            "info",
            {
                "manuscript": ["CIT001"],
                "ref 1: Smith 2001 Alpha study of receptors": ["CIT004"],
                "ref 2: Jones 2002 Beta study of ligands": ["CIT004"],
                "ref 3: Brown 2003 Gamma study of tracers": ["CIT002"],
            },
            id="info",
        ),
        pytest.param("never", {}, id="never"),
    ],
)
def test_failures_at_or_above_the_threshold(fail_on: str, expected: dict) -> None:
    root = junit(result_for(manuscript(MIXED)), fail_on=fail_on)
    assert failing_cases(root) == expected
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("failures") == str(len(expected))
    assert root.get("failures") == str(len(expected))


def test_findings_below_the_threshold_go_to_system_out() -> None:
    root = junit(result_for(manuscript(MIXED)), fail_on="error")
    case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("ref 3"))
    out = case.find("system-out")
    assert out is not None and "CIT002 warning reference 3 is never cited" in (out.text or "")
    assert case.get("line") == "9"  # title, blank, body, blank, heading, blank, refs 1-3
    assert case.get("file") == "paper.md"


def test_claim_findings_belong_to_the_claim_case() -> None:
    line_3 = len("# Title\n\n")
    claim = Claim("pfs", "median PFS 54 d", (1,), span=Span(line_3, line_3 + 5))
    verdict = ClaimVerdict(claim, Verdict.NOT_FOUND, None, (), (), "not found")
    clm = finding("CLM004", Severity.ERROR, "differs", Span(0, 1), (1,), claim="pfs")
    root = junit(result_for(manuscript(CLEAN), extra=[clm], claims=(verdict,)))
    assert failing_cases(root) == {"claim pfs: median PFS 54 d": ["CLM004"]}
    case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("claim"))
    assert case.get("classname") == "citecheck.paper.claims"
    assert case.get("line") == "3"


def test_hostile_text_is_escaped_and_the_xml_well_formed() -> None:
    hostile = 'Evil <script>alert("x")</script> & ]]> \x01 title'
    refs = (f"Smith AB. {hostile}. Nature. 2001;410:50–56.", *REFS[1:])
    message = 'bad "quote" <b>&amp; ]]>\x0b'
    extra = [finding("CIT005", Severity.ERROR, message, Span(0, 1), (1,))]
    text = render_junit([result_for(manuscript(CLEAN, refs), "a&b<c>.md", extra=extra)])
    root = ET.fromstring(text.encode("utf-8"))  # raises if not well formed
    assert "<script>" not in text
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "a&b<c>.md"
    (case,) = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert 'Evil <script>alert("x")</script> & ]]>  title' in (case.get("name") or "")
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == 'CIT005: bad "quote" <b>&amp; ]]>'
