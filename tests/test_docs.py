"""docs/rules.md says what the audit does: every rule documented, every example true;
docs/architecture.md and docs/extending.md name modules that exist, and the runnable
sketches of docs/extending.md run."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.inputs import document_from_text
from citecheck.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
AUDIT_SOURCE = "".join(
    (ROOT / "src" / "citecheck" / name).read_text(encoding="utf-8")
    for name in ("checks/audit.py", "checks/narrative.py", "checks/references.py")
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


# --- docs/architecture.md and docs/extending.md name real modules and run as written ---------

SRC = ROOT / "src" / "citecheck"
CODE_DOCS = ("architecture.md", "extending.md")
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_PY_PATH = re.compile(r"^[\w/]+\.py$")
_DRAWN_PATH = re.compile(r"(?<![\w/.])[\w/]+\.py\b")
_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")
_FILE_SUFFIX = re.compile(r"\.(?:md|json|ya?ml|toml|txt|bib|html|xml|lock)$")
_TOP_LEVEL = {p.stem for p in SRC.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
RUNNABLE = re.compile(r"^<!-- runnable -->\n```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _module_names(doc: str) -> list[str]:
    """Module paths, folders and dotted names in backticks outside code blocks, and the
    ``.py`` paths drawn in the diagrams (code blocks with no language)."""
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    names: list[str] = []
    for m in _FENCE.finditer(text):
        if not m.group(1):
            names.extend(_DRAWN_PATH.findall(m.group(2)))
    for span in _CODE_SPAN.findall(_FENCE.sub("", text)):
        token = span.split("(", 1)[0]
        if _PY_PATH.match(token) or re.fullmatch(r"[a-z_]+/", token):
            names.append(token)
        elif _DOTTED.match(token) and not _FILE_SUFFIX.search(token):
            first = token.split(".", 1)[0]
            if first == "citecheck" or first in _TOP_LEVEL:
                names.append(token)
    return names


def _resolves(name: str) -> bool:
    if name.endswith("/"):
        return (SRC / name).is_dir()
    if name.endswith(".py"):
        base = ROOT if name.startswith("tests/") else SRC
        return (base / name).is_file()
    parts = name.split(".")
    if parts[0] != "citecheck":
        parts.insert(0, "citecheck")
    for i in range(len(parts), 0, -1):  # the longest importable prefix, then attributes
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ModuleNotFoundError:
            continue
        try:
            for attr in parts[i:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return False
        return True
    return False


@pytest.mark.parametrize("doc", CODE_DOCS)
def test_docs_name_only_modules_that_exist(doc: str) -> None:
    names = _module_names(doc)
    assert len(names) >= 10, "the scan found too few names: is the pattern still right?"
    assert [n for n in names if not _resolves(n)] == []


@pytest.mark.parametrize(
    ("name", "exists"),
    [
        pytest.param("inputs/markdown.py", True, id="path"),
        pytest.param("registry/", True, id="folder"),
        pytest.param("citecheck.manuscript.check_manuscript", True, id="dotted"),
        pytest.param("registry.open.open_registry", True, id="dotted-in-package"),
        pytest.param("report/nowhere.py", False, id="no-path"),
        pytest.param("nowhere/", False, id="no-folder"),
        pytest.param("citecheck.nowhere", False, id="no-module"),
        pytest.param("registry.open.nothing", False, id="no-attribute"),
    ],
)
def test_the_name_check_tells_what_exists(name: str, exists: bool) -> None:
    assert _resolves(name) is exists


def _runnable_sketches() -> list:
    text = (ROOT / "docs" / "extending.md").read_text(encoding="utf-8")
    return [
        pytest.param(code, id=f"extending-{i}") for i, code in enumerate(RUNNABLE.findall(text))
    ]


def test_extending_has_runnable_sketches() -> None:
    assert len(_runnable_sketches()) >= 4


# Loaded by every Python process of a sketch (workers too): a host name look-up or a network
# connection ends the process, so a sketch that goes online fails instead of being answered
# "unavailable" (which would pass quietly as NET001).
_NO_NETWORK = """
import os, socket, sys

def _guarded(method):
    def call(self, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            sys.stderr.write("docs sketch tried to use the network\\n")
            os._exit(97)
        return method(self, *args, **kwargs)
    return call

def _refuse_lookup(host, *args, **kwargs):
    sys.stderr.write(f"docs sketch tried to look up {host}\\n")
    os._exit(97)

socket.socket.connect = _guarded(socket.socket.connect)
socket.socket.connect_ex = _guarded(socket.socket.connect_ex)
socket.getaddrinfo = _refuse_lookup
"""


@pytest.mark.parametrize("code", _runnable_sketches())
def test_runnable_sketch_runs_offline_on_the_example(code: str, tmp_path: Path) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_NO_NETWORK, encoding="utf-8")
    script = tmp_path / "sketch.py"
    script.write_text(code, encoding="utf-8")
    path = [str(guard), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    run = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
