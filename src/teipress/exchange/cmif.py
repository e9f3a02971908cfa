"""`export cmif`: the Correspondence Metadata Interchange Format, what correspSearch harvests.

One `correspDesc` per letter (a document whose header has a `correspDesc` with a sender and a
recipient), pointing at the letter's page (the base URL + the page name the build gives it; without
a base URL, the document's own published address or its source's URL) and at the edition as the
`bibl` of the file. Persons, organisations and places are named by their authority URI from the
registers (GND first, then VIAF, Wikidata, GeoNames), by name only where
the register has none. Documents without letter metadata are listed, not exported.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from lxml import etree

from .. import TEI_NS
from ..errors import TeipressError
from ..parse import ParsedDocument
from ..site import slugs_for
from .edition import Edition, indent_element_only, plain, sub, tei

_T = f"{{{TEI_NS}}}"
_NS = {"tei": TEI_NS}
# Authority files correspSearch resolves, in order of preference, recognised by their URI.
_AUTHORITIES = ("d-nb.info/gnd/", "viaf.org/viaf/", "wikidata.org/entity/", "geonames.org/")
_PLACE_AUTHORITIES = ("geonames.org/", "d-nb.info/gnd/", "wikidata.org/entity/", "viaf.org/viaf/")
_DATING = ("when", "from", "to", "notBefore", "notAfter")


@dataclass
class CmifResult:
    root: etree._Element
    letters: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (document, why)


def cmif(edition: Edition, when: datetime.date) -> CmifResult:
    settings = edition.settings
    # What the CMIF grammar requires of the header: a title, an editor, a publisher, the file's
    # own address and a licence with a target. The editors and the licence may come from the
    # documents' headers (facts.py); without a base URL the file's address is relative.
    missing = [name for name, value in (("editors", settings.editors), ("licence", settings.licence))
               if not value]
    if settings.licence and not settings.licence.startswith(("http://", "https://")):
        missing.append("licence (as a URL)")
    if missing:
        raise TeipressError(f"a CMIF file needs [edition] {', '.join(missing)} in teipress.toml "
                            "(correspSearch requires them; the documents' headers name none)")
    base = settings.base_url if not settings.base_url or settings.base_url.endswith("/") \
        else f"{settings.base_url}/"
    # A UUID, as CMIF recommends, derived from the base URL (else the title) so that it is stable;
    # prefixed because an xml:id must not start with a digit.
    bibl_id = f"edition-{uuid.uuid5(uuid.NAMESPACE_URL, base or settings.title)}"
    root = etree.Element(f"{_T}TEI", nsmap={None: TEI_NS})
    header = sub(root, "teiHeader")
    _file_desc(header, edition, base, bibl_id, when)
    profile = sub(header, "profileDesc")
    result = CmifResult(root)
    entries = edition.entries
    slugs = slugs_for(edition.documents)
    for document in edition.documents:
        url = f"{base}{slugs[document.path]}.html" if base else document_address(document.root)
        count, why = _letter(profile, document, entries, url, bibl_id)
        if count:
            result.letters += [document.display] * count
        else:
            result.skipped.append((document.display, why or "no letter"))
    sub(sub(sub(root, "text"), "body"), "p")
    indent_element_only(root)
    return result


def document_address(root: etree._Element) -> str | None:
    """Where a document can be read without a base URL for the edition: its own published address
    (a URL, URI or handle `idno` of its publicationStmt), else its source's (the sourceDesc's URL)."""
    for path in ("tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno",
                 "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:idno[@type='URL' or @type='URI'"
                 " or @type='url']",
                 "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:ref/@target"):
        for found in root.xpath(path, namespaces=_NS):
            value = (found if isinstance(found, str) else found.text or "").strip()
            if value.startswith(("http://", "https://")) and " " not in value:
                return value
    return None


def _file_desc(header: etree._Element, edition: Edition, base: str | None, bibl_id: str,
               when: datetime.date) -> None:
    settings = edition.settings
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", f"Letters of {settings.title}")
    for editor in settings.editors:
        sub(title_stmt, "editor", editor)
    publication = sub(file_desc, "publicationStmt")
    publisher = sub(publication, "publisher", None if base else settings.publisher or settings.title)
    if base:
        sub(publisher, "ref", settings.publisher or settings.title, target=base)
    # The file's own address: relative (its name) when the edition's address is not known.
    sub(publication, "idno", f"{base or ''}cmif.xml", type="url")
    sub(publication, "date", when=when.isoformat())
    sub(sub(publication, "availability"), "licence", settings.licence, target=settings.licence)
    bibl = sub(sub(file_desc, "sourceDesc"), "bibl", type="online")
    bibl.set("{http://www.w3.org/XML/1998/namespace}id", bibl_id)
    bibl.text = f"{settings.title}. "
    if settings.publisher:
        bibl.text += f"{settings.publisher}. "
    if base:
        sub(bibl, "ref", base, target=base)
    else:
        bibl.text = bibl.text.rstrip()


def _letter(profile: etree._Element, document: ParsedDocument, entries: dict[str, etree._Element],
            url: str | None, bibl_id: str) -> tuple[int, str | None]:
    """Append the document's letters (one per correspDesc with sender and recipient; their own
    URL where they give one, else the document's page); or say why there is none."""
    found = document.root.findall(f"{_T}teiHeader/{_T}profileDesc/{_T}correspDesc")
    if not found:
        return 0, "no correspDesc in its header"
    letters, why = 0, None
    for corresp in found:
        actions = {kind: corresp.find(f"{_T}correspAction[@type='{kind}']") for kind in ("sent", "received")}
        missing = [kind for kind, action in actions.items()
                   if action is None or not _names(action, ("persName", "orgName", "name"))]
        if missing:
            why = f"no {'sender' if missing[0] == 'sent' else 'recipient'} in its correspDesc"
            continue
        own = corresp.get("ref", "")
        address = own if own.startswith("http") else url  # optional in CMIF: left out when unknown
        desc = sub(profile, "correspDesc", **({"ref": address} if address else {}), source=f"#{bibl_id}")
        for kind, action in actions.items():
            _action(sub(desc, "correspAction", type=kind), action, entries)
        letters += 1
    return letters, why


