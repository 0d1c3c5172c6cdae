"""Registry evidence per reference, as the HTML report shows it beside the printed fields.

Read from two places of a :class:`~citecheck.results.ManuscriptResult`, both optional:

* ``result.extra["online"]``: the online verdicts, JSON-ready. Either a list of verdict
  dicts or a dict holding one under ``"references"`` (or ``"verdicts"``). A verdict dict has
  ``number``, ``status`` (``verified``, ``mismatch``, ``wrong-work``, …), and optionally
  ``doi``, ``source``, ``detail``, ``notes``, the registry ``record`` (a Crossref work as in
  the evidence lockfile: ``title``, ``authors`` [{family, given}], ``container_titles``,
  ``short_container_titles``, ``years``, ``volume``, ``issue``, ``page``,
  ``article_number``, ``doi``; or a PubMed summary: ``journal``, ``year``, ``pages``) and
  ``diffs`` ([{field, printed, registry, note}]).
* the findings: each ``META001`` carries ``field``/``printed``/``registry`` in its evidence,
  so the differing fields are known (and shown) even without a record.

Unknown keys are ignored and missing ones left blank: the page shows what there is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from citecheck.model import Finding, Reference
from citecheck.results import ManuscriptResult

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
    record: Mapping[str, Any] | None = None
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


def record_fields(record: Mapping[str, Any]) -> dict[str, str]:
    """A registry record (Crossref work or PubMed summary, JSON-ready) as display strings."""
    containers = [
        *_strings(record.get("container_titles") or record.get("container-title")),
        *_strings(record.get("short_container_titles")),
        *_strings(record.get("journal") or record.get("container")),
    ]
    years = _strings(record.get("years")) or _strings(record.get("year"))
    pages = record.get("page") or record.get("pages") or record.get("article_number") or ""
    title = _strings(record.get("title"))
    return {
        "title": title[0] if title else "",
        "authors": ", ".join(_author(a) for a in record.get("authors") or () if _author(a)),
        "journal": " / ".join(dict.fromkeys(containers)),
        "year": years[0] if years else "",
        "volume": str(record.get("volume") or ""),
        "issue": str(record.get("issue") or ""),
        "pages": str(pages),
        "doi": str(record.get("doi") or ""),
    }


def _strings(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def _author(a: Any) -> str:
    if isinstance(a, Mapping):
        return f"{a.get('family', '')} {a.get('given', '')}".strip()
    return str(a)


def registry_evidence(result: ManuscriptResult) -> dict[int, RegistryEvidence]:
    """Reference number → its registry evidence; empty when nothing was checked online."""
    verdicts = _verdict_dicts(result.extra.get("online"))
    diffs = _diffs_from_findings(result.findings)
    out: dict[int, RegistryEvidence] = {}
    for v in verdicts:
        number = v.get("number")
        if not isinstance(number, int):
            continue
        listed = tuple(
            FieldDifference(
                str(d.get("field", "")),
                str(d.get("printed", "")),
                str(d.get("registry", "")),
                str(d.get("note", "")),
            )
            for d in v.get("diffs") or ()
            if isinstance(d, Mapping)
        )
        record = v.get("record") or v.get("work")
        out[number] = RegistryEvidence(
            status=str(v.get("status", "")),
            doi=str(v.get("doi") or ""),
            source=str(v.get("source") or ""),
            detail=str(v.get("detail") or ""),
            notes=tuple(str(n) for n in v.get("notes") or ()),
            record=record if isinstance(record, Mapping) else None,
            diffs=listed or tuple(diffs.get(number, ())),
        )
    for number, (status, doi) in _status_from_findings(result.findings).items():
        if number not in out:
            out[number] = RegistryEvidence(status, doi, diffs=tuple(diffs.get(number, ())))
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


def _status_from_findings(findings: Sequence[Finding]) -> dict[int, tuple[str, str]]:
    """Reference number → (status, DOI) from its online findings."""
    by_ref: dict[int, list[Finding]] = defaultdict(list)
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


def _verdict_dicts(online: Any) -> list[Mapping[str, Any]]:
    if isinstance(online, Mapping):
        online = online.get("references", online.get("verdicts"))
    if not isinstance(online, Sequence) or isinstance(online, str):
        return []
    return [v for v in online if isinstance(v, Mapping)]


def _diffs_from_findings(findings: Sequence[Finding]) -> dict[int, list[FieldDifference]]:
    out: dict[int, list[FieldDifference]] = defaultdict(list)
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
