"""Synthetic Crossref work records in the real public-data-file format, for bench/registry.py.

Seeded from real data: the record shape (every field, the reference list, the dates) is
``../shared/fixtures/crossref/works-doi.json``'s ``message``; title words (with their
frequencies), family names, given names and journals come from the 3,435 labelled PLOS
references and the seed's 88 (``../shared/data/refparse/``). A title is 5-16 words drawn by
frequency, with a made-up technical term (a gene or compound name) in half of them, so the
words are as unevenly common as in real titles. Deterministic for a seed.

References printed from the records (Vancouver style, as the seed prints them) carry the
slips real lists have: a typo in the title, a missing issue, a first page only, a year one
off, a subtitle dropped.
"""

from __future__ import annotations

import copy
import gzip
import itertools
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import harness

harness.use_checkout_source()

from citecheck.model import Author, Reference, Span  # noqa: E402

PER_FILE = 5000  # works per .json.gz file (the public data file's files hold a few thousand)
SYLLABLES = ("ka", "lo", "mi", "re", "tor", "zin", "phos", "ase", "cyt", "gen", "ox", "ul",
             "bra", "nek", "vir", "tal", "sen", "dro", "quin", "lyx")  # fmt: skip


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]
    cumulative: tuple[int, ...]  # running totals of the words' frequencies
    families: tuple[str, ...]
    givens: tuple[str, ...]
    journals: tuple[tuple[str, str], ...]  # (full title, abbreviation)
    template: dict[str, Any]


def load_vocabulary() -> Vocabulary:
    shared = harness.require_shared()
    counts: Counter[str] = Counter()
    families: set[str] = set()
    journals: set[str] = set()
    for name in ("plos_starter_mixed.jsonl", "seed_jnm2017.jsonl"):
        for line in (shared / "data" / "refparse" / name).read_text(encoding="utf-8").splitlines():
            fields = json.loads(line).get("fields", {})
            counts.update(w for w in re.findall(r"[A-Za-z][\w-]+", fields.get("title", "")))
            for a in fields.get("authors", []):
                family = a.rsplit(" ", 1)[0]
                if family.replace("-", "").replace(" ", "").isalpha():
                    families.add(family)
            if fields.get("container"):
                journals.add(fields["container"])
    message = json.loads(
        (shared / "fixtures" / "crossref" / "works-doi.json").read_text(encoding="utf-8")
    )["message"]
    givens = ("Anna", "Rym", "Marine", "Olivier", "Jan", "Wei", "Priya", "Carlos", "Ingrid",
              "Kenji", "Fatima", "Tomasz", "Lucia", "Ahmed", "Sofie", "J. M.", "H.")  # fmt: skip
    words = sorted(counts)
    return Vocabulary(
        tuple(words),
        tuple(itertools.accumulate(counts[w] for w in words)),
        tuple(sorted(families)),
        givens,
        tuple((j, _abbreviate(j)) for j in sorted(journals)),
        message,
    )


def _abbreviate(journal: str) -> str:
    return " ".join(w[:4] if len(w) > 5 else w for w in journal.replace(".", "").split())


