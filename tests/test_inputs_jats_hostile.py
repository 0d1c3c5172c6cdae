"""Hostile and broken XML: each is one line naming the file and exit 3, quickly, with nothing
expanded or fetched; an external DTD named by URL is read without being fetched."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from jats_testlib import NS, article, xref

from citecheck.cli import main
from citecheck.errors import InputError
from citecheck.inputs import jats_xml, read_document

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE article [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]><article><body><p>&lol9;</p></body></article>"
).replace("&lol0;", "&lol;")
QUADRATIC = (  # one large entity used many times: no nesting, still an expansion bomb
    f'<!DOCTYPE article [<!ENTITY a "{"x" * 50_000}">]><article><body><p>'
    + "&a;" * 50_000
    + "</p></body></article>"
)


def _external(target: str) -> str:
    return (
        f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "{target}">]>'
        "<article><body><p>&x;</p></body></article>"
    )


CASES = [
    pytest.param(LAUGHS.encode(), "declares an entity", id="billion-laughs"),
    pytest.param(QUADRATIC.encode(), "declares an entity", id="quadratic-blowup"),
    pytest.param(_external("file:///etc/passwd").encode(), "declares an entity", id="xxe-file"),
    pytest.param(_external("http://example.invalid/x").encode(), "declares an", id="xxe-http"),
    pytest.param(
        b'<!DOCTYPE article [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]><article/>',
        "declares a parameter entity",
        id="parameter-entity",
    ),
    pytest.param(
        ("<article>" + "<sec>" * 300 + "</sec>" * 300 + "</article>").encode(),
        "nested more than",
        id="deep-nesting",
    ),
    pytest.param(("<p>" * 200_000).encode(), "nested more than", id="very-deep-unclosed"),
    pytest.param(b"just some text, not XML", "not XML", id="not-xml"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF", id="pdf-renamed"),
    pytest.param(b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "not XML", id="zip"),
    pytest.param(b"<article><body><p>unclosed</body></article>", "not well-formed", id="malformed"),
    pytest.param(b"<article><p>\xff\xfe bad bytes</p></article>", "not XML (not valid", id="bytes"),
    pytest.param(
        b'<?xml version="1.0" encoding="x-klingon"?><article/>',
        "unknown encoding",
        id="unknown-encoding",
    ),
    pytest.param(
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "not a JATS", id="xhtml"
    ),
    pytest.param(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>', "<TEI>", id="tei"),
    pytest.param(b"<pmc-articleset/>", "without an <article>", id="empty-articleset"),
    pytest.param(  # IOP's own XML (Pub2TEI's IOP samples, second sweep)
        b'<article artid="jphysd400830"><article-metadata><jnl-data/></article-metadata>'
        b"<body><sec-level1><heading>Intro</heading><p>Text [1].</p></sec-level1></body>"
        b"<back><references><reference-list/></references></back></article>",
        "not JATS",
        id="iop-own-xml",
    ),
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"\n  \n", "empty", id="blank"),
]


@pytest.mark.parametrize(("data", "says"), CASES)
def test_hostile_xml_is_one_line_and_exit_3(tmp_path: Path, data: bytes, says: str) -> None:
    path = tmp_path / "paper.xml"
    path.write_bytes(data)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert time.monotonic() - started < 5
    assert result.exit_code == 3, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"citecheck: error: {path}: ")
    assert says in lines[0]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as f:  # sparse: nothing is written, the size is what is checked
        f.truncate(jats_xml.MAX_BYTES + 1)
    with pytest.raises(InputError, match=r"over the [\d,]+-byte limit for XML"):
        read_document(path)


def test_a_file_growing_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jats_xml, "MAX_BYTES", 1_000)
    path = tmp_path / "big.xml"
    path.write_text(article("<p>" + "word " * 400 + "</p>"), encoding="utf-8")
    with pytest.raises(InputError, match="limit for XML"):
        read_document(path)


@pytest.fixture
def dtd_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that serves a DTD and records every request."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            body = b'<!ENTITY ext "fetched">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_an_external_dtd_by_url_is_read_without_fetching_it(
    tmp_path: Path, dtd_server: tuple[str, list[str]]
) -> None:
    url, requests = dtd_server
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS//EN" "{url}/j.dtd">\n'
        f"<article {NS}><body><p>Seen [{xref(1)}] &ext;.</p></body>"
        "<back><ref-list>"
        '<ref id="B1"><label>1</label><mixed-citation>Smith J (2001) A title of a work. '
        "Nature 1: 2.</mixed-citation></ref></ref-list></back></article>"
    )
    path = tmp_path / "paper.xml"
    path.write_text(xml, encoding="utf-8")
    doc = read_document(path)
    assert requests == []
    assert "fetched" not in doc.text and "&ext;" in doc.text  # left as written, not resolved
    assert [m.keys for m in doc.marks or ()] == [(1,)]


def test_the_reader_never_opens_a_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the XML reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    path = tmp_path / "paper.xml"
    path.write_text(article(f"<p>Seen [{xref(1)}].</p>", 1), encoding="utf-8")
    assert read_document(path).marks
