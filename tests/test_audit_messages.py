"""How audit messages quote the citation they are about."""

from __future__ import annotations

from citecheck.checks.audit import _quoted


def test_a_latex_citation_is_quoted_as_written() -> None:
    assert _quoted("\\cite{ref40}") == "'\\cite{ref40}'"


def test_quotes_and_newlines() -> None:
    assert _quoted("Smith's [3]") == '"Smith\'s [3]"'
    assert _quoted("[3,\n4]") == "'[3, 4]'"
    assert _quoted("[3]") == "'[3]'"
