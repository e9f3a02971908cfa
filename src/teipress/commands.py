"""What the CLI commands do with the stages' results: print them and choose the exit status.

Exit status, for every command: 0 success, 1 invalid sources (or documents that failed to
build), 2 usage or I/O problems (a path that does not exist, an unusable schema).
"""

from __future__ import annotations

from pathlib import Path

import click

from .config import edition_title
from .discover import default_registers
from .errors import TeipressError
from .findings import FileReport, display_path
from .report import FORMATS, summary_line
from .resources import project_schema

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def run_validate(paths: list[Path], schema: Path | None, registers: Path | None,
                 output_format: str, xinclude: bool = False) -> int:
    from .validate import compile_grammar, load_corpus, validate_corpus

    registers = registers if registers is not None else default_registers(Path("tei"))
    grammar = compile_grammar(schema or project_schema())
    corpus = load_corpus(paths, registers, xinclude=xinclude)
    reports = validate_corpus(corpus, grammar)
    click.echo(FORMATS[output_format](reports), nl=False)
    return exit_status(reports)


def exit_status(reports: list[FileReport]) -> int:
    if any(f.rule == "file" for r in reports for f in r.findings):
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in reports) else EXIT_INVALID


def run_build(source: Path, out: Path, schema: Path | None, strict: bool, xinclude: bool) -> int:
    from .build import build

    if not source.is_dir():
        raise click.UsageError(f"source folder {display_path(source)} does not exist")
    try:
        result = build(source, out, schema=schema, strict=strict, xinclude=xinclude,
                       title=edition_title(source))
    except OSError as exc:  # disk full, permissions: nothing was replaced
        where = f" ({exc.filename})" if exc.filename else ""
        raise TeipressError(f"could not write the edition{where}: {exc.strerror or exc}; "
                            f"the previous {display_path(out)} is unchanged") from exc
    for report in result.failed:
        for finding in report.findings:
            click.echo(finding.format(), err=True)
    click.echo(f"validation: {summary_line(result.reports)} "
               f"(details: {display_path(out / 'html' / 'validation.json')})", err=True)
    click.echo(f"published {len(result.published)} document(s) to {display_path(out)}"
               + (f"; {len(result.failed)} file(s) failed and were not published" if result.failed
                  else ""), err=True)
    return EXIT_INVALID if result.failed else EXIT_OK
