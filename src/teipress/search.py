"""Full-text search with Pagefind: the finished site is indexed at the end of the build.

Each document page gets `s:search` (its date, year, type and the persons, places and
organisations it mentions) with its record, and writes it as Pagefind meta and filter
attributes. Pagefind (the `pagefind[bin]` wheel: the binary ships in it, nothing is downloaded)
then indexes the staged html/ folder. The index is a pure function of the pages, so when the
pages are byte-identical to the previous build's, the previous index is copied instead of rebuilt.

Pagefind holds the whole index in memory while it runs (about 300 KB per page: 3 GB for 10,000
documents), so an edition of more than CHUNK_PAGES indexed pages is indexed in chunks, one
Pagefind run each, into html/pagefind/ (the bundle search.js loads) and html/pagefind-2/, … (the
bundles it merges with Pagefind's `mergeIndex`; their names are listed under MERGE_KEY in
html/pagefind/pagefind-entry.json). A page's chunk is a hash of its file name, so editing, adding
or deleting a document changes one chunk, and only that chunk is indexed again; the others are
copied from the previous output like the whole index of a smaller edition.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import click
from lxml import etree

from . import TEI_NS
from .config import size_from_environment
from .outputs import SEARCH_FOLDER, search_folder
from .pagefind_files import normalise_index
from .references import CorpusIndex
from .site import REGISTER_PAGES

SITE_NS = "urn:teipress:site"
STAMP = ".teipress-inputs"  # hash of the pages the index was made from
# Pages per Pagefind run (its memory grows with them); TEIPRESS_SEARCH_CHUNK sets it (tests use a few).
CHUNK_PAGES = size_from_environment("TEIPRESS_SEARCH_CHUNK", 1000)
MERGE_KEY = "teipress_merge"  # in the first bundle's pagefind-entry.json: the other bundles' folders
BODY = re.compile(rb"<[^>]*\sdata-pagefind-body[\s=/>]")
FILTER_KINDS = {"person": "person", "place": "place", "org": "organisation"}
_T = f"{{{TEI_NS}}}"
_S = f"{{{SITE_NS}}}"


class SearchData:
    """What Pagefind records of each document besides its text: `s:search` with its date, year,
    type and the persons, places and organisations it names. `names` maps register ids to
    (name, register page)."""

    def __init__(self, index: CorpusIndex, names: dict[str, tuple[str, str]]) -> None:
        self.mentioned: dict[Path, set[str]] = defaultdict(set)
        for ident, counts in index.mentions.items():
            for path in counts:
                self.mentioned[path].add(ident)
        self.names = names
        self.kinds = {page: FILTER_KINDS.get(kind) for kind, page in REGISTER_PAGES.items()}

    def element(self, path: Path, root: etree._Element, record: etree._Element) -> etree._Element:
        """`s:search` of the document at `path` (`root`: its header; `record`: its s:record)."""
        search = etree.Element(f"{_S}search", nsmap={"s": SITE_NS})
        shown: set[tuple[str, str]] = set()  # each filter once
        date = record.get("date") or ""
        if re.match(r"^\d{4}", date):
            search.set("date", date)
            _filter(search, "year", date[:4], shown)
        _filter(search, "type", document_type(root), shown)
        names = self.names
        for ident in sorted(self.mentioned.get(path, ()), key=lambda i: (names.get(i, ("",))[0], i)):
            if ident in names and (kind := self.kinds.get(names[ident][1])):
                _filter(search, kind, names[ident][0], shown)
        return search


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
    """Write html/pagefind/ (and html/pagefind-2/, … for a large edition) for the staged site.
    Returns "indexed", "reused" or "unavailable". `previous` is the html/ folder of the output
    being replaced, if any. All pages go into one index in the interface `language` (Pagefind
    would otherwise split a multilingual edition into per-language indexes that the one search
    page could not search together)."""
    groups = chunks(indexed_pages(html), CHUNK_PAGES)
    if len(groups) <= 1:
        return _index_bundle(html, None, SEARCH_FOLDER, pages_hash(html) + language, previous, language)
    folders = [search_folder(number) for number in range(len(groups))]
    outcomes = [_index_bundle(html, group, folder, _chunk_hash(group, number, len(groups)) + language,
                              previous, language)
                for number, (group, folder) in enumerate(zip(groups, folders, strict=True))]
    if "unavailable" in outcomes:  # a partial index would silently miss documents
        for folder in folders:
            shutil.rmtree(html / folder, ignore_errors=True)
        return "unavailable"
    entry_path = html / SEARCH_FOLDER / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry[MERGE_KEY] = folders[1:]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return "indexed" if "indexed" in outcomes else "reused"


def indexed_pages(html: Path) -> list[Path]:
    """The pages Pagefind indexes: those marked with data-pagefind-body when any page is (each
    run decides this for its own pages, so a chunk of unmarked pages would be indexed whole)."""
    pages = sorted(html.glob("*.html"))
    marked = [page for page in pages if BODY.search(page.read_bytes())]
    return marked or pages


def chunks(pages: list[Path], size: int) -> list[list[Path]]:
    """`pages` in about len/size groups of about `size` each, a page's group chosen by a hash of
    its name (stable when other pages change, come or go); empty groups are left out."""
    if len(pages) <= size:
        return [pages]
    count = math.ceil(len(pages) / size)
    groups: list[list[Path]] = [[] for _ in range(count)]
    for page in pages:
        groups[int(hashlib.sha256(page.name.encode()).hexdigest()[:12], 16) % count].append(page)
    return [group for group in groups if group]


def _chunk_hash(pages: list[Path], number: int, count: int) -> str:
    digest = hashlib.sha256(f"{pagefind_version()}\0{number}/{count}\0".encode())
    for page in pages:
        digest.update(page.name.encode() + b"\0" + page.read_bytes() + b"\0")
    return digest.hexdigest()


def _index_bundle(html: Path, pages: list[Path] | None, folder: str, inputs: str, previous: Path | None,
                  language: str) -> str:
    """Index `pages` (None: the whole site) into html/`folder`, or copy the previous output's
    bundle when it was made from the same inputs."""
    old = previous / folder if previous is not None else None
    if old is not None and (old / STAMP).is_file() and (old / STAMP).read_text() == inputs:
        shutil.copytree(old, html / folder)  # same pages, same index
        return "reused"
    executable = pagefind_executable()
    if executable is None:
        click.echo("search: Pagefind is not installed (pip install 'pagefind[bin]'); "
                   "the edition has no search index", err=True)
        return "unavailable"
    if pages is None:
        result = run_pagefind(executable, html, ["--output-subdir", folder], language)
    else:
        with tempfile.TemporaryDirectory(dir=html.parent, prefix=".search-chunk-") as site:
            for page in pages:  # the chunk's pages alone, as the site Pagefind reads
                _link(page, Path(site) / page.name)
            result = run_pagefind(executable, Path(site), ["--output-path", str(html / folder)], language)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        click.echo(f"search: Pagefind failed ({reason[-1] if reason else result.returncode}); "
                   "the edition has no search index", err=True)
        shutil.rmtree(html / folder, ignore_errors=True)
        return "unavailable"
    normalise_index(html / folder)  # Pagefind's own file order varies from run to run
    (html / folder / STAMP).write_text(inputs)
    return "indexed"


def run_pagefind(executable: Path, site: Path, output: list[str],
                 language: str) -> subprocess.CompletedProcess:
    command = [str(executable), "--site", str(site), *output, "--force-language", language, "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, timeout=3600)


def _link(page: Path, target: Path) -> None:
    try:
        os.link(page, target)
    except OSError:  # another file system, or no hard links: a copy
        shutil.copyfile(page, target)
