"""The JUnit XML report (``--format junit``), for CI systems that show test results
(GitLab's ``artifacts:reports:junit``, Jenkins, Azure Pipelines).

One ``testsuite`` per manuscript; in it one ``testcase`` per reference and per claim, and
one for the manuscript as a whole (findings that name neither a listed reference nor a
claim, e.g. a citation of a reference that does not exist). A finding at or above the
``--fail-on`` threshold is a ``failure`` of each test case it belongs to; findings below it
are listed in the test case's ``system-out``. After an online check each suite has
``properties`` ``online.checked``, ``online.could_not_check``, ``online.not_asked`` and the
coverage in words in its ``system-out``. A manuscript that could not be checked is a suite
with one test case in ``error``. Built with ElementTree, so every value is escaped and the
XML is well formed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import PurePath

from citecheck.locations import Locator
from citecheck.model import Finding, Reference, RefKey, Severity
from citecheck.report.claims import claim_entries
from citecheck.report.online import coverage_sentence
from citecheck.report.text import finding_line
from citecheck.results import ManuscriptFailure, ManuscriptResult

# Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab, LF, CR).
_XML_INVALID = {c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}


def _clean(text: str) -> str:
    return text.translate(_XML_INVALID)


def _fails(f: Finding, fail_on: str) -> bool:
    return fail_on != "never" and f.severity.rank >= Severity(fail_on).rank


def _reference_name(ref: Reference) -> str:
    who = ref.authors[0].family if ref.authors else ""
    what = ref.title or ref.raw
    known = ref.number is not None or ref.citekey is not None
    label = f"ref {ref.key}" if known else "unnumbered reference"
    text = " ".join(x for x in (who, ref.year or "", what) if x)
    return f"{label}: {text[:100]}"


class _Case:
    def __init__(self, name: str, classname: str, path: str, line: int | None) -> None:
        self.name, self.classname, self.path, self.line = name, classname, path, line
        self.findings: list[Finding] = []


def _cases(result: ManuscriptResult, index: Locator) -> list[_Case]:
    a = result.analysis
    stem = PurePath(result.path).stem
    manuscript = _Case("manuscript", f"citecheck.{stem}", result.path, None)
    refs: dict[RefKey, _Case] = {}
    cases = [manuscript]
    for ref in a.references:
        place = index.locate(ref.span.start)  # a .bib entry: its file and line
        case = _Case(_reference_name(ref), f"citecheck.{stem}.references", place.path, place.line)
        cases.append(case)
        refs.setdefault(ref.key, case)
    claims: dict[str, _Case] = {}
    for claim in claim_entries(result) or ():
        cid = str(claim.get("id", ""))
        where = claim.get("location") or claim.get("tag") or claim.get("sentence") or {}
        case = _Case(
            f"claim {cid}: {claim.get('text', '')}"[:120],
            f"citecheck.{stem}.claims",
            result.path,
            where.get("line") if isinstance(where, dict) else None,
        )
        cases.append(case)
        claims.setdefault(cid, case)
    for f in result.findings:
        claim_case = claims.get(str(f.evidence.get("claim", "")))
        owners = (
            [claim_case]
            if claim_case is not None
            else [refs[n] for n in dict.fromkeys(f.refs) if n in refs]
        )
        for case in owners or [manuscript]:
            case.findings.append(f)
    return cases


def _testcase(case: _Case, path: str, index: Locator, fail_on: str) -> ET.Element:
    el = ET.Element("testcase", name=_clean(case.name), classname=case.classname)
    el.set("file", _clean(case.path or path))
    if case.line is not None:
        el.set("line", str(case.line))
    below = []
    for f in case.findings:
        line = _clean(finding_line(path, f, index))
        if _fails(f, fail_on):
            failure = ET.SubElement(
                el, "failure", message=_clean(f"{f.rule}: {f.message}"), type=f.rule
            )
            failure.text = line
        else:
            below.append(line)
    if below:
        ET.SubElement(el, "system-out").text = "\n".join(below)
    return el


def _coverage(suite: ET.Element, result: ManuscriptResult) -> None:
    if result.online is None:
        return
    coverage = result.online.coverage
    properties = ET.SubElement(suite, "properties")
    for name in ("checked", "could_not_check", "not_asked"):
        ET.SubElement(
            properties, "property", name=f"online.{name}", value=str(getattr(coverage, name))
        )
    ET.SubElement(suite, "system-out").text = coverage_sentence(coverage)


def _failed_suite(failure: ManuscriptFailure) -> ET.Element:
    suite = ET.Element(
        "testsuite", name=_clean(failure.path), tests="1", failures="0", errors="1", skipped="0"
    )
    case = ET.SubElement(
        suite, "testcase", name="manuscript", classname=f"citecheck.{PurePath(failure.path).stem}"
    )
    case.set("file", _clean(failure.path))
    ET.SubElement(case, "error", message=_clean(f"not checked: {failure.reason}"), type="error")
    return suite


def junit_element(
    results: Sequence[ManuscriptResult],
    fail_on: str = "error",
    failures_: Sequence[ManuscriptFailure] = (),
) -> ET.Element:
    root = ET.Element("testsuites", name="citecheck")
    total_tests = total_failures = 0
    for r in results:
        index = Locator(r.analysis.document)
        cases = [_testcase(c, r.path, index, fail_on) for c in _cases(r, index)]
        failures = sum(1 for c in cases if c.find("failure") is not None)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(r.path),
            tests=str(len(cases)),
            failures=str(failures),
            errors="0",
            skipped="0",
        )
        _coverage(suite, r)
        suite.extend(cases)
        total_tests += len(cases)
        total_failures += failures
    root.extend(_failed_suite(f) for f in failures_)
    root.set("tests", str(total_tests + len(failures_)))
    root.set("failures", str(total_failures))
    root.set("errors", str(len(failures_)))
    return root


def render_junit(
    results: Sequence[ManuscriptResult],
    fail_on: str = "error",
    *,
    failures: Sequence[ManuscriptFailure] = (),
) -> str:
    """The report as JUnit XML; ``fail_on`` as for ``--fail-on`` (``never``: no failures)."""
    root = junit_element(results, fail_on, failures)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
