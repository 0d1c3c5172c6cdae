"""``citecheck fix`` on an author-date Markdown manuscript: the copy with the a/b suffixes
CIT007 asks for (:mod:`citecheck.adsuffix`), and one line on standard error for each
citation it could not letter."""

from __future__ import annotations

from pathlib import Path

import click

from citecheck.adsuffix import add_suffixes
from citecheck.locations import Locator
from citecheck.pipeline import Analysis


def fix_authordate(manuscript: str, analysis: Analysis, out: Path) -> str:
    """The lettered text of ``analysis``'s manuscript; says on stderr what was done."""
    result = add_suffixes(analysis)
    if not result.changed:
        click.echo(
            f"citecheck: no entries by the same authors and year lack a/b suffixes; "
            f"{out} is an identical copy",
            err=True,
        )
    else:
        entries = ", ".join(f"{key} -> {year}" for key, year in result.lettered)
        click.echo(
            f"citecheck: wrote {out}: {len(result.lettered)} entries lettered ({entries}), "
            f"{result.citations_lettered} citations lettered",
            err=True,
        )
    locator = Locator(analysis.document)
    for u in result.undecided:
        place = locator.locate(u.span.start)
        click.echo(
            f"{place.path}:{place.line}:{place.column}: citation {u.text!r} may cite "
            f"{' or '.join(u.keys)}: add the letter by hand",
            err=True,
        )
    for keys in result.skipped:
        click.echo(
            f"citecheck: entries {', '.join(keys)} not lettered (some have a letter, or "
            "their year was not found): letter them by hand",
            err=True,
        )
    return result.text
