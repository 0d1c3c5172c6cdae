"""A LaTeX project as one text: ``\\input``, ``\\include``, ``\\subfile`` and ``\\import``
followed from the main file, each included file's text spliced in where its command stood,
with an :class:`~citecheck.model.Origin` at every seam so that findings point into the file
and line they came from.

Names are resolved as LaTeX does, relative to the main file's directory (``\\subfile`` and
``\\import`` also relative to the including file's), with ``.tex`` added when needed. A file
that is missing, unreadable or already being included (a cycle) is a finding (SRC001) and
its command is left in place; the rest is read. Commented-out and verbatim commands are not
followed. The depth and the number of files are bounded. A package of the project's own
(``\\usepackage{preamble}`` with ``preamble.sty`` beside the manuscript) is read after its
command; other packages are LaTeX's and left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from citecheck.errors import InputError
from citecheck.inputs.latex_scan import Braces, Regions, arguments, brace_table, not_source
from citecheck.inputs.sidefiles import (
    MAX_SIDE_FILES,
    find_side_file,
    outside,
    project_root,
    read_side_file,
    shown,
)
from citecheck.model import Finding, Origin, Span
from citecheck.positions import LineIndex
from citecheck.rules import finding

MAX_DEPTH = 20
_INCLUDE = re.compile(
    r"(?<!\\)(?:\\\\)*(?P<command>\\(?P<name>input|include|subfile|import|subimport|"
    r"inputfrom|subinputfrom|includefrom|subincludefrom)(?![A-Za-z]))"
)
_TEX_PRIMITIVE_NAME = re.compile(r"[ \t]+(?P<file>[^\s{}\\%]+)")
# a package of the project's own (``\usepackage{preamble}`` with preamble.sty beside the
# manuscript): read after its command, for the \addbibresource or \bibliography it holds
_PACKAGE = re.compile(r"(?<!\\)(?:\\\\)*(?P<command>\\(?:usepackage|RequirePackage)(?![A-Za-z]))")


@dataclass
class _Assembly:
    pieces: list[str] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # where each stretch starts in its file
    length: int = 0
    files: int = 0
    root: Path = Path()

    def emit(self, text: str, path: str, index: LineIndex, at: int) -> None:
        if not text:
            return
        line, column = index.line_col(at)
        self.origins.append(Origin(self.length, path, line, column))
        self.starts.append(at)
        self.pieces.append(text)
        self.length += len(text)


@dataclass(frozen=True)
class Assembled:
    """The project's text, where each stretch came from (empty: the main file alone), and
    the findings about files that could not be followed."""

    text: str
    origins: tuple[Origin, ...]
    problems: tuple[Finding, ...]
    files: tuple[str, ...]  # the included files, as shown in reports
    starts: tuple[int, ...] = ()  # where each origin's stretch starts in its file's text


def assemble(text: str, path: str) -> Assembled:
    """The main file's ``text`` (its file at ``path``) with its includes spliced in."""
    work = _Assembly(root=project_root(Path(path).parent))
    main = Path(path).parent
    included: list[str] = []
    _walk(text, "", Path(path), main, work, (Path(path).resolve(),), included)
    if not included:
        return Assembled(text, (), tuple(work.problems), ())
    return Assembled(
        "".join(work.pieces),
        tuple(work.origins),
        tuple(work.problems),
        tuple(included),
        tuple(work.starts),
    )


