"""How a finding's message quotes what the text prints."""

from __future__ import annotations


def quoted(text: str) -> str:
    """``text`` in quotes as a message shows it: as written (a LaTeX ``\\cite{a}`` keeps one
    backslash), on one line, in double quotes when it holds a single one."""
    one_line = " ".join(text.split("\n"))
    return f'"{one_line}"' if "'" in one_line and '"' not in one_line else f"'{one_line}'"
