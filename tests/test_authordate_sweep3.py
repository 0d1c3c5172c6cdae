"""Author-date shapes from the third sweep of real manuscripts (/tmp/sweep3/SOURCES.md of
the sweep: an APA meta-analysis written in Word, a Brazilian ABNT manuscript). The inputs
are synthetic, in the shapes those files showed."""

from __future__ import annotations

from citecheck.citations.adlink import authordate_keys
from citecheck.citations.system import is_author_date_entry
from citecheck.inputs import document_from_text
from citecheck.pipeline import analyze

# Initials "N. D." among the authors, before the year: read once as "n.d." (no date)
INITIALS_ND = """# Intro

Mood changes (Doss et al., 2021; Barrett et al., 2020).

# References

Barrett, F. S., Doss, M., Sepeda, N. D., Pekar, J. J., & Griffiths, R. R. (2020). Emotions
and brain function are altered after a single dose. Scientific Reports, 10(1), 2214.

Doss, M. K., Rosenberg, M. D., Sepeda, N. D., & Barrett, F. S. (2021). Therapy increases
cognitive flexibility in patients. Translational Psychiatry, 11(1), 574.
"""


def test_initials_n_d_before_the_year_are_not_no_date() -> None:
    analysis = analyze(document_from_text(INITIALS_ND))
    keys = {r.citekey for r in analysis.references}
    assert keys == {"barrett2020", "doss2021"}
    assert not [f for f in analysis.findings if f.rule in ("CIT001", "CIT002", "CIT006")]


def test_a_lower_case_n_d_is_still_no_date() -> None:
    refs = analyze(
        document_from_text(
            "# Intro\n\nSee (Smith, n.d.).\n\n# References\n\n"
            "Smith, J. (n.d.). A web page without a date. Example Org.\n"
        )
    ).references
    assert [r.citekey for r in authordate_keys(refs)] == ["smithnd"]
    assert is_author_date_entry(refs[0])
