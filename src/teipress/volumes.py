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

from . import TEI_NS, TP_NS, XML_ID
from .layout import is_register_only
from .parse import ParsedDocument

T = f"{{{TEI_NS}}}"
# On a unit's TEI root: the volume it belongs to, so prev/next can follow the volume's order.
VOLUME = f"{{{TP_NS}}}volume"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCUMENT_DIV = f"{T}div[@type='document']"


@dataclass
class Split:
    """What the source files become: documents (indexed, dated) and pages (contents, intro…)."""

    documents: list[ParsedDocument] = field(default_factory=list)
    pages: list[ParsedDocument] = field(default_factory=list)
    registers: list[ParsedDocument] = field(default_factory=list)  # register members of a teiCorpus
    # Where each xml:id of a volume ended up: {(volume path, id): unit path}
    homes: dict[tuple[Path, str], Path] = field(default_factory=dict)


def split_volumes(files: list[ParsedDocument]) -> Split:
    split = Split()
    volumes = {id(d): _parts(d.root) for d in files}
    # Page names: a document's xml:id, unless another page of the edition has that name already.
    taken = {d.path.stem.lower() for d in files}
    for document in files:
        parts = volumes[id(document)]
        # A teiCorpus of TEI members (none nested) is split even with one document
        corpus = document.root.tag == f"{T}teiCorpus" and document.root.find(f"{T}teiCorpus") is None
        if len(parts) < 2 and not corpus:
            split.documents.append(document)
            continue
        # A teiCorpus's register members (as `export teicorpus` writes them) stay registers (issue 11)
        lists = [p for p in parts if corpus and is_register_only(p)]
        parts = [p for p in parts if not any(p is r for r in lists)]
        split.registers.extend(_unit(document, r, n, [], taken) for n, r in enumerate(lists, len(parts) + 1))
        units = [_unit(document, part, n, parts, taken) for n, part in enumerate(parts, 1)]
        front, back = (_matter(document.root, place) for place in ("front", "back"))
        matter = [_unit(document, div, n, [], taken) for n, div in enumerate([*front, *back], 1)]
        for unit in [*units, *matter]:
            for element in unit.root.iter(etree.Element):
                if element.get(XML_ID):
                    split.homes.setdefault((document.path, element.get(XML_ID)), unit.path)
        split.documents.extend(units)
        split.pages.extend(matter)
        split.pages.append(_contents(document, [*matter[:len(front)], *units, *matter[len(front):]]))
    return split


def is_volume(root: etree._Element) -> bool:
    """Does the file hold many documents (it is split into units)?"""
    return len(_parts(root)) >= 2


def _parts(root: etree._Element) -> list[etree._Element]:
    """The documents of a volume, outermost first: document divs, group/text, TEI in teiCorpus."""
    if root.tag == f"{T}teiCorpus":
        return root.findall(f"{T}TEI")
    divs = [d for d in root.iterfind(f".//{DOCUMENT_DIV}")  # in the body: front/back are pages
            if all(a.get("type") != "document" and a.tag not in (f"{T}front", f"{T}back")
                   for a in d.iterancestors())]
    if len(divs) >= 2:
        return divs
    return root.findall(f"{T}text/{T}group/{T}text")


def _matter(root: etree._Element, place: str) -> list[etree._Element]:
    """Front or back matter of a volume, one page per top-level div; what stands between the divs
    (a title page, page breaks) goes with the div that follows it (after the last div: with the
    last one), so every word is on some page."""
    groups: list[list[etree._Element]] = []
    for matter in root.findall(f"{T}text/{T}{place}"):
        loose: list[etree._Element] = []
        for child in matter:
            if not isinstance(child.tag, str):
                continue
            loose.append(child)
            if child.tag == f"{T}div":
                groups.append(loose)
                loose = []
        if loose and groups:
            groups[-1].extend(loose)
        elif loose:
            groups.append(loose)
    return [_as_page(group) for group in groups]


