"""The numbering audit: every CIT and REF rule with a failing and a passing manuscript."""

from __future__ import annotations

import pytest

from citecheck.checks.references import check_essential_fields
from citecheck.citations.ranges import compact_numbers
from citecheck.inputs import document_from_text
from citecheck.model import Finding, Reference, RefType, Severity, Span
from citecheck.pipeline import analyze

SMITH = "Smith AB, Lee C. Alpha study of receptors. Nature. 2001;410:50–56."
JONES = "Jones CD, Kim D. Beta study of ligands. Cell. 2002;12:3–14."
BROWN = "Brown EF, Park E. Gamma study of tracers. Science. 2003;300:5–16."
THREE = {1: SMITH, 2: JONES, 3: BROWN}
ADAMS = "Adams AB. Alpha study of receptors. Nature. 2001;410:50–56."
BAKER = "Baker CD. Beta study of ligands. Cell. 2002;12:3–14."
CLARK = "Clark EF. Gamma study of tracers. Science. 2003;300:5–16."
ALPHABETICAL = {1: ADAMS, 2: BAKER, 3: CLARK}
CLEAN = "A (1). B (2). C (3)."


def manuscript(body: str, refs: dict[int, str] = THREE, *, bullets: int = 0) -> str:
    """A small manuscript: a body, then a numbered list (the first ``bullets`` unnumbered)."""
    lines = [(f"- {r}" if i < bullets else f"{n}. {r}") for i, (n, r) in enumerate(refs.items())]
    return "# Title\n\n" + body + "\n\n## References\n\n" + "\n".join(lines) + "\n"


def findings(text: str) -> tuple[Finding, ...]:
    return analyze(document_from_text(text)).findings


def rules(text: str) -> list[tuple[str, str, tuple[int, ...]]]:
    return [(f.rule, f.severity.value, f.refs) for f in findings(text)]


def test_clean_manuscript_has_no_findings() -> None:
    assert rules(manuscript(CLEAN)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            manuscript("A (1). B (2). C (3). D (4)."),
            [("CIT001", "error", (4,))],
            id="CIT001-undefined",
        ),
        pytest.param(
            manuscript("A (1). B (2–5). C (3)."),
            [("CIT001", "error", (4, 5))],
            id="CIT001-range-past-the-end",
        ),
        pytest.param(
            manuscript("A (1). B (2)."), [("CIT002", "warning", (3,))], id="CIT002-uncited"
        ),
        pytest.param(
            manuscript("A (1). B (3). C (2)."),
            [("CIT003", "warning", (3,))],
            id="CIT003-out-of-order",
        ),
        pytest.param(
            manuscript("A (1). B (3–2). C (2,3)."),
            [("CIT004", "error", (3, 2))],
            id="CIT004-reversed",
        ),
        pytest.param(
            manuscript("A (1–2). B (3)."),
            [("CIT004", "info", (1, 2))],
            id="CIT004-two-as-range",
        ),
        pytest.param(
            manuscript("Jones and colleagues showed it (1). B (2). C (3)."),
            [("CIT005", "warning", (1,))],
            id="CIT005-and-colleagues",
        ),
        pytest.param(
            manuscript("Jones et al showed it (1). B (2). C (3)."),
            [("CIT005", "warning", (1,))],
            id="CIT005-et-al-no-period",
        ),
        pytest.param(
            manuscript(CLEAN, {1: SMITH, 2: JONES, 3: ". . ."}),
            [("REF001", "warning", (3,))],
            id="REF001-unparseable",
        ),
        pytest.param(
            manuscript("A (1). B (2). C (4).", {1: SMITH, 2: JONES, 4: BROWN}),
            [("REF002", "warning", (3,))],
            id="REF002-gap",
        ),
        pytest.param(
            manuscript(CLEAN, {1: SMITH, 2: JONES, 3: BROWN}, bullets=2),
            [("REF002", "info", (1, 2))],
            id="REF002-inferred",
        ),
        pytest.param(
            manuscript(CLEAN, {1: SMITH, 2: JONES, 3: SMITH.replace("Smith AB", "Smyth AB")}),
            [("REF003", "warning", (1, 3))],
            id="REF003-same-title",
        ),
        pytest.param(
            manuscript(CLEAN, {1: SMITH, 2: JONES, 3: BROWN.replace(" 2003;", " ")}),
            [("REF004", "warning", (3,))],
            id="REF004-no-year",
        ),
        pytest.param(
            manuscript(CLEAN, {1: SMITH, 2: JONES, 3: BROWN + " doi: 10.12/x"}),
            [("REF005", "warning", (3,))],
            id="REF005-doi-label-without-doi",
        ),
        pytest.param(
            manuscript(CLEAN, {1: SMITH, 2: JONES, 3: BROWN + " PMID: pending."}),
            [("REF005", "warning", (3,))],
            id="REF005-pmid-label-without-number",
        ),
    ],
)
def test_failing_examples(text: str, expected: list) -> None:
    assert rules(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(manuscript("A (1–3)."), id="CIT001-CIT002-range-covers-all"),
        pytest.param(manuscript("A (1). B (2,3). C (1)."), id="CIT003-recited-earlier-number"),
        pytest.param(manuscript("A (1,2). B (3)."), id="CIT004-consecutive-as-list"),
        pytest.param(manuscript("A (1–3). B (2)."), id="CIT004-range-of-three"),
        pytest.param(manuscript("Smith et al. showed it (1). B (2). C (3)."), id="CIT005-match"),
        pytest.param(manuscript("Smith and Lee showed it (1). B (2). C (3)."), id="CIT005-pair"),
        pytest.param(
            manuscript(
                "Muller et al showed it (1). B (2). C (3).",
                {1: SMITH.replace("Smith AB", "Müller A"), 2: JONES, 3: BROWN},
            ),
            id="CIT005-diacritics-folded",
        ),
        pytest.param(
            manuscript(
                "Van Dijk et al showed it (1). B (2). C (3).",
                {1: SMITH.replace("Smith AB", "van Dijk TH"), 2: JONES, 3: BROWN},
            ),
            id="CIT005-particle-case",
        ),
        pytest.param(
            manuscript(
                "Dijk et al showed it (1). B (2). C (3).",
                {1: SMITH.replace("Smith AB", "van Dijk TH"), 2: JONES, 3: BROWN},
            ),
            id="CIT005-particle-dropped",
        ),
        pytest.param(
            manuscript(CLEAN, {1: SMITH, 2: JONES, 3: BROWN + " doi:10.1126/science.1234567."}),
            id="REF005-valid-doi",
        ),
        pytest.param(
            manuscript(CLEAN, {1: SMITH, 2: JONES, 3: BROWN + " PMID: 12345678."}),
            id="REF005-valid-pmid",
        ),
    ],
)
def test_passing_examples(text: str) -> None:
    assert rules(text) == []


