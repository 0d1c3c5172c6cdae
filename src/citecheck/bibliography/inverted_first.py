"""Author lists whose first name alone is inverted and written out, as Chicago author-date
and many ecology and humanities journals print them::

    Beamish, Richard J., and Conrad Mahnken. 2001. A critical size …
    Litzow, Michael A., Mary E. Hunsicker, Nicholas A. Bond, and Stephani G. Zador. 2020. …

Read only where the general reader found no names (its inverted names take initials)."""

from __future__ import annotations

import re

from citecheck.model import Author

_CAP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOW = "a-zß-öø-ÿā-ž'’"
_PARTICLE = r"(?i:van der|van den|van de|van|von der|von|de la|de|del|della|di|da|du|dos|le|la)"
# "Thomson", "McFarlane", "MacArthur", "Acevedo-Gutiérrez"
_WORD = rf"[{_CAP}][{_LOW}]+(?:[{_CAP}][{_LOW}]+)?(?:-[{_CAP}][{_LOW}]+)?"
_FAMILY = rf"(?:{_PARTICLE}\s+)?{_WORD}"
_GIVEN_PART = rf"(?:{_WORD}|[{_CAP}]\.(?:-[{_CAP}]\.)?|[{_CAP}]{{2,3}}\b)"  # Isaac, C., J.-C., DM
_NAME_ENDS = r"(?=,|\s+and\s|\.|\s*\(|\s+et\s+al)"
_FIRST = re.compile(
    rf"(?P<family>{_FAMILY}),\s+(?P<given>{_WORD}(?:\s+{_GIVEN_PART}){{0,3}})"
    r"(?:,?\s+(?:Jr|Sr|II|III)\.?)?"
)
_NEXT = re.compile(
    rf"(?:,\s+(?:and\s+)?|\s+and\s+)(?P<given>{_GIVEN_PART}(?:\s+{_GIVEN_PART}){{0,3}}?)"
    rf"\s+(?P<family>{_FAMILY}){_NAME_ENDS}(?:,?\s+(?:Jr|Sr|II|III)\.?)?"
)
_ET_AL = re.compile(r",?\s+et\s+al\.?", re.IGNORECASE)
_END = re.compile(r"\.?\s*(?:\.|\(?(?:1[6-9]|20)\d\d)")  # "… Mahnken. 2001." / "(2001)"


def inverted_first_authors(text: str) -> tuple[list[Author], bool, int] | None:
    """The author list at the start of ``text`` (``(authors, et_al, end)``), or ``None``
    when it does not open with a written-out inverted name followed by the list's end."""
    pos = len(text) - len(text.lstrip())
    first = _FIRST.match(text, pos)
    if first is None:
        return None
    authors = [Author(first.group("family"), _initials(first.group("given")))]
    pos = first.end()
    while (m := _NEXT.match(text, pos)) is not None:
        authors.append(Author(m.group("family"), _initials(m.group("given"))))
        pos = m.end()
    if (et_al := _ET_AL.match(text, pos)) is not None:
        return authors, True, et_al.end()
    if not _END.match(text, pos):
        return None
    return authors, False, pos


def _initials(given: str) -> str:
    """``Richard J.`` → ``RJ``; ``J.-C.`` → ``JC``; ``Anthony DM`` → ``ADM``."""
    words = given.replace(".", " ").replace("-", " ").split()
    return "".join(w if w.isupper() else w[0] for w in words)
