"""The HTML report of the bundled example in a real headless browser (Debian's Chromium).

Chromium renders the page from a file (no server); ``--dump-dom`` gives the DOM after the
page's script ran, ``--screenshot`` a picture kept in the test's tmp dir. Filtering is
driven by the page's own address hook, ``#hide=info``, which calls the same function as the
checkboxes. Skipped when Chromium is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "walenkamp2017-cxcr4.md"
CLAIMS = ROOT / "claims" / "walenkamp2017-cxcr4.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)


class _Dom(HTMLParser):
    """The start tags of a dumped DOM, with their attributes."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))

    def having(self, cls: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if cls in (a.get("class") or "").split()]

    def shown_count(self) -> str:
        m = re.search(r'<output id="shown-count"[^>]*>([^<]*)</output>', self.source)
        assert m, "no shown-count element"
        return m.group(1)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "walenkamp2017-cxcr4.html"
    args = ["check", str(SEED), "--claims", str(CLAIMS), "--format", "html", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


def _chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _dom(tmp_path: Path, url: str) -> _Dom:
    return _Dom(_chromium(tmp_path, "--dump-dom", url))


def test_key_elements_render(page: Path, tmp_path: Path) -> None:
    dom = _dom(tmp_path, page.as_uri())
    counts = {a["data-count"]: a for a in dom.having("count") if "data-count" in a}
    statuses = {a["data-status-count"] for a in dom.having("count") if "data-status-count" in a}
    assert statuses == {"problem", "check", "note", "not verified"}  # offline: no "verified"
    assert set(counts) >= {"references", "citations", "claims", "error", "warning", "info"}
    assert len(dom.having("ref")) == 88
    assert len(dom.having("citation")) == 59
    assert len(dom.having("claim")) == 3
    assert [a["data-verdict"] for a in dom.having("claim")] == ["linked"] * 3
    assert dom.shown_count() == "showing 2 of 2 findings"  # the script ran
    assert not [a for _, a in dom.tags if "hidden" in a]


def test_filter_hides_info_findings(page: Path, tmp_path: Path) -> None:
    dom = _dom(tmp_path, page.as_uri() + "#hide=info")
    info = [a for _, a in dom.tags if a.get("data-severity") == "info"]
    assert len(info) >= 2
    assert all("hidden" in a for a in info)
    assert dom.shown_count() == "showing 0 of 2 findings"
    html_tag = next(a for t, a in dom.tags if t == "html")
    assert html_tag["data-hidden"] == "info"


def test_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 50_000  # a page with text on it, not a blank one
