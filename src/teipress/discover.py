"""Finding the source files: folders are searched recursively for *.xml, in a stable order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, display_path

REGISTER_FOLDER = "registers"


@dataclass(frozen=True)
class Sources:
    """The files to read, and the paths that named nothing."""

    files: list[Path]
    missing: list[Finding]


def discover(paths: list[Path]) -> Sources:
    """Expand folders into their XML files (sorted, hidden folders skipped, no duplicates)."""
    files: list[Path] = []
    missing: list[Finding] = []
    for path in paths:
        if path.is_dir():
            files.extend(_xml_files(path))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            missing.append(Finding(display_path(path), 0, 0, "error", "file", "no such file or folder"))
    unique = list(dict.fromkeys(p.absolute() for p in files))
    return Sources(unique, missing)


def _xml_files(folder: Path) -> list[Path]:
    """*.xml below the folder. os.walk, unlike Path.rglob, also lists broken symbolic links (to be
    reported) and never follows linked folders (no loops, nothing outside the tree)."""
    found = []
    for current, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        base = Path(current)
        found.extend(base / name for name in names if name.endswith(".xml") and not name.startswith("."))
        # A folder named like an XML file is listed too, so the user hears why it was not read.
        found.extend(base / name for name in folders if name.endswith(".xml"))
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def default_registers(source: Path) -> Path | None:
    """The register folder of a source tree: `registers/` inside it, or beside a documents folder."""
    for candidate in (source / REGISTER_FOLDER, source.parent / REGISTER_FOLDER):
        if candidate.is_dir():
            return candidate
    return None


def is_within(path: Path, places: list[Path]) -> bool:
    """Whether the file is one of the places (files or folders) or inside one of them."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(place.resolve()) for place in places)
