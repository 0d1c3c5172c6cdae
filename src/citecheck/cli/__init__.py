"""The command line: thin click commands over the library (IO lives here).

Exit codes: 0 clean at the threshold, 1 findings at or above it, 2 usage error,
3 could not run (unreadable input, no reference list).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from citecheck import __version__
from citecheck.checks.audit import AuditOptions
from citecheck.cli.fix import fix
from citecheck.cli.online import add_online_options, run_online
from citecheck.cli.options import output_option
from citecheck.config import Config, ConfigError, apply_severities, claim_file_in, config_for
from citecheck.errors import EXIT_CANNOT_RUN, EXIT_USAGE, CitecheckError, NoReferenceSection
from citecheck.inputs.text import EncodingFallbackWarning, read_document
from citecheck.model import Document, Reference
from citecheck.pipeline import Analysis, analyze
from citecheck.report.baseline import apply_baseline, read_baseline, write_baseline
from citecheck.report.formats import FORMATS, render_report
from citecheck.report.json import references_json
from citecheck.results import FAIL_ON, ManuscriptResult, exit_code, select_findings

if TYPE_CHECKING:
    from citecheck.verify.run import OnlineResult


class _Group(click.Group):
    """Turns the tool's own failures into one line on stderr and a documented exit code."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except CitecheckError as exc:
            click.echo(f"citecheck: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except click.UsageError:
            raise
        except click.ClickException as exc:
            click.echo(f"citecheck: error: {exc.format_message()}", err=True)
            ctx.exit(EXIT_CANNOT_RUN if exc.exit_code == 1 else exc.exit_code)


def _read(path: str) -> Document:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EncodingFallbackWarning)
        doc = read_document(path)
    for w in caught:
        click.echo(f"citecheck: warning: {w.message}", err=True)
    return doc


def _write_or_echo(text: str, output: str | None, colour: bool | None = None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False, color=colour)


