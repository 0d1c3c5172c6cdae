"""GitHub workflow commands: one annotation per finding, escaped as the runner requires."""

from __future__ import annotations

import pytest
from report_testlib import CLEAN, MIXED, finding, manuscript, result_for

from citecheck.model import Severity, Span
from citecheck.report.github import escape_data, escape_property, render_github


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        pytest.param("plain", "plain", "plain", id="plain"),
        pytest.param("50% of 3", "50%25 of 3", "50%25 of 3", id="percent"),
        pytest.param("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac", id="newlines"),
        pytest.param("x:1,y", "x:1,y", "x%3A1%2Cy", id="colon-comma"),
        pytest.param("%0A", "%250A", "%250A", id="already-escaped-looking"),
    ],
)
def test_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_one_annotation_per_finding_with_location() -> None:
    lines = render_github([result_for(manuscript(MIXED), "docs/paper.md")]).splitlines()
    assert lines == [
        "::notice file=docs/paper.md,line=3,col=3,endColumn=8,title=CIT004::citation '(1–2)' "
        "writes two consecutive references 1–2 as a range; Vancouver style lists them (1,2) "
        "[refs 1–2]",
        "::error file=docs/paper.md,line=3,col=12,endColumn=15,title=CIT001::citation '(4)' "
        "cites reference 4, which is not in the reference list (1–3) [ref 4]",
        "::warning file=docs/paper.md,line=9,col=4,endColumn=69,title=CIT002::reference 3 is "
        "never cited in the text: Brown 2003: Gamma study of tracers [ref 3]",
    ]


@pytest.mark.parametrize(
    ("severity", "command"),
    [
        pytest.param(Severity.ERROR, "::error ", id="error"),
        pytest.param(Severity.WARNING, "::warning ", id="warning"),
        pytest.param(Severity.INFO, "::notice ", id="info-is-notice"),
    ],
)
def test_severity_commands(severity: Severity, command: str) -> None:
    out = render_github([result_for(manuscript(CLEAN), extra=[finding("NET001", severity)])])
    assert out.startswith(command)


def test_hostile_path_and_message_cannot_break_the_command() -> None:
    msg = "50% done\n::error::forged, really: yes"
    result = result_for(manuscript(CLEAN), "a,b:c%.md", extra=[finding("CIT005", message=msg)])
    (line,) = render_github([result]).splitlines()
    assert line == (
        "::error file=a%2Cb%3Ac%25.md,title=CIT005::50%25 done%0A::error::forged, really: yes"
    )


def test_multi_line_span_gives_end_line_and_no_columns_beyond() -> None:
    text = manuscript(CLEAN)
    f = finding("CLM003", Severity.WARNING, "m", Span(0, text.index("A (1)") + 1))
    (line,) = render_github([result_for(text, extra=[f])]).splitlines()
    assert line.startswith("::warning file=paper.md,line=1,col=1,endLine=3,title=CLM003::")


def test_nothing_to_say_prints_nothing() -> None:
    assert render_github([result_for(manuscript(CLEAN))]) == ""
