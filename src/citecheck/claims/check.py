"""Checking claims against the manuscript: verdicts and the CLM rules.

==========  ========  ==========================================================
rule        severity  when
==========  ========  ==========================================================
``CLM001``  error     a claim cites a reference number the list does not have
``CLM002``  warning   no sentence carries the claim's quantities (not found)
``CLM003``  warning   the sentence carrying the claim cites other references
``CLM004``  error     a quantity differs (same endpoint, other value or unit)
``CLM005``  info      a quantitative statement with no citation
==========  ========  ==========================================================

CLM006–CLM009 (claims against their cited sources' abstracts and notices) are reported by
:mod:`citecheck.sources`, after the online stage. Every CLM rule is in :mod:`citecheck.rules`.

Verdicts: ``linked`` (found, quantities and references agree), ``mismatch`` (found, with a
CLM001, CLM003 or CLM004), ``not found`` (CLM002).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from citecheck.citations.ranges import compact_numbers
from citecheck.claims.endpoints import DEFAULT_ENDPOINTS, Endpoint, EndpointTable, compile_endpoints
from citecheck.claims.inline import find_inline_claims, inline_tag_spans
from citecheck.claims.link import MIN_KEYWORD_SHARE, Link, keywords_of, link_claim, read_sentences
from citecheck.claims.measures import describe_measure, describe_pairing, read_measures
from citecheck.claims.model import (
    Claim,
    ClaimReport,
    ClaimVerdict,
    Measure,
    MeasureMatch,
    Sentence,
    SentenceFacts,
    Verdict,
)
from citecheck.claims.quantities import is_measure, may_hold_quantity
from citecheck.claims.scope import Regions, own_data_spans, regions_of
from citecheck.model import Citation, Document, Finding, Reference, RefKey, Span
from citecheck.positions import LineIndex
from citecheck.rules import finding

_EXCERPT = 90


@dataclass(frozen=True)
class ClaimOptions:
    """How claims are read and checked. ``endpoints`` replaces the endpoint table."""

    endpoints: tuple[Endpoint, ...] = DEFAULT_ENDPOINTS
    inline_tags: bool = True
    report_uncited: bool = True
    skip_own_data: bool = True  # no CLM005 in Results, Methods, tables (claims.scope)
    min_keyword_share: float = MIN_KEYWORD_SHARE


def check_claims(
    text: str,
    citations: Sequence[Citation],
    references: Sequence[Reference],
    claims: Sequence[Claim] = (),
    *,
    body_end: int | None = None,
    options: ClaimOptions | None = None,
    document: Document | None = None,
) -> ClaimReport:
    """Link every claim (given, and tagged inline in ``text``) to its sentence and check it.

    ``body_end`` is where the body stops (the reference section's heading); sentences after
    it are not searched. ``document`` (whose text is ``text``) gives the structure its
    reader found (headings, blocks); without it the text is read as Markdown. Returns a
    verdict per claim and the stage's findings.
    """
    options = options or ClaimOptions()
    endpoints = compile_endpoints(options.endpoints)
    tags = inline_tag_spans(text)
    exempt = own_data_spans(text, body_end, document=document) if options.skip_own_data else ()
    linking = bool(claims) or (options.inline_tags and bool(tags))
    own_data = regions_of(exempt)
    sentences = read_sentences(
        text,
        citations,
        end=body_end,
        keep_together=tags,
        endpoints=endpoints,
        document=document,
        # nothing to link: only the sentences that could be CLM005 need their measures
        only=None if linking else partial(_may_be_uncited, own_data, options.skip_own_data),
        skip=() if linking else exempt,
    )
    every = list(claims)
    if options.inline_tags:
        every += find_inline_claims(text, [f.sentence for f in sentences], citations)
    known = {r.key for r in references}
    verdicts = tuple(_verdict(text, claim, sentences, known, endpoints, options) for claim in every)
    findings = [f for v in verdicts for f in v.findings]
    if options.report_uncited:
        prose = _outside_masked(sentences, document.masked if document is not None else ())
        own = options.skip_own_data
        findings += uncited_quantities(text, prose, exempt=exempt, skip_own_voice=own)
    return ClaimReport(verdicts, tuple(findings))


def _verdict(
    text: str,
    claim: Claim,
    sentences: Sequence[SentenceFacts],
    known: set[RefKey],
    endpoints: Sequence[Endpoint] | EndpointTable,
    options: ClaimOptions,
) -> ClaimVerdict:
    measures, _ = read_measures(claim.text, endpoints=endpoints)
    keywords = keywords_of(claim.text, endpoints=endpoints)
    link = link_claim(
        claim, measures, keywords, sentences, min_keyword_share=options.min_keyword_share
    )
    findings: list[Finding] = []
    missing = [n for n in claim.cites if known and n not in known]
    if missing:
        findings.append(_missing_reference(text, claim, missing, known, link))
    if link.facts is None:
        findings.append(_not_found(text, claim, measures))
        explanation = "not found: " + findings[-1].message
        return ClaimVerdict(claim, Verdict.NOT_FOUND, None, (), tuple(findings), explanation)
    facts = link.facts
    other = [n for n in claim.cites if n not in missing and n not in facts.refs]
    if other:
        findings.append(_other_references(text, claim, other, facts))
    findings += [_differs(text, claim, m, facts) for m in link.matches if m.status != "agree"]
    verdict = Verdict.MISMATCH if findings else Verdict.LINKED
    return ClaimVerdict(
        claim, verdict, facts, link.matches, tuple(findings), _explain(text, verdict, link)
    )


def _may_be_uncited(
    own_data: Regions, skip_own_voice: bool, sentence: Sentence, cites: tuple[Citation, ...]
) -> bool:
    """Whether :func:`uncited_quantities` could report the sentence (it cites nothing, is
    not in the authors' own data, may hold a quantity, is not in their own voice): the
    others need no measures. The cheap tests come first."""
    if cites or sentence.span.start in own_data or not may_hold_quantity(sentence.text):
        return False
    return not (skip_own_voice and own_voice(sentence.text))


def _outside_masked(
    sentences: Sequence[SentenceFacts], masked: Sequence[Span]
) -> list[SentenceFacts]:
    """The sentences not wholly inside a region the reader masked (a LaTeX preamble, a
    code block): those are not prose."""
    if not masked:
        return list(sentences)
    starts = [m.start for m in masked]
    out = []
    for facts in sentences:
        span = facts.sentence.span
        i = bisect_right(starts, span.start) - 1
        if i < 0 or masked[i].end < span.end:
            out.append(facts)
    return out


# A sentence in the authors' own voice or about their own figures reports their own work: it
# needs no citation. (Only the authors' words count: "the authors prepared …" is about others.)
_OWN_VOICE = re.compile(
    # every word branch starts with one of these letters: a look-ahead saves trying them all
    r"\b(?=[wotufsda])(?:(?:we|our|ours|us)\b"
    r"|(?:this|the\s+present|the\s+current|the\s+main)\s+(?:study|analysis|analyses|paper"
    r"|work|article|model|report|review|cohort)\b"
    r"|(?:these|our)\s+(?:results|estimates|findings|data|ratios|analyses)\b"
    r"|(?:Fig(?:ure)?s?\.?|Tables?)\s*S?\d|Scale\s+bars?\b|described\s+in\s+(?:the\s+)?Methods"
    r"|(?:assume|suppose)\s+that\b)"
    r"|^\s*(?:\(?[A-H]\)|[A-H]\.)\s",
    re.IGNORECASE,
)


# ... unless it also speaks of others' work: "the 9 mo reported before", "previous study, 2.46".
_OTHERS = re.compile(
    r"\breported\s+(?:before|previously|elsewhere|earlier|by)\b|\bpreviously\s+reported\b"
    r"|\b(?:previous|prior|earlier|other|published)\s+(?:study|studies|work|reports?|trials?"
    r"|analys[ie]s|groups?|authors)\b|\bthe\s+authors\b|\bin\s+the\s+literature\b",
    re.IGNORECASE,
)


def own_voice(sentence: str) -> bool:
    """Whether a sentence reports the authors' own work only ("we", "our", "this analysis",
    "Fig 2", a panel label, "as described in Methods", "assume that") and not also others'
    ("reported before", "the previous study", "the authors")."""
    return bool(_OWN_VOICE.search(sentence)) and not _OTHERS.search(sentence)


def uncited_quantities(
    text: str,
    sentences: Sequence[SentenceFacts],
    *,
    exempt: tuple[Span, ...] = (),
    skip_own_voice: bool = True,
) -> list[Finding]:
    """CLM005 for every sentence that states a measurement but cites nothing.

    Sentences that start inside an ``exempt`` span (the authors' own data) are skipped, and so
    are sentences in the authors' own voice (:func:`own_voice`).
    """
    findings = []
    own_data = regions_of(exempt)
    for facts in sentences:
        stated = [m for m in facts.measures if is_measure(m.quantity)]
        if facts.citations or not stated or facts.sentence.span.start in own_data:
            continue
        if skip_own_voice and own_voice(facts.sentence.text):
            continue
        quoted = ", ".join(repr(m.quantity.text) for m in stated)
        findings.append(
            finding(
                "CLM005",
                f"quantitative statement with no citation ({quoted}) at "
                f"{_where(text, facts.sentence.span.start)}: {_excerpt(facts.sentence.text)!r}",
                facts.sentence.span,
                (),
                {
                    "sentence": facts.sentence.text,
                    "quantities": "; ".join(m.quantity.text for m in stated),
                },
            )
        )
    return findings


def _missing_reference(
    text: str, claim: Claim, missing: list[RefKey], known: set[RefKey], link: Link
) -> Finding:
    numbers = ", ".join(map(str, missing))
    plural = "references" if len(missing) > 1 else "reference"
    evidence = {
        "claim": claim.id,
        "cites": numbers,
        "references": _ranges(known),
    }
    message = (
        f"claim {claim.id!r} cites {plural} {numbers}, which the reference list "
        f"({_ranges(known)}) does not have"
    )
    if link.facts is not None:
        evidence["sentence_refs"] = ", ".join(map(str, link.facts.refs)) or "none"
        message += f"; the sentence carrying it cites {evidence['sentence_refs']}"
    span = link.facts.sentence.span if link.facts else claim.span
    return finding("CLM001", message, span, tuple(missing), evidence)


def _not_found(text: str, claim: Claim, measures: Sequence[Measure]) -> Finding:
    described = ", ".join(describe_measure(m) for m in measures)
    if claim.span is not None:
        message = (
            f"claim {claim.id!r} ({claim.text!r}) is not carried by the sentence it tags at "
            f"{_where(text, claim.span.start)}"
        )
    elif described:
        message = f"claim {claim.id!r} ({claim.text!r}): no sentence states {described}"
    else:
        message = f"claim {claim.id!r} ({claim.text!r}): no sentence says it"
    evidence = {"claim": claim.id, "text": claim.text, "quantities": described}
    return finding("CLM002", message, claim.span, claim.cites, evidence)


def _other_references(
    text: str, claim: Claim, other: list[RefKey], facts: SentenceFacts
) -> Finding:
    stated = ", ".join(map(str, facts.refs)) or "no reference"
    message = (
        f"claim {claim.id!r} cites {', '.join(map(str, other))}, but the sentence carrying it "
        f"at {_where(text, facts.sentence.span.start)} cites {stated}: "
        f"{_excerpt(facts.sentence.text)!r}"
    )
    evidence = {
        "claim": claim.id,
        "claim_cites": ", ".join(map(str, claim.cites)),
        "sentence_refs": ", ".join(map(str, facts.refs)),
        "sentence": facts.sentence.text,
    }
    return finding("CLM003", message, facts.sentence.span, tuple(other), evidence)


def _differs(text: str, claim: Claim, match: MeasureMatch, facts: SentenceFacts) -> Finding:
    claimed = describe_measure(match.claim)
    evidence = {"claim": claim.id, "claim_quantity": claimed, "sentence": facts.sentence.text}
    if match.sentence is None:
        message = (
            f"claim {claim.id!r}: {claimed} is not stated in the sentence carrying it at "
            f"{_where(text, facts.sentence.span.start)}: {_excerpt(facts.sentence.text)!r}"
        )
        span = facts.sentence.span
    else:
        stated = describe_measure(match.sentence)
        evidence["manuscript_quantity"] = stated
        evidence["manuscript_text"] = match.sentence.quantity.text
        how = f" ({match.sentence.via})" if match.sentence.via else ""
        message = (
            f"claim {claim.id!r}: {claimed}, but the manuscript says {stated}{how} at "
            f"{_where(text, match.sentence.quantity.span.start)} ({match.reason} differs)"
        )
        span = match.sentence.quantity.span
        pairing = next(
            (p for p in facts.pairings if any(i.quantity.span == span for i in p.items)), None
        )
        if pairing is not None:
            evidence["pairing"] = describe_pairing(pairing)
    return finding("CLM004", message, span, claim.cites, evidence)


def _explain(text: str, verdict: Verdict, link: Link) -> str:
    assert link.facts is not None
    facts = link.facts
    parts = []
    for m in link.matches:
        if m.status == "agree" and m.sentence is not None:
            how = f" ({m.sentence.via})" if m.sentence.via else ""
            parts.append(f"{describe_measure(m.claim)} = {describe_measure(m.sentence)}{how}")
        elif m.sentence is not None:
            parts.append(f"{describe_measure(m.claim)} ≠ {describe_measure(m.sentence)}")
        else:
            parts.append(f"{describe_measure(m.claim)} not stated")
    refs = ", ".join(map(str, facts.refs)) or "nothing"
    where = _where(text, facts.sentence.span.start)
    body = "; ".join(parts) if parts else "by its words"
    return f"{verdict.value}: sentence at {where} citing {refs}: {body}"


def _where(text: str, pos: int) -> str:
    line, column = _line_index(text).line_col(pos)
    return f"{line}:{column}"


@lru_cache(maxsize=4)
def _line_index(text: str) -> LineIndex:
    """One line index per text (a long manuscript has a thousand CLM005 messages)."""
    return LineIndex(text)


def _excerpt(sentence: str) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1] + "…"


def _ranges(keys: Collection[RefKey]) -> str:
    return compact_numbers(list(keys)) or "empty"
