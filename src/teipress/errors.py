"""The one exception root, and the exit statuses of every command.

Exit status (the README's "Exit status" paragraph says the same; a test keeps them in step):

    0  EXIT_OK       everything valid; the edition was published
    1  EXIT_INVALID  the sources have errors: invalid files, files that could not be used or
                     built, or a build refused by --strict; the other files are still reported
    2  EXIT_USAGE    the command could not do its job: a bad option, a path that does not exist
                     or cannot be read, an unusable schema (RELAX NG or Schematron), an output
                     folder that is not teipress's or cannot be written

Stage code raises a TeipressError (or a subclass) for problems the user must fix before the
command can run at all; problems inside one source file are Findings, never exceptions. click
prints a TeipressError as one line, "Error: <message>", and exits with its `exit_code`.
"""

from __future__ import annotations

import click

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_STATUSES = frozenset({EXIT_OK, EXIT_INVALID, EXIT_USAGE})


class TeipressError(click.ClickException):
    """A problem the user can fix (bad option, unusable schema, output folder not ours). Exit 2.

    The message is kept to one line: Saxon's and libxml2's texts span several, and the CLI
    promises one line per error."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class BuildRefused(TeipressError):
    """The build found problems and, as asked (--strict), published nothing. Exit 1."""

    exit_code = EXIT_INVALID


class SchematronError(TeipressError):
    """A Schematron schema cannot be compiled: an unsupported feature (abstract patterns,
    includes), a broken reference or an XPath that does not compile. Exit 2."""


class TransformError(TeipressError):
    """A stylesheet failed on one input. The build reports it as a finding on that document and
    goes on with the others; it reaches the CLI only if a page of the whole edition fails."""
