"""Units a clinical or biomedical quantity is written with, and their synonyms.

Each unit has a canonical symbol, a dimension and a factor to that dimension's base unit
(days for time, a fraction for proportions), so that ``7.5 mo`` and ``228 d`` or ``67%`` and
``two thirds`` can be compared. Spellings are matched case-sensitively as whole words;
``glued`` units may follow a number without a space (``223d``, ``50%``, ``5mg``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    symbol: str
    dimension: str
    factor: float
    spellings: tuple[str, ...]
    glued: bool = True


_CELLS_PER_UL = (
    *("cells/µL", "cells/µl", "cells/μL", "cells/μl", "cells/uL", "cells/microl"),
    *("cells/mm³", "cells/mm3", "cells/mm(3)", "/µL", "/µl", "/μL", "/μl", "/mm³"),
)

UNITS: tuple[Unit, ...] = (
    # time (base: day)
    Unit("s", "time", 1 / 86400, ("s", "sec", "secs", "second", "seconds"), glued=False),
    Unit("min", "time", 1 / 1440, ("min", "mins", "minute", "minutes")),
    Unit("h", "time", 1 / 24, ("h", "hr", "hrs", "hour", "hours")),
    Unit("d", "time", 1.0, ("d", "day", "days")),
    Unit("wk", "time", 7.0, ("wk", "wks", "week", "weeks")),
    Unit("mo", "time", 365.25 / 12, ("mo", "mos", "month", "months")),
    Unit("y", "time", 365.25, ("y", "yr", "yrs", "year", "years")),
    # proportion (base: fraction); "two thirds" carries this dimension too
    Unit("%", "proportion", 0.01, ("%", "percent", "per cent")),
    # mass (base: mg)
    Unit("ng", "mass", 1e-6, ("ng",)),
    Unit("µg", "mass", 1e-3, ("µg", "μg", "ug", "mcg")),
    Unit("mg", "mass", 1.0, ("mg",)),
    Unit("g", "mass", 1e3, ("g",)),
    Unit("kg", "mass", 1e6, ("kg",)),
    # dose per body mass or surface
    Unit("µg/kg", "dose/mass", 1e-3, ("µg/kg", "μg/kg", "mcg/kg")),
    Unit("mg/kg", "dose/mass", 1.0, ("mg/kg",)),
    Unit("mg/m²", "dose/area", 1.0, ("mg/m²", "mg/m2", "mg/m^2")),
    Unit("MBq/kg", "activity/mass", 1.0, ("MBq/kg",)),
    # radioactivity (base: MBq) and absorbed dose (base: Gy)
    Unit("kBq", "activity", 1e-3, ("kBq",)),
    Unit("MBq", "activity", 1.0, ("MBq",)),
    Unit("GBq", "activity", 1e3, ("GBq",)),
    Unit("mCi", "activity", 37.0, ("mCi",)),
    Unit("Ci", "activity", 37000.0, ("Ci",)),
    Unit("mGy", "absorbed dose", 1e-3, ("mGy",)),
    Unit("cGy", "absorbed dose", 1e-2, ("cGy",)),
    Unit("Gy", "absorbed dose", 1.0, ("Gy",)),
    Unit("mSv", "effective dose", 1.0, ("mSv",)),
    # volume (base: mL)
    Unit("µL", "volume", 1e-3, ("µL", "μL", "µl", "μl", "uL")),
    Unit("mL", "volume", 1.0, ("mL", "ml")),
    Unit("L", "volume", 1e3, ("L",)),
    # concentration
    Unit("pM", "molarity", 1e-3, ("pM",)),
    Unit("nM", "molarity", 1.0, ("nM", "nmol/L")),
    Unit("µM", "molarity", 1e3, ("µM", "μM", "uM", "µmol/L", "μmol/L")),
    Unit("mM", "molarity", 1e6, ("mM", "mmol/L")),
    Unit("ng/mL", "mass concentration", 1.0, ("ng/mL", "ng/ml")),
    Unit("µg/mL", "mass concentration", 1e3, ("µg/mL", "μg/mL", "µg/ml", "ug/mL")),
    Unit("mg/L", "mass concentration", 1e3, ("mg/L",)),
    Unit("mg/dL", "mass concentration", 1e4, ("mg/dL", "mg/dl")),
    # cell counts per volume (base: cells per µL = per mm³)
    Unit("cells/µL", "cell concentration", 1.0, _CELLS_PER_UL),
    Unit("cells/L", "cell concentration", 1e-6, ("cells/L", "/L")),
    # length (base: mm)
    Unit("nm", "length", 1e-6, ("nm",)),
    Unit("µm", "length", 1e-3, ("µm", "μm", "um")),
    Unit("mm", "length", 1.0, ("mm",)),
    Unit("cm", "length", 10.0, ("cm",)),
    # other
    Unit("kDa", "molecular mass", 1.0, ("kDa",)),
    Unit("°C", "temperature", 1.0, ("°C",)),
    Unit("mmHg", "pressure", 1.0, ("mmHg", "mm Hg")),
    Unit("fold", "fold", 1.0, ("fold", "×")),
)


def unit_by_symbol(symbol: str) -> Unit | None:
    for unit in UNITS:
        if unit.symbol == symbol:
            return unit
    return None


def unit_by_spelling(spelling: str) -> Unit | None:
    for unit in UNITS:
        if spelling in unit.spellings:
            return unit
    return None


def dimension_of(symbol: str | None) -> str | None:
    """The dimension of a canonical unit symbol (``None`` for a bare number)."""
    if symbol is None:
        return None
    if symbol == "fraction":
        return "proportion"
    unit = unit_by_symbol(symbol)
    return unit.dimension if unit else None


def factor_of(symbol: str | None) -> float:
    """How many base units one ``symbol`` is (1 for a bare number or a fraction)."""
    unit = unit_by_symbol(symbol) if symbol else None
    return unit.factor if unit else 1.0


def unit_pattern() -> str:
    """A regular expression alternation of all spellings, longest first.

    A spelling that may not be glued to its number is guarded by a lookbehind for a space.
    """
    glued: list[str] = []
    spaced: list[str] = []
    for unit in UNITS:
        (glued if unit.glued else spaced).extend(unit.spellings)
    parts = [_escape(s) for s in sorted(glued, key=len, reverse=True)]
    parts += [rf"(?<=\s){_escape(s)}" for s in sorted(spaced, key=len, reverse=True)]
    return "|".join(parts)


def _escape(spelling: str) -> str:
    out = []
    for ch in spelling:
        out.append(r"\s" if ch == " " else ("\\" + ch if not ch.isalnum() else ch))
    return "".join(out)
