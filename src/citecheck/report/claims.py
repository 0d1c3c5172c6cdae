"""The claims part of the reports: one entry per claim, beside ``citations``.

:func:`claim_entries` builds them from a :class:`~citecheck.results.ManuscriptResult`'s
typed claim and source reports; the JSON, text, JUnit and HTML reports all read these.
Offsets (``start``/``end``) index the file as decoded, like every offset in the JSON;
line and column (1-based) are computed here, for rendering.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from citecheck.claims.measures import describe_measure, describe_pairing
from citecheck.claims.model import ClaimReport, ClaimVerdict, MeasureMatch
from citecheck.locations import Locator
from citecheck.model import Document, Span
from citecheck.positions import line_column

if TYPE_CHECKING:
    from citecheck.results import ManuscriptResult


def claim_entries(result: ManuscriptResult) -> list[dict[str, Any]] | None:
    """The report's ``claims``: one dict per claim verdict, with its ``source_check`` when
    the claims were checked against their sources; ``None`` when no claim was checked."""
    if result.claims is None:
        return None
    entries = claims_as_json(result.claims, result.document)
    if result.sources is not None:
        from citecheck.report.sources import with_source_checks

        entries = list(with_source_checks(entries, result.sources))
    return entries


def claims_as_json(report: ClaimReport, document: Document | str) -> list[dict[str, Any]]:
    """The verdicts of ``report`` as JSON-ready dicts (the report's ``claims`` key)."""
    return [verdict_as_json(v, document) for v in report.verdicts]


def verdict_as_json(verdict: ClaimVerdict, document: Document | str) -> dict[str, Any]:
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
        out["tag" if claim.source == "inline" else "location"] = location(document, claim.span)
    if facts is not None:
        out["sentence"] = {
            "text": " ".join(facts.sentence.text.split()),
            **location(document, facts.sentence.span),
            "refs": list(facts.refs),
        }
        out["pairings"] = [
            {
                "respectively": location(document, p.span),
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


def location(document: Document | str, span: Span) -> dict[str, int]:
    """``start``/``end`` offsets into the decoded file and the 1-based ``line``/``column``
    of ``span.start`` (a bare text: offsets into it)."""
    if isinstance(document, str):
        line, column = line_column(document, span.start)
        return {"start": span.start, "end": span.end, "line": line, "column": column}
    line, column = Locator(document).line_col(span.start)
    start, end = document.source_offset(span.start), document.source_offset(span.end)
    return {"start": start, "end": end, "line": line, "column": column}
