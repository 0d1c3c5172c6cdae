"""The names of an author-date citation: which words are names (``van der Berg``,
``World Health Organization [WHO]``, not ``Figure`` nor ``March``), how ``Smith, Lee, & Wu
et al.`` splits into names, where the names before a year may begin, and the names read
backwards from a narrative ``(2019)``. Used by :mod:`citecheck.citations.authordate`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\S+")
_ET_AL = re.compile(r"\s*,?\s+et\s+al\.?(?:['’]s?)?\s*$")
_ALIAS = re.compile(r"^(.*?)\s*\[([^\[\]]{1,30})\]\s*$")
# "and" in Portuguese and Spanish ("Silva e Souza", "García y López") and German
_AND = r"(?:&|and|(?:e|y|und)(?=\s+[A-ZÀ-ÖØ-Þ]))"
_SPLIT = re.compile(rf"\s*,\s*{_AND}\s+|\s+{_AND}\s+|\s*,\s*")

_PARTICLE_WORDS = "van von der den de del della des di da das do dos du la le ter ten zu al el bin"
PARTICLES = frozenset(_PARTICLE_WORDS.split(" "))
_CONNECTORS = frozenset(("of", "for", "the", "on", "and", "in", "und"))
_ANDS = frozenset(("and", "&", "e", "y", "und"))
_NOT_NAME_WORDS = (
    "figure figures fig fig. table tables supplementary appendix section chapter equation eq "
    "eq. box panel phase wave study year see also personal communication data unpublished "
    # a sentence's first word before narrative names ("As Adams (2018) argued")
    "as while although however thus since because recently here following according unlike "
    "when whereas both after before previously similarly indeed notably moreover furthermore "
    "interestingly conversely likewise specifically importantly finally then these this those "
    # the same in Portuguese, Spanish, German ("Segundo Silva e Souza (2010)")
    "segundo conforme según nach laut gemäß"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split(" "))
# Months and seasons are names only beside other names or "et al." ("Winter et al., 2003")
_CALENDAR_WORDS = (
    "january february march april may june july august september october november december "
    "spring summer autumn fall winter"
)
_CALENDAR = frozenset(_CALENDAR_WORDS.split(" "))
# a group author's last word, lower-case as some groups write it ("Posit team")
_GROUP_NOUN_WORDS = (
    "team group consortium collaboration committee network project community contributors "
    "developers"
)
_GROUP_NOUNS = frozenset(_GROUP_NOUN_WORDS.split(" "))
_WINDOW = 200  # characters read back from a narrative year for the names


@dataclass(frozen=True, slots=True)
class _Token:
    """A word of the text (as a match of ``\\S+`` would give it)."""

    text: str
    at: int

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.at + len(self.text)


# a name glued to the word before it, as some XML renders "in <xref>Lull & Wright</xref>":
# "inLull", "followingWerning", "e.g.,Erickson", "(1942),Evans" (not "eLife", "mRNA")
_GLUED = re.compile(r"(?:^(?:[a-z]{2,}|e\.g\.,?|i\.e\.,?|cf\.)|[,;(])(?=[A-Z][a-z])")


# the short words a name is found glued to; a longer lower-case word ("following") too, but
# not a short stem inside a mixed-case word ("arXiv", "bioRxiv", "medRxiv", "chemRxiv")
_GLUE_WORD_LIST = (
    "in by and of from see to as at on for or the with than that also via per was were is "
    "are after since into like cf"
)
_GLUE_WORDS = frozenset(_GLUE_WORD_LIST.split(" "))


def _glued_at(word: str) -> int:
    """Where a name glued to the word before it begins in ``word`` (0 if none)."""
    glued = _GLUED.search(word)
    if glued is None or not 0 < glued.end() < len(word):
        return 0
    head = word[: glued.end()]
    if head.isalpha() and len(head) < 5 and head not in _GLUE_WORDS:
        return 0
    return glued.end()


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The words of ``text[start:end]``, a name glued to the word before it apart."""
    out = []
    for m in _WORD.finditer(text, start, end):
        word, at = m.group(), m.start()
        if (glued := _glued_at(word)) > 0:
            out += [_Token(word[:glued], at), _Token(word[glued:], at + glued)]
        else:
            out.append(_Token(word, at))
    return out


_MAX_STARTS = 8  # where the names may begin, tried left to right


