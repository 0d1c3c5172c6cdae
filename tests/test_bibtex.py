"""BibTeX output: entry types, keys that keep the number, LaTeX-safe values, round trip."""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
import pytest
from click.testing import CliRunner

from citecheck.bibliography.bibtex import (
    bibtex_fields,
    bibtex_from_references,
    entry_key,
    latex_value,
    library_from_references,
)
from citecheck.bibliography.references import read_references
from citecheck.cli import main
from citecheck.model import Author, Reference, RefType, Span

ROOT = Path(__file__).resolve().parents[1]


def ref(number: int | None = 7, **kw) -> Reference:
    kw.setdefault("authors", (Author("Hamm", "HE"),))
    kw.setdefault("title", "The many faces of G protein signaling")
    kw.setdefault("year", "1998")
    return Reference(number=number, raw="raw text", span=Span(0, 8), **kw)


@pytest.mark.parametrize(
    ("ref_type", "entry_type", "container_field"),
    [
        pytest.param(RefType.ARTICLE, "article", "journal", id="article"),
        pytest.param(RefType.ABSTRACT, "article", "journal", id="abstract"),
        pytest.param(RefType.BOOK, "book", "series", id="book"),
        pytest.param(RefType.CHAPTER, "incollection", "booktitle", id="chapter"),
        pytest.param(RefType.PREPRINT, "misc", "howpublished", id="preprint"),
        pytest.param(RefType.WEB, "misc", "howpublished", id="web"),
        pytest.param(RefType.THESIS, "phdthesis", "school", id="thesis"),
        pytest.param(RefType.OTHER, "misc", "howpublished", id="other"),
    ],
)
def test_entry_types_and_container_field(
    ref_type: RefType, entry_type: str, container_field: str
) -> None:
    library = library_from_references([ref(type=ref_type, container="Somewhere")])
    (entry,) = library.entries
    assert entry.entry_type == entry_type
    assert entry.fields_dict[container_field].value == "Somewhere"


def test_abstract_gets_a_note() -> None:
    fields = dict(bibtex_fields(ref(type=RefType.ABSTRACT, container="Blood")))
    assert fields["note"] == "[abstract]"


@pytest.mark.parametrize(
    ("reference", "width", "key"),
    [
        pytest.param(ref(7), 2, "ref07-hamm1998", id="zero-padded"),
        pytest.param(ref(88), 2, "ref88-hamm1998", id="two-digits"),
        pytest.param(ref(7), 3, "ref007-hamm1998", id="wide-list"),
        pytest.param(ref(3, authors=(Author("De Clercq", "E"),)), 2, "ref03-clercq1998",
                     id="particle-last-word"),
        pytest.param(ref(10, authors=(Author("Müller", "A"),)), 2, "ref10-muller1998",
                     id="ascii-folded"),
        pytest.param(ref(4, authors=(), title="Guidelines for care"), 2,
                     "ref04-guidelines1998", id="no-author-uses-title"),
        pytest.param(ref(None), 2, "ref-hamm1998", id="no-number"),
    ],
)  # fmt: skip
def test_keys_keep_the_number(reference: Reference, width: int, key: str) -> None:
    assert entry_key(reference, width) == key


def test_repeated_numbers_still_get_unique_keys() -> None:
    keys = [e.key for e in library_from_references([ref(2), ref(2)]).entries]
    assert keys == ["ref02-hamm1998", "ref02-hamm1998-2"]


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        pytest.param("A & B", r"A \& B", id="ampersand"),
        pytest.param("50% less", r"50\% less", id="percent"),
        pytest.param("x_y", r"x\_y", id="underscore"),
        pytest.param("{z}", r"\{z\}", id="braces"),
        pytest.param("#1 $5", r"\#1 \$5", id="hash-dollar"),
        pytest.param("a~b", r"a\textasciitilde{}b", id="tilde"),
        pytest.param("[^{99m}Tc]", r"[\textsuperscript{99m}Tc]", id="brace-superscript"),
        pytest.param("⁶⁸Ga", r"\textsuperscript{68}Ga", id="unicode-superscript"),
        pytest.param("O₂", r"O\textsubscript{2}", id="unicode-subscript"),
        pytest.param("H_{2}O", r"H\textsubscript{2}O", id="brace-subscript"),
        pytest.param("*Cell* press", "Cell press", id="emphasis-dropped"),
    ],
)
def test_latex_values(text: str, latex: str) -> None:
    assert latex_value(text) == latex


def test_acronyms_are_case_protected_in_titles() -> None:
    assert latex_value("CXCR4: a key receptor", protect_case=True) == "{CXCR4}: a key receptor"


def test_authors_as_bibtex_names() -> None:
    r = ref(authors=(Author("van Dijk", "TH"), Author("WHO Group", "", is_group=True)), et_al=True)
    assert dict(bibtex_fields(r))["author"] == "van Dijk, T. H. and {WHO Group} and others"


def _round_trip(refs: list[Reference]) -> None:
    text = bibtex_from_references(refs)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert len(library.entries) == len(refs)
    for r, entry in zip(refs, library.entries, strict=True):
        assert int(re.match(r"ref(\d+)-", entry.key).group(1)) == r.number
        assert [(f.key, f.value) for f in entry.fields] == bibtex_fields(r)


def test_awkward_values_round_trip() -> None:
    _round_trip(
        [
            ref(1, title="Unbalanced { brace and 100% & more_stuff #1", container="J } Odd"),
            ref(2, title="[^{99m}Tc]O₂-AMD3100 and ⁶⁸Ga", doi="10.1000/a_b%c"),
            ref(3, title='Quotes " and back\\slash', url="https://example.org/a?b=c&d=e"),
        ]
    )


def test_seed_round_trips_with_the_parsed_fields(seed_text: str) -> None:
    _, refs = read_references(seed_text)
    _round_trip(list(refs))
    library = library_from_references(refs)
    for r, entry in zip(refs, library.entries, strict=True):
        f = entry.fields_dict
        assert f["year"].value == r.year
        assert f["volume"].value == r.volume
        assert f["pages"].value == r.pages.replace("-", "--")
        assert f["journal"].value == latex_value(r.container)
    by_key = {e.key: e for e in library.entries}
    assert r"\textsuperscript{99m}Tc" in by_key["ref71-hartmath2013"].fields_dict["title"].value
    assert r"O\textsubscript{2}" in by_key["ref71-hartmath2013"].fields_dict["title"].value
    assert by_key["ref52-wick2016"].fields_dict["number"].value == "suppl"
    assert by_key["ref42-andritsos2010"].fields_dict["note"].value == "[abstract]"


def test_committed_bibtex_is_not_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["refs", "refs/walenkamp2017-cxcr4.md"])
    assert result.exit_code == 0, result.output
    committed = (ROOT / "refs" / "walenkamp2017-cxcr4.bib").read_text(encoding="utf-8")
    assert result.stdout == committed, (
        "refs/walenkamp2017-cxcr4.bib is stale: regenerate it with "
        "`citecheck refs refs/walenkamp2017-cxcr4.md -o refs/walenkamp2017-cxcr4.bib`"
    )


def test_brace_in_doi_still_round_trips() -> None:
    library = bibtexparser.parse_string(bibtex_from_references([ref(1, doi="10.1000/x{")]))
    assert library.failed_blocks == []
