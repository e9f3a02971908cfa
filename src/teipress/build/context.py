"""What each page is rendered against: its slice of the site manifest and of the registers.

A document page reads little of the edition: the edition's facts (title, language, editors,
licence, which registers and pages exist), its own catalogue record, its neighbours in reading
order (previous/next), the documents and pages it links to, and the register entries its
pointers name. Handing it only that keeps a page's work independent of the size of the
edition, and makes its cache key (mapping.py) change only when something it shows changes:
after one document is edited, only it, its neighbours and the pages that link to it are
rendered again.

What a page may look up is read from its TEI in the catalogue step (`page_targets`): every
token of every attribute, as the stylesheets read pointers (names.xsl, links.xsl). Taking all
attributes rather than a list of pointer attributes can only make a slice larger, never miss
an entry.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass

from lxml import etree

from .. import XML_ID
from ..parse import make_parser
from ..site import SITE_NS, registers_element
from ..transform import Transformer
from .cache import digest

_S = f"{{{SITE_NS}}}"
_XML_SPACE = re.compile(r"[ \t\n\r]+")  # XML whitespace only: tokenize() in the stylesheets


@dataclass(frozen=True)
class Targets:
    """What a page's pointers may name: register ids, and documents or pages by file stem."""

    ids: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()


def page_targets(tei: str) -> Targets:
    """Ids as tp:pointer-id reads them ("#x", "file.xml#x" and "x" name x) and the stems of
    the .xml files named (tp:document-href), from every attribute of the document."""
    ids: set[str] = set()
    stems: set[str] = set()
    root = etree.fromstring(tei.encode("utf-8"), make_parser(recover=True))  # ids were checked
    for element in root.iter(etree.Element):
        for value in element.attrib.values():
            for token in _XML_SPACE.split(value):
                if not token:
                    continue
                ids.add(token.split("#", 1)[1] if "#" in token else token)
                name = token.split("#", 1)[0].rsplit("/", 1)[-1]
                if name.lower().endswith(".xml"):
                    stems.add(name[:-4])
    return Targets(tuple(sorted(ids)), tuple(sorted(stems)))


@dataclass(frozen=True)
class Context:
    """One page's slice of the site manifest (s:site) and of the registers (tp:registers), as XML,
    kept compressed: a build holds the contexts of every page it is about to render (25 KB of
    text a page, 250 MB for 10,000), and sends them to the workers."""

    packed: bytes
    key: str  # what the page's cache key takes of it, hashed while the text is at hand

    @classmethod
    def of(cls, site: str, registers: str) -> Context:
        return cls(zlib.compress(f"{site}\0{registers}".encode(), 1), digest("context", site, registers))

    def parts(self) -> tuple[str, str]:
        """(site slice, registers slice)."""
        site, registers = zlib.decompress(self.packed).decode().split("\0", 1)  # XML holds no NUL
        return site, registers


class PageContexts:
    """Slices of one site manifest and one list of register entries, for any page."""

    def __init__(self, site: etree._Element, entries: list[etree._Element], order: list[str],
                 own: dict[str, bytes]) -> None:
        self.site = site
        self.own = own  # by slug: what only the page itself reads of its record (s:citation, s:search)
        self.documents = {d.get("id"): d for d in site.iter(f"{_S}document")}
        self.position = {ident: n for n, ident in enumerate(self.documents)}  # not a scan per page
        # what links name them by ("x.xml": site.link_stems), which is not always their slug
        self.by_stem = {d.get("stem"): d for d in self.documents.values() if d.get("stem") is not None}
        self.pages = site.findall(f"{_S}page")
        self.entries = {e.get(XML_ID): e for e in entries}
        self.rank = {ident: n for n, ident in enumerate(self.entries)}  # the registers' order
        self.kept = [child for child in site if child.tag == f"{_S}editor"]
        # One entity per kind: the navigation links the register pages that have entries.
        kinds: dict[str, etree._Element] = {}
        for entity in site.iter(f"{_S}entity"):
            kinds.setdefault(entity.get("kind"), entity)
        self.kinds = list(kinds.values())
        self.first_page = next((p for p in self.pages if p.get("kind") == "page"), None)
        self.neighbours = {slug: (order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None)
                           for i, slug in enumerate(order)}

    def of(self, slug: str, targets: Targets) -> Context:
        return Context.of(etree.tostring(self.site_slice(slug, targets), encoding="unicode"),
                          etree.tostring(self.registers_slice(targets), encoding="unicode"))

    def site_slice(self, slug: str, targets: Targets) -> etree._Element:
        """The manifest as this page reads it. The page sorts the s:document children of s:site
        to find its neighbours, so only it and its two neighbours stand there; documents it
        links to stand apart in s:linked, found by id only."""
        site = etree.Element(self.site.tag, dict(self.site.attrib), nsmap=self.site.nsmap)
        site.extend(deepcopy(element) for element in self.kept)
        present = {slug, *self.neighbours.get(slug, ())} - {None} if slug in self.documents else set()
        for ident in sorted(present, key=self.position.__getitem__):  # manifest order
            record = self.documents[ident]
            site.append(self._own_record(record) if ident == slug else _read_as_neighbour(record))
        named = (self.by_stem[s] for s in targets.stems if s in self.by_stem)
        linked = [d for d in named if d.get("id") not in present]
        if linked:
            holder = etree.SubElement(site, f"{_S}linked")
            holder.extend(etree.Element(d.tag, {key: d.get(key) for key in ("id", "href", "stem")})
                          for d in linked)
        site.extend(etree.Element(e.tag, dict(e.attrib)) for e in self.kinds)
        stems = set(targets.stems)
        site.extend(deepcopy(p) for p in self.pages if p is self.first_page or p.get("stem") in stems)
        return site

    def _own_record(self, record: etree._Element) -> etree._Element:
        """The page's own record, with what only it reads (build._own_parts) at its end."""
        record = deepcopy(record)
        if own := self.own.get(record.get("id")):
            record.extend(list(etree.fromstring(own)))
        return record

    def registers_slice(self, targets: Targets) -> etree._Element:
        named = sorted((i for i in targets.ids if i in self.entries), key=self.rank.__getitem__)
        return registers_element([self.entries[i] for i in named])


def _read_as_neighbour(record: etree._Element) -> etree._Element:
    """What previous/next reads of a neighbour: how it sorts (attributes, title) and its link."""
    neighbour = etree.Element(record.tag, dict(record.attrib))
    neighbour.extend(deepcopy(title) for title in record.findall(f"{_S}title"))
    return neighbour


def reading_order(transformer: Transformer, site: etree._Element) -> list[str]:
    """The documents' ids in the order of the index page, from a manifest of their sort facts."""
    facts = etree.Element(site.tag, nsmap=site.nsmap)
    facts.extend(_read_as_neighbour(d) for d in site.findall(f"{_S}document"))
    listed = transformer.run("reading-order", transformer.node(facts))
    return listed.split("\n") if listed else []


def page_contexts(transformer: Transformer, site: etree._Element, entries: list[etree._Element],
                  targets: dict[str, Targets], own: dict[str, bytes]) -> Callable[[str, str], Context]:
    """(slug, TEI) → the page's context, for the documents (whose targets the catalogue step
    read) and the edition's other pages (read here); `own`: what only each page reads of its
    record, by slug."""
    contexts = PageContexts(site, entries, reading_order(transformer, site), own)
    return lambda slug, tei: contexts.of(slug, targets[slug] if slug in targets else page_targets(tei))
