"""Which renderer writes which ``check --format``: every one takes the manuscripts' results
(and, where it matters, the ``--fail-on`` threshold), the manuscripts that could not be
checked (``failures=``), and returns the report as a string."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module

from citecheck.results import ManuscriptFailure, ManuscriptResult

Renderer = Callable[[Sequence[ManuscriptResult], str, bool, Sequence[ManuscriptFailure]], str]


def _lazy(module: str, function: str, *, fail_on: bool = False, colour: bool = False) -> Renderer:
    """A renderer whose module is imported when it is first used (start-up stays short)."""

    def render(
        results: Sequence[ManuscriptResult],
        fail_on_: str,
        colour_: bool,
        failures: Sequence[ManuscriptFailure],
    ) -> str:
        fn = getattr(import_module(module), function)
        if fail_on:
            return fn(results, fail_on_, failures=failures)
        if colour:
            return fn(results, colour=colour_, failures=failures)
        return fn(results, failures=failures)

    return render


_RENDERERS: dict[str, Renderer] = {
    "text": _lazy("citecheck.report.text", "render_text", colour=True),
    "json": _lazy("citecheck.report.json", "render_json"),
    "sarif": _lazy("citecheck.report.sarif", "render_sarif"),
    "junit": _lazy("citecheck.report.junit", "render_junit", fail_on=True),
    "github": _lazy("citecheck.report.github", "render_github"),
    "markdown": _lazy("citecheck.report.markdown", "render_markdown", fail_on=True),
    "html": _lazy("citecheck.report.html_corpus", "render_html_report"),
}
FORMATS = tuple(_RENDERERS)


def render_report(
    fmt: str,
    results: Sequence[ManuscriptResult],
    *,
    fail_on: str = "error",
    colour: bool = False,
    failures: Sequence[ManuscriptFailure] = (),
) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`); ``failures`` are the
    manuscripts of the batch that could not be checked."""
    return _RENDERERS[fmt](results, fail_on, colour, failures)
