"""One status per reference and the needs-attention list (citecheck.report.status)."""

from __future__ import annotations

from dataclasses import replace

from citecheck.model import Finding, Severity
from citecheck.report.status import Status, needs_attention, reference_statuses, status_counts
from citecheck.verify.judge import ReferenceVerdict

from .attention import attention_result


def test_online_statuses_of_the_attention_manuscript() -> None:
    statuses = reference_statuses(attention_result())
    assert {k: s.status for k, s in statuses.items()} == {
        1: Status.PROBLEM,  # the DOI names another work
        2: Status.PROBLEM,  # retracted
        3: Status.CHECK,  # no registry record: fabricated?
        4: Status.VERIFIED,
    }
    assert [f.rule for f in statuses[1].reasons] == ["DOI002"]
    assert statuses[3].verdict == "unmatched"


def test_needs_attention_most_serious_first() -> None:
    items = needs_attention(attention_result())
    assert [(it.finding.rule, it.key) for it in items] == [
        ("DOI002", 1),
        ("RET001", 2),
        ("EXIST001", 3),
        ("CIT001", None),  # reference 7 is not in the list: the item is the citation
    ]
    assert items[-1].span is not None


def test_offline_nothing_is_verified() -> None:
    result = attention_result(online=False)
    statuses = reference_statuses(result)
    assert {s.status for s in statuses.values()} == {Status.NOT_VERIFIED}
    assert status_counts(statuses)[Status.VERIFIED] == 0
    assert [it.finding.rule for it in needs_attention(result)] == ["CIT001"]


def test_unavailable_registry_is_not_verified_and_notes_and_field_mismatch() -> None:
    result = attention_result()
    assert result.online is not None
    verdicts = tuple(
        ReferenceVerdict(4, "unavailable", detail="timeout") if v.key == 4 else v
        for v in result.online.verdicts
    )
    result = replace(result, online=replace(result.online, verdicts=verdicts))
    assert reference_statuses(result)[4].status is Status.NOT_VERIFIED
    note = Finding("RET002", Severity.WARNING, "a correction was published", None, (4,))
    assert reference_statuses(replace(result, findings=(note,)))[4].status is Status.NOTE
    meta = Finding("META001", Severity.WARNING, "volume differs", None, (4,))
    assert reference_statuses(replace(result, findings=(meta,)))[4].status is Status.PROBLEM
    info = Finding("DOI003", Severity.INFO, "DOI found", None, (4,))
    assert reference_statuses(replace(result, findings=(info,)))[4].status is Status.NOT_VERIFIED


def test_text_summary_says_how_many_were_verified_checked_and_not_asked() -> None:
    from citecheck.report.text import summary_line

    line = summary_line([attention_result()])
    # The retracted work's record agrees with it, but a retracted work is not "verified".
    assert line.endswith(
        "; 1 verified by a registry record; online: 4 of 4 references checked, "
        "0 could not be checked, 0 not asked"
    )
    assert "verified" not in summary_line([attention_result(online=False)])


def test_corpus_ranking_counts_references_per_status() -> None:
    import re

    from citecheck.report.html_corpus import render_corpus_html

    page = render_corpus_html([attention_result(), attention_result(online=False)])
    ranking = page.split('id="ranking"')[1].split("</table>")[0]
    rows = re.findall(r"<tr data-path[^>]*>(.*?)</tr>", ranking)
    cells = [re.findall(r'<td class="n">([^<]*)</td>', row)[-3:] for row in rows]
    assert cells == [["2", "1", "1"], ["0", "0", "—"]]  # problem, check, verified
