"""The Markdown report: summary table, findings, escaping of manuscript text."""

from __future__ import annotations

import re

import pytest
from report_testlib import CLEAN, MIXED, finding, manuscript, result_for

from citecheck.model import Severity, Span
from citecheck.report.markdown import escape_markdown, render_markdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("plain words", "plain words", id="plain"),
        pytest.param("a | b", r"a \| b", id="pipe-cannot-split-a-cell"),
        pytest.param("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;", id="html"),
        pytest.param("R&D", "R&amp;D", id="ampersand"),
        pytest.param("ask @octocat", "ask &#64;octocat", id="no-mentions"),
        pytest.param("*b* _i_ `c` ~s~", r"\*b\* \_i\_ \`c\` \~s\~", id="emphasis-code"),
        pytest.param("[x](http://e)", r"\[x\](http://e)", id="no-links"),
        pytest.param("$E=mc^2$", r"\$E=mc^2\$", id="no-math"),
        pytest.param("a\\b", r"a\\b", id="backslash"),
        pytest.param("two\nlines\r\n  here", "two lines here", id="line-breaks"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def _cells(row: str) -> list[str]:
    """Split a table row on unescaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


@pytest.mark.parametrize(
    ("fail_on", "verdict", "status"),
    [
        pytest.param("error", "❌ failed", "❌", id="error"),
        pytest.param("never", "✅ passed", "✅", id="never"),
    ],
)
def test_summary_table(fail_on: str, verdict: str, status: str) -> None:
    out = render_markdown(
        [result_for(manuscript(CLEAN), "a.md"), result_for(manuscript(MIXED), "b.md")], fail_on
    )
    lines = out.splitlines()
    assert lines[0] == "## citecheck"
    assert lines[2].startswith(f"**{verdict}**")
    assert lines[2].endswith("1 errors, 1 warnings, 1 info")
    assert _cells(lines[6]) == ["a.md", "3", "3", "0", "0", "0", "✅"]
    assert _cells(lines[7]) == ["b.md", "3", "2", "1", "1", "1", status]


def test_findings_table_rows_keep_their_columns() -> None:
    hostile = "title | with | pipes <img src=x onerror=alert(1)> @team"
    extra = [finding("CIT005", Severity.WARNING, hostile, Span(0, 1), (2,))]
    out = render_markdown([result_for(manuscript(MIXED), extra=extra)])
    rows = [line for line in out.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == 4
    for row in rows:
        assert len(_cells(row)) == 4
    first = _cells(rows[0])
    assert first[:3] == ["1:1", "`CIT005`", "🟡 warning"]
    assert "<img" not in out and "@team" not in out
    assert "### paper.md" in out


def test_clean_manuscript_has_no_findings_section() -> None:
    out = render_markdown([result_for(manuscript(CLEAN))])
    assert "###" not in out
    assert "✅ passed" in out


def test_long_reports_are_cut() -> None:
    extra = [finding("NET001", Severity.INFO, f"m{i}") for i in range(5)]
    out = render_markdown([result_for(manuscript(CLEAN), extra=extra)], max_findings=2)
    assert out.count("`NET001`") == 2
    assert "… and 3 more findings." in out
