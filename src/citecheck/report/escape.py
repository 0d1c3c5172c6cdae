"""Text from a manuscript or a registry, made safe to print on one line of a terminal or a CI
log: a registry title with a newline and ``::error`` must not become a GitHub workflow
command or a fake finding line, an escape sequence must not recolour the terminal, and a
bidirectional override must not reorder what the reader sees."""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Bidirectional embeddings, overrides and isolates (Trojan Source), and line/paragraph
# separators: not control characters by category, but they change what a line shows.
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character (C0, DEL, C1), line or paragraph separator and
    bidirectional control written as a visible escape (``\\n``, ``\\x1b``, ``\\u202e``);
    anything else unchanged."""
    if text.isprintable():
        return text
    return "".join(
        _escaped(c) if c in _INVISIBLE or unicodedata.category(c) == "Cc" else c for c in text
    )
