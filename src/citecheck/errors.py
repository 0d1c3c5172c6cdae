"""The tool's own failures. The CLI turns each into one line on stderr and an exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_CANNOT_RUN = 3
EXIT_UNVERIFIED = 4  # --fail-on-unverified: some reference could not be checked online
EXIT_INTERNAL = 70  # a bug: an unexpected exception (EX_SOFTWARE)

# Which code wins when several apply: usage > could not run > unverified > findings > ok.
EXIT_PRECEDENCE = (EXIT_USAGE, EXIT_CANNOT_RUN, EXIT_UNVERIFIED, EXIT_FINDINGS, EXIT_OK)


class CitecheckError(Exception):
    """A failure that stops citecheck from doing its job (exit code 3 by default)."""

    exit_code = EXIT_CANNOT_RUN


class InputError(CitecheckError):
    """The manuscript could not be read: missing, a directory, binary, empty."""


class NoReferenceSection(CitecheckError):
    """No reference list could be found in the manuscript."""
