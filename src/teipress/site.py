"""The edition's model, handed to the stylesheets: the site manifest and the merged registers.

The stylesheets never open files, so everything a page needs beyond its own TEI comes from here:
which documents exist (with their catalogue records) and which register entry each one mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import deepcopy
from pathlib import Path

from lxml import etree

from . import TEI_NS, TP_NS, XML_ID
from .config import Settings
from .parse import ParsedDocument
from .references import ENTITY_KINDS, CorpusIndex

SITE_NS = "urn:teipress:site"
REGISTER_PAGES = {"person": "persons.html", "place": "places.html", "org": "organisations.html"}


def slugs_for(documents: Iterable[ParsedDocument]) -> dict[Path, str]:
    """Output names: the source file's name without .xml (the project's rules make it the
    document's xml:id), reduced to safe characters and made unique in corpus order, so two
    files never overwrite each other's pages."""
    taken: set[str] = set()
    result: dict[Path, str] = {}
    for document in documents:
        base = re.sub(r"[^A-Za-z0-9._-]+", "-", document.path.stem).strip("-.")[:120] or "document"
        slug, n = base, 2
        while slug.lower() in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug.lower())
        result[document.path] = slug
    return result


def site_element(settings: Settings, records: list[tuple[str, etree._Element]],
                 entries: list[etree._Element], index: CorpusIndex,
                 slugs_by_path: dict[Path, str]) -> etree._Element:
    """The `s:site` manifest: the edition's settings, one s:document per published document,
    one s:entity per entry."""
    site = etree.Element(f"{{{SITE_NS}}}site", nsmap={"s": SITE_NS}, title=settings.title,
                         language=settings.language)
    for key in ("subtitle", "publisher", "licence", "base_url"):
        if value := getattr(settings, key):
            site.set(key.replace("_", "-"), value)
    for editor in settings.editors:
        etree.SubElement(site, f"{{{SITE_NS}}}editor").text = editor
    for slug, record in records:
        site.append(_document_element(slug, record))
    for entry in entries:
        site.append(_entity_element(entry, index, slugs_by_path))
    return site


def _document_element(slug: str, record: etree._Element) -> etree._Element:
    element = etree.Element(f"{{{SITE_NS}}}document")
    element.set("id", slug)
    element.set("href", f"{slug}.html")
    element.set("tei", f"tei/{slug}.xml")
    element.set("text", f"../text/{slug}.txt")
    for attribute in ("date", "sort-key"):
        if record.get(attribute):
            element.set(attribute, record.get(attribute))
    for child in record:
        element.append(deepcopy(child))
    return element


def _entity_element(entry: etree._Element, index: CorpusIndex,
                    slugs_by_path: dict[Path, str]) -> etree._Element:
    ident = entry.get(XML_ID)
    kind = ENTITY_KINDS[etree.QName(entry).localname]
    element = etree.Element(f"{{{SITE_NS}}}entity", id=ident, kind=kind, page=REGISTER_PAGES[kind])
    mentions = index.mentions.get(ident, {})
    for path, slug in slugs_by_path.items():  # corpus order, so pages are stable
        if mentions.get(path):
            etree.SubElement(element, f"{{{SITE_NS}}}mention", document=slug,
                             count=str(mentions[path]))
    return element


def register_entries(registers: list[ParsedDocument],
                     documents: list[ParsedDocument]) -> list[etree._Element]:
    """Every person/place/org with an xml:id: register files first, then lists inside documents
    (foreign editions often carry their index copies in `back`); the first entry per id wins."""
    seen: set[str] = set()
    entries = []
    for document in [*registers, *documents]:
        for localname in ENTITY_KINDS:
            for entry in document.root.iter(f"{{{TEI_NS}}}{localname}"):
                ident = entry.get(XML_ID)
                if ident and ident not in seen:
                    seen.add(ident)
                    entries.append(entry)
    return entries


def registers_element(entries: list[etree._Element]) -> etree._Element:
    """`tp:registers` holding copies of all entries, the `$registers` stylesheet parameter."""
    root = etree.Element(f"{{{TP_NS}}}registers", nsmap={"tp": TP_NS, None: TEI_NS})
    for entry in entries:
        copy = deepcopy(entry)
        copy.tail = None
        root.append(copy)
    return root
