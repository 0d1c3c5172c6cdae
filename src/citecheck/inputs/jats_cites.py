"""JATS ``<xref ref-type="bibr">`` elements into citation marks, and what is wrong with them.

A citation group is a run of bibliographic xrefs with nothing but separators between them in
the text — commas, semicolons, dashes, brackets, spaces (``[1],[2]``, ``[6], [7]``,
``[<xref>1</xref>–<xref>3</xref>]``, ``<xref>[2]</xref>–<xref>[4]</xref>``) — widened to the
brackets or superscript around it. Two xrefs with a dash between them are a range: the
references numbered between them are cited too. ``rid`` may name several ids; one xref that
prints a range or a list but links only its first work (``<xref rid="c11">11-15</xref>``,
Taylor & Francis) cites every number it prints.

Findings (:mod:`citecheck.rules`): JATS001 an xref whose ``rid`` names no ``<ref>`` (or
that has none); JATS002 an xref whose printed number is not the label of the ``<ref>`` it
links to; REF003 for references sharing an identifier that the audit's title comparison
cannot see (:func:`same_identifiers`). A reference never pointed to, labels out of
first-citation order and references cited but absent are the numbered audit's (CIT002,
CIT003, CIT001) once the marks are made.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from citecheck.inputs.jats_inline import XrefAt
from citecheck.model import CitationMark, Finding, Reference, RefKey, Span
from citecheck.rules import finding
from citecheck.typography import DASHES

_SEPARATORS = re.compile(rf"^(?:[\s,;\[\]()]|[{re.escape(DASHES)}]|\^\{{|\}})*$")
_DASH = re.compile(rf"[{re.escape(DASHES)}]")
_CLOSE_OPEN = re.compile(r"\]\s*\(|\)\s*\[")  # "[1] (2)": a bracket closed, another kind opened
BIBR = ("bibr", "ref", "")  # ref-types of xrefs that may cite (see _bibliographic)
_NUMBER = re.compile(r"^\s*[\[(]?\s*(\d{1,5})\s*[\])]?\s*$")
# one xref printing a range or a list, its rid the first work's (Taylor & Francis:
# <xref rid="cit0011"><sup>11-15</sup></xref>)
_PRINTED_RANGE = re.compile(
    rf"\s*(?:\^\{{)?\s*(\d{{1,5}})\s*(?:[{re.escape(DASHES)}-]\s*(\d{{1,5}})"
    r"|((?:\s*,\s*\d{1,5})+))\s*\}?\s*$"
)
_WIDEST_RANGE = 50


@dataclass(frozen=True, slots=True)
class Target:
    """What an id names: the reference's key and, in a numbered list, its number."""

    key: RefKey
    number: int | None


def citation_marks(
    text: str, xrefs: Sequence[XrefAt], targets: Mapping[str, Target], numbers: Sequence[int]
) -> tuple[tuple[CitationMark, ...], tuple[Finding, ...]]:
    """The marks the bibliographic xrefs make (in text order) and the JATS findings. With no
    ``targets`` (an excerpt without its reference list) the xrefs' printed numbers are taken,
    and nothing is said about their links."""
    bibr = sorted((x for x in xrefs if _bibliographic(x, targets)), key=lambda x: x.span)
    findings: list[Finding] = []
    resolved = [_resolve(text, x, targets, findings, bool(numbers)) for x in bibr]
    if not targets:
        findings = []
    marks = []
    known = sorted(set(numbers))
    resolved = [
        _printed_range(text, x, keys, known) for x, keys in zip(bibr, resolved, strict=True)
    ]
    for group in _groups(text, bibr):
        span = _widen(text, Span(bibr[group[0]].span.start, bibr[group[-1]].span.end))
        keys: list[RefKey] = []
        for j, i in enumerate(group):
            if j and _DASH.search(text[bibr[group[j - 1]].span.end : bibr[i].span.start]):
                keys += _between(keys, resolved[i], known)
            keys += resolved[i]
        unique = tuple(dict.fromkeys(keys))
        marks.append(CitationMark(span, text[span.start : span.end], unique, _style(text, span)))
    return tuple(marks), tuple(findings)


def cross_reference_masks(
    text: str, xrefs: Sequence[XrefAt], targets: Mapping[str, Target]
) -> list[Span]:
    """Where the other xrefs (to figures, tables, equations, footnotes) stand, with their
    brackets or superscript: an equation's ``(3)`` or a table footnote's ``^{1}`` is no
    citation, and the text finder is not to take it for an untagged one."""
    return [_widen(text, x.span) for x in xrefs if x.span and not _bibliographic(x, targets)]


def _bibliographic(x: XrefAt, targets: Mapping[str, Target]) -> bool:
    """A citation xref: ``ref-type="bibr"``, or one of no type (or the non-standard "ref")
    whose ids all name references."""
    if x.ref_type == "bibr":
        return True
    return x.ref_type in BIBR and bool(x.rids) and all(rid in targets for rid in x.rids)


