"""Reading the author list at the start of a reference.

Vancouver/NLM names (``Family AB``), dotted initials (``Family A.B.``), particles
(``van Dijk TH``, ``De Clercq E``), hyphenated names and initials (``Timmer-Bosscha H``,
``Wester H-J``), multi-word families (``Ehrlich Sachs S``), ``et al.``, and group authors.
"""

from __future__ import annotations

import re

from citecheck.bibliography.abnt import abnt_authors
from citecheck.bibliography.inverted_first import inverted_first_authors
from citecheck.bibliography.journals import is_abbreviated_word
from citecheck.model import Author

_PARTICLES = (
    "van der|van den|van de|van|von der|von|der|den|de la|de las|de los|de|del|della|di|da|du"
    "|dos|das|le|la|ter|ten|St\\.?|Mac|bin|al|el|y|'t|do|zu"
)
# A capitalised word containing a lowercase letter (so bare initials are not family names).
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_WORD = rf"[{_UPPER}](?=[\w'’]*[a-zß-ÿ])[\w'’]*"
# "Oliveira-dos-Santos": a particle may stand between hyphens
_FAMILY = (
    rf"(?:(?:{_PARTICLES})\s+)*(?:{_WORD})"
    rf"(?:(?:-|\s+)(?:(?:{_PARTICLES})(?:\s+|-))?(?:{_WORD}))*"
)
_CAP = "A-ZÀ-ÖØ-Þ"  # an initial may be any capital letter: "Niinemets Ü"
# "AB", "A.B.", "H-J", and mixed case before a comma ("Kim Js, …", "Manolio Ta, …")
_INITIALS = (
    rf"(?:(?:[{_CAP}]\.\s?-?){{1,4}}(?![a-z])|[{_CAP}](?:[{_CAP}]|-[A-Za-z]){{0,3}}(?!\w)"
    rf"|[{_CAP}][a-z](?=,))"
)
_AUTHOR = re.compile(
    rf"(?P<family>{_FAMILY})(?:\s+(?:II|III|IV)(?=,\s*[A-Z]\.))?(?:,\s*|\s+)(?P<given>{_INITIALS})"
    r"(?:\s+(?P<suffix>Jr|Jnr|Sr|II|III|IV|2nd|3rd|\d+th)\b\.?)?"
)  # the roman numeral before the comma: ACS "Pettijohn II, T. F."
# a stray full stop after initials is passed over: "Klimm TE., Keller B"
_SEP = re.compile(r"\.?\s*(?:,|;)\s*(?:and\s+|&\s*)?|\s*(?:and|&)\s+")
_ET_AL = re.compile(r"\s*,?\s*(?:et\s*al\b\.?|and\s+others\b\.?|\.\.\.)", re.IGNORECASE)
_GROUP = re.compile(r"^(?P<group>[^.()]{3,150}?)(?:\.\s+|\s+\()")
_GROUP_WORDS = re.compile(
    r"\b(group|consortium|collaborat\w*|committee|network|society|association|organi[sz]ation"
    r"|investigators|council|institute|working|task force|panel|agency|centers?|world|study"
    r"|team|community|initiative)\b",
    re.IGNORECASE,
)


# IEEE and many CS/physics styles write the given initials first: "A. B. Smith, C. Lee, and
# D. van Dijk," — the list ends at the comma before a quoted title or at a full stop.
_GIVEN_FIRST = re.compile(
    rf"(?P<given>(?:(?:[A-Z]|(?<=-)[a-z])\.\s?-?\s?){{1,4}})\s*(?P<family>{_FAMILY})"
    r"(?:\s+(?P<suffix>II|III|IV)\b|(?<=\sJr)\.|(?<=\sSr)\.)?"  # "Pettijohn II", "Ferrell Jr."
)
_SUFFIX_IN_FAMILY = re.compile(r"\s+(?:Jr|Sr)\.?$")
_INITIAL_FIRST = re.compile(r"\s*[A-Z]\.")  # a cheap test before trying given-first names
_GIVEN_FIRST_SEP = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
# After a name: "et al." or else the separator before the next name, in one match.
_ET_AL_OR = {
    sep: re.compile(rf"(?P<et_al>(?i:{_ET_AL.pattern}))|{sep.pattern}")
    for sep in (_SEP, _GIVEN_FIRST_SEP)
}


def _given(text: str) -> str:
    if text.isalpha():  # "AB": nothing to remove ("Js": read as "JS")
        return text if text.isupper() else text.upper()
    return text.replace(".", "").replace(" ", "").replace("-", "")