def _as_page(group: list[etree._Element]) -> etree._Element:
    """One page of front/back matter as a div of its own, named by the div it holds."""
    main = next((e for e in group if e.tag == f"{T}div"), None)
    if main is not None and len(group) == 1:
        return main
    page = etree.Element(f"{T}div")
    if main is not None and main.get(XML_ID):
        page.set(XML_ID, main.get(XML_ID))
    for element in group:
        copy = _without_tail(deepcopy(element))
        copy.attrib.pop(XML_ID, None)
        page.append(copy)
    return page


def _unit(volume: ParsedDocument, part: etree._Element, n: int, parts: list[etree._Element],
          taken: set[str]) -> ParsedDocument:
    ident = part.get(XML_ID) or f"{volume.path.stem}-{n}"
    if ident.lower() in taken:
        ident = f"{volume.path.stem}-{ident}"
    taken.add(ident.lower())
    tei = deepcopy(part) if part.tag == f"{T}TEI" else _tei(volume.root, part, ident, parts)
    if parts:  # a document of the volume, not its front or back matter
        tei.set(VOLUME, volume.display)
    tree = etree.ElementTree(tei)
    # A path of its own, so pages, reports and slugs tell units apart; its stem is the id.
    path = volume.path.parent / volume.path.stem / f"{ident}.xml"
    display = f"{volume.display}#{ident}"
    # The TEI download of every page of a volume is the volume's own file, unchanged.
    return ParsedDocument(path, display, volume.source, tree)


def _tei(volume: etree._Element, part: etree._Element, ident: str,
         parts: list[etree._Element]) -> etree._Element:
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
    title = _plain(part.find(f"{T}head")) or _plain(part.find(f".//{T}head")) or ident
    _retitle(header, title, _plain(volume.find(f".//{T}titleStmt/{T}title")))
    _describe_correspondence(header, part)
    text = etree.SubElement(tei, f"{T}text")
    body = etree.SubElement(text, f"{T}body")
    body.append(_in_context(part, parts) if part.tag == f"{T}div" else _as_div(part))
    return tei


def _in_context(part: etree._Element, parts: list[etree._Element]) -> etree._Element:
    """The part inside shallow copies of its enclosing divs, with the text of the volume that
    belongs to no document (a compilation's head, a note between documents) kept on the page of
    the document it precedes (or, after the last one, follows), so no word of the volume is lost."""
    holders = [*parts, *(a for p in parts for a in p.iterancestors())]  # alive: ids stay valid
    holds = {id(h) for h in holders}
    current = _without_tail(deepcopy(part))
    child = part
    for ancestor in part.iterancestors():
        if ancestor.tag == f"{T}text":
            break
        # body, front or back of the volume: the loose text around documents goes in a plain div
        kept = {k: v for k, v in ancestor.attrib.items() if k != XML_ID and ancestor.tag == f"{T}div"}
        wrapper = etree.Element(f"{T}div", kept)
        siblings = list(ancestor)
        at = siblings.index(child)
        start = at
        while start > 0 and id(siblings[start - 1]) not in holds:
            start -= 1
        end = at + 1
        if not any(id(s) in holds for s in siblings[at + 1:]):
            end = len(siblings)
        wrapper.extend(deepcopy(s) for s in siblings[start:at])
        wrapper.append(current)
        wrapper.extend(deepcopy(s) for s in siblings[at + 1:end])
        current, child = wrapper, ancestor
    return current


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


def _contents(volume: ParsedDocument, pages: list[ParsedDocument]) -> ParsedDocument:
    """The volume's contents page: its header, and a list linking every page in volume order."""
    tei = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})
    tei.set(XML_ID, volume.path.stem)
    header = volume.root.find(f"{T}teiHeader")
    tei.append(deepcopy(header) if header is not None else etree.Element(f"{T}teiHeader"))
    body = etree.SubElement(etree.SubElement(tei, f"{T}text"), f"{T}body")
    listing = etree.SubElement(etree.SubElement(body, f"{T}div", type="contents"), f"{T}list")
    for page in pages:
        item = etree.SubElement(listing, f"{T}item")
        title = _plain(page.root.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}title")) or page.path.stem
        # An edition page named like the source file it comes from; links.xsl finds it in the site.
        etree.SubElement(item, f"{T}ref", target=f"{page.path.stem}.xml").text = title
    return ParsedDocument(volume.path, volume.display, volume.source, etree.ElementTree(tei))


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
