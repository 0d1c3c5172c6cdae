"""Registry evidence per reference, as the HTML report shows it beside the printed fields.

Read from a :class:`~citecheck.results.ManuscriptResult`:

* ``result.online``: one verdict per reference checked (``verified``, ``mismatch``,
  ``wrong-work``, …) and the Crossref record it rests on, when there is one;
* the findings: each ``META001`` carries ``field``/``printed``/``registry`` in its evidence,
  so the differing fields are known (and shown) even without a record, and the online
  findings give a status to references that have no verdict (a baseline run, say).

:func:`run_notes_html` says, under the page's header, what the run could not do: the online
coverage and the manuscripts that could not be checked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape, unescape

from citecheck.model import Finding, Reference, RefKey
from citecheck.registry.records import WorkRecord
from citecheck.report.online import coverage_sentence
from citecheck.results import ManuscriptFailure, ManuscriptResult, online_coverage

ROWS = ("title", "authors", "journal", "year", "volume", "issue", "pages", "doi")


@dataclass(frozen=True)
class FieldDifference:
    field: str  # as the judge names it: "title", "author 2", "authors", "volume", …
    printed: str
    registry: str
    note: str = ""

    @property
    def row(self) -> str:
        """The table row it belongs to ("author 2" → "authors")."""
        return "authors" if self.field.startswith("author") else self.field


@dataclass(frozen=True)
class RegistryEvidence:
    """What the registries said about one reference."""

    status: str
    doi: str = ""
    source: str = ""
    detail: str = ""
    notes: tuple[str, ...] = ()
    record: WorkRecord | None = None
    diffs: tuple[FieldDifference, ...] = ()

    @property
    def differing_fields(self) -> frozenset[str]:
        return frozenset(d.row for d in self.diffs)

    def rows(self, ref: Reference) -> list[tuple[str, str, str, str]]:
        """(field, printed, registry, difference) for each row worth showing: every field
        of the record when there is one, else only the fields known to differ."""
        registry = record_fields(self.record) if self.record else {}
        from_diffs: dict[str, list[FieldDifference]] = defaultdict(list)
        for d in self.diffs:
            from_diffs[d.row].append(d)
        printed = printed_fields(ref)
        out = []
        for name in ROWS:
            diffs = from_diffs.get(name, [])
            if registry:
                mine, theirs = printed.get(name, ""), registry.get(name, "")
            elif diffs:  # no record: only what the judge quoted
                mine = "; ".join(d.printed for d in diffs)
                theirs = "; ".join(d.registry for d in diffs)
            else:
                continue
            if mine or theirs:
                out.append((name, mine, theirs, "; ".join(_describe(d) for d in diffs)))
        return out


def _describe(d: FieldDifference) -> str:
    what = f"{d.field}: “{d.printed}” ≠ “{d.registry}”"
    return f"{what} ({d.note})" if d.note else what


def printed_fields(ref: Reference) -> dict[str, str]:
    authors = ", ".join(str(a) for a in ref.authors) + (", et al." if ref.et_al else "")
    return {
        "title": ref.title or "",
        "authors": authors,
        "journal": ref.container or "",
        "year": ref.year or "",
        "volume": ref.volume or "",
        "issue": ref.issue or "",
        "pages": ref.pages or "",
        "doi": ref.doi or "",
    }


_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]{0,300})?/?>")


def without_markup(text: str) -> str:
    """A registry title as words: Crossref's JATS/HTML markup (``<i>``, ``<sup>``,
    ``<mml:math>``…) dropped, its entities decoded (the page escapes the result)."""
    return unescape(re.sub(r"\s+", " ", _TAG.sub("", text))).strip()


def record_fields(record: WorkRecord) -> dict[str, str]:
    """A Crossref record as display strings."""
    containers = [*record.container_titles, *record.short_container_titles]
    return {
        "title": without_markup(record.title),
        "authors": ", ".join(str(a) for a in record.authors),
        "journal": " / ".join(dict.fromkeys(c for c in containers if c)),
        "year": str(record.years[0]) if record.years else "",
        "volume": record.volume or "",
        "issue": record.issue or "",
        "pages": record.page or record.article_number or "",
        "doi": record.doi,
    }


def registry_evidence(result: ManuscriptResult) -> dict[RefKey, RegistryEvidence]:
    """Reference key → its registry evidence; empty when nothing was checked online."""
    diffs = _diffs_from_findings(result.findings)
    out: dict[RefKey, RegistryEvidence] = {}
    online = result.online
    for v in online.verdicts if online is not None else ():
        out[v.key] = RegistryEvidence(
            status=v.status,
            doi=v.doi or "",
            source=v.source,
            detail=v.detail,
            notes=v.notes,
            record=online.records.get(v.key) if online is not None else None,
            diffs=tuple(diffs.get(v.key, ())),
        )
    for key, (status, doi) in _status_from_findings(result.findings).items():
        if key not in out:
            out[key] = RegistryEvidence(status, doi, diffs=tuple(diffs.get(key, ())))
    return out


# What a reference's online findings say about it when no verdict was passed on, most
# telling first.
_STATUS_BY_RULE = (
    ("RET001", "retracted"),
    ("DOI002", "wrong-work"),
    ("DOI001", "not-registered"),
    ("PMID001", "not-registered"),
    ("META001", "mismatch"),
    ("PMID002", "mismatch"),
    ("RET002", "corrected"),
    ("DOI003", "found"),
    ("NET001", "unavailable"),
)


def _status_from_findings(findings: Sequence[Finding]) -> dict[RefKey, tuple[str, str]]:
    """Reference key → (status, DOI) from its online findings."""
    by_ref: dict[RefKey, list[Finding]] = defaultdict(list)
    for f in findings:
        if len(f.refs) == 1 and any(f.rule == rule for rule, _ in _STATUS_BY_RULE):
            by_ref[f.refs[0]].append(f)
    out = {}
    for number, found in by_ref.items():
        rules = {f.rule for f in found}
        status = next(st for rule, st in _STATUS_BY_RULE if rule in rules)
        doi = next((f.evidence["doi"] for f in found if f.evidence.get("doi")), "")
        out[number] = (status, doi)
    return out


def _diffs_from_findings(findings: Sequence[Finding]) -> dict[RefKey, list[FieldDifference]]:
    out: dict[RefKey, list[FieldDifference]] = defaultdict(list)
    for f in findings:
        ev = f.evidence
        if f.rule != "META001" or len(f.refs) != 1 or "field" not in ev:
            continue
        out[f.refs[0]].append(
            FieldDifference(
                ev["field"], ev.get("printed", ""), ev.get("registry", ""), ev.get("note", "")
            )
        )
    return out


def run_notes_html(
    results: Sequence[ManuscriptResult], failures: Sequence[ManuscriptFailure]
) -> str:
    """The online coverage (marked ``partial`` when some reference could not be checked)
    and the manuscripts that could not be checked, as HTML for the page's header."""
    out = []
    coverage = online_coverage(results)
    if coverage is not None:
        kind = "partial" if coverage.could_not_check else "complete"
        out.append(f'<p class="coverage {kind}">{escape(coverage_sentence(coverage))}</p>')
    if failures:
        items = "".join(
            f"<li>{escape(f.path)}: not checked: {escape(f.reason)}</li>" for f in failures
        )
        out.append(f'<ul class="failed">{items}</ul>')
    return "".join(out)
