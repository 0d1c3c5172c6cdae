"""Every rule of the claim/abstract matcher, one table row each, with rows that must NOT match.

Each row: the claim, the abstract, the verdict a careful reader reaches, and for supported
claims the rule the report names (``sources.agree``) or for contradictions what differs.
"""

from __future__ import annotations

import pytest

from citecheck.claims import Claim, ClaimVerdict, Verdict
from citecheck.registry.records import Abstract, Lookup
from citecheck.sources import SourceCheck, check_sources


def run(claim: str, text: str) -> SourceCheck:
    verdict = ClaimVerdict(Claim("a", claim, (2,)), Verdict.LINKED, None, (), (), "")
    report = check_sources([verdict], {2: Lookup.found(Abstract(text, "pubmed", "2"))})
    return report.checks[0]


def rules(check: SourceCheck) -> list[str | None]:
    return [e.rule for e in check.quantities if e.status.value == "supported"]


SUPPORTED = "supported"
NOT_IN = "not in abstract"
CONTRADICTED = "contradicted"
PARTLY = "partly supported"

NUMBERS_WRITTEN_DIFFERENTLY = [
    ("12 patients relapsed", "Twelve patients relapsed.", SUPPORTED, "exact"),
    ("12 patients relapsed", "Twenty patients relapsed.", NOT_IN, None),
    (
        "7,323 adults began ART",
        "Seven thousand, three hundred and twenty-three adults began ART.",
        SUPPORTED,
        "exact",
    ),
    ("3–4 weeks of treatment", "Treatment lasted three to four weeks.", SUPPORTED, "exact"),
    ("3% were lost to follow-up", "Three percent were lost to follow-up.", SUPPORTED, "exact"),
    (
        "22,315 patients started cART",
        "Of 22 315 eligible patients who started cART, 1943 died.",
        SUPPORTED,
        "exact",
    ),
    (
        "25,000 participants enrolled",
        "In all, 25.000 participants enrolled.",
        SUPPORTED,
        "decimal comma",
    ),
    ("25,000 participants enrolled", "In all, 25.5 participants enrolled.", NOT_IN, None),
    (
        "CD4 count below 50 cells/µL in 40% of patients",
        "40% of patients had a CD4 count below 0.050 × 10⁹ cells/L.",
        SUPPORTED,
        "exact",
    ),
    (
        "CD4 count below 500 cells/µL in 40% of patients",
        "40% of patients had a CD4 count below 0.050 × 10⁹ cells/L.",
        PARTLY,
        None,
    ),
    (
        "incidence of 12 per 100,000 person-years",
        "The incidence was 12 per 10⁵ person-years.",
        SUPPORTED,
        "exact",
    ),
    (
        "incidence of 0.12 per 1000 person-years",
        "The incidence was 12 per 100 000 person-years.",
        SUPPORTED,
        "rate base",
    ),
    (
        "incidence of 12 per 10,000 person-years",
        "The incidence was 12 per 10⁵ person-years.",
        NOT_IN,
        None,
    ),
    (
        "a change of −1.5 mmHg in blood pressure",
        "Blood pressure changed by -1.5 mmHg.",
        SUPPORTED,
        "exact",
    ),
    (
        "a change of −1.5 mmHg in blood pressure",
        "Blood pressure changed by 1.5 mmHg.",
        NOT_IN,
        None,
    ),
    ("doses of 10–20 mg/kg", "Doses ranged from 10 to 20 mg/kg.", SUPPORTED, "exact"),
    ("a dose of 15 mg/kg", "Doses of 10-20 mg/kg were given.", NOT_IN, None),
    (
        "a twofold increase in viral load",
        "Viral load showed a 2-fold increase.",
        SUPPORTED,
        "exact",
    ),
]

