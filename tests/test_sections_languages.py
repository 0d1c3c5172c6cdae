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


AD_LIST = "\n\n".join(
    [
        "Adams, S. B. (2007). Direct and indirect effects of catfish. Naturalist, 158, 85-96.",
        "Bates, D., Mächler, M., & Walker, S. (2015). Fitting mixed-effects models. JSS, 67.",
        "Kusabs, I. A., & Burdon, F. J. (inpress). Invasive catfish linked to decline. Journal.",
        "Lodge, D. M., & Hill, A. M. (1994). Factors governing species composition. Nordic J, 2.",
        "Raven, O. V., & Holmes, R. (inreview). Littoral habitat structure. https://example.org",
        "Richman, N. I., & Böhm, M. (2015). Multiple drivers of decline. Phil Trans B, 370.",
        "Zhao, M., & Feng, G. (2024). The influence of shelter type. Animals, 14(8), 1147.",
    ]
)


def test_an_author_date_list_without_a_heading_at_the_end_is_found() -> None:
    """Quarto's PDF: the last figure's caption, then the list with no heading."""
    text = (
        "# Results\n\nCrayfish hide (Adams, 2007; Zhao & Feng, 2024).\n\n"
        "Figure 5: Brick material preference (Experiment 4).\n\nSource: Article Notebook\n\n"
        f"{AD_LIST}\n"
    )
    section = find_reference_section(text)
    assert section is not None and section.heading == ""
    assert text[section.body.start : section.body.end].startswith("Adams, S. B. (2007)")
    assert text[section.body.start : section.body.end].endswith("14(8), 1147.")


def test_a_text_ending_in_a_few_author_date_lines_has_no_list() -> None:
    text = "# Notes\n\nSome prose here.\n\n" + "\n\n".join(AD_LIST.split("\n\n")[:3]) + "\n"
    assert find_reference_section(text) is None


def test_a_list_of_figures_after_the_references_ends_them() -> None:
    text = f"{BODY}# References\n\n{ENTRIES}\nLIST OF FIGURES\n\nFigure 1. A map.\n"
    section = find_reference_section(text)
    assert section is not None
    assert "LIST OF FIGURES" not in text[section.body.start : section.body.end]
