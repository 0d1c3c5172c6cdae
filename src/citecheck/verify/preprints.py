"""Preprints and versions in a record (pure): which version links a verdict notes, and a
preprint server printed where a journal would be.

A preprint's record names its server as the container (Crossref's ``institution``, DataCite's
publisher: ``bioRxiv``, ``arXiv``); a reference prints it with the preprint's number or the
word "preprint" after it (``arXiv preprint arXiv:1706.03762``, ``bioRxiv 2020.01.01.123``).
That names the same server, so it is not a journal that disagrees (no META001).
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.registry.normalize import words
from citecheck.registry.records import WorkRecord
from citecheck.verify.match import FieldDiff

NOTED_RELATIONS = frozenset(
    {
        "is-preprint-of",
        "has-preprint",
        "is-version-of",
        "has-version",
        "is-previous-version-of",
        "is-identical-to",
    }
)
PREPRINT = "posted-content"
# Other names a server is printed by where a journal would be: DBLP's "CoRR" for arXiv.
SERVER_ALIASES = (("corr", "arxiv"), ("computing research repository", "arxiv"))


def relation_notes(work: WorkRecord) -> tuple[str, ...]:
    """``10.48550/arXiv.1 is preprint of 10.1103/x``: one line per version link."""
    return tuple(
        f"{work.doi} {r.type.replace('-', ' ')} {r.id}"
        for r in work.relations
        if r.type in NOTED_RELATIONS
    )


def names_the_server(printed: str, work: WorkRecord) -> bool:
    """Whether a printed journal is the preprint server of ``work``, perhaps followed by
    more words (its identifier, "preprint")."""
    if work.type != PREPRINT:
        return False
    p = server_words(words(printed))
    servers = [w for w in (words(c) for c in work.container_titles) if w]
    return any(p == s or p.startswith(s + " ") for s in servers)


def server_words(printed: str) -> str:
    """``arxiv`` for printed container words (:func:`~citecheck.registry.normalize.words`)
    naming arXiv, by that name or another, perhaps with more words after it (``arxiv
    preprint arxiv 1706 03762``, ``corr abs 1706 03762``); other words unchanged."""
    for alias, server in (*SERVER_ALIASES, ("arxiv", "arxiv")):
        if printed == alias or printed.startswith(alias + " "):
            return server
    return printed


def without_server_journal(
    diffs: Sequence[FieldDiff], work: WorkRecord, *, title_printed: bool = False
) -> tuple[FieldDiff, ...]:
    """``diffs`` without a journal difference that only prints the preprint server (and
    without the title's when the record's title is printed in the reference)."""
    return tuple(
        d
        for d in diffs
        if not (d.field == "journal" and names_the_server(d.printed, work))
        and not (d.field == "title" and title_printed)
    )


def title_printed(raw: str, title: str) -> bool:
    """Whether a record's title of four words or more is printed in a reference's text word
    for word (spaces aside): then the reference names that work, whatever the parser took
    for its title ("Virgo and LIGO Scientific collaborations, B.P" from an author list)."""
    wanted = words(title)
    if len(wanted.split()) < 4:
        return False
    return wanted.replace(" ", "") in words(raw).replace(" ", "")