def test_cit005_narrative_with_et_al_period() -> None:
    assert rules(manuscript("Jones et al. showed it (1). B (2). C (3).")) == [
        ("CIT005", "warning", (1,))
    ]


def test_cit003_message_names_the_first_out_of_order_citation_and_the_renumbering() -> None:
    text = manuscript("A (1). B (3). C (2).")
    (f,) = findings(text)
    assert f.rule == "CIT003"
    assert text[f.span.start : f.span.end] == "(3)"
    assert text.index("B (3)") + 2 == f.span.start
    assert "'(3)' cites 3 before 2" in f.message
    assert "renumbering 3→2, 2→3" in f.message
    assert f.evidence["renumbering"] == "3:2,2:3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(manuscript("A (2). B (1). C (3).", ALPHABETICAL), [], id="alphabetical-list"),
        pytest.param(manuscript("A (3). B (2). C (1)."), [], id="strictly-descending"),
        pytest.param(
            manuscript("A (1). B (3)."), [("CIT002", "warning", (2,))], id="uncited-gap-only"
        ),
        pytest.param(
            manuscript("A (2). B (1). C (3)."),
            [("CIT003", "warning", (2,))],
            id="control-same-order-not-alphabetical",
        ),
    ],
)
def test_cit003_conventions(text: str, expected: list) -> None:
    assert rules(text) == expected


_FAMILIES = [
    "Adams",
    "Baker",
    "Clark",
    "Dunn",
    "Evans",
    "Fox",
    "Gray",
    "Hill",
    "Irwin",
    "Jones",
    "King",
    "Lee",
    "Moss",
    "Nash",
]
_GREEK = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "pi",
    "rho",
]


def test_an_alphabetical_list_with_one_name_filed_by_its_particle_is_alphabetical() -> None:
    """PeerJ (real: jats-conversion's example article) files "van Rossum G" under V, after
    Sweller; the folded family name "rossum" then stands out of order once in 16 entries."""
    names = [*_FAMILIES, "Sweller", "Van Rossum"]
    refs = {
        n: f"{name} AB. The {_GREEK[n - 1]} receptor in {name} cells. J Things. 2001;{n}:1-2."
        for n, name in enumerate(names, 1)
    }
    cited = " ".join(f"S ({n})." for n in [16, *range(1, 16)])
    assert rules(manuscript(cited, refs)) == []
    shuffled = {n: refs[m] for n, m in zip(refs, [3, 1, 2, *range(4, 17)], strict=True)}
    assert [r for r, _, _ in rules(manuscript(cited, shuffled))] == ["CIT003"]


