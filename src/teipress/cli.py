"""The `teipress` command. Options are parsed here; the work happens in the stage modules."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__

SCHEMA_HELP = "RELAX NG schema (.rng) to validate against [default: the project schema]."
XINCLUDE_HELP = "Expand xi:include (only files inside the source folder)."


@click.group()
@click.version_option(__version__, prog_name="teipress")
def main() -> None:
    """Validate TEI P5 sources and publish them as HTML and plain-text editions."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", type=click.Path(path_type=Path), help=SCHEMA_HELP)
@click.option(
    "--registers",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of register files that pointers resolve into [default: tei/registers].",
)
@click.option(
    "--format", "output_format", type=click.Choice(["human", "json"]), default="human",
    show_default=True, help="How to print the findings.",
)
@click.option("--xinclude", is_flag=True, help=XINCLUDE_HELP)
def validate(paths: tuple[Path, ...], schema: Path | None, registers: Path | None,
             output_format: str, xinclude: bool) -> None:
    """Check TEI files or folders (default: tei/) against the schema and the reference rules.

    Exit status: 0 all valid, 1 invalid, 2 usage or I/O error.
    """
    from .commands import run_validate

    raise SystemExit(
        run_validate(list(paths) or [Path("tei")], schema, registers, output_format, xinclude)
    )


@main.command()
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("tei"),
              show_default=True, help="Folder of TEI sources.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"),
              show_default=True, help="Output folder; replaced as a whole when the build succeeds.")
@click.option("--schema", type=click.Path(path_type=Path), help=SCHEMA_HELP)
@click.option("--strict", is_flag=True, help="Publish nothing if any file has an error.")
@click.option("--xinclude", is_flag=True, help=XINCLUDE_HELP)
def build(source: Path, out: Path, schema: Path | None, strict: bool, xinclude: bool) -> None:
    """Validate the sources and publish the HTML and plain-text editions."""
    from .commands import run_build

    raise SystemExit(run_build(source, out, schema, strict, xinclude))
