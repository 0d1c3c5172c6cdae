"""A bibliography pandoc's citeproc wrote into LaTeX (R Markdown, papaja, Quarto or pandoc
``--citeproc -t latex``): no ``\\cite`` and no .bib, the entries printed, each after an
anchor pandoc puts before it —

* ``\\hypertarget{ref-KEY}{}`` on a line of its own (pandoc-citeproc, before pandoc 2.11),
  in a ``cslreferences`` environment or after ``\\hypertarget{refs}{}``;
* ``\\leavevmode\\vadjust pre{\\hypertarget{ref-KEY}{}}%`` in a ``CSLReferences``
  environment (pandoc 2.11 to 3.1);
* ``\\bibitem[\\citeproctext]{ref-KEY}`` in a ``CSLReferences`` environment (pandoc 3.1.7+).

Each entry is read by the reference parser, numbered by its order (inferred), without a
citation key: the citations are printed text too ("(Smith et al., 2018)", "[3]"), found in
the text as in any printed manuscript.
"""

from __future__ import annotations

import re
from dataclasses import replace

from citecheck.bibliography.latex_text import plain_from_latex
from citecheck.bibliography.parse import parse_reference
from citecheck.inputs.latex_scan import Regions
from citecheck.model import Reference, ReferenceSection, Span

_ANCHOR = re.compile(
    r"(?<!\\)\\(?:hypertarget\s*\{ref-(?P<key>[^{}\s]+)\}\s*\{\}"
    r"|bibitem\s*\[\s*\\citeproctext\s*\]\s*\{ref-(?P<item>[^{}\s]+)\})"
)
_LIST_START = re.compile(
    r"(?<!\\)(?:\\hypertarget\s*\{refs\}\s*\{\}|\\begin\s*\{(?:CSLReferences|cslreferences)\})"
)
_LIST_END = re.compile(
    r"(?<!\\)\\(?:end\s*\{(?:CSLReferences|cslreferences|document)\}"
    r"|(?:part|chapter|section|subsection|appendix)(?![A-Za-z]))"
)
_ANCHOR_TAIL = re.compile(r"^[\s}%]*")  # what closes a \vadjust pre{...} around the anchor
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")


def citeproc_entries(
    text: str, masked: Regions
) -> tuple[tuple[Reference, ...], ReferenceSection] | None:
    """The entries pandoc's citeproc printed in the LaTeX ``text`` and where they stand;
    ``None`` when there is no such list (``masked``: regions that are not source)."""
    anchors = [m for m in _ANCHOR.finditer(text) if not masked.covers(m.start())]
    if not anchors:
        return None
    start = anchors[0].start()
    opening = [m for m in _LIST_START.finditer(text, 0, start) if not masked.covers(m.start())]
    heading = Span(opening[-1].start(), opening[-1].end()) if opening else Span(start, start)
    ending = next(
        (m for m in _LIST_END.finditer(text, anchors[-1].end()) if not masked.covers(m.start())),
        None,
    )
    body_end = ending.start() if ending else len(text)
    refs = []
    for i, anchor in enumerate(anchors):
        following = anchors[i + 1].start() if i + 1 < len(anchors) else body_end
        end = text.rfind("\n", anchor.end(), following) if i + 1 < len(anchors) else -1
        end = end if end >= 0 else following
        tail = _ANCHOR_TAIL.match(text[anchor.end() : end])
        begin = anchor.end() + (tail.end() if tail else 0)
        raw = text[begin : max(begin, end)].strip()
        refs.append(_entry(raw, text.find(raw, begin) if raw else begin, anchor.start(), i + 1))
    return tuple(refs), ReferenceSection("References", heading, Span(heading.end, body_end))


def _entry(raw: str, at: int, anchor: int, number: int) -> Reference:
    ref = parse_reference(plain_from_latex(_COMMENT.sub("", raw)), number=number)
    return replace(ref, raw=raw, span=Span(anchor, at + len(raw)), spans={}, number_inferred=True)
