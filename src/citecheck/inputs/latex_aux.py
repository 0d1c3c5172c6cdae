"""LaTeX's own record of a run, as a cross-check (SRC002): the ``.aux`` beside the main
file lists every key LaTeX saw cited (``\\citation{…}``, biblatex's ``\\abx@aux@cite``).
When it is present and newer than the main file, keys it has that the reader did not see
(an include the reader could not follow, a citation command it does not know) and the
reverse are reported as information. A missing, stale or unreadable file is not used."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from citecheck.errors import InputError
from citecheck.inputs.sidefiles import read_side_file
from citecheck.model import CitationMark, Finding, ReferenceSection, Span
from citecheck.rules import finding

_AUX_CITATION = re.compile(r"\\(?:citation|abx@aux@cite)(?:\{\d+\})?\{([^{}]*)\}")


def check_aux(
    path: str,
    marks: Sequence[CitationMark],
    nocite: Sequence[str],
    section: ReferenceSection | None,
) -> tuple[Finding, ...]:
    """SRC002: the keys LaTeX's fresh ``.aux`` saw cited against the keys the reader found
    (IO: it reads the .aux beside ``path`` when it is newer than ``path``)."""
    main = Path(path)
    aux = main.with_suffix(".aux")
    text = _fresh(aux, main)
    if text is None:
        return ()
    seen = {k.strip() for m in _AUX_CITATION.finditer(text) for k in m.group(1).split(",")}
    seen.discard("")
    if "*" in seen or "*" in nocite:
        seen.discard("*")
    read = {str(k) for m in marks for k in m.keys} | set(nocite)
    read.discard("*")
    at = section.heading_span if section is not None else Span(0, 0)
    out = []
    only_latex = sorted(seen - read)
    if only_latex:
        out.append(
            finding(
                "SRC002",
                f"{aux.name} has citations citecheck did not read: {_keys(only_latex)} "
                "(an include it could not follow, or a citation command to declare in "
                "cite-commands)",
                at,
                tuple(only_latex),
                {"file": str(aux)},
            )
        )
    only_reader = sorted(read - seen)
    if only_reader and seen:
        out.append(
            finding(
                "SRC002",
                f"{aux.name} does not have citations citecheck read: {_keys(only_reader)} "
                "(is the .aux from an older run?)",
                at,
                tuple(only_reader),
                {"file": str(aux)},
            )
        )
    return tuple(out)


def _keys(keys: list[str]) -> str:
    shown = ", ".join(keys[:10])
    return shown + (f" and {len(keys) - 10} more" if len(keys) > 10 else "")


def _fresh(side: Path, main: Path) -> str | None:
    try:
        if not side.is_file() or side.stat().st_mtime < main.stat().st_mtime:
            return None
        return read_side_file(side)
    except (OSError, InputError):
        return None
