"""Claims checked against the abstracts of the works they cite, and against their
retraction and correction notices (issue #5). See ``docs/claims.md``, "Checking claims
against their sources".

``check_sources`` is pure: it takes the claim verdicts, the abstracts the online stage
fetched (``OnlineResult.abstracts``) and the online findings (RET001/RET002 notices).
"""

from citecheck.sources.check import SourceOptions, check_sources, cited_references
from citecheck.sources.match import exactly_convertible, match_claim, read_abstract
from citecheck.sources.model import (
    AbstractSentence,
    QuantityEvidence,
    QuantityStatus,
    SourceCheck,
    SourceReport,
    SourceVerdict,
)

__all__ = [
    "AbstractSentence",
    "QuantityEvidence",
    "QuantityStatus",
    "SourceCheck",
    "SourceOptions",
    "SourceReport",
    "SourceVerdict",
    "check_sources",
    "cited_references",
    "exactly_convertible",
    "match_claim",
    "read_abstract",
]
