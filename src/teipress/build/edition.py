"""The reduce step: what the whole edition is made of, from the documents' records and pages.

The site manifest and the merged registers are built once from every document's catalogue
record; the pages that list documents (index, registers, validation report) come from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import XML_ID
from ..config import Settings, size_from_environment
from ..findings import FileReport, Finding, display_path, reports_to_json
from ..outputs import ABOUT_PAGE, INDEX_PAGE, SEARCH_PAGE, VALIDATION_DATA, VALIDATION_PAGE, mentions_page
from ..pictures import Published, corpus_pictures, correspondents, index_timeline
from ..report import as_xml
from ..site import (
    REGISTER_KINDS,
    REGISTER_PAGES,
    SITE_NS,
    link_stems,
    mention_counts,
    mentions_texts,
    site_element,
    summary_text,
)
from ..volumes import VOLUME
from .reduce import ReducePages, Xml, write

_TEI = "{http://www.tei-c.org/ns/1.0}"
# A register page lists where its entries are named in up to this many documents in all; beyond,
# the lists are on pages of their own (register_pages). TEIPRESS_REGISTER_LISTED sets it.
LISTED_HERE = size_from_environment("TEIPRESS_REGISTER_LISTED", 20_000)
PARTS_A_PASS = 8  # each reading of every document's mentions serves this many pages


@dataclass(frozen=True)
class Manifest:
    """The inputs of the site manifest; `site` makes it for any subset of the documents."""

    settings: Settings
    entries: list[etree._Element]
    slugs: dict[Path, str]
    citation: etree._Element  # the edition's own s:citation
    roots: Mapping[Path, etree._Element]  # the documents' headers, for the pictures and About
    mentions: dict[Path, str]  # where each document names the register entries (mentions.packed)

    def site(self, records: dict[Path, etree._Element]) -> etree._Element:
        """The manifest listing the documents in `records` ({path: s:record}, corpus order)."""
        # each root is read once here: under the build's flat memory every read parses it again
        documents = self.published(records)
        stems = link_stems(self.slugs)
        for (path, record), document in zip(records.items(), documents, strict=True):
            if volume := document.root.get(VOLUME):
                record.set("volume", volume)
            if path in stems:
                record.set("stem", stems[path])
        listed = [(self.slugs[path], record) for path, record in records.items()]
        element = site_element(self.settings, listed, self.entries,
                               correspondents(documents, self.entries, REGISTER_PAGES))
        element.insert(0, deepcopy(self.citation))  # for the index and the About page
        element.insert(1, index_timeline(documents, self.settings.language))
        return element

    def ids_of(self, kind: str) -> list[str]:
        """The ids of the register entries of `kind`, in the registers' order."""
        return [entry.get(XML_ID) for entry in self.entries
                if REGISTER_KINDS[etree.QName(entry).localname] == kind]

    def mentions_xml(self, records: dict[Path, etree._Element], groups: list[set[str]]) -> list[Xml]:
        """Where the documents in `records` name the register entries of each group
        (site.mentions_texts)."""
        texts = mentions_texts(self.mentions, {path: self.slugs[path] for path in records}, groups)
        return [Xml(text) for text in texts]

    def published(self, records: dict[Path, etree._Element]) -> list[Published]:
        """What the pictures need of the documents in `records`."""
        return [Published(f"{self.slugs[path]}.html",
                          " ".join((record.findtext(f"{{{SITE_NS}}}title") or "").split())
                          or self.slugs[path], record.get("date"), _pictured(self.roots[path]))
                for path, record in records.items()]


def _pictured(root: etree._Element) -> etree._Element:
    """What the pictures read of a document (its correspondence descriptions) and the volume it
    belongs to: a list of 10,000 documents would otherwise hold 10,000 headers at once."""
    kept = etree.Element(root.tag, {VOLUME: root.get(VOLUME)} if root.get(VOLUME) else {})
    kept.extend(deepcopy(desc) for desc in root.iter(f"{_TEI}correspDesc"))
    return kept


def listing_pages(pages: ReducePages, manifest: Manifest, records: dict[Path, etree._Element],
                  site: Xml, registers: Xml) -> None:
    """index.html, search.html, the picture pages, the register pages and the About page."""
    pages.page(INDEX_PAGE, "html-index", site)
    pages.page(SEARCH_PAGE, "html-search", site)
    for page, picture in corpus_pictures(manifest.published(records), manifest.entries, REGISTER_PAGES,
                                         manifest.settings.language):
        pages.page(page, "html-pictures", _xml(picture), site=site)
    kinds = {REGISTER_KINDS[etree.QName(entry).localname] for entry in manifest.entries}
    for kind, page in REGISTER_PAGES.items():
        if kind == "bibl" and kind not in kinds:  # a bibliography page only for listBibl registers
            continue
        register_pages(pages, manifest, records, kind, page, site, registers)
    about = about_source(manifest.roots[path] for path in records)
    if about is not None:
        pages.page(ABOUT_PAGE, "html-about", _xml(about), site=site, registers=registers)


