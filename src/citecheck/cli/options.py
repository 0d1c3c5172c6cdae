"""Command-line options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from citecheck.checks.audit import CITATION_STYLES


def output_option(help_text: str) -> Callable[[Any], Any]:
    """``-o/--output FILE`` for every command that writes a file."""
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False), default=None, help=help_text
    )


def citation_style_option(command: Any) -> Any:
    """``--citation-style apa|harvard|chicago``: the author-date style rules (CIT009–CIT011)."""
    return click.option(
        "--citation-style",
        type=click.Choice(CITATION_STYLES),
        default=None,
        help="Author-date style rules (CIT009-CIT011); default: apa (APA 7).",
    )(command)
