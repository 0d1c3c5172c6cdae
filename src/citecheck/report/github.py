"""GitHub Actions workflow commands (``--format github``): one annotation per finding.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message``; ``warning`` and
``notice`` for the other severities. Escaped as the runner requires: ``%``, CR and LF in the
message; those and ``:`` and ``,`` in property values; and every other control character
written visibly (:func:`~citecheck.report.escape.printable`), so that registry text can
neither start a command of its own nor hide in the log. A manuscript that could not be
checked is an ``::error`` on its file; the online coverage is a ``::notice`` (a
``::warning`` when some reference could not be checked).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from citecheck.citations.ranges import compact_numbers
from citecheck.locations import Locator
from citecheck.model import Finding, Severity
from citecheck.report.escape import printable
from citecheck.report.online import coverage_sentence
from citecheck.results import ManuscriptFailure, ManuscriptResult, online_coverage

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (CR and LF as the runner reads them back; other control
    characters written visibly)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def refs_suffix(f: Finding) -> str:
    """`` [ref 3]`` / `` [refs 1–3, 5]``, as in the text report."""
    if not f.refs:
        return ""
    return f" [{'ref' if len(f.refs) == 1 else 'refs'} {compact_numbers(f.refs)}]"


def annotation(path: str, f: Finding, locator: Locator) -> str:
    props = {"file": PurePath(path).as_posix()}
    if f.span is not None:
        place = locator.locate(f.span.start)
        props["file"] = PurePath(place.path).as_posix()
        line, col = place.line, place.column
        end_line, end_col = locator.line_col(max(f.span.end, f.span.start))
        props["line"], props["col"] = str(line), str(col)
        if end_line == line and end_col > col:
            props["endColumn"] = str(end_col)  # GitHub ignores columns on multi-line ranges
        elif end_line > line:
            props["endLine"] = str(end_line)
    props["title"] = f.rule
    rendered = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{_COMMANDS[f.severity]} {rendered}::{escape_data(f.message + refs_suffix(f))}"


def render_github(
    results: Sequence[ManuscriptResult], *, failures: Sequence[ManuscriptFailure] = ()
) -> str:
    lines: list[str] = []
    for r in results:
        locator = Locator(r.analysis.document)
        lines.extend(annotation(r.path, f, locator) for f in r.findings)
    for failure in failures:
        props = f"file={escape_property(PurePath(failure.path).as_posix())},title=citecheck"
        lines.append(f"::error {props}::{escape_data('not checked: ' + failure.reason)}")
    coverage = online_coverage(results)
    if coverage is not None:
        command = "warning" if coverage.could_not_check else "notice"
        lines.append(
            f"::{command} title=citecheck online::{escape_data(coverage_sentence(coverage))}"
        )
    return "".join(line + "\n" for line in lines)
