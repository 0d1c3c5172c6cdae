"""The rule catalogue: every rule id citecheck can report, its default severity and what it
means in one line. The report formats (SARIF rule descriptors, Markdown, JUnit) and the
configuration (``severity`` overrides, ``select``/``ignore``) share it.

A rule with more than one severity (``CIT004``, ``REF002``, ``PMID002``, ``EXIST001``) is
listed with the most severe one it is reported with; each finding carries its own severity.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from citecheck.model import Finding, RefKey, Severity, Span

# The page of citecheck's documentation (docs/) that explains each family of rules.
_DOC_PAGES = {
    "CIT": "rules.md",
    "REF": "rules.md",
    "CLM": "claims.md",
    "FLD": "word.md",
    "SRC": "latex.md",
    "JATS": "jats.md",
}
_AUTHOR_DATE_RULES = (
    *("CIT006", "CIT007", "CIT008", "CIT009", "CIT010", "CIT011", "REF008"),
    "JATS004",
)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str

    @property
    def family(self) -> str:
        """The letters of the id: ``CIT``, ``REF``, ``CLM``, ``DOI``, ``META``…"""
        return self.id.rstrip("0123456789")

    @property
    def doc_page(self) -> str:
        """The documentation page (under docs/) that explains this rule."""
        if self.id in _AUTHOR_DATE_RULES:
            return "author-date.md"
        return _DOC_PAGES.get(self.family, "online.md")


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_RULES = (
    Rule("CIT001", _E, "citation to a reference number that is not in the list"),
    Rule("CIT002", _W, "reference never cited in the text"),
    Rule("CIT003", _W, "references not numbered in order of first citation"),
    Rule("CIT004", _E, "malformed citation range (reversed, or two numbers written as a range)"),
    Rule("CIT005", _W, "narrative author does not match the cited reference's first author"),
    Rule("CIT006", _E, "author-date citation whose year or suffix no entry by that author has"),
    Rule("CIT007", _W, "entries by the same authors in the same year without a/b suffixes"),
    Rule("CIT008", _I, "citation system not understood: citation checks skipped"),
    Rule("CIT009", _W, "author-date citation with 'et al.' where the style wants every name"),
    Rule("CIT010", _W, "author-date citation naming every author where the style wants et al."),
    Rule("CIT011", _W, "a/b suffixes of same-author same-year entries not in title order"),
    Rule("REF001", _W, "reference entry that could not be parsed"),
    Rule("REF002", _E, "reference list numbering: repeated number, gap or inferred numbers"),
    Rule("REF003", _W, "the same work listed under two numbers"),
    Rule("REF004", _W, "essential field missing (year, journal of an article, title)"),
    Rule("REF005", _W, "malformed DOI, PMID or PMCID"),
    Rule("REF006", _I, "several reference sections; says which one was used"),
    Rule("REF007", _I, "no reference heading; a list read as one was used"),
    Rule("REF008", _W, "author-date reference list not in alphabetical order"),
    Rule("FLD001", _E, "typed reference list disagrees with the citation manager's fields"),
    Rule("FLD002", _I, "no reference list: the Zotero or Mendeley fields' items were read as one"),
    Rule("SRC001", _W, "an included or bibliography file is missing, unreadable or circular"),
    Rule("SRC002", _I, "LaTeX's .aux/.bbl and the sources disagree on the cited keys"),
    Rule("JATS001", _E, "JATS <xref> whose rid names no <ref> of the reference list"),
    Rule("JATS002", _E, "JATS <xref> prints a number other than the label of its <ref>"),
    Rule("JATS003", _W, "printed citation not tagged as a JATS <xref> (links to nothing)"),
    Rule("JATS004", _E, "author-date JATS <xref> whose text does not name its entry"),
    Rule("CLM001", _E, "claim cites a reference that does not exist"),
    Rule("CLM002", _W, "claim not found in the manuscript"),
    Rule("CLM003", _W, "the sentence carrying the claim cites other references"),
    Rule("CLM004", _E, "a quantity differs between claim and manuscript"),
    Rule("CLM005", _I, "quantitative statement with no citation"),
    Rule("CLM006", _W, "claimed quantity not in the cited abstract (an abstract is not the paper)"),
    Rule("CLM007", _E, "the cited abstract contradicts the claim"),
    Rule("CLM008", _E, "claim cites a retracted work"),
    Rule("CLM009", _W, "claim cites a work with a correction or expression of concern"),
    Rule("DOI001", _E, "DOI not registered with any agency"),
    Rule("DOI002", _E, "DOI belongs to a different work"),
    Rule("DOI003", _I, "DOI found for a reference without one"),
    Rule("META001", _W, "reference field differs from the registry record"),
    Rule("PMID001", _E, "PMID does not exist in PubMed"),
    Rule("PMID002", _E, "PubMed record disagrees with the reference"),
    Rule("RET001", _E, "the cited work was retracted"),
    Rule("RET002", _W, "a correction, erratum or expression of concern was published"),
    Rule("EXIST001", _W, "no registry record matches the reference: check that the work exists"),
    Rule("NET001", _I, "could not check the reference against the registries"),
)

RULES: MappingProxyType[str, Rule] = MappingProxyType({r.id: r for r in _RULES})


def rule_for(rule_id: str) -> Rule:
    """The catalogue entry of a rule id; an unknown id (a newer plugin, a typo in a test)
    gets a neutral stand-in rather than an exception, so that reports always render."""
    return RULES.get(rule_id) or Rule(rule_id, Severity.WARNING, rule_id)


def known_rule_pattern(pattern: str) -> bool:
    """Whether an id or prefix names at least one catalogued rule (for config checks)."""
    return any(r.startswith(pattern.strip().upper()) for r in RULES) if pattern.strip() else False


def unknown_rule_patterns(patterns: Sequence[str]) -> tuple[str, ...]:
    """The ids or prefixes among ``patterns`` that name no catalogued rule."""
    return tuple(p for p in patterns if not known_rule_pattern(p))


def finding(
    rule: str,
    message: str,
    span: Span | None = None,
    refs: Sequence[RefKey] = (),
    evidence: Mapping[str, str] | None = None,
    *,
    severity: Severity | None = None,
) -> Finding:
    """A finding of ``rule``, with the catalogue's default severity unless ``severity`` says
    otherwise (``CIT004``'s info case, ``REF002``'s warnings). ``evidence`` is copied into a
    plain dict, so that the finding pickles."""
    return Finding(
        rule,
        severity if severity is not None else rule_for(rule).severity,
        message,
        span,
        tuple(refs),
        dict(evidence) if evidence else {},
    )
