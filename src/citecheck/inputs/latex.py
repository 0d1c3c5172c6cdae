"""The LaTeX reader: a ``.tex`` manuscript (and the files it includes) into a keyed
:class:`~citecheck.model.Document`.

The text is the main file with its ``\\input``/``\\include``/``\\subfile`` files spliced in
(:mod:`~citecheck.inputs.latex_include`), followed by the .bib files it names
(:mod:`~citecheck.inputs.latex_bib`); ``origins`` say which file and line each stretch comes
from, so a finding about a citation points into its chapter and one about an entry at its
line in its .bib. Citations are the citation commands (:mod:`~citecheck.inputs.latex_cite`);
comments, verbatim, macro definitions, the preamble and markup are masked. A typed
``thebibliography`` is read by the reference parser instead of a .bib.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

from citecheck.inputs.decode import decode_file
from citecheck.inputs.format import InputFormat, ReaderSettings
from citecheck.inputs.latex_aux import check_aux
from citecheck.inputs.latex_bib import LatexBibliography, read_bibliography
from citecheck.inputs.latex_cite import find_latex_citations
from citecheck.inputs.latex_floats import in_print_order
from citecheck.inputs.latex_include import Assembled, assemble
from citecheck.inputs.latex_scan import (
    Braces,
    Regions,
    arguments,
    brace_table,
    not_source,
    not_text,
)
from citecheck.model import (
    Block,
    CitationMark,
    Document,
    Finding,
    Heading,
    OffsetMap,
    Origin,
    Reference,
    Span,
)
from citecheck.rules import finding

_LEVELS = {
    "part": 1,
    "chapter": 1,
    "section": 1,
    "subsection": 2,
    "subsubsection": 3,
    "paragraph": 4,
}
_HEADING = re.compile(
    r"(?<!\\)\\(?P<level>part|chapter|section|subsection|subsubsection|paragraph)\*?(?![A-Za-z])"
)
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*")


def read_latex(document: Document, settings: ReaderSettings | None = None) -> Document:
    """``document`` (a .tex file's decoded text) read as LaTeX; included and bibliography
    files are read relative to its path."""
    settings = settings or ReaderSettings()
    assembled = assemble(document.text, document.path)
    text = assembled.text
    masked = not_text(text)
    regions = Regions(masked)
    braces = brace_table(text)
    cites = find_latex_citations(text, regions, settings.cite_commands, braces)
    source = Regions(not_source(text))
    bib = read_bibliography(text, document.path, source, braces)
    headings = _headings(text, regions, braces)
    origins: tuple[Origin, ...] = assembled.origins
    if bib.appended:
        origins = (*(origins or (Origin(0, "", 1, 1),)), *bib.origins)
        masked = [*masked, Span(len(text), len(text) + len(bib.appended))]
    problems = (*assembled.problems, *bib.problems)
    bib = _typed_list_cited_in_print(bib, cites.marks, cites.nocite)
    keyed = bib.references is not None and not bib.printed
    if bib.references is not None and keyed:
        problems = (*problems, *check_aux(document.path, cites.marks, cites.nocite, bib.section))
        problems = (*problems, *_undefined_nocite(cites.nocite_marks, bib.references))
    return replace(
        document,
        text=text + bib.appended,
        offsets=_offsets(document, assembled, bib.origins),
        format="latex",
        masked=tuple(masked),
        headings=headings,
        blocks=_blocks(text, headings, regions),
        references=bib.references,
        marks=in_print_order(text, cites.marks, source) if keyed else None,
        section=bib.section,
        origins=origins,
        nocite=cites.nocite,
        problems=problems,
    )


def _typed_list_cited_in_print(
    bib: LatexBibliography, marks: tuple[CitationMark, ...], nocite: tuple[str, ...]
) -> LatexBibliography:
    """A typed ``thebibliography`` that no ``\\cite`` names is cited in the text as printed
    (a typesetter's source: ``(Bernholdt et~al., 2005)`` typed, ``\\bibitem{2}``): its
    entries are read as a printed list, their keys dropped."""
    if bib.references is None or bib.printed or bib.appended or marks or nocite:
        return bib
    entries = tuple(replace(r, citekey=None) for r in bib.references)
    return replace(bib, references=entries, printed=True)


def _undefined_nocite(
    marks: tuple[CitationMark, ...], references: tuple[Reference, ...]
) -> list[Finding]:
    """CIT001 for a ``\\nocite`` key no entry has (LaTeX warns of it as of a citation)."""
    known = {str(r.key) for r in references}
    return [
        finding(
            "CIT001",
            f"'{m.text}' lists key {key!r}, which no bibliography entry has",
            m.span,
            (key,),
            {"citation": m.text, "key": key},
        )
        for m in marks
        for key in map(str, m.keys)
        if key != "*" and key not in known
    ]


def _offsets(document: Document, assembled: Assembled, appended: tuple[Origin, ...]) -> OffsetMap:
    """Offsets in the text back to offsets in the file each stretch came from (the JSON
    report's ``start``/``end`` go with its ``file``): the main file's through its own map
    (a BOM, CRs), an included file's and a .bib's from their decoded text."""
    if not assembled.origins and not appended:
        return document.offsets
    stretches = list(zip(assembled.origins, assembled.starts, strict=True))
    if not stretches:
        stretches = [(Origin(0), 0)]
    ends = [o.start for o, _ in stretches[1:]] + [len(assembled.text)]
    points: list[tuple[int, int]] = []
    main = document.offsets.points
    for (origin, at), end in zip(stretches, ends, strict=True):
        points.append((origin.start, document.source_offset(at) if not origin.path else at))
        if not origin.path:  # the main file's own points inside the stretch
            first = bisect_right(main, (at, sys.maxsize))
            for text_at, source_at in main[first:]:
                if text_at >= at + (end - origin.start):
                    break
                points.append((origin.start + text_at - at, source_at))
    points += [(o.start, 0) for o in appended]
    return OffsetMap(tuple(points))


def _headings(text: str, masked: Regions, braces: Braces) -> tuple[Heading, ...]:
    from citecheck.bibliography.latex_text import plain_from_latex

    out = []
    for m in _HEADING.finditer(text):
        if masked.covers(m.start()):
            continue
        args, end = arguments(text, m.end(), "om", braces)
        if args[-1] is None:
            continue
        title = plain_from_latex(args[-1])
        out.append(Heading(Span(m.start(), end), _LEVELS[m.group("level")], title))
    return tuple(out)


def _blocks(text: str, headings: tuple[Heading, ...], masked: Regions) -> tuple[Block, ...]:
    starts = {h.span.start for h in headings}
    return tuple(
        Block("heading" if m.start() in starts else "paragraph", Span(m.start(), m.end()))
        for m in _PARAGRAPH.finditer(text)
        if not masked.covers(m.start()) or m.start() in starts
    )


def _configured(settings: ReaderSettings) -> InputFormat:
    def read_text(document: Document) -> Document:
        return read_latex(document, settings)

    def read_file(path: Path) -> Document:
        return read_latex(decode_file(path, stacklevel=4), settings)

    return InputFormat("latex", read_file, read_text, _configured)


LATEX = _configured(ReaderSettings())
