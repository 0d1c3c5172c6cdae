"""Renumbering a manuscript in first-citation order (ICMJE/Vancouver): pure functions.

:func:`renumber` takes a manuscript's :class:`~citecheck.pipeline.Analysis` and returns the
new text: every in-text citation group whose numbers change is rewritten compactly in its
own marker style (``(5,3,4)`` → ``(3–5)``, ``[4]–[7]`` stays bracket-per-number, superscripts
stay superscripts), and the reference list entries are put in the new order. Each list slot
keeps its marker (a numbered slot gets its new number, a bullet stays a bullet), each entry
keeps its text; everything else in the manuscript is left byte for byte. References never
cited go to the end, in their old relative order. A group whose numbers do not change is
left as written, so a manuscript already in order comes back identical.

Writing files is the CLI's business (``citecheck fix``).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from citecheck.checks.audit import first_citation_order
from citecheck.citations.find import DASHES
from citecheck.errors import CitecheckError
from citecheck.model import Citation, Reference, Span
from citecheck.pipeline import Analysis

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPER = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_DASH_CLASS = "[" + re.escape(DASHES + "⁻") + "]"
_SEPARATOR = re.compile(r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹]\s*([,;]\s*)[\d⁰¹²³⁴⁵⁶⁷⁸⁹]")
_RANGE_DASH = re.compile(rf"[\d⁰¹²³⁴⁵⁶⁷⁸⁹][\])]?\s*({_DASH_CLASS})\s*[\[(]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]")
_SPLIT_JOINER = re.compile(r"\]\s*[,;]?\s*\[")


class CannotRenumber(CitecheckError):
    """The manuscript's numbering is too broken to renumber safely (fix it by hand first)."""


@dataclass(frozen=True)
class GroupStyle:
    """How one citation group is written: delimiters, list separator, range dash."""

    open: str  # "(", "[", "^{", "^", "<sup>", or "" for Unicode superscripts
    close: str
    separator: str = ","  # between items: ",", ", ", ";", "; "
    dash: str = "–"  # in a range
    split: bool = False  # one bracket per item: "[4]–[7]", "[1], [2]"
    joiner: str = ", "  # between the brackets of a split group
    superscript: bool = False  # Unicode superscript digits


@dataclass(frozen=True)
class Renumbering:
    """The outcome: the new text and what changed."""

    text: str
    mapping: Mapping[int, int]  # old number → new number, for every reference
    uncited: tuple[int, ...]  # old numbers of references never cited (now at the end)
    citations_rewritten: int
    entries_moved: int

    @property
    def changed(self) -> bool:
        return any(old != new for old, new in self.mapping.items())


# --- the new order ---------------------------------------------------------------------------


def new_numbers(
    citations: Sequence[Citation], references: Sequence[Reference]
) -> tuple[dict[int, int], tuple[int, ...]]:
    """Old → new numbers in order of first citation, and the uncited old numbers (which
    follow the cited ones in their old relative order)."""
    listed = [r.number for r in references if r.number is not None]
    order = first_citation_order(citations, set(listed))
    cited = set(order)
    uncited = tuple(n for n in listed if n not in cited)
    return {old: i + 1 for i, old in enumerate([*order, *uncited])}, uncited


def check_renumberable(citations: Sequence[Citation], references: Sequence[Reference]) -> None:
    """Raise :class:`CannotRenumber` when the mapping would not be one to one."""
    if not references:
        raise CannotRenumber("the reference list is empty; nothing to renumber")
    numbers = [r.number for r in references]
    if None in numbers:
        raise CannotRenumber("some reference entries have no number; cannot renumber")
    repeated = sorted(n for n, k in Counter(numbers).items() if k > 1 and n is not None)
    if repeated:
        shown = ", ".join(map(str, repeated))
        raise CannotRenumber(f"reference numbers used twice in the list ({shown}); fix them first")
    known = set(numbers)
    for c in citations:
        missing = sorted({n for n in c.refs if n not in known})
        if missing:
            raise CannotRenumber(
                f"citation {c.text!r} cites {', '.join(map(str, missing))}, which is not in "
                "the reference list (CIT001); fix it first"
            )
        if any(lo > hi for lo, hi in c.ranges):
            raise CannotRenumber(f"citation {c.text!r} has a reversed range (CIT004); fix it first")


