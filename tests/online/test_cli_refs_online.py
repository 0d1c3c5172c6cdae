"""`citecheck refs --online`: DOIs found in the registry are added to the BibTeX."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
from click.testing import CliRunner

from citecheck.cli import main

from .registry_server import LocalRegistry
from .test_cli_online import server, small_manuscript  # noqa: F401  (fixture)


def test_refs_online_adds_found_dois_to_bibtex(server: LocalRegistry, tmp_path: Path) -> None:  # noqa: F811
    manuscript = small_manuscript(tmp_path)
    offline = CliRunner().invoke(main, ["refs", str(manuscript)])
    assert offline.exit_code == 0, offline.output
    assert "doi = " not in offline.output  # the printed list has no DOIs

    args = ["refs", str(manuscript), "--online", "--no-cache", "--email", "t@example.org",
            "--crossref-url", server.url, "--ncbi-url", server.url]  # fmt: skip
    online = CliRunner().invoke(main, args)
    assert online.exit_code == 0, online.output
    entries = bibtexparser.parse_string(online.stdout).entries
    dois = {
        e.key.split("-")[0]: e.fields_dict["doi"].value for e in entries if "doi" in e.fields_dict
    }
    # Each of the five references is in the local registry under the test prefix.
    assert len(entries) == 5
    assert sorted(dois) == ["ref01", "ref02", "ref03", "ref04", "ref05"]
    assert all(doi.startswith("10.5555/") for doi in dois.values())
