"""The numbering audit: citations against the reference list, as a copy editor would.

Each check is a small pure function returning findings; :func:`audit` runs them all.
Rules: CIT001–CIT005 (in-text citations) here; REF001–REF007 (the reference list itself)
in :mod:`citecheck.checks.references`.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.checks.narrative import check_narrative_authors, fold_name
from citecheck.checks.quoting import quoted as _quoted
from citecheck.checks.references import (
    DUPLICATE_TITLE_THRESHOLD,
    check_duplicates,
    check_essential_fields,
    check_identifiers,
    check_list_numbering,
    check_unparsed,
)
from citecheck.citations.ranges import compact_numbers
from citecheck.model import Block, Citation, Finding, Reference, Severity, Span, key_order
from citecheck.rules import finding
from citecheck.typography import DASHES

_DASH = re.escape(DASHES)


# The author-date styles whose rules CIT009-CIT011 apply (checks/adstyle.py defines them);
# named here so that the options and the command line know them without importing the
# author-date stack at start-up.
CITATION_STYLES = ("apa", "apa6", "harvard", "chicago")
DEFAULT_STYLE = "apa"


@dataclass(frozen=True)
class AuditOptions:
    """The audit's tunable thresholds (``[tool.citecheck]`` can set them)."""

    duplicate_title_threshold: float = DUPLICATE_TITLE_THRESHOLD  # REF003, 0-100
    citation_style: str = DEFAULT_STYLE  # CIT009-CIT011: one of CITATION_STYLES


def check_undefined(citations: Sequence[Citation], refs: Sequence[Reference]) -> list[Finding]:
    """CIT001: a citation names a reference (number or key) that is not in the list."""
    known = {r.key for r in refs}
    out = []
    numbers = [r.number for r in refs if r.number is not None]
    listed = f" (1–{max(numbers) if numbers else 0})" if len(numbers) == len(refs) else ""
    for c in citations:
        unknown = {n for n in c.refs if n not in known}
        if unknown:
            missing = sorted(unknown, key=key_order)
            out.append(
                finding(
                    "CIT001",
                    f"citation {_quoted(c.text)} cites reference {compact_numbers(missing)}, "
                    f"which is not in the reference list{listed}",
                    c.span,
                    tuple(missing),
                    {"citation": c.text},
                )
            )
    return out


def check_uncited(citations: Sequence[Citation], refs: Sequence[Reference]) -> list[Finding]:
    """CIT002: a reference that no citation points to."""
    cited = {n for c in citations for n in c.refs}
    return [
        finding(
            "CIT002",
            f"reference {r.key} is never cited in the text: {short_description(r)}",
            r.span,
            (r.key,),
        )
        for r in refs
        if r.key not in cited
    ]


def short_description(r: Reference) -> str:
    who = r.authors[0].family if r.authors else ""
    what = r.title or r.raw
    text = f"{who} {r.year or ''}: {what}" if who else what
    return text if len(text) <= 80 else text[:77] + "…"


def first_citation_order(citations: Sequence[Citation], known: set[int]) -> list[int]:
    """Reference numbers in the order of their first citation (within a group, ascending)."""
    seen: dict[int, None] = {}
    for c in citations:
        for n in sorted(set(c.refs)):
            if n in known and n not in seen:
                seen[n] = None
    return list(seen)


def _is_alphabetical(refs: Sequence[Reference]) -> bool:
    """Most entries have authors, and their first authors are in order (folded as they are
    needed: a numbered list is out of order within a few names), but for one in 15 or so: a
    publisher files "Van Rossum" under V, which the folded family name "rossum" is not."""
    authored = [r for r in refs if r.authors]
    if len(authored) < 3 or len(authored) < len(refs) * 0.8:
        return False
    names = (fold_name(r.authors[0].family) for r in authored)
    descents = sum(1 for a, b in itertools.pairwise(names) if a > b)
    return descents <= len(authored) // 15


def order_violations(order: Sequence[int]) -> list[int]:
    """References first cited before some lower-numbered reference is (sorted)."""
    late = []
    lowest_after = None
    for n in reversed(order):
        if lowest_after is not None and lowest_after < n:
            late.append(n)
        lowest_after = n if lowest_after is None else min(lowest_after, n)
    return sorted(late)


