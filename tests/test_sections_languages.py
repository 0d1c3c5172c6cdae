"""Reference lists named in other languages (third sweep: a German thesis's
"Literaturverzeichnis", a SciELO article's "Literatura citada", a Brazilian manuscript's
"Referências"): found as the English names are."""

from __future__ import annotations

import pytest

from citecheck.bibliography.sections import find_reference_section

BODY = "# Introdução\n\nTexto com citação (Silva, 2010).\n\n"
ENTRIES = (
    "Silva, J. F. (2010). Regeneração natural em clareiras. Revista Árvore, 34(2), 101-110.\n\n"
    "Souza, R. (2012). Manejo florestal. Ciência Florestal, 22(1), 1-9.\n"
)


@pytest.mark.parametrize(
    "heading",
    [
        "# Referências",
        "# REFERÊNCIAS BIBLIOGRÁFICAS",
        "# Literatura citada",
        "# Referencias",
        "# Bibliografía",
        "# Références bibliographiques",
        "# Bibliographie",
        "# Riferimenti bibliografici",
        "# Literaturverzeichnis",
        "# Literatur",
        "# Literatuurlijst",
        "**Referências**",
    ],
)
def test_a_list_named_in_another_language_is_found(heading: str) -> None:
    text = f"{BODY}{heading}\n\n{ENTRIES}"
    section = find_reference_section(text)
    assert section is not None
    assert text[section.body.start : section.body.end].strip().startswith("Silva, J. F.")


def test_a_word_that_only_begins_like_a_name_is_no_heading() -> None:
    text = f"{BODY}# Literaturas regionais\n\n{ENTRIES}"
    assert find_reference_section(text) is None


@pytest.mark.parametrize(
    "line", ["RECEIVED: 13/10/2022", "Recebido: 13/10/2022", "Accepted 5 May 2023"]
)
def test_the_dates_a_journal_prints_after_the_list_end_it(line: str) -> None:
    text = f"{BODY}# References\n\n{ENTRIES}\n{line}\n\nACCEPTED: 05/09/2023\n"
    section = find_reference_section(text)
    assert section is not None
    assert line not in text[section.body.start : section.body.end]
