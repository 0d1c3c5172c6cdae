"""The shape issue #11 asked for, guarded: one way in, results that pickle, imports that
point one way, modules of a readable size."""

from __future__ import annotations

import ast
import dataclasses
import pickle
from pathlib import Path

import pytest

import citecheck
from citecheck.model import CitationMark, Document, Reference, Span
from citecheck.options import CheckOptions, ClaimSettings
from citecheck.results import ManuscriptResult

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "citecheck"
SEED = ROOT / "tests" / "fixtures" / "walenkamp2017-cxcr4.md"
CLAIMS = ROOT / "claims" / "walenkamp2017-cxcr4.yaml"
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path, modules: set[str]) -> set[str]:
    """The citecheck modules ``path`` imports when it is imported (not those imported
    inside functions or under ``if TYPE_CHECKING``). ``from a.b import c`` imports the
    module a.b.c when there is one, else a.b."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module in modules and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return found


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in SRC.rglob("*.py")}
    names = set(paths)
    return {name: _top_level_imports(path, names) - {name} for name, path in paths.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_circle() -> None:
    graph = _graph()
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or ())


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize(
    ("low", "high"),
    [
        pytest.param("citecheck.registry", "citecheck.verify", id="registry-below-verify"),
        pytest.param("citecheck.registry", "click", id="registry-without-click"),
        pytest.param("citecheck.verify", "click", id="verify-without-click"),
        pytest.param("citecheck.model", "citecheck.report", id="model-below-report"),
        # A reader may parse one entry (bibliography.parse, .bibfile, .csl: a reference in any
        # format is read by the same parsers), never read a document's reference section.
        pytest.param(
            "citecheck.inputs", "citecheck.bibliography.references", id="inputs-below-stages"
        ),
        pytest.param(
            "citecheck.inputs", "citecheck.bibliography.sections", id="inputs-below-sections"
        ),
        pytest.param(
            "citecheck.inputs", "citecheck.bibliography.entries", id="inputs-below-entries"
        ),
        pytest.param("citecheck.checks", "citecheck.cli", id="checks-below-cli"),
        pytest.param("citecheck.report", "citecheck.cli", id="report-below-cli"),
    ],
)
def test_imports_point_one_way(low: str, high: str) -> None:
    """No module of package ``low`` imports ``high``, even inside a function."""
    folder = SRC.joinpath(*low.split(".")[1:])
    paths = [folder.with_suffix(".py")] if folder.with_suffix(".py").exists() else []
    paths += list(folder.rglob("*.py")) if folder.is_dir() else []
    offenders = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n == high or n.startswith(high + ".")
            ]
    assert offenders == []


def test_no_module_over_the_size_limit() -> None:
    sizes = {
        p.relative_to(SRC).as_posix(): len(p.read_text().splitlines()) for p in SRC.rglob("*.py")
    }
    assert {k: v for k, v in sizes.items() if v > MAX_LINES} == {}


def _seed_result(**options: object) -> ManuscriptResult:
    claims = ClaimSettings(file=str(CLAIMS), find_by_name=False)
    document = citecheck.read_document(SEED)
    return citecheck.check_manuscript(document, CheckOptions(claims=claims, **options))  # type: ignore[arg-type]


def test_check_manuscript_is_what_check_reports() -> None:
    result = _seed_result()
    assert isinstance(result, ManuscriptResult)
    assert len(result.analysis.references) == 88
    assert result.claims is not None
    assert [v.verdict.value for v in result.claims.verdicts] == ["linked"] * 3
    assert result.online is None and result.sources is None
    assert {f.rule for f in result.findings} == {"CLM005", "REF002"}


def test_selection_and_severity_overrides_apply_inside() -> None:
    from citecheck.model import Severity

    result = _seed_result(ignore=("CLM",), severity=(("REF002", Severity.ERROR),))
    assert [(f.rule, f.severity) for f in result.findings] == [("REF002", Severity.ERROR)]


def test_offline_result_pickles_and_round_trips() -> None:
    result = _seed_result()
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert again.findings == result.findings
    assert [dict(f.evidence) for f in again.findings] == [dict(f.evidence) for f in result.findings]


def test_the_readme_library_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Library") :]
    code = section[section.index("```python") + len("```python") : section.index("```\n", 10)]
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "1 Caruz A 1998 FEBS Lett 426 271-278"
    assert "endoradiotherapy-survival linked" in out


def _keyed_document() -> Document:
    """What a structured reader (LaTeX + .bib, say) hands on: text, its references already
    keyed, and the citations it tagged."""
    text = "Shown before [a] and again [a, zzz]. Nothing cites c.\n"
    refs = tuple(
        Reference(None, raw, Span(0, 0), title=raw, year="2001", container="J", citekey=key)
        for key, raw in (("a", "Alpha study"), ("b", "Beta study"), ("c", "Gamma study"))
    )
    marks = (
        CitationMark(Span(13, 16), "[a]", ("a",)),
        CitationMark(Span(27, 35), "[a, zzz]", ("a", "zzz")),
    )
    return Document("paper.tex", text, format="latex", references=refs, marks=marks)


def test_a_structured_reader_s_references_and_marks_are_used_as_found() -> None:
    result = citecheck.check_manuscript(_keyed_document(), CheckOptions())
    assert [r.key for r in result.analysis.references] == ["a", "b", "c"]
    assert [c.refs for c in result.analysis.citations] == [("a",), ("a", "zzz")]
    by_rule = {(f.rule, f.refs) for f in result.findings}
    assert ("CIT001", ("zzz",)) in by_rule
    assert {("CIT002", ("b",)), ("CIT002", ("c",))} <= by_rule
    cit001 = next(f for f in result.findings if f.rule == "CIT001")
    assert cit001.message == "citation '[a, zzz]' cites key 'zzz', which no bibliography entry has"
    assert not [f for f in result.findings if f.rule == "CIT003"]


def test_keyed_references_reach_the_json_report() -> None:
    from citecheck.report.json import report_dict

    report = report_dict([citecheck.check_manuscript(_keyed_document(), CheckOptions())])
    (manuscript,) = report["manuscripts"]
    assert [r["key"] for r in manuscript["references"]] == ["a", "b", "c"]
    assert manuscript["citations"][1]["refs"] == ["a", "zzz"]
    assert pickle.loads(pickle.dumps(report)) == report


def test_partial_marks_are_joined_by_the_citations_the_text_finder_sees() -> None:
    """A format that tags some citations (a Zotero field) beside typed ones ("[2]")."""
    text = "Tagged here [1] and typed here [2]. Tagged again [1, 2].\n"
    refs = tuple(
        Reference(n, f"Study {n}", Span(0, 0), title=f"Study {n}", year="2001", container="J")
        for n in (1, 2)
    )
    marks = (
        CitationMark(Span(12, 15), "[1]", (1,), "zotero"),
        CitationMark(Span(49, 55), "[1, 2]", (1, 2), "zotero"),
    )
    base = Document("paper.docx", text, format="docx", references=refs, marks=marks)
    partial = citecheck.check_manuscript(
        dataclasses.replace(base, marks_partial=True), CheckOptions()
    )
    found = [(c.text, c.refs, c.style) for c in partial.analysis.citations]
    assert found == [
        ("[1]", (1,), "zotero"),
        ("[2]", (2,), "square"),
        ("[1, 2]", (1, 2), "zotero"),
    ]
    tagged_only = citecheck.check_manuscript(base, CheckOptions())
    assert [c.text for c in tagged_only.analysis.citations] == ["[1]", "[1, 2]"]
