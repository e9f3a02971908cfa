"""What `teipress import` and `teipress export` print and which exit status they return."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_INVALID, EXIT_OK
from ..project import Project
from ..validate import Checks


def run_import(text: Path, registers: tuple[Path, ...], out: Path | None, config: Path | None,
               dry_run: bool, force: bool) -> int:
    """The project is the one the working folder belongs to (its settings, registers, schema)."""
    from ..assist import import_transcription, write_draft
    from ..assist.report import import_report

    project = Project.find([Path("tei") if Path("tei").is_dir() else Path.cwd()], config, registers,
                           Checks())
    settings = project.settings
    result = import_transcription(text, registers=list(project.registers), out=out,
                                  publisher=settings.publisher, licence=settings.licence,
                                  checks=project.checks)
    if dry_run:
        click.echo(result.draft.decode("utf-8"), nl=False)
    else:
        write_draft(result, force=force)
    click.echo(import_report(result), err=True, nl=False)
    return EXIT_OK if result.valid else EXIT_INVALID


def run_export(fmt: str, source: Path, out: Path, config: Path | None, registers: tuple[Path, ...],
               base_url: str | None = None, admin_email: str | None = None,
               skip_invalid: bool = False) -> int:
    from ..findings import display_path
    from .export import ExportRefused, export

    if not source.is_dir():
        raise click.UsageError(f"source folder {display_path(source)} does not exist")
    try:
        result = export(fmt, source, out, config, registers, base_url, admin_email, skip_invalid)
    except ExportRefused as refused:
        for problem in refused.problems:
            click.echo(problem, err=True)
        raise
    for note in result.notes:
        click.echo(note, err=True)
    click.echo(f"exported {fmt}: {len(result.files)} file(s) in {display_path(out)}", err=True)
    # As the build: the sources have errors (these files were left out) even though it wrote.
    return EXIT_INVALID if result.left_out else EXIT_OK
