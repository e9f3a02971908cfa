"""What the CLI commands do with the stages' results: print them and choose the exit status.

Exit status, for every command: 0 success, 1 invalid sources (or documents that failed to
build), 2 usage or I/O problems (a path that does not exist, an unusable schema).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, TeipressError
from .findings import FileReport, display_path
from .outputs import VALIDATION_PAGE
from .project import Project
from .report import FORMATS, human, summary_line
from .validate import Validator, check_sources, find_sources, load_corpus

WATCH_TIMEOUT_MS = 500


def run_validate(paths: list[Path], project: Project, output_format: str, xinclude: bool,
                 jobs: int | None = None) -> int:
    """The same map over documents as `build`'s, in worker processes when there are enough."""
    from .workers import default_jobs, runner

    found = find_sources(paths, xinclude=xinclude)
    with runner(None, jobs or default_jobs(), len(found.files)) as pool:
        reports = list(check_sources(found, list(project.registers), project.checks, pool).reports.values())
    colour = output_format == "human" and sys.stdout.isatty()
    click.echo(FORMATS[output_format](reports, colour), nl=False)
    return exit_status(reports)


def exit_status(reports: list[FileReport]) -> int:
    if any(f.rule == "file" for r in reports for f in r.findings):
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in reports) else EXIT_INVALID


def run_watch(paths: list[Path], project: Project, xinclude: bool) -> int:
    """Validate, then re-validate when sources change, until interrupted. The grammar and the
    rules are compiled once; changes come from the OS's file events (watchfiles)."""
    import watchfiles

    registers = list(project.registers)
    corpus = load_corpus(paths, registers, xinclude=xinclude)
    validator = Validator(project.checks, corpus.subjects)
    colour = sys.stdout.isatty()
    reports = validator.run(corpus)
    click.echo(human(reports, colour), nl=False)
    watched = [p for p in [*paths, *registers] if p.exists()]
    if not watched:
        return exit_status(reports)
    announced = False
    try:
        # yield_on_timeout: the first (empty) batch proves the watcher is set up before we say so.
        for changes in watchfiles.watch(*watched, watch_filter=_is_source, yield_on_timeout=True,
                                        rust_timeout=WATCH_TIMEOUT_MS):
            if not announced:
                click.echo("watching for changes (Ctrl-C to stop)…", err=True)
                announced = True
            if not changes:
                continue
            changed = {Path(name).absolute() for _, name in changes}
            corpus = load_corpus(paths, registers, xinclude=xinclude)
            reports = validator.run(corpus)
            shown = [r for r in reports if Path(r.path).absolute() in changed] or reports
            click.echo(f"\n{time.strftime('%H:%M:%S')} {len(changed)} changed", err=True)
            click.echo(human(shown, colour) + summary_line(reports), nl=True)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _is_source(_change: object, name: str) -> bool:
    """XML files, not editors' hidden temporary and backup files."""
    base = Path(name).name
    return base.endswith(".xml") and not base.startswith(".")


def run_build(source: Path, out: Path, project: Project, strict: bool, xinclude: bool,
              quiet: bool = False, jobs: int | None = None, executor: str | None = None) -> int:
    from .build import build

    if not source.is_dir():
        raise click.UsageError(f"source folder {display_path(source)} does not exist")
    try:
        result = build(source, out, project=project, strict=strict, xinclude=xinclude,
                       progress=not quiet and sys.stderr.isatty(), jobs=jobs,  # None: worker_count decides
                       executor=executor)
    except OSError as exc:  # disk full, permissions: nothing was replaced
        where = f" ({exc.filename})" if exc.filename else ""
        raise TeipressError(f"could not write the edition{where}: {exc.strerror or exc}; "
                            f"the previous {display_path(out)} is unchanged") from exc
    for report in result.failed:
        for finding in report.findings:
            click.echo(finding.format(), err=True)
    click.echo(f"validation: {summary_line(result.reports)} "
               f"(report: {display_path(out / 'html' / VALIDATION_PAGE)})", err=True)
    # The cache is named only when it supplied pages: a first build renders everything.
    cached = len(result.published) - result.rendered
    edition_pages = (f"; edition pages: {len(result.reduced)} made, {result.reduce_kept} from the build cache"
                     if result.reduce_kept else "")
    click.echo(f"published {len(result.published)} document(s) to {display_path(out)} "
               f"({result.rendered} rendered" + (f", {cached} from the build cache" if cached > 0 else "")
               + edition_pages + ")"
               + (f"; {len(result.failed)} file(s) failed and were not published" if result.failed
                  else ""), err=True)
    return EXIT_INVALID if result.failed else EXIT_OK
