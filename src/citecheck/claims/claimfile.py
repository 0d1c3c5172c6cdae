"""Claim files: YAML lists of claims, read and checked with one-line errors, and written.

The format (``docs/claims.md``, schema in ``claims/schema.json``)::

    version: 1                      # optional
    manuscript: walenkamp2017-cxcr4.md   # optional, informative
    claims:
      - id: pfs-os
        text: median PFS 54 d, OS 223 d
        cites: [88]                 # a number or a list of numbers (or cite keys: [smith2019])
        note: endoradiotherapy pilot   # optional
    endpoints:                      # optional additions to the endpoint table
      - key: TTNT
        name: time to next treatment
        abbreviations: [TTNT]
        dimension: time
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from citecheck.claims.endpoints import Endpoint
from citecheck.claims.model import Claim
from citecheck.claims.units import UNITS
from citecheck.errors import CitecheckError

CLAIM_KEYS = frozenset({"id", "text", "cites", "note"})
ENDPOINT_KEYS = frozenset(
    {"key", "name", "abbreviations", "synonyms", "dimension", "level", "needs_relation"}
)
TOP_KEYS = frozenset({"version", "manuscript", "claims", "endpoints"})
DIMENSIONS = frozenset({unit.dimension for unit in UNITS} | {"ratio"})


class ClaimFileError(CitecheckError):
    """A claim file that cannot be read or does not follow the format."""


_Fail = Callable[[str, str], ClaimFileError]


@dataclass(frozen=True, slots=True)
class ClaimFile:
    path: str
    claims: tuple[Claim, ...]
    endpoints: tuple[Endpoint, ...] = ()
    manuscript: str | None = None


def load_claim_file(path: str | os.PathLike[str]) -> ClaimFile:
    """Read and validate a claim file (IO edge). Raises :class:`ClaimFileError`."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ClaimFileError(f"{p}: no such claim file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimFileError(f"{p}: cannot read claim file ({exc})") from exc
    return claim_file_from_text(text, str(p))


def claim_file_from_text(text: str, path: str = "<claims>") -> ClaimFile:
    """Parse and validate claim-file text. Raises :class:`ClaimFileError` with one line."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ClaimFileError(f"{path}{where}: not valid YAML ({problem})") from exc
    return claim_file_from_data(data, path)


def claim_file_from_data(data: Any, path: str = "<claims>") -> ClaimFile:
    """Validate already-parsed claim-file data (a mapping with a ``claims`` list)."""

    def fail(where: str, problem: str) -> ClaimFileError:
        return ClaimFileError(f"{path}: {where}: {problem}")

    if not isinstance(data, dict):
        raise fail("top level", f"expected a mapping with a 'claims' list, got {_kind(data)}")
    unknown = sorted(set(map(str, data)) - TOP_KEYS)
    if unknown:
        raise fail("top level", f"unknown key {unknown[0]!r} (allowed: {_allowed(TOP_KEYS)})")
    if data.get("version", 1) != 1:
        raise fail("version", f"unsupported version {data['version']!r} (this citecheck reads 1)")
    manuscript = data.get("manuscript")
    if manuscript is not None and not isinstance(manuscript, str):
        raise fail("manuscript", f"expected a file name, got {_kind(manuscript)}")
    items = data.get("claims")
    if not isinstance(items, list):
        raise fail("claims", f"expected a list of claims, got {_kind(items)}")
    claims = tuple(_claim(item, f"claims[{i}]", fail) for i, item in enumerate(items))
    seen: set[str] = set()
    for i, claim in enumerate(claims):
        if claim.id in seen:
            raise fail(f"claims[{i}].id", f"duplicate id {claim.id!r}")
        seen.add(claim.id)
    raw_endpoints = data.get("endpoints") or []
    if not isinstance(raw_endpoints, list):
        raise fail("endpoints", f"expected a list, got {_kind(raw_endpoints)}")
    endpoints = tuple(
        _endpoint(item, f"endpoints[{i}]", fail) for i, item in enumerate(raw_endpoints)
    )
    return ClaimFile(path, claims, endpoints, manuscript)


def _claim(item: Any, where: str, fail: _Fail) -> Claim:
    if not isinstance(item, dict):
        raise fail(where, f"expected a mapping with id, text and cites, got {_kind(item)}")
    unknown = sorted(set(map(str, item)) - CLAIM_KEYS)
    if unknown:
        raise fail(where, f"unknown key {unknown[0]!r} (allowed: {_allowed(CLAIM_KEYS)})")
    for key in ("id", "text", "cites"):
        if key not in item:
            raise fail(where, f"missing {key!r}")
    claim_id = item["id"]
    if isinstance(claim_id, bool) or not isinstance(claim_id, (str, int)) or not str(claim_id):
        raise fail(f"{where}.id", f"expected a non-empty name, got {_kind(claim_id)}")
    text = item["text"]
    if not isinstance(text, str) or not text.strip():
        raise fail(f"{where}.text", f"expected the claim as text, got {_kind(text)}")
    cites = item["cites"]
    cites_list = [cites] if not isinstance(cites, list) else cites
    if not all(_is_reference(c) for c in cites_list):
        raise fail(
            f"{where}.cites",
            "expected a reference number or cite key, or a list of them, got "
            f"{json.dumps(cites, default=str)}",
        )
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise fail(f"{where}.note", f"expected text, got {_kind(note)}")
    return Claim(str(claim_id), text.strip(), tuple(cites_list), note)


def _is_reference(value: Any) -> bool:
    """A reference number (``12``) or a cite key (``smith2019``, LaTeX and pandoc)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value > 0
    return isinstance(value, str) and bool(value.strip()) and not any(c.isspace() for c in value)


