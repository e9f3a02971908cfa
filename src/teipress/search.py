"""Full-text search with Pagefind: the finished site is indexed at the end of the build.

Each document record gets `s:search` (its date, year, type and the persons, places and
organisations it mentions), which the document page writes as Pagefind meta and filter
attributes. Pagefind (the `pagefind[bin]` wheel: the binary ships in it, nothing is downloaded)
then indexes the staged html/ folder. The index is a pure function of the pages, so when the
pages are byte-identical to the previous build's, the previous index is copied instead of rebuilt.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import click
from lxml import etree

from . import TEI_NS
from .pagefind_files import normalise_index
from .references import CorpusIndex
from .site import REGISTER_PAGES

SITE_NS = "urn:teipress:site"
INDEX_FOLDER = "pagefind"
STAMP = ".teipress-inputs"  # hash of the pages the index was made from
FILTER_KINDS = {"person": "person", "place": "place", "org": "organisation"}
_T = f"{{{TEI_NS}}}"
_S = f"{{{SITE_NS}}}"


def add_search_data(records: dict, index: CorpusIndex, names: dict[str, tuple[str, str]]) -> None:
    """Append `s:search` to each catalogue record. `records` maps ParsedDocument -> s:record;
    `names` maps register ids to (name, register page)."""
    mentioned: dict[Path, set[str]] = defaultdict(set)
    for ident, counts in index.mentions.items():
        for path in counts:
            mentioned[path].add(ident)
    kinds = {page: FILTER_KINDS.get(kind) for kind, page in REGISTER_PAGES.items()}
    for document, record in records.items():
        search = etree.SubElement(record, f"{_S}search")
        shown: set[tuple[str, str]] = set()  # each filter once
        date = record.get("date") or ""
        if re.match(r"^\d{4}", date):
            search.set("date", date)
            _filter(search, "year", date[:4], shown)
        _filter(search, "type", document_type(document.root), shown)
        for ident in sorted(mentioned.get(document.path, ()), key=lambda i: (names.get(i, ("",))[0], i)):
            if ident in names and (kind := kinds.get(names[ident][1])):
                _filter(search, kind, names[ident][0], shown)


def _filter(parent: etree._Element, name: str, value: str, shown: set[tuple[str, str]]) -> None:
    value = " ".join(value.split())
    if value and (name, value) not in shown:
        shown.add((name, value))
        etree.SubElement(parent, f"{_S}filter", name=name, value=value)


def document_type(root: etree._Element) -> str:
    """What kind of document: the TEI's own @type (on TEI, text or the first division), a letter
    when it has a correspondence description, else "document"."""
    for element in (root, root.find(f"{_T}text"), root.find(f"{_T}text/{_T}body/{_T}div")):
        if element is not None and (element.get("type") or "").strip():
            return element.get("type").strip()
    return "letter" if root.find(f".//{_T}correspDesc") is not None else "document"


def pages_hash(html: Path) -> str:
    """Hash of every page Pagefind would read (and of the Pagefind version), in a stable order."""
    digest = hashlib.sha256(pagefind_version().encode())
    for page in sorted(html.glob("*.html")):
        digest.update(page.name.encode() + b"\0" + page.read_bytes() + b"\0")
    return digest.hexdigest()


def pagefind_executable() -> Path | None:
    try:
        import pagefind_bin
        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        return None


def pagefind_version() -> str:
    try:
        from importlib.metadata import version
        return version("pagefind_bin")
    except Exception:  # not installed: the hash then only changes with the pages
        return ""


def index_site(html: Path, previous: Path | None, language: str = "en") -> str:
    """Write html/pagefind/ for the staged site. Returns "indexed", "reused" or "unavailable".
    `previous` is the html/ folder of the output being replaced, if any. All pages go into one
    index in the interface `language` (Pagefind would otherwise split a multilingual edition
    into per-language indexes that the one search page could not search together)."""
    inputs = pages_hash(html) + language
    old = previous / INDEX_FOLDER if previous is not None else None
    if old is not None and (old / STAMP).is_file() and (old / STAMP).read_text() == inputs:
        shutil.copytree(old, html / INDEX_FOLDER)  # same pages, same index
        return "reused"
    executable = pagefind_executable()
    if executable is None:
        click.echo("search: Pagefind is not installed (pip install 'pagefind[bin]'); "
                   "the edition has no search index", err=True)
        return "unavailable"
    command = [str(executable), "--site", str(html), "--output-subdir", INDEX_FOLDER,
               "--force-language", language, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        click.echo(f"search: Pagefind failed ({reason[-1] if reason else result.returncode}); "
                   "the edition has no search index", err=True)
        shutil.rmtree(html / INDEX_FOLDER, ignore_errors=True)
        return "unavailable"
    normalise_index(html / INDEX_FOLDER)  # Pagefind's own file order varies from run to run
    (html / INDEX_FOLDER / STAMP).write_text(inputs)
    return "indexed"
