"""Edition settings an editor may set in `teipress.toml` beside the sources' folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import TeipressError

DEFAULT_TITLE = "TEI edition"
CONFIG_NAME = "teipress.toml"


def edition_title(source: Path) -> str:
    """`[edition] title` from the nearest teipress.toml at or above the source folder."""
    for folder in [source.absolute(), *source.absolute().parents]:
        config = folder / CONFIG_NAME
        if config.is_file():
            try:
                data = tomllib.loads(config.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise TeipressError(f"{config}: not valid TOML: {exc}") from exc
            return str(data.get("edition", {}).get("title", DEFAULT_TITLE))
    return DEFAULT_TITLE
