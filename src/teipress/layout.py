"""Which source files are the edition's documents, which are its pages, which are registers.

The settings may say (`[sources] documents/pages/registers`); otherwise teipress looks: a file
whose text holds nothing but lists of persons, places, organisations, works or events is a
register wherever it lies (e.g. `indices/listperson.xml`), and files in a folder named like
`meta/` or `pages/` are the edition's pages (introduction, guidelines), not dated documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from . import TEI_NS
from .config import Settings
from .discover import is_within
from .parse import ParsedDocument
from .site import SITE_NS, link_stems

T = f"{{{TEI_NS}}}"
PAGE_FOLDERS = {"meta", "pages", "about", "intro", "introduction", "paratext"}
LISTS = {f"{T}{name}" for name in ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent",
                                     "listWit", "listRelation", "listNym", "listObject")}
WRAPPERS = {f"{T}{name}" for name in ("text", "front", "body", "back", "div", "head", "standOff")}


@dataclass(frozen=True)
class Layout:
    documents: list[ParsedDocument]
    pages: list[ParsedDocument]
    registers: list[ParsedDocument]


def arrange(subjects: list[ParsedDocument], everything: list[ParsedDocument], settings: Settings,
            registers_at: list[Path]) -> Layout:
    """Sort the parsed files: `subjects` are the files of the source folder, `everything` also
    the register files loaded from elsewhere."""
    chosen = set(settings.matching(settings.documents)) if settings.documents else None
    named_pages = set(settings.matching(settings.pages))
    registers = [d for d in everything if is_within(d.path, registers_at) or is_register_only(d.root)]
    taken = {d.path for d in registers}
    pages = [d for d in subjects if d.path not in taken
             and (d.path.resolve() in named_pages or (not named_pages and _in_page_folder(d.path)))]
    taken |= {d.path for d in pages}
    documents = [d for d in subjects if d.path not in taken
                 and (chosen is None or d.path.resolve() in chosen)]
    return Layout(documents, pages, registers)


def is_register_only(root: etree._Element) -> bool:
    """A TEI file whose text (and standOff) holds only lists of entities, with headings."""
    if root.tag != f"{T}TEI":
        return False
    parts = root.findall(f"{T}text") + root.findall(f"{T}standOff")
    found = False
    for part in parts:
        for element in part.iter(etree.Element):
            if element.tag in LISTS:
                found = True
                continue
            if any(a.tag in LISTS for a in element.iterancestors()):
                continue
            if element.tag not in WRAPPERS:
                return False
            if element.tag != f"{T}head" and (element.text or "").strip():
                return False
    return found


def _in_page_folder(path: Path) -> bool:
    return path.parent.name.lower() in PAGE_FOLDERS


def with_pages(site: etree._Element, pages: list[ParsedDocument], slugs: dict[Path, str],
               volume_pages: set[Path]) -> etree._Element:
    """The site manifest with an s:page per edition page (not in the index of documents):
    kind 'page' for an introduction or the like, 'volume' for a volume's contents and matter."""
    stems = link_stems(slugs)
    for page in pages:
        slug = slugs[page.path]
        titles = page.root.findall(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}title")
        words = [" ".join("".join(t.itertext()).split()) for t in titles]
        title = next((w for w in words if w), slug)
        element = etree.SubElement(site, f"{{{SITE_NS}}}page", id=slug, href=f"{slug}.html", title=title,
                                   kind="volume" if page.path in volume_pages else "page")
        if page.path in stems:
            element.set("stem", stems[page.path])
    return site
