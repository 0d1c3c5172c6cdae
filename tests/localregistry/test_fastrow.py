"""The builder's common-shape path writes the row the general path writes, or steps aside:
on real recorded Crossref works, the registry fixtures, and each of them bent into the odd
shapes the general path judges (numbers as numbers, group or nameless authors, notices,
years out of range, fields of the wrong type)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from citecheck.localregistry.fastrow import common_row
from citecheck.localregistry.ingest import indexed_of, row_of
from citecheck.localregistry.snapshot import iter_items, iter_works
from citecheck.registry.crossref_work import MalformedRecord, work_from_message

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def recorded_works() -> list[dict[str, Any]]:
    works = [item for p in sorted((FIXTURES / "localregistry").glob("*.json.gz"))
             for item in iter_items(p)]  # fmt: skip
    for p in sorted((FIXTURES / "crossref").glob("works-*.json")):
        message = json.loads(p.read_text(encoding="utf-8")).get("message")
        if isinstance(message, dict) and "DOI" in message:
            works.append(message)
        elif isinstance(message, dict):
            works += [i for i in message.get("items", []) if isinstance(i, dict)]
    return works


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def bend(w: dict[str, Any]) -> None:
        w[key] = value

    return bend


def _author(**fields: Any) -> Callable[[dict[str, Any]], None]:
    def bend(w: dict[str, Any]) -> None:
        w["author"] = [*(w.get("author") or []), fields]

    return bend


BENDS = {
    "volume as a number": _set("volume", 12),
    "issue as true": _set("issue", True),
    "blank page": _set("page", "  "),
    "title as a string": _set("title", "A title"),
    "title list with a number": _set("title", ["A", 3]),
    "blank titles": _set("title", ["  ", "Second"]),
    "subtitle with a number": _set("subtitle", ["S", 4]),
    "journal as a string": _set("container-title", "J Things"),
    "group author": _author(name="The Consortium"),
    "nameless author": _author(given="Ann"),
    "blank family": _author(family="  ", given="Bo"),
    "given as a number": _author(family="Li", given=7),
    "family and name": _author(family="Wu", name="Wu Lab"),
    "padded names": _author(family=" Li ", given=" Ann "),
    "padded numbers": _set("volume", " 12 "),
    "authors as an object": _set("author", {"family": "X"}),
    "year as a string": _set("issued", {"date-parts": [["2019"]]}),
    "year 999": _set("published-print", {"date-parts": [[999]]}),
    "year true": _set("published-online", {"date-parts": [[True]]}),
    "no date parts": _set("issued", {"date-parts": [[]]}),
    "null year": _set("posted", {"date-parts": [[None]]}),
    "date as a list": _set("issued", [2019]),
    "institution": _set("institution", [{"name": "Univ. of Somewhere"}]),
    "updated-by": _set(
        "updated-by",
        [{"DOI": "10.1/n", "type": "retraction", "updated": {"date-parts": [[2020, 1, 2]]}}],
    ),
    "update-to": _set("update-to", [{"DOI": "10.1/o", "type": "correction"}]),
    "relation": _set("relation", {"is-preprint-of": [{"id": "10.1/p", "id-type": "doi"}]}),
    "odd relation": _set("relation", {"cites": [{"id": 5}], "x": "y"}),
    "abstract": _set("abstract", "<jats:p>Of <jats:italic>mice</jats:italic> and men.</jats:p>"),
    "type as a number": _set("type", 3),
    "DOI blank": _set("DOI", "  "),
    "DOI missing": _set("DOI", None),
    "DOI with spaces": _set("DOI", " 10.1234/ABC "),
}


# bends the common path must take itself (the rest it may hand to the general path)
TAKEN = ("padded names", "padded numbers", "blank page", "blank titles", "family and name",
         "relation", "odd relation", "abstract", "DOI with spaces")  # fmt: skip


def general_row(item: Any) -> object:
    try:
        return row_of(work_from_message(item), indexed_of(item))
    except MalformedRecord:
        return "malformed"


def test_the_common_path_is_taken_for_plain_works() -> None:
    works = recorded_works()
    taken = [w for w in works if common_row(w, indexed_of(w)) is not None]
    assert len(works) >= 20 and len(taken) >= len(works) * 3 // 4


@pytest.mark.parametrize("bend", [None, *BENDS], ids=lambda b: b or "as recorded")
def test_both_paths_write_the_same_row(bend: str | None) -> None:
    stepped_aside = 0
    for work in recorded_works():
        item = copy.deepcopy(work)
        if bend is not None:
            BENDS[bend](item)
        fast = common_row(item, indexed_of(item))
        if fast is None:
            stepped_aside += 1
        else:
            assert fast == general_row(item), item.get("DOI")
    if bend is None or bend in TAKEN:
        assert stepped_aside < len(recorded_works()) // 4


def test_items_that_are_not_objects_step_aside() -> None:
    assert common_row([1, 2], "") is None  # type: ignore[arg-type]
    assert general_row([1, 2]) == "malformed"


def test_the_msgspec_cut_items_take_the_same_rows() -> None:
    pytest.importorskip("msgspec")
    for p in sorted((FIXTURES / "localregistry").glob("*.json.gz")):
        for cut, whole in zip(iter_works(p), iter_items(p), strict=True):
            assert common_row(cut, indexed_of(cut)) == common_row(whole, indexed_of(whole))
