"""The HTML report: structure, escaping of everything that comes from outside, registry
evidence side by side, and the ``--format html`` option."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType

from click.testing import CliRunner

from citecheck.claims.model import Claim, ClaimReport, ClaimVerdict, Verdict
from citecheck.cli import main
from citecheck.model import Author, Document, Finding, Severity
from citecheck.pipeline import analyze
from citecheck.registry.records import WorkRecord
from citecheck.report.html import render_html, snippet_html
from citecheck.report.html_assets import SCRIPT
from citecheck.results import ManuscriptResult
from citecheck.verify.judge import ReferenceVerdict
from citecheck.verify.run import OnlineResult

ROOT = Path(__file__).resolve().parent.parent
EVIL = "<script>alert(1)</script>"
EVIL_ATTR = '"><img src=x onerror=alert(2)>'

SMALL = f"""# A small review

CXCR4 is everywhere {EVIL} (1). It binds CXCL12 (2,3).

## References

1. Smith J, Doe A. A title with {EVIL} inside. J Test. 2020;1:1-2.
2. Roe R. Another work. J Test. 2019;2:3-4.
3. Poe E. A third work {EVIL_ATTR}. J Test. 2018;3:5-6.
"""


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the body of every script element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in_script:
            self.scripts[-1] += data


def _parse(page: str) -> _Elements:
    p = _Elements()
    p.feed(page)
    p.close()
    return p


def _result(text: str = SMALL, findings=None, claims=None, online=None) -> ManuscriptResult:
    analysis = analyze(Document("small.md", text))
    found = analysis.findings if findings is None else findings
    report = ClaimReport(tuple(claims), ()) if claims is not None else None
    return ManuscriptResult(analysis, tuple(found), report, online)


def _online(*verdicts: ReferenceVerdict, records: dict | None = None) -> OnlineResult:
    return OnlineResult((), verdicts, records=records or {})


def test_injected_script_in_title_and_text_is_inert() -> None:
    online = _online(
        ReferenceVerdict(1, EVIL_ATTR, detail=EVIL),
        records={1: WorkRecord("10.1/x", title=EVIL, authors=(Author(EVIL, "J"),))},
    )
    claim = Claim(EVIL, EVIL, (1,), note=EVIL_ATTR)
    claims = (ClaimVerdict(claim, Verdict.NOT_FOUND, None, (), (), EVIL),)
    page = render_html([_result(claims=claims, online=online)])
    parsed = _parse(page)
    assert parsed.scripts == [SCRIPT], "only the report's own script element may be live"
    assert not [t for t, _ in parsed.tags if t == "img"]
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5  # text, title, record, claim


def test_page_is_self_contained() -> None:
    page = render_html([_result()])
    tags = _parse(page).tags
    assert not [a for t, a in tags if t in ("link", "img", "iframe", "object")]
    assert not [a for t, a in tags if t == "script" and a.get("src")]
    assert "http://" not in page and "https://" not in page


def test_references_citations_and_anchors() -> None:
    page = render_html([_result()])
    tags = _parse(page).tags
    ids = {a.get("id") for _, a in tags}
    assert {"m0-ref-1", "m0-ref-2", "m0-ref-3", "m0-cit-0", "m0-cit-1"} <= ids
    links = {a.get("href") for t, a in tags if t == "a"}
    assert {"#m0-ref-1", "#m0-ref-2", "#m0-ref-3", "#m0-cit-0"} <= links
    rows = [a for t, a in tags if t == "tr" and "citation" in (a.get("class") or "")]
    assert len(rows) == 2
    assert "<mark>(2,3)</mark>" in page


def test_finding_marks_its_reference_and_is_filterable() -> None:
    warning = Finding("CIT002", Severity.WARNING, "reference 3 is never cited", None, (3,))
    info = Finding("REF002", Severity.INFO, "numbered by position", None, (1, 2, 3))
    page = render_html([_result(findings=[warning, info])])
    tags = _parse(page).tags
    filtered = [a for _, a in tags if "data-severity" in a]
    assert {a["data-severity"] for a in filtered} == {"warning", "info"}
    ref3 = next(a for _, a in tags if a.get("id") == "m0-ref-3")
    assert ref3["data-status"] == "check"  # a warning on it: a person should look
    boxes = [a for t, a in tags if t == "input" and "sev-filter" in (a.get("class") or "")]
    assert [b["value"] for b in boxes] == ["error", "warning", "info"]


def test_registry_record_side_by_side_with_differences_highlighted() -> None:
    meta = Finding(
        "META001",
        Severity.WARNING,
        'ref 1: volume printed "1", Crossref has "42"',
        None,
        (1,),
        MappingProxyType({"field": "volume", "printed": "1", "registry": "42"}),
    )
    record = WorkRecord(
        "10.1000/xyz",
        title="A title with inside",
        authors=(Author("Smith", "J"), Author("Doe", "A")),
        container_titles=("Journal of Testing",),
        short_container_titles=("J Test",),
        years=(2020,),
        volume="42",
        issue="6",
        page="1-2",
    )
    online = _online(
        ReferenceVerdict(1, "mismatch", "10.1000/xyz", "search"),
        ReferenceVerdict(2, "verified", "10.1000/abc"),
        records={1: record},
    )
    page = render_html([_result(findings=[meta], online=online)])
    assert page.count('class="evidence"') == 1
    assert '<tr class="diff"><th>volume</th><td>1</td><td>42</td>' in page
    assert "<th>year</th><td>2020</td><td>2020</td>" in page
    assert "Journal of Testing / J Test" in page
    assert 'class="badge online-verified"' in page


def test_meta_findings_alone_give_the_differing_fields() -> None:
    meta = Finding(
        "META001",
        Severity.WARNING,
        "author 2 differs",
        None,
        (1,),
        MappingProxyType({"field": "author 2", "printed": "Doe A", "registry": "Dae A"}),
    )
    found = Finding(
        "DOI003", Severity.INFO, "DOI found", None, (2,), MappingProxyType({"doi": "10.1/b"})
    )
    page = render_html([_result(findings=[meta, found])])
    assert '<tr class="diff"><th>authors</th><td>Doe A</td><td>Dae A</td>' in page
    assert page.count('class="registry"') == 2
    assert '<span class="badge online-mismatch">mismatch</span>' in page
    assert '<span class="badge online-found">found</span> · <a class="doi" ' in page
    assert 'href="https://doi.org/10.1/b"' in page  # every DOI is a link


def test_snippet_stays_in_its_paragraph_and_escapes() -> None:
    text = "First paragraph.\n\nSee <b>this</b> (1) and more.\n\nNext."
    start = text.index("(1)")
    out = snippet_html(text, start, start + 3)
    assert out == "See &lt;b&gt;this&lt;/b&gt; <mark>(1)</mark> and more."


def test_cli_format_html_on_the_bundled_example(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    seed = ROOT / "refs" / "walenkamp2017-cxcr4.md"
    claims = ROOT / "claims" / "walenkamp2017-cxcr4.yaml"
    args = ["check", str(seed), "--claims", str(claims), "--format", "html", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    tags = _parse(out.read_text(encoding="utf-8")).tags
    classes = [(a.get("class") or "").split() for _, a in tags]
    assert sum("ref" in c for c in classes) == 88
    assert sum("citation" in c for c in classes) == 59
    assert sum("claim" in c for c in classes) == 3
