"""Where a LaTeX manuscript's bibliography is and what it holds: a typed
``thebibliography`` (each ``\\bibitem[label]{key}`` read by the reference parser, numbered
by its order), a list pandoc's citeproc printed (:mod:`~citecheck.inputs.latex_citeproc`),
or the .bib files ``\\bibliography{a,b}`` and ``\\addbibresource{x.bib}``
name, read with bibtexparser and appended after the text, each with an origin so that
findings about an entry point at its line in its file."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from citecheck.bibliography.latex_text import plain_from_latex
from citecheck.bibliography.parse import parse_reference
from citecheck.inputs.bibfiles import Named, append_bibliographies
from citecheck.inputs.latex_citeproc import citeproc_entries
from citecheck.inputs.latex_scan import Braces, Regions, arguments
from citecheck.inputs.sidefiles import find_side_file, project_root
from citecheck.model import Finding, Origin, Reference, ReferenceSection, Span

_BEGIN = re.compile(r"(?<!\\)\\begin\s*\{thebibliography\}")
_END = re.compile(r"(?<!\\)\\end\s*\{thebibliography\}")
_BIBITEM = re.compile(r"(?<!\\)\\bibitem(?![A-Za-z])")
_BIB_COMMAND = re.compile(
    r"(?<!\\)\\(?P<name>bibliography|addbibresource|addglobalbib|addsectionbib)(?![A-Za-z])"
)
_PRINTED_AT = re.compile(r"(?<!\\)\\(?:printbibliography|bibliography)(?![A-Za-z])")
_END_DOCUMENT = re.compile(r"(?<!\\)\\end\s*\{document\}")
# what naturemag/apsrev write around each field of a typed entry, printing only its value:
# ``\bibinfo{author}{Murdock, B.~B.}``, ``\bibfield{author}{…}``, ``\bibnamefont{Smith}``
_FIELD_TAGS = re.compile(
    r"\\(?:bibinfo|bibfield)\s*\{[^{}]*\}|\\(?:bibnamefont|bibfnamefont|BibitemOpen)(?![A-Za-z])"
    r"|\\BibitemShut\s*\{[^{}]*\}"
)


@dataclass(frozen=True)
class LatexBibliography:
    """A LaTeX manuscript's bibliography: its entries (``None``: the manuscript names
    none), where it is printed, the text of its .bib files to append after the manuscript's
    (with their origins and masked region) and the findings about its files. ``printed``:
    the entries are pandoc's citeproc output, cited by printed text, not by key."""

    references: tuple[Reference, ...] | None = None
    section: ReferenceSection | None = None
    appended: str = ""
    origins: tuple[Origin, ...] = ()
    problems: tuple[Finding, ...] = ()
    printed: bool = False


def read_bibliography(text: str, path: str, masked: Regions, braces: Braces) -> LatexBibliography:
    """The bibliography of the LaTeX ``text`` (its main file at ``path``); ``masked``: the
    regions that are not source (comments, verbatim), the preamble not among them."""
    typed = thebibliography(text, masked, braces)
    if typed is not None:
        return typed
    files = bib_files(text, path, masked, braces)
    if files.references is None:
        citeproc = citeproc_entries(text, masked)
        if citeproc is not None:
            return LatexBibliography(*citeproc, printed=True)
    return files


def thebibliography(text: str, masked: Regions, braces: Braces) -> LatexBibliography | None:
    """The typed ``thebibliography`` environment's entries, numbered by their order."""
    begin = next((m for m in _BEGIN.finditer(text) if not masked.covers(m.start())), None)
    if begin is None:
        return None
    _, body_start = arguments(text, begin.end(), "m", braces)
    end = _END.search(text, body_start)
    body_end = end.start() if end else len(text)
    items = [
        m for m in _BIBITEM.finditer(text, body_start, body_end) if not masked.covers(m.start())
    ]
    refs = []
    for i, m in enumerate(items):
        args, key_end = arguments(text, m.end(), "om", braces)
        key = (args[1] or "").strip()
        entry_end = items[i + 1].start() if i + 1 < len(items) else body_end
        raw = text[key_end:entry_end].strip()
        start = text.find(raw, key_end, entry_end) if raw else key_end
        span = Span(m.start(), start + len(raw))
        ref = parse_reference(plain_from_latex(_FIELD_TAGS.sub("", raw)), number=i + 1)
        refs.append(
            replace(ref, raw=raw, span=span, spans={}, citekey=key or None, number_inferred=True)
        )
    heading = Span(begin.start(), body_start)
    section = ReferenceSection("References", heading, Span(body_start, body_end))
    return LatexBibliography(tuple(refs), section)


def bib_files(text: str, path: str, masked: Regions, braces: Braces) -> LatexBibliography:
    """The entries of the .bib files the manuscript names, appended after ``text``."""
    commands = [m for m in _BIB_COMMAND.finditer(text) if not masked.covers(m.start())]
    if not commands:
        return LatexBibliography()
    main = Path(path).parent
    root = project_root(main)
    named = []
    for m in commands:
        args, end = arguments(text, m.end(), "om", braces)
        suffixes = (".bib",) if m.group("name") == "bibliography" else ()
        for name in (n.strip() for n in (args[-1] or "").split(",")):
            if name:
                file = find_side_file(name, [main], suffixes)
                named.append(Named(file, Span(m.start(), end), text[m.start() : end], root))
    appended = append_bibliographies(len(text), named)
    printed = [m for m in _PRINTED_AT.finditer(text) if not masked.covers(m.start())]
    at = printed[-1].start() if printed else _body_end(text, masked)
    body = Span(len(text), len(text) + len(appended.text))
    return LatexBibliography(
        appended.references,
        ReferenceSection("Bibliography", Span(at, at), body),
        appended.text,
        appended.origins,
        appended.problems,
    )


def _body_end(text: str, masked: Regions) -> int:
    ends = [m for m in _END_DOCUMENT.finditer(text) if not masked.covers(m.start())]
    return ends[-1].start() if ends else len(text)
