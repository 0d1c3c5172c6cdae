"""The rule catalogue holds every rule the code can emit, with the severity it uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import citecheck
import citecheck.rules as rules_module
from citecheck.model import Severity
from citecheck.rules import RULES, finding, known_rule_pattern, rule_for

SRC = Path(citecheck.__file__).parent
DOCS = Path(__file__).resolve().parents[1] / "docs"
_FAMILIES = "CIT|REF|CLM|FLD|SRC|JATS|DOI|META|PMID|RET|EXIST|NET"
_FINDING_RULE = re.compile(r"""["']((?:""" + _FAMILIES + r""")\d{3})["']""")


def emitted_rules() -> set[str]:
    """Every rule id written as a string literal in the package (outside the catalogue)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if path.name != "rules.py":
            found.update(_FINDING_RULE.findall(path.read_text(encoding="utf-8")))
    return found


def test_the_scan_finds_rules_of_every_family() -> None:
    families = {rule.rstrip("0123456789") for rule in emitted_rules()}
    assert families >= {"CIT", "REF", "CLM", "DOI", "META", "PMID", "RET", "EXIST", "NET"}


def test_every_emitted_rule_is_catalogued() -> None:
    assert emitted_rules() - set(RULES) == set()


def test_there_is_one_rule_catalogue() -> None:
    """No module besides rules.py pairs a rule id with a severity (the old CLM table)."""
    src = Path(__file__).resolve().parents[1] / "src" / "citecheck"
    pairing = re.compile(r'"[A-Z]{3,5}\d{3}"\s*:\s*\(?\s*Severity\.')
    offenders = [
        p.name for p in src.rglob("*.py") if p.name != "rules.py" and pairing.search(p.read_text())
    ]
    assert offenders == []


def test_finding_takes_the_catalogue_severity_unless_told() -> None:
    assert finding("CIT002", "m").severity is Severity.WARNING
    assert finding("CLM007", "m").severity is Severity.ERROR
    assert finding("CIT004", "m", severity=Severity.INFO).severity is Severity.INFO
    assert finding("NET001", "m", evidence={"reason": "x"}).evidence == {"reason": "x"}


@pytest.mark.parametrize(
    ("rule", "severity"),
    [
        pytest.param("CIT001", Severity.ERROR, id="CIT001"),
        pytest.param("CIT002", Severity.WARNING, id="CIT002"),
        pytest.param("CLM005", Severity.INFO, id="CLM005"),
        pytest.param("META001", Severity.WARNING, id="META001"),
        pytest.param("NET001", Severity.INFO, id="NET001"),
        pytest.param("EXIST001", Severity.WARNING, id="EXIST001"),
    ],
)
def test_default_severities(rule: str, severity: Severity) -> None:
    assert RULES[rule].severity == severity


def test_no_rule_is_listed_twice() -> None:
    ids = [rule.id for rule in rules_module._RULES]
    assert sorted(ids) == sorted(set(ids))


def test_entries_are_well_formed() -> None:
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert re.fullmatch(r"[A-Z]{3,5}\d{3}", rule_id)
        assert rule.summary and "\n" not in rule.summary and len(rule.summary) <= 80
        assert (DOCS / rule.doc_page).is_file(), rule.doc_page


@pytest.mark.parametrize(
    ("pattern", "known"),
    [
        pytest.param("CIT", True, id="family"),
        pytest.param("cit00", True, id="prefix-any-case"),
        pytest.param("REF003", True, id="exact"),
        pytest.param("REF009", False, id="no-such-rule"),
        pytest.param("XYZ", False, id="no-such-family"),
        pytest.param("EXIST", True, id="exist-family"),
        pytest.param("", False, id="empty"),
    ],
)
def test_known_rule_pattern(pattern: str, known: bool) -> None:
    assert known_rule_pattern(pattern) is known


def test_unknown_rule_gets_a_stand_in() -> None:
    assert rule_for("XYZ001").id == "XYZ001"
