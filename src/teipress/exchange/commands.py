"""What `teipress import` and `teipress export` print and which exit status they return."""

from __future__ import annotations

from pathlib import Path

import click

from ..commands import EXIT_INVALID, EXIT_OK


def run_import(text: Path, registers: Path | None, out: Path | None, config: Path | None,
               dry_run: bool, force: bool) -> int:
    from ..assist import import_transcription, write_draft
    from ..assist.report import import_report
    from .settings import edition_settings

    settings = edition_settings(Path.cwd(), config)
    if registers is None and settings.registers:
        registers = settings.registers[0]
    result = import_transcription(text, registers=registers, out=out, publisher=settings.publisher,
                                  licence=settings.licence)
    if dry_run:
        click.echo(result.draft.decode("utf-8"), nl=False)
    else:
        write_draft(result, force=force)
    click.echo(import_report(result), err=True, nl=False)
    return EXIT_OK if result.valid else EXIT_INVALID