ROUNDING_AND_HEDGES = [
    ("18% of patients responded", "Overall, 18.4% of patients responded.", SUPPORTED, "rounding"),
    ("18.4% of patients responded", "Overall, 18% of patients responded.", NOT_IN, None),
    ("18% of patients responded", "Overall, 18.6% of patients responded.", CONTRADICTED, None),
    ("life expectancy of 16.1 years", "Life expectancy was 193.6 months.", SUPPORTED, "rounding"),
    (
        "life expectancy around 10 y",
        "Projected life expectancy was 124.3 mo.",
        SUPPORTED,
        "rounding",
    ),
    (
        "life expectancy around 10 y",
        "Projected life expectancy was 129.0 mo.",
        SUPPORTED,
        "hedge ±10%",
    ),
    ("life expectancy around 10 y", "Projected life expectancy was 99.0 mo.", CONTRADICTED, None),
    ("life expectancy around 10 y", "Mean age was 99.0 mo.", NOT_IN, None),
    (
        "more than 40% of the burden of disease",
        "Worms cause 42% of the burden of disease.",
        SUPPORTED,
        "inequality",
    ),
    (
        "more than 40% of the burden of disease",
        "Worms cause 38% of the burden of disease.",
        CONTRADICTED,
        None,
    ),
    (
        "up to 15 years of life lost",
        "Late treatment cost up to 15 years of life.",
        SUPPORTED,
        "exact",
    ),
    ("15 years of life lost", "Late treatment cost more than 15 years of life.", NOT_IN, None),
]

DERIVED = [
    (
        "about two thirds of patients CXCR4-positive",
        "CXCR4-positive disease was seen in 23 of 35 patients (66%).",
        SUPPORTED,
        "fraction ↔ percentage",
    ),
    (
        "two thirds of patients CXCR4-positive",
        "CXCR4-positive disease was seen in 60% of patients.",
        CONTRADICTED,
        None,
    ),
    (
        "two thirds of patients CXCR4-positive",
        "CXCR4-positive disease was seen in 68% of patients.",
        CONTRADICTED,
        None,
    ),
    (
        "a third of patients lost to follow-up had died",
        "Among the 9.8% of patients lost to follow-up, 32.8% had died.",
        SUPPORTED,
        "fraction ↔ percentage",
    ),
    (
        "a quarter of patients responded",
        "25% of patients responded.",
        SUPPORTED,
        "fraction ↔ percentage",
    ),
    (
        "half of the patients responded",
        "51% of the patients responded.",
        SUPPORTED,
        "fraction ↔ percentage",
    ),
    (
        "66% of patients CXCR4-positive",
        "CXCR4-positive disease was seen in 23 of 35 patients.",
        SUPPORTED,
        "count ↔ proportion",
    ),
    (
        "23/35 patients CXCR4-positive",
        "CXCR4-positive disease was seen in 23 of 35 patients.",
        SUPPORTED,
        "count ↔ proportion",
    ),
    (
        "23/36 patients CXCR4-positive",
        "CXCR4-positive disease was seen in 23 of 35 patients.",
        NOT_IN,
        None,
    ),
    ("viral load fell 2-fold", "Viral load fell by 50%.", SUPPORTED, "fold ↔ percentage"),
    ("viral load rose 2-fold", "Viral load fell by 50%.", NOT_IN, None),
]

