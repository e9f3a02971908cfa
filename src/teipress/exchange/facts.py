"""What an export says about the edition as a whole, where the settings are silent.

The settings (`teipress.toml`) win; where they name no editors, publisher or licence, these come
from what the documents' own headers say (`titleStmt/editor`, else the `respStmt`s for editing,
encoding or transcription; `publicationStmt/publisher`; `availability/licence/@target`), and the
export says so in its summary. A base URL and a contact address cannot be read from TEI headers:
they come from the settings or from `export --base-url/--admin-email`, never invented.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from lxml import etree

from .. import TEI_NS
from ..config import Settings
from ..parse import ParsedDocument
from .edition import Edition, plain

_T = f"{{{TEI_NS}}}"
_NS = {"tei": TEI_NS}
_STMT = "tei:teiHeader/tei:fileDesc"
# A respStmt whose resp says this made the edition (not a translation or a consultation).
_EDITING = re.compile(r"^(?!.*(beratung|consult|advice|translat|übersetz|tradu)).*"
                      r"(edit|encod|transcri|herausg|bearbeit|kodierung|transkri|édit)", re.I | re.S)


def with_facts(edition: Edition, base_url: str | None, admin_email: str | None) -> Edition:
    """The edition with its settings completed (the command line's values, the headers' facts)."""
    settings, notes = completed(edition.settings, edition.documents, base_url, admin_email)
    return replace(edition, project=replace(edition.project, settings=settings), notes=notes)


def completed(settings: Settings, documents: list[ParsedDocument], base_url: str | None = None,
              admin_email: str | None = None) -> tuple[Settings, list[str]]:
    """The settings with the command line's values and the headers' facts filled in, and one
    note per value taken from the headers."""
    notes: list[str] = []
    roots = [d.root for d in documents]
    editors, publisher, licence = settings.editors, settings.publisher, settings.licence
    if not editors and (editors := header_editors(roots)):
        notes.append(f"editors from the documents' headers: {'; '.join(editors)}")
    if not publisher and (publisher := _most_common(roots, f"{_STMT}/tei:publicationStmt/tei:publisher")):
        notes.append(f"publisher from the documents' headers: {publisher}")
    if not licence and (licence := _most_common(roots, f"{_STMT}/tei:publicationStmt/tei:availability"
                                                       "/tei:licence/@target")):
        notes.append(f"licence from the documents' headers: {licence}")
    return replace(settings, editors=editors, publisher=publisher, licence=licence,
                   base_url=base_url or settings.base_url,
                   admin_email=admin_email or settings.admin_email), notes


def header_editors(roots: list[etree._Element]) -> tuple[str, ...]:
    """The editors the documents' title statements name, most often named first; without any
    `editor`, those of the respStmts for editing, encoding or transcription."""
    editor = f"{_STMT}/tei:titleStmt/tei:editor"
    named = Counter(name for root in roots for name in dict.fromkeys(_names(root, editor)))
    if not named:
        named = Counter(name for root in roots for name in dict.fromkeys(_responsible(root)))
    return tuple(name for name, _ in sorted(named.items(), key=lambda item: (-item[1], item[0])))


def _responsible(root: etree._Element) -> list[str]:
    found = []
    for stmt in root.iterfind(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt/{_T}respStmt"):
        if _EDITING.search(plain(stmt.find(f"{_T}resp"))):
            found += [person_name(n) for n in stmt if n.tag != f"{_T}resp" and person_name(n)]
    return found


def _names(root: etree._Element, path: str) -> list[str]:
    return [name for element in root.xpath(path, namespaces=_NS) if (name := person_name(element))]


def person_name(element: etree._Element) -> str:
    """A name as read aloud: "Karin Schneider" for `<surname>Schneider</surname>
    <forename>Karin</forename>`, else the text as written."""
    inner = element.find(f"{_T}persName")
    element = inner if inner is not None else element
    forenames = [plain(f) for f in element.iterfind(f"{_T}forename")]
    surnames = [plain(s) for s in element.iterfind(f"{_T}surname")]
    if forenames and surnames:
        return " ".join([*forenames, *surnames])
    return plain(element)


def _most_common(roots: list[etree._Element], path: str) -> str | None:
    values = Counter(text for root in roots for value in root.xpath(path, namespaces=_NS)[:1]
                     if (text := " ".join(str(value if isinstance(value, str) else plain(value)).split())))
    return min(values.items(), key=lambda item: (-item[1], item[0]))[0] if values else None