def _action(target: etree._Element, action: etree._Element, entries: dict[str, etree._Element]) -> None:
    for name in _names(action, ("persName", "orgName", "name")):
        _named(target, name, entries)
    for place in _names(action, ("placeName",))[:1]:
        _named(target, place, entries)
    date = action.find(f"{_T}date")
    attributes = {a: date.get(a) for a in _DATING if date is not None and date.get(a)}
    if attributes:
        target.append(tei("date", **attributes))


def _names(action: etree._Element, kinds: tuple[str, ...]) -> list[etree._Element]:
    return [child for child in action if etree.QName(child).localname in kinds and plain(child)]


def _named(parent: etree._Element, name: etree._Element, entries: dict[str, etree._Element]) -> None:
    """The name as written, with the entry's authority URI; `name` elements become persName."""
    tag = etree.QName(name).localname
    element = sub(parent, "persName" if tag == "name" else tag, plain(name))
    uri = authority(name, entries)
    if uri:
        element.set("ref", uri)


def authority(name: etree._Element, entries: dict[str, etree._Element]) -> str | None:
    """The best authority URI for a name: on the name itself, or on the register entry it names."""
    candidates = [t for t in (name.get("ref") or "").split() if t.startswith("http")]
    for token in (name.get("ref") or "").split():
        entry = entries.get(token[1:]) if token.startswith("#") else None
        if entry is not None:
            candidates += [(i.text or "").strip() for i in entry.iter(f"{_T}idno")]
    order = _PLACE_AUTHORITIES if etree.QName(name).localname == "placeName" else _AUTHORITIES
    for marker in order:
        for candidate in candidates:
            if marker in candidate and candidate.startswith("http"):
                return candidate.rstrip("/") if marker != "geonames.org/" else candidate
    return None