STRUCTURE = [
    (
        "median PFS 54 d; OS 223 d",
        "Median progression-free and overall survival were 54 and 223 days, respectively.",
        SUPPORTED,
        "exact",
    ),
    (
        "life expectancy at age 20 of 26.7 years (95% CI 25.0–28.4)",
        "Life expectancy at age 20 years was 26.7 (95% CI, 25.0 to 28.4) further years.",
        SUPPORTED,
        "exact",
    ),
    (
        "life expectancy at age 20 of 25 years",
        "Life expectancy at age 20 years was 26.7 (95% CI, 25.0 to 28.4) further years.",
        CONTRADICTED,
        None,
    ),
    ("HR 0.52", "The hazard ratio was 0.71 (95% CI, 0.52-0.97).", CONTRADICTED, None),
    (
        "crude mortality 26.9 per 1000 person-years among women",
        "Crude mortality (per 1000 person-years) was 26.9 (95% CI, 25.4 to 28.5) among women and "
        "43.9 (CI, 40.7 to 47.0) among men.",
        SUPPORTED,
        "exact",
    ),
    (
        "crude mortality 43.9 per 1000 person-years among women",
        "Crude mortality (per 1000 person-years) was 26.9 (95% CI, 25.4 to 28.5) among women and "
        "43.9 (CI, 40.7 to 47.0) among men.",
        CONTRADICTED,
        None,
    ),
    (
        "5-year survival of 87% when ART starts at CD4 <350 cells/µl",
        "Starting ART at CD4 <350 cells/µl gives the best 5-y survival (87%), against 66% for two "
        "lines and 66% for tenofovir.",
        SUPPORTED,
        "exact",
    ),
    (
        "5-year survival of 66% when ART starts at CD4 <350 cells/µl",
        "Starting ART at CD4 <350 cells/µl gives the best 5-y survival (87%), against 66% for two "
        "lines and 66% for tenofovir.",
        CONTRADICTED,
        None,
    ),
    (
        "median CD4 count rose from 43 to 131 cells/µl",
        "Median CD4 count at enrolment increased from 43 cells/μl in 2001 to 131 cells/μl in 2006.",
        SUPPORTED,
        "exact",
    ),
    (
        "median CD4 count rose from 43 to 140 cells/µl",
        "Median CD4 count at enrolment increased from 43 cells/μl in 2001 to 131 cells/μl in 2006.",
        CONTRADICTED,
        None,
    ),
]

PERIODS = [
    (
        "7,323 adults began ART between 2001 and 2007",
        "7323 adults began ART between 2001 and 2007.",
        SUPPORTED,
        "exact",
    ),
    (
        "7,323 adults began ART between 2001 and 2008",
        "7323 adults began ART between 2001 and 2007.",
        CONTRADICTED,
        None,
    ),
    (
        "life expectancy rose from 30.0 to 45.8 years between 1996–1999 and 2006–2008",
        "Life expectancy went up from 30.0 to 45.8 years from 1996-9 to 2006-8.",
        SUPPORTED,
        "exact",
    ),
    (
        "a survey between 1995 and 1998",
        "The survey ran between 1995 and 1997/8.",
        SUPPORTED,
        "exact",
    ),
    (
        "the cohort was followed between 2008 and 2001",
        "The cohort was followed from 2001 to 2008.",
        CONTRADICTED,
        None,
    ),
    ("a survey between 1990 and 1992", "Patients were enrolled from 2001 to 2008.", NOT_IN, None),
]

LOSS = (
    "Loss to follow up differed between men and women (7.5 versus 5.9%, p < 0.001). Men had "
    "a higher risk of death (adjusted hazard ratio 1.43, 95% CI 1.31-1.57, p < 0.001)."
)
RISKS = (
    "Patients were more likely to be lost if they lived ≥10 kilometers away (RR = 1.37; 95% CI: "
    "1.11–1.71), or were referred by a health care provider rather than self-referred (RR = "
    "1.61; 95% CI: 1.22–2.13)."
)
UGANDA = (
    "Between 1991–1993 and 2009–2012, adult life expectancy increased from 39.3 [95% confidence "
    "interval (CI): 35.9–42.8] to 56.1 years (95% CI: 54.0–58.5) in women, and from 38.6 (95% "
    "CI: 35.4–42.1) to 51.4 years (95% CI: 49.2–53.7) in men. Gains coincide with the "
    "introduction of ART in 2004."
)
MORE_SHAPES = [
    ("loss to follow-up of 7.5% in men and 5.9% in women", LOSS, SUPPORTED, "exact"),
    ("loss to follow-up of 5.9% in men", LOSS, CONTRADICTED, None),
    ("adjusted HR for death in men 1.43", LOSS, SUPPORTED, "exact"),
    ("RR 1.61 for provider referral", RISKS, SUPPORTED, "exact"),
    ("RR 1.37 for provider referral", RISKS, CONTRADICTED, None),
    (
        "adult life expectancy in men rose from 38.6 to 51.4 years between 1991–1993 and 2009–2012",
        UGANDA,
        SUPPORTED,
        "exact",
    ),
    ("adult life expectancy in men rose to 56.1 years", UGANDA, CONTRADICTED, None),
    ("ART was introduced in 2004", UGANDA, SUPPORTED, None),
    ("ART was introduced in 2006", UGANDA, NOT_IN, None),
    ("life expectancy increased by 17 years in women", UGANDA, NOT_IN, None),
    (
        "45% of HIV-positive persons had no CD4 count within 8 weeks",
        "Of 712 persons tested, 454 (64%) were HIV-positive. Of those, 206 (45%) had no CD4 count "
        "within 8 weeks.",
        SUPPORTED,
        "exact",
    ),
]

