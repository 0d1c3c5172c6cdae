"""Checking claims against the abstracts of the works they cite, and their notices (pure).

==========  ========  ==============================================================
rule        severity  when
==========  ========  ==============================================================
``CLM006``  warning   a claimed quantity is not in the cited abstract (partly / none)
``CLM007``  error     the cited abstract states the claimed endpoint with another value
``CLM008``  error     the claim cites a retracted work
``CLM009``  warning   the claim cites a work with a correction or expression of concern
``NET001``  info      the cited work's abstract could not be fetched
==========  ========  ==============================================================

Inputs are data: the claim verdicts of :func:`citecheck.claims.check_claims`, the abstracts
fetched by :func:`citecheck.verify.verify_references` (``OnlineResult.abstracts``) and the
online findings, whose RET001/RET002 carry the notices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from citecheck.claims.endpoints import DEFAULT_ENDPOINTS, Endpoint, EndpointTable, compile_endpoints
from citecheck.claims.measures import describe_measure
from citecheck.claims.model import ClaimVerdict
from citecheck.model import Finding, RefKey, Span
from citecheck.registry.records import Abstract, Lookup
from citecheck.rules import finding
from citecheck.sources.context import Reading, read_text
from citecheck.sources.match import (
    ReadAbstract,
    claimed_facts,
    match_claim,
    match_words,
    read_abstract,
)
from citecheck.sources.model import (
    AbstractSentence,
    QuantityEvidence,
    QuantityStatus,
    SourceCheck,
    SourceReport,
    SourceVerdict,
)

NOT_WHOLE_PAPER = "an abstract is not the whole paper: check the full text"
_EXCERPT = 160


@dataclass(frozen=True)
class SourceOptions:
    """How abstracts are read: the endpoint table (a claim file's additions included)."""

    endpoints: tuple[Endpoint, ...] = DEFAULT_ENDPOINTS


def cited_references(verdicts: Sequence[ClaimVerdict]) -> frozenset[RefKey]:
    """The reference numbers the claims cite: whose abstracts to fetch."""
    return frozenset(n for v in verdicts for n in v.claim.cites)


def check_sources(
    verdicts: Sequence[ClaimVerdict],
    abstracts: Mapping[RefKey, Lookup[Abstract]],
    *,
    notices: Sequence[Finding] = (),
    options: SourceOptions | None = None,
) -> SourceReport:
    """A :class:`SourceCheck` for every claim citing a reference with an abstract lookup
    or a notice (RET001/RET002 among ``notices``), with CLM006–CLM009 and NET001."""
    options = options or SourceOptions()
    endpoints = compile_endpoints(options.endpoints)
    read: dict[RefKey, ReadAbstract] = {}
    for number, lookup in abstracts.items():
        if lookup.is_found and lookup.value is not None and lookup.value.text.strip():
            read[number] = read_abstract(number, lookup.value, endpoints)
    checks = []
    for index, verdict in enumerate(verdicts):
        check = _check(index, verdict, abstracts, read, notices, endpoints)
        if check is not None:
            checks.append(check)
    return SourceReport(tuple(checks), tuple(f for c in checks for f in c.findings))


def _check(
    index: int,
    verdict: ClaimVerdict,
    abstracts: Mapping[RefKey, Lookup[Abstract]],
    read: Mapping[RefKey, ReadAbstract],
    notices: Sequence[Finding],
    endpoints: EndpointTable,
) -> SourceCheck | None:
    claim = verdict.claim
    span = verdict.facts.sentence.span if verdict.facts is not None else claim.span
    cited = [n for n in dict.fromkeys(claim.cites) if n in abstracts]
    findings = [f for n in dict.fromkeys(claim.cites) for f in _notices(claim.id, n, notices, span)]
    if not cited:
        if not findings:
            return None
        return SourceCheck(index, claim, None, (), (), tuple(findings), "notices only")
    lookups = tuple((n, abstracts[n]) for n in cited)
    usable = [read[n] for n in cited if n in read]
    missing = [(n, abstracts[n]) for n in cited if n not in read]
    if not usable:
        findings += [_net(claim.id, n, lookup, span) for n, lookup in missing]
        why = "; ".join(f"ref {n}: {_why(lookup)}" for n, lookup in missing)
        return SourceCheck(
            index,
            claim,
            SourceVerdict.COULD_NOT_FETCH,
            lookups,
            (),
            tuple(findings),
            f"could not fetch: {why}",
        )
    reading = read_text(claim.text, endpoints)
    if not claimed_facts(reading):
        sentence = match_words(claim.text, usable, years=_years(reading))
        result = SourceVerdict.SUPPORTED if sentence else SourceVerdict.NOT_IN_ABSTRACT
        if sentence is None:
            findings.append(_not_in_abstract(claim.id, (), usable, span, words=True))
        text = _explain_words(result, sentence, usable)
        return SourceCheck(index, claim, result, lookups, (), tuple(findings), text, words=sentence)
    evidence = tuple(e for _, e in match_claim(reading, usable))
    result = _verdict(evidence)
    findings += [_contradicted(claim.id, e, span) for e in evidence if _is(e, "CONTRADICTED")]
    if result in (SourceVerdict.PARTLY, SourceVerdict.NOT_IN_ABSTRACT):
        findings.append(_not_in_abstract(claim.id, evidence, usable, span))
    return SourceCheck(
        index, claim, result, lookups, evidence, tuple(findings), _explain(result, evidence, usable)
    )


def _years(reading: Reading) -> tuple[float, ...]:
    """The years a claim states ("introduced in 2004"): its sentence must state them too."""
    return tuple(i.fact.quantity.value for i in reading.items if i.fact.kind == "year")


def _is(e: QuantityEvidence, name: str) -> bool:
    return e.status is QuantityStatus[name]


def _verdict(evidence: Sequence[QuantityEvidence]) -> SourceVerdict:
    statuses = [e.status for e in evidence]
    if QuantityStatus.CONTRADICTED in statuses:
        return SourceVerdict.CONTRADICTED
    if all(s is QuantityStatus.SUPPORTED for s in statuses):
        return SourceVerdict.SUPPORTED
    # partly: some result supported. A label (age, year, period) or a value found off topic
    # ("14.0%" of another thing) does not make a claim partly supported.
    if any(e.status is QuantityStatus.SUPPORTED and not e.label for e in evidence):
        return SourceVerdict.PARTLY
    return SourceVerdict.NOT_IN_ABSTRACT


# --- findings ----------------------------------------------------------------------------------


def _where(usable: Sequence[ReadAbstract]) -> str:
    return ", ".join(f"ref {r.ref} ({r.abstract.label})" for r in usable)


def _not_in_abstract(
    claim_id: str,
    evidence: Sequence[QuantityEvidence],
    usable: Sequence[ReadAbstract],
    span: Span | None,
    *,
    words: bool = False,
) -> Finding:
    refs = tuple(r.ref for r in usable)
    plural = "abstracts" if len(usable) > 1 else "abstract"
    if words:
        what = "its words are"
    else:
        missing = [e for e in evidence if e.status not in (QuantityStatus.SUPPORTED,)]
        what = ", ".join(_missing_text(e) for e in missing)
        what += " is" if len(missing) == 1 else " are"
    found = [describe_measure(e.claim) for e in evidence if _is(e, "SUPPORTED")]
    partly = f" (found: {', '.join(found)})" if found else ""
    message = (
        f"claim {claim_id!r}: {what} not in the {plural} of {_where(usable)}{partly}; "
        f"{NOT_WHOLE_PAPER}"
    )
    ev = {"claim": claim_id, "abstracts": _where(usable)}
    return finding("CLM006", message, span, refs, ev)


def _missing_text(e: QuantityEvidence) -> str:
    claimed = describe_measure(e.claim)
    if e.stated is None:
        return claimed
    stated = describe_measure(e.stated)
    if e.status is QuantityStatus.OTHER_UNIT:
        return f"{claimed} (the abstract says {stated}; {e.reason}: not converted)"
    return f"{claimed} (the abstract has {stated}, not tied to it)"


def _contradicted(claim_id: str, e: QuantityEvidence, span: Span | None) -> Finding:
    claimed = describe_measure(e.claim)
    if e.stated is None or e.sentence is None:
        message = f"claim {claim_id!r}: {claimed}: {e.reason}"
        evidence = {"claim": claim_id, "claim_quantity": claimed, "reason": e.reason or ""}
        return finding("CLM007", message, span, (), evidence)
    s = e.sentence
    how = f" ({e.stated.via})" if e.stated.via else ""
    message = (
        f"claim {claim_id!r}: {claimed}, but the abstract of ref {s.ref} "
        f"({s.abstract.label}) says {describe_measure(e.stated)}{how} ({e.reason} differs): "
        f"{_excerpt(s.text)!r}"
    )
    evidence = {
        "claim": claim_id,
        "claim_quantity": claimed,
        "abstract_quantity": describe_measure(e.stated),
        "abstract_source": s.abstract.label,
        "sentence": s.text,
        "reason": e.reason or "",
    }
    return finding("CLM007", message, span, (s.ref,), evidence)


def _notices(
    claim_id: str, number: RefKey, notices: Sequence[Finding], span: Span | None
) -> list[Finding]:
    out = []
    for f in notices:
        if f.rule not in ("RET001", "RET002") or number not in f.refs:
            continue
        ev = f.evidence
        kind = str(ev.get("type", "")).replace("_", " ")
        parts = [f"notice {ev['notice']}" if ev.get("notice") else "", ev.get("date", "")]
        parts.append(f"source {ev['source']}" if ev.get("source") else "")
        detail = ", ".join(p for p in parts if p)
        detail = f" ({detail})" if detail else ""
        if f.rule == "RET001":
            what = "was retracted" if kind in ("", "retraction") else f"was {kind}"
            if not ev.get("notice") and ev.get("pmid"):
                what, detail = "is marked retracted by PubMed", f" (PMID {ev['pmid']})"
            rule, advice = "CLM008", "do not rely on it"
        else:
            what = f"has {'an' if kind[:1] in 'aeiou' else 'a'} {kind or 'correction'}"
            rule, advice = "CLM009", "check the claim against it"
        message = f"claim {claim_id!r} cites ref {number}, which {what}{detail}: {advice}"
        evidence = {"claim": claim_id, **{k: str(v) for k, v in ev.items()}}
        out.append(finding(rule, message, span, (number,), evidence))
    return out


def _net(claim_id: str, number: RefKey, lookup: Lookup[Abstract], span: Span | None) -> Finding:
    message = f"claim {claim_id!r}: could not fetch the abstract of ref {number}: {_why(lookup)}"
    evidence = {"claim": claim_id, "reason": _why(lookup)}
    return finding("NET001", message, span, (number,), evidence)


def _why(lookup: Lookup[Abstract]) -> str:
    if lookup.is_found:
        return "the abstract is empty"
    return lookup.reason or "no abstract found"


# --- explanations ------------------------------------------------------------------------------


def _explain(
    result: SourceVerdict, evidence: Sequence[QuantityEvidence], usable: Sequence[ReadAbstract]
) -> str:
    parts = []
    for e in evidence:
        claimed = describe_measure(e.claim)
        if e.stated is None or e.sentence is None:
            gone = e.reason if e.status.value == "contradicted" else "not in the abstract"
            parts.append(f"{claimed} {gone}")
            continue
        stated = describe_measure(e.stated)
        how = [e.stated.via] if e.stated.via else []
        how += [e.rule] if e.rule and e.rule != "exact" else []
        how += [f"{e.reason} differs"] if e.status.value == "contradicted" and e.reason else []
        shown = f" ({'; '.join(how)})" if how else ""
        where = f" [ref {e.sentence.ref}]" if len(usable) > 1 else ""
        sign = {"supported": "=", "found": "≈"}.get(e.status.value, "≠")
        note = {"found": ", not tied to it", "other unit": f", {e.reason} not converted"}.get(
            e.status.value, ""
        )
        parts.append(f"{claimed} {sign} {stated}{shown}{where}{note}")
    return f"{result.value}: abstract of {_where(usable)}: {'; '.join(parts)}"


def _explain_words(
    result: SourceVerdict, sentence: AbstractSentence | None, usable: Sequence[ReadAbstract]
) -> str:
    if sentence is None:
        return f"{result.value}: no sentence of the abstract of {_where(usable)} says it"
    return f"{result.value}: abstract of {_where(usable)}: {_excerpt(sentence.text)!r}"


def _excerpt(sentence: str) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1] + "…"
