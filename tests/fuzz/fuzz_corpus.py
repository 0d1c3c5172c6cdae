"""What the fuzz tests feed citecheck: fragments of real manuscripts, recombined; the
characters that trouble parsers; pathological shapes repeated to size; and mutations of
whole manuscripts.

Fragments are cut from the manuscripts with plain patterns of this module (not with
citecheck's own finders, so that the input does not inherit their blind spots): sentences
of the body, citation groups as printed, reference entries and headings. The bundled
example and the golden fault manuscripts are always used; the development manuscripts
(``../shared/data/manuscripts`` beside the repository, or ``CITECHECK_FUZZ_CORPUS``) join
them in a long run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parent.parent
FIXTURES = TESTS / "fixtures"
BUNDLED = (
    FIXTURES / "walenkamp2017-cxcr4.md",
    FIXTURES / "golden" / "faults-vancouver.md",
    FIXTURES / "golden" / "faults-plos-super.md",
)
DEVELOPMENT = TESTS.parent.parent / "shared" / "data" / "manuscripts"


def development_manuscripts() -> tuple[Path, ...]:
    """The development set (long runs only): ``CITECHECK_FUZZ_CORPUS`` or the shared data."""
    root = Path(os.environ.get("CITECHECK_FUZZ_CORPUS") or DEVELOPMENT)
    return tuple(sorted(root.glob("*/manuscript.md"))) if root.is_dir() else ()


# --- fragments of real manuscripts ----------------------------------------------------------

_HEADING = re.compile(r"(?m)^(?:#{1,6} .*|[A-Z][A-Z ]{4,40})$")
_REF_HEADING = re.compile(r"(?mi)^(?:#{1,6} *)?(?:references|bibliography|literature cited)\s*$")
_SENTENCE = re.compile(r"[A-Z][^.!?\n]{15,400}[.!?](?= |$)")
_CITATION = re.compile(
    r"\([0-9][0-9,–\-— ]{0,30}\)|\[[0-9][0-9,–\-— \]\[]{0,30}\]|\^\{[0-9][^}]{0,30}\}"
    r"|<sup>[^<]{1,30}</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹˒,–⁻ ]{0,20}"
)


@dataclass(frozen=True)
class Fragments:
    sentences: tuple[str, ...]
    citations: tuple[str, ...]
    entries: tuple[str, ...]  # reference entries without their printed marker
    headings: tuple[str, ...]


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def fragments_of(texts: Sequence[str]) -> Fragments:
    sentences: list[str] = []
    citations: list[str] = []
    entries: list[str] = []
    headings: list[str] = []
    for text in texts:
        heads = list(_REF_HEADING.finditer(text))
        m = heads[-1] if heads else None  # the last one: the list, not a mention
        body, refs = (text[: m.start()], text[m.end() :]) if m else (text, "")
        sentences += _SENTENCE.findall(body)
        citations += _CITATION.findall(body)
        headings += _HEADING.findall(body)
        for line in refs.splitlines():
            entry = re.sub(r"^\s*(?:[-*] |\[\d+\] ?|\d+\. ?)", "", line).strip()
            if len(entry) > 20:
                entries.append(entry)
    return Fragments(_unique(sentences), _unique(citations), _unique(entries), _unique(headings))


@cache
def fragments(long_run: bool = False) -> Fragments:
    paths = BUNDLED + (development_manuscripts() if long_run else ())
    return fragments_of([p.read_text(encoding="utf-8") for p in paths])


# --- characters and shapes that trouble parsers -----------------------------------------------

DASHES = ["-", "–", "—", "‐", "‑", "‒", "―", "−", "--", "---"]
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
COMBINING = [chr(c) for c in (0x300, 0x301, 0x308, 0x327, 0x338, 0x20DD, 0x1AB0)]
RTL = ["\u200f", "\u202e", "\u202b", "\u2067", "שלום", "مرحبا", "\u061c"]
# Control and separator characters, NUL excluded (a NUL makes a file binary, by design).
CONTROL = [chr(c) for c in (*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)] + [
    "\x85", "\u2028", "\u2029", "\u200b", "\u200d", "\u2060", "\xa0", "\u3000", "\ufeff",
    "\r", "\r\n", "\t",
]  # fmt: skip
ODD = ["😀", "𝔄", "ﬁ", "İ", "ß", "Ω", "µ", "\U0010fffd", "\ufffd", "é", "é"]


def _superscript(numbers: str) -> str:
    return numbers.translate(str.maketrans("0123456789,-", SUPERSCRIPT_DIGITS + "˒⁻"))


numbers = st.lists(st.integers(0, 130), min_size=1, max_size=4).map(
    lambda ns: ",".join(map(str, ns))
) | st.tuples(st.integers(0, 130), st.sampled_from(DASHES), st.integers(0, 130)).map(
    lambda t: f"{t[0]}{t[1]}{t[2]}"
)
citation_marks = st.tuples(
    numbers,
    st.sampled_from(
        ["({})", "[{}]", "^{{{}}}", "^{}^", "<sup>{}</sup>", "[{}]–[{}]", "({}", "[{}", "{}]"]
    ),
).map(lambda t: t[1].format(t[0], t[0])) | numbers.map(_superscript)

MARKUP = [
    "(", ")", "[", "]", "{", "}", "^", "_", "*", "**", "`", "```\n", "<!-- ", " -->", "<sup>",
    "</sup>", "<sub>", "\\[", "\\(", "$", "$$", "|", "> ", "#", "\n## ", "\n", "\n\n", "  ",
    "    ", "1. ", "[1] ", "- ", "Fig. ", "Table ", "et al. ", "doi:10.1000/xyz", "PMID: 12",
    "https://doi.org/10.1/a(b)", "2004;12:1–9.", " (2004) ", "In: ", "respectively", "%",
    "<!-- claim: median PFS 54 d, OS 223 d -->", "<!-- claim: 42% (n = 7); cites: 3 -->",
    "::: {#refs}\n", "{#sec .unnumbered}", "\\1. ", "⁶⁸Ga", "^{99m}Tc", "x²", "10⁵",
]  # fmt: skip
odd_text = st.sampled_from(
    [*MARKUP, *DASHES, *COMBINING, *RTL, *CONTROL, *ODD, *SUPERSCRIPT_DIGITS]
) | st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=8)


# --- whole manuscripts, recombined ------------------------------------------------------------

REF_HEADINGS = [
    "## References", "References", "REFERENCES", "# Bibliography", "Literature Cited",
    "### References {#refs}", "**References**", "References\n==========", "",
]  # fmt: skip
MARKERS = ["{n}. ", "[{n}] ", "- ", "", "{n} ", "{n}) ", "^{n}^ ", "  {n}. "]


@st.composite
def manuscripts(draw: st.DrawFn, long_run: bool = False) -> str:
    """A manuscript recombined from real sentences, citations, headings and entries, with
    odd text strewn in, a reference section in one of the styles (or none), and perhaps a
    BOM and CRLF line ends."""
    frag = fragments(long_run)
    sentence = st.sampled_from(frag.sentences) | st.lists(odd_text, max_size=6).map("".join)
    cite = st.sampled_from(frag.citations) | citation_marks
    piece = st.one_of(
        sentence.map(lambda s: s + " "),
        st.tuples(sentence, cite).map(lambda t: f"{t[0][:-1]} {t[1]}{t[0][-1:]} "),
        cite,
        odd_text,
        st.sampled_from(frag.headings).map(lambda h: f"\n\n{h}\n\n"),
    )
    body = draw(st.lists(st.lists(piece, max_size=12).map("".join), max_size=8))
    entries = draw(st.lists(st.sampled_from(frag.entries) | sentence, max_size=25))
    marker = draw(st.sampled_from(MARKERS))
    heading = draw(st.sampled_from(REF_HEADINGS))
    gap = draw(st.sampled_from(["\n", "\n\n"]))
    numbering = draw(st.sampled_from(["ordered", "shuffled", "gaps"]))
    numbers_ = list(range(1, len(entries) + 1))
    if numbering == "shuffled":
        numbers_ = draw(st.permutations(numbers_))
    elif numbering == "gaps":
        numbers_ = [n * 2 for n in numbers_]
    refs = gap.join(marker.format(n=n) + e for n, e in zip(numbers_, entries, strict=True))
    tail = draw(st.sampled_from(["", "\n\n## Figures\n\nFig. 1. A figure (3).\n", "\n"]))
    text = "# " + "\n\n".join(body) + f"\n\n{heading}\n\n{refs}{tail}"
    text = draw(st.lists(odd_text, max_size=4).flatmap(lambda odds: _strew(text, odds)))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def _strew(text: str, odds: list[str]) -> st.SearchStrategy[str]:
    """``text`` with each of ``odds`` inserted at a drawn place."""
    places = st.lists(st.integers(0, len(text)), min_size=len(odds), max_size=len(odds))

    def insert(at: list[int]) -> str:
        out = text
        for pos, odd in sorted(zip(at, odds, strict=True), reverse=True):
            out = out[:pos] + odd + out[pos:]
        return out

    return places.map(insert)


UNITS = [
    "[", "(", "[1", "(1", "^{", "<sup>", " ", "\t", "1, ", "1–", "(1) ", "[1],", "¹", "¹˒", "- ",
    "#", "\n", "\n\n", "12. ", "3 ", "4.5 ", "et al. ", "Smith AB, ", "doi:", "<!-- ", "`", "*",
    "_", "|", "\\", "$", "\u0301", "\u202e", "--", "## References\n", "1. A. ",
    "\n1. ", "]", "((", "[[",
]  # fmt: skip


Shape = tuple[str, int, str]  # (unit, times, where)
PLACES = ("body", "line", "heading", "entry", "list", "sentence")


def shapes(max_chars: int) -> st.SearchStrategy[Shape]:
    """One short unit, how often to repeat it, and where in a small manuscript to put the
    run (:func:`shape_text`): where a finder that is quadratic (or worse) in a run of
    brackets, spaces, numbers or entries shows it."""
    unit = st.sampled_from(UNITS) | st.lists(odd_text | citation_marks, min_size=1, max_size=3).map(
        "".join
    ).filter(bool)
    return unit.flatmap(
        lambda u: st.tuples(
            st.just(u), st.integers(1, max(1, max_chars // len(u))), st.sampled_from(PLACES)
        )
    )


def shape_parts(shape: Shape) -> tuple[str, str, int, str]:
    """``(head, unit, times, tail)``: the manuscript is ``head + unit * times + tail``."""
    unit, times, where = shape
    head = "# Title\n\nIntro text cites one work (1).\n\n"
    refs = "## References\n\n1. Smith AB. A title. J Biol. 2001;1:1-9.\n"
    before, after = {
        "body": (f"{head}Some ", f" text (1).\n\n{refs}"),
        "line": (head, f"\n{refs}"),
        "heading": (f"{head}## Methods", f"\n\nText (1).\n\n{refs}"),
        "entry": (f"{head}{refs}2. ", "\n"),
        "list": (f"{head}## References\n\n", ""),
        "sentence": (f"{head}The median PFS was ", f" days (1).\n\n{refs}"),
    }[where]
    return before, unit, times, after


def shape_text(shape: Shape) -> str:
    head, unit, times, tail = shape_parts(shape)
    return head + unit * times + tail


# --- mutations of whole manuscripts -----------------------------------------------------------

MUTATIONS = ("flip", "set", "insert", "delete", "duplicate_lines", "delete_lines", "truncate")


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, int, int, bytes]:
    """One mutation: an operation, a place, a length and a payload (bytes)."""
    op = draw(st.sampled_from(MUTATIONS))
    payload = draw(
        st.binary(min_size=1, max_size=8)
        | odd_text.map(str.encode)
        | citation_marks.map(str.encode)
    )
    return op, draw(st.integers(0, 2**31)), draw(st.integers(1, 200)), payload or b"["


def mutate(data: bytes, mutations: Sequence[tuple[str, int, int, bytes]]) -> bytes:
    """``data`` with each mutation applied in turn (places taken modulo the length)."""
    buf = bytearray(data)
    for op, place, length, payload in mutations:
        at = place % (len(buf) + 1)
        if op == "flip" and buf:
            buf[at % len(buf)] ^= 1 << (length % 8)
        elif op == "set" and buf:
            buf[at % len(buf)] = payload[0]
        elif op == "insert":
            buf[at:at] = payload
        elif op == "delete":
            del buf[at : at + length]
        elif op in ("duplicate_lines", "delete_lines"):
            lines = bytes(buf).splitlines(keepends=True)
            i = place % (len(lines) + 1)
            j = i + 1 + length % 20
            if op == "delete_lines":
                lines = lines[:i] + lines[j:]
            else:
                lines = lines[:j] + lines[i:j] * (1 + length % 3) + lines[j:]
            buf = bytearray(b"".join(lines))
        elif op == "truncate":
            del buf[max(at, 1) :]
    return bytes(buf)


def base_manuscripts(long_run: bool = False) -> dict[str, Path]:
    """The manuscripts to mutate, by a short name (what a failing example prints)."""
    paths = BUNDLED + (development_manuscripts() if long_run else ())
    return {p.parent.name if p.name == "manuscript.md" else p.stem: p for p in paths}


Mutated = tuple[str, list[tuple[str, int, int, bytes]]]


def mutated_manuscripts(long_run: bool = False) -> st.SearchStrategy[Mutated]:
    """A manuscript's name and the mutations to apply to it (see :func:`mutated_bytes`)."""
    names = sorted(base_manuscripts(long_run))
    return st.tuples(st.sampled_from(names), st.lists(mutation(), min_size=1, max_size=8))


@cache
def _base_bytes(name: str) -> bytes:
    return base_manuscripts(long_run=True)[name].read_bytes()


def mutated_bytes(case: Mutated) -> bytes:
    return mutate(_base_bytes(case[0]), case[1])
