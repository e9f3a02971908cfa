"""The one exception root. Stage code raises these; the CLI prints one line and exits."""

from __future__ import annotations

import click


class TeipressError(click.ClickException):
    """A problem the user can fix (bad option, unusable schema, output folder not ours). Exit 2."""

    exit_code = 2


class BuildRefused(TeipressError):
    """The build found problems and, as asked (--strict), published nothing. Exit 1."""

    exit_code = 1
