"""`export teicorpus`: one `teiCorpus` file, with a corpus header from the settings and the
documents, the registers once (as member TEI files, their own headers kept), then every document.

The registers come first, then the edition's pages (introductions), then the documents.
An xml:id must be unique in the whole file. Corpora that keep copies of register entries (or the
same hand or witness ids) in every document would repeat ids, so an id already used earlier is
renamed `<document>.<id>` in that document, and that document's pointers to it follow: each
pointer still names what it named in the document's own file.
"""

from __future__ import annotations

import datetime
import re
from copy import deepcopy
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_ID
from ..parse import ParsedDocument
from .edition import Edition, document_date, document_title, indent_element_only, sub, tei

_T = f"{{{TEI_NS}}}"


def corpus(edition: Edition, when: datetime.date) -> etree._Element:
    root = etree.Element(f"{_T}teiCorpus", nsmap={None: TEI_NS})
    root.append(corpus_header(edition, when))
    taken: set[str] = set()
    for member in [*edition.registers, *edition.pages, *edition.documents]:
        copy = deepcopy(member.root)
        _rename_taken_ids(copy, taken, _prefix(member))
        copy.tail = "\n"
        root.append(copy)
    root.text = "\n"
    return root


def corpus_header(edition: Edition, when: datetime.date) -> etree._Element:
    settings = edition.settings
    header = tei("teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", settings.title, type="main")
    if settings.subtitle:
        sub(title_stmt, "title", settings.subtitle, type="sub")
    for editor in settings.editors:
        sub(title_stmt, "editor", editor)
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher" if settings.publisher else "distributor",
        settings.publisher or settings.title)
    sub(publication, "date", when.isoformat(), when=when.isoformat())
    if settings.base_url:
        sub(publication, "idno", settings.base_url, type="URL")
    if settings.licence:
        licence = sub(sub(publication, "availability"), "licence", settings.licence)
        if settings.licence.startswith(("http://", "https://")):
            licence.set("target", settings.licence)
    source_desc = sub(file_desc, "sourceDesc")
    _list_bibl(source_desc, "Documents", edition.documents, edition.source)
    if edition.pages:
        _list_bibl(source_desc, "Pages", edition.pages, edition.source)
    if edition.registers:
        _list_bibl(source_desc, "Registers", edition.registers, edition.source)
    revision = sub(header, "revisionDesc")
    said = (f"Corpus file exported by teipress: {len(edition.documents)} documents, {len(edition.pages)} "
            f"pages, {len(edition.registers)} registers.")
    if edition.left_out:  # the archive must know the corpus is not whole
        said += (f" Left out, as they cannot be read or are not valid against tei_all: "
                 f"{', '.join(edition.left_out)}.")
    sub(revision, "change", said, when=when.isoformat())
    indent_element_only(header, 1)
    header.tail = "\n"
    return header


def _list_bibl(parent: etree._Element, head: str, members: list[ParsedDocument], source: Path) -> None:
    listing = sub(parent, "listBibl")
    sub(listing, "head", head)
    for member in members:
        bibl = sub(listing, "bibl")
        sub(bibl, "title", document_title(member.root))
        date = document_date(member.root)
        if date:
            sub(bibl, "date", date, when=date)
        sub(bibl, "idno", _relative_name(member.path, source), type="file")


def _relative_name(path: Path, source: Path) -> str:
    base = source.resolve() if source.is_dir() else source.resolve().parent
    resolved = path.resolve()
    return resolved.relative_to(base).as_posix() if resolved.is_relative_to(base) else resolved.name


def _prefix(member: ParsedDocument) -> str:
    """The file's name as the start of an xml:id (an XML name: it must not start with a digit)."""
    prefix = re.sub(r"[^\w.-]+", "-", member.path.stem).strip("-.") or "document"
    return prefix if prefix[0].isalpha() or prefix[0] == "_" else f"d{prefix}"


def _rename_taken_ids(member: etree._Element, taken: set[str], prefix: str) -> None:
    renamed: dict[str, str] = {}
    for element in member.iter():
        ident = element.get(XML_ID)
        if not ident:
            continue
        if ident in taken:
            new, n = f"{prefix}.{ident}", 2
            while new in taken:
                new, n = f"{prefix}.{ident}.{n}", n + 1
            renamed[ident] = new
            element.set(XML_ID, new)
            ident = new
        taken.add(ident)
    if renamed:
        _rewrite_pointers(member, renamed)


def _rewrite_pointers(member: etree._Element, renamed: dict[str, str]) -> None:
    """Every attribute token "#old" becomes "#new" (ref, target, hand, decls, rendition …)."""
    for element in member.iter():
        for name, value in element.attrib.items():
            if "#" not in value or name == XML_ID:
                continue
            tokens = value.split()
            changed = [f"#{renamed[t[1:]]}" if t.startswith("#") and t[1:] in renamed else t for t in tokens]
            if changed != tokens:
                element.set(name, " ".join(changed))