def _walk(
    text: str,
    shown_path: str,
    real: Path,
    main: Path,
    work: _Assembly,
    stack: tuple[Path, ...],
    included: list[str],
) -> None:
    index = LineIndex(text)
    masked = Regions(not_source(text))
    braces = brace_table(text)
    pos = 0
    found = sorted([*_INCLUDE.finditer(text), *_own_packages(text)], key=lambda m: m.start())
    for m in found:
        start = m.start("command")
        if start < pos or masked.covers(start):
            continue
        if "name" not in m.groupdict():
            where = (shown_path, real, main, index)
            pos = _package(text, m, braces, where, work, (stack, included), pos)
            continue
        target, end = _target(text, m, braces)
        if target is None:
            continue
        work.emit(text[pos:start], shown_path, index, pos)
        directories = [main, real.parent] if m.group("name") != "subfile" else [real.parent, main]
        if m.group("name") in ("import", "inputfrom", "includefrom"):
            directories = [main / target[0], real.parent / target[0]]
        elif m.group("name").startswith("sub") and m.group("name") != "subfile":
            directories = [real.parent / target[0]]
        name = target[1]
        file = find_side_file(name, directories, (".tex",))
        problem, child = _load(file, stack, work)
        command = text[start:end]
        one_line = " ".join(command.split())
        if problem:
            span = Span(work.length, work.length + len(command))
            work.emit(command, shown_path, index, start)
            work.problems.append(
                finding(
                    "SRC001",
                    f"'{one_line}': {shown(file)} {problem}; not included",
                    span,
                    evidence={"file": shown(file), "reason": problem},
                )
            )
        else:
            work.files += 1
            if child and not child.endswith("\n"):
                child += "\n"  # LaTeX ends an input file's last line: a comment ends there
            included.append(shown(file))
            _walk(child, shown(file), file, main, work, (*stack, file.resolve()), included)
        pos = end
    work.emit(text[pos:], shown_path, index, pos)


def _own_packages(text: str) -> list[re.Match[str]]:
    return list(_PACKAGE.finditer(text)) if "package" in text.lower() else []


def _package(
    text: str,
    m: re.Match[str],
    braces: Braces,
    where: tuple[str, Path, Path, LineIndex],
    work: _Assembly,
    seen: tuple[tuple[Path, ...], list[str]],
    pos: int,
) -> int:
    """Splice the project's own packages a ``\\usepackage`` names after the command (a
    package not beside the manuscript is LaTeX's: left alone, no finding); where the text
    goes on."""
    shown_path, real, main, index = where
    stack, included = seen
    args, end = arguments(text, m.end(), "om", braces)
    names = [n.strip() for n in (args[-1] or "").split(",") if n.strip()]
    local = [find_side_file(f"{n}.sty", [main, real.parent]) for n in names]
    local = [f for f in local if f.is_file()]
    if not local:
        return pos
    work.emit(text[pos:end], shown_path, index, pos)
    for file in local:
        problem, child = _load(file, stack, work)
        if problem is None:
            work.files += 1
            included.append(shown(file))
            _walk(child + "\n", shown(file), file, main, work, (*stack, file.resolve()), included)
    return end


def _target(text: str, m: re.Match[str], braces: Braces) -> tuple[tuple[str, str] | None, int]:
    """The directory and file a command names, and where the command ends."""
    name = m.group("name")
    if name in ("input",) and not text.startswith("{", m.end()):
        primitive = _TEX_PRIMITIVE_NAME.match(text, m.end())
        if primitive is None:
            return None, m.end()
        return ("", primitive.group("file")), primitive.end()
    two = name not in ("input", "include", "subfile")
    args, end = arguments(text, m.end(), "mm" if two else "m", braces)
    if any(a is None for a in args) or not all(a and a.strip() for a in args):
        return None, m.end()
    values = [str(a).strip() for a in args]
    return ((values[0], values[1]) if two else ("", values[0])), end


def _load(file: Path, stack: tuple[Path, ...], work: _Assembly) -> tuple[str | None, str]:
    """Why ``file`` cannot be included (``None`` when it can), and its text."""
    if not file.is_file():
        return "does not exist", ""
    if outside(file, work.root):
        return f"is outside the manuscript's project ({work.root}) and is not read", ""
    if file.resolve() in stack:
        return "includes itself (a cycle)", ""
    if len(stack) > MAX_DEPTH:
        return f"is nested more than {MAX_DEPTH} levels deep", ""
    if work.files >= MAX_SIDE_FILES:
        return f"is past the limit of {MAX_SIDE_FILES} included files", ""
    try:
        return None, read_side_file(file)
    except InputError as exc:
        return str(exc), ""