def _endpoint(item: Any, where: str, fail: _Fail) -> Endpoint:
    if not isinstance(item, dict):
        raise fail(where, f"expected a mapping with key and name, got {_kind(item)}")
    unknown = sorted(set(map(str, item)) - ENDPOINT_KEYS)
    if unknown:
        raise fail(where, f"unknown key {unknown[0]!r} (allowed: {_allowed(ENDPOINT_KEYS)})")
    for key in ("key", "name"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise fail(f"{where}.{key}", f"expected text, got {_kind(item.get(key))}")
    lists = {}
    for key in ("abbreviations", "synonyms"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(f"{where}.{key}", f"expected a list of names, got {_kind(value)}")
        lists[key] = tuple(value)
    dimension = item.get("dimension")
    if dimension is not None and dimension not in DIMENSIONS:
        raise fail(f"{where}.dimension", f"expected one of {_allowed(DIMENSIONS)}")
    return Endpoint(
        item["key"],
        item["name"],
        lists["abbreviations"],
        lists["synonyms"],
        dimension,
        bool(item.get("level", False)),
        bool(item.get("needs_relation", False)),
    )


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _allowed(keys: frozenset[str]) -> str:
    return ", ".join(sorted(keys))


def claim_file_text(claims: Sequence[Claim], manuscript: str | None = None) -> str:
    """A claim file for ``claims``, as YAML an editor can review (notes as comments too)."""
    lines = [
        "# citecheck claim file (docs/claims.md). Review each candidate: shorten `text` to",
        "# the claim as you would jot it, fix `cites`, delete what is not a claim.",
        "version: 1",
    ]
    if manuscript:
        lines.append(f"manuscript: {_scalar(manuscript)}")
    lines.append("claims:" if claims else "claims: []")
    for claim in claims:
        lines.append(f"  - id: {_scalar(claim.id)}")
        lines.append(f"    text: {_scalar(claim.text)}")
        lines.append(f"    cites: [{', '.join(str(c) for c in claim.cites)}]")
        if claim.note:
            lines.append(f"    note: {_scalar(claim.note)}")
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML flow scalars)."""
    return json.dumps(value, ensure_ascii=False)


def find_claim_file(
    manuscript: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None
) -> Path | None:
    """The claim file that goes with a manuscript by name, if there is one (IO edge).

    Looked for, in order: ``<stem>.claims.yaml`` beside the manuscript, ``claims/<stem>.yaml``
    beside the manuscript, and ``claims/<stem>.yaml`` in ``cwd`` (the project's own
    ``claims/`` directory, when it is given).
    """
    for candidate in claim_file_candidates(manuscript, cwd):
        if candidate.is_file():
            return candidate
    return None


def claim_file_candidates(
    manuscript: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None
) -> tuple[Path, ...]:
    """Where :func:`find_claim_file` looks, in order."""
    path = Path(manuscript)
    stem = path.stem
    places = [path.parent / f"{stem}.claims.yaml", path.parent / "claims" / f"{stem}.yaml"]
    if cwd is not None:
        places.append(Path(cwd) / "claims" / f"{stem}.yaml")
    unique: dict[Path, None] = {}
    for place in places:
        unique.setdefault(place, None)
    return tuple(unique)