CONDITIONS = [
    (
        "patients starting ART at CD4 counts above 200 cells/µl",
        "The cohort had a mean CD4 count of 375 cells/µl at the start of ART.",
        NOT_IN,
        None,
    ),
    (
        "patients starting ART at CD4 counts above 200 cells/µl",
        "Patients starting ART at CD4 counts above 200 cells/µl lived longest.",
        SUPPORTED,
        "exact",
    ),
    (
        "start ART when CD4 counts fall below 350 cells/µl",
        "Median CD4 count at enrolment rose from 43 to 131 cells/µl.",
        NOT_IN,
        None,
    ),
    (
        "mortality rates aggregated over 5-y age groups",
        "Median survival was 19.9 years.",
        NOT_IN,
        None,
    ),
    (
        "life expectancy 15%–20% higher in patients who survived to 24 mo after starting ART",
        "Median survival of patients was 19.9 years.",
        NOT_IN,
        None,
    ),
    (
        "a mean follow-up of 1.69 y",
        "Over 17 580 person-years of follow-up (median 3.3 years), 118 patients died.",
        NOT_IN,
        None,
    ),
    (
        "a median follow-up of 1.69 y",
        "Over 17 580 person-years of follow-up (median 3.3 years), 118 patients died.",
        CONTRADICTED,
        None,
    ),
    (
        "life expectancies of 70% in patients with baseline CD4 counts ≥200 cells/µl",
        "Life expectancy of patients was 90.5% of normal.",
        NOT_IN,
        None,
    ),
    (
        "four CD4 categories: <50, 50–99, 100–199 and ≥200 cells/µl",
        "Life expectancy was 37.9, 41.0 and 53.4 years with a CD4 count <100, 100-199 and 200-350 "
        "cells/mm³, respectively.",
        PARTLY,
        None,
    ),
]

GLACIAL = (
    "Mitochondrial lineages dispersed into Europe in the Late Glacial, ∼19-12 thousand years "
    "(ka) ago."
)
PARTS = [
    ("expansion dates (19,000-12,000 y.a) of female lineages", GLACIAL, SUPPORTED, "exact"),
    ("lineages expanded 19–12 ka ago", GLACIAL, SUPPORTED, "exact"),
    ("lineages expanded 23,000–14,500 years ago", GLACIAL, NOT_IN, None),
    (
        "ART reached almost 1.8 million South Africans",
        "By mid-2011, 1.8 million South Africans were receiving ART.",
        SUPPORTED,
        "exact",
    ),
    (
        "about 22,000 adults on ART",
        "We included 22,315 adults receiving ART.",
        SUPPORTED,
        "hedge ±10%",
    ),
    ("up to 68% in men", "Only 6.4% of patients were lost to follow-up.", NOT_IN, None),
    (
        "CD4 values were imputed for 6,156 (14.0%) eligible adults",
        "By 5 years, 14.0% of patients had failed virologically.",
        NOT_IN,
        None,
    ),
    (
        "life expectancy of 16.6 y for men starting ART at age 35 y",
        "Life expectancy at age 35 years was 27.9 further years in women.",
        NOT_IN,
        None,
    ),
    (
        "access to ART expanded after 2004 to 1.8 million people",
        "1.8 million people were receiving ART.",
        SUPPORTED,
        "exact",
    ),
]

