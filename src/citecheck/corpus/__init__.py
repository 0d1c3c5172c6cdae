"""Corpus audits: many manuscripts in one run, on any executor with a ``map``.

:func:`check_corpus` checks every manuscript of a list of paths with
:func:`~citecheck.check_manuscript`, in this process (the built-in ``map``), a process pool
or a Dask cluster, and yields one :class:`CorpusItem` per manuscript, in order. The offline
part runs wherever ``map`` sends it; the online part, when asked for, runs here, through
one registry for the whole run (see :mod:`citecheck.corpus.run`).
"""

from __future__ import annotations

from citecheck.corpus.run import CorpusItem, check_corpus, check_path, executor_map
from citecheck.corpus.tally import CorpusTally, EntryCounts
from citecheck.corpus.walk import find_manuscripts

__all__ = [
    "CorpusItem",
    "CorpusTally",
    "EntryCounts",
    "check_corpus",
    "check_path",
    "executor_map",
    "find_manuscripts",
]
