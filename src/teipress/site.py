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
from .mentions import packed_lists
from .outputs import REGISTER_PAGES, RENAMED_SUFFIX, TEI_FOLDER, TEXT_READINGS, is_reserved
from .parse import ParsedDocument
from .pictures.network import network_page
from .prefixes import expand, prefix_defs
from .references import ENTITY_KINDS, POINTER_ATTRIBUTES

SITE_NS = "urn:teipress:site"
_S = f"{{{SITE_NS}}}"
# Register entries by element: persons, places, organisations, and the works of a listBibl.
REGISTER_KINDS = {**ENTITY_KINDS, "bibl": "bibl", "biblStruct": "bibl"}


def slugs_for(documents: Iterable[ParsedDocument]) -> dict[Path, str]:
    """Output names: the source file's name without .xml (the project's rules make it the
    document's xml:id), reduced to safe characters and made unique in corpus order, so two
    files never overwrite each other's pages. A name the edition keeps for itself
    (outputs.is_reserved: about, index, persons, corpus-timeline-1820, x.diplomatic, con …) gets
    "-document" appended (about.xml → about-document.html); a name an earlier document took
    (ignoring case) gets "-2", "-3" … (about-document-2; "-document" once more where the
    numbered name is reserved: persons-mentions-2-document)."""
    taken: set[str] = set()
    result: dict[Path, str] = {}
    for document in documents:
        base = re.sub(r"[^A-Za-z0-9._-]+", "-", document.path.stem).strip("-.")[:120] or "document"
        base = _unreserved(base)
        slug, n = base, 2
        while slug.lower() in taken:
            slug, n = _unreserved(f"{base}-{n}"), n + 1
        taken.add(slug.lower())
        result[document.path] = slug
    return result


def _unreserved(name: str) -> str:
    return f"{name}{RENAMED_SUFFIX}" if is_reserved(name) else name


def link_stems(slugs: dict[Path, str]) -> dict[Path, str]:
    """The file stem by which a link reaches each document or page ("about.xml" in a `ref`
    names the page of about.xml, whatever its slug), for the first file of each stem in corpus
    order (`slugs` is in that order); a later file of the same stem is not reached that way."""
    first: dict[str, Path] = {}
    for path in slugs:
        first.setdefault(path.stem, path)
    return {path: stem for stem, path in first.items()}


def site_element(settings: Settings, records: list[tuple[str, etree._Element]],
                 entries: list[etree._Element],
                 correspondents: frozenset[str] = frozenset()) -> etree._Element:
    """The `s:site` manifest: the edition's settings, one s:document per published document,
    one s:entity per entry (its kind, its register page and, for a correspondent, its section of
    the network page). Which documents name an entry is not here but in `mentions_texts`,
    which only the register pages read: at 10,000 documents that is 600,000 elements that every
    page of the edition would otherwise be handed."""
    site = etree.Element(f"{_S}site", nsmap={"s": SITE_NS}, title=settings.title,
                         language=settings.language)
    for key in ("subtitle", "publisher", "licence", "base_url"):
        if value := getattr(settings, key):
            site.set(key.replace("_", "-"), value)
    for editor in settings.editors:
        etree.SubElement(site, f"{_S}editor").text = editor
    for slug, record in records:
        site.append(_document_element(slug, record))
    for entry in entries:
        site.append(_entity_element(entry, correspondents))
    return site


def _document_element(slug: str, record: etree._Element) -> etree._Element:
    element = etree.Element(f"{_S}document")
    element.set("id", slug)
    element.set("href", f"{slug}.html")
    element.set("tei", f"{TEI_FOLDER}/{slug}.xml")
    element.set("text", f"../text/{slug}{TEXT_READINGS[0]}")
    for attribute in ("date", "sort-key", "volume", "stem"):  # stem: see link_stems
        if record.get(attribute):
            element.set(attribute, record.get(attribute))
    for child in record:
        element.append(deepcopy(child))
    return element


def _entity_element(entry: etree._Element, correspondents: frozenset[str]) -> etree._Element:
    ident = entry.get(XML_ID)
    kind = REGISTER_KINDS[etree.QName(entry).localname]
    element = etree.Element(f"{_S}entity", id=ident, kind=kind, page=REGISTER_PAGES[kind])
    if ident in correspondents:
        element.set("network", network_page(ident))
    return element


