"""What every export starts from: the edition's settings, its documents and its registers, read
once with the hardened parser, and the register entries by id.

Which files are documents, pages (introductions, guidelines) and registers is decided as the
build decides it (layout.py), so a corpus exports as a whole as it builds. XIncludes are expanded:
an exported file must not depend on files beside it. A file that cannot be read as TEI is listed
in `unusable`; the export refuses with the reasons, or leaves it out when asked (export.py).
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_ID
from ..config import Settings
from ..findings import Finding
from ..layout import arrange
from ..parse import ParsedDocument
from ..project import Project
from ..validate import Checks, load_corpus

_T = f"{{{TEI_NS}}}"
# Register entries by element, and the list that holds them in a standOff.
ENTRY_LISTS = {"person": "listPerson", "personGrp": "listPerson", "place": "listPlace",
               "org": "listOrg", "bibl": "listBibl", "biblStruct": "listBibl", "event": "listEvent",
               "relation": "listRelation", "object": "listObject"}


@dataclass
class Edition:
    source: Path
    project: Project
    documents: list[ParsedDocument]
    registers: list[ParsedDocument]
    register_paths: list[Path]
    unusable: list[Finding] = field(default_factory=list)
    pages: list[ParsedDocument] = field(default_factory=list)  # the edition's introductions etc.
    notes: list[str] = field(default_factory=list)  # settings the export took from the headers
    left_out: list[str] = field(default_factory=list)  # source files left out (--skip-invalid)

    @property
    def settings(self) -> Settings:
        return self.project.settings

    @property
    def entries(self) -> dict[str, etree._Element]:
        """Register entries (person, place, org, bibl, event …) by xml:id, first one wins."""
        found: dict[str, etree._Element] = {}
        for register in self.registers:
            for element in register.root.iter(*(f"{_T}{name}" for name in ENTRY_LISTS)):
                ident = element.get(XML_ID)
                if ident and ident not in found:
                    found[ident] = element
        return found


def load_edition(source: Path, config: Path | None, registers: tuple[Path, ...] = ()) -> Edition:
    """The documents, pages and registers of `source`, as the build sorts them."""
    project = Project.find([source], config, registers, Checks())
    register_paths = list(project.registers)
    corpus = load_corpus([source], register_paths, xinclude=True)
    layout = arrange(corpus.subjects, corpus.documents, project.settings, register_paths)
    unusable = [f for report in corpus.failed() for f in report.findings if f.severity == "error"]
    return Edition(source, project, layout.documents, layout.registers, register_paths, unusable,
                   layout.pages)


def export_date() -> datetime.date:
    """Today, or the day of SOURCE_DATE_EPOCH (the reproducible-builds convention), so that two
    exports of the same sources can be byte-identical even on different days."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


def tei(name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.Element(f"{_T}{name}", **attributes)
    element.text = text
    return element


def sub(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{_T}{name}", **attributes)
    element.text = text
    return element


def indent_element_only(element: etree._Element, level: int = 0) -> None:
    """Indent element-only content; mixed content (a paragraph, a title) is left as written, so
    no whitespace is added to any text (lxml's indent() would add it before a leading child)."""
    children = list(element)
    blank = not (element.text or "").strip() and all(not (c.tail or "").strip() for c in children)
    if not children or not blank:
        return
    element.text = "\n" + "  " * (level + 1)
    for child in children:
        child.tail = "\n" + "  " * (level + 1)
        indent_element_only(child, level + 1)
    children[-1].tail = "\n" + "  " * level


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def plain(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


_NS = {"tei": TEI_NS}
# Where a document's own date is found, in order of preference.
_DATE_PATHS = (
    "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:date",
    "tei:teiHeader/tei:profileDesc/tei:creation//tei:date",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:origDate",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:origin//tei:date",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:date",
    "tei:text//tei:opener//tei:date",
    "tei:text//tei:dateline//tei:date",
)
_DATE_ATTRIBUTES = ("when", "notBefore", "from", "notAfter", "to")


def document_title(root: etree._Element) -> str:
    """The main title of a document's titleStmt (or its first title)."""
    stmt = f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt/{_T}title"
    main = root.find(f"{stmt}[@type='main']")
    return plain(main if main is not None else root.find(stmt)) or "(untitled)"


def document_date(root: etree._Element) -> str | None:
    """The document's date as an ISO value (the date it was sent, written, or first dated)."""
    for path in _DATE_PATHS:
        for element in root.xpath(path, namespaces=_NS):
            for attribute in _DATE_ATTRIBUTES:
                if element.get(attribute):
                    return element.get(attribute)
    return None
