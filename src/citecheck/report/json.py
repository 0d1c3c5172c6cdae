"""The JSON report (schema ``citecheck-report/1``, documented in docs/output.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from citecheck import __version__
from citecheck.locations import Location, Locator
from citecheck.model import Citation, Document, Finding, Reference
from citecheck.report.claims import claim_entries
from citecheck.results import (
    ManuscriptFailure,
    ManuscriptResult,
    online_coverage,
    online_traffic,
    severity_counts,
)

SCHEMA = "citecheck-report/1"


def reference_dict(ref: Reference) -> dict[str, Any]:
    """One reference as in ``citecheck refs --format json`` (``key`` only for references
    cited by key; a numbered reference is known by its number)."""
    return {
        **({"key": ref.citekey} if ref.citekey is not None else {}),
        "number": ref.number,
        "number_inferred": ref.number_inferred,
        "raw": ref.raw,
        "authors": [{"family": a.family, "given": a.given} for a in ref.authors],
        "et_al": ref.et_al,
        "title": ref.title,
        "container": ref.container,
        "year": ref.year,
        "volume": ref.volume,
        "issue": ref.issue,
        "pages": ref.pages,
        "doi": ref.doi,
        "pmid": ref.pmid,
        "pmcid": ref.pmcid,
        "url": ref.url,
        "type": ref.type.value,
        "notes": list(ref.notes),
        "parsed": ref.parsed,
    }


def _source(doc: Document | None, offset: int) -> int:
    return doc.source_offset(offset) if doc else offset


def _place(place: Location, doc: Document | None) -> dict[str, Any]:
    """``line``/``column`` and, where they say more than the manuscript's lines, the
    ``file`` (an included file, a .bib), ``page`` and ``where`` (a place in words)."""
    out: dict[str, Any] = {"line": place.line, "column": place.column}
    if doc is not None and place.path != doc.path:
        out["file"] = place.path
    if place.page is not None:
        out["page"] = place.page
    if place.label:
        out["where"] = place.label
    return out


def citation_dict(c: Citation, index: Locator, doc: Document | None = None) -> dict[str, Any]:
    start = _source(doc, c.span.start)
    out = _place(index.locate(c.span.start), doc)
    out.update(
        start=start,
        offset=start,  # the same as start (report schema 1 named it so)
        end=_source(doc, c.span.end),
        text=c.text,
        refs=list(c.refs),
        style=c.style,
    )
    if any(isinstance(k, str) for k in c.refs):  # LaTeX, pandoc: the cite keys, as keys
        out["keys"] = [str(k) for k in c.refs]
    return out


def finding_dict(f: Finding, index: Locator, doc: Document | None = None) -> dict[str, Any]:
    start = _source(doc, f.span.start) if f.span else None
    place = _place(index.locate(f.span.start), doc) if f.span else {"line": None, "column": None}
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        **place,
        "start": start,
        "offset": start,  # the same as start (report schema 1 named it so)
        "end": _source(doc, f.span.end) if f.span else None,
        "refs": list(f.refs),
        "evidence": dict(f.evidence),
    }


def manuscript_dict(result: ManuscriptResult) -> dict[str, Any]:
    a = result.analysis
    index = Locator(a.document)
    out: dict[str, Any] = {
        "path": result.path,
        "encoding": a.document.encoding,
        "citation_system": a.system,
        "reference_section": {
            "heading": a.section.heading,
            "line": index.line_col(a.section.heading_span.start)[0],
        },
        "references": [reference_dict(r) for r in a.references],
        "citations": [citation_dict(c, index, a.document) for c in a.citations],
        "findings": [finding_dict(f, index, a.document) for f in result.findings],
        "summary": {
            "references": len(a.references),
            "citations": len(a.citations),
            **severity_counts([result]),
        },
    }
    if result.online is not None:
        from citecheck.report.online import coverage_json  # the online stack: when online

        out["summary"]["online"] = coverage_json(result.online.coverage)
    claims = claim_entries(result)
    if claims is not None:
        out["claims"] = claims
    if result.online is not None:
        from citecheck.report.online import verdicts_as_json

        out["online"] = verdicts_as_json(result.online)
    return out


def report_dict(
    results: Sequence[ManuscriptResult], failures: Sequence[ManuscriptFailure] = ()
) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "manuscripts": len(results),
        "failed": len(failures),
        **severity_counts(results),
    }
    coverage = online_coverage(results)
    if coverage is not None:
        from citecheck.report.online import coverage_json

        summary["online"] = coverage_json(coverage)
    traffic = online_traffic(results)
    if traffic is not None:
        summary["requests"] = traffic.as_json()
    return {
        "schema": SCHEMA,
        "tool": {"name": "citecheck", "version": __version__},
        "manuscripts": [manuscript_dict(r) for r in results],
        "failed": [{"path": f.path, "reason": f.reason} for f in failures],
        "summary": summary,
    }


def render_json(
    results: Sequence[ManuscriptResult], *, failures: Sequence[ManuscriptFailure] = ()
) -> str:
    return json.dumps(report_dict(results, failures), ensure_ascii=False, indent=2) + "\n"


def references_json(refs: Sequence[Reference]) -> str:
    return (
        json.dumps({"references": [reference_dict(r) for r in refs]}, ensure_ascii=False, indent=2)
        + "\n"
    )
