"""What a command works on besides its paths: the settings, the checks and the registers.

Options on the command line win over the settings file, which wins over what teipress finds in
the source tree by itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .config import Settings, load_settings
from .discover import default_registers
from .validate import Checks


@dataclass(frozen=True)
class Project:
    settings: Settings
    checks: Checks
    registers: tuple[Path, ...]  # register files or folders

    @classmethod
    def find(cls, paths: list[Path], config: Path | None, registers: tuple[Path, ...],
             checks: Checks) -> Project:
        settings = load_settings(paths[0] if paths else Path("."), config)
        if checks.schema is None and settings.schema is not None:
            checks = replace(checks, schema=settings.schema)
        if not registers:
            registers = settings.registers
        if not registers and paths:
            found = default_registers(paths[0] if paths[0].is_dir() else paths[0].parent)
            registers = (found,) if found else ()
        return cls(settings, checks, tuple(registers))
