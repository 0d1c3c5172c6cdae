"""Finding the reference section: heading forms, where it ends, choosing among candidates."""

from __future__ import annotations

import pytest

from citecheck.bibliography.references import read_references
from citecheck.bibliography.sections import find_reference_section

E1 = "1. Smith AB. Title one. Nature. 2001;1:1–2.\n2. Jones CD. Title two. Cell. 2002;2:3–4.\n"
E3 = "3. Brown EF. Title three. Science. 2003;3:5–6.\n"


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        pytest.param("# Intro\nText (1).\n\n# References\n\n" + E1, "# References", id="atx-h1"),
        pytest.param("## Intro\nText (1).\n\n## REFERENCES\n" + E1, "## REFERENCES", id="h2-upper"),
        pytest.param("Intro text (1).\n\n**References**\n\n" + E1, "**References**", id="bold"),
        pytest.param("Intro text (1).\n\nReferences\n\n" + E1, "References", id="bare-line"),
        pytest.param("Intro text (1).\n\nREFERENCES\n" + E1, "REFERENCES", id="bare-upper"),
        pytest.param("Intro (1).\n\nBibliography\n" + E1, "Bibliography", id="bibliography"),
        pytest.param("Intro (1).\n\n## Literature Cited\n" + E1, "## Literature Cited", id="lit"),
        pytest.param(
            "Intro (1).\n\n## Notes and references\n" + E1, "## Notes and references", id="notes"
        ),
        pytest.param("Intro (1).\n\n### 7. References\n" + E1, "### 7. References", id="numbered"),
        pytest.param("Intro (1).\n\nReferences\n==========\n" + E1, "References", id="setext"),
    ],
)
def test_heading_forms(text: str, heading: str) -> None:
    section = find_reference_section(text)
    assert section is not None
    assert section.heading == heading
    assert text[section.heading_span.start : section.heading_span.end].strip() == heading
    assert text[section.body.start : section.body.end].strip() == E1.strip()


@pytest.mark.parametrize(
    ("text", "body"),
    [
        pytest.param(
            "# Paper\n## Intro\nText (1).\n## References\n" + E1 + "## Supplement\n" + E3,
            E1,
            id="next-heading-same-level",
        ),
        pytest.param(
            "# Paper\n## References\n" + E1 + "# Part two\n" + E3, E1, id="next-heading-higher"
        ),
        pytest.param(
            "# References\n" + E1 + "## Older work\n" + E3,
            E1 + "## Older work\n" + E3,
            id="lower-heading-stays-inside",
        ),
        pytest.param("References\n" + E1 + "Appendix A\n" + E3, E1, id="bare-then-appendix"),
        pytest.param(
            "**References**\n" + E1 + "**Supplementary Material**\n" + E3,
            E1,
            id="bold-then-supplementary",
        ),
        pytest.param("## References\n" + E1 + "# Appendix\n" + E3, E1, id="atx-appendix"),
        pytest.param(
            "**References**\n" + E1 + "\nNotes\n=====\n" + E3, E1, id="bold-then-setext-heading"
        ),
        pytest.param("References\n" + E1 + "```\n# x\n```\n", E1 + "```\n# x\n```", id="code"),
        pytest.param("## References\n" + E1 + E3, E1 + E3, id="end-of-file"),
    ],
)
def test_where_the_section_ends(text: str, body: str) -> None:
    section = find_reference_section(text)
    assert section is not None
    assert text[section.body.start : section.body.end].strip() == body.strip()


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        pytest.param(
            "## References\nThe list is given at the end of this document.\n\n## Discussion\n"
            "Some text.\n\n## Reference list\n" + E1,
            "## Reference list",
            id="prose-then-numbered",
        ),
        pytest.param(
            "## References\n"
            + E1
            + "\n## Sources\nData from the 2019 survey and the 2020 census.\n",
            "## References",
            id="numbered-then-prose",
        ),
    ],
)
def test_several_candidates_the_numbered_list_wins(text: str, heading: str) -> None:
    section = find_reference_section(text)
    assert section is not None
    assert section.heading == heading
    assert section.candidates == 2
    assert text[section.body.start : section.body.end].strip() == E1.strip()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("# Intro\nNo list here (1).\n", id="no-heading"),
        pytest.param("We cite the references below in order.\n1. Smith.\n", id="word-in-prose"),
    ],
)
def test_no_reference_section(text: str) -> None:
    assert find_reference_section(text) is None


def test_seed_section_is_the_references_heading(seed_text: str) -> None:
    section = find_reference_section(seed_text)
    assert section is not None
    assert section.heading == "REFERENCES"
    body = seed_text[section.body.start : section.body.end]
    assert body.lstrip().startswith("- Caruz A, Samsom M")
    assert body.rstrip().endswith("*Theranostics*. 2017;7:1589–1597.")


