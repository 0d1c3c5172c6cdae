"""The claims part of the JSON report: one entry per claim, beside ``citations``.

Offsets stay offsets inside; line and column (1-based) are computed here, for rendering.
"""

from __future__ import annotations

from typing import Any

from citecheck.claims.measures import describe_measure, describe_pairing
from citecheck.claims.model import ClaimReport, ClaimVerdict, MeasureMatch
from citecheck.model import Span


def claims_as_json(report: ClaimReport, text: str) -> list[dict[str, Any]]:
    """The verdicts of ``report`` as JSON-ready dicts (the report's ``claims`` key)."""
    return [verdict_as_json(v, text) for v in report.verdicts]


def verdict_as_json(verdict: ClaimVerdict, text: str) -> dict[str, Any]:
    claim = verdict.claim
    facts = verdict.facts
    out: dict[str, Any] = {
        "id": claim.id,
        "text": claim.text,
        "cites": list(claim.cites),
        "source": claim.source,
        "verdict": verdict.verdict.value,
        "explanation": verdict.explanation,
        "sentence": None,
        "quantities": [_match_as_json(m) for m in verdict.matches],
        "pairings": [],
        "rules": [f.rule for f in verdict.findings],
    }
    if claim.note:
        out["note"] = claim.note
    if claim.span is not None:
        out["tag" if claim.source == "inline" else "location"] = location(text, claim.span)
    if facts is not None:
        out["sentence"] = {
            "text": " ".join(facts.sentence.text.split()),
            **location(text, facts.sentence.span),
            "refs": list(facts.refs),
        }
        out["pairings"] = [
            {
                "respectively": location(text, p.span),
                "pairs": [
                    {"label": i.label, "endpoint": i.endpoint, "quantity": i.quantity.text}
                    for i in p.items
                ],
                "summary": describe_pairing(p),
            }
            for p in facts.pairings
        ]
    return out


def _match_as_json(match: MeasureMatch) -> dict[str, Any]:
    return {
        "claim": describe_measure(match.claim),
        "manuscript": describe_measure(match.sentence) if match.sentence else None,
        "manuscript_text": match.sentence.quantity.text if match.sentence else None,
        "via": match.sentence.via if match.sentence else None,
        "status": match.status,
        "differs": match.reason,
    }


def location(text: str, span: Span) -> dict[str, int]:
    """``start``/``end`` offsets and the 1-based ``line``/``column`` of ``span.start``."""
    line = text.count("\n", 0, span.start) + 1
    column = span.start - (text.rfind("\n", 0, span.start) + 1) + 1
    return {"start": span.start, "end": span.end, "line": line, "column": column}
