"""The peer comparison of ``bench/authordate.py``: touchneedle (0.3.0, MIT; a bench-only tool
installed into the venv with ``pip install touchneedle==0.3.0``, not a project dependency)
on the same author-date articles, scored with the same gold.

touchneedle is run as its README says, ``touchneedle check DOC --offline --json FILE``, on
the article's text written as a Markdown file (the text citecheck reads as plain text). Its
citations carry no offsets, so both tools are scored here by counts per entry: for each
reference of the gold, the gold's tagged citations of it against the citations the tool
attached to it; *correct* is the smaller of the two, summed; *found* is every citation the
tool attached to an entry. False alarms: citations the tool reports as having no entry (the
gold has an entry for every tagged citation), and entries it reports as never cited that the
gold cites.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PeerScore:
    """One tool on one article: count-scored links and false alarms."""

    gold: int
    found: int
    correct: int
    missing_alarms: int  # citations reported as having no entry
    uncited_alarms: int  # entries reported as never cited that the gold cites


def count_score(
    gold_by_ref: Mapping[str, int],
    found_by_ref: Mapping[str, int],
    unmapped: int,
    missing_alarms: int,
    uncited_alarms: int,
) -> PeerScore:
    """``gold_by_ref``: gold links per gold reference id; ``found_by_ref``: the tool's links
    per gold id; ``unmapped``: its links to entries with no gold id (all wrong)."""
    correct = sum(min(n, found_by_ref.get(r, 0)) for r, n in gold_by_ref.items())
    found = sum(found_by_ref.values()) + unmapped
    return PeerScore(sum(gold_by_ref.values()), found, correct, missing_alarms, uncited_alarms)


def _squeeze(text: str) -> str:
    return " ".join(text.split())[:60]


def touchneedle_command() -> list[str] | None:
    """The ``touchneedle`` script beside the running interpreter, or on PATH."""
    beside = Path(sys.executable).with_name("touchneedle")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("touchneedle")
    return [found] if found else None


def touchneedle_version() -> str:
    command = touchneedle_command()
    if command is None:
        return "not installed"
    proc = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)
    return (proc.stdout or proc.stderr).strip() or "unknown"


def run_touchneedle(text: str, name: str) -> dict | None:
    """touchneedle's JSON for ``text`` as a Markdown file; ``None`` if it gave none."""
    command = touchneedle_command()
    if command is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        doc, out = Path(tmp) / f"{name}.md", Path(tmp) / "out.json"
        doc.write_text(text, encoding="utf-8")
        subprocess.run(
            [*command, "check", str(doc), "--offline", "--json", str(out), "--out", "/dev/null"],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp,
        )
        if not out.exists():
            return None
        data: dict = json.loads(out.read_text(encoding="utf-8"))
        return data


def score_touchneedle(
    text: str,
    name: str,
    gold_refs: Mapping[str, tuple[int, int]],
    gold_by_ref: Mapping[str, int],
    cited: Iterable[str],
) -> PeerScore | None:
    """touchneedle on one article. ``gold_refs``: gold reference id → (start, end) of its
    entry in ``text``; ``cited``: the gold ids some tag cites."""
    data = run_touchneedle(text, name)
    if data is None:
        return None
    gold_of_start = {_squeeze(text[s:e]): gid for gid, (s, e) in gold_refs.items()}
    gold_of_key: dict[str, str | None] = {}
    cited_ids = set(cited)
    uncited_alarms = 0
    for ref in data.get("references", []):
        gid = gold_of_start.get(_squeeze(ref["raw"]))
        gold_of_key.setdefault(ref["key"], gid)
        if not ref.get("cited_by") and gid in cited_ids:
            uncited_alarms += 1
    found: Counter[str] = Counter()
    unmapped = missing = 0
    for c in data.get("citations", []):
        if c.get("form") not in ("parenthetical", "narrative"):
            continue
        if not c.get("key"):
            missing += 1
            continue
        gid = gold_of_key.get(c["key"])
        if gid is None:
            unmapped += 1
        else:
            found[gid] += 1
    return count_score(gold_by_ref, found, unmapped, missing, uncited_alarms)
