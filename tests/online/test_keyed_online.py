"""--online on a keyed manuscript: every cited .bib entry is verified as a numbered reference
is, a Manubot identifier key by its identifier, and each finding points at the entry's line
in its .bib and says where the entry is first cited."""

from __future__ import annotations

from pathlib import Path

import citecheck
from citecheck.inputs import read_document
from citecheck.locations import Locator
from citecheck.options import CheckOptions
from citecheck.registry.records import Lookup
from citecheck.registry.settings import OnlineOptions

from .helpers import FakeRegistry, work

BIB = """@article{a,
  author = {Smith, John},
  title = {A first study of things that matter},
  journal = {J Test},
  year = {2019},
  doi = {10.1000/real}
}

@article{b,
  author = {Doe, Jane},
  title = {A second study of other things},
  journal = {J Test},
  year = {2020},
  doi = {10.1000/missing}
}
"""


def test_bib_entries_are_verified_and_located(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "ch.tex").write_text("Later \\citep{b}.\n", encoding="utf-8")
    (tmp_path / "paper.tex").write_text(
        "We cite \\cite{a}.\n\\input{ch}\n\\bibliography{refs}\n", encoding="utf-8"
    )
    registry = FakeRegistry()
    other = work(
        DOI="10.1000/real",
        title=["A totally different paper"],
        author=[{"family": "Other", "given": "X"}],
        issued={"date-parts": [[2001]]},
        **{"container-title": ["J Other"]},
    )
    registry.works["10.1000/real"] = Lookup.found(other)
    options = CheckOptions(online=OnlineOptions(cache=False))
    result = citecheck.check_manuscript(
        read_document(tmp_path / "paper.tex"), options, registry=registry
    )
    locator = Locator(result.analysis.document)
    found = {}
    for f in result.findings:
        place = locator.locate(f.span.start) if f.span else None
        found[f.rule] = (f, Path(place.path).name if place else "", place.line if place else 0)
    doi002, file, line = found["DOI002"]
    assert (file, line, doi002.refs) == ("refs.bib", 6, ("a",))  # its doi line
    assert doi002.message.endswith(f"(first cited at {tmp_path / 'paper.tex'}:1:9)")
    doi001, file, line = found["DOI001"]
    assert (file, line, doi001.refs) == ("refs.bib", 14, ("b",))
    assert doi001.evidence["first_cited_at"] == f"{tmp_path / 'ch.tex'}:1:7"
    assert "work 10.1000/real" in registry.asked and "work 10.1000/missing" in registry.asked


def test_a_manubot_identifier_key_is_verified_by_its_doi(tmp_path: Path) -> None:
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    (tmp_path / "paper.md").write_text(
        "---\nbibliography: refs.json\n---\n\nShown before [@doi:10.1000/nothere].\n", "utf-8"
    )
    registry = FakeRegistry()
    options = CheckOptions(online=OnlineOptions(cache=False))
    result = citecheck.check_manuscript(
        read_document(tmp_path / "paper.md"), options, registry=registry
    )
    assert "work 10.1000/nothere" in registry.asked
    assert [f.refs for f in result.findings if f.rule == "DOI001"] == [("doi:10.1000/nothere",)]
    assert not [f for f in result.findings if f.rule in ("REF004", "CIT001", "CIT002")]