def _read_names(
    text: str, author: re.Pattern[str], separator: re.Pattern[str]
) -> tuple[list[Author], bool, int]:
    """Names matched by ``author`` joined by ``separator``, then an optional "et al."."""
    authors: list[Author] = []
    pos = len(text) - len(text.lstrip())
    m = author.match(text, pos)
    given_first = author is _GIVEN_FIRST
    et_al_or_separator = _ET_AL_OR[separator]
    while m and not (given_first and _journal_not_name(text, m)):
        family, given = m.group("family", "given")
        family = family.strip()
        if family.endswith(("Jr", "Sr")):
            family = _SUFFIX_IN_FAMILY.sub("", family)  # "Sacco Jr, D. F."
        before = pos
        if " " in family and family.count(" ") >= 2 and authors and _GROUP_WORDS.search(family):
            authors.append(Author(family, "", is_group=True))  # "… Initiative, ICGC Breast …"
            pos = m.end("family")
        else:
            authors.append(Author(family, _given(given)))
            pos = m.end()
        sep = et_al_or_separator.match(text, pos)
        if sep is None:
            m = None
        elif sep.lastgroup == "et_al":
            return authors, True, sep.end()
        else:
            nxt = sep.end()
            m = author.match(text, nxt)  # the next name, if one follows
            if m is None or (text[nxt] == "T" and text.startswith("The ", nxt)):
                if given_first:  # the list ends, or goes on oddly
                    m = None
                else:  # "BOCK CB", "J-A Daròs", "The O. fasciatus curation community"
                    m = _CAPS_FAMILY.match(text, nxt) or _INITIALS_BEFORE.match(text, nxt)
                    # the first name inverted, the others not (ESA, Chicago): "Bizzozzero,
                    # M. R., F. Altermatt, J.-C. Walser, and M. Krützen. 2024."
                    m = m or _GIVEN_FIRST.match(text, nxt)
                if m is None and not given_first:
                    chain = _groups_in_list(text, nxt, author, et_al_or_separator)
                    if chain:
                        groups, pos, et_al_end, m = chain
                        authors.extend(groups)
                        if et_al_end:
                            return authors, True, et_al_end
                        sep = None
        if given[1:2].islower() and (m is None or m.group("given")[1:2].islower()):
            authors.pop()  # "Hao Wu, Chao Gu, …": "Wu" is no initial unless a name follows
            return authors, False, before
        if sep and not m and (bare := _BARE_LAST.match(text, sep.end())):
            authors.append(Author(bare.group("family"), ""))  # "…, Tesser (2003)": no initials
            return authors, False, bare.end("family")
    return authors, False, pos


# Inside a family-first list: an all-capitals family ("Stumpo DJ, BOCK CB, …") and initials
# printed before the family ("Elena SF, J-A Daròs. 2011.").
_CAPS_FAMILY = re.compile(
    rf"(?P<family>[{_CAP}][{_CAP}'’-]{{2,}})\s+(?P<given>[{_CAP}]{{1,3}})(?=\.?\s*[,;]|\.\s|\.?$)"
)
_INITIALS_BEFORE = re.compile(
    rf"(?P<given>[{_CAP}](?:-[{_CAP}])?)\s+(?P<family>{_WORD})(?=\.?\s*[,;]|\.\s|\.?$)"
)
_GROUP_ITEM = re.compile(
    r"[^,;.()\d]*(?:\.\s[a-z][^,;.()\d]*)?(?=\s*[,;]|\.\s+(?:1[5-9]|20)\d\d[a-z]?\.)"
)  # up to a comma, or to the full stop before the year ("…, FlyBase Consortium. 2013.")
_ACRONYM = re.compile(rf"\b[{_CAP}]{{3,}}\b")


def _groups_in_list(
    text: str, pos: int, author: re.Pattern[str], separator: re.Pattern[str]
) -> tuple[list[Author], int, int, re.Match[str] | None] | None:
    """Group authors after a name ("Hadjipanayis AG, Cancer Genome Atlas Research Network,
    Protopopov A"; "…, Viberti G, ADOPT Study Group. 2006."): the groups, where they end,
    where an "et al." after them ends (0 if none) and the name after them. ``None`` unless a
    name, "et al." or the year follows the groups."""
    groups: list[Author] = []
    for _ in range(6):
        group = _group_item(text, pos)
        if group is None:
            return None
        groups.append(group[0])
        pos = group[1]
        sep = separator.match(text, pos)
        if sep is None:
            return (groups, pos, 0, None) if text[pos : pos + 1] == "." else None
        if sep.lastgroup == "et_al":
            return groups, pos, sep.end(), None
        if m := author.match(text, sep.end()):
            return groups, pos, 0, m
        pos = sep.end()
    return None


def _group_item(text: str, pos: int) -> tuple[Author, int] | None:
    """Up to the next comma, a group's name: two to ten words, a group word in them or an
    acronym before the last word ("ICGC PedBrain"), no quotes."""
    m = _GROUP_ITEM.match(text, pos, pos + 150)
    if m is None or not 2 <= len(words := m.group().split()) <= 10:
        return None
    name = m.group().strip()
    if not words[0][:1].isupper() or any(q in name for q in "\"“”'‘"):
        return None
    if not (_GROUP_WORDS.search(name) or _ACRONYM.search(name, 0, len(name) - len(words[-1]))):
        return None
    return Author(name, "", is_group=True), m.end()


