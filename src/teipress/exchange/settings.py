"""The edition's settings, as exports and the import assistant read them.

One function, so that exchange code depends on the settings API (teipress.config) in one place.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Settings, load_settings


def edition_settings(source: Path, config: Path | None = None) -> Settings:
    """Settings for a source folder (or file): `--config` if given, else the nearest teipress.toml."""
    return load_settings(source, config)
