"""``citecheck registry build``: a local registry database from snapshot files."""

from __future__ import annotations

import os
import sys
import time

import click

from citecheck.errors import EXIT_FINDINGS


@click.group()
def registry() -> None:
    """Build a local registry (Crossref public data file, Retraction Watch CSV, PubMed)."""


@registry.command("build")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The registry database to create or update (SQLite).",
)
@click.option("--quiet", "-q", is_flag=True, default=False, help="No progress lines.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes reading the files (unzip, decode) while one process writes "
    "[default: 2, or 1 on a one-core machine: the writer keeps up with two].",
)
def build(sources: tuple[str, ...], output: str, quiet: bool, jobs: int | None) -> None:
    """Ingest SOURCES into the database -o names: Crossref public-data-file files
    (.json.gz holding {"items": [...]}, or JSON Lines of works, gzipped or not), directories
    of them, Retraction Watch CSV files, and PubMed baseline and update files
    (pubmed25n0001.xml.gz: records joined to the works by DOI; DeleteCitation honoured).
    Each file is ingested whole or not at all; a file already ingested is passed over (an
    interrupted build resumes); a newer record of a DOI replaces the older one. Exit 1 when
    a file could not be ingested."""
    from citecheck.localregistry.build import Progress, build_registry

    last = [0.0]

    def show(p: Progress) -> None:
        now = time.monotonic()
        if quiet or now - last[0] < 1.0:
            return
        last[0] = now
        click.echo(
            f"citecheck: {p.records:,} records, {p.notices:,} notices, "
            f"{p.rate:,.0f} records/s ({p.path})",
            err=True,
        )

    jobs = jobs or min(2, _usable_cpus())
    report = build_registry(output, sources, show, jobs=jobs)
    for line in report.skipped:
        click.echo(f"citecheck: error: {line}", err=True)
    click.echo(
        f"citecheck: {output}: {report.files} files ingested ({report.unchanged} unchanged), "
        f"{report.records:,} records, {report.notices:,} notices, {report.pubmed:,} PubMed "
        f"records ({report.deleted:,} deleted), {report.malformed:,} "
        f"malformed records left out, {report.seconds:.1f} s "
        f"({report.rate:,.0f} records/s)",
        err=True,
    )
    if report.skipped:
        sys.exit(EXIT_FINDINGS)


def _usable_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system says), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on this system (macOS, Windows)
        return os.cpu_count() or 1


@registry.command("info")
@click.argument("database", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the description.",
)
def info(database: str, fmt: str) -> None:
    """Describe the registry DATABASE: its layout, how many works, notices and PubMed
    records it holds, the files ingested, and whether its last build finished (exit 1 when
    it did not)."""
    import json

    from citecheck.localregistry.info import describe, info_lines

    described = describe(database)
    if fmt == "json":
        click.echo(json.dumps(described.as_dict(), indent=2))
    else:
        click.echo("\n".join(info_lines(described)))
    if not described.finished:
        sys.exit(EXIT_FINDINGS)
