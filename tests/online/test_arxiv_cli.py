"""`citecheck check --online` on a manuscript citing preprints by their arXiv ids alone, end to
end against the local registry server: right ids verified and their DOIs suggested, another
work's id flagged, an id no agency knows reported as DOI001, the version link noted, an id
printed beside a journal checked for the same work only, the answers locked and replayed
offline; DataCite unreachable is "could not check"."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck.cli import main

from .helpers import body
from .registry_server import LocalRegistry, RegistryData

ATTENTION = "10.48550/arxiv.1706.03762"
HOLOGRAPHY = "10.48550/arxiv.hep-th/9711200"
EXPERTS = "10.48550/arxiv.2312.99901"
MANUSCRIPT = """\
Attention [1], holography [2], experts [3], a wrong id [4], an unknown id [5], DBLP [6],
the journal version [7], a journal with another work's id [8].

## References

1. Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. arXiv preprint
   arXiv:1706.03762 [cs.CL]. 2017.
2. Maldacena JM. The large N limit of superconformal field theories and supergravity.
   arXiv:hep-th/9711200. 1997.
3. Okafor A, Lindqvist M. Sparse mixtures of experts for low-resource speech recognition.
   arXiv. 2023. https://arxiv.org/abs/2312.99901v2
4. Smith J, Brown K. Recurrent memory networks for protein folding. arXiv:1706.03762. 2019.
5. Brown T, Mann B. Deep networks learn from few examples. arXiv:2101.00001. 2021.
6. Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. CoRR abs/1706.03762
   (2017).
7. Maldacena JM. The large N limit of superconformal field theories and supergravity. Adv
   Theor Math Phys. 1998;2:231-252. arXiv:hep-th/9711200.
8. Aad G, Abajyan T, Abbott B, et al. Observation of a new particle in the search for the
   Standard Model Higgs boson. Phys Lett B. 2012;716:1-29. arXiv:1706.03762.
"""


@pytest.fixture(scope="module")
def server() -> Iterator[LocalRegistry]:
    records = {
        ATTENTION: "arxiv-1706.03762.json",
        HOLOGRAPHY: "arxiv-hep-th-9711200.json",
        EXPERTS: "arxiv-2312.99901.json",
    }
    data = RegistryData(
        agencies=dict.fromkeys(records, "datacite"),
        datacite={doi: json.loads(body(f"datacite/{name}")) for doi, name in records.items()},
    )
    with LocalRegistry(data).running() as srv:
        yield srv


def check(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def online(url: str, datacite: str | None = None) -> list[str]:
    return ["--online", "--no-cache", "--email", "t@example.org", "--crossref-url", url,
            "--ncbi-url", url, "--datacite-url", datacite or url]  # fmt: skip


def test_arxiv_ids_are_checked_suggested_and_replayed(
    server: LocalRegistry, tmp_path: Path
) -> None:
    path, lock = tmp_path / "paper.md", tmp_path / "paper.lock.json"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    common = [str(path), "--format", "json", "--no-claims"]
    code, report = check(*common, *online(server.url), "--lock", str(lock))
    assert code == 1  # DOI001 and DOI002 are errors
    (doc,) = report["manuscripts"]
    verdicts = {v["number"]: (v["status"], v["doi"], v["source"]) for v in doc["online"]}
    assert verdicts == {
        1: ("found", ATTENTION, "arxiv"),
        2: ("found", HOLOGRAPHY, "arxiv"),
        3: ("found", EXPERTS, "arxiv"),
        4: ("wrong-work", None, "arxiv"),
        5: ("not-registered", None, "arxiv"),
        6: ("found", ATTENTION, "arxiv"),  # "CoRR" is arXiv: no journal META001
        7: ("unmatched", None, ""),  # the journal version: searched in Crossref as before
        8: ("unmatched", None, ""),
    }
    notes = {v["number"]: v["notes"] for v in doc["online"]}
    assert notes[3] == [f"{EXPERTS} is preprint of 10.1000/speech.citecheck.11"]
    found = {(f["rule"], tuple(f["refs"])) for f in doc["findings"] if f["rule"] != "REF003"}
    assert found == {
        ("DOI003", (1,)),
        ("DOI003", (2,)),
        ("DOI003", (3,)),
        ("DOI002", (4,)),
        ("DOI001", (5,)),
        ("DOI003", (6,)),
        ("DOI002", (8,)),  # the id beside the journal is another work's
        ("EXIST001", (8,)),  # ref 7 exists: its preprint's record is the same work
    }
    assert not [f for f in doc["findings"] if f["rule"] in ("META001", "NET001")]
    # one DataCite request per distinct id (1706.03762 is printed three times)
    assert report["summary"]["requests"]["requests"]["datacite"] == 4
    entries = json.loads(lock.read_text(encoding="utf-8"))["entries"]
    assert {f"datacite work {d}" for d in (ATTENTION, HOLOGRAPHY, EXPERTS)} <= set(entries)
    assert "agency 10.48550/arxiv.2101.00001" in entries
    _, replay = check(*common, "--offline", "--lock", str(lock))
    assert replay["manuscripts"][0]["online"] == doc["online"]
    assert replay["manuscripts"][0]["findings"] == doc["findings"]


def test_datacite_unreachable_is_could_not_check(server: LocalRegistry, tmp_path: Path) -> None:
    path = tmp_path / "paper.md"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    args = [str(path), "--format", "json", "--no-claims"]
    _, report = check(*args, *online(server.url, datacite="http://127.0.0.1:9"))
    (doc,) = report["manuscripts"]
    statuses = {v["number"]: v["status"] for v in doc["online"]}
    assert {statuses[n] for n in range(1, 7)} == {"unavailable"}
    rules = {f["rule"] for f in doc["findings"]}
    assert rules <= {"NET001", "REF003", "EXIST001"}  # never DOI001/DOI002 without an answer
    net = [f for f in doc["findings"] if f["rule"] == "NET001"]
    assert [f["refs"] for f in net] == [[n] for n in range(1, 9)]
    assert all("DataCite unreachable" in f["message"] for f in net)


BIB = """\
@misc{vaswani2017,
  title = {Attention is all you need},
  author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},
  year = {2017},
  eprint = {1706.03762},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL}
}

@online{maldacena1997,
  title = {The large {N} limit of superconformal field theories and supergravity},
  author = {Maldacena, Juan M.},
  date = {1997},
  eprint = {hep-th/9711200},
  eprinttype = {arxiv}
}

@misc{brown2021,
  title = {Deep networks learn from few examples},
  author = {Brown, Tom and Mann, Ben},
  year = {2021},
  eprint = {2101.00001},
  archivePrefix = {arXiv}
}
"""


def test_fix_adds_the_arxiv_dois_of_bib_eprints(server: LocalRegistry, tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    tex = tmp_path / "paper.tex"
    tex.write_text(
        "Attention \\cite{vaswani2017}, holography \\cite{maldacena1997}, few examples "
        "\\cite{brown2021}.\n\\bibliography{refs}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["fix", str(tex), *online(server.url)])
    assert result.exit_code == 0, result.output
    diff = (tmp_path / "refs.fixed.diff").read_text(encoding="utf-8")
    added = re.findall(r"^\+\s+doi = \{(.+)\},?$", diff, re.MULTILINE)
    assert added == [ATTENTION, HOLOGRAPHY]  # never a DOI for the id no agency knows
    assert "2 DOIs added" in result.stderr
