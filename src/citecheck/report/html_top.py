"""The top of each manuscript's part of the HTML report, what an editor reads first: what
was run on what (manuscript, date, citecheck version, offline or which registries), the
references counted per status with a legend of the statuses, and the *needs attention* list,
most serious first, each line linking to the reference or citation concerned (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citecheck import __version__
from citecheck.model import Reference, RefKey
from citecheck.report.html_items import Ids, e, where_html
from citecheck.report.online import coverage_sentence
from citecheck.report.places import Places
from citecheck.report.status import (
    LEGEND,
    STATUSES,
    AttentionItem,
    ReferenceStatus,
    Status,
    status_counts,
)
from citecheck.results import ManuscriptResult

OFFLINE = (
    "Offline: no registry was consulted. No reference has been checked against Crossref or "
    "PubMed; run with --online for that."
)


def checked_sentence(result: ManuscriptResult) -> str:
    """What this run checked, in words."""
    online = result.online
    if online is None:
        return OFFLINE
    if online.traffic is not None:
        services = sorted({s for s, _ in (*online.traffic.requests, *online.traffic.cached)})
        asked = ", ".join(services) or "no service (every answer from the run's cache)"
        how = f"Online: registries asked over HTTP: {asked}"
    else:
        about = f" ({online.lock.crossref_url})" if online.lock.crossref_url else ""
        how = f"Online: registry answers{about} read without HTTP (a lockfile, a local registry)"
    return f"{how}. {coverage_sentence(online.coverage)[len('online: ') :]}."


def top_html(
    result: ManuscriptResult,
    statuses: Mapping[RefKey, ReferenceStatus],
    attention: Sequence[AttentionItem],
    places: Places,
    ids: Ids,
    generated: str,
) -> str:
    facts = (
        '<dl class="facts">'
        f"<dt>manuscript</dt><dd>{e(result.path)}</dd>"
        f"<dt>run</dt><dd>{e(generated)} · citecheck {e(__version__)}</dd>"
        f'<dt>checked</dt><dd class="checked {"offline" if result.online is None else "online"}">'
        f"{e(checked_sentence(result))}</dd></dl>"
    )
    return (
        f'<div class="top">{facts}{_status_counts(statuses, result.online is not None)}'
        f"{_attention(attention, result.analysis.references, places, ids)}</div>"
    )


def _status_counts(statuses: Mapping[RefKey, ReferenceStatus], online: bool) -> str:
    counts = status_counts(statuses)
    shown = [s for s in STATUSES if online or s is not Status.VERIFIED]
    cells = "".join(
        f'<div class="count st-count-{s.slug}" data-status-count="{e(s.value)}">'
        f'<span class="n">{counts[s]}</span><span class="what">{e(s.value)}</span></div>'
        for s in shown
    )
    legend = "".join(
        f'<dt><span class="badge st-{s.slug}">{e(s.value)}</span></dt><dd>{e(LEGEND[s])}</dd>'
        for s in shown
    )
    return (
        f'<div class="statuses"><div class="summary status-summary">{cells}</div>'
        f'<details class="legend"><summary>What the statuses mean</summary>'
        f"<dl>{legend}</dl></details>"
        f'<dl class="legend legend-print">{legend}</dl></div>'
    )


def _attention(
    items: Sequence[AttentionItem], references: Sequence[Reference], places: Places, ids: Ids
) -> str:
    if not items:
        body = '<p class="none">Nothing needs attention.</p>'
    else:
        by_key = {r.key: r for r in references}
        body = (
            '<ol class="attention">'
            + "".join(_attention_item(it, by_key, places, ids) for it in items)
            + "</ol>"
        )
    return (
        f'<section class="needs-attention" id="{ids.prefix}-attention">'
        f"<h3>Needs attention <small>({len(items)})</small></h3>{body}</section>"
    )


def _attention_item(
    it: AttentionItem, by_key: Mapping[RefKey, Reference], places: Places, ids: Ids
) -> str:
    f = it.finding
    if it.key is not None:
        ref = by_key[it.key]
        who = " ".join(
            x for x in (ref.authors[0].family if ref.authors else "", ref.year or "") if x
        )
        label = f"reference {ref.citekey or it.key}" + (f" ({who})" if who else "")
        target = ids.ref(it.key)
    elif (k := ids.cit_of(f)) is not None:
        label, target = "citation", ids.cit(k)
    else:
        label, target = "the manuscript", f"{ids.prefix}-findings"
    place = f" {where_html(places, f.span.start, f.span.end)}" if f.span and it.key is None else ""
    more = f' <span class="more">(+{it.more} more)</span>' if it.more else ""
    return (
        f'<li class="attention-item st-{it.status.slug}" data-rule="{e(f.rule)}" '
        f'data-status="{e(it.status.value)}"><a class="target" href="#{e(target)}">'
        f"{e(label)}</a>{place} "
        f'<span class="badge st-{it.status.slug}">{e(it.status.value)}</span> '
        f'<span class="rule">{e(f.rule)}</span> <span class="msg">{e(f.message)}</span>'
        f"{more}</li>"
    )


__all__ = ["OFFLINE", "checked_sentence", "top_html"]
