"""JATS cited by author and year: a tag that links another work than the one it prints.

``<xref ref-type="bibr" rid="bib40">Ross, 2012</xref>`` where ``bib40`` is Mirabet et al.
2012: the reader of the online article is sent to the wrong work, and anything that reads the
tags (PubMed Central's links, text mining) counts the wrong citation. JATS004 for each tag
whose printed text names neither its entry's first author nor its entry's title (a program
cited by name: ``(Xds, 2010)`` for ``Kabsch W. 2010. Xds.``). Numbered articles, whose tags
print numbers (JATS002 checks those), are not looked at; nor is a tag printing only a year,
whose author is named outside it (PeerJ: ``Evans and colleagues (<xref>2007</xref>)``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.citations.adlink import first_family, loose
from citecheck.citations.untagged import cites_by_date
from citecheck.model import Citation, CitationMark, Finding, Reference
from citecheck.rules import finding

_WORD = re.compile(r"[\w'’‐‑‒–-]+")  # "Garcia–Garcia" printed with an en dash is one name
# no name in it: "(2013)", "2001a, b"
_NAMELESS = re.compile(r"[^A-Za-z]*(?:(?<![A-Za-z])[a-z](?![A-Za-z])[^A-Za-z]*)*")


def check_tag_names(
    marks: Sequence[CitationMark] | None, references: Sequence[Reference], text: str = ""
) -> list[Finding]:
    """JATS004 for each (tag, entry) whose printed text does not name the entry, nor does
    the citation's text just before the tag in ``text`` (the document's): SciELO's
    ``Hühn, Habisch, <xref>Hartmann, &amp; Sison, 2020</xref>`` tags only the last names."""
    if not marks:
        return []
    if not cites_by_date([Citation(m.span, m.text, m.keys, m.style) for m in marks]):
        return []
    entries = {r.key: r for r in references}
    out = []
    for m in marks:
        if _NAMELESS.fullmatch(m.text):
            continue  # "Evans and colleagues (<xref>2007</xref>)": the name is printed outside
        shown = _lead_in(text, m.span.start) + m.text
        printed = " ".join(loose(w) for w in _WORD.findall(shown))
        for key in m.keys:
            ref = entries.get(key)
            family = first_family(ref) if ref is not None else None
            if ref is None or not family or _names(printed, family, ref):
                continue
            if _acronym_of(family, m.text) or _acronym_of(m.text, family):
                continue  # "World Health Organization, 2009" for "WHO (2009)", or back
            text = " ".join(m.text.split())
            out.append(
                finding(
                    "JATS004",
                    f"citation '{text}' is tagged as {key!r} ({family} {ref.year or 'no year'}), "
                    "whose first author it does not print",
                    m.span,
                    (key,),
                    {"citation": text, "entry": f"{family} {ref.year or ''}".strip()},
                )
            )
    return out


_LEAD_IN = 80  # characters before a tag read for the names it leaves out
_OPENS = re.compile(r".*[(;\[]", re.DOTALL)


def _lead_in(text: str, start: int) -> str:
    """The citation's text before its tag: after the last ``(``, ``;`` or ``[`` in the few
    characters before it ("" when the tag opens the citation)."""
    before = text[max(0, start - _LEAD_IN) : start]
    opened = _OPENS.match(before)
    lead = before[opened.end() :] if opened else ""
    return "" if ")" in lead or ". " in lead else lead  # the citation opened before a close


def _names(printed: str, family: str, ref: Reference) -> bool:
    """Whether the printed text (its words folded, one space apart) names the entry: its
    first author's last name word, or its title (a program, a database); a group author by
    the words its name starts with ("ICF International, 2013" for "ICF International.
    Demographic and Health Surveys", "CIESIN/IFPRI/WB/CIAT, 2007")."""
    last = loose(family.split()[-1])
    title = loose(ref.title or "")
    if bool(last and last in printed) or bool(title and title in printed):
        return True
    if not (ref.authors and ref.authors[0].is_group):
        return False
    lead = " ".join(w for w in (loose(w) for w in _WORD.findall(family)[:2]) if w)
    return bool(lead) and f" {lead} " in f" {printed} "


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_ACRONYM = re.compile(r"\b[A-Z]{2,8}\b")


def _acronym_of(short: str, long: str) -> bool:
    """Whether an acronym in ``short`` (a group author: ``WHO``) is the initials of
    consecutive capitalised words in ``long`` (``World Health Organization``)."""
    acronyms = _ACRONYM.findall(short)
    if not acronyms:
        return False
    initials = "".join(w[0] for w in _CAPITALISED.findall(long))
    return any(a in initials for a in acronyms)
