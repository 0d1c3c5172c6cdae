"""The pandoc-family reader (pandoc Markdown, Quarto ``.qmd``, R Markdown ``.Rmd``,
Manubot): a Markdown manuscript whose citations are keys (``[@smith2019]``) into a
bibliography file, read as a keyed :class:`~citecheck.model.Document`.

The bibliography comes from the front matter (``bibliography:``, inline ``references:``),
the Quarto project's ``_quarto.yml`` and ``--bibliography`` (:class:`ReaderSettings`); its
files are appended after the text with an origin each. A Manubot key that is an identifier
(``@doi:10.…``, ``@pmid:…``, ``@pmcid:PMC…``) and is in no bibliography is a reference by
itself, verified online as such.

A ``.md`` file is read this way only when it has pandoc citations *and* a bibliography;
every other ``.md`` (a numbered manuscript) is read by the Markdown reader exactly as
before. ``.qmd``/``.Rmd`` files are always pandoc's, and fall back on the Markdown reading
when they name no bibliography.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.errors import InputError
from citecheck.inputs.decode import decode_file
from citecheck.inputs.format import InputFormat, ReaderSettings
from citecheck.inputs.markdown import merge_spans, read_markdown
from citecheck.inputs.sidefiles import project_root
from citecheck.model import (
    IDENTIFIER_ONLY,
    CitationMark,
    Document,
    Finding,
    OffsetMap,
    Origin,
    Reference,
    ReferenceSection,
    Span,
)
from citecheck.rules import finding

# The front matter (YAML), CSL and bibliography files are read by modules imported when a
# manuscript has pandoc citations: a numbered Markdown manuscript loads none of them.
if TYPE_CHECKING:
    from citecheck.inputs.bibfiles import Appended, Named
    from citecheck.inputs.pandoc_meta import Metadata, QuartoProject

_IDENTIFIER = re.compile(r"^(?P<kind>doi|pmid|pmcid|pmc):(?P<id>\S+)$", re.IGNORECASE)
_BIBLIOGRAPHY_HEADING = re.compile(
    r"^(references?|bibliography|literature cited|works cited)$", re.I
)


def read_pandoc(
    document: Document, settings: ReaderSettings | None = None, *, always: bool = True
) -> Document:
    """``document`` read as pandoc Markdown with its bibliography; with ``always`` false
    (a ``.md`` file), the Markdown reading unless it has pandoc citations and a
    bibliography."""
    settings = settings or ReaderSettings()
    base = read_markdown(document)
    text = base.text
    if not always and "@" not in text:  # no pandoc citation: every one has an "@"
        return base
    from citecheck.inputs.bibfiles import append_bibliographies
    from citecheck.inputs.pandoc_cite import (
        defined_labels,
        find_pandoc_citations,
        without_crossrefs,
    )
    from citecheck.inputs.pandoc_meta import read_front_matter

    directory = Path(document.path).parent
    meta = read_front_matter(text, directory)
    masked = list(base.masked)
    if meta.span is not None:
        masked = [
            Span(a, b) for a, b in merge_spans([(s.start, s.end) for s in [*masked, meta.span]])
        ]
    marks = find_pandoc_citations(text, masked)
    if not marks and not always:
        return base
    project = _project(document)
    named = _named_files(document, meta, settings, project)
    if not named and meta.references is None:
        return base
    inline = _inline(text, meta, document.path)
    appended = append_bibliographies(len(text), named, inline.references)
    references = (*inline.references, *appended.references)
    kinds = (*meta.crossref_kinds, *(project.crossref_kinds if project else ()))
    known = frozenset(r.citekey for r in references if r.citekey)
    marks = without_crossrefs(marks, known, kinds, defined_labels(text))
    references = (*references, *_identified(marks, references))
    origins: tuple[Origin, ...] = ()
    if appended.text:
        origins = (Origin(0, "", 1, 1), *appended.origins)
        masked.append(Span(len(text), len(text) + len(appended.text)))
    problems: tuple[Finding, ...] = (*inline.problems, *appended.problems)
    if meta.problem and meta.span is not None:
        problems = (*problems, finding("REF001", f"{document.path}: {meta.problem}", meta.span))
    return replace(
        base,
        text=text + appended.text,
        format="pandoc",
        offsets=OffsetMap((*base.offsets.points, *((o.start, 0) for o in appended.origins))),
        masked=tuple(masked),
        references=references,
        marks=marks,
        section=_section(base, len(text), len(appended.text)),
        origins=origins,
        nocite=meta.nocite,
        problems=problems,
    )


def _project(document: Document) -> QuartoProject | None:
    """The Quarto project the manuscript belongs to (none for text not from a file)."""
    from citecheck.inputs.pandoc_meta import find_quarto_project

    path = Path(document.path)
    if not path.name or document.path.startswith("<"):
        return None
    try:
        return find_quarto_project(path.parent if path.parent.parts else Path("."))
    except InputError:
        return None


def _named_files(
    document: Document, meta: Metadata, settings: ReaderSettings, project: QuartoProject | None
) -> list[Named]:
    """The bibliography files, in the order pandoc merges them: the document's own, the
    project's, the command line's."""
    from citecheck.inputs.bibfiles import Named

    at = meta.span or Span(0, 0)
    root = project_root(Path(document.path).parent)
    named = [Named(p, at, f"bibliography: {p.name}", root) for p in meta.bibliography]
    if project is not None and not meta.bibliography:
        named += [
            Named(p, at, f"{project.path.name}: {p.name}", project_root(project.path.parent))
            for p in project.bibliography
        ]
    named += [Named(Path(p), Span(0, 0), f"--bibliography {p}") for p in settings.bibliography]
    return named


def _inline(text: str, meta: Metadata, path: str) -> Appended:
    """The front matter's ``references:`` items as references."""
    from citecheck.bibliography.csl import items_from_nodes, references_from_items
    from citecheck.inputs.bibfiles import Appended

    if meta.references is None:
        return Appended()
    items = items_from_nodes(meta.references, meta.yaml_start)
    reading = references_from_items(items, text, f"{path} (references:)")
    return Appended(references=reading.references, problems=reading.problems)