def names_starts(part: str, end: int) -> list[int]:
    """Where the names before ``end`` may begin, past a prefix (``see also``, ``e.g.,``,
    ``Dryad:``, ``Figure 1,``, ``line 10-3 in``): each capitalised word (or particle before
    one), leftmost first."""
    colon = part.rfind(":", 0, end)
    words = _tokens(part, colon + 1, end)
    starts: list[int] = []
    for i, w in enumerate(words):
        word = w.group()
        if word[0].isupper() or (word.lower() in PARTICLES and _leads_to_name(words[i:])):
            before = words[i - 1].group() if i else ""
            if not starts or not before[:1].isupper() or before.endswith(","):
                starts.append(w.start())
        if len(starts) >= _MAX_STARTS:
            break
    return starts


def _leads_to_name(words: Sequence[_Token]) -> bool:
    for w in words:
        if w.group()[0].isupper():
            return True
        if w.group().lower() not in PARTICLES:
            return False
    return False


def parse_names(raw: str) -> tuple[tuple[str, ...], bool, str] | None:
    """``Smith, Lee, & Wu`` → names, et al., an abbreviation; ``None`` if not names."""
    if not raw or len(raw) > 250 or any(ch.isdigit() or ch in "=<>+%@/" for ch in raw):
        return None
    et_al = _ET_AL.search(raw)
    body = raw[: et_al.start()] if et_al else raw
    alias = ""
    if (a := _ALIAS.match(body)) is not None:
        body, alias = a.group(1), a.group(2)
    names = tuple(n.strip(" ,") for n in _SPLIT.split(body) if n.strip(" ,"))
    if not names or not all(_is_name(n, bool(alias)) for n in names):
        return None
    if len(names) == 1 and not et_al and names[0].lower().split()[0] in _CALENDAR:
        return None  # "(March 2019)", "(Winter, 2019)": a date
    return names, et_al is not None, alias


def _is_name(name: str, corporate: bool) -> bool:
    words = name.split()
    if not words or len(words) > 8 or not any(w[0].isupper() for w in words):
        return False
    if len(words) > 1 and len(words[0]) == 1 and not corporate and not words[1][0].isupper():
        return False  # "lineage B of Baek": an initial, not a name ("R Core Team" is one)
    group = len(words) > 1 and words[-1].lower() in _GROUP_NOUNS and words[0][0].isupper()
    for w in words:
        lower = w.lower().rstrip(".,")
        if lower in _NOT_NAMES:
            return False
        lower_case = not w[0].isupper() and lower not in PARTICLES and lower not in _CONNECTORS
        if lower_case and not (group and w.isalpha()):  # "Posit team", "Stan Development team"
            return False
    return corporate or len(words) <= 5


_NAME_PREFIX_WORDS = (
    "mc mac de di da le la van vander vanden von du des del della dos fitz st ter ten al el "
    "ben bin abu"
)
_NAME_PREFIXES = frozenset(_NAME_PREFIX_WORDS.split(" "))
_INNER_CAPITAL = re.compile(r"[a-z]([A-Z])")


def product_like(name: str) -> bool:
    """A word with a capital inside it after other letters than a name's prefix: a product
    or a database (``HiSeq``, ``GraphPad Prism``, ``ImageJ``, ``UniProt``), not a person
    (``McDonald``, ``DeLuca``, ``LeCun``, ``VanderPlas``)."""
    for word in name.split():
        inner = _INNER_CAPITAL.search(word)
        if inner is not None and word[: inner.start(1)].lower() not in _NAME_PREFIXES:
            return True
    return False


_POSSESSIVE = re.compile(r"['’]s?$")
_COLLEAGUES = frozenset(("colleagues", "co-workers", "coworkers", "collaborators"))
_STOPS = (".", ";", ":", "!", "?", ")", "(")
_MAX_WORDS = 14


