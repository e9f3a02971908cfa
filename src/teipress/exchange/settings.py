"""The edition's settings, as exports and the import assistant read them.

One function, so that exchange code depends on the settings API (teipress.config) in one place.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import TeipressError

try:
    from ..config import Settings, load_settings  # the settings API (issue 10)
except ImportError:  # pragma: no cover - until the settings API has landed
    Settings = None  # type: ignore[assignment,misc]
    load_settings = None  # type: ignore[assignment]


@dataclass(frozen=True)
class _InterimSettings:
    """The fields of teipress.config.Settings that exchange uses, read the same way."""

    title: str
    subtitle: str | None
    editors: tuple[str, ...]
    publisher: str | None
    base_url: str | None
    language: str
    licence: str | None
    schema: Path | None
    project_rules: bool
    registers: tuple[Path, ...]
    documents: tuple[str, ...]
    pages: tuple[str, ...]
    config_path: Path | None


def edition_settings(source: Path, config: Path | None = None):
    """Settings for a source folder (or file): `--config` if given, else the nearest teipress.toml."""
    if load_settings is not None:
        return load_settings(source, config)
    return _interim(source, config)


def _interim(source: Path, config: Path | None) -> _InterimSettings:
    path = config
    if path is None:
        start = source.resolve()
        path = next((f / "teipress.toml" for f in [start, *start.parents] if (f / "teipress.toml").is_file()),
                    None)
    data: dict = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise TeipressError(f"{path}: cannot be read as TOML: {exc}") from exc
    edition, sources = data.get("edition", {}), data.get("sources", {})
    base = path.parent if path is not None else source.resolve()
    return _InterimSettings(
        title=edition.get("title") or source.resolve().name,
        subtitle=edition.get("subtitle"),
        editors=tuple(edition.get("editors", ())),
        publisher=edition.get("publisher"),
        base_url=edition.get("base_url"),
        language=edition.get("language", "en"),
        licence=edition.get("licence"),
        schema=None,
        project_rules=True,
        registers=tuple(base / r for r in sources.get("registers", ())),
        documents=tuple(sources.get("documents", ())),
        pages=tuple(sources.get("pages", ())),
        config_path=path,
    )
