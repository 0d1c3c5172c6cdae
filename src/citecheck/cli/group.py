"""The top of the command line: every way citecheck can stop becomes one line on standard
error and a documented exit code, never a traceback.

* the tool's own failures (:class:`~citecheck.errors.CitecheckError`): their code, 3 unless
  they say otherwise (a configuration error is 2);
* usage errors (an unknown option, a missing argument, a bad value): 2, as
  ``citecheck: error: …`` rather than click's usage block;
* anything else is a bug: ``citecheck: internal error: … (please report)`` and exit 70
  (``EXIT_INTERNAL``), so that in CI a crash never looks like findings (1). The traceback
  is printed only when ``CITECHECK_DEBUG=1``.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from importlib import import_module
from typing import Any, NoReturn

import click

from citecheck.errors import EXIT_CANNOT_RUN, EXIT_INTERNAL, EXIT_USAGE, CitecheckError

DEBUG_VARIABLE = "CITECHECK_DEBUG"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _stop(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


class CitecheckGroup(click.Group):
    """A click group whose failures are one line each (see the module doc). Subcommands
    named in ``lazy`` (name → ``"module:attribute"``) are imported when they are run or
    listed, so that start-up loads no module only they need."""

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, _, attr = self.lazy[name].partition(":")
            self.add_command(getattr(import_module(module), attr), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CitecheckError as exc:
            _stop(f"citecheck: error: {_one_line(str(exc))}", exc.exit_code)
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            raise  # a reader that went away (| head): click exits quietly
        except Exception as exc:  # a bug: say so, with its own exit code
            if os.environ.get(DEBUG_VARIABLE) == "1":
                traceback.print_exc(file=sys.stderr)
            what = _one_line(f"{type(exc).__name__}: {exc}")
            _stop(f"citecheck: internal error: {what} (please report)", EXIT_INTERNAL)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            _stop(f"citecheck: error: {_one_line(exc.format_message())}", EXIT_USAGE)
        except click.ClickException as exc:
            code = EXIT_CANNOT_RUN if exc.exit_code == 1 else exc.exit_code
            _stop(f"citecheck: error: {_one_line(exc.format_message())}", code)
        except click.Abort:
            _stop("citecheck: error: aborted", EXIT_CANNOT_RUN)
        sys.exit(code if isinstance(code, int) else 0)
