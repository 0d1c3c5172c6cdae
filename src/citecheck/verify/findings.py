"""How an online finding names its reference and where it points (pure), shared by the
judges of DOIs, arXiv identifiers, searches and PubMed records."""

from __future__ import annotations

from collections.abc import Mapping

from citecheck.model import Finding, Reference, Severity, Span
from citecheck.rules import finding


def ref_label(ref: Reference) -> str:
    """``ref 12`` / ``ref smith2020``, or ``unnumbered reference``."""
    if ref.citekey is None and ref.number is None:
        return "unnumbered reference"
    return f"ref {ref.key}"


def ref_finding(
    ref: Reference,
    rule: str,
    severity: Severity,
    message: str,
    field: str | None,
    evidence: Mapping[str, str],
) -> Finding:
    """A finding on ``ref``, placed on ``field``'s text when it was found (else the whole
    reference); empty evidence values are left out."""
    span: Span | None = ref.spans.get(field, ref.span) if field else ref.span
    kept = {k: v for k, v in evidence.items() if v}
    return finding(rule, message, span, (ref.key,), kept, severity=severity)


def could_not_check(ref: Reference, why: str) -> Finding:
    """NET001: the registries could not answer."""
    msg = f"{ref_label(ref)}: could not check: {why}"
    return ref_finding(ref, "NET001", Severity.INFO, msg, None, {"reason": why})
