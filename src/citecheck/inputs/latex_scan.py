"""LaTeX source as the other LaTeX modules need it: what is not text (comments, verbatim
environments, macro definitions, the preamble, labels and other markup) and the arguments
of a command. Pure functions over the source; each scan is one pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from citecheck.model import Span

VERBATIM_ENVIRONMENTS = (
    "verbatim",
    "verbatim*",
    "Verbatim",
    "BVerbatim",
    "lstlisting",
    "minted",
    "comment",
    "filecontents",
    "filecontents*",
    "alltt",
)
DEFINITIONS = (
    "newcommand",
    "renewcommand",
    "providecommand",
    "DeclareRobustCommand",
    "newenvironment",
    "renewenvironment",
    "NewDocumentCommand",
    "RenewDocumentCommand",
    "ProvideDocumentCommand",
    "DeclareDocumentCommand",
    "NewDocumentEnvironment",
    "def",
    "gdef",
    "edef",
    "xdef",
    "let",
)
# Commands whose arguments are names, files or layout, never prose.
MARKUP = (
    "label",
    "ref",
    "eqref",
    "pageref",
    "cref",
    "Cref",
    "autoref",
    "url",
    "includegraphics",
    "usepackage",
    "RequirePackage",
    "documentclass",
    "bibliographystyle",
    "input",
    "include",
    "subfile",
    "begin",
    "end",
    "setlength",
    "vspace",
    "hspace",
)
MAX_OPTIONAL = 2_000  # characters an optional argument may span before it is taken as unclosed

_ESCAPED = r"(?<!\\)(?:\\\\)*"
_TOKENS = re.compile(
    _ESCAPED
    + r"(?P<token>(?P<comment>%)"
    + r"|\\begin\s*\{(?P<env>"
    + "|".join(re.escape(e) for e in VERBATIM_ENVIRONMENTS)
    + r")\}"
    + r"|\\(?P<verb>verb|lstinline)\*?(?=[^A-Za-z\s{])"
    + r"|\\(?P<define>"
    + "|".join(DEFINITIONS)
    + r")(?![A-Za-z])"
    + r"|\\(?P<markup>"
    + "|".join(MARKUP)
    + r")(?![A-Za-z])\*?"
    + r"|\\iffalse(?![A-Za-z])"
    + r"|\\(?P<option>(?![A-Za-z]*cite)(?!item(?![A-Za-z]))[A-Za-z@]+)\*?(?=\[))"
)
_BEGIN_DOCUMENT = re.compile(r"\\begin\s*\{document\}")
_FI = re.compile(r"\\fi(?![A-Za-z])")


_GROUP_TOKENS = re.compile(r"\\.|[{}\])]|%[^\n]*|\n[ \t]*\n", re.DOTALL)


class Braces:
    """Where each argument of a text ends, found in one pass: each ``{`` to just after its
    matching ``}``, and the places that end or interrupt an optional argument (``]``,
    ``)``, ``{``, a blank line), escapes and comments skipped. Every look-up is then a
    dictionary access or a bisection, so reading all of a text's commands stays linear
    however its braces and brackets are (un)balanced."""

    def __init__(self, text: str) -> None:
        self._ends: dict[int, int] = {}
        self._stops: list[int] = []
        self._kinds: list[str] = []
        stack: list[int] = []
        for m in _GROUP_TOKENS.finditer(text):
            token = m.group(0)
            if token == "{":
                stack.append(m.start())
            elif token == "}":
                if stack:
                    self._ends[stack.pop()] = m.end()
                continue
            elif token[0] in "\\%":
                continue
            self._stops.append(m.start())
            self._kinds.append(token if token in "{])" else "\n")

    def get(self, start: int) -> int | None:
        """Just after the ``}`` that closes the ``{`` at ``start`` (``None``: not closed)."""
        return self._ends.get(start)

    def optional_end(self, start: int, closing: str, limit: int) -> int | None:
        """Just after the ``closing`` that ends the optional argument opening at ``start``:
        the first outside braces, before ``limit`` and before a blank line."""
        i = start + 1
        while True:
            k = bisect_left(self._stops, i)
            if k == len(self._stops) or self._stops[k] >= limit:
                return None
            at, kind = self._stops[k], self._kinds[k]
            if kind == closing:
                return at + 1
            if kind == "\n":
                return None  # an optional argument does not run over a blank line
            if kind == "{":
                end = self._ends.get(at)
                if end is None:
                    return None
                i = end
            else:
                i = at + 1


def brace_table(text: str) -> Braces:
    """The :class:`Braces` of ``text``."""
    return Braces(text)


def group_end(
    text: str, start: int, braces: Braces, opening: str = "{", closing: str = "}"
) -> int | None:
    """With ``text[start] == opening``, the index just after the matching ``closing``;
    ``None`` when it is not closed. A braced group is looked up in ``braces``; an optional
    ``[…]`` or ``(…)`` ends, as in LaTeX, at the first ``closing`` outside braces, within
    ``MAX_OPTIONAL`` characters and not over a blank line."""
    if opening == "{":
        return braces.get(start)
    return braces.optional_end(start, closing, min(len(text), start + MAX_OPTIONAL))


def skip_space(text: str, i: int) -> int:
    """Past spaces and at most one line break (a blank line ends a command's arguments)."""
    newline = False
    while i < len(text) and text[i] in " \t\n":
        if text[i] == "\n":
            if newline:
                break
            newline = True
        i += 1
    return i


def arguments(text: str, i: int, spec: str, braces: Braces) -> tuple[list[str | None], int]:
    """Read a command's arguments from ``i`` by ``spec``: ``o`` an optional ``[…]``, ``p``
    an optional ``(…)``, ``m`` a mandatory ``{…}``. Returns the argument texts (``None`` for
    an optional one that is absent, and for a mandatory one that is missing or unclosed, in
    which case reading stops) and where they end. ``braces``: :func:`brace_table` of
    ``text``."""
    out: list[str | None] = []
    end = i
    for kind in spec:
        j = skip_space(text, end)
        opening = {"o": "[", "p": "(", "m": "{"}[kind]
        if j < len(text) and text[j] == opening:
            close = group_end(text, j, braces, opening, {"[": "]", "(": ")", "{": "}"}[opening])
            if close is not None:
                out.append(text[j + 1 : close - 1])
                end = close
                continue
        out.append(None)
        if kind == "m":
            break
    return out, end


def not_text(text: str, *, preamble: bool = True, markup: bool = True) -> list[Span]:
    """The regions of LaTeX source that are not prose, sorted and not overlapping: the
    preamble, comments, verbatim environments and ``\\verb``, macro definitions,
    ``\\iffalse … \\fi``, and markup commands with their arguments (labels, references,
    URLs, graphics, environment names)."""
    spans: list[Span] = []
    braces = brace_table(text)
    begin = _BEGIN_DOCUMENT.search(text)
    pos = 0
    if preamble and begin is not None and "\\documentclass" in text[: begin.start()]:
        spans.append(Span(0, begin.end()))
        pos = begin.end()
    while True:
        m = _TOKENS.search(text, pos)
        if m is None:
            break
        if (m.group("markup") or m.group("option")) and not markup:
            pos = m.end()
            continue
        end = _token_end(text, m, braces)
        spans.append(Span(m.start("token"), end))
        pos = max(end, m.end())
    return spans


def not_source(text: str) -> list[Span]:
    """What LaTeX itself skips: comments, verbatim, definitions, ``\\iffalse`` — the regions
    where a command is not a command. For the commands that matter in the preamble and in
    markup too (``\\input{macros}``, ``\\addbibresource{…}``, ``\\begin{thebibliography}``)."""
    return not_text(text, preamble=False, markup=False)


def _token_end(text: str, m: re.Match[str], braces: Braces) -> int:
    if m.group("comment"):
        newline = text.find("\n", m.end())
        return len(text) if newline < 0 else newline
    if m.group("env"):
        env_end = re.compile(r"\\end\s*\{" + re.escape(m.group("env")) + r"\}")
        found = env_end.search(text, m.end())
        return found.end() if found else len(text)
    if m.group("verb"):
        delimiter = text[m.end()]
        close = text.find(delimiter, m.end() + 1)
        if close < 0 or "\n" in text[m.end() : close]:
            return m.end() + 1  # \verb ends on its line
        return close + 1
    if m.group("define"):
        return _definition_end(text, m.end(), braces)
    if m.group("option"):  # ``\\Author[1]{…}``: an optional argument is never prose
        return arguments(text, m.end(), "o", braces)[1]
    if m.group("markup"):
        spec = "mo" if m.group("markup") == "begin" else "om"
        return arguments(text, m.end(), spec, braces)[1]
    fi = _FI.search(text, m.end())  # \iffalse
    return fi.end() if fi else m.end()


def _definition_end(text: str, i: int, braces: Braces) -> int:
    """Past a definition: ``\\newcommand{\\x}[1][d]{body}``, ``\\def\\x#1{body}``,
    ``\\newenvironment{e}{begin}{end}``, ``\\let\\a\\b``."""
    i = skip_space(text, i)
    if text.startswith("{", i):
        close = group_end(text, i, braces)
        if close is None:
            return i
        i = close
    else:
        name = re.compile(r"\\(?:[A-Za-z@]+|.)").match(text, i)
        i = name.end() if name else i
    m = re.compile(r"[^{}\n]{0,80}?(?=\{)|\s*\\[A-Za-z@]+").match(text, i)
    if m is None:
        return i
    i = m.end()
    if not text.startswith("{", i):
        return i
    end = i
    for _ in range(3):  # body; or begin and end code of an environment
        j = skip_space(text, end)
        if not text.startswith("{", j):
            break
        close = group_end(text, j, braces)
        if close is None:
            break
        end = close
    return end


class Regions:
    """Sorted, non-overlapping spans, asked whether they cover an offset (bisection)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans)
        self._starts = [s.start for s in self.spans]

    def covers(self, offset: int) -> bool:
        i = bisect_right(self._starts, offset) - 1
        return i >= 0 and self.spans[i].start <= offset < self.spans[i].end
