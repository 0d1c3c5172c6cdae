"""The HTML report an editor acts on, in headless Chromium (issue #20): the needs-attention
list names exactly what needs attention, most serious first; offline nothing is verified;
every DOI is a link; every internal link lands on an anchor. Skipped without Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from citecheck.inputs import read_document
from citecheck.manuscript import check_manuscript
from citecheck.options import CheckOptions
from citecheck.report.html import render_html

from .attention import attention_result

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "refs" / "walenkamp2017-cxcr4.md"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


class _Dom(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def having(self, cls: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if cls in a.get("class", "").split()]

    def badges(self) -> list[str]:
        return re.findall(r'<span class="badge [^"]*">([^<]*)</span>', self.source)


def _dom(page: str, tmp_path: Path) -> _Dom:
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         path.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return _Dom(done.stdout)


def _assert_links_resolve(dom: _Dom) -> int:
    ids = {a["id"] for _, a in dom.tags if a.get("id")}
    internal = [a["href"] for t, a in dom.tags if t == "a" and a.get("href", "").startswith("#")]
    assert not [h for h in internal if h[1:] not in ids]
    assert not [a for t, a in dom.tags if t == "a" and a.get("href") == ""]
    return len(internal)


def test_needs_attention_names_exactly_those_most_serious_first(tmp_path: Path) -> None:
    dom = _dom(render_html([attention_result()], generated="2026-12-07 01:00 UTC"), tmp_path)
    items = dom.having("attention-item")
    assert [a["data-rule"] for a in items] == ["DOI002", "RET001", "EXIST001", "CIT001"]
    targets = re.findall(r'<li class="attention-item[^>]*><a class="target" href="([^"]+)"',
                         dom.source)  # fmt: skip
    assert targets == ["#m0-ref-1", "#m0-ref-2", "#m0-ref-3", "#m0-cit-4"]
    statuses = {a["id"]: a["data-status"] for a in dom.having("ref")}
    assert statuses == {"m0-ref-1": "problem", "m0-ref-2": "problem", "m0-ref-3": "check",
                        "m0-ref-4": "verified"}  # fmt: skip
    assert _assert_links_resolve(dom) >= 10


def test_every_doi_is_a_link(tmp_path: Path) -> None:
    result = attention_result()
    dom = _dom(render_html([result]), tmp_path)
    hrefs = {a["href"] for t, a in dom.tags if t == "a" and "doi" in a.get("class", "").split()}
    for ref in result.analysis.references:
        if ref.doi:
            assert f"https://doi.org/{ref.doi}" in hrefs
    # A DOI shown anywhere but in the entry as printed and in messages is inside a link.
    cells = re.findall(r'<span class="c-doi">(.*?)</span>', dom.source)
    assert cells[0] == "DOI"  # the table's head
    assert all(c == "" or c.startswith('<a class="doi"') for c in cells[1:])
    shown = re.findall(r"<td>(10\.\d{4,}/[^<]*)</td>", dom.source)
    assert shown == []  # the evidence table's DOIs are links too


def test_registry_titles_lose_their_markup(tmp_path: Path) -> None:
    dom = _dom(render_html([attention_result()]), tmp_path)
    evidence = re.findall(r'<table class="evidence">.*?</table>', dom.source)
    assert any("<td>Plerixafor improves survival in glioblastoma: a" in t for t in evidence)
    assert not [t for t in evidence if "&lt;" in t]


def test_offline_report_verifies_nothing_and_says_so(tmp_path: Path) -> None:
    dom = _dom(render_html([attention_result(online=False)]), tmp_path)
    assert "verified" not in {a.get("data-status") for _, a in dom.tags}
    assert "verified" not in dom.badges()
    assert "not verified" in dom.badges()
    assert "no registry was consulted" in dom.source
    assert [a["data-rule"] for a in dom.having("attention-item")] == ["CIT001"]
    _assert_links_resolve(dom)


def test_every_internal_link_of_the_bundled_example_resolves(tmp_path: Path) -> None:
    result = check_manuscript(read_document(EXAMPLE), CheckOptions())
    dom = _dom(render_html([result]), tmp_path)
    assert _assert_links_resolve(dom) > 100
    assert len(dom.having("ref")) == 88


def test_bundled_example_prints_to_a_few_pages(tmp_path: Path) -> None:
    """Issue #20's bar: at most a quarter of the 73 pages the report printed to before (the
    folded parts are not printed; the top, findings, claims and reference table are)."""
    result = check_manuscript(read_document(EXAMPLE), CheckOptions())
    page = tmp_path / "report.html"
    page.write_text(render_html([result]), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 73 // 4
