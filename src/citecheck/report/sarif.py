"""The SARIF 2.1.0 report (``--format sarif``), for GitHub code scanning and other viewers.

One run; one ``reportingDescriptor`` per catalogued rule (plus any other rule id reported);
one result per finding with a ``physicalLocation`` region (1-based lines, columns counted
in Unicode code points), the level (``error``/``warning``/``note``) and the baseline
fingerprint as ``partialFingerprints["citecheck/v1"]``, so that code scanning follows a
finding across edits. After an online check the run's ``properties.online`` holds the
coverage (checked, could not check, not asked) and an invocation notification says it in
words; a manuscript of the batch that could not be checked is an error notification and
makes ``executionSuccessful`` false.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from citecheck import __version__
from citecheck.locations import Locator
from citecheck.model import Finding, Severity
from citecheck.report.baseline import result_fingerprints
from citecheck.report.online import coverage_json, coverage_sentence
from citecheck.results import ManuscriptFailure, ManuscriptResult, online_coverage
from citecheck.rules import RULES, Rule, rule_for

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/citecheck-audit/"
FINGERPRINT_KEY = "citecheck/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_FAMILIES = {
    "CIT": "in-text citations",
    "REF": "reference list",
    "CLM": "claims",
    "DOI": "online: DOI",
    "META": "online: metadata",
    "PMID": "online: PubMed",
    "RET": "online: retractions",
    "EXIST": "online: no record",
    "NET": "online: could not check",
}


def artifact_uri(path: str) -> dict[str, str]:
    """An ``artifactLocation``: relative paths against ``%SRCROOT%``, absolute as file URIs."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": "file://" + quote(pure.as_posix())}
    return {"uri": quote(pure.as_posix()), "uriBaseId": "%SRCROOT%"}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    family = _FAMILIES.get(rule.family, rule.family)
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {
            "text": f"{rule.id} ({family}): {rule.summary}. "
            f"Reported as {rule.severity.value} unless configured otherwise."
        },
        # No helpUri: the project has no published documentation address to point at.
        "help": {"text": f"{rule.summary}. Documented in citecheck's docs/{rule.doc_page}."},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"tags": [rule.family]},
    }


def _region(f: Finding, index: Locator) -> dict[str, int] | None:
    if f.span is None:
        return None
    line, col = index.line_col(f.span.start)
    end_line, end_col = index.line_col(max(f.span.end, f.span.start))
    region = {"startLine": line, "startColumn": col}
    if (end_line, end_col) > (line, col):
        region.update(endLine=end_line, endColumn=end_col)
    return region


def _result(
    f: Finding, path: str, index: Locator, fingerprint: str, rule_index: int
) -> dict[str, Any]:
    if f.span is not None:
        path = index.locate(f.span.start).path
    physical: dict[str, Any] = {"artifactLocation": artifact_uri(path)}
    region = _region(f, index)
    if region is not None:
        physical["region"] = region
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    properties: dict[str, Any] = {}
    if f.refs:
        properties["references"] = list(f.refs)
    if f.evidence:
        properties["evidence"] = dict(f.evidence)
    if properties:
        out["properties"] = properties
    return out


def _invocation(
    results: Sequence[ManuscriptResult], failures: Sequence[ManuscriptFailure]
) -> dict[str, Any] | None:
    notifications: list[dict[str, Any]] = [
        {
            "level": "error",
            "message": {"text": f"not checked: {f.reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_uri(f.path)}}],
        }
        for f in failures
    ]
    coverage = online_coverage(results)
    if coverage is not None:
        level = "warning" if coverage.could_not_check else "note"
        notifications.append({"level": level, "message": {"text": coverage_sentence(coverage)}})
    if not notifications:
        return None
    return {"executionSuccessful": not failures, "toolExecutionNotifications": notifications}


def sarif_dict(
    results: Sequence[ManuscriptResult], failures: Sequence[ManuscriptFailure] = ()
) -> dict[str, Any]:
    reported = {f.rule for r in results for f in r.findings}
    rules = [*RULES.values(), *(rule_for(i) for i in sorted(reported - set(RULES)))]
    index_of = {rule.id: i for i, rule in enumerate(rules)}
    out_results = []
    for r in results:
        index = Locator(r.analysis.document)
        for f, fp in zip(r.findings, result_fingerprints(r), strict=True):
            out_results.append(_result(f, r.path, index, fp, index_of[f.rule]))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "citecheck",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": artifact_uri(r.path)} for r in results],
        "results": out_results,
    }
    invocation = _invocation(results, failures)
    if invocation is not None:
        run["invocations"] = [invocation]
    coverage = online_coverage(results)
    if coverage is not None:
        run["properties"] = {"online": coverage_json(coverage)}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(
    results: Sequence[ManuscriptResult], *, failures: Sequence[ManuscriptFailure] = ()
) -> str:
    return json.dumps(sarif_dict(results, failures), ensure_ascii=False, indent=2) + "\n"
