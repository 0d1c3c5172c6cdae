"""citecheck: audit the references, in-text citations and claims of a manuscript.

The library in two calls::

    import citecheck

    document = citecheck.read_document("paper.md")
    result = citecheck.check_manuscript(document, citecheck.CheckOptions())

``read_document`` chooses the reader by the file's type; ``check_manuscript`` runs every
stage (see :mod:`citecheck.manuscript`) and returns a typed, picklable
:class:`ManuscriptResult`. ``check_corpus(paths, options, map=…)`` checks many, on any
executor with a ``map`` (:mod:`citecheck.corpus`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from citecheck.model import Citation, Document, Finding, Reference, Severity, Span

if TYPE_CHECKING:
    from citecheck.corpus import CorpusItem, check_corpus
    from citecheck.inputs import read_document
    from citecheck.manuscript import check_manuscript
    from citecheck.options import CheckOptions, ClaimSettings
    from citecheck.registry.settings import OnlineOptions, RegistrySpec
    from citecheck.results import ManuscriptResult

__version__ = "0.1.0"

# Imported when first used, so that ``import citecheck.model`` stays light.
_LAZY = {
    "read_document": "citecheck.inputs",
    "check_manuscript": "citecheck.manuscript",
    "check_corpus": "citecheck.corpus",
    "CorpusItem": "citecheck.corpus",
    "CheckOptions": "citecheck.options",
    "ClaimSettings": "citecheck.options",
    "OnlineOptions": "citecheck.registry.settings",
    "RegistrySpec": "citecheck.registry.settings",
    "ManuscriptResult": "citecheck.results",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'citecheck' has no attribute {name!r}")


__all__ = [
    "CheckOptions",
    "Citation",
    "ClaimSettings",
    "CorpusItem",
    "Document",
    "Finding",
    "ManuscriptResult",
    "OnlineOptions",
    "Reference",
    "RegistrySpec",
    "Severity",
    "Span",
    "__version__",
    "check_corpus",
    "check_manuscript",
    "read_document",
]
