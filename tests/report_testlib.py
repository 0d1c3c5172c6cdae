"""Small manuscripts and results shared by the report-format, config and baseline tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from citecheck.claims.model import ClaimReport, ClaimVerdict
from citecheck.inputs import document_from_text
from citecheck.model import Finding, Severity, Span
from citecheck.pipeline import analyze
from citecheck.results import ManuscriptResult, select_findings

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "walenkamp2017-cxcr4.md"
SARIF_SCHEMA = FIXTURES / "sarif" / "sarif-schema-2.1.0.json"

SMITH = "Smith AB, Lee C. Alpha study of receptors. Nature. 2001;410:50–56."
JONES = "Jones CD, Kim D. Beta study of ligands. Cell. 2002;12:3–14."
BROWN = "Brown EF, Park E. Gamma study of tracers. Science. 2003;300:5–16."
REFS = (SMITH, JONES, BROWN)
CLEAN = "A (1). B (2). C (3)."
# Line 3: "(4)" is CIT001 (error); ref 3 is never cited: CIT002 (warning);
# "(1–2)" is CIT004 (info).
MIXED = "A (1–2). B (4)."


def manuscript(body: str, refs: Sequence[str] = REFS) -> str:
    """``# Title``, a body, then a numbered reference list."""
    lines = [f"{n}. {r}" for n, r in enumerate(refs, 1)]
    return "# Title\n\n" + body + "\n\n## References\n\n" + "\n".join(lines) + "\n"


def result_for(
    text: str,
    path: str = "paper.md",
    *,
    extra: Iterable[Finding] = (),
    claims: Sequence[ClaimVerdict] | None = None,
) -> ManuscriptResult:
    """The result ``check`` would report for ``text`` (no selection), with these claim
    verdicts if any."""
    analysis = analyze(document_from_text(text, path))
    report = ClaimReport(tuple(claims), ()) if claims is not None else None
    return ManuscriptResult(analysis, select_findings([*analysis.findings, *extra]), report)


def finding(
    rule: str = "CIT001",
    severity: Severity = Severity.ERROR,
    message: str = "message",
    span: Span | None = None,
    refs: tuple[int, ...] = (),
    **evidence: str,
) -> Finding:
    return Finding(rule, severity, message, span, refs, evidence)
