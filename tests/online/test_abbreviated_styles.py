"""End to end against a local registry: a Springer-style list whose journals are printed as
ISO 4 abbreviations, the registry holding full journal titles (as Crossref does) — no false
alarm, the right DOI suggested, and a misprinted year still named (issue #12)."""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.bibliography.parse import parse_reference
from citecheck.registry.settings import OnlineOptions, PoolLimits, RegistrySpec
from citecheck.verify import verify_references

from .registry_server import LocalRegistry, RegistryData

FAST = PoolLimits(single_rate=500.0, list_rate=500.0, concurrency=3)

LIST = [
    "Y. Zhang, L. Wang, H. Chen, Toxicity of silver nanoparticles to zebrafish embryos. "
    "Ecotoxicol. Environ. Saf. 190, 110123 (2020).",
    "A. B. Smith, C. D. Lee, Molecular dynamics of water at hydrophobic interfaces. "
    "J. Phys. Chem. B 112, 123–130 (2008).",
    "K. Li, M. Zhou, Porous scaffolds for bone repair in rabbits. Mater. Sci. Eng. C 98, "
    "1084–1092 (2019).",
    "R. Gupta, S. Das, A. Roy, Graphene composites for flexible supercapacitors. Mater. Today "
    "Commun. 25, 101543 (2020).",
]


def _work(n: int, title: str, journal: str, authors: list[str], year: int, volume: str,
          page: str) -> dict[str, Any]:  # fmt: skip
    return {
        "DOI": f"10.5555/abbr.{n}",
        "type": "journal-article",
        "title": [title],
        "container-title": [journal],
        "author": [{"family": a.split()[-1], "given": " ".join(a.split()[:-1])} for a in authors],
        "issued": {"date-parts": [[year]]},
        "volume": volume,
        "page": page,
    }


WORKS = [
    _work(1, "Toxicity of silver nanoparticles to zebrafish embryos",
          "Ecotoxicology and Environmental Safety", ["Yu Zhang", "Li Wang", "Hao Chen"], 2020,
          "190", "110123"),
    _work(2, "Molecular Dynamics of Water at Hydrophobic Interfaces",
          "The Journal of Physical Chemistry B", ["Anna B. Smith", "Chris D. Lee"], 2008, "112",
          "123-130"),
    _work(3, "Porous scaffolds for bone repair in rabbits",
          "Materials Science and Engineering: C", ["Kai Li", "Min Zhou"], 2019, "98",
          "1084-1092"),
    _work(4, "Graphene composites for flexible supercapacitors",
          "Materials Today Communications", ["Rahul Gupta", "Sunil Das", "Amit Roy"], 2020,
          "25", "101543"),
]  # fmt: skip


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with LocalRegistry(RegistryData(WORKS)).running() as srv:
        yield srv


def _config(srv: LocalRegistry) -> OnlineOptions:
    return OnlineOptions(
        email="test@example.org",
        registry=RegistrySpec.http(srv.url, srv.url),
        cache=False,
        limits=FAST,
    )


def test_abbreviated_journals_are_no_false_alarm(server: LocalRegistry) -> None:
    refs = [parse_reference(line, number=n) for n, line in enumerate(LIST, 1)]
    result = verify_references(refs, _config(server))
    assert [f.rule for f in result.findings] == ["DOI003"] * 4
    assert result.found_dois == {n: f"10.5555/abbr.{n}" for n in range(1, 5)}


def test_misprinted_year_in_abbreviated_style_is_named(server: LocalRegistry) -> None:
    line = LIST[1].replace("(2008)", "(2010)")
    result = verify_references([parse_reference(line, number=2)], _config(server))
    meta = [f for f in result.findings if f.rule == "META001"]
    assert [f.evidence["field"] for f in meta] == ["year"]
    assert "2010" in meta[0].message and "2008" in meta[0].message