def _identified(marks: tuple[CitationMark, ...], known: tuple[Reference, ...]) -> list[Reference]:
    """A reference for each Manubot identifier key no bibliography defines, at its first
    citation."""
    defined = {str(r.key) for r in known}
    out: dict[str, Reference] = {}
    for mark in marks:
        for key in map(str, mark.keys):
            m = _IDENTIFIER.match(key)
            if m is None or key in defined or key in out:
                continue
            kind, value = m.group("kind").lower(), m.group("id")
            out[key] = Reference(
                None,
                f"@{key}",
                mark.span,
                doi=value if kind == "doi" else None,
                pmid=value if kind == "pmid" else None,
                pmcid=value if kind in ("pmc", "pmcid") else None,
                notes=(IDENTIFIER_ONLY,),
                citekey=key,
            )
    return list(out.values())


def _section(base: Document, body_end: int, appended: int) -> ReferenceSection:
    """Where the bibliography is printed: the last heading that names it (pandoc puts it
    there, or in a ``#refs`` div), else after the body; its entries follow the text."""
    heading = next(
        (h for h in reversed(base.headings) if _BIBLIOGRAPHY_HEADING.match(h.title.strip())),
        None,
    )
    at = heading.span if heading is not None else Span(body_end, body_end)
    title = heading.title if heading is not None else "References"
    return ReferenceSection(title, at, Span(body_end, body_end + appended))


def _format(name: str, settings: ReaderSettings, always: bool) -> InputFormat:
    def read_text(document: Document) -> Document:
        return read_pandoc(document, settings, always=always)

    def read_file(path: Path) -> Document:
        return read_pandoc(decode_file(path, stacklevel=4), settings, always=always)

    return InputFormat(name, read_file, read_text, lambda s: _format(name, s, always))


PANDOC = _format("pandoc", ReaderSettings(), True)  # .qmd, .Rmd
PANDOC_OR_MARKDOWN = _format("markdown", ReaderSettings(), False)  # .md
