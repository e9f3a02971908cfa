"""Volumes: one file holding many documents becomes one unit per document, before the map.

A FRUS volume (`div[@type='document']`), a `text` made of a `group` of `text`s, or a `teiCorpus`
is split into units: each document gets a TEI of its own (the volume's header with the
document's title, date, sender and recipient; its text alone, so its notes are numbered within
its page), named by its xml:id; the volume itself becomes a contents page, and its front and
back matter become pages. The build maps over units exactly as over single files.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import TEI_NS, XML_ID
from .parse import ParsedDocument

T = f"{{{TEI_NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCUMENT_DIV = f"{T}div[@type='document']"


@dataclass
class Split:
    """What the source files become: documents (indexed, dated) and pages (contents, intro…)."""

    documents: list[ParsedDocument] = field(default_factory=list)
    pages: list[ParsedDocument] = field(default_factory=list)
    # Where each xml:id of a volume ended up: {(volume path, id): unit path}
    homes: dict[tuple[Path, str], Path] = field(default_factory=dict)


def split_volumes(files: list[ParsedDocument]) -> Split:
    split = Split()
    for document in files:
        parts = _parts(document.root)
        if len(parts) < 2:
            split.documents.append(document)
            continue
        units = [_unit(document, part, n) for n, part in enumerate(parts, 1)]
        matter = [_unit(document, div, n) for n, div in enumerate(_matter(document.root), 1)]
        for unit in [*units, *matter]:
            for element in unit.root.iter(etree.Element):
                if element.get(XML_ID):
                    split.homes.setdefault((document.path, element.get(XML_ID)), unit.path)
        split.documents.extend(units)
        split.pages.extend(matter)
        split.pages.append(_contents(document, units, matter))
    return split


def _parts(root: etree._Element) -> list[etree._Element]:
    """The documents of a volume, outermost first: document divs, group/text, TEI in teiCorpus."""
    if root.tag == f"{T}teiCorpus":
        return root.findall(f"{T}TEI")
    divs = [d for d in root.iterfind(f".//{DOCUMENT_DIV}")
            if next(d.iterancestors(f"{T}div"), None) is None
            or all(a.get("type") != "document" for a in d.iterancestors(f"{T}div"))]
    if len(divs) >= 2:
        return divs
    return root.findall(f"{T}text/{T}group/{T}text")


def _matter(root: etree._Element) -> list[etree._Element]:
    """Front and back matter of a volume: each top-level div of front and back (or the whole
    front/back when it has no divs)."""
    parts = []
    for place in root.findall(f"{T}text/{T}front") + root.findall(f"{T}text/{T}back"):
        divs = place.findall(f"{T}div")
        parts.extend(divs if divs else [place])
    return parts


def _unit(volume: ParsedDocument, part: etree._Element, n: int) -> ParsedDocument:
    ident = part.get(XML_ID) or f"{volume.path.stem}-{n}"
    tei = deepcopy(part) if part.tag == f"{T}TEI" else _tei(volume.root, part, ident)
    tree = etree.ElementTree(tei)
    # A path of its own, so pages, reports and slugs tell units apart; its stem is the id.
    path = volume.path.parent / volume.path.stem / f"{ident}.xml"
    display = f"{volume.display}#{ident}"
    return ParsedDocument(path, display, etree.tostring(tree, encoding="utf-8", xml_declaration=True), tree)


def _tei(volume: etree._Element, part: etree._Element, ident: str) -> etree._Element:
    """A TEI document for one part: the volume's header, retitled and dated, and the part."""
    tei = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})
    tei.set(XML_ID, ident)
    lang = next((a.get(XML_LANG) for a in part.iterancestors() if a.get(XML_LANG)), None)
    if part.get(XML_LANG) or lang:
        tei.set(XML_LANG, part.get(XML_LANG) or lang)
    header = deepcopy(volume.find(f"{T}teiHeader"))
    if header is None:
        header = etree.Element(f"{T}teiHeader")
    tei.append(header)
    _retitle(header, _plain(part.find(f"{T}head")) or ident, _plain(volume.find(f".//{T}titleStmt/{T}title")))
    _describe_correspondence(header, part)
    text = etree.SubElement(tei, f"{T}text")
    body = etree.SubElement(text, f"{T}body")
    body.append(_without_tail(deepcopy(part)) if part.tag == f"{T}div" else _as_div(part))
    return tei


