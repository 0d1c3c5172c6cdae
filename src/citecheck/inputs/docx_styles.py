"""What a Word document's styles (``word/styles.xml``) say about a paragraph or a run.

Only what the reader needs: a paragraph style's heading level (the names ``heading 1`` …
``heading 9`` and ``Title``, or an outline level ``w:outlineLvl``), its automatic numbering
(``w:numPr``), its name (``Caption``, ``Bibliography``, ``List …``), and a character
style's vertical alignment (a style that makes superscripts) and boldness. Properties are
inherited along ``w:basedOn`` (cycles and long chains cut off); a paragraph without a style
has the document's default paragraph style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from citecheck.inputs.ooxml import W

_HEADING_NAME = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
_MAX_CHAIN = 16


@dataclass(frozen=True, slots=True)
class StyleInfo:
    """One style's own properties (``None``: the style does not set it)."""

    name: str = ""
    based_on: str | None = None
    outline: int | None = None  # w:outlineLvl, 0-based (9: body text)
    num: tuple[str, int | None] | None = None  # (numId, ilvl) of w:numPr
    vert_align: str | None = None
    bold: bool | None = None


def val(element: ET.Element | None, default: str | None = None) -> str | None:
    """The ``w:val`` attribute of ``element`` (``default`` without the element or attribute)."""
    if element is None:
        return default
    return element.get(f"{W}val", default)


def on(element: ET.Element | None) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``): None when absent."""
    if element is None:
        return None
    return val(element, "true") not in ("0", "false", "off", "none")


def num_pr(ppr: ET.Element | None) -> tuple[str, int | None] | None:
    """``(numId, ilvl)`` of a ``w:pPr``'s ``w:numPr`` (ilvl ``None`` when not given)."""
    numpr = ppr.find(f"{W}numPr") if ppr is not None else None
    if numpr is None:
        return None
    num_id = val(numpr.find(f"{W}numId"))
    ilvl = val(numpr.find(f"{W}ilvl"))
    if num_id is None:
        return None
    return num_id, int(ilvl) if ilvl is not None and ilvl.isdigit() else None


class Styles:
    """The styles of one document, looked up by style id."""

    def __init__(self, root: ET.Element | None) -> None:
        self._own: dict[str, StyleInfo] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for style in root.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if not style_id:
                continue
            default = style.get(f"{W}default") in ("1", "true", "on")
            if style.get(f"{W}type") == "paragraph" and default:
                self.default_paragraph = self.default_paragraph or style_id
            self._own[style_id] = _style_info(style)

    def _chain(self, style_id: str | None) -> list[StyleInfo]:
        chain: list[StyleInfo] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and len(chain) < _MAX_CHAIN:
            seen.add(style_id)
            info = self._own.get(style_id)
            if info is None:
                break
            chain.append(info)
            style_id = info.based_on
        return chain

    def name(self, style_id: str | None) -> str:
        info = self._own.get(style_id or "")
        return info.name if info else (style_id or "")

    def heading_level(self, style_id: str | None) -> int | None:
        """1–9 for a heading style (by name, ``Title`` is 1) or an outline level; else None."""
        chain = self._chain(style_id)
        for info in chain:
            m = _HEADING_NAME.fullmatch(info.name)
            if m:
                return int(m.group(1))
            if info.name.lower() == "title":
                return 1
        outline = next((i.outline for i in chain if i.outline is not None), None)
        return outline + 1 if outline is not None and 0 <= outline < 9 else None

    def numbering(self, style_id: str | None) -> tuple[str, int | None] | None:
        return next((i.num for i in self._chain(style_id) if i.num is not None), None)

    def vert_align(self, style_id: str | None) -> str | None:
        return next((i.vert_align for i in self._chain(style_id) if i.vert_align), None)

    def bold(self, style_id: str | None) -> bool:
        return bool(next((i.bold for i in self._chain(style_id) if i.bold is not None), False))


def _style_info(style: ET.Element) -> StyleInfo:
    ppr = style.find(f"{W}pPr")
    rpr = style.find(f"{W}rPr")
    outline = val(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
    return StyleInfo(
        name=val(style.find(f"{W}name"), "") or "",
        based_on=val(style.find(f"{W}basedOn")),
        outline=int(outline) if outline is not None and outline.isdigit() else None,
        num=num_pr(ppr),
        vert_align=val(rpr.find(f"{W}vertAlign")) if rpr is not None else None,
        bold=on(rpr.find(f"{W}b")) if rpr is not None else None,
    )
