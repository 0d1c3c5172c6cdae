"""``citecheck fix`` on a keyed manuscript (LaTeX, pandoc): LaTeX and pandoc number the
references themselves, so there is nothing to renumber; what can be fixed is the .bib. Each
.bib file the manuscript uses gets a corrected copy, ``NAME.fixed.bib``, with the DOIs found
online added to the entries that lack one (every other byte as written), and
``NAME.fixed.diff``. Never in place; CSL bibliographies are not rewritten."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import click

from citecheck.bibliography.bibfix import bib_with_dois
from citecheck.cli.files import write_atomically
from citecheck.cli.online import verify_for_cli
from citecheck.cli.settings import online_choice
from citecheck.errors import InputError
from citecheck.inputs.sidefiles import read_side_file
from citecheck.locations import Locator
from citecheck.pipeline import Analysis
from citecheck.renumber import unified_diff


def bib_files_of(analysis: Analysis) -> dict[str, list[str]]:
    """The .bib files the manuscript's entries come from, each with its entries' keys."""
    locator = Locator(analysis.document)
    files: dict[str, list[str]] = defaultdict(list)
    for ref in analysis.references:
        place = locator.locate(ref.span.start)
        if ref.citekey and place.path.lower().endswith((".bib", ".bibtex", ".biblatex")):
            files[place.path].append(ref.citekey)
    return dict(files)


def fix_keyed(
    manuscript: str,
    analysis: Analysis,
    online_values: dict[str, object],
    output: str | None,
    diff_path: str | None,
    force: bool,
) -> None:
    """Write each .bib's corrected copy and diff (see the module doc)."""
    files = bib_files_of(analysis)
    if not files:
        raise InputError(
            f"{manuscript}: citecheck fix corrects a manuscript's .bib files, and this one "
            "uses none (a typed list or a CSL bibliography is not rewritten)"
        )
    choice = online_choice(online_values)
    if choice.options is None:
        raise InputError(
            f"{manuscript}: citecheck fix adds the DOIs found online to a copy of the .bib; "
            "run it with --online (or --offline --lock FILE)"
        )
    if (output or diff_path) and len(files) > 1:
        raise click.UsageError("-o and --diff name one file; this manuscript has several .bib")
    targets = {bib: _targets(bib, output, diff_path) for bib in files}
    for copy, diff in targets.values():
        for target in (copy, diff):
            if target is not None and target.exists() and not force:
                raise click.ClickException(f"{target} exists; use --force to overwrite it")
    result = verify_for_cli(analysis.references, choice)
    found = {str(k): doi for k, doi in (result.found_dois if result else {}).items()}
    for bib, keys in files.items():
        text = read_side_file(Path(bib))
        fixed = bib_with_dois(text, {k: found[k] for k in keys if k in found})
        copy, diff = targets[bib]
        write_atomically(copy, fixed.text.encode("utf-8"))
        patch = unified_diff(text, fixed.text, bib, str(copy))
        if diff is None:
            click.echo(patch, nl=False)
        else:
            write_atomically(diff, patch)
        added = len(fixed.added)
        click.echo(
            f"citecheck: wrote {copy}: {added} DOI{'s' if added != 1 else ''} added"
            + (f" ({', '.join(fixed.added[:10])})" if added else ""),
            err=True,
        )


def _targets(bib: str, output: str | None, diff_path: str | None) -> tuple[Path, Path | None]:
    path = Path(bib)
    copy = Path(output) if output else path.with_name(f"{path.stem}.fixed{path.suffix}")
    if diff_path == "-":
        return copy, None
    diff = Path(diff_path) if diff_path else path.with_name(f"{path.stem}.fixed.diff")
    if copy.resolve() == path.resolve():
        raise click.UsageError(f"{copy} is the .bib itself; citecheck fix never writes in place")
    return copy, diff