def _retitle(header: etree._Element, title: str, volume_title: str) -> None:
    file_desc = header.find(f"{T}fileDesc")
    if file_desc is None:
        file_desc = etree.SubElement(header, f"{T}fileDesc")
    statement = etree.Element(f"{T}titleStmt")
    etree.SubElement(statement, f"{T}title").text = title
    if volume_title:
        etree.SubElement(statement, f"{T}title", type="volume").text = volume_title
    old = file_desc.find(f"{T}titleStmt")
    if old is not None:
        statement.extend(deepcopy(e) for e in old if e.tag != f"{T}title")
        file_desc.replace(old, statement)
    else:
        file_desc.insert(0, statement)


def _describe_correspondence(header: etree._Element, part: etree._Element) -> None:
    """The part's own date (its dateline), sender and recipient (names typed from/to in its head
    or opener), as a correspDesc, which is where teipress reads a document's date and parties."""
    own = [e for e in part.iter(etree.Element) if not _in_nested_document(e, part)]
    date = next((d for e in own if e.tag == f"{T}dateline" for d in e.iter(f"{T}date")), None)
    senders = [e for e in own if e.tag == f"{T}persName" and e.get("type") == "from"]
    recipients = [e for e in own if e.tag == f"{T}persName" and e.get("type") == "to"]
    profile = header.find(f"{T}profileDesc")
    if profile is None:
        profile = etree.SubElement(header, f"{T}profileDesc")
    for old in profile.findall(f"{T}correspDesc") + profile.findall(f"{T}creation"):
        profile.remove(old)
    if date is None and not senders and not recipients:
        return
    desc = etree.SubElement(profile, f"{T}correspDesc")
    sent = etree.SubElement(desc, f"{T}correspAction", type="sent")
    for name in senders:
        etree.SubElement(sent, f"{T}persName").text = _plain(name)
    if date is not None:
        sent.append(_without_tail(deepcopy(date)))
    if recipients:
        received = etree.SubElement(desc, f"{T}correspAction", type="received")
        for name in recipients:
            etree.SubElement(received, f"{T}persName").text = _plain(name)


def _in_nested_document(element: etree._Element, part: etree._Element) -> bool:
    """Inside an enclosure of the part (another document div, or an attachment)?"""
    for ancestor in element.iterancestors():
        if ancestor is part:
            return False
        if ancestor.get("type") == "document" or etree.QName(ancestor).localname == "attachment":
            return True
    return False


def _contents(volume: ParsedDocument, units: list[ParsedDocument],
              matter: list[ParsedDocument]) -> ParsedDocument:
    """The volume's contents page: its header, and a list linking every page in volume order."""
    tei = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})
    ident = volume.path.stem
    tei.set(XML_ID, ident)
    header = volume.root.find(f"{T}teiHeader")
    tei.append(deepcopy(header) if header is not None else etree.Element(f"{T}teiHeader"))
    body = etree.SubElement(etree.SubElement(tei, f"{T}text"), f"{T}body")
    div = etree.SubElement(body, f"{T}div", type="contents")
    listing = etree.SubElement(div, f"{T}list")
    for unit in [*matter[:1], *units, *matter[1:]]:
        item = etree.SubElement(listing, f"{T}item")
        title = _plain(unit.root.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}title")) or unit.path.stem
        etree.SubElement(item, f"{T}ref", target=f"{unit.path.stem}.html").text = title
    tree = etree.ElementTree(tei)
    return ParsedDocument(volume.path, volume.display, volume.source, tree)


def _as_div(part: etree._Element) -> etree._Element:
    """A text of a group, or a whole front/back, as one div of the unit's body."""
    div = etree.Element(f"{T}div")
    for child in part:
        if child.tag in (f"{T}front", f"{T}body", f"{T}back"):
            div.extend(deepcopy(c) for c in child)
        else:
            div.append(deepcopy(child))
    return div


def _without_tail(element: etree._Element) -> etree._Element:
    element.tail = None
    return element


def _plain(element: etree._Element | None) -> str:
    """The element's words, notes left out, a line break read as a space."""
    if element is None:
        return ""
    parts: list[str] = []
    _collect(element, parts, top=True)
    return " ".join("".join(parts).split())


def _collect(element: etree._Element, parts: list[str], top: bool = False) -> None:
    if etree.QName(element).localname != "note":
        parts.append(element.text or "")
        for child in element:
            _collect(child, parts)
        if etree.QName(element).localname == "lb":
            parts.append(" ")
    if not top:
        parts.append(element.tail or "")