def _term(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    return word.upper() + str(rng.randint(1, 12)) if rng.random() < 0.4 else word


def synthetic_work(rng: random.Random, vocab: Vocabulary, number: int) -> dict[str, Any]:
    """One Crossref-shaped work: the template's fields with new values."""
    w = copy.copy(vocab.template)
    title = rng.choices(vocab.words, cum_weights=vocab.cumulative, k=rng.randint(5, 16))
    if rng.random() < 0.5:
        title.insert(rng.randrange(len(title)), _term(rng))
    title[0] = title[0][:1].upper() + title[0][1:]
    year = rng.randint(1960, 2025)
    journal, short = rng.choice(vocab.journals)
    first = rng.randint(1, 2500)
    w["DOI"] = f"10.{rng.randint(1000, 9999)}/synth.{number:08d}"
    w["URL"] = f"https://doi.org/{w['DOI']}"
    w["title"] = [" ".join(title)]
    subtitle = " ".join(rng.choices(vocab.words, cum_weights=vocab.cumulative, k=4))
    w["subtitle"] = [subtitle] if rng.random() < 0.1 else []
    w["author"] = [
        {"given": rng.choice(vocab.givens), "family": rng.choice(vocab.families),
         "sequence": "first" if i == 0 else "additional", "affiliation": []}
        for i in range(rng.choice((1, 2, 3, 3, 4, 5, 6, 8, 12)))
    ]  # fmt: skip
    w["container-title"] = [journal]
    w["short-container-title"] = [short]
    w["volume"] = str(rng.randint(1, 400))
    w["issue"] = str(rng.randint(1, 12))
    w["page"] = f"{first}-{first + rng.randint(2, 20)}"
    month = rng.randint(1, 12)
    w["issued"] = {"date-parts": [[year, month]]}
    w["published"] = {"date-parts": [[year, month]]}
    w["published-print"] = {"date-parts": [[year, month]]}
    w["reference"] = vocab.template.get("reference", [])[: rng.randint(0, 40)]
    w["reference-count"] = len(w["reference"])
    w["indexed"] = {"date-parts": [[2025, 4, 1]], "date-time": "2025-04-01T00:00:00Z"}
    w.pop("score", None)
    return w


def works(seed: int, vocab: Vocabulary, start: int, count: int) -> Iterator[dict[str, Any]]:
    for number in range(start, start + count):
        yield synthetic_work(random.Random(seed * 1_000_003 + number), vocab, number)


VARIABLE = ("DOI", "URL", "title", "subtitle", "author", "container-title",
            "short-container-title", "volume", "issue", "page", "issued", "published",
            "published-print", "reference", "reference-count", "indexed")  # fmt: skip


class Serializer:
    """A work as JSON, fast: the template's constant fields and the prefixes of its
    reference list are serialized once; only the fields a work varies are dumped each time
    (the text is what ``json.dumps(work)`` would give, keys in another order)."""

    def __init__(self, vocab: Vocabulary) -> None:
        constant = {k: v for k, v in vocab.template.items() if k not in VARIABLE and k != "score"}
        self.constant = json.dumps(constant, ensure_ascii=False)[1:-1]
        refs = vocab.template.get("reference", [])
        self.references = [json.dumps(refs[:n], ensure_ascii=False) for n in range(len(refs) + 1)]

    def __call__(self, w: dict[str, Any]) -> str:
        varying = {k: w[k] for k in VARIABLE if k in w and k != "reference"}
        head = json.dumps(varying, ensure_ascii=False)[:-1]
        refs = self.references[len(w.get("reference", ()))]
        return f'{head}, "reference": {refs}, {self.constant}}}'


def write_snapshot(directory: Path, vocab: Vocabulary, count: int, seed: int = 7) -> list[Path]:
    """``count`` works in gzipped ``{"items": [...]}`` files of :data:`PER_FILE`, one item a
    line, as the public data file is laid out."""
    directory.mkdir(parents=True, exist_ok=True)
    dump = Serializer(vocab)
    paths = []
    for start in range(0, count, PER_FILE):
        path = directory / f"{start // PER_FILE:05d}.json.gz"
        n = min(PER_FILE, count - start)
        lines = ",\n".join(dump(w) for w in works(seed, vocab, start, n))
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
            out.write('{"items":[\n' + lines + "\n]}\n")
        paths.append(path)
    return paths


def printed_reference(rng: random.Random, w: dict[str, Any], number: int = 1) -> Reference:
    """The work as a Vancouver reference, with the slips real lists have."""
    authors = [Author(a["family"], "".join(p[0] for p in a["given"].replace(".", " ").split()))
               for a in w["author"][:6]]  # fmt: skip
    et_al = len(w["author"]) > 6
    title = w["title"][0]
    if rng.random() < 0.15:  # one letter wrong
        i = rng.randrange(len(title))
        title = title[:i] + rng.choice("aeiourst") + title[i + 1 :]
    if w.get("subtitle") and rng.random() < 0.5:
        title += ": " + w["subtitle"][0]
    year = w["issued"]["date-parts"][0][0]
    if rng.random() < 0.03:
        year += rng.choice((-1, 1))
    issue = w["issue"] if rng.random() < 0.8 else None
    pages = w["page"] if rng.random() < 0.9 else w["page"].split("-")[0]
    journal = w["short-container-title"][0]
    names = ", ".join(f"{a.family} {a.given}" for a in authors) + (", et al" if et_al else "")
    where = f"{w['volume']}({issue})" if issue else w["volume"]
    raw = f"{names}. {title}. {journal}. {year};{where}:{pages}."
    return Reference(
        number=number, raw=raw, span=Span(0, len(raw)), authors=tuple(authors), et_al=et_al,
        title=title, container=journal, year=str(year), volume=w["volume"], issue=issue,
        pages=pages,
    )  # fmt: skip
