"""Edition settings: `teipress.toml` beside or above the sources, or named with `--config`.

The file is looked up from the *resolved* source folder upwards, so a corpus outside this
repository never picks up this repository's settings. Without a file, the title comes from the
corpus itself. Relative paths in the file are relative to the file's folder.
"""

from __future__ import annotations

import glob
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from . import TEI_NS
from .errors import TeipressError

CONFIG_NAME = "teipress.toml"
LANGUAGES = ("en", "de", "fr")
# Folder names that say nothing about the edition; the title then comes from the folder above.
GENERIC_FOLDERS = {"tei", "xml", "data", "editions", "edition", "documents", "texts", "sources", "src"}
_T = f"{{{TEI_NS}}}"


@dataclass(frozen=True)
class Settings:
    title: str
    subtitle: str | None = None
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    base_url: str | None = None
    language: str = "en"
    licence: str | None = None
    schema: Path | None = None  # None: a local xml-model schema, else the shipped tei_all
    project_rules: bool = False  # the project's Schematron rules (teipress.sch)
    registers: tuple[Path, ...] = ()
    documents: tuple[str, ...] = ()  # glob patterns, relative to the config folder
    pages: tuple[str, ...] = ()
    admin_email: str | None = None  # [export]: the contact an OAI-PMH repository names (export dc)
    config_path: Path | None = None

    def matching(self, patterns: tuple[str, ...]) -> list[Path]:
        """The files the glob patterns name (relative to the config folder), sorted."""
        base = self.config_path.parent if self.config_path else Path.cwd()
        found: set[Path] = set()
        for pattern in patterns:
            full = pattern if Path(pattern).is_absolute() else f"{glob.escape(str(base))}/{pattern}"
            found.update(Path(p).resolve() for p in glob.glob(full, recursive=True))
        return sorted(p for p in found if p.is_file())


def load_settings(source: Path, config: Path | None = None) -> Settings:
    """The settings for a build or validation of `source` (a folder or a file)."""
    path = config if config is not None else find_config(source)
    if path is None:
        return Settings(title=corpus_title(source))
    return _from_file(path, source)


def find_config(source: Path) -> Path | None:
    """The nearest teipress.toml at or above the resolved source folder."""
    start = source.resolve()
    if not start.is_dir():
        start = start.parent
    for folder in [start, *start.parents]:
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return None


def _from_file(path: Path, source: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TeipressError(f"{path}: cannot read the settings: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TeipressError(f"{path}: not valid TOML: {exc}") from exc
    base = path.resolve().parent
    edition, sources, validation, export = (_table(data, path, name)
                                            for name in ("edition", "sources", "validation", "export"))
    language = _text(edition, "language", path) or "en"
    if language not in LANGUAGES:
        raise TeipressError(f"{path}: [edition] language must be one of {', '.join(LANGUAGES)}, "
                            f"not {language!r}")
    schema = _text(validation, "schema", path)
    return Settings(
        title=_text(edition, "title", path) or corpus_title(source),
        subtitle=_text(edition, "subtitle", path),
        editors=_texts(edition, "editors", path),
        publisher=_text(edition, "publisher", path),
        base_url=_text(edition, "base_url", path),
        language=language,
        licence=_text(edition, "licence", path),
        schema=(base / schema).resolve() if schema else None,
        project_rules=bool(validation.get("project_rules", False)),
        registers=tuple((base / r).resolve() for r in _texts(sources, "registers", path)),
        documents=_texts(sources, "documents", path),
        pages=_texts(sources, "pages", path),
        admin_email=_email(export, "admin_email", path),
        config_path=path.resolve(),
    )


def _table(data: dict[str, Any], path: Path, name: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise TeipressError(f"{path}: [{name}] must be a table")
    return table


def _text(table: dict[str, Any], key: str, path: Path) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise TeipressError(f"{path}: {key} must be a string")
    return value or None


def _email(table: dict[str, Any], key: str, path: Path) -> str | None:
    value = _text(table, key, path)
    if value is not None and ("@" not in value or any(c.isspace() for c in value)):
        raise TeipressError(f"{path}: {key} must be an e-mail address, not {value!r}")
    return value


def _texts(table: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TeipressError(f"{path}: {key} must be a list of strings")
    return tuple(value)


def corpus_title(source: Path) -> str:
    """A teiCorpus header's title, else the series title all documents share (the title of the
    only document), else the folder's name (the one above it when it is called e.g. `editions`)."""
    folder = source.resolve()
    files = sorted(folder.rglob("*.xml")) if folder.is_dir() else [folder]
    series: set[str] = set()
    for file in files[:500]:  # enough to tell whether the documents share one
        root, titles = _header_titles(file)
        if (root == f"{_T}teiCorpus" or len(files) == 1) and titles.get("main"):
            return titles["main"]
        series.add(titles.get("series", ""))
    if len(series) == 1 and (common := series.pop()):
        return common
    if not folder.is_dir():
        folder = folder.parent
    while folder.name.lower() in GENERIC_FOLDERS and folder.parent != folder:
        folder = folder.parent
    return folder.name or "TEI edition"


def _header_titles(file: Path) -> tuple[str, dict[str, str]]:
    """The root element's name and the first titleStmt title (main) and series title of a file,
    read up to the end of its first teiHeader only (no entities, nothing fetched)."""
    titles: dict[str, str] = {}
    root = ""
    try:
        for event, element in etree.iterparse(str(file), events=("start", "end"), resolve_entities=False,
                                              no_network=True, load_dtd=False, huge_tree=False):
            if event == "start":
                root = root or element.tag
                continue
            if element.tag == f"{_T}title":
                _note_title(element, titles)
            elif element.tag == f"{_T}teiHeader":
                break
    except (etree.XMLSyntaxError, OSError):
        pass  # the build reports unreadable files; here they just name no title
    return root, titles


def _note_title(element: etree._Element, titles: dict[str, str]) -> None:
    text = " ".join("".join(element.itertext()).split())
    parent = element.getparent()
    if not text or parent is None:
        return
    kind = element.get("type", "")
    if parent.tag == f"{_T}seriesStmt" or element.get("level") == "s" or kind in ("series", "collection"):
        titles.setdefault("series", text)
    elif parent.tag == f"{_T}titleStmt" and kind in ("", "main", "complete"):
        titles.setdefault("main", text)


def size_from_environment(name: str, default: int) -> int:
    """A size the environment variable `name` may set (tests use small ones); a value that is
    not a positive whole number is ignored, as if unset."""
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdecimal() and int(value) > 0 else default