def narrative_names(text: str, paren: int) -> tuple[int, tuple[tuple[str, ...], bool, str]] | None:
    """The names written just before a narrative ``(2019)``, read backwards from ``paren``:
    an abbreviation ``[WHO]``, ``et al.`` (possessive or not) or ``and colleagues``, then
    names, particles and ``and``/``&`` back to the first word that cannot be part of them."""
    words = _tokens(text, max(0, paren - _WINDOW), paren)
    if not words or "\n\n" in text[words[-1].end() : paren]:
        return None
    i = len(words) - 1
    alias = words[i].group().startswith("[") and words[i].group().endswith("]")
    i -= alias
    if (
        i >= 1
        and _POSSESSIVE.sub("", words[i].group().rstrip(",")) in ("al.", "al")
        and words[i - 1].group() == "et"
    ):
        i -= 2
    end = paren
    if (
        i >= 1
        and _POSSESSIVE.sub("", words[i].group()).lower() in _COLLEAGUES
        and words[i - 1].group() in ("and", "&")
    ):  # "Smith and colleagues (2019)": et al.
        end, i = words[i - 1].start(), i - 2
    et_al = i < len(words) - 1 - alias
    if i >= 0 and not et_al and _full_stop(words[i].group()):
        return None  # "Jon Tennant. (2020, January 22). Title": a reference typed in the text
    taken: list[tuple[int, str]] = []
    while i >= 0 and len(taken) < _MAX_WORDS:
        word = words[i].group()
        bare = _POSSESSIVE.sub("", word).rstrip(",")
        lower = bare.lower()
        if taken and (word.endswith(_STOPS) or "\n\n" in text[words[i].end() : taken[-1][0]]):
            break  # a sentence or a paragraph (a heading) ends before the names
        if (
            bare[:1].isupper()
            and lower not in _NOT_NAMES
            and (taken or et_al or lower not in _CALENDAR)
        ):
            kind = "name"
        elif taken and lower in PARTICLES:
            kind = "particle"
        elif taken and (lower in _ANDS or (alias and lower in _CONNECTORS)):
            kind = "and"
        else:
            break
        taken.append((words[i].start(), kind))
        i -= 1
    while taken and taken[-1][1] == "and":
        taken.pop()
    if _venue(words, i, taken) or _storm(words, taken):
        return None
    for start, kind in reversed(taken):  # leftmost first: "LOX2, Allmann"
        if kind == "and":
            continue
        raw = _POSSESSIVE.sub("", text[start:end].strip().rstrip(","))
        raw += " et al." if end < paren else ""
        parsed = parse_names(raw.replace("al.'s", "al.").replace("al.’s", "al."))
        if parsed is not None:
            return start, parsed
    return None


_STORMS = frozenset(("hurricane", "typhoon", "cyclone", "supertyphoon", "tropical"))


def _storm(words: Sequence[_Token], taken: Sequence[tuple[int, str]]) -> bool:
    """A named storm and its year, "Hurricane Patricia (2015)", "Typhoon Haiyan (2013)": the
    word before the last name taken is the kind of storm (or is taken itself)."""
    if not taken:
        return False
    first = next((w.group().lower() for w in words if w.start() == taken[-1][0]), "")
    before = next((w for w in reversed(words) if w.start() < taken[-1][0]), None)
    if first in _STORMS:
        return len(taken) > 1 and taken[-2][1] == "name"  # "Storm et al.", "Storm and Lee"
    return before is not None and before.group().lower() in (*_STORMS, "storm")


_ABBREVIATED = frozenset(("jr.", "sr.", "inc.", "ltd.", "co.", "corp."))


def _full_stop(word: str) -> bool:
    """A word that ends a sentence right before the bracket (not an initial, ``Jr.``)."""
    return (
        word.endswith(".")
        and len(word.rstrip(".")) > 1
        and word.lower() not in _ABBREVIATED
        and not _INITIAL_WORD.match(word)
    )


_INITIAL_WORD = re.compile(r"^(?:[A-Z]\.-?)+$")


def _venue(words: Sequence[_Token], i: int, taken: Sequence[tuple[int, str]]) -> bool:
    """Capitalised words after ``Symposium on``, ``Proceedings of the``: a venue's name
    (``… Symposium on Discrete Algorithms (2000)``), not one author's. Only a single name of
    two words or more without a particle, whose capitalised phrase runs on through a
    connector (``on``, ``of``) from a word that does not open a sentence."""
    if len(taken) < 2 or any(kind != "name" for _, kind in taken) or i < 1:
        return False
    if words[i].group().lower() not in _CONNECTORS:
        return False
    while i >= 1 and words[i].group().lower() in _CONNECTORS:
        i -= 1  # "Proceedings of the"
    before = words[i].group()
    opens = i == 0 or words[i - 1].group().endswith(_STOPS)
    return before[:1].isupper() and not before.endswith(_STOPS) and not opens
