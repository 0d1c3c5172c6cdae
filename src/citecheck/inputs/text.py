"""Reading a manuscript from disk into a :class:`~citecheck.model.Document` (IO edge).

Kept for the names callers import from here; the readers live in :mod:`citecheck.inputs`
and the decoding in :mod:`citecheck.inputs.decode`.
"""

from __future__ import annotations

from citecheck.inputs import document_from_text, read_document
from citecheck.inputs.decode import BOM, EncodingFallbackWarning, decode_text, offset_map

__all__ = [
    "BOM",
    "EncodingFallbackWarning",
    "decode_text",
    "document_from_text",
    "offset_map",
    "read_document",
]
