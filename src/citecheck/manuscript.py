"""The one way in: check one manuscript, as ``citecheck check`` does.

:func:`check_manuscript` runs every stage on a :class:`~citecheck.model.Document` — the
offline analysis (reference list, citations, the numbering audit), the claims, online
verification of the references and the claims against their cited abstracts — and returns
a typed, picklable :class:`~citecheck.results.ManuscriptResult`. The command line, a process
pool and a Dask worker all call it; they read files, render and write around it.

It reads what :class:`~citecheck.options.CheckOptions` names (a claim file, a lockfile) and,
when online, asks the registry; it writes nothing. Recording a lockfile is the caller's:
``result.online.lock`` holds the evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.checks.fields import with_field_identifiers
from citecheck.checks.keyed import is_keyed, with_first_citation
from citecheck.model import Document, Finding, RefKey
from citecheck.options import CheckOptions, ClaimSettings
from citecheck.pipeline import Analysis, analyze
from citecheck.results import ManuscriptResult, apply_severities, select_findings

if TYPE_CHECKING:
    from citecheck.claims.check import ClaimOptions
    from citecheck.claims.model import ClaimReport
    from citecheck.registry.protocol import Registry
    from citecheck.sources.model import SourceReport
    from citecheck.verify.run import OnlineResult

Progress = Callable[[int, int], None]  # (references just checked online, how many in all)


def check_manuscript(
    document: Document,
    options: CheckOptions | None = None,
    *,
    registry: Registry | None = None,
    progress: Progress | None = None,
) -> ManuscriptResult:
    """Check one manuscript; see the module doc.

    ``registry`` answers the online questions instead of the one ``options.online`` names
    (a fake in tests, one registry shared by a batch). ``progress`` is called with the
    number of references just checked online and how many there are in all. Raises
    :class:`~citecheck.errors.NoReferenceSection` when the document has no reference list,
    :class:`~citecheck.claims.ClaimFileError` for a claim file that cannot be read and
    :class:`~citecheck.registry.lockfile.LockfileError` for a lockfile that cannot be read.
    """
    options = options or CheckOptions()
    return finish_check(check_offline(document, options), options, registry, progress)


@dataclass(frozen=True)
class OfflineCheck:
    """The offline half of a check (analysis, claims), before the registries are asked:
    what a corpus worker sends back to the one process that asks them (picklable)."""

    analysis: Analysis
    findings: tuple[Finding, ...]  # every offline finding, before selection
    claims: ClaimReport | None
    claim_options: ClaimOptions | None
    claim_file: str | None


def check_offline(document: Document, options: CheckOptions) -> OfflineCheck:
    """Everything :func:`check_manuscript` does without a registry (no network, no IO but
    the claim file)."""
    analysis = analyze(document, options.audit)
    findings: list[Finding] = list(analysis.findings)
    claims, claim_options, claim_file = _check_claims(analysis, options.claims)
    if claims is not None:
        findings.extend(claims.findings)
    return OfflineCheck(analysis, tuple(findings), claims, claim_options, claim_file)


def finish_check(
    done: OfflineCheck,
    options: CheckOptions,
    registry: Registry | None = None,
    progress: Progress | None = None,
) -> ManuscriptResult:
    """The online half (when ``options.online`` is set) and the selection of findings."""
    analysis, claims, claim_options = done.analysis, done.claims, done.claim_options
    findings = list(done.findings)
    online: OnlineResult | None = None
    sources: SourceReport | None = None
    if options.online is not None:
        from citecheck.verify.run import verify_references  # the HTTP stack, only when asked

        cited: set[RefKey] = (
            {k for v in claims.verdicts for k in v.claim.cites} if claims is not None else set()
        )
        total = sum(1 for r in analysis.references if r.parsed)
        online = verify_references(
            # a citation manager's DOIs and PMIDs for the entries its fields confirm
            with_field_identifiers(analysis.references, analysis.document.marks),
            options.online,
            registry,
            progress=(lambda n: progress(n, total)) if progress is not None else None,
            abstracts_for=cited,
        )
        if is_keyed(analysis.references):  # the entry is in a .bib: say where it is cited
            findings.extend(
                with_first_citation(online.findings, analysis.citations, analysis.document)
            )
        else:
            findings.extend(online.findings)
        if claims is not None and claim_options is not None:
            sources = _check_sources(claims, claim_options, online)
            findings.extend(sources.findings)
    kept = select_findings(findings, options.select, options.ignore)
    return ManuscriptResult(
        analysis,
        apply_severities(kept, options.severity),
        _reported(claims, done.claim_file),
        online,
        sources,
        done.claim_file,
    )


def claim_file_for(path: str, settings: ClaimSettings) -> Path | None:
    """The claim file for the manuscript at ``path``: the one named, else one found by the
    manuscript's name in the configured directories, beside it, or in the project's
    ``claims/`` directory (IO: it looks at the file system)."""
    from citecheck.claims import find_claim_file
    from citecheck.config import claim_file_in

    if settings.file:
        return Path(settings.file)
    if not settings.find_by_name:
        return None
    return claim_file_in(settings.directories, path) or find_claim_file(path, settings.project_dir)


def _check_claims(
    analysis: Analysis, settings: ClaimSettings
) -> tuple[ClaimReport | None, ClaimOptions | None, str | None]:
    if not settings.enabled:
        return None, None, None
    from citecheck.claims import DEFAULT_ENDPOINTS, ClaimOptions, check_claims, load_claim_file

    file = claim_file_for(analysis.document.path, settings)
    claims: tuple = ()
    endpoints = DEFAULT_ENDPOINTS
    if file is not None:
        loaded = load_claim_file(file)
        claims = tuple(loaded.claims)
        endpoints = (*loaded.endpoints, *DEFAULT_ENDPOINTS)
    claim_options = ClaimOptions(endpoints=endpoints)
    report = check_claims(
        analysis.document.text,
        analysis.citations,
        analysis.references,
        claims,
        body_end=analysis.body_end,
        options=claim_options,
        document=analysis.document,
    )
    return report, claim_options, (str(file) if file is not None else None)


def _check_sources(
    claims: ClaimReport, claim_options: ClaimOptions, online: OnlineResult
) -> SourceReport:
    """CLM006–CLM009 and NET001: the claims against the abstracts the online stage fetched
    and the retraction and correction notices it found."""
    from citecheck.sources import SourceOptions, check_sources

    return check_sources(
        claims.verdicts,
        online.abstracts,
        notices=online.findings,
        options=SourceOptions(endpoints=claim_options.endpoints),
    )


def _reported(claims: ClaimReport | None, claim_file: str | None) -> ClaimReport | None:
    """The claim report, kept when there is something to say: a verdict, or a claim file
    that was read (even one whose claims are all gone)."""
    if claims is None or not (claims.verdicts or claim_file):
        # CLM005 findings (uncited quantities) are already among the findings
        return None
    return claims
