"""The ``source_check`` entry of a claim in the JSON report, and its one text line.

Offsets of abstract sentences are into the abstract's text (which the lockfile keeps).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from citecheck.claims.measures import describe_measure
from citecheck.sources.model import AbstractSentence, QuantityEvidence, SourceCheck, SourceReport


def source_check_as_json(check: SourceCheck) -> dict[str, Any]:
    """``{verdict, abstract_source, abstracts, quantities, sentences, rules, explanation}``."""
    found = [(n, lk.value) for n, lk in check.abstracts if lk.is_found and lk.value is not None]
    sentences: list[AbstractSentence] = []
    for s in [e.sentence for e in check.quantities] + [check.words]:
        if s is not None and s not in sentences:
            sentences.append(s)
    return {
        "verdict": check.verdict.value if check.verdict else None,
        "explanation": check.explanation,
        "abstract_source": "; ".join(a.label for _, a in found) or None,
        "abstracts": [
            {
                "ref": n,
                "status": lk.status.value,
                "source": lk.value.source if lk.value else None,
                "id": lk.value.id if lk.value else None,
                "reason": lk.reason or None,
            }
            for n, lk in check.abstracts
        ],
        "quantities": [_quantity(e, sentences) for e in check.quantities],
        "sentences": [_sentence(s) for s in sentences],
        "rules": [f.rule for f in check.findings],
        "notices": [
            {"rule": f.rule, "ref": f.refs[0] if f.refs else None, **_notice(f.evidence)}
            for f in check.findings
            if f.rule in ("CLM008", "CLM009")
        ],
    }


def _quantity(e: QuantityEvidence, sentences: Sequence[AbstractSentence]) -> dict[str, Any]:
    return {
        "claim": describe_measure(e.claim),
        "status": e.status.value,
        "abstract": describe_measure(e.stated) if e.stated else None,
        "abstract_text": e.stated.quantity.text if e.stated else None,
        "via": (e.stated.via or None) if e.stated else None,
        "reason": e.reason,
        "rule": e.rule,
        "ref": e.sentence.ref if e.sentence else None,
        "sentence": sentences.index(e.sentence) if e.sentence in sentences else None,
    }


def _sentence(s: AbstractSentence) -> dict[str, Any]:
    return {
        "ref": s.ref,
        "source": s.abstract.label,
        "text": s.text,
        "start": s.span.start,
        "end": s.span.end,
    }


def _notice(evidence: Any) -> dict[str, str]:
    keys = ("notice", "date", "type", "source", "doi", "pmid")
    return {k: str(evidence[k]) for k in keys if evidence.get(k)}


def with_source_checks(
    claims: Sequence[dict[str, Any]], report: SourceReport
) -> tuple[dict[str, Any], ...]:
    """The claims list of the report with ``source_check`` added to each claim checked
    (``claims`` in the order of the claim report's verdicts, as ``claims_as_json`` gives)."""
    by_index = {c.index: c for c in report.checks}
    out = []
    for i, entry in enumerate(claims):
        check = by_index.get(i)
        if check is None:
            out.append(entry)
            continue
        updated = {**entry, "source_check": source_check_as_json(check)}
        updated["rules"] = [*entry.get("rules", []), *(f.rule for f in check.findings)]
        out.append(updated)
    return tuple(out)


def source_line(claim: dict[str, Any]) -> str | None:
    """The text report's line for a claim's source check, or None."""
    check = claim.get("source_check")
    if not check:
        return None
    line = f"claim {claim.get('id', '')!s}: source: {check.get('explanation', '')}"
    notices = [
        f"{n['rule']} ref {n['ref']} {n.get('type', '')} {n.get('notice', '')}".rstrip()
        for n in check.get("notices", ())
    ]
    return line + (f" [{'; '.join(notices)}]" if notices else "")
