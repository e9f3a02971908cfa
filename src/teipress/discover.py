"""Finding the source files: folders are searched recursively for *.xml, in a stable order."""

from __future__ import annotations

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
    found = []
    for path in folder.rglob("*.xml"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def default_registers(source: Path) -> Path | None:
    """The register folder of a source tree: `registers/` inside it, or beside a documents folder."""
    for candidate in (source / REGISTER_FOLDER, source.parent / REGISTER_FOLDER):
        if candidate.is_dir():
            return candidate
    return None


def is_within(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
