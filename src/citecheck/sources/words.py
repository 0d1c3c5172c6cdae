"""Content words of abstracts and claims, normalised so that both sides compare (pure).

Lower case; a hyphenated word counts whole and by its parts; plural ``s``/``es``/``ies``
stripped; ``male``/``man`` read as ``men`` and ``female``/``woman`` as ``women``; stopwords,
numbers and words under three letters dropped. Also the small vocabularies the matcher
needs: words naming a group (sex, age group), a direction of change, a pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

WORD = re.compile(r"[^\W\d_][\w\-–]*[^\W_]|[^\W\d_]{2,}")
STOPWORDS = frozenset(
    """the and but for nor yet with from into onto than then that this these those there
    their them they its was were are been being have has had not all any each per via
    which who whom whose what when where while about after before between during among
    also only both either such very more most less much many some other respectively
    gave give given got found showed shown seen had has our its may might can could would
    were was per cent percent one two three all total whole through year month week day
    hour minute""".split()  # noqa: SIM905
)
_SYNONYMS = {
    "male": "men", "males": "men", "man": "men", "female": "women", "females": "women",
    "woman": "women", "boys": "boy", "girls": "girl",
}  # fmt: skip


def stem_word(word: str) -> str:
    """:func:`stem` of one word as written (any case)."""
    return stem(word.lower())


_STEM = (
    6  # words compare by their first six letters: referral = referred, introduction = introduced
)


def stem(word: str) -> str:
    """A crude stemmer: plurals (``deaths`` → ``death``, ``studies`` → ``study``), the endings
    ``-ed``, ``-ion``, ``-ing`` of long words, then the first six letters (``infected``,
    ``infection`` → ``infect``; ``referral``, ``referred`` → ``referr``)."""
    if word in _SYNONYMS:
        return _SYNONYMS[word]
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    for suffix in ("ion", "ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:_STEM]


def _stemmed(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


GROUP_WORDS = _stemmed("men women boy girl children child adult adolescent infant elderly without")
PRONOUNS = frozenset("it they this these which its their".split())  # noqa: SIM905
UP_WORDS = _stemmed(
    "increase increased increasing higher rise rose risen gain gained growth grew elevated "
    "upregulated more greater larger improved"
)
DOWN_WORDS = _stemmed(
    "reduction reduced reducing decrease decreased decreasing lower fell fall fewer less loss "
    "decline declined drop dropped downregulated smaller"
)


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """``(offset, normalised word)`` for every content word of ``text[start:end]``; a
    hyphenated word gives itself and its parts at the same offset. Pronouns are kept (the
    caller drops them)."""
    end = len(text) if end is None else end
    for m in WORD.finditer(text, start, end):
        word = m.group().lower()
        parts = re.split(r"[\-–]", word) if re.search(r"[\-–]", word) else [word]
        for part in parts:
            if part in PRONOUNS:
                yield m.start(), part
                continue
            if len(part) < 3 or part in STOPWORDS or not any(c.isalpha() for c in part):
                continue
            yield m.start(), stem(part)


def content(text: str) -> frozenset[str]:
    """The content words of ``text`` (no pronouns)."""
    return frozenset(w for _, w in tokens(text) if w not in PRONOUNS)
