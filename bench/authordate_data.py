"""Rebuild the author-date development set (issue #21) from the mirrors of two eLife
repositories, so that ``../shared/data/authordate/`` can be reproduced byte for byte.

- the 18 articles first assembled: ``elifesciences/elife-tools``, ``tests/sample-xml/``;
- the articles added later: ``elifesciences/elife-articles`` (CC BY eLife JATS), the research
  articles with a reference list of 40 or more entries and a CC BY licence, whose names are
  not among the first 18, sorted by name and taken at an even stride (``--added`` of them).

Each file is read with ``git show <commit>:<path>`` from the mirror's git directory and
written unchanged; the README's list of files is rewritten.

    python bench/authordate_data.py [--mirrors /work/.mirror] [--added 16] [--dry-run]
"""

from __future__ import annotations

import argparse
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

import harness

TOOLS = (
    "elifesciences+elife-tools",
    "84894d1628043ea32cda1681ec55388b58ca2e0b",
    "tests/sample-xml",
)
ARTICLES = ("elifesciences+elife-articles", "6c97171e3855cb82db35beea99d5ef6260212e2a", "")
FIRST = [
    "elife-02833-v2",
    "elife-14093-v1",
    "elife00005",
    "elife00007",
    "elife00013",
    "elife00133",
    "elife00240",
    "elife00351",
    "elife02304",
    "elife02935",
    "elife04490",
    "elife04493",
    "elife04953",
    "elife05031",
    "elife05502",
    "elife06003",
    "elife06726",
    "elife09853",
]
MIN_REFS = 40
_RESEARCH = re.compile(rb'<article[^>]*article-type="research-article"')
_CC_BY = re.compile(rb"<license[^>]*creativecommons\.org/licenses/by/")
_REF = re.compile(rb"<ref[ >]")


def _git(mirror: Path, *args: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(mirror), *args], check=True, capture_output=True
    ).stdout


def _mirror(root: Path, name: str) -> Path:
    repo = root / name / "repo"
    for path in (repo / ".git", repo):  # a clone or a bare git directory
        if (path / "HEAD").is_file():
            return path
    raise SystemExit(f"authordate_data: mirror {repo} not found")


def qualifies(xml: bytes) -> bool:
    """A research article under CC BY with 40 or more references."""
    return bool(_RESEARCH.search(xml) and _CC_BY.search(xml)) and len(_REF.findall(xml)) >= MIN_REFS


def chosen(names: Sequence[str], count: int) -> list[str]:
    """``count`` names at an even stride over ``names`` (sorted)."""
    names = sorted(names)
    if len(names) <= count:
        return names
    step = len(names) / count
    return [names[int(i * step)] for i in range(count)]


def added_articles(mirror: Path, commit: str, count: int) -> list[tuple[str, bytes]]:
    files = _git(mirror, "ls-tree", "-r", "--name-only", commit).decode().split()
    fit = {}
    for path in files:
        stem = path.rsplit("/", 1)[-1].removesuffix(".xml")
        if not path.endswith(".xml") or stem in FIRST:
            continue
        xml = _git(mirror, "show", f"{commit}:{path}")
        if qualifies(xml):
            fit[stem] = xml
    return [(stem, fit[stem]) for stem in chosen(list(fit), count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--added", type=int, default=16)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    out = harness.require_shared() / "data" / "authordate"
    tools = _mirror(args.mirrors, TOOLS[0])
    first = [(n, _git(tools, "show", f"{TOOLS[1]}:{TOOLS[2]}/{n}.xml")) for n in FIRST]
    added = added_articles(_mirror(args.mirrors, ARTICLES[0]), ARTICLES[1], args.added)
    for stem, xml in [*first, *added]:
        refs = len(_REF.findall(xml))
        print(f"{stem}: {len(xml):,} bytes, {refs} references")
        if not args.dry_run:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{stem}.xml").write_bytes(xml)
    if not args.dry_run:
        (out / "README.md").write_text(readme([n for n, _ in added]), encoding="utf-8")
    return 0


def readme(added: Sequence[str]) -> str:
    return f"""# Author-date development set (issue #21)

{len(FIRST) + len(added)} eLife research articles in JATS XML, cited by author and year, whose
`<xref ref-type="bibr">` tags are the gold for `bench/authordate.py`. Rebuilt from the mirrors
by `bench/authordate_data.py` (byte for byte).

- Licence: eLife articles are published under CC BY (3.0 or 4.0; each file's `<license>`
  element says which); the files are copied byte for byte.
- First set ({len(FIRST)} files, assembled 2026-12-06): the sample XML of eLife's own tools,
  repository `elifesciences/elife-tools`, folder `{TOOLS[2]}/`, commit {TOOLS[1]}:
  {" ".join(FIRST)}
- Added set ({len(added)} files, 2026-12-07; scored before any code was changed for them,
  the held-out figure in docs/author-date.md): repository `elifesciences/elife-articles`
  (eLife's article XML, deprecated in 2016 for elife-article-xml), commit {ARTICLES[1]}; the
  research articles under CC BY with {MIN_REFS} or more references whose names are not in the
  first set, sorted by name, taken at an even stride:
  {" ".join(added)}
"""


if __name__ == "__main__":
    raise SystemExit(main())
