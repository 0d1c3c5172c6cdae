"""Which renderer writes which ``check --format``: every one takes the manuscripts' results
(and, where it matters, the ``--fail-on`` threshold) and returns the report as a string."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .render_github import render_github
from .render_json import render_json
from .render_junit import render_junit
from .render_markdown import render_markdown
from .render_sarif import render_sarif
from .render_text import render_text
from .results import ManuscriptResult

Renderer = Callable[[Sequence[ManuscriptResult], str, bool], str]

_RENDERERS: dict[str, Renderer] = {
    "text": lambda results, fail_on, colour: render_text(results, colour=colour),
    "json": lambda results, fail_on, colour: render_json(results),
    "sarif": lambda results, fail_on, colour: render_sarif(results),
    "junit": lambda results, fail_on, colour: render_junit(results, fail_on),
    "github": lambda results, fail_on, colour: render_github(results),
    "markdown": lambda results, fail_on, colour: render_markdown(results, fail_on),
}
FORMATS = tuple(_RENDERERS)


def render_report(
    fmt: str, results: Sequence[ManuscriptResult], *, fail_on: str = "error", colour: bool = False
) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`)."""
    return _RENDERERS[fmt](results, fail_on, colour)
