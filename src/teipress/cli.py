"""The `teipress` command. Options are parsed here; the work happens in the stage modules."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__

SCHEMA_HELP = "RELAX NG schema (.rng or .rnc) to validate against [default: the project schema]."
XINCLUDE_HELP = "Expand xi:include (only files inside the source folder)."
CONFIG_HELP = "Settings file [default: the nearest teipress.toml at or above the sources]."
REGISTERS_HELP = ("Register file or folder that pointers resolve into; repeatable "
                  "[default: the settings' registers, else registers/ in or beside the sources].")


def source_options(command):
    """--config and --registers: shared by validate and build."""
    command = click.option("--registers", multiple=True, type=click.Path(path_type=Path),
                           help=REGISTERS_HELP)(command)
    return click.option("--config", type=click.Path(path_type=Path, dir_okay=False),
                        help=CONFIG_HELP)(command)


def schema_options(command):
    """--schema, --engine, --timeout: shared by validate and build."""
    command = click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
                           help="Seconds the schema may take to compile before teipress gives up.")(command)
    command = click.option("--engine", type=click.Choice(["lxml", "jing"]), default="lxml",
                           show_default=True,
                           help="RELAX NG validator: lxml (fast) or jing (the strict reference; needs "
                                "the jing program).")(command)
    return click.option("--schema", type=click.Path(path_type=Path), help=SCHEMA_HELP)(command)


@click.group()
@click.version_option(__version__, prog_name="teipress")
def main() -> None:
    """Validate TEI P5 sources and publish them as HTML and plain-text editions."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@schema_options
@source_options
@click.option("--grammar-only", is_flag=True,
              help="Only the RELAX NG check (what jing alone checks): no Schematron, no references.")
@click.option("--format", "output_format", type=click.Choice(["human", "json", "junit"]),
              default="human", show_default=True, help="How to print the findings.")
@click.option("--xinclude", is_flag=True, help=XINCLUDE_HELP)
@click.option("--watch", is_flag=True, help="Keep running; re-validate files as they are saved.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that check documents (default: the machine's cores).")
def validate(paths: tuple[Path, ...], schema: Path | None, engine: str, timeout: float,
             config: Path | None, registers: tuple[Path, ...], grammar_only: bool,
             output_format: str, xinclude: bool, watch: bool, jobs: int | None) -> None:
    """Check TEI files or folders (default: tei/) against the schema and the rules.

    Exit status: 0 all valid, 1 invalid, 2 usage or I/O error.
    """
    from .commands import run_validate, run_watch
    from .project import Project
    from .validate import Checks

    targets = list(paths) or [Path("tei")]
    project = Project.find(targets, config, registers, Checks(schema, engine, grammar_only, timeout))
    if watch:
        raise SystemExit(run_watch(targets, project, xinclude))
    raise SystemExit(run_validate(targets, project, output_format, xinclude, jobs))


@main.command()
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("tei"),
              show_default=True, help="Folder of TEI sources.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"),
              show_default=True, help="Output folder; replaced as a whole when the build succeeds.")
@schema_options
@source_options
@click.option("--strict", is_flag=True, help="Publish nothing if any file has an error.")
@click.option("--xinclude", is_flag=True, help=XINCLUDE_HELP)
@click.option("--quiet", "-q", is_flag=True,
              help="No progress display (there is none anyway when stderr is not a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that render documents [default: the machine's cores, one "
                   "per 200 documents; a smaller corpus renders in one process].")
@click.option("--executor", metavar="dask://HOST:PORT",
              help="Render on a Dask distributed cluster instead of local worker processes.")
def build(source: Path, out: Path, schema: Path | None, engine: str, timeout: float,
          config: Path | None, registers: tuple[Path, ...], strict: bool, xinclude: bool,
          quiet: bool, jobs: int | None, executor: str | None) -> None:
    """Validate the sources and publish the HTML and plain-text editions."""
    from .commands import run_build
    from .project import Project
    from .validate import Checks

    project = Project.find([source], config, registers, Checks(schema, engine, False, timeout))
    raise SystemExit(run_build(source, out, project, strict, xinclude, quiet=quiet, jobs=jobs,
                               executor=executor))


@main.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"),
              show_default=True, help="The built edition to serve (the --out of build).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; the default keeps the edition on this machine.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port; the address is printed).")
@click.option("--watch", is_flag=True, help="Rebuild the edition when a file in --source is saved.")
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("tei"),
              show_default=True, help="Folder of TEI sources rebuilt with --watch.")
def serve(out: Path, host: str, port: int, watch: bool, source: Path) -> None:
    """Serve the built edition over HTTP (needed for search; opened from disk, pages still work).

    Exit status: 0 when stopped with Ctrl-C, 2 when there is no edition or the port is taken.
    """
    from .commands import run_build
    from .project import Project
    from .serve import serve as run_server
    from .validate import Checks

    def rebuild() -> int:
        project = Project.find([source], None, (), Checks(None, "lxml", False, 60.0))
        return run_build(source, out, project, False, False)

    raise SystemExit(run_server(out, host, port, rebuild if watch else None, source if watch else None))


# --- exchange: the encoding assistant and the exports (issue 11) --------------------------------


@main.command("import")
@click.argument("text", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="Draft to write [default: tei/documents/<name>.xml].")
@source_options
@click.option("--dry-run", is_flag=True, help="Print the draft instead of writing it.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_(text: Path, out: Path | None, config: Path | None, registers: tuple[Path, ...],
            dry_run: bool, force: bool) -> None:
    """Make a TEI draft from a plain-text or Markdown transcription, with names and dates tagged.

    Exit status: 0 draft valid, 1 draft written but not yet valid (see the report), 2 usage or
    I/O error (e.g. the output exists).
    """
    from .exchange.commands import run_import

    raise SystemExit(run_import(text, registers, out, config, dry_run, force))


@main.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["tei", "teicorpus", "cmif", "bagit", "dc"]))
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("tei"),
              show_default=True, help="Folder of TEI sources.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="Output folder, replaced as a whole when the export is valid [default: export/FORMAT].")
@source_options
@click.option("--base-url", metavar="URL", help="Where the edition is published [default: the settings' "
              "base_url]; cmif and dc link to its pages.")
@click.option("--admin-email", metavar="EMAIL", help="Contact for the OAI-PMH repository (dc) [default: the "
              "settings' [export] admin_email].")
@click.option("--skip-invalid", is_flag=True, help="Export the other files when some sources cannot be "
              "exported as they are (unreadable; for tei/teicorpus, invalid against tei_all); they are "
              "listed in left-out.txt.")
def export(fmt: str, source: Path, out: Path | None, config: Path | None, registers: tuple[Path, ...],
           base_url: str | None, admin_email: str | None, skip_invalid: bool) -> None:
    """Export the edition for archives: tei, teicorpus, cmif, bagit or dc.

    Exit status: 0 written and valid, 1 sources that cannot be exported (nothing written; with
    --skip-invalid the others were written and these listed), or output that would not be valid
    (nothing written), 2 usage or I/O error.
    """
    from .exchange.commands import run_export

    raise SystemExit(run_export(fmt, source, out or Path("export") / fmt, config, registers,
                                base_url, admin_email, skip_invalid))
