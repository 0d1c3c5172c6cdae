"""Citation-manager fields of a Word document as citation marks (pure).

A field of Zotero, Mendeley or EndNote is exact evidence: its result is the printed
citation, its code the works it cites. Each citation field whose result prints reference
numbers (``^{1–5}``, ``[2]–[4]``, ``(3, 7)``) becomes a
:class:`~citecheck.model.CitationMark` whose keys are the numbers printed and whose
``works`` are the works its code names (:mod:`citecheck.inputs.fields_csl`,
:mod:`citecheck.inputs.fields_endnote`); which work is which number is decided later, against
the typed list (:mod:`citecheck.checks.fields`). A field whose result prints no numbers
(an author–year style) or whose code cannot be read is left to the text finder, which also
looks everywhere outside the marks (``marks_partial``): typed citations beside fields are
still found. The managers' bibliography fields are not marks: the typed list is read from
the text as in any document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from citecheck.inputs.fields_csl import csl_citation_works, mendeley_cite_code
from citecheck.inputs.fields_endnote import endnote_works
from citecheck.model import CitationMark, CitedWork, Document, Span
from citecheck.typography import DASHES

_NUMBERS = re.compile(rf"^\d+(?:\s*[{DASHES}]\s*\d+)?(?:\s*[,;]\s*\d+(?:\s*[{DASHES}]\s*\d+)?)*$")
_RANGE = re.compile(rf"\s*[{DASHES}]\s*")
MAX_RANGE = 500  # a printed range wider than this is not read as one


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """A field of the document whose result is in the text: its code, where, and the
    ``w:fldData`` of it and of the fields nested in its code (EndNote's base64 record)."""

    code: str
    span: Span
    data: str = ""


def citation_works(code: str, data: str = "") -> tuple[CitedWork, ...] | None:
    """The works a citation field's code cites, or ``None`` when the code is not a
    citation manager's citation (or cannot be read)."""
    csl = csl_citation(code)
    if csl is not None:
        return csl_citation_works(*csl)
    body = _body(code)
    if body.split(None, 1)[:1] == ["EN.CITE"]:
        return endnote_works(body, data)
    return None


def csl_citation(code: str) -> tuple[str, str] | None:
    """A Zotero or Mendeley citation field's CSL citation (its JSON text, from the first
    ``{`` on) and manager (``zotero``, ``mendeley``, ``csl``); ``None`` for any other field."""
    body = _body(code)
    head = body.split(None, 1)[0] if body else ""
    if head == "ZOTERO_ITEM":
        return body, "zotero"
    if head == "CSL_CITATION":
        return body, "mendeley" if '"mendeley"' in body else "csl"
    if head.startswith("MENDELEY_CITATION_"):
        payload = mendeley_cite_code(head)
        return (payload, "mendeley") if payload else None
    return None


def _body(code: str) -> str:
    """A field's code without Word's ``ADDIN`` (and the ``ITEM`` before a Mendeley tag)."""
    body = code.strip()
    for prefix in ("ADDIN ", "ITEM "):
        if body[: len(prefix)].upper() == prefix:
            body = body[len(prefix) :].lstrip()
    return body


def printed_numbers(result: str) -> tuple[int, ...] | None:
    """The reference numbers a citation's result prints, ranges expanded (``^{1–3,5}`` →
    1, 2, 3, 5; ``[2]–[4]`` → 2, 3, 4); ``None`` when it prints anything else."""
    inner = result.strip()
    if inner.startswith("^{") and inner.endswith("}"):
        inner = inner[2:-1]
    inner = re.sub(r"[\[\]()]", "", inner).strip().strip(",;").strip()
    if not inner or not _NUMBERS.match(inner):
        return None
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", inner):
        first, _, last = _RANGE.sub("-", part).partition("-")
        a, b = int(first), int(last or first)
        if b < a or b - a > MAX_RANGE:
            return None
        numbers.extend(range(a, b + 1))
    return tuple(numbers)


def field_marks(text: str, fields: Sequence[FieldSpan]) -> tuple[CitationMark, ...]:
    """The citation marks the fields make (see the module doc), in document order."""
    marks = []
    for f in fields:
        works = citation_works(f.code, f.data)
        if not works:
            continue
        shown = text[f.span.start : f.span.end]
        numbers = printed_numbers(shown)
        if not numbers or _prints_the_year(numbers, works):
            continue
        marks.append(CitationMark(f.span, shown, numbers, printed_style(shown), works))
    return tuple(marks)


def _prints_the_year(numbers: tuple[int, ...], works: Sequence[CitedWork]) -> bool:
    """An author-date field that suppresses the author prints only the year: "Holsman et
    al. (2012)" with "(2012)" the field's result is no reference number 2012."""
    return len(numbers) == len(works) and all(
        (w.year or "")[:4] == str(n) for n, w in zip(numbers, works, strict=True)
    )


def with_field_marks(document: Document, fields: Sequence[FieldSpan]) -> Document:
    """``document`` with its citation-manager fields as marks (unchanged without any)."""
    marks = field_marks(document.text, fields)
    if not marks:
        return document
    return replace(document, marks=marks, marks_partial=True)


def printed_style(shown: str) -> str:
    """How a field's result prints: ``super``, ``square``, ``paren`` or ``plain``."""
    if shown.startswith("^{"):
        return "super"
    if shown.startswith("["):
        return "square"
    return "paren" if shown.startswith("(") else "plain"
