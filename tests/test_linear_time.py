"""The finders on the pathological shapes of bench/pathological.py: what they find there
(times are the benchmark's business, never asserted here)."""

from __future__ import annotations

import itertools
import random
from types import SimpleNamespace

from rapidfuzz import fuzz

from citecheck.checks.references import _candidate_pairs, _norm_title, check_duplicates
from citecheck.citations.find import find_citations
from citecheck.inputs import document_from_text
from citecheck.inputs.markdown import masked_regions
from citecheck.model import Span
from citecheck.pipeline import analyze

LIST = "\n\n## References\n\n" + "".join(
    f"{n}. Smith J. A study of receptor number {n} in cells. J Med. 2001;{n}:1-9.\n"
    for n in range(1, 4)
)


def test_a_run_of_open_brackets_holds_no_citation_and_no_mask() -> None:
    text = "Intro [1].\n\n" + "[" * 5_000 + LIST
    analysis = analyze(document_from_text(text, "x.md"))
    assert [c.refs for c in analysis.citations] == [(1,)]
    # a link's text is read as written: only its target is masked
    assert masked_regions("[" * 5_000 + "[link](http://x.org)") == (Span(5_006, 5_020),)


def test_nested_brackets_keep_the_citations_inside() -> None:
    text = "Text [1]. " + "[1, [2, " * 200
    assert [c.refs for c in find_citations(text, [1, 2, 3])] == [(1,)]


def test_a_one_line_manuscript_is_read() -> None:
    body = "".join(f"Survival was {n} months in group {n} ({n % 3 + 1}). " for n in range(300))
    refs = " ".join(
        f"{n}. Smith J. Effects of kinase {n} on cells. J Med. {1990 + n};{n}:1-9."
        for n in range(1, 4)
    )
    analysis = analyze(document_from_text(f"{body}\n\nReferences\n{refs}\n", "x.txt"))
    assert [r.number for r in analysis.references] == [1, 2, 3]
    assert len(analysis.citations) == 300


def test_list_numbers_past_9999_are_read() -> None:
    count = 10_003
    cites = "".join(f"Finding [{n}]. " for n in range(9_998, count + 1))
    entries = "".join(
        f"{n}. Smith J. Effects of item {n}. J Med. 2001;{n % 90}:1-9.\n"
        for n in range(1, count + 1)
    )
    analysis = analyze(document_from_text(f"# Study\n\n{cites}\n\n## References\n\n{entries}"))
    assert [r.number for r in analysis.references][-4:] == [10_000, 10_001, 10_002, 10_003]
    assert [c.refs for c in analysis.citations][-2:] == [(10_002,), (10_003,)]


def test_long_numbers_beyond_the_list_are_no_citations() -> None:
    assert find_citations("zip code (12345) and [10000]", [1, 2, 3]) == ()


def test_duplicate_title_pairs_are_every_pair_a_full_comparison_finds() -> None:
    rng = random.Random(7)
    words = [
        "alpha",
        "beta",
        "gamma",
        "receptor",
        "tumour",
        "imaging",
        "cell",
        "the",
        "of",
        "in",
        "and",
    ]
    titles = []
    for _ in range(40):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(3, 10)))
        titles.append(title)
        for _ in range(2):
            chars = list(title)
            for _ in range(rng.randint(0, 6)):
                chars.insert(rng.randrange(len(chars) + 1), rng.choice("abc "))
            titles.append("".join(chars))
    items = [(SimpleNamespace(doi=None), _norm_title(t)) for t in titles]
    for threshold in (60.0, 92.0, 98.0):
        found = set(_candidate_pairs(items, threshold))  # type: ignore[arg-type]
        needed = {
            (i, j)
            for i, j in itertools.combinations(range(len(items)), 2)
            if fuzz.ratio(items[i][1], items[j][1]) >= threshold
        }
        assert found == needed


def test_duplicate_title_pairs_skip_other_years_and_pages_but_not_missing_ones() -> None:
    title = _norm_title("Effects of compound 7919 on kinase activity")

    def ref(year: str | None, page: str | None, doi: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(doi=doi, year=year, first_page=page)

    items = [
        (ref("2001", "1"), title),
        (ref("2002", "1"), title),  # another year: no pair with 0
        (ref("2001", "5"), title),  # another page: no pair with 0
        (ref(None, "1"), title),  # no year: pairs with 0 and 1, not with 2
        (ref("2001", None), title),  # no page: pairs with 0, 2 and 3
        (ref(None, None), title),  # pairs with all
        (ref("1999", "9", "10.1/x"), "another title altogether"),
        (ref("2005", "7", "10.1/X"), "a different title"),  # same DOI: a pair anyway
    ]
    assert _candidate_pairs(items, 92.0) == [  # type: ignore[arg-type]
        (0, 3),
        (0, 4),
        (0, 5),
        (1, 3),
        (1, 5),
        (2, 4),
        (2, 5),
        (3, 4),
        (3, 5),
        (4, 5),
        (6, 7),
    ]


def test_duplicates_among_many_references_are_still_found() -> None:
    entries = "".join(
        f"{n}. Smith J. Effects of compound {n * 7919 % 10007} on kinase activity. "
        f"J Med. {1990 + n % 30};{n}:{n}-{n + 9}.\n"
        for n in range(1, 400)
    )
    entries += "400. Smith J. Effects of compound 7919 on kinase activity. J Med. 1991;1:1-10.\n"
    analysis = analyze(document_from_text(f"# Study\n\nText [1].\n\n## References\n\n{entries}"))
    duplicates = [f for f in analysis.findings if f.rule == "REF003"]
    assert [f.refs for f in duplicates] == [(1, 400)]
    assert check_duplicates(analysis.references) == duplicates