def _resolve(
    text: str, x: XrefAt, targets: Mapping[str, Target], findings: list[Finding], numbered: bool
) -> list[RefKey]:
    """The keys one xref names; an unknown id falls back on the number it prints (in a
    numbered list)."""
    shown = text[x.span.start : x.span.end]
    keys: list[RefKey] = []
    missing = [rid for rid in x.rids if rid not in targets]
    for rid in x.rids:
        if rid in targets:
            keys.append(targets[rid].key)
    printed = _NUMBER.match(shown) if numbered or not targets else None
    if missing or not x.rids:
        fallback = int(printed.group(1)) if printed else None
        named = ", ".join(repr(r) for r in missing) or "no id"
        taken = f"; its printed number {fallback} is taken" if fallback is not None else ""
        findings.append(
            finding(
                "JATS001",
                f"citation {shown!r} links to {named} (<xref rid>), which names no <ref> of "
                f"the reference list{taken}",
                x.span,
                (fallback,) if fallback is not None else (),
                {"rid": " ".join(x.rids), "xref": f"line {x.line}, column {x.column + 1}"},
            )
        )
        if fallback is not None and not keys:
            keys.append(fallback)
    elif printed and len(x.rids) == 1:
        target = targets[x.rids[0]]
        number = int(printed.group(1))
        if target.number is not None and number != target.number and not _a_year(number, target):
            findings.append(
                finding(
                    "JATS002",
                    f"citation {shown!r} prints {printed.group(1)} but links to reference "
                    f"{target.number} ({x.rids[0]!r})",
                    x.span,
                    (target.number,),
                    {"printed": printed.group(1), "rid": x.rids[0]},
                )
            )
    return keys


def _a_year(printed: int, target: Target) -> bool:
    """A year printed as the tag of a numbered entry ("(President's Council on Bioethics
    2003, <xref>2004</xref>)", PLOS Biology 2004): the name and year cite it, not a label."""
    return 1800 <= printed <= 2099 and target.number is not None and target.number < 1800


def _printed_range(text: str, x: XrefAt, keys: list[RefKey], known: list[int]) -> list[RefKey]:
    """``keys`` with the other numbers one xref prints when it links only the first
    (``<xref rid="cit0011">11-15</xref>`` cites 11 to 15, ``7,9`` cites 7 and 9)."""
    if len(keys) != 1 or not isinstance(keys[0], int) or not known:
        return keys
    m = _PRINTED_RANGE.match(text, x.span.start, x.span.end)
    if m is None or int(m.group(1)) != keys[0]:
        return keys
    if m.group(2):
        last = int(m.group(2))
        if not 0 < last - keys[0] <= _WIDEST_RANGE:
            return keys
        return [*keys, *known[bisect_right(known, keys[0]) : bisect_right(known, last)]]
    more = [int(n) for n in re.findall(r"\d+", m.group(3))]
    return [*keys, *(n for n in more if n in set(known))]


def _groups(text: str, xrefs: Sequence[XrefAt]) -> list[list[int]]:
    """Indices of the xrefs, grouped: each next one joins when only separators lie between."""
    groups: list[list[int]] = []
    for i, x in enumerate(xrefs):
        if groups:
            before = xrefs[groups[-1][-1]]
            between = text[before.span.end : x.span.start]
            if (
                before.span.end <= x.span.start
                and _SEPARATORS.match(between)
                and "\n" not in between
                and not _CLOSE_OPEN.search(between)
            ):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def _between(keys: list[RefKey], nxt: list[RefKey], known: list[int]) -> list[RefKey]:
    """The numbers a dash between two xrefs stands for (``[2]–[4]`` cites 3 too)."""
    if not keys or not nxt:
        return []
    lo, hi = keys[-1], nxt[0]
    if not isinstance(lo, int) or not isinstance(hi, int) or hi - lo < 2:
        return []
    return list(known[bisect_right(known, lo) : bisect_left(known, hi)])


def _widen(text: str, span: Span) -> Span:
    """The group with the brackets, parentheses or superscript that enclose it (spaces
    inside them allowed: ``[ 1 ]`` as an indented file prints)."""
    start, end = span.start, span.end
    before, after = start, end
    while before > 0 and text[before - 1] == " ":
        before -= 1
    while after < len(text) and text[after] == " ":
        after += 1
    if text[before - 2 : before] == "^{" and text[after : after + 1] == "}":
        return Span(before - 2, after + 1)
    pairs = {"[": "]", "(": ")"}
    opening = text[before - 1 : before] if before else ""
    if opening in pairs and text[after : after + 1] == pairs[opening]:
        return Span(before - 1, after + 1)
    return span


def _style(text: str, span: Span) -> str:
    shown = text[span.start : span.end]
    if shown.startswith("^{"):
        return "super"
    if shown.startswith("["):
        return "square"
    if shown.startswith("("):
        return "paren"
    before = text[span.start - 1 : span.start]
    if shown[:1].isdigit() and (before.isalpha() or before in ".,;:)"):
        return "super"  # "scale<xref>9</xref>": set against the word, a superscript in print
    return "plain"


_TITLED = 15  # the duplicate check of the audit compares titles at least this long


def same_identifiers(references: Sequence[Reference]) -> tuple[Finding, ...]:
    """REF003 for two references that carry the same DOI, PMID or PMCID when one of them has
    no title the audit's duplicate check could compare (an untitled data set, a report given
    only by its identifier); pairs with titles are that check's."""
    seen: dict[tuple[str, str], Reference] = {}
    out: list[Finding] = []
    reported: set[tuple[RefKey, RefKey]] = set()
    for ref in references:
        for kind in ("doi", "pmid", "pmcid"):
            value = getattr(ref, kind)
            if not value:
                continue
            first = seen.setdefault((kind, value.lower()), ref)
            pair = (first.key, ref.key)
            titled = all(len(r.title or "") >= _TITLED for r in (first, ref))
            if first is ref or titled or pair in reported:
                continue
            reported.add(pair)
            out.append(
                finding(
                    "REF003",
                    f"references {first.key} and {ref.key} carry the same {kind.upper()} {value}",
                    ref.spans.get(kind, ref.span),
                    pair,
                    {kind: value},
                )
            )
    return tuple(out)