def _split_rules(values: Sequence[str]) -> list[str]:
    return [part for v in values for part in v.split(",") if part.strip()]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
    """
    doc = _read(manuscript)
    references = analyze(doc).references
    online = run_online(references, **online_options)
    if online is not None:
        references = with_found_dois(references, online.found_dois)
        for finding in online.findings:
            if finding.rule.startswith("NET"):
                click.echo(f"citecheck: {finding.rule}: {finding.message}", err=True)
    if fmt == "bibtex":
        from citecheck.bibliography.bibtex import (
            bibtex_from_references,  # bibtexparser, only for this command
        )

        text = bibtex_from_references(references)
    else:
        text = references_json(references)
    _write_or_echo(text, output)


def with_found_dois(
    references: Sequence[Reference], found: Mapping[int, str]
) -> tuple[Reference, ...]:
    """References with the DOIs the registry found for them (printed DOIs are kept)."""
    return tuple(
        replace(r, doi=found[r.number]) if not r.doi and r.number in found else r
        for r in references
    )


def _claims_for(
    path: str, analysis: Analysis, claims_file: str | None, auto: bool
) -> tuple[list, tuple | None, tuple]:
    """Claim findings and JSON verdicts for one manuscript (empty when it has no claims),
    and the claim report with its options (for the check against the sources)."""
    from citecheck.claims import (
        DEFAULT_ENDPOINTS,
        ClaimOptions,
        check_claims,
        find_claim_file,
        load_claim_file,
    )

    file = (
        Path(claims_file) if claims_file else (find_claim_file(path, Path.cwd()) if auto else None)
    )
    claims: tuple = ()
    endpoints = DEFAULT_ENDPOINTS
    if file is not None:
        cf = load_claim_file(file)
        claims = tuple(cf.claims)
        endpoints = (*cf.endpoints, *DEFAULT_ENDPOINTS)
    options = ClaimOptions(endpoints=endpoints)
    report = check_claims(
        analysis.document.text,
        analysis.citations,
        analysis.references,
        claims,
        body_end=analysis.body_end,
        options=options,
    )
    from citecheck.report.claims import claims_as_json

    verdicts = claims_as_json(report, analysis.document.text)
    return (
        list(report.findings),
        (tuple(verdicts) if (verdicts or file) else None),
        (report, options),
    )


def _sources_for(
    claim_run: tuple, online: OnlineResult, claims: tuple | None
) -> tuple[list, tuple | None]:
    """CLM006–CLM009 and NET001 for the claims checked against their sources' abstracts
    (fetched by the online stage), and the JSON verdicts with their ``source_check``."""
    from citecheck.report.sources import with_source_checks
    from citecheck.sources import SourceOptions, check_sources

    report, options = claim_run
    sources = check_sources(
        report.verdicts,
        online.abstracts,
        notices=online.findings,
        options=SourceOptions(endpoints=options.endpoints),
    )
    return list(sources.findings), (with_source_checks(claims, sources) if claims else claims)


CHECK_FORMATS = (*FORMATS, "html")
# check's options that the configuration file can set, and the Config field for each.
_CONFIGURABLE = {
    "fmt": "format",
    "fail_on": "fail_on",
    "select": "select",
    "ignore": "ignore",
    "baseline": "baseline",
    "email": "email",
    "cache_dir": "cache_dir",
    "crossref_url": "crossref_url",
    "ncbi_url": "ncbi_url",
    "europepmc_url": "europepmc_url",
}


def _configured(ctx: click.Context, config: Config) -> dict[str, object]:
    """The configuration's values for the options the command line left at their defaults
    (a flag or an environment variable beats the file)."""
    out: dict[str, object] = {}
    for param, field_name in _CONFIGURABLE.items():
        value = getattr(config, field_name)
        if value is not None and ctx.get_parameter_source(param) in (
            ParameterSource.DEFAULT,
            None,
        ):
            out[param] = value
    if out.get("fmt", "text") not in CHECK_FORMATS:
        choices = ", ".join(CHECK_FORMATS)
        raise ConfigError(f"{config.source}: format must be one of {choices}, not {out['fmt']!r}")
    return out


@main.command()
@click.argument("manuscripts", nargs=-1, required=True, type=click.Path())
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
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write every finding reported now to this baseline file, and exit 0.",
)
@add_online_options
def check(
    manuscripts: tuple[str, ...],
    fmt: str,
    output: str | None,
    fail_on: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    claims_file: str | None,
    no_claims: bool,
    skip_no_references: bool,
    color: bool | None,
    config_path: str | None,
    baseline: str | None,
    write_baseline_path: str | None,
    **online_options: object,
) -> None:
    """Audit MANUSCRIPTS: references, in-text citations, numbering, claims."""
    if claims_file and len(manuscripts) > 1:
        raise click.UsageError("--claims takes one manuscript at a time")
    if online_options.get("lock_path") and len(manuscripts) > 1:
        raise click.UsageError("--lock takes one manuscript at a time")
    config = config_for(config_path, manuscripts, Path.cwd())
    configured = _configured(click.get_current_context(), config)
    online_options.update({k: v for k, v in configured.items() if k in online_options})
    fmt, fail_on = configured.get("fmt", fmt), configured.get("fail_on", fail_on)
    select, ignore = configured.get("select", select), configured.get("ignore", ignore)
    baseline = configured.get("baseline", baseline)
    threshold = config.duplicate_title_threshold
    audit_options = AuditOptions(
        **({} if threshold is None else {"duplicate_title_threshold": threshold})
    )
    results = []
    for path in manuscripts:
        try:
            analysis = analyze(_read(path), audit_options)
        except NoReferenceSection:
            if not skip_no_references:
                raise
            click.echo(f"citecheck: note: {path}: no reference list; skipped", err=True)
            continue
        findings = list(analysis.findings)
        claims, claim_run = None, None
        if not no_claims:
            claim_file = claims_file or claim_file_in(config.claims, path)
            claim_findings, claims, claim_run = _claims_for(path, analysis, claim_file, auto=True)
            findings.extend(claim_findings)
        cited = {n for v in claim_run[0].verdicts for n in v.claim.cites} if claim_run else set()
        online = run_online(analysis.references, abstracts_for=cited, **online_options)
        if online is not None:
            findings.extend(online.findings)
            if claim_run is not None:  # claims against their sources' abstracts (issue #5)
                source_findings, claims = _sources_for(claim_run, online, claims)
                findings.extend(source_findings)
        kept = select_findings(findings, _split_rules(select), _split_rules(ignore))
        extra = {} if online is None else {"online": _online_json(online)}
        results.append(
            ManuscriptResult(analysis, apply_severities(kept, config.severity), claims, extra)
        )
    if write_baseline_path:
        count = write_baseline(write_baseline_path, results)
        click.echo(f"citecheck: wrote {count} findings to {write_baseline_path}", err=True)
    elif baseline:
        results = apply_baseline(results, read_baseline(baseline))
    if fmt == "html":
        from citecheck.report.html import render_html

        report = render_html(results)
    else:
        if color is None:
            color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        report = render_report(fmt, results, fail_on=fail_on, colour=color)
    _write_or_echo(report, output, colour=color)
    sys.exit(0 if write_baseline_path else exit_code(results, fail_on))


def _online_json(online: OnlineResult) -> list[dict]:
    from citecheck.report.online import verdicts_as_json

    return verdicts_as_json(online)


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

    if output and Path(output).exists() and not force:
        raise click.ClickException(f"{output} exists; use --force to overwrite it")
    analysis = analyze(_read(manuscript))
    found = extract_claims(analysis.document.text, analysis.citations, body_end=analysis.body_end)
    _write_or_echo(claim_file_text(found, Path(manuscript).name), output)
    if output:
        click.echo(f"wrote {len(found)} candidate claims to {output}", err=True)


main.add_command(fix)


if __name__ == "__main__":  # pragma: no cover
    main()


__all__ = ["EXIT_USAGE", "main"]
