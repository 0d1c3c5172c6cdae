"""``--resume FILE.jsonl``: what a JSON Lines report already holds, and the file made ready
to be appended to.

Each line of the report is written whole and flushed, so a run that was killed leaves at
most one half-written last line; that line (anything after the last newline, or a last
line that is not JSON) is cut off and its manuscript checked again. A summary line at the
end (a finished run) is cut off too: the resumed run writes the summary of the whole
corpus. A manuscript is done when a line names its path with the same SHA-256 of its bytes;
a manuscript whose file changed since is checked again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from citecheck.corpus.tally import EntryCounts


@dataclass
class Resumed:
    """The manuscripts a report holds — (path, sha256) → what each added to the totals
    (``None``: a failed one) — and where the file was cut."""

    done: dict[tuple[str, str], EntryCounts | None] = field(default_factory=dict)
    kept_bytes: int = 0
    cut_bytes: int = 0  # a half-written line or an old summary, cut off


def read_resumable(path: str) -> Resumed:
    """What ``path`` holds (nothing when it does not exist yet); the file is truncated to
    its complete manuscript lines."""
    target = Path(path)
    if not target.exists():
        return Resumed()
    data = target.read_bytes()
    resumed = Resumed()
    offset = 0
    for raw in data.splitlines(keepends=True):
        entry = _entry(raw)
        if entry is None or "path" not in entry:
            break  # a half-written line, or a finished run's summary: the end of what counts
        key = (str(entry["path"]), str(entry.get("sha256", "")))
        resumed.done[key] = None if "failed" in entry else EntryCounts.from_entry(entry)
        offset += len(raw)
    resumed.kept_bytes, resumed.cut_bytes = offset, len(data) - offset
    if resumed.cut_bytes:
        with open(target, "r+b") as handle:
            handle.truncate(offset)
            handle.flush()
            os.fsync(handle.fileno())
    return resumed


def _entry(raw: bytes) -> dict[str, object] | None:
    if not raw.endswith(b"\n"):
        return None
    try:
        entry = json.loads(raw)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) and ("path" in entry or "summary" in entry) else None
