"""``citecheck fix``: write a copy of a manuscript renumbered in first-citation order, and a
unified diff. Never in place. The renumbering itself is :mod:`citecheck.renumber`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from citecheck.checks.keyed import is_keyed
from citecheck.citations.ranges import compact_numbers
from citecheck.cli.files import write_atomically
from citecheck.cli.fix_authordate import fix_authordate
from citecheck.cli.fix_bib import fix_keyed
from citecheck.cli.online import add_online_options
from citecheck.cli.options import output_option
from citecheck.errors import InputError
from citecheck.inputs import format_for
from citecheck.model import Document
from citecheck.pipeline import analyze
from citecheck.renumber import Renumbering, renumber, unified_diff


def default_outputs(manuscript: str) -> tuple[Path, Path]:
    """``paper.md`` → ``paper.fixed.md`` and ``paper.fixed.diff``, beside the original."""
    p = Path(manuscript)
    suffix = p.suffix or ".md"
    return p.with_name(f"{p.stem}.fixed{suffix}"), p.with_name(f"{p.stem}.fixed.diff")


def encoded(doc: Document, text: str) -> bytes:
    """``text`` as the manuscript was stored: its encoding, BOM and line endings."""
    if doc.had_crlf:
        text = text.replace("\n", "\r\n")
    return (("\ufeff" if doc.had_bom else "") + text).encode(doc.encoding)


def refuse_binary(manuscript: str) -> None:
    """A manuscript that is not text (Word) cannot be rewritten as a text copy: one line
    saying what to do instead (exit 3)."""
    fmt = format_for(manuscript)
    if fmt.read_text is None:
        instead = _INSTEAD.get(fmt.name, _INSTEAD["docx"])
        raise InputError(
            f"{manuscript}: citecheck fix does not rewrite {fmt.name} files; {instead} "
            "('citecheck check' lists what is out of order)"
        )


_INSTEAD = {
    "docx": "renumber in your citation manager or by hand",
    "jats": "correct the source the XML was made from, or its <ref-list> and <xref> by hand",
    "pdf": "correct the document the PDF was made from (Word, LaTeX, Markdown) and print it again",
}


def _same_file(a: Path, b: Path) -> bool:
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def _check_targets(manuscript: str, targets: list[Path], force: bool) -> None:
    source = Path(manuscript)
    for target in targets:
        if _same_file(target, source):
            raise click.UsageError(
                f"{target} is the manuscript itself; citecheck fix never writes in place"
            )
        if target.exists() and not force:
            raise click.ClickException(f"{target} exists; use --force to overwrite it")
    if len(targets) == 2 and _same_file(*targets):
        raise click.UsageError("the renumbered copy and the diff cannot be the same file")


def _report(result: Renumbering, output: Path) -> None:
    if not result.changed:
        click.echo(
            f"citecheck: references are already in first-citation order; "
            f"{output} is an identical copy",
            err=True,
        )
        return
    click.echo(
        f"citecheck: wrote {output}: {result.entries_moved} references renumbered, "
        f"{result.citations_rewritten} citation groups rewritten",
        err=True,
    )
    if result.uncited:
        new = [result.mapping[n] for n in result.uncited]
        one = len(new) == 1
        click.echo(
            f"citecheck: {'reference' if one else 'references'} "
            f"{compact_numbers(result.uncited)} {'is' if one else 'are'} never cited; "
            f"moved to the end of the list as {compact_numbers(new)}",
            err=True,
        )


@click.command()
@click.argument("manuscript", type=click.Path(dir_okay=True))
@output_option("The renumbered copy (default: NAME.fixed.md beside MANUSCRIPT).")
@click.option(
    "--diff",
    "diff_path",
    default=None,
    metavar="FILE",
    help="The unified diff (default: NAME.fixed.diff beside MANUSCRIPT; '-' for stdout).",
)
@click.option("--force", is_flag=True, default=False, help="Overwrite existing output files.")
@add_online_options
def fix(
    manuscript: str,
    output: str | None,
    diff_path: str | None,
    force: bool,
    **online_options: object,
) -> None:
    """Write a copy of MANUSCRIPT renumbered in first-citation order, and a diff.

    Every in-text citation and the reference list are renumbered the way ICMJE asks:
    references numbered in the order they are first cited. Uncited references go to the end.
    MANUSCRIPT itself is never changed. A Word document is not rewritten (exit 3).

    An author-date Markdown manuscript gets the a/b suffixes that entries by the same
    authors in the same year lack, in title order, in its list and in the citations whose
    names tell the entries apart; the others are listed for you to letter.

    A LaTeX or pandoc manuscript (cite keys and a .bib) is numbered by LaTeX or pandoc:
    with --online (or --offline --lock FILE), each .bib gets a copy NAME.fixed.bib with
    the DOIs found added, and NAME.fixed.diff.
    """
    from citecheck.cli import (
        _read,  # the CLI's reader (warnings on stderr); imported late: no cycle
    )

    refuse_binary(manuscript)
    keyed = format_for(manuscript).name in ("latex", "pandoc")
    if keyed or Path(manuscript).suffix.lower() in (".md", ".markdown"):
        analysis = analyze(_read(manuscript))
        if analysis.system == "author-date" and not keyed:
            out, diff = _targets(manuscript, output, diff_path, force)
            text = fix_authordate(manuscript, analysis, out)
            _write(analysis.document, text, manuscript, out, diff)
            return
        if analysis.system in ("author-date", "unknown"):
            raise InputError(
                f"{manuscript}: citecheck fix renumbers numbered manuscripts and corrects .bib "
                f"files; this one cites {analysis.system} and is not rewritten"
            )
        if is_keyed(analysis.references):
            fix_keyed(manuscript, analysis, online_options, output, diff_path, force)
            return
    out, diff = _targets(manuscript, output, diff_path, force)
    doc = _read(manuscript)
    analysis = analyze(doc)
    if analysis.system in ("author-date", "unknown"):
        raise InputError(
            f"{manuscript}: citecheck fix renumbers numbered manuscripts, letters author-date "
            f"Markdown and corrects .bib files; this one cites {analysis.system} and is not "
            "rewritten"
        )
    result = renumber(analysis)
    _write(doc, result.text, manuscript, out, diff)
    _report(result, out)


def _targets(
    manuscript: str, output: str | None, diff_path: str | None, force: bool
) -> tuple[Path, Path | None]:
    """The copy and the diff to write (``None``: the diff on standard output), checked."""
    default_out, default_diff = default_outputs(manuscript)
    out = Path(output) if output else default_out
    diff = None if diff_path == "-" else Path(diff_path) if diff_path else default_diff
    _check_targets(manuscript, [out] if diff is None else [out, diff], force)
    return out, diff


def _write(doc: Document, text: str, manuscript: str, out: Path, diff: Path | None) -> None:
    patch = unified_diff(doc.text, text, manuscript, str(out))
    write_atomically(out, encoded(doc, text))
    if diff is None:
        click.echo(patch, nl=False)
    else:
        write_atomically(diff, patch)
