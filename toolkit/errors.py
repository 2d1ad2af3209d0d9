"""Errors that end a command, each with the documented exit status it maps to.

Exit statuses (also in the README and ``evac --help``):

====  =====================================================================
0     success
1     a gate failed (``--fail-under``, ``--fail-on``, new lock-in vs. baseline)
2     usage error (bad option or argument)
3     bad input: a malformed file, catalog entry or document
4     credentials missing or rejected, or access denied everywhere
5     endpoint unreachable
6     partial result: written, but some parts could not be read (see the errors)
7     an infrastructure change (apply) failed; the journal says where
130   interrupted; partial results and the journal are kept
====  =====================================================================
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_GATE = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_CREDENTIALS = 4
EXIT_UNREACHABLE = 5
EXIT_PARTIAL = 6
EXIT_APPLY = 7
EXIT_INTERRUPTED = 130


class EvacError(Exception):
    """Base of errors that end a command with a clear message and an exit status."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(EvacError):
    """A file, document or argument value is malformed; the message names where."""

    exit_code = EXIT_INPUT


class CatalogError(InputError):
    """A catalog file is invalid; the message names the file and the field."""


class CredentialsError(EvacError):
    """No usable credentials, or the provider rejected them."""

    exit_code = EXIT_CREDENTIALS


class UnreachableError(EvacError):
    """The endpoint cannot be reached."""

    exit_code = EXIT_UNREACHABLE


class ApplyError(EvacError):
    """A change to infrastructure failed part-way."""

    exit_code = EXIT_APPLY
