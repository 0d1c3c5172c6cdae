"""Bibliography files appended after a manuscript's text: each .bib (bibtexparser), CSL-JSON
or CSL-YAML file read, its text appended with an :class:`~citecheck.model.Origin` (so an
entry's finding points at its line in its file), its entries keyed. A key in two files is
REF002 (the first is used); a file that cannot be read is SRC001 at the place that named it.
Shared by the LaTeX and pandoc readers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from citecheck.bibliography.bibfile import BibReading, references_from_bibtex
from citecheck.bibliography.csl import read_csl
from citecheck.errors import InputError
from citecheck.inputs.sidefiles import MAX_SIDE_FILES, outside, read_side_file, shown
from citecheck.model import Finding, Origin, Reference, Span
from citecheck.rules import finding

CSL_SUFFIXES = (".json", ".yaml", ".yml")
BIBTEX_SUFFIXES = (".bib", ".bibtex", ".biblatex")


@dataclass(frozen=True)
class Appended:
    """Bibliography files as text to append, with where each starts, their entries (the
    first of each key) and the findings about them."""

    text: str = ""
    origins: tuple[Origin, ...] = ()
    references: tuple[Reference, ...] = ()
    problems: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Named:
    """A bibliography file and where the manuscript names it (for a finding about it)."""

    path: Path
    span: Span
    by: str  # how it was named, e.g. "\\bibliography{refs}", "bibliography: refs.bib"
    root: Path | None = None  # the manuscript's project: a file outside it is not read


def append_bibliographies(
    start: int, files: Sequence[Named], known: Sequence[Reference] = ()
) -> Appended:
    """``files`` read and appended after a text of length ``start``; ``known`` are entries
    already defined (inline ``references:``), which a file's entry of the same key does
    not replace."""
    pieces: list[str] = []
    origins: list[Origin] = []
    problems: list[Finding] = []
    refs: dict[str, Reference] = {}
    where = {str(r.key): "the front matter" for r in known}
    length = start
    seen: set[Path] = set()
    for named in files:
        resolved = named.path.resolve()
        if resolved in seen or len(seen) >= MAX_SIDE_FILES:
            continue
        seen.add(resolved)
        name = shown(named.path)
        try:
            if named.root is not None and outside(named.path, named.root):
                raise InputError(f"is outside the manuscript's project ({named.root})")
            text = read_side_file(named.path)
            if named.path.suffix.lower() not in (*CSL_SUFFIXES, *BIBTEX_SUFFIXES):
                raise InputError("not a bibliography format citecheck reads (.bib, CSL JSON/YAML)")
        except InputError as exc:
            problems.append(
                finding(
                    "SRC001",
                    f"'{_one_line(named.by)}': {name}: {exc}; its entries are not checked",
                    named.span,
                    evidence={"file": name, "reason": str(exc)},
                )
            )
            continue
        pieces.append("\n\n")
        length += 2
        origins.append(Origin(length, name, 1, 1))
        reading = _read(text, name, length)
        problems.extend(reading.problems)
        for ref in reading.references:
            key = str(ref.key)
            if key in where:
                problems.append(_defined_twice(key, where[key], name, ref.span))
                continue
            refs[key] = ref
            where[key] = name
        pieces.append(text)
        length += len(text)
    return Appended("".join(pieces), tuple(origins), tuple(refs.values()), tuple(problems))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _read(text: str, name: str, offset: int) -> BibReading:
    if name.lower().endswith(CSL_SUFFIXES):
        return read_csl(text, name, offset)
    return references_from_bibtex(text, name, offset)


def _defined_twice(key: str, first: str, again: str, span: Span) -> Finding:
    return finding(
        "REF002",
        f"the key {key!r} is defined in {first} and again in {again}; the first is used",
        span,
        (key,),
        {"key": key},
    )
