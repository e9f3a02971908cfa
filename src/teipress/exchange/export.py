"""`teipress export FORMAT`: read the edition, write the format into a staging folder, check it
with the format's own validator, and only then replace the output folder (as the build does).
An export whose output fails its validator writes nothing and says why. Sources it cannot carry
(left_out.py) stop it too, unless `--skip-invalid` asks for the others: then the left-out files
are named, with every reason, on the terminal and in `left-out.txt` beside the export.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EXIT_INVALID, TeipressError
from ..findings import display_path
from ..publish import staged_output
from . import checks
from .bagit_export import BAG, write_bag
from .cmif import cmif
from .dc import beacon, static_repository
from .edition import Edition, export_date, load_edition, serialise
from .export_tei import write_tei
from .facts import with_facts
from .left_out import left_out_text, source_problems, without
from .teicorpus import corpus

FORMATS = ("tei", "teicorpus", "cmif", "bagit", "dc")
TEI_ALL = ("tei_all.rng",)
CMIF_RNG = ("cmif", "cmi-customization.rng")
CMIF_SCH = ("cmif", "cmif.sch")
LEFT_OUT = "left-out.txt"


class ExportRefused(TeipressError):
    """What the export wrote failed its validator (or a source is unusable); nothing was written.
    The message is one line; `problems` holds the findings, one `file:line:col: …` line each."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass
class ExportResult:
    out: Path
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # source files not exported (--skip-invalid)


Writer = Callable[[Edition, Path, datetime.date], tuple[list[str], list[str]]]


def export(fmt: str, source: Path, out: Path, config: Path | None, registers: tuple[Path, ...] = (),
           base_url: str | None = None, admin_email: str | None = None, skip_invalid: bool = False
           ) -> ExportResult:
    edition = load_edition(source, config, registers)
    if not edition.documents and not edition.unusable:
        raise TeipressError(f"no TEI documents in {display_path(source)}")
    edition = with_facts(edition, base_url, admin_email)
    blocked = source_problems(edition, fmt)
    if blocked and not skip_invalid:
        files = len({f.path for f in blocked})
        raise ExportRefused(f"export {fmt}: {files} source file(s) cannot be exported as they are "
                            "(listed above); nothing was written. Correct them, or give --skip-invalid "
                            "to export the others and list these", [f.format() for f in blocked])
    edition = without(edition, blocked)
    if not edition.documents:
        raise ExportRefused(f"export {fmt}: no document can be exported; nothing was written",
                            [f.format() for f in blocked])
    when = export_date()
    result = ExportResult(out, left_out=edition.left_out)
    with staged_output(out, [source, *edition.register_paths]) as staging:
        problems, notes = WRITERS[fmt](edition, staging, when)
        result.notes = edition.notes + notes
        if problems:
            shown = [p.replace(str(staging), str(out)).replace(display_path(staging), display_path(out))
                     for p in problems]
            raise ExportRefused(f"export {fmt}: what it wrote is not valid ({len(shown)} problem(s), "
                                "listed above); nothing was written", shown)
        if blocked:
            (staging / LEFT_OUT).write_text(left_out_text(blocked), encoding="utf-8")
            result.notes.append(f"{len(edition.left_out)} source file(s) left out, listed with the reasons "
                                f"in {LEFT_OUT}:")
            result.notes += [f"  {f.format()}" for f in blocked]
        result.files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    return result


def _tei(edition: Edition, folder: Path, when: datetime.date) -> tuple[list[str], list[str]]:
    files = write_tei(edition, folder, when)
    problems = checks.relaxng_problems(files, checks.schema_file(*TEI_ALL))
    return problems, [f"{len(files)} self-contained TEI files (valid against tei_all)"]


def _teicorpus(edition: Edition, folder: Path, when: datetime.date) -> tuple[list[str], list[str]]:
    path = folder / "teicorpus.xml"
    path.write_bytes(serialise(corpus(edition, when)))
    problems = checks.relaxng_problems([path], checks.schema_file(*TEI_ALL))
    return problems, [f"teicorpus.xml: {len(edition.documents)} documents, {len(edition.pages)} pages, "
                      f"{len(edition.registers)} registers (valid against tei_all)"]


def _cmif(edition: Edition, folder: Path, when: datetime.date) -> tuple[list[str], list[str]]:
    result = cmif(edition, when)
    path = folder / "cmif.xml"
    path.write_bytes(serialise(result.root))
    problems = checks.relaxng_problems([path], checks.schema_file(*CMIF_RNG))
    problems += checks.schematron_problems(path, checks.schema_file(*CMIF_SCH))
    notes = [f"cmif.xml: {len(result.letters)} letters"]
    if result.skipped:
        notes.append(f"{len(result.skipped)} documents without letter metadata were skipped:")
        notes += [f"  {document}: {why}" for document, why in result.skipped]
    return problems, notes


def _dc(edition: Edition, folder: Path, when: datetime.date) -> tuple[list[str], list[str]]:
    path = folder / "oai-pmh.xml"
    path.write_bytes(serialise(static_repository(edition, when)))
    links = beacon(edition, when)
    (folder / "beacon-gnd.txt").write_text(links, encoding="utf-8")
    count = sum(1 for line in links.splitlines() if line and not line.startswith("#"))
    return checks.oai_static_problems(path), [
        f"oai-pmh.xml: {len(edition.documents)} oai_dc records", f"beacon-gnd.txt: {count} GND links"]


def _bagit(edition: Edition, folder: Path, when: datetime.date) -> tuple[list[str], list[str]]:
    notes = write_bag(edition, folder, when)
    return checks.bag_problems(folder / BAG), [f"{BAG}/: BagIt 1.0, {notes[0]}"]


WRITERS: dict[str, Writer] = {"tei": _tei, "teicorpus": _teicorpus, "cmif": _cmif, "dc": _dc,
                              "bagit": _bagit}

