"""Author lists written to ABNT NBR 6023 (Brazil, and much of the Portuguese-speaking
world): family names in capitals, given names or initials after a comma, the names joined
by semicolons, the list ended by a full stop::

    MUTH, C.; ORAVECZ, Z.; GABRY, J. User-friendly Bayesian regression modeling. …
    SILVA, João Francisco; SANTOS JUNIOR, Rafael; OLIVEIRA, L. C. L. Q. de. Título. …
    BRAIT, B. (org.). Bakhtin: conceitos-chave. São Paulo: Contexto, 2005.

Read only where the general reader found no names (its family names need a lower-case
letter)."""

from __future__ import annotations

import re

from citecheck.model import Author

_CAP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
# "SILVA", "SANTOS JUNIOR", "VAN DER BERG", "D'ÁVILA", "SETTE JR."
_FAMILY = rf"[{_CAP}][{_CAP}'’-]+(?:\s+[{_CAP}][{_CAP}'’-]*\.?)*"
_GIVEN = (
    rf"(?:[{_CAP}]\.\s?-?\s?)+"  # initials "J. F."
    rf"|[{_CAP}][{_LOW}]+(?:\s+(?:[{_CAP}][{_LOW}]+|[{_CAP}]\.|d[aeo]s?|e)(?=[\s;.,]))*"
)
_NAME = re.compile(
    rf"(?P<family>{_FAMILY}),\s+(?P<given>{_GIVEN})"
    r"(?:\s*(?:de|da|do|dos|das|del|van|von|der)\b)*"  # "OLIVEIRA, L. C. de"
    r"(?:\s*\((?:orgs?|eds?|coords?|comps?)\.?\))?"  # "BRAIT, B. (org.)"
)
_SEPARATOR = re.compile(r"\s*;\s*")
_ET_AL = re.compile(r"\s*et\s+al\.?", re.IGNORECASE)
_AFTER_LIST = re.compile(r"\s*(?:[.;:,]|$)")


def abnt_authors(text: str) -> tuple[list[Author], bool, int] | None:
    """The ABNT author list at the start of ``text``: ``(authors, et_al, end)``; ``None``
    when ``text`` does not open with one."""
    pos = len(text) - len(text.lstrip())
    authors: list[Author] = []
    while (m := _NAME.match(text, pos)) is not None:
        authors.append(Author(m.group("family").rstrip("."), _initials(m.group("given"))))
        pos = m.start() + len(m.group(0).rstrip())
        if (et_al := _ET_AL.match(text, pos)) is not None:
            return authors, True, et_al.end()
        separator = _SEPARATOR.match(text, pos)
        if separator is None or not _NAME.match(text, separator.end()):
            break
        pos = separator.end()
    ended = text[pos - 1 : pos] == "." or _AFTER_LIST.match(text, pos)  # "GABRY, J. Title"
    if not authors or not ended:
        return None
    return authors, False, pos


def _initials(given: str) -> str:
    """``J. F.`` → ``JF``; ``João Francisco`` → ``JF`` (particles and "e" left out)."""
    words = given.replace(".", " ").replace("-", " ").split()
    return "".join(w[0] for w in words if w[:1].isupper())
