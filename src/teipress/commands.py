"""What the CLI commands do with the stages' results: print them and choose the exit status.

Exit status, for every command: 0 success, 1 invalid sources (or documents that failed to
build), 2 usage or I/O problems (a path that does not exist, an unusable schema).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .discover import discover
from .errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, TeipressError
from .findings import FileReport, display_path
from .project import Project
from .report import FORMATS, human, summary_line
from .validate import Validator, load_corpus

WATCH_INTERVAL = 0.5


def run_validate(paths: list[Path], project: Project, output_format: str, xinclude: bool) -> int:
    corpus = load_corpus(paths, list(project.registers), xinclude=xinclude)
    reports = Validator(project.checks, corpus.subjects).run(corpus)
    colour = output_format == "human" and sys.stdout.isatty()
    click.echo(FORMATS[output_format](reports, colour), nl=False)
    return exit_status(reports)


def exit_status(reports: list[FileReport]) -> int:
    if any(f.rule == "file" for r in reports for f in r.findings):
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in reports) else EXIT_INVALID


def run_watch(paths: list[Path], project: Project, xinclude: bool) -> int:
    """Validate, then re-validate the files that change, until interrupted. The grammar and the
    rules are compiled once; changes are found by polling (no dependency, works on any disk)."""
    registers = list(project.registers)
    corpus = load_corpus(paths, registers, xinclude=xinclude)
    validator = Validator(project.checks, corpus.subjects)
    colour = sys.stdout.isatty()
    click.echo(human(validator.run(corpus), colour), nl=False)
    seen = _stamps(paths, registers)
    click.echo("watching for changes (Ctrl-C to stop)…", err=True)
    try:
        while True:
            time.sleep(WATCH_INTERVAL)
            now = _stamps(paths, registers)
            changed = sorted(p for p in now.keys() | seen.keys() if now.get(p) != seen.get(p))
            seen = now
            if changed:
                corpus = load_corpus(paths, registers, xinclude=xinclude)
                reports = validator.run(corpus)
                shown = [r for r in reports if Path(r.path).absolute() in changed] or reports
                click.echo(f"\n{time.strftime('%H:%M:%S')} {len(changed)} changed", err=True)
                click.echo(human(shown, colour) + summary_line(reports), nl=True)
    except KeyboardInterrupt:
        return EXIT_OK


def _stamps(paths: list[Path], registers: list[Path]) -> dict[Path, tuple[int, int]]:
    stamps = {}
    for path in discover([*paths, *registers]).files:
        try:
            info = path.stat()
        except OSError:
            continue
        stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


def run_build(source: Path, out: Path, project: Project, strict: bool, xinclude: bool) -> int:
    from .build import build

    if not source.is_dir():
        raise click.UsageError(f"source folder {display_path(source)} does not exist")
    try:
        result = build(source, out, project=project, strict=strict, xinclude=xinclude)
    except OSError as exc:  # disk full, permissions: nothing was replaced
        where = f" ({exc.filename})" if exc.filename else ""
        raise TeipressError(f"could not write the edition{where}: {exc.strerror or exc}; "
                            f"the previous {display_path(out)} is unchanged") from exc
    for report in result.failed:
        for finding in report.findings:
            click.echo(finding.format(), err=True)
    click.echo(f"validation: {summary_line(result.reports)} "
               f"(report: {display_path(out / 'html' / 'validation.html')})", err=True)
    click.echo(f"published {len(result.published)} document(s) to {display_path(out)}"
               + (f"; {len(result.failed)} file(s) failed and were not published" if result.failed
                  else ""), err=True)
    return EXIT_INVALID if result.failed else EXIT_OK