def register_pages(pages: ReducePages, manifest: Manifest, records: dict[Path, etree._Element], kind: str,
                   page: str, site: Xml, registers: Xml) -> None:
    """The register page of `kind`, with where each entry is named (each page gets only the
    mentions of its own kind). Where that would list more than LISTED_HERE documents, the lists
    move to pages of their own, `persons-mentions-1.html` …, each of about that many, and the
    register links each entry to its list: at 10,000 letters the persons page was 48 MB."""
    ids = manifest.ids_of(kind)
    counts = mention_counts(manifest.mentions, records, set(ids))
    if sum(len(documents) for _, documents in counts.values()) <= LISTED_HERE:
        [mentions] = manifest.mentions_xml(records, [set(ids)])
        pages.page(page, "html-register", registers, site=site, kind=kind, mentions=mentions)
        return
    parts: list[list[str]] = [[]]
    listed = 0
    for ident in (i for i in ids if i in counts):  # the registers' order, cut where a part is full
        if listed >= LISTED_HERE:
            parts.append([])
            listed = 0
        parts[-1].append(ident)
        listed += len(counts[ident][1])
    names = {ident: mentions_page(page, n) for n, part in enumerate(parts, 1) for ident in part}
    pages.page(page, "html-register", registers, site=site, kind=kind,
               mentions=Xml(summary_text(counts, names)))
    for first in range(0, len(parts), PARTS_A_PASS):  # a few parts for each reading of the mentions
        batch = parts[first:first + PARTS_A_PASS]
        texts = manifest.mentions_xml(records, [set(part) for part in batch])
        for n, (part, mentions) in enumerate(zip(batch, texts, strict=True), first + 1):
            pages.page(names[part[0]], "html-register", registers, site=site, kind=kind, mentions=mentions,
                       part=str(n))


def _xml(element: etree._Element) -> Xml:
    return Xml(etree.tostring(element, encoding="unicode"))


def about_source(roots: Iterable[etree._Element]) -> etree._Element | None:
    """The header the About page describes: the first document's that says how the edition was
    encoded (projectDesc or editorialDecl), else the first document's. `roots` is read only up
    to that document (each root may be parsed when it is read)."""
    encoding = f"{_TEI}teiHeader/{_TEI}encodingDesc/{_TEI}"
    first = None
    for root in roots:
        if any(root.find(encoding + name) is not None for name in ("projectDesc", "editorialDecl")):
            return root
        first = root if first is None else first
    return first


def with_failures(reports: list[FileReport], failures: list[Finding]) -> list[FileReport]:
    """The validation reports with the documents that could not be rendered added at the end of
    their file's findings (new reports; the validation result itself is not changed)."""
    extra: dict[str, list[Finding]] = {}
    for finding in failures:
        extra.setdefault(finding.path, []).append(finding)
    return [FileReport(r.path, [*r.findings, *extra.get(r.path, [])]) for r in reports]


def validation_pages(pages: ReducePages, reports: list[FileReport], published: dict[str, str],
                     source: Path, schema: str, rules: bool, site: Xml) -> None:
    """validation.json and validation.html, with paths relative to the source folder's parent so
    the published report is the same whichever folder the build was started from."""
    base = source.absolute().parent
    relative = {r.path: _relative_to(r.path, base) for r in reports}
    shown = [FileReport(relative[r.path], [_moved(f, relative[r.path]) for f in r.findings])
             for r in reports]
    linked = {relative[path]: page for path, page in published.items() if path in relative}
    write(pages.html / VALIDATION_DATA, reports_to_json(shown))
    report = as_xml(shown, schema=schema, rules=rules, pages=linked)
    pages.page(VALIDATION_PAGE, "html-validation", _xml(report), site=site)


def _relative_to(shown: str, base: Path) -> str:
    path = Path(shown).absolute()
    return path.relative_to(base).as_posix() if path.is_relative_to(base) else display_path(path)


def _moved(finding: Finding, path: str) -> Finding:
    return Finding(path, finding.line, finding.column, finding.severity, finding.rule, finding.message)
