"""Bring printed and registry text to one comparable form (pure functions).

Titles arrive with markup of several kinds: Markdown emphasis (``*Blood*``), caret
superscripts from PDF conversion (``[^{99m}Tc]``), Unicode super/subscripts (``⁶⁸Ga``,
``O₂``), HTML entities and tags (``&amp;``, ``<i>``), JATS tags from Crossref
(``<jats:italic>``), Greek letters (``SDF-1α`` vs ``SDF1alpha``) and ligatures. The
normalised form is lower-case ASCII words separated by single spaces.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda",
    "μ": "mu", "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}  # fmt: skip

# Letters that NFKD does not decompose into a base letter plus a mark.
FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

TAG = re.compile(r"</?([A-Za-z][\w:.-]*)(?:\s[^<>]*)?/?>")
INLINE_TAGS = frozenset(
    {"i", "b", "u", "em", "strong", "sup", "sub", "italic", "bold", "sc", "scp", "underline"}
)
CARET = re.compile(r"\^\{([^{}]*)\}|\^(\w+)")
SUBSCRIPT = re.compile(r"~\{([^{}]*)\}|~(\w+)~")
EMPHASIS = re.compile(r"(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1")
NLM_TAG = re.compile(r"\s*\[(?:abstract|letter|editorial|comment|review|erratum|published "
                     r"erratum|retracted article|in [a-z]+)\]\.?\s*$", re.IGNORECASE)  # fmt: skip
RETRACTED_PREFIX = re.compile(r"^\s*(?:retracted|withdrawn)\s*[:.-]\s*", re.IGNORECASE)
NON_WORD = re.compile(r"[^a-z0-9]+")
DASHES = re.compile(r"[\u2010-\u2015\u2212]")


@lru_cache(maxsize=65536)  # pure, and asked for the same titles and names again and again
def plain_text(text: str) -> str:
    """Remove markup and entities; keep words, Unicode letters and punctuation."""
    text = html.unescape(html.unescape(text))  # Crossref sometimes double-escapes
    text = TAG.sub(_tag_replacement, text)
    text = CARET.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = SUBSCRIPT.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = EMPHASIS.sub(r"\2", text)
    text = unicodedata.normalize("NFKC", text)  # ⁶⁸ → 68, ₂ → 2, ﬁ → fi, µ → μ
    text = DASHES.sub("-", text)
    return " ".join(text.split())


def _tag_replacement(m: re.Match[str]) -> str:
    name = m.group(1).lower().rsplit(":", 1)[-1]  # "jats:italic" → "italic"
    return "" if name in INLINE_TAGS else " "


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, Greek letters spelt out, diacritics removed (``Müller`` → ``muller``)."""
    if text.isascii():  # nothing to spell out or remove: the same result, without the loops
        return text.lower()
    text = text.casefold()
    text = "".join(GREEK.get(ch, ch) for ch in text)
    text = text.translate(FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def words(text: str) -> str:
    """Folded text as lower-case ASCII words separated by single spaces."""
    return NON_WORD.sub(" ", fold(plain_text(text))).strip()


@lru_cache(maxsize=65536)
def normalize_title(title: str) -> str:
    """A title ready for fuzzy comparison: NLM content tags and ``RETRACTED:`` dropped."""
    text = plain_text(title)
    text = NLM_TAG.sub("", text)
    text = RETRACTED_PREFIX.sub("", text)
    return words(text)


def family_keys(family: str) -> frozenset[str]:
    """Comparable spellings of a family name: folded, German transliteration, no particles.

    ``Müller`` → {``muller``, ``mueller``}; ``van Dijk`` → {``vandijk``, ``dijk``};
    ``O'Day`` → {``oday``}.
    """
    plain = plain_text(family)
    keys = {_letters(fold(plain)), _letters(fold(plain.casefold().translate(GERMAN)))}
    parts = words(plain).split()
    core = [p for p in parts if p not in PARTICLES]
    if core and len(core) < len(parts):
        keys.add("".join(core))
    keys.discard("")
    return frozenset(keys)


PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le"}
    | {"ten", "ter", "vander", "vanden", "al", "el", "bin"}
)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def normalize_number(value: str | None) -> str | None:
    """A volume, issue or page as a comparable token: ``042`` → ``42``, ``E317`` → ``e317``."""
    if value is None:
        return None
    text = fold(plain_text(value)).strip().strip(".")
    text = re.sub(r"^(?:vol|no|pp?)\.?\s*", "", text)
    text = SUPPLEMENT.sub(r"s\1", text)  # "Suppl 2", "suppl. 2", "Supplement 2", "S2" → "s2"
    text = BARE_SUPPLEMENT.sub("suppl", text)  # "Supplement", "Supp." → "suppl"
    text = text.lstrip("0") or text
    return text or None


SUPPLEMENT = re.compile(r"\b(?:suppl?|supplement)\b\.?\s*(\d+)")
BARE_SUPPLEMENT = re.compile(r"\b(?:supp|supplement)\b\.?")


def split_pages(pages: str | None) -> tuple[str | None, str | None]:
    """First and last page of a range, the last expanded (``"1425-37"`` → ``"1425", "1437"``)."""
    if not pages:
        return None, None
    text = DASHES.sub("-", plain_text(pages)).replace(" ", "")
    first, _, last = text.partition("-")
    first_n = normalize_number(first)
    last_n = normalize_number(last) if last else None
    fm = _PAGE_PARTS.fullmatch(first_n or "")
    lm = _PAGE_PARTS.fullmatch(last_n or "")
    if fm and lm and not lm.group(1) and len(lm.group(2)) < len(fm.group(2)):
        # "1425-37" → 1437, "90s-7s" → 97s: the last page's digits are the first's tail
        digits = fm.group(2)
        last_n = fm.group(1) + digits[: len(digits) - len(lm.group(2))] + lm.group(2)
        last_n += lm.group(3)
    elif fm and lm and fm.group(1) and not lm.group(1):
        last_n = fm.group(1) + (last_n or "")  # "S105-112" → s112
    return first_n, last_n


_PAGE_PARTS = re.compile(r"([a-z]*)(\d+)([a-z]?)")


def year_of(value: str | None) -> int | None:
    """The four-digit year in a printed year field (``"2016a"`` → 2016)."""
    if not value:
        return None
    m = re.search(r"(1[5-9]|20)\d\d", value)
    return int(m.group(0)) if m else None


def normalize_doi(doi: str) -> str:
    """A DOI without resolver prefix or trailing punctuation, lower-cased for comparison."""
    text = doi.strip()
    text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.IGNORECASE)
    return text.rstrip(".,;").lower()


# Block-level tags (JATS from Crossref, HTML from Europe PMC) end a paragraph.
_BLOCK_END = re.compile(
    r"</(?:jats:)?(?:p|sec|title|h[1-6]|div|li|abstract)\s*>|<br\s*/?>|<(?:jats:)?sec\b[^>]*>"
    r"|<h[1-6]\b[^>]*>",
    re.IGNORECASE,
)
_HEADING_ONLY = re.compile(r"^(?:abstract|summary|graphical abstract)[.:]?$", re.IGNORECASE)


def abstract_from_markup(markup: str) -> str:
    """JATS or HTML abstract markup as plain paragraphs separated by blank lines.

    Tags are removed (inline ones like ``<jats:italic>`` without a space), entities
    decoded, and a bare "Abstract" heading dropped; other headings ("Significance",
    "Background") stay as their own paragraph.
    """
    paragraphs = []
    for chunk in _BLOCK_END.split(markup):
        text = plain_text(chunk)
        if text and not _HEADING_ONLY.match(text):
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
