"""Word's automatic numbering (``word/numbering.xml``) computed as Word prints it.

A numbered paragraph names a list instance (``w:numId``) and a level (``w:ilvl``); the
instance points at an abstract definition (``w:abstractNumId``) whose level says where to
start (``w:start``), how to write the number (``w:numFmt``: decimal, letters, roman,
bullet, none) and the label's pattern (``w:lvlText``, ``%1.%2.`` standing for the counters of
levels 1 and 2). Instances of one abstract definition share its counters, as in Word, unless
an instance restarts a level (``w:lvlOverride``/``w:startOverride``) when it is first used.
Numbering a level resets the levels below it. The label is followed by a space (Word's tab
or space after the number; nothing when ``w:suff`` is ``nothing``).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

from citecheck.inputs.docx_styles import val
from citecheck.inputs.ooxml import W

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
BULLET = "•"


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = " "


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl: ET.Element) -> tuple[int, Level]:
    suff = val(lvl.find(f"{W}suff"), "tab")
    return _int(lvl.get(f"{W}ilvl"), 0), Level(
        start=_int(val(lvl.find(f"{W}start")), 1),
        fmt=val(lvl.find(f"{W}numFmt"), "decimal") or "decimal",
        text=val(lvl.find(f"{W}lvlText"), "") or "",
        suffix="" if suff == "nothing" else " ",
    )


class Numbering:
    """The numbering definitions of one document and the counters as the reader goes."""

    def __init__(self, root: ET.Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._instance: dict[str, str] = {}  # numId → abstractNumId
        self._overrides: dict[str, dict[int, int]] = {}  # numId → level → start
        self._counters: dict[str, dict[int, int]] = {}  # abstractNumId → level → value
        self._used: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            levels = dict(_level(lvl) for lvl in abstract.iter(f"{W}lvl"))
            self._abstract[abstract.get(f"{W}abstractNumId") or ""] = levels
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId") or ""
            self._instance[num_id] = val(num.find(f"{W}abstractNumId"), "") or ""
            starts = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    starts[_int(override.get(f"{W}ilvl"), 0)] = _int(val(start), 1)
            self._overrides[num_id] = starts

    def label(self, num_id: str, ilvl: int) -> str:
        """The label Word prints before the next paragraph of list ``num_id`` at level
        ``ilvl`` (counting it), ``""`` when the list does not number it."""
        abstract_id = self._instance.get(num_id)
        if num_id == "0" or abstract_id is None or abstract_id not in self._abstract:
            return ""
        levels = self._abstract[abstract_id]
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for lvl, start in self._overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        level = levels.get(ilvl, Level())
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return BULLET + " "
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                lv = levels.get(k, Level())
                value = counters.get(k, lv.start)
                text = text.replace(f"%{k + 1}", _format(value, lv.fmt if k != ilvl else level.fmt))
        return text + level.suffix if text else ""


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out = ""
        for number, numeral in _ROMAN:
            while value >= number:
                out += numeral
                value -= number
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