def check_order(
    citations: Sequence[Citation], refs: Sequence[Reference], floats: Sequence[Span] = ()
) -> list[Finding]:
    """CIT003: Vancouver numbers references in order of first citation.

    Reports the first citation that introduces a number out of sequence, and the renumbering
    (old → new) that would put the list in first-citation order. Lists sorted by author and
    lists cited in strictly descending order follow other conventions and are not flagged.
    Citations in ``floats`` (figure legends, tables) are left out: a reference cited there
    is numbered where the text first calls the figure or table (ICMJE), and a publisher sets
    the figure wherever the page allows.
    """
    if floats:
        citations = [c for c in citations if not _inside(c.span, floats)]
    known = {r.number for r in refs if r.number is not None}
    order = first_citation_order(citations, known)
    if len(order) < 2 or _is_alphabetical(refs):
        return []
    if all(a > b for a, b in itertools.pairwise(order)):
        return []  # reverse-appearance convention
    pending = sorted(order)  # only cited numbers count: an uncited one is CIT002's business
    expected_next = pending[0]
    seen: set[int] = set()
    for c in citations:
        new = sorted({n for n in c.refs if n in known and n not in seen})
        for n in new:
            if n != expected_next and n > expected_next:
                mapping = {old: i + 1 for i, old in enumerate(order)}
                moved = {o: m for o, m in mapping.items() if o != m}
                shown = ", ".join(f"{o}→{m}" for o, m in list(moved.items())[:12])
                more = f" (and {len(moved) - 12} more)" if len(moved) > 12 else ""
                late = order_violations(order)
                return [
                    finding(
                        "CIT003",
                        "references are not numbered in order of first citation: "
                        f"{_quoted(c.text)} "
                        f"cites {n} before {expected_next} has been cited "
                        f"({len(late)} reference{'s' if len(late) != 1 else ''} first cited "
                        f"before a lower-numbered one: {compact_numbers(late)}); "
                        f"renumbering {shown}{more} would fix it",
                        c.span,
                        tuple(late),
                        {
                            "expected": str(expected_next),
                            "found": str(n),
                            "renumbering": ",".join(f"{o}:{m}" for o, m in moved.items()),
                        },
                    )
                ]
            seen.add(n)
            while pending and pending[0] in seen:
                pending.pop(0)
            expected_next = pending[0] if pending else expected_next
    return []


def _inside(span: Span, spans: Sequence[Span]) -> bool:
    """Whether ``span`` starts in one of ``spans`` (sorted by start)."""
    i = bisect_right([s.start for s in spans], span.start) - 1
    return i >= 0 and span.start < spans[i].end


def float_spans(blocks: Sequence[Block]) -> tuple[Span, ...]:
    """Where figure legends and table rows stand, in order."""
    return tuple(sorted((b.span for b in blocks if b.kind in _FLOATS), key=lambda s: s.start))


_FLOATS = frozenset({"caption", "table-row"})


def check_ranges(citations: Sequence[Citation]) -> list[Finding]:
    """CIT004: a reversed range (11–9), or a range of two numbers that should be a list."""
    out = []
    for c in citations:
        for lo, hi in c.ranges:
            if lo > hi:
                out.append(
                    finding(
                        "CIT004",
                        f"citation {_quoted(c.text)} has a reversed range {lo}–{hi}; not linked",
                        c.span,
                        (lo, hi),
                        {"range": f"{lo}-{hi}"},
                    )
                )
            elif hi == lo + 1 and _written_as_range(c.text):
                out.append(
                    finding(
                        "CIT004",
                        f"citation {_quoted(c.text)} writes two consecutive references "
                        f"{lo}–{hi} as a "
                        f"range; Vancouver style lists them ({lo},{hi})",
                        c.span,
                        (lo, hi),
                        {"range": f"{lo}-{hi}"},
                        severity=Severity.INFO,
                    )
                )
    return out


def _written_as_range(text: str) -> bool:
    return bool(re.search(rf"\d\s*[{_DASH}⁻]\s*\d", text.translate(_SUPER_DIGITS)))


_SUPER_DIGITS = {ord(c): str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


def audit(
    text: str,
    citations: Sequence[Citation],
    refs: Sequence[Reference],
    options: AuditOptions = AuditOptions(),
    nocite: Sequence[str] = (),
    blocks: Sequence[Block] = (),
) -> tuple[Finding, ...]:
    """Every numbering and list check, in a stable order (by position, then rule); no
    reference is reported uncited when ``nocite`` holds "*" (the list is printed whole);
    the order of first citation is read outside the figure legends and tables of ``blocks``."""
    findings = [
        *check_undefined(citations, refs),
        *(check_uncited(citations, refs) if "*" not in nocite else ()),
        *check_order(citations, refs, float_spans(blocks)),
        *check_ranges(citations),
        *check_narrative_authors(text, citations, refs),
        *check_unparsed(refs),
        *check_list_numbering(refs),
        *check_duplicates(refs, options.duplicate_title_threshold),
        *check_essential_fields(refs),
        *check_identifiers(refs),
    ]
    return tuple(sorted(findings, key=finding_sort_key))


def finding_sort_key(f: Finding) -> tuple[int, str, tuple[tuple[int, int, str], ...], str]:
    return (f.span.start if f.span else -1, f.rule, tuple(map(key_order, f.refs)), f.message)