# --- writing one citation group --------------------------------------------------------------


def compact_items(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted unique numbers as items: runs of three or more become a range, two
    consecutive numbers stay a list (Vancouver: ``(3,4)``, ``(3–5)``)."""
    nums = sorted(set(numbers))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            out.append((nums[i], nums[j]))
        else:
            out.extend((n, n) for n in nums[i : j + 1])
        i = j + 1
    return out


def manuscript_defaults(citations: Sequence[Citation]) -> tuple[str, str, str]:
    """The separator, range dash and split-group joiner the manuscript uses most."""
    seps: Counter[str] = Counter()
    dashes: Counter[str] = Counter()
    joiners: Counter[str] = Counter()
    for c in citations:
        inner = _SPLIT_JOINER.sub("", c.text) if _is_split(c.text) else c.text
        seps.update(m.group(1) for m in _SEPARATOR.finditer(inner))
        dashes.update(m.group(1) for m in _RANGE_DASH.finditer(c.text) if m.group(1) != "⁻")
        if _is_split(c.text):
            joiners.update(_split_joiners(c.text))
    return (
        seps.most_common(1)[0][0] if seps else ",",
        dashes.most_common(1)[0][0] if dashes else "–",
        joiners.most_common(1)[0][0] if joiners else ", ",
    )


def _is_split(text: str) -> bool:
    return text.startswith(("[", "(")) and bool(re.search(r"[\])]\s*\S{0,2}\s*[\[(]", text))


def _split_joiners(text: str) -> list[str]:
    return [
        m.group(0)[1:-1]
        for m in re.finditer(r"[\])]\s*[,;]?\s*[\[(]", text)
        if not re.search(_DASH_CLASS, m.group(0))
    ]


def group_style(text: str, defaults: tuple[str, str, str] = (",", "–", ", ")) -> GroupStyle:
    """How ``text`` (one citation group as written) is written, falling back on the
    manuscript's ``defaults`` (separator, dash, joiner) for what it does not show."""
    sep_default, dash_default, joiner_default = defaults
    if text[:1] in SUPERSCRIPT_DIGITS:
        dash = "–" if "–" in text else "⁻"
        return GroupStyle("", "", ",", dash, superscript=True)
    for open_, close in (("^{", "}"), ("<sup>", "</sup>"), ("^", "^"), ("(", ")"), ("[", "]")):
        if text.startswith(open_) and text.endswith(close):
            break
    else:
        open_, close = text[:1], text[-1:]
    split = open_ in ("(", "[") and _is_split(text)
    if open_ in ("(", "[") and not split:
        # Words the group carries stay as written: "(ref. 12)", "(12 and refs therein)".
        lead = re.match(r".[^\d]*", text)
        tail = re.search(r"\D*$", text)
        open_ += lead.group(0)[1:] if lead else ""
        close = tail.group(0) if tail else close
    inner = _SPLIT_JOINER.sub("", text) if split else text
    sep_written = _SEPARATOR.search(inner)
    dash_written = _RANGE_DASH.search(text)
    joiners = _split_joiners(text) if split else []
    return GroupStyle(
        open_,
        close,
        sep_written.group(1) if sep_written else sep_default,
        dash_written.group(1) if dash_written else dash_default,
        split,
        joiners[0] if joiners else joiner_default,
    )


def format_group(numbers: Iterable[int], style: GroupStyle) -> str:
    """The citation group for ``numbers`` in ``style``, compact and ascending."""

    def num(n: int) -> str:
        return str(n).translate(_TO_SUPER) if style.superscript else str(n)

    items = compact_items(numbers)
    if style.split:
        mark = [
            f"{style.open}{num(lo)}{style.close}"
            if lo == hi
            else f"{style.open}{num(lo)}{style.close}{style.dash}{style.open}{num(hi)}{style.close}"
            for lo, hi in items
        ]
        return style.joiner.join(mark)
    body = style.separator.join(
        num(lo) if lo == hi else f"{num(lo)}{style.dash}{num(hi)}" for lo, hi in items
    )
    return f"{style.open}{body}{style.close}"


# --- the whole text --------------------------------------------------------------------------


def citation_edits(
    citations: Sequence[Citation], mapping: Mapping[int, int]
) -> list[tuple[Span, str]]:
    """A replacement for every group whose numbers change."""
    defaults = manuscript_defaults(citations)
    edits = []
    for c in citations:
        numbers = [n for n in c.refs if isinstance(n, int)]
        if len(numbers) != len(c.refs) or all(mapping.get(n, n) == n for n in numbers):
            continue  # cited by key (nothing to renumber), or unchanged
        new = [mapping.get(n, n) for n in numbers]
        edits.append((c.span, format_group(new, group_style(c.text, defaults))))
    return edits


def reference_list_edits(
    text: str, references: Sequence[Reference], mapping: Mapping[int, int]
) -> list[tuple[Span, str]]:
    """Each list slot gets the entry that now belongs there; a numbered slot's marker gets
    its new number. Slots are the entries' positions in the list."""
    new_order = sorted(references, key=lambda r: mapping[r.number or 0])
    edits: list[tuple[Span, str]] = []
    for position, (slot, entry) in enumerate(zip(references, new_order, strict=True), start=1):
        if not slot.number_inferred:
            marker = _marker_number_span(text, slot)
            if marker is not None and text[marker.start : marker.end] != str(position):
                edits.append((marker, str(position)))
        if entry is not slot:
            edits.append((slot.span, text[entry.span.start : entry.span.end]))
    return edits


def _marker_number_span(text: str, ref: Reference) -> Span | None:
    """Where the printed number of ``ref``'s list marker lies ("12." / "[12]" / "12)")."""
    line_start = text.rfind("\n", 0, ref.span.start) + 1
    m = re.match(r"[ \t]*\[?(\d{1,4})", text[line_start : ref.span.start])
    if m is None or (ref.number is not None and int(m.group(1)) != ref.number):
        return None
    return Span(line_start + m.start(1), line_start + m.end(1))


def apply_edits(text: str, edits: Iterable[tuple[Span, str]]) -> str:
    """``text`` with non-overlapping span replacements applied."""
    out, pos = [], 0
    for span, new in sorted(edits, key=lambda e: e[0].start):
        if span.start < pos:
            raise ValueError(f"overlapping edits at {span.start}")
        out.append(text[pos : span.start])
        out.append(new)
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


def renumber(analysis: Analysis) -> Renumbering:
    """The manuscript renumbered in first-citation order. Raises :class:`CannotRenumber`."""
    text, citations, references = (
        analysis.document.text,
        analysis.citations,
        analysis.references,
    )
    check_renumberable(citations, references)
    mapping, uncited = new_numbers(citations, references)
    cit_edits = citation_edits(citations, mapping)
    list_edits = reference_list_edits(text, references, mapping)
    moved = sum(1 for r in references if mapping[r.number or 0] != r.number)
    return Renumbering(
        apply_edits(text, [*cit_edits, *list_edits]), mapping, uncited, len(cit_edits), moved
    )


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of two texts (empty when they are equal)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), old_name, new_name
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


__all__ = [
    "CannotRenumber",
    "GroupStyle",
    "Renumbering",
    "format_group",
    "group_style",
    "new_numbers",
    "renumber",
    "unified_diff",
]
