"""Stable finding fingerprints and the baseline (ratchet) built from them.

A fingerprint survives edits that do not touch the finding: it hashes the rule, the
*identity* of the references the finding names (first author, year and title words, never
their numbers, which change when the list is renumbered), a few stable evidence values (the
claim id, the field) and the normalised *context* (the words of the finding's span and a few
words on either side on the same line, digits masked). Line numbers and messages are never
part of it, so a paragraph inserted above leaves every fingerprint as it was.

A baseline is the multiset of fingerprints of accepted findings (``citecheck-baseline/1``,
JSON, sorted). :func:`apply_baseline` drops as many findings of each fingerprint as the
baseline holds and keeps the rest: the new findings. ``read_baseline``/``write_baseline``
are the IO edge.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from citecheck.errors import CitecheckError
from citecheck.model import Finding, Reference, Span
from citecheck.results import ManuscriptResult

SCHEMA = "citecheck-baseline/1"
CONTEXT_WORDS = 4  # words taken on either side of the span, on the same line
SPAN_WORDS = 12  # words taken from the span itself
TITLE_WORDS = 8
_EVIDENCE_KEYS = ("claim", "field", "printed", "named", "missing", "notice")


class BaselineError(CitecheckError):
    """The baseline file could not be read or is not a citecheck baseline."""


def _words(text: str) -> list[str]:
    """Lower-case ASCII-folded words, every run of digits masked as ``0``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.findall(r"\w+", re.sub(r"\d+", "0", text))


def reference_identity(ref: Reference) -> str:
    """First author, year and the first title words: what the reference *is*, not its number."""
    author = _words(ref.authors[0].family) if ref.authors else []
    title = _words(ref.title or "")[:TITLE_WORDS] if ref.title else _words(ref.raw)[:TITLE_WORDS]
    return f"{''.join(author)}/{ref.year or ''}/{' '.join(title)}"


def finding_context(text: str, span: Span | None) -> str:
    """The span's words and up to :data:`CONTEXT_WORDS` words around it on its line."""
    if span is None:
        return ""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    before = _words(text[line_start : span.start])[-CONTEXT_WORDS:]
    inside = _words(text[span.start : span.end])[:SPAN_WORDS]
    after = _words(text[span.end : max(line_end, span.end)])[:CONTEXT_WORDS]
    return f"{' '.join(before)} [{' '.join(inside)}] {' '.join(after)}"


def finding_fingerprint(finding: Finding, text: str, references: Sequence[Reference]) -> str:
    """A 20-hex-digit fingerprint of ``finding`` in a manuscript with ``text``/``references``."""
    by_key = {r.key: r for r in references}  # the number, or the cite key
    refs = sorted(reference_identity(by_key[n]) if n in by_key else f"#{n}" for n in finding.refs)
    evidence = [f"{k}={finding.evidence[k]}" for k in _EVIDENCE_KEYS if k in finding.evidence]
    parts = [finding.rule, ";".join(refs), ";".join(evidence), finding_context(text, finding.span)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def result_fingerprints(result: ManuscriptResult) -> tuple[str, ...]:
    """The fingerprint of each of ``result.findings``, in order."""
    a = result.analysis
    return tuple(finding_fingerprint(f, a.document.text, a.references) for f in result.findings)


def baseline_entries(results: Sequence[ManuscriptResult]) -> list[dict[str, Any]]:
    """One entry per finding, sorted: fingerprint, rule, and path and message for a reader."""
    entries = []
    for r in results:
        for f, fp in zip(r.findings, result_fingerprints(r), strict=True):
            entries.append(
                {
                    "fingerprint": fp,
                    "rule": f.rule,
                    "path": Path(r.path).as_posix(),
                    "message": f.message,
                }
            )
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"], e["message"]))
    return entries


def baseline_json(results: Sequence[ManuscriptResult]) -> str:
    """The baseline file for ``results``: stable, sorted JSON.

    ``path`` and ``message`` are there to help a reviewer read the file; only
    ``fingerprint`` is matched.
    """
    doc = {"schema": SCHEMA, "findings": baseline_entries(results)}
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def baseline_from_json(text: str, source: str = "baseline") -> Counter[str]:
    """The multiset of fingerprints in a baseline file. Raises :class:`BaselineError`."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{source}: not JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise BaselineError(f"{source}: not a citecheck baseline (expected schema {SCHEMA!r})")
    entries = doc.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise BaselineError(f"{source}: 'findings' must be a list of entries with a fingerprint")
    return Counter(e["fingerprint"] for e in entries)


def apply_baseline(
    results: Iterable[ManuscriptResult], baseline: Counter[str]
) -> list[ManuscriptResult]:
    """``results`` with the findings the baseline accepts removed (each entry absorbs one)."""
    remaining = Counter(baseline)
    out = []
    for r in results:
        kept = []
        for f, fp in zip(r.findings, result_fingerprints(r), strict=True):
            if remaining[fp] > 0:
                remaining[fp] -= 1
            else:
                kept.append(f)
        out.append(replace(r, findings=tuple(kept)))
    return out


def read_baseline(path: str | Path) -> Counter[str]:
    """Read a baseline file (IO edge). Raises :class:`BaselineError` with one line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BaselineError(
            f"{path}: baseline does not exist; create it with --write-baseline {path}"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc})") from exc
    return baseline_from_json(text, str(path))


def write_baseline(path: str | Path, results: Sequence[ManuscriptResult]) -> int:
    """Write the baseline of ``results`` to ``path``; the number of findings it holds."""
    text = baseline_json(results)
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline ({exc.strerror})") from exc
    return sum(len(r.findings) for r in results)
