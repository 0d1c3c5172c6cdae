"""A manuscript needing attention, and a fake registry answering for it: a wrong DOI (1),
a retracted work (2), a reference no registry knows (3, fabricated), a verified one (4),
and a citation of a reference not in the list, (7). Shared by the status and HTML tests."""

from __future__ import annotations

from pathlib import Path

from citecheck import check_manuscript
from citecheck.inputs import read_document
from citecheck.options import CheckOptions
from citecheck.registry.records import Lookup
from citecheck.registry.settings import OnlineOptions
from citecheck.results import ManuscriptResult

from .helpers import FIXTURES, FakeRegistry, work

MANUSCRIPT = FIXTURES / "report" / "attention.md"

_WRONG = work(
    DOI="10.1371/journal.pone.0020476",
    title=["Sediment transport in <i>braided</i> rivers of the Canterbury Plains"],
    author=[{"given": "Ian", "family": "Gravel"}],
    **{"container-title": ["Earth Surface Processes"]},
    issued={"date-parts": [[1999]]},
    type="journal-article",
)
_RETRACTED = work(
    DOI="10.5555/retracted.2015",
    title=["Plerixafor improves survival in <i>glioblastoma</i>: a randomized trial"],
    author=[{"given": "Luca", "family": "Marchetti"}, {"given": "Paolo", "family": "Rossi"}],
    **{
        "container-title": ["Journal of Neuro-Oncology"],
        "short-container-title": ["J Neurooncol"],
        "updated-by": [
            {
                "DOI": "10.5555/retraction.2017",
                "type": "retraction",
                "label": "Retraction",
                "source": "publisher",
                "updated": {"date-parts": [[2017, 3, 1]]},
            }
        ],
    },
    volume="121",
    page="33-41",
    issued={"date-parts": [[2015]]},
    type="journal-article",
)
_GOOD = work(
    DOI="10.5555/good.2016",
    title=[
        "First experience with chemokine receptor CXCR4-targeted PET imaging of "
        "patients with solid cancers"
    ],
    author=[
        {"given": "Tibor", "family": "Vag"},
        {"given": "Christine", "family": "Gerngross"},
        {"given": "Peter", "family": "Herhaus"},
    ],
    **{"container-title": ["Journal of Nuclear Medicine"], "short-container-title": ["J Nucl Med"]},
    volume="57",
    page="741-746",
    issued={"date-parts": [[2016]]},
    type="journal-article",
)


def attention_registry() -> FakeRegistry:
    return FakeRegistry(
        works={w.doi.lower(): Lookup.found(w) for w in (_WRONG, _RETRACTED, _GOOD)},
        agencies={w.doi.lower(): Lookup.found("crossref") for w in (_WRONG, _RETRACTED, _GOOD)},
    )


def attention_result(*, online: bool = True, path: Path = MANUSCRIPT) -> ManuscriptResult:
    options = CheckOptions(online=OnlineOptions(email="t@example.org") if online else None)
    registry = attention_registry() if online else None
    return check_manuscript(read_document(path), options, registry=registry)
