"""Where a pandoc-family manuscript says its bibliography is: the YAML front matter
(``bibliography:`` one file or several, inline ``references:``, ``nocite:``), a Quarto
project's ``_quarto.yml`` (found from the manuscript's directory upwards), and which files a
Quarto project renders (``citecheck check`` with no manuscript named, in a Quarto project).
YAML is read without anchors or aliases, with a size limit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from citecheck.bibliography.csl import compose_yaml
from citecheck.errors import InputError
from citecheck.inputs.sidefiles import read_side_file
from citecheck.model import Span

QUARTO_FILE = "_quarto.yml"
MAX_FRONT_MATTER = 1_000_000  # characters
_FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_NOCITE_KEY = re.compile(r"@(\{[^{}]+\}|[\w][\w:.#$%&\-+?<>~/]*|\*)")
PANDOC_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd")


@dataclass(frozen=True)
class Metadata:
    """What a manuscript's metadata says about its bibliography. ``bibliography`` holds
    paths as resolved against the file that named them; ``references`` is the inline
    ``references:`` list as a YAML node (positions into the text start at ``yaml_start``)."""

    span: Span | None = None  # the front matter block, when there is one
    bibliography: tuple[Path, ...] = ()
    references: yaml.SequenceNode | None = None
    yaml_start: int = 0
    nocite: tuple[str, ...] = ()
    problem: str | None = None  # front matter that is not valid YAML
    crossref_kinds: tuple[str, ...] = ()  # Quarto's custom cross-reference kinds ("apx")


def read_front_matter(text: str, directory: Path) -> Metadata:
    """The front matter of ``text`` (a manuscript in ``directory``)."""
    m = _FRONT.match(text)
    if m is None:
        return Metadata()
    span = Span(0, m.end())
    body = m.group("yaml") or ""
    if len(body) > MAX_FRONT_MATTER:
        return Metadata(span, problem=f"front matter longer than {MAX_FRONT_MATTER} characters")
    try:
        root = compose_yaml(body)
    except ValueError as exc:
        return Metadata(span, problem=f"front matter: {exc}")
    if not isinstance(root, yaml.MappingNode):
        return Metadata(span)
    values = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    references = values.get("references")
    return Metadata(
        span,
        bibliography=_paths(values.get("bibliography"), directory),
        references=references if isinstance(references, yaml.SequenceNode) else None,
        yaml_start=m.start("yaml") if m.group("yaml") is not None else 0,
        nocite=_nocite(values.get("nocite")),
        crossref_kinds=custom_crossref_kinds(values.get("crossref")),
    )


def custom_crossref_kinds(node: yaml.Node | None) -> tuple[str, ...]:
    """The ``key`` of each ``crossref: custom:`` item (Quarto's own cross-reference kinds,
    cited as ``@apx-1`` like its built-in ``@fig-1``)."""
    if not isinstance(node, yaml.MappingNode):
        return ()
    kinds: list[str] = []
    for k, v in node.value:
        if (
            isinstance(k, yaml.ScalarNode)
            and k.value == "custom"
            and isinstance(v, yaml.SequenceNode)
        ):
            for item in v.value:
                if isinstance(item, yaml.MappingNode):
                    kinds += [
                        str(val.value).strip()
                        for key, val in item.value
                        if isinstance(key, yaml.ScalarNode)
                        and key.value == "key"
                        and isinstance(val, yaml.ScalarNode)
                        and str(val.value).strip()
                    ]
    return tuple(dict.fromkeys(kinds))


def _scalars(node: yaml.Node | None) -> list[str]:
    if isinstance(node, yaml.ScalarNode) and str(node.value).strip():
        return [str(node.value).strip()]
    if isinstance(node, yaml.SequenceNode):
        return [str(n.value).strip() for n in node.value if isinstance(n, yaml.ScalarNode)]
    return []


def _paths(node: yaml.Node | None, directory: Path) -> tuple[Path, ...]:
    return tuple(directory / p for p in _scalars(node) if p)


def _nocite(node: yaml.Node | None) -> tuple[str, ...]:
    keys = [k.strip("{}") for s in _scalars(node) for k in _NOCITE_KEY.findall(s)]
    return tuple(dict.fromkeys(keys))


@dataclass(frozen=True)
class QuartoProject:
    """A Quarto project: its ``_quarto.yml``, the bibliography files it names for every
    document, and the manuscripts it renders."""

    path: Path
    bibliography: tuple[Path, ...]
    files: tuple[Path, ...]
    crossref_kinds: tuple[str, ...] = ()


def find_quarto_project(start: Path) -> QuartoProject | None:
    """The Quarto project ``start`` (a directory or a file) belongs to: the nearest
    ``_quarto.yml`` in it or a parent, up to a repository root (``.git``). An unreadable
    ``_quarto.yml`` raises :class:`~citecheck.errors.InputError`."""
    here = start if start.is_dir() else start.parent
    for directory in (here, *here.parents):
        config = directory / QUARTO_FILE
        if config.is_file():
            return read_quarto_project(config)
        if (directory / ".git").exists():
            return None
    return None


def read_quarto_project(config: Path) -> QuartoProject:
    """A ``_quarto.yml`` (IO: reads it, and lists the directory when it names no files)."""
    try:
        root = compose_yaml(read_side_file(config))
    except (InputError, ValueError) as exc:
        raise InputError(f"{config}: {exc}") from None
    data: dict[str, Any] = {}
    if isinstance(root, yaml.MappingNode):
        data = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    directory = config.parent
    bibliography = _paths(data.get("bibliography"), directory)
    files = [directory / f for f in _project_files(data)]
    if not files:
        files = sorted(
            p
            for p in directory.iterdir()
            if p.suffix.lower() in PANDOC_SUFFIXES
            and not p.name.startswith(("_", "."))
            and p.name.lower() != "readme.md"
        )
    kinds = custom_crossref_kinds(data.get("crossref"))
    return QuartoProject(config, bibliography, tuple(files), kinds)


def _project_files(data: dict[str, Any]) -> list[str]:
    """The manuscripts a project names: ``manuscript: article:``, ``book: chapters:``,
    ``project: render:`` (without glob patterns)."""
    out: list[str] = []
    for section, key in (("manuscript", "article"), ("book", "chapters"), ("project", "render")):
        node = data.get(section)
        if not isinstance(node, yaml.MappingNode):
            continue
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                out.extend(_chapters(v))
    names = [n for n in out if not any(ch in n for ch in "*?!")]
    return [n for n in dict.fromkeys(names) if Path(n).suffix.lower() in PANDOC_SUFFIXES]


def _chapters(node: yaml.Node) -> list[str]:
    """File names in a list, also in a book's parts (``- part: … chapters: [...]``)."""
    if isinstance(node, yaml.SequenceNode):
        return [name for item in node.value for name in _chapters(item)]
    if isinstance(node, yaml.MappingNode):
        return [
            name
            for k, v in node.value
            if isinstance(k, yaml.ScalarNode) and k.value in ("chapters", "file", "href")
            for name in _chapters(v)
        ]
    return _scalars(node)
