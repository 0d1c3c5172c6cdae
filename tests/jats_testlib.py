"""Small JATS articles made in the tests: a body and a reference list in the shape PLOS and
PubMed Central write them."""

from __future__ import annotations

from pathlib import Path

PROLOG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.1d3'
    ' 20150301//EN" "http://jats.nlm.nih.gov/publishing/1.1d3/JATS-journalpublishing1.dtd">\n'
)
NS = 'xmlns:mml="http://www.w3.org/1998/Math/MathML" xmlns:xlink="http://www.w3.org/1999/xlink"'


def ref(n: int, family: str = "Smith", year: str = "2001", *, label: bool = True) -> str:
    """A PLOS-style reference ``B<n>`` with tagged fields."""
    return (
        f'<ref id="B{n}">{f"<label>{n}</label>" if label else ""}'
        '<mixed-citation publication-type="journal">'
        f"<name><surname>{family}</surname><given-names>J</given-names></name>, "
        "<name><surname>Doe</surname><given-names>AB</given-names></name> "
        f"(<year>{year}</year>) <article-title>Study number {n} of a thing</article-title>. "
        f"<source>J Things</source> <volume>{n}</volume>: <fpage>1{n}</fpage>–<lpage>2{n}</lpage>."
        "</mixed-citation></ref>"
    )


def xref(*ns: int, shown: str | None = None) -> str:
    rid = " ".join(f"B{n}" for n in ns)
    return f'<xref ref-type="bibr" rid="{rid}">{shown if shown is not None else ns[0]}</xref>'


def article(body: str, refs: str | int = 3, *, back: str = "", title: str = "A study") -> str:
    """A whole article: ``refs`` is the ``<ref>``s (or how many numbered ones to make)."""
    listed = "".join(ref(n) for n in range(1, refs + 1)) if isinstance(refs, int) else refs
    return (
        f'{PROLOG}<article {NS} article-type="research-article">\n'
        f"<front><article-meta><title-group><article-title>{title}</article-title>"
        "</title-group></article-meta></front>\n"
        f"<body>{body}</body>\n"
        f"<back>{back}<ref-list><title>References</title>\n{listed}\n</ref-list></back>\n"
        "</article>\n"
    )


def write(tmp_path: Path, xml: str, name: str = "paper.xml") -> Path:
    path = tmp_path / name
    path.write_text(xml, encoding="utf-8")
    return path
