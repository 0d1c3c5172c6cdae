"""Command-line options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


def output_option(help_text: str) -> Callable[[Any], Any]:
    """``-o/--output FILE`` for every command that writes a file."""
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False), default=None, help=help_text
    )