# A last name printed without initials, right before the year in parentheses.
_BARE_LAST = re.compile(rf"(?P<family>{_WORD})(?=\s*\(\s*\d{{4}})")


def _journal_not_name(text: str, m: re.Match[str]) -> bool:
    """A given-first "name" that is the journal's start ("J. Chem. Phys. 128"): its family
    is an abbreviated journal word followed by a period, or the list has already ended."""
    if m.re is not _GIVEN_FIRST:
        return False
    last = m.group("family").split()[-1]  # "J. Cell Sci.": the family read as "Cell Sci"
    if _JOURNAL_GOES_ON.match(text, m.end()):
        return True  # "J. Socio-Economics 37, 1363": a volume or more words, no separator
    if text[m.end() : m.end() + 1] != "." or not is_abbreviated_word(last):
        return False
    if m.start() > len(text) - len(text.lstrip()):
        return True  # after the first name: the list has ended
    # the first name: "F. H. Gage. Mammalian …" (BibTeX unsrt) is an author; "J. Chem. Phys."
    return bool(_JOURNAL_AFTER_STOP.match(text, m.end()))


_JOURNAL_GOES_ON = re.compile(r"\s+(?:\d(?!\d{3}\b)|[A-Z])")  # a volume, not "J. Smith 2004"
_JOURNAL_AFTER_STOP = re.compile(r"\.\s*(?:\d|[A-Z][a-z]{0,5}\.)")  # a volume, "Phys."


_WORD_FOLLOWS = re.compile(r"\s+[A-Z][a-z]")


def _group_at_start(text: str) -> re.Match[str] | None:
    group = _GROUP.match(text)
    return group if group and _GROUP_WORDS.search(group.group("group")) else None


def _group_authors(text: str) -> tuple[list[Author], bool, int] | None:
    """A group author, and the names that follow it ("The Cancer Genome Atlas Research
    Network, Weinstein JN, Collisson EA, et al.")."""
    group = _group_at_start(text)
    if group is None:
        return None
    name, pos = group.group("group"), group.end("group")
    for comma in re.finditer(r",\s*", name):
        names, et_al, end = _read_names(name[comma.end() :] + text[pos:], _AUTHOR, _SEP)
        if names and _GROUP_WORDS.search(name[: comma.start()]):
            head = Author(name[: comma.start()].strip(" ,;"), "", is_group=True)
            return [head, *names], et_al, group.start("group") + comma.end() + end
    if ":" in name or any(ch.isdigit() for ch in name):  # "R Core Team, 2005: R: A …"
        cut = name.find(",")
        if cut < 0 or not _GROUP_WORDS.search(name, 0, cut):
            return None
        name, pos = name[:cut], group.start("group") + cut
    name = name.strip(" ,;")
    if name[-2:-1] == " " and name[-1].isupper() and _GROUP_WORDS.search(name[-12:]):
        name = name[:-2].rstrip(" ,")  # "R Development Core Team R (2011)": a style's initial
    authors = [Author(name, "", is_group=True)]
    etal = _ET_AL.match(text, pos)
    return (authors, True, etal.end()) if etal else (authors, False, pos)


def parse_authors(text: str) -> tuple[tuple[Author, ...], bool, int]:
    """Read the author list at the start of ``text``.

    Returns ``(authors, et_al, end)`` where ``end`` is the index just after the list
    (after its closing period, if any). No authors found gives ``((), False, 0)``.
    Family-first names (Vancouver) are tried first, then given-first ones (IEEE), then a
    group author.
    """
    authors, et_al, pos = _read_names(text, _AUTHOR, _SEP)
    if (
        text[1:2].islower()
        and text[:1].isupper()
        and not et_al
        and (not authors or _word_goes_on(text, pos))
        and (full := _full_names_first(text, pos))
    ):
        return full  # "Iz Beltagy, Kyle Lo, and Arman Cohan. 2019.": given names first
    if not authors and _INITIAL_FIRST.match(text):
        authors, et_al, pos = _read_names(text, _GIVEN_FIRST, _GIVEN_FIRST_SEP)
    if len(authors) == 1 and _WORD_FOLLOWS.match(text, pos) and _group_at_start(text):
        authors = []  # "Broad Institute TCGA Genome Data Analysis Center (2013)": not a name
    if not authors and (abnt := abnt_authors(text)) is not None:
        authors, et_al, pos = abnt  # "SILVA, J. F.; SOUZA, R. Título." (ABNT)
    if not authors and (inverted := inverted_first_authors(text)) is not None:
        authors, et_al, pos = inverted  # "Beamish, Richard J., and Conrad Mahnken. 2001."
    if not authors:
        found = _group_authors(text)
        if found is None:
            return (), False, 0
        authors, et_al, pos = found
    # Consume the list's closing punctuation.
    while pos < len(text) and text[pos] in " .,;:":
        pos += 1
    return tuple(authors), et_al, pos