def test_a_caption_after_the_list_ends_the_section() -> None:
    text = (
        "Text (1).\n\n## References\n\n1. Smith AB. Title one. Nature. 2001;1:1-2.\n\n"
        "Figure 1. A long caption that cites (1) and goes on about the figure.\n"
    )
    section = find_reference_section(text)
    assert section is not None
    assert "Figure 1" not in text[section.body.start : section.body.end]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "Text (1).\n\n1. Smith AB. One. Nature. 2001;1:1-2.\n2. Lee C. Two. Cell. 2002;2:3-4.\n"
            "3. Kim D. Three. Science. 2003;3:5-6.\n",
            True,
            id="trailing-list-of-references",
        ),
        pytest.param(
            "We did three things:\n\n1. Mixed the samples.\n2. Ran them.\n3. Read the output.\n",
            False,
            id="an-enumeration-without-years",
        ),
        pytest.param(
            "1. Smith AB. One. Nature. 2001;1:1-2.\n2. Lee C. Two. Cell. 2002;2:3-4.\n"
            "3. Kim D. Three. Science. 2003;3:5-6.\n\nAnd then the text goes on after the list.\n",
            False,
            id="a-list-that-does-not-end-the-text",
        ),
        pytest.param(
            "Text (1).\n\n1. Smith AB. One. Nature. 2001;1:1-2.\n", False, id="fewer-than-three"
        ),
    ],
)
def test_numbered_list_ending_the_text_without_a_heading(text: str, found: bool) -> None:
    section = find_reference_section(text)
    assert (section is not None) == found
    if section is not None:
        assert section.heading == ""
        assert text[section.body.start :].startswith("1. Smith AB")


def test_methods_references_continue_the_list() -> None:
    """Nature-style "Methods References" go on numbering the same list."""
    text = (
        "Text (1), (2) and (3).\n\n## References\n\n1. Smith AB. One. Nature. 2001;1:1-2.\n"
        "2. Lee C. Two. Cell. 2002;2:3-4.\n\n## Methods References\n\n"
        "3. Kim D. Three. Science. 2003;3:5-6.\n"
    )
    _, refs = read_references(text)
    assert [r.number for r in refs] == [1, 2, 3]
    assert refs[1].raw == "Lee C. Two. Cell. 2002;2:3-4."


# Nature's template: the list has no heading and is followed by acknowledgements and Methods;
# the Methods references go on numbering it after the Methods text (shape of the sweep's
# Bond-Lamberty et al. 2018 submission, /tmp/sweep2/docx-rhchanges).
_NATURE_REFS = "".join(
    f"{n}. {name}, A. B. & Lee, C. Title number {n}. Nature {n}, 1–9 ({1990 + n}).\n"
    for n, name in enumerate(["Kochy", "Scharlemann", "Bond", "Hashimoto", "Zhou", "Vargas"], 1)
)
_NATURE = (
    "# A title\n\nSoil respiration is rising^1,2^ as models predict^3–6^.\n\n"
    "Received 30 March 2017; accepted 11 June 2018\n\n"
    f"{_NATURE_REFS}\nAcknowledgements We thank all.\n\n## Methods\n\nData as before^7,8^.\n\n"
    "Code and data availability\n\n"
    "7. Wayson, C. A. & Hanson, P. J. Comparing soil respiration. Agric. For. Meteorol. 111,"
    " 1–9 (2002).\n"
    "8. Reichstein, M. et al. Modeling soil respiration. Glob. Biogeochem. Cycles 17, 1–9"
    " (2003).\n"
)


def test_a_numbered_list_inside_the_text_without_a_heading() -> None:
    section, refs = read_references(_NATURE)
    assert section.heading == ""
    body = _NATURE[section.body.start : section.body.end]
    assert body.startswith("1. Kochy") and body.endswith("(1996).")
    assert [r.number for r in refs] == list(range(1, 9))  # the Methods list goes on
    assert refs[6].authors[0].family == "Wayson"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "".join(f"{n}. In {2000 + n} the trial moved to site {n}.\n" for n in range(1, 7))
            + "\nAnd the text goes on.\n",
            id="a-dated-timeline-is-no-reference-list",
        ),
        pytest.param(
            _NATURE_REFS.replace("4. ", "7. ") + "\nAnd the text goes on.\n",
            id="numbers-out-of-order",
        ),
        pytest.param(
            "".join(_NATURE_REFS.splitlines(keepends=True)[:4]) + "\nAnd the text goes on.\n",
            id="four-entries-inside-the-text",
        ),
    ],
)
def test_no_numbered_list_inside_the_text(text: str) -> None:
    assert find_reference_section(text) is None
