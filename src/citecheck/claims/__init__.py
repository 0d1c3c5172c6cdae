"""Claims: what a reference is said to support, linked to the manuscript and checked.

``check_claims`` links claims (from a claim file, or tagged inline) to the sentences that
carry them and gives verdicts and CLM findings; ``extract_claims`` mines candidates;
``load_claim_file`` reads a claim file. See ``docs/claims.md``.
"""

from citecheck.claims.check import ClaimOptions, check_claims, uncited_quantities
from citecheck.claims.claimfile import (
    ClaimFile,
    ClaimFileError,
    claim_file_from_data,
    claim_file_from_text,
    claim_file_text,
    find_claim_file,
    load_claim_file,
)
from citecheck.claims.endpoints import DEFAULT_ENDPOINTS, Endpoint, find_endpoints
from citecheck.claims.extract import extract_claims
from citecheck.claims.inline import find_inline_claims
from citecheck.claims.link import read_sentences
from citecheck.claims.measures import read_measures
from citecheck.claims.model import (
    Claim,
    ClaimReport,
    ClaimVerdict,
    Measure,
    MeasureMatch,
    Pairing,
    Quantity,
    Sentence,
    SentenceFacts,
    Verdict,
)
from citecheck.claims.pairing import pair_respectively
from citecheck.claims.quantities import compare_quantities, parse_quantities
from citecheck.claims.sentences import split_sentences

__all__ = [
    "DEFAULT_ENDPOINTS",
    "Claim",
    "ClaimFile",
    "ClaimFileError",
    "ClaimOptions",
    "ClaimReport",
    "ClaimVerdict",
    "Endpoint",
    "Measure",
    "MeasureMatch",
    "Pairing",
    "Quantity",
    "Sentence",
    "SentenceFacts",
    "Verdict",
    "check_claims",
    "claim_file_from_data",
    "claim_file_from_text",
    "claim_file_text",
    "compare_quantities",
    "extract_claims",
    "find_claim_file",
    "find_endpoints",
    "find_inline_claims",
    "load_claim_file",
    "pair_respectively",
    "parse_quantities",
    "read_measures",
    "read_sentences",
    "split_sentences",
    "uncited_quantities",
]