# ACL, NAACL, NeurIPS, JMLR: "Iz Beltagy, Kyle Lo, and Arman Cohan. 2019. SciBERT: …". Read
# given name first only on strong evidence: every name opens with a given name written out,
# ends with a family name (no initials) and the year follows the names' full stop.
_NAMES_THEN_YEAR = re.compile(r"(?<=[^\s.][^\s.])\.\s+(?:1[5-9]|20)\d\d[a-z]?\.(?=\s|$)")
_FULL_SEP = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
_ET_AL_END = re.compile(r",?\s*(?:et\s+al\.?|and\s+others)$")
_NAME_SUFFIXES = frozenset(("Jr", "Jr.", "Sr", "Sr.", "Jnr", "II", "III", "IV"))
_PARTICLE_WORDS = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "dos",
        "das",
        "do",
        "zu",
        "le",
        "la",
        "ter",
        "ten",
        "'t",
    ]
)
_NOT_PERSON = re.compile(
    r"\b(?:bank|press|university|inc|ltd|corporation|company|foundation|project|office"
    r"|department|ministry|service|government|nations|union|statistics|survey|research"
    r"|laboratory|google|microsoft|openai|meta|bureau|census|states|times|news|monde"
    r"|fundação|fundación|fondation|stiftung|instituto|institut)\b",
    re.IGNORECASE,
)


def _word_goes_on(text: str, pos: int) -> bool:
    """A letter at ``pos`` or after one space: the names went on where the reading stopped
    ("Hal Daumé III and …", "Kenton J. Lee"), no bracket or full stop ended them."""
    if text[pos : pos + 1] == " ":
        pos += 1
    return text[pos : pos + 1].isalpha()


def _full_names_first(text: str, read_to: int) -> tuple[tuple[Author, ...], bool, int] | None:
    """The authors of an entry printed ``Given Family, Given Family, and Given Family.
    YYYY.``, with the index after the names' full stop; ``None`` unless every name reads so
    and the year stands after the names (a family-first reading that got there wins)."""
    if text.find(". 1", read_to, 600) < 0 and text.find(". 2", read_to, 600) < 0:
        return None  # no year after a full stop (a cheap test before the pattern)
    stop = _NAMES_THEN_YEAR.search(text, read_to, 600)
    if stop is None:
        return None
    head = text[: stop.start()]
    if any(ch.isdigit() or ch in '():;"“”' for ch in head):
        return None
    et_al = _ET_AL_END.search(head)
    items = _FULL_SEP.split(head[: et_al.start()] if et_al else head)
    authors = []
    for item in items:
        author = _full_name(item)
        if author is None:
            return None
        authors.append(author)
    if len(authors) == 1 and (_GROUP_WORDS.search(head) or _NOT_PERSON.search(head)):
        return None  # "World Bank. 2019.": an organisation, not "Bank W"
    year_at = stop.start() + 1
    while text[year_at] == " ":
        year_at += 1
    return tuple(authors), et_al is not None, year_at


def _full_name(item: str) -> Author | None:
    """``Arman Cohan``, ``Ming-Wei Chang``, ``Hal Daumé III``, ``Ludwig van Beethoven``,
    ``Kenton J. Lee``: family (with its particles, less a suffix) and initials."""
    words = item.split()
    while len(words) > 2 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    if not 2 <= len(words) <= 5:
        return None
    first, last = words[0], words[-1]
    if len(first) < 2 or not first[0].isupper() or not first[1].islower() or "." in first:
        return None  # a given name written out
    if first.lower() in _PARTICLE_WORDS or first == "The":
        return None  # "Le Monde. 2016."
    if not last[0].isupper() or not any(c.islower() for c in last) or "." in last:
        return None  # a family name, no initials
    if _GROUP_WORDS.search(item):
        return None
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLE_WORDS:
        cut -= 1  # "Ludwig van Beethoven", "Christophe Van Gysel"
    for w in words[1:cut]:
        if not (w[0].isupper() or w in _PARTICLE_WORDS):
            return None  # a lower-case word: a title, not a name
    if sum(w not in _PARTICLE_WORDS and not w.endswith(".") for w in words) > 3:
        return None  # "Ben Taskar Pieter Abbeel": a comma missing, two names run together
    initials = "".join(p[0] for w in words[:cut] for p in w.split("-") if p[:1].isalpha())
    return Author(" ".join(words[cut:]), initials.upper())