ABSENCE = [
    (
        "around 90% of adult deaths recorded through vital registration",
        "After matching with the vital registration system, recorded mortality more than doubled, "
        "from 4.2% to 10.0%.",
        NOT_IN,
        None,
    ),
    (
        "loss to follow-up of 7.5% in men",
        "Overall, 6.4% of patients were lost to follow-up; "
        "mortality was 26.9 among women and 43.9 among men.",
        NOT_IN,
        None,
    ),
    (
        "all observations at age 55 y and above were grouped",
        "Life expectancy at age 20 years was 26.7 years and at age 35 years 27.9 years.",
        NOT_IN,
        None,
    ),
    (
        "median age 37 years at the start of therapy",
        "At age 20, life expectancy was 37.9 years for those starting therapy late.",
        NOT_IN,
        None,
    ),
]


@pytest.mark.parametrize(
    ("claim", "text", "verdict", "rule"),
    [
        *NUMBERS_WRITTEN_DIFFERENTLY,
        *ROUNDING_AND_HEDGES,
        *DERIVED,
        *STRUCTURE,
        *PERIODS,
        *MORE_SHAPES,
        *CONDITIONS,
        *PARTS,
        *ABSENCE,
    ],
)
def test_rule(claim: str, text: str, verdict: str, rule: str | None) -> None:
    check = run(claim, text)
    assert check.verdict is not None
    assert check.verdict.value == verdict, check.explanation
    if rule is not None:
        assert rule in rules(check), check.explanation
        assert (
            f"({rule}" in check.explanation or rule == "exact" or "; " + rule in check.explanation
        )


def test_the_rule_and_the_evidence_are_in_the_report() -> None:
    check = run("about two thirds of patients CXCR4-positive", "CXCR4 was seen in 23 of 35 (66%).")
    evidence = check.quantities[0]
    assert evidence.rule == "fraction ↔ percentage"
    assert evidence.sentence is not None and "23 of 35" in evidence.sentence.text
    assert "fraction ↔ percentage" in check.explanation


def test_a_contradiction_names_what_differs_and_quotes_the_sentence() -> None:
    check = run(
        "crude mortality 43.9 per 1000 person-years among women",
        "Crude mortality was 26.9 among women and 43.9 among men.",
    )
    (clm007,) = [f for f in check.findings if f.rule == "CLM007"]
    assert "26.9" in clm007.message and "group" in clm007.message
    assert clm007.evidence["sentence"].startswith("Crude mortality")


def test_never_a_supported_claim_contradicted_by_another_group_sharing_its_words() -> None:
    """ "70% and 50% fewer lung metastases" against two arms in two sentences."""
    text = (
        "Cyclophosphamide with T22 gave an approximately 70% reduction of tumour burden in the "
        "lungs. Anti-CTLA4 antibody with T22 gave a 50% reduction in lung tumour burden."
    )
    assert run("70 % and 50 % fewer lung metastases", text).verdict.value == SUPPORTED  # type: ignore[union-attr]
    wrong_arm = run("T22 with anti-CTLA4 antibody reduced lung tumour burden by 70%", text)
    assert wrong_arm.verdict.value == CONTRADICTED  # type: ignore[union-attr]


def test_a_huge_abstract_is_read_only_so_far() -> None:
    """A registry answer of a megabyte of numbers is cut, not read whole."""
    text = "Mortality was 12% in the cohort. " + "1, 2, 3, 4, 5, " * 70_000
    check = run("mortality 12% in the cohort", text)
    assert check.verdict is not None and check.verdict.value == SUPPORTED