def mentions_texts(mentions: dict[Path, str], slugs_by_path: dict[Path, str],
                   groups: list[set[str]]) -> list[str]:
    """`s:mentions` for the register pages (the document pages do not need it), one text for each
    group of entries, reading each document's mentions once:
    `<s:named id="p_1" document="slug" count="12"><s:at anchor="tp-m7" before=".." after="..">name</s:at>`
    with the first mention per entry and document, and `<s:role id="p_1" document="slug"
    role="sender"/>` per header role; `mentions`: each document's, summarised and packed by its
    catalogue worker (mentions.summarised, mentions.packed). Written as text: at 10,000 documents
    these are 400,000 elements, whose tree took 700 MB to build only to be serialised."""
    group_of = {ident: n for n, group in enumerate(groups) for ident in group}
    parts: list[list[str]] = [[f'<s:mentions xmlns:s="{SITE_NS}">'] for _ in groups]
    for path, slug in slugs_by_path.items():
        if path not in mentions:
            continue
        # summarised in the catalogue worker: one mention per entry
        text, roles = packed_lists(mentions[path])
        document = _attribute(slug)
        for ident, anchor, before, name, after, count in text:
            if (n := group_of.get(ident)) is not None:
                parts[n].append(f"<s:named id={_attribute(ident)} document={document} count=\"{count}\">"
                                f"<s:at anchor={_attribute(anchor)} before={_attribute(before)} "
                                f"after={_attribute(after)}>{name.translate(_TEXT_ESCAPES)}</s:at></s:named>")
        for ident, role in roles:
            if (n := group_of.get(ident)) is not None:
                parts[n].append(f"<s:role id={_attribute(ident)} document={document} "
                                f"role={_attribute(role)}/>")
    return ["".join([*group, "</s:mentions>"]) for group in parts]


# What XML text and a double-quoted attribute value must escape (tabs and line ends too, which an
# attribute would otherwise read as spaces).
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def _attribute(value: str) -> str:
    return f'"{value.translate(_ATTRIBUTE_ESCAPES)}"'


def mention_counts(mentions: dict[Path, str], paths: Iterable[Path],
                   known: set[str]) -> dict[str, tuple[int, set[Path]]]:
    """id -> (how often the texts of the documents at `paths` name it, which of them name it in
    their text or give it a role in their header), for the entries in `known`."""
    totals: dict[str, int] = {}
    documents: dict[str, set[Path]] = {}
    for path in paths:
        if path not in mentions:
            continue
        text, roles = packed_lists(mentions[path])
        for ident, *_, count in text:
            if ident in known:
                totals[ident] = totals.get(ident, 0) + count
                documents.setdefault(ident, set()).add(path)
        for ident, _ in roles:
            if ident in known:
                documents.setdefault(ident, set()).add(path)
    return {ident: (totals.get(ident, 0), found) for ident, found in documents.items()}


def summary_text(counts: dict[str, tuple[int, set[Path]]], pages: dict[str, str]) -> str:
    """`s:mentions` for a large register's own page: per entry, how often it is named, in how
    many documents, and the page (`pages`: id -> page) that lists where."""
    parts = [f'<s:mentions xmlns:s="{SITE_NS}">']
    parts.extend(f"<s:summary id={_attribute(ident)} mentions=\"{total}\" documents=\"{len(documents)}\" "
                 f"page={_attribute(pages[ident])}/>" for ident, (total, documents) in counts.items())
    parts.append("</s:mentions>")
    return "".join(parts)


def register_entries(registers: list[ParsedDocument],
                     documents: list[ParsedDocument]) -> list[etree._Element]:
    """Every person/place/org, and every work of a listBibl, with an xml:id: register files
    first, then lists inside documents (foreign editions often carry their index copies in
    `back`); the first entry per id wins."""
    seen: set[str] = set()
    entries = []
    for document in [*registers, *documents]:
        for localname, kind in REGISTER_KINDS.items():
            for entry in document.root.iter(f"{{{TEI_NS}}}{localname}"):
                ident = entry.get(XML_ID)
                if kind == "bibl" and not _in_bibliography(entry):
                    continue
                if ident and ident not in seen:
                    seen.add(ident)
                    entries.append(entry)
    return entries


def _in_bibliography(entry: etree._Element) -> bool:
    """A bibl that is an entry of a listBibl (not a citation inside a note or a witness)."""
    parent = entry.getparent()
    return parent is not None and parent.tag == f"{{{TEI_NS}}}listBibl"


def registers_element(entries: list[etree._Element]) -> etree._Element:
    """`tp:registers` holding copies of all entries, the `$registers` stylesheet parameter.
    The copies leave their file, so their `prefix:id` pointers are expanded by that file's
    listPrefixDef here."""
    root = etree.Element(f"{{{TP_NS}}}registers", nsmap={"tp": TP_NS, None: TEI_NS})
    for entry in entries:
        copy = deepcopy(entry)
        copy.tail = None
        defs = prefix_defs(entry.getroottree().getroot())
        if defs:
            for element in copy.iter(etree.Element):
                for attribute in POINTER_ATTRIBUTES:
                    if value := element.get(attribute):
                        element.set(attribute, " ".join(expand(t, defs) for t in value.split()))
        root.append(copy)
    return root
