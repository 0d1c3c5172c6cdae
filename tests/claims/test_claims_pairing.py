"""Endpoints named in text, and "respectively" pairing."""

from __future__ import annotations

import pytest

from citecheck.claims.endpoints import DEFAULT_ENDPOINTS, Endpoint, find_endpoints
from citecheck.claims.measures import describe_measure, read_measures
from citecheck.claims.quantities import format_quantity


def named(text: str) -> list[tuple[str, str]]:
    return [(m.key, text[m.span.start : m.span.end]) for m in find_endpoints(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("median PFS was", [("PFS", "PFS")], id="abbreviation"),
        pytest.param("overall survival", [("OS", "overall survival")], id="full-name"),
        pytest.param(
            "Progression free survival",
            [("PFS", "Progression free survival")],
            id="no-hyphen-any-case",
        ),
        pytest.param(
            "progression-free and overall survival times",
            [("PFS", "progression-free"), ("OS", "overall survival")],
            id="coordinated-names",
        ),
        pytest.param(
            "disease-free, progression-free, and overall survival",
            [("DFS", "disease-free"), ("PFS", "progression-free"), ("OS", "overall survival")],
            id="coordinated-three",
        ),
        pytest.param(
            "HR 0.6 (95% CI 0.5–0.8)", [("HR", "HR"), ("CI", "95% CI")], id="ci-with-level"
        ),
        pytest.param("P < .001 and p = 0.03", [("P", "P"), ("P", "p")], id="p-value"),
        pytest.param("P. O. Box and p 5", [], id="p-needs-a-relation"),
        pytest.param("CXCR4 OSX PFS-like", [], id="whole-words-only"),
        pytest.param("os and pfs", [], id="abbreviations-are-case-sensitive"),
    ],
)
def test_find_endpoints(text: str, expected: list[tuple[str, str]]) -> None:
    assert named(text) == expected


def test_endpoint_table_is_extensible() -> None:
    extra = Endpoint("TTNT", "time to next treatment", ("TTNT",), dimension="time")
    text = "median TTNT 8 mo"
    measures, _ = read_measures(text, endpoints=(extra, *DEFAULT_ENDPOINTS))
    assert [describe_measure(m) for m in measures] == ["TTNT 8 mo"]


def pairs(text: str) -> list[list[tuple[str | None, str, str]]]:
    _, pairings = read_measures(text)
    return [[(i.endpoint, i.label, format_quantity(i.quantity)) for i in p.items] for p in pairings]


SEED_METASTASES = (
    "the CXCR4 antagonist T22 sensitized melanoma cells for immunity–augmenting low-dose "
    "cyclophosphamide and anticytotoxic T-lymphocyte–associated antigen 4 monoclonal antibody "
    "therapy, resulting in 70% and 50% fewer lung metastases, respectively, than "
    "cyclophosphamide and anticytotoxic T-lymphocyte–associated antigen 4 monoclonal antibody "
    "therapy alone (67)."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "with median progression-free and overall survival times of 54 and 223 d, "
            "respectively (88).",
            [[("PFS", "progression-free survival", "54 d"), ("OS", "overall survival", "223 d")]],
            id="seed-pfs-os-shared-unit",
        ),
        pytest.param(
            "PFS and OS were 5.1 and 12.3 months, respectively.",
            [
                [
                    ("PFS", "progression-free survival", "5.1 mo"),
                    ("OS", "overall survival", "12.3 mo"),
                ]
            ],
            id="abbreviations",
        ),
        pytest.param(
            "ORR, DCR and median PFS were 30%, 60% and 4 mo, respectively.",
            [
                [
                    ("ORR", "overall response rate", "30%"),
                    ("DCR", "disease control rate", "60%"),
                    ("PFS", "progression-free survival", "4 mo"),
                ]
            ],
            id="three-items",
        ),
        pytest.param(
            "values of 54 d and 223 d for PFS and OS, respectively",
            [[("PFS", "progression-free survival", "54 d"), ("OS", "overall survival", "223 d")]],
            id="endpoints-after-values",
        ),
        pytest.param(
            SEED_METASTASES,
            [
                [
                    (None, "immunity–augmenting low-dose cyclophosphamide", "70%"),
                    (
                        None,
                        "anticytotoxic T-lymphocyte–associated antigen 4 monoclonal antibody"
                        " therapy",
                        "50%",
                    ),
                ]
            ],
            id="seed-free-text-labels",
        ),
        pytest.param(
            "in arms A and B, rates were 10–20% and 30 ± 5%, respectively",
            [[(None, "arms A", "10–20%"), (None, "B", "30 ± 5%")]],
            id="ranges-and-plus-minus",
        ),
        pytest.param(
            "coefficients of Manders and Pearson (all images) were 0.752±0.03 and 0.44±0.11, "
            "respectively",
            [[(None, "Manders", "0.752 ± 0.03"), (None, "Pearson", "0.44 ± 0.11")]],
            id="labels-without-parenthetical-and-verb",
        ),
        pytest.param("OS was 223 d, respectively.", [], id="single-value-no-pairing"),
        pytest.param("PFS and OS were reported, respectively.", [], id="no-values"),
        pytest.param(
            "PFS and OS were 54 and 223 d^{88}, respectively.",
            [[("PFS", "progression-free survival", "54 d"), ("OS", "overall survival", "223 d")]],
            id="superscript-citation-inside",
        ),
    ],
)
def test_respectively_pairing(text: str, expected: list) -> None:
    assert pairs(text) == expected


def test_paired_endpoints_override_proximity() -> None:
    measures, _ = read_measures("PFS and OS were 54 and 223 d, respectively")
    assert [(m.endpoint, m.via) for m in measures] == [
        ("PFS", "respectively"),
        ("OS", "respectively"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("median PFS 54 d, OS 223 d", ["PFS 54 d", "OS 223 d"], id="claim-jotting"),
        pytest.param("an ORR of 45% and a 60% DCR", ["ORR 45%", "DCR 60%"], id="before-and-after"),
        pytest.param(
            "HR 0.65 (95% CI, 0.50–0.84; P < .001)",
            ["HR 0.65", "CI 0.50–0.84", "P < 0.001"],
            id="statistics",
        ),
        pytest.param(
            "OS in 88 patients was 223 d", ["88", "OS 223 d"], id="count-not-a-survival-time"
        ),
        pytest.param(
            "PFS was 5 mo; 30% had grade 3 events", ["PFS 5 mo", "30%", "3"], id="clause-break"
        ),
    ],
)
def test_nearest_endpoint(text: str, expected: list[str]) -> None:
    measures, _ = read_measures(text)
    assert [describe_measure(m) for m in measures] == expected
