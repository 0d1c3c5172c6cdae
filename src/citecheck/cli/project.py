"""``citecheck check`` with no manuscript named: the manuscripts of the Quarto project the
working directory is in, or a usage error that says what to give."""

from __future__ import annotations

import os
from pathlib import Path

import click

from citecheck.errors import InputError
from citecheck.inputs.pandoc_meta import find_quarto_project


def project_manuscripts(cwd: Path) -> tuple[str, ...]:
    """The manuscripts a Quarto project in ``cwd`` (or above) renders, as paths relative to
    ``cwd``. Raises :class:`click.UsageError` outside a project, or in one with none."""
    try:
        project = find_quarto_project(cwd)
    except InputError as exc:
        raise click.UsageError(str(exc)) from None
    if project is None:
        raise click.UsageError(
            "name the manuscripts to check (or run in a Quarto project: a _quarto.yml here "
            "or above)"
        )
    files = [f for f in project.files if f.is_file()]
    if not files:
        raise click.UsageError(f"{project.path}: the project names no manuscript that exists")
    return tuple(os.path.relpath(f, cwd) for f in files)
