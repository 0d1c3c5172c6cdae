"""LaTeX citation commands into citation marks: ``\\cite`` and its natbib and biblatex
relatives with their optional arguments and starred forms, biblatex's multicite commands
(``\\cites(pre)(post)[pre][post]{a}[pre][post]{b}``: one group), ``\\nocite`` (keys listed,
not printed) and the commands a project declares (``cite-commands`` in the configuration).
Pure: the source and the regions that are not text in, marks out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from citecheck.inputs.latex_scan import Braces, Regions, arguments, brace_table
from citecheck.model import CitationMark, Span

# natbib, biblatex, the cite package and the standard one: \name[pre][post]{keys}
CITE_COMMANDS = frozenset(
    {
        "cite",
        "Cite",
        "citep",
        "Citep",
        "citet",
        "Citet",
        "citealt",
        "Citealt",
        "citealp",
        "Citealp",
        "citeauthor",
        "Citeauthor",
        "citeyear",
        "citeyearpar",
        "citenum",
        "citefullauthor",
        "parencite",
        "Parencite",
        "textcite",
        "Textcite",
        "autocite",
        "Autocite",
        "footcite",
        "Footcite",
        "footcitetext",
        "supercite",
        "smartcite",
        "Smartcite",
        "fullcite",
        "footfullcite",
        "citetitle",
        "Citetitle",
        "citedate",
        "citeurl",
        "nocite",
    }
)
# biblatex's multicite commands: \name(pre)(post)[pre][post]{a}[pre][post]{b}…
MULTICITE_COMMANDS = frozenset(
    {
        "cites",
        "Cites",
        "parencites",
        "Parencites",
        "textcites",
        "Textcites",
        "autocites",
        "Autocites",
        "footcites",
        "Footcites",
        "smartcites",
        "Smartcites",
        "supercites",
    }
)
_COMMAND = re.compile(r"(?<!\\)(?:\\\\)*(?P<command>\\(?P<name>[A-Za-z]+)(?P<star>\*?))")


@dataclass(frozen=True)
class LatexCitations:
    """The citation marks of a LaTeX text, in order, the keys ``\\nocite`` lists and the
    ``\\nocite`` commands themselves (marks that print nothing)."""

    marks: tuple[CitationMark, ...]
    nocite: tuple[str, ...]
    nocite_marks: tuple[CitationMark, ...] = ()


def find_latex_citations(
    text: str,
    masked: Regions,
    extra_commands: Iterable[str] = (),
    braces: Braces | None = None,
) -> LatexCitations:
    """Every citation command of ``text`` outside ``masked``; ``extra_commands`` are names
    (without the backslash) the project uses like ``\\cite``; ``braces``: the text's
    :func:`~citecheck.inputs.latex_scan.brace_table`, made when not given."""
    braces = brace_table(text) if braces is None else braces
    commands = CITE_COMMANDS | {c.lstrip("\\") for c in extra_commands}
    marks: list[CitationMark] = []
    nocite: list[str] = []
    nocite_marks: list[CitationMark] = []
    pos = 0
    for m in _COMMAND.finditer(text):
        start = m.start("command")
        name = m.group("name")
        if start < pos or masked.covers(start):
            continue
        if name in MULTICITE_COMMANDS:
            keys, end = _multicite(text, m.end(), braces)
        elif name in commands:
            args, end = arguments(text, m.end(), "oom", braces)
            keys = _keys(args[-1]) if args[-1] is not None else ()
        else:
            continue
        if not keys:
            continue
        pos = end
        if name == "nocite":
            nocite.extend(keys)
            nocite_marks.append(CitationMark(Span(start, end), text[start:end], keys, "nocite"))
            continue
        marks.append(CitationMark(Span(start, end), text[start:end], keys, "latex"))
    return LatexCitations(tuple(marks), tuple(dict.fromkeys(nocite)), tuple(nocite_marks))


def _keys(argument: str) -> tuple[str, ...]:
    """``"a, b,c"`` → ``("a", "b", "c")`` (spaces and empty keys dropped)."""
    return tuple(k.strip() for k in argument.split(",") if k.strip())


def _multicite(text: str, i: int, braces: Braces) -> tuple[tuple[str, ...], int]:
    """The keys of a multicite command's argument groups, and where the command ends."""
    _, end = arguments(text, i, "pp", braces)
    keys: list[str] = []
    while True:
        args, after = arguments(text, end, "oom", braces)
        if args[-1] is None:
            break
        keys.extend(_keys(args[-1]))
        end = after
    return tuple(keys), end