def test_ref002_repeated_number_is_an_error() -> None:
    text = manuscript(CLEAN, {1: SMITH, 2: JONES, 3: BROWN}).replace("3. Brown", "2. Brown")
    assert ("REF002", "error", (2,)) in rules(text)


def test_ref002_inferred_info_lists_the_numbers() -> None:
    (f,) = findings(manuscript(CLEAN, bullets=2))
    assert f.severity is Severity.INFO
    assert "references 1–2" in f.message and "position" in f.message


def test_ref003_not_raised_for_different_year() -> None:
    other = SMITH.replace("2001;", "2009;").replace("Smith AB", "Smyth AB")
    assert rules(manuscript(CLEAN, {1: SMITH, 2: JONES, 3: other})) == []


def test_ref004_article_without_journal() -> None:
    ref = Reference(
        number=7,
        raw="Smith AB. A title. 2004;12:1–9.",
        span=Span(0, 30),
        title="A title",
        year="2004",
        type=RefType.ARTICLE,
    )
    (f,) = check_essential_fields([ref])
    assert (f.rule, f.refs, f.evidence["missing"]) == ("REF004", (7,), "journal")


def test_cit001_message_quotes_the_citation_and_the_list_range() -> None:
    (f,) = [f for f in findings(manuscript("A (1). B (2). C (3,4).")) if f.rule == "CIT001"]
    assert "'(3,4)'" in f.message and "reference 4" in f.message and "(1–3)" in f.message


@pytest.mark.parametrize(
    ("numbers", "text"),
    [
        pytest.param([1, 2, 3, 5], "1–3, 5", id="run-and-single"),
        pytest.param([5, 1, 2, 2], "1–2, 5", id="unsorted-repeated"),
        pytest.param([], "", id="empty"),
    ],
)
def test_compact_numbers(numbers: list[int], text: str) -> None:
    assert compact_numbers(numbers) == text


def test_findings_are_sorted_by_position() -> None:
    text = manuscript("A (1). B (2). C (7). D (8).")
    starts = [f.span.start for f in findings(text) if f.span]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("order", "late"),
    [
        pytest.param([1, 2, 3], [], id="in-order"),
        pytest.param([1, 3, 2, 4], [3], id="one-swap"),
        pytest.param([1, 16, 17, 18, 15, 19], [16, 17, 18], id="a-run-before-15"),
        pytest.param([1, 2, 40, 3, 4], [40], id="one-early"),
    ],
)
def test_order_violations_are_refs_cited_before_a_lower_one(order: list, late: list) -> None:
    from citecheck.checks.audit import order_violations

    assert order_violations(order) == late


def _ref005(raw: str, **fields: str) -> list[str]:
    from citecheck.checks.references import check_identifiers

    ref = Reference(1, raw, Span(0, len(raw)), **fields)  # type: ignore[arg-type]
    return [f.message for f in check_identifiers([ref])]


def test_ref005_reads_a_pmid_label_followed_by_its_number_as_no_problem() -> None:
    assert _ref005("Smith J. A title. J 2001;3:4. PMID: 7755102 (not parsed)") == []
    assert _ref005("Smith J. A title. J 2001;3:4. PMID pending") != []


def test_ref005_does_not_read_labels_inside_structured_entries() -> None:
    bib = '@article{tukey1960, author="Tukey, J. W.", title="A survey", year="1960", DOI="", }'
    assert _ref005(bib, citekey="tukey1960") == []
    medline = "@article{m1994, title={T}, location-id={10.1186/x [doi]}, note={PMID: 7755102}}"
    assert _ref005(medline, citekey="m1994") == []
    csl = '{"id": "a", "title": "T", "note": "doi pending"}'
    assert _ref005(csl, citekey="a") == []
    assert _ref005(bib, citekey="tukey1960", doi="10.1/") != []  # a malformed DOI field still is


def test_cit005_does_not_look_across_a_table_cell_or_a_paragraph() -> None:
    table = "| Miller et al. (2010) | x |\n\n| Vibrio | (1) | y |\n\nB (2). C (3)."
    assert rules(manuscript(table)) == []
    paragraph = "Results of Jones et al\n\n(1) B (2). C (3)."
    assert rules(manuscript(paragraph)) == []
    assert rules(manuscript("Jones et al. showed it (1). B (2). C (3).")) == [
        ("CIT005", "warning", (1,))
    ]
