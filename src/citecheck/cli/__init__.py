"""The command line: thin click commands over the library (IO lives here).

Exit codes, the first that applies: 2 usage error, 3 could not run (some manuscript
unreadable or without a reference list, an output that cannot be written), 4 some reference
could not be checked online (only with ``--fail-on-unverified``), 1 findings at or above the
threshold, 0 clean; 70 an internal error (a bug).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import click

from citecheck import __version__
from citecheck.claims.claimfile import ClaimFileError
from citecheck.cli.corpus import CorpusChoice, add_corpus_options, run_corpus
from citecheck.cli.files import (
    STDIN,
    check_output_directory,
    read_stdin,
    refuse_manuscript,
    write_atomically,
)
from citecheck.cli.group import CitecheckGroup
from citecheck.cli.online import (
    add_online_options,
    lockfile_errors,
    progress_for,
    verify_for_cli,
    warn_about_coverage,
    write_lock,
)
from citecheck.cli.options import citation_style_option, output_option
from citecheck.cli.settings import (
    OnlineChoice,
    check_options,
    check_rule_options,
    configured,
    online_choice,
)
from citecheck.config import config_for
from citecheck.errors import EXIT_CANNOT_RUN, EXIT_OK, EXIT_USAGE, InputError, NoReferenceSection
from citecheck.inputs import EncodingFallbackWarning, ReaderSettings, read_document
from citecheck.manuscript import check_manuscript
from citecheck.model import Document, Reference, RefKey
from citecheck.options import CheckOptions
from citecheck.pipeline import analyze
from citecheck.registry.open import open_run_registry
from citecheck.registry.protocol import Registry
from citecheck.report.baseline import apply_baseline, baseline_json, read_baseline
from citecheck.report.escape import printable
from citecheck.report.formats import FORMATS, render_report
from citecheck.report.json import references_json
from citecheck.results import FAIL_ON, ManuscriptFailure, ManuscriptResult, exit_code

# Failures of one manuscript: the rest of a batch is still checked (exit 3 at the end).
MANUSCRIPT_FAILURES = (InputError, NoReferenceSection, ClaimFileError)


def _read(path: str, settings: ReaderSettings | None = None) -> Document:
    if path == STDIN:
        return read_stdin()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EncodingFallbackWarning)
        doc = read_document(path, settings)
    for w in caught:
        click.echo(f"citecheck: warning: {w.message}", err=True)
    return doc


def _write_or_echo(text: str, output: str | None, colour: bool | None = None) -> None:
    if output and output != STDIN:
        write_atomically(output, text)
    else:
        click.echo(text, nl=False, color=colour)


def _split_rules(values: Sequence[str]) -> list[str]:
    return [part for v in values for part in v.split(",") if part.strip()]


@click.group(
    cls=CitecheckGroup,
    lazy={"fix": "citecheck.cli.fix:fix", "registry": "citecheck.cli.registry:registry"},
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="citecheck")
def main() -> None:
    """Audit the references, in-text citations and claims of a scientific manuscript."""


@main.command()
@click.argument("manuscript", type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["bibtex", "json"]),
    default="bibtex",
    show_default=True,
    help="Output format.",
)
@output_option("Write to FILE instead of standard output.")
@add_online_options
def refs(manuscript: str, fmt: str, output: str | None, **online_options: object) -> None:
    """Print MANUSCRIPT's reference list as BibTeX or JSON.

    With --online, DOIs verified or found in Crossref are added to the entries that lack one.
    MANUSCRIPT "-" reads standard input (Markdown).
    """
    refuse_manuscript(output, [manuscript], "-o")
    refuse_manuscript(str(online_options.get("lock_path") or ""), [manuscript], "--lock")
    check_output_directory(output)
    doc = _read(manuscript)
    references = analyze(doc).references
    online = verify_for_cli(references, online_choice(online_options))
    if online is not None:
        references = with_found_dois(references, online.found_dois)
        for finding in online.findings:
            if finding.rule.startswith("NET"):
                click.echo(f"citecheck: {finding.rule}: {printable(finding.message)}", err=True)
    if fmt == "bibtex":
        from citecheck.bibliography.bibtex import (
            bibtex_from_references,  # bibtexparser, only for this command
        )

        text = bibtex_from_references(references)
    else:
        text = references_json(references)
    _write_or_echo(text, output)


def with_found_dois(
    references: Sequence[Reference], found: Mapping[RefKey, str]
) -> tuple[Reference, ...]:
    """References with the DOIs the registry found for them (printed DOIs are kept)."""
    return tuple(
        replace(r, doi=found[r.key]) if not r.doi and r.key in found else r for r in references
    )


CHECK_FORMATS = (*FORMATS, "jsonl")


@main.command()
@click.argument("manuscripts", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@output_option("Write the report to FILE instead of standard output.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is reported.",
)
@click.option(
    "--fail-on-unverified/--no-fail-on-unverified",
    default=False,
    help="Exit 4 when some reference could not be checked online (network down, a lockfile "
    "without its answer): a CI job that verifies references fails when verification did "
    "not happen.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Report only these rules or rule prefixes (e.g. CIT,REF002).",
)
@click.option(
    "--ignore", multiple=True, metavar="RULES", help="Do not report these rules or rule prefixes."
)
@click.option(
    "--claims",
    "claims_file",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Claim file (YAML) to check; default: found by name.",
)
@click.option(
    "--no-claims",
    is_flag=True,
    default=False,
    help="Do not look for a claim file or inline claim tags.",
)
@click.option(
    "--skip-no-references",
    is_flag=True,
    default=False,
    help="Skip (with a note) a file that has no reference list, instead of exit 3; "
    "for hooks that see every Markdown file.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report (default: on a terminal, unless NO_COLOR is set).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Configuration file (default: citecheck.toml or pyproject.toml [tool.citecheck], "
    "found from the manuscript's directory upwards).",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Report only findings that are not in this baseline file.",
)
@click.option(
    "--bibliography",
    multiple=True,
    metavar="FILE",
    help="A .bib, CSL-JSON or CSL-YAML bibliography for pandoc Markdown manuscripts that "
    "name none (as pandoc's --bibliography).",
)
@citation_style_option
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write every finding reported now to this baseline file, and exit 0.",
)
@add_online_options
@add_corpus_options
def check(
    manuscripts: tuple[str, ...],
    fmt: str,
    output: str | None,
    fail_on: str,
    fail_on_unverified: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    claims_file: str | None,
    no_claims: bool,
    skip_no_references: bool,
    color: bool | None,
    config_path: str | None,
    baseline: str | None,
    write_baseline_path: str | None,
    bibliography: tuple[str, ...],
    citation_style: str | None,
    **online_options: object,
) -> None:
    """Audit MANUSCRIPTS: references, in-text citations, numbering, claims.

    With no MANUSCRIPTS, in a Quarto project (a _quarto.yml here or above), the
    manuscripts the project renders.

    A manuscript that cannot be read or has no reference list is reported (exit 3) and the
    others are still checked. MANUSCRIPT "-" reads standard input (Markdown).
    """
    check_rule_options(select=select, ignore=ignore)
    corpus = CorpusChoice.pop(online_options)
    if not (manuscripts or corpus.paths_from):
        from citecheck.cli.project import project_manuscripts

        manuscripts = project_manuscripts(Path.cwd())
    if claims_file and len(manuscripts) > 1:
        raise click.UsageError("--claims takes one manuscript at a time")
    if online_options.get("lock_path") and len(manuscripts) > 1:
        raise click.UsageError("--lock takes one manuscript at a time")
    if manuscripts.count(STDIN) > 1:
        raise click.UsageError("standard input (-) can be read once")
    config = config_for(config_path, manuscripts, Path.cwd())
    values = configured(click.get_current_context(), config, CHECK_FORMATS)
    choice = online_choice(values)
    refuse_manuscript(output, manuscripts, "-o")
    refuse_manuscript(write_baseline_path, manuscripts, "--write-baseline")
    refuse_manuscript(choice.write_lock, manuscripts, "--lock")
    for target in (output, write_baseline_path, choice.write_lock):
        check_output_directory(target)
    options = check_options(values, config, choice)
    settings = ReaderSettings(config.cite_commands, tuple(bibliography))
    if corpus.wanted(manuscripts, str(values["fmt"])):
        if baseline or write_baseline_path or online_options.get("lock_path"):
            raise click.UsageError("--baseline, --write-baseline, --lock take files, not a corpus")
        colour = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        run = dict(fail_on=str(values["fail_on"]), skip_no_references=skip_no_references)
        unverified = bool(values.get("fail_on_unverified"))
        sys.exit(run_corpus(manuscripts, corpus, options, settings, fmt=str(values["fmt"]),
                            output=output, colour=colour if color is None else color,
                            fail_on_unverified=unverified, **run))  # type: ignore[arg-type]  # fmt: skip
    results: list[ManuscriptResult] = []
    failures: list[ManuscriptFailure] = []
    registry = open_run_registry(options.online) if options.online is not None else None
    for path in manuscripts:
        try:
            result = _check_one(path, options, choice, skip_no_references, settings, registry)
        except MANUSCRIPT_FAILURES as exc:
            failures.append(_failure(path, exc))
            continue
        if result is not None:
            results.append(result)
    fmt, fail_on = str(values["fmt"]), str(values["fail_on"])
    baseline = str(values["baseline"]) if values.get("baseline") else None
    if write_baseline_path:
        write_atomically(write_baseline_path, baseline_json(results))
        count = sum(len(r.findings) for r in results)
        click.echo(f"citecheck: wrote {count} findings to {write_baseline_path}", err=True)
    elif baseline:
        results = apply_baseline(results, read_baseline(str(baseline)))
    if color is None:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if results or not failures:  # nothing checked at all: stderr said why, no report
        report = render_report(fmt, results, fail_on=fail_on, colour=color, failures=failures)
        _write_or_echo(report, output, colour=color)
    code = exit_code(
        results,
        fail_on,
        failures=failures,
        fail_on_unverified=bool(values.get("fail_on_unverified")),
    )
    sys.exit(EXIT_OK if write_baseline_path and code != EXIT_CANNOT_RUN else code)


def _failure(path: str, exc: Exception) -> ManuscriptFailure:
    """A manuscript that could not be checked, said on one line of standard error."""
    shown = "<stdin>" if path == STDIN else path
    reason = " ".join(str(exc).split())
    if reason.startswith(f"{shown}: "):
        reason = reason[len(shown) + 2 :]
    click.echo(f"citecheck: error: {printable(shown)}: {printable(reason)}", err=True)
    return ManuscriptFailure(shown, reason)


def _check_one(
    path: str,
    options: CheckOptions,
    choice: OnlineChoice,
    skip_no_references: bool,
    settings: ReaderSettings | None = None,
    registry: Registry | None = None,
) -> ManuscriptResult | None:
    """Read and check one manuscript, with a progress bar when checking online on a
    terminal, and record its lockfile; ``None`` when it has no reference list and
    ``--skip-no-references`` said to skip it. ``registry``: the run's, shared by its
    manuscripts (None: the manuscript opens its own)."""
    document = _read(path, settings)
    try:
        with lockfile_errors(), progress_for(choice) as progress:
            result = check_manuscript(document, options, registry=registry, progress=progress)
    except NoReferenceSection:
        if not skip_no_references:
            raise
        click.echo(f"citecheck: note: {document.path}: no reference list; skipped", err=True)
        return None
    write_lock(choice, result.online)
    warn_about_coverage(document.path, choice, result.online)
    return result


@main.group()
def claims() -> None:
    """Work with claim files."""


@claims.command("extract")
@click.argument("manuscript", type=click.Path())
@output_option("Write the candidate claim file to FILE (YAML).")
@click.option("--force", is_flag=True, default=False, help="Overwrite an existing FILE.")
def claims_extract(manuscript: str, output: str | None, force: bool) -> None:
    """Mine candidate claims (sentences with quantities and their citations)."""
    from citecheck.claims import claim_file_text, extract_claims

    refuse_manuscript(output, [manuscript], "-o")
    if output and Path(output).exists() and not force:
        raise click.ClickException(f"{output} exists; use --force to overwrite it")
    analysis = analyze(_read(manuscript))
    found = extract_claims(
        analysis.document.text,
        analysis.citations,
        body_end=analysis.body_end,
        document=analysis.document,
    )
    _write_or_echo(claim_file_text(found, Path(manuscript).name), output)
    if output:
        click.echo(f"wrote {len(found)} candidate claims to {output}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()


__all__ = ["EXIT_USAGE", "main"]
