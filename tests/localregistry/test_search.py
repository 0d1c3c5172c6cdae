"""The local registry's search: the works holding the reference's two rarest words first;
when a rare word of the reference is noise (a word only another work holds), the works
holding two of its four rarest; no candidate for a work not held."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.localregistry import registry as localregistry
from citecheck.localregistry.build import build_registry
from citecheck.localregistry.registry import SqliteRegistry


def work(doi: str, title: str, family: str, year: int = 1974) -> dict[str, object]:
    return {
        "DOI": doi,
        "title": [title],
        "author": [{"family": family, "given": "J"}],
        "container-title": ["Journal of Tests"],
        "issued": {"date-parts": [[year]]},
    }


WORKS = [
    work("10.1/target", "Kinetic proofreading ribosomes", "Hopfield"),
    work("10.1/noise", "Zyxomorph assay", "Other"),
    work("10.1/f1", "Proofreading errors", "Hopfield"),
    work("10.1/f2", "Kinetic energy", "Hopfield"),
    work("10.1/f3", "Assay energy errors", "Hopfield"),
]


def registry(tmp_path: Path) -> SqliteRegistry:
    source = tmp_path / "works.jsonl"
    source.write_text("\n".join(json.dumps(w) for w in WORKS) + "\n", encoding="utf-8")
    db = tmp_path / "r.sqlite"
    assert build_registry(db, [source]).records == len(WORKS)
    return SqliteRegistry(db)


NOISY = "Hopfield J. Kinetic proofreading ribosomes zyxomorph. Journal of Tests. 1974."


def test_a_noisy_rare_word_does_not_hide_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reg = registry(tmp_path)
    rarest = [w for w, _ in reg._rare_words(NOISY)][:2]
    assert "zyxomorph" in rarest  # the first pair cannot find the work
    monkeypatch.setattr(localregistry, "BUDGET", 0)  # nor the last fallback: two of four must
    found = reg.search_bibliographic(NOISY, 5)
    assert found.value and found.value[0].doi == "10.1/target"


def test_the_rarest_words_one_by_one_when_no_two_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reg = registry(tmp_path)
    monkeypatch.setattr(localregistry, "_any_pair_but_the_first", lambda rare: '"nowhere"')
    found = reg.search_bibliographic(NOISY, 5)  # the four rarest hold 6 works together
    assert found.value and found.value[0].doi == "10.1/target"
    monkeypatch.setattr(localregistry, "BUDGET", 5)  # 6 > 5: the three rarest only
    assert reg.search_bibliographic(NOISY, 5).value[0].doi == "10.1/target"  # type: ignore[index]
    monkeypatch.setattr(localregistry, "BUDGET", 0)
    assert not reg.search_bibliographic(NOISY, 5).value


def test_the_first_pair_finds_a_plain_reference(tmp_path: Path) -> None:
    reg = registry(tmp_path)
    found = reg.search_bibliographic("Hopfield J. Kinetic proofreading ribosomes. 1974.", 5)
    assert found.value and found.value[0].doi == "10.1/target"
    assert (found.value[0].score or 0) >= 80


def test_a_work_not_held_gets_no_strong_candidate(tmp_path: Path) -> None:
    reg = registry(tmp_path)
    found = reg.search_bibliographic("Nobody Q. Entirely different matters. Other J. 2020.", 5)
    assert all((w.score or 0) < 80 for w in found.value or ())
