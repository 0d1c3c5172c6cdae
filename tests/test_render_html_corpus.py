"""The corpus HTML page (issue #18): manuscripts ranked by problems, the most common
findings, every citation of a retracted or corrected work, failures, links to each
manuscript's section."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from citecheck.cli import main
from citecheck.corpus import check_corpus
from citecheck.report.html_corpus import render_corpus_html
from citecheck.results import ManuscriptFailure
from citecheck.rules import finding

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "walenkamp2017-cxcr4.md"
FAULTS = FIXTURES / "golden" / "faults-vancouver.md"


def _results():  # type: ignore[no-untyped-def]
    items = list(check_corpus([str(SEED), str(FAULTS)]))
    return [i.result for i in items if i.result is not None]


def test_ranked_by_errors_then_warnings_with_links() -> None:
    seed, faults = _results()
    quiet = replace(seed, findings=())
    page = render_corpus_html([quiet, seed, faults])

    def rank(r):  # type: ignore[no-untyped-def]
        sev = [f.severity.value for f in r.findings]
        return (-sev.count("error"), -sev.count("warning"), -sev.count("info"))

    ranks = [rank(quiet), rank(seed), rank(faults)]
    assert len(set(ranks)) == 3  # the three are told apart
    expected = [f"m{i}" for i in sorted(range(3), key=lambda i: ranks[i])]
    ranking = page.split('id="ranking"')[1].split("</table>")[0]
    assert re.findall(r'<a href="#(m\d)">', ranking) == expected
    assert expected[-1] == "m0"  # no finding: last
    for anchor in expected:
        assert f'id="{anchor}"' in page  # every link lands on a section


def test_most_common_findings_count_findings_and_manuscripts() -> None:
    seed, faults = _results()
    page = render_corpus_html([seed, faults, seed])
    common = page.split('id="common"')[1].split("</table>")[0]
    rules = [f.rule for r in (seed, faults, seed) for f in r.findings]
    top = max(set(rules), key=lambda r: (rules.count(r), r))
    first = re.search(r"<tr[^>]*><td>(\w+)</td><td>\w*</td><td class=\"n\">(\d+)</td>", common)
    assert first is not None
    assert int(first.group(2)) == rules.count(first.group(1)) == rules.count(top)


def test_every_retraction_and_correction_across_the_corpus() -> None:
    seed, faults = _results()
    retracted = finding("RET001", "ref 9: the cited work 10.1/x was retracted", refs=(9,))
    corrected = finding("RET002", "ref 3: the cited work 10.1/y has a correction", refs=(3,))
    page = render_corpus_html(
        [
            replace(seed, findings=(*seed.findings, retracted)),
            replace(faults, findings=(*faults.findings, corrected)),
        ],
        failures=[ManuscriptFailure("broken.md", "binary file")],
    )
    notices = page.split('id="notices"')[1].split("</table>")[0]
    assert "10.1/x was retracted" in notices and "10.1/y has a correction" in notices
    assert 'href="#m0-ref-9"' in notices and 'href="#m1-ref-3"' in notices
    assert 'id="m0-ref-9"' in page
    assert "broken.md: binary file" in page


def test_check_dir_format_html_writes_the_corpus_page(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.md")
    shutil.copy(FAULTS, corpus / "faults.md")
    (corpus / "x.md").write_text("nothing\n", encoding="utf-8")
    out = tmp_path / "report.html"
    run = CliRunner().invoke(
        main, ["check", str(corpus), "-j", "1", "--format", "html", "-o", str(out)]
    )
    assert run.exit_code == 3, run.output  # x.md has no reference list
    page = out.read_text(encoding="utf-8")
    assert "Manuscripts ranked by problems" in page and 'id="path-filter"' in page
    assert "the corpus was not checked online" in page
    assert "x.md: no reference section found" in page


def test_several_files_named_on_the_command_line_get_the_overview(tmp_path: Path) -> None:
    """Not only a corpus run (a directory, --jobs): ``check a.md b.md --format html`` leads
    with the overview too; one manuscript keeps its own page."""
    for name, src in (("a.md", SEED), ("b.md", FAULTS)):
        shutil.copy(src, tmp_path / name)
    two = CliRunner().invoke(
        main, ["check", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--format", "html"]
    )
    assert "Manuscripts ranked by problems" in two.stdout
    one = CliRunner().invoke(main, ["check", str(tmp_path / "a.md"), "--format", "html"])
    assert "<title>citecheck report</title>" in one.stdout
    assert "Manuscripts ranked by problems" not in one.stdout
