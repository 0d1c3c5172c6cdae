"""docs/rules.md says what the audit does: every rule documented, every example true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citecheck.inputs.text import document_from_text
from citecheck.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
AUDIT_SOURCE = "".join(
    (ROOT / "src" / "citecheck" / name).read_text(encoding="utf-8")
    for name in ("checks/audit.py", "checks/references.py")
)
EMITTED = sorted(set(re.findall(r'"((?:CIT|REF)\d{3})"', AUDIT_SOURCE)))
EXAMPLE = re.compile(r"^(Failing|Passing) example[^\n]*:\n\n```markdown\n(.*?)\n```", re.M | re.S)


def _sections() -> dict[str, str]:
    parts = re.split(r"^### ((?:CIT|REF)\d{3})\n", DOC, flags=re.MULTILINE)
    # A section ends at the next "## " heading of the page (not the examples' "## References").
    return {
        parts[i]: re.split(r"\n## (?!References\n)", parts[i + 1])[0]
        for i in range(1, len(parts), 2)
    }


SECTIONS = _sections()


def _examples(kind: str) -> list:
    return [
        pytest.param(rule, m.group(2), id=f"{rule}-{kind.lower()}-{i}")
        for rule, body in SECTIONS.items()
        for i, m in enumerate(m for m in EXAMPLE.finditer(body) if m.group(1) == kind)
    ]


def _findings(text: str):
    return analyze(document_from_text(text)).findings


def test_audit_emits_rules() -> None:
    assert len(EMITTED) == 12  # CIT001–CIT005, REF001–REF007


@pytest.mark.parametrize("rule", EMITTED)
def test_every_emitted_rule_has_a_section_and_table_row(rule: str) -> None:
    assert rule in SECTIONS
    assert re.search(rf"^\| \[{rule}\]\(#{rule.lower()}\) \|", DOC, re.MULTILINE)


def test_no_documented_rule_that_the_audit_cannot_emit() -> None:
    assert sorted(SECTIONS) == EMITTED


@pytest.mark.parametrize("rule", EMITTED)
def test_every_rule_has_a_failing_and_a_passing_example(rule: str) -> None:
    kinds = [m.group(1) for m in EXAMPLE.finditer(SECTIONS[rule])]
    assert "Failing" in kinds and "Passing" in kinds


@pytest.mark.parametrize(("rule", "text"), _examples("Failing"))
def test_failing_example_produces_the_rule(rule: str, text: str) -> None:
    assert rule in {f.rule for f in _findings(text)}


@pytest.mark.parametrize(("rule", "text"), _examples("Passing"))
def test_passing_example_does_not_produce_the_rule(rule: str, text: str) -> None:
    assert rule not in {f.rule for f in _findings(text)}


@pytest.mark.parametrize("rule", EMITTED)
def test_documented_severity_is_that_of_the_first_failing_example(rule: str) -> None:
    documented = re.search(r"severity: `(error|warning|info)`", SECTIONS[rule])
    assert documented
    first = next(m.group(2) for m in EXAMPLE.finditer(SECTIONS[rule]) if m.group(1) == "Failing")
    severities = {f.severity.value for f in _findings(first) if f.rule == rule}
    assert severities == {documented.group(1)}


@pytest.mark.parametrize("target", ["claims.md", "online.md"])
def test_other_rule_families_are_linked(target: str) -> None:
    assert f"]({target}" in DOC
    assert (ROOT / "docs" / target).exists()
