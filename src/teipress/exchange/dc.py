"""`export dc`: Dublin Core records for aggregators, and a BEACON file for the GND.

- `oai-pmh.xml`: an OAI-PMH *static repository* (one XML file an OAI static repository gateway
  serves as a full OAI-PMH interface): Identify, ListMetadataFormats (oai_dc), and one
  oai_dc record per document (title, creator, contributors, date, description, languages,
  publisher, rights, the page's URL and the source as identifier and source, subjects).
- `beacon-gnd.txt`: a BEACON link dump: for every register person with a GND number, the
  register page's anchor in the edition, so GND-based services can link to it.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlparse

from lxml import etree

from .. import TEI_NS
from ..errors import TeipressError
from ..site import slugs_for
from .checks import DC, OAI, OAI_DC, OAI_STATIC
from .edition import Edition, document_date, document_title, indent_element_only, plain

_T = f"{{{TEI_NS}}}"
_NS = {"tei": TEI_NS}
_SCHEMA_LOCATIONS = {
    OAI_STATIC: "http://www.openarchives.org/OAI/2.0/static-repository.xsd",
    OAI_DC: "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
GND = "d-nb.info/gnd/"


def static_repository(edition: Edition, when: datetime.date) -> etree._Element:
    settings = edition.settings
    admin_email = settings.admin_email
    missing = [name for name, value in (("base URL", settings.base_url), ("admin e-mail", admin_email))
               if not value]
    if missing or not settings.base_url or not admin_email:
        # Neither can be read from TEI headers, and OAI-PMH's Identify response must name both.
        raise TeipressError(f"an OAI-PMH repository needs its {' and '.join(missing)}: give "
                            "--base-url/--admin-email, or [edition] base_url and [export] admin_email "
                            "in teipress.toml (its Identify response names both)")
    base = settings.base_url if settings.base_url.endswith("/") else f"{settings.base_url}/"
    namespace = urlparse(base).hostname or "localhost"
    root = etree.Element(f"{{{OAI_STATIC}}}Repository", nsmap={None: OAI_STATIC, "oai": OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_STATIC} {_SCHEMA_LOCATIONS[OAI_STATIC]}")
    dates = {d.path: document_date(d.root) for d in edition.documents}
    stamps = {d.path: _datestamp(d.root, when) for d in edition.documents}
    identify = etree.SubElement(root, f"{{{OAI_STATIC}}}Identify")
    for name, value in (("repositoryName", settings.title), ("baseURL", f"{base}oai-pmh.xml"),
                        ("protocolVersion", "2.0"), ("adminEmail", admin_email),
                        ("earliestDatestamp", min(stamps.values(), default=when.isoformat())),
                        ("deletedRecord", "no"), ("granularity", "YYYY-MM-DD")):
        etree.SubElement(identify, f"{{{OAI}}}{name}").text = value
    formats = etree.SubElement(root, f"{{{OAI_STATIC}}}ListMetadataFormats")
    fmt = etree.SubElement(formats, f"{{{OAI}}}metadataFormat")
    for name, value in (("metadataPrefix", "oai_dc"), ("schema", _SCHEMA_LOCATIONS[OAI_DC]),
                        ("metadataNamespace", OAI_DC)):
        etree.SubElement(fmt, f"{{{OAI}}}{name}").text = value
    records = etree.SubElement(root, f"{{{OAI_STATIC}}}ListRecords", metadataPrefix="oai_dc")
    slugs = slugs_for(edition.documents)
    for document in edition.documents:
        record = etree.SubElement(records, f"{{{OAI}}}record")
        header = etree.SubElement(record, f"{{{OAI}}}header")
        etree.SubElement(header, f"{{{OAI}}}identifier").text = f"oai:{namespace}:{slugs[document.path]}"
        etree.SubElement(header, f"{{{OAI}}}datestamp").text = stamps[document.path]
        metadata = etree.SubElement(record, f"{{{OAI}}}metadata")
        metadata.append(dublin_core(document.root, edition, f"{base}{slugs[document.path]}.html",
                                    dates[document.path]))
    indent_element_only(root)
    return root


def dublin_core(root: etree._Element, edition: Edition, url: str, date: str | None) -> etree._Element:
    settings = edition.settings
    dc = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {_SCHEMA_LOCATIONS[OAI_DC]}")

    def add(name: str, value: str | None) -> None:
        if value and value.strip():
            etree.SubElement(dc, f"{{{DC}}}{name}").text = " ".join(value.split())

    header = f"{_T}teiHeader"
    add("title", document_title(root))
    for author in root.iterfind(f"{header}/{_T}fileDesc/{_T}titleStmt/{_T}author"):
        add("creator", plain(author))
    for who in root.xpath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:respStmt/*[not(self::tei:resp)]"
                          " | tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:editor", namespaces=_NS):
        add("contributor", plain(who))
    add("date", date)
    for abstract in root.iterfind(f"{header}/{_T}profileDesc/{_T}abstract"):
        add("description", plain(abstract))
    languages = root.xpath("tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident", namespaces=_NS)
    for language in dict.fromkeys(languages or [root.get("{http://www.w3.org/XML/1998/namespace}lang")]):
        add("language", language)
    add("publisher", settings.publisher)
    add("rights", settings.licence)
    add("identifier", url)
    for term in root.xpath("tei:teiHeader/tei:profileDesc/tei:textClass//tei:term", namespaces=_NS):
        add("subject", plain(term))
    for source in root.xpath("tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:idno[@type='URL']"
                             " | tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msIdentifier",
                             namespaces=_NS):
        add("source", plain(source))
    add("type", "Text")
    add("format", "application/tei+xml")
    return dc


def _datestamp(root: etree._Element, when: datetime.date) -> str:
    """When the record last changed: the latest dated change of the file, else its publication
    date, else the export day."""
    found = root.xpath("tei:teiHeader/tei:revisionDesc//tei:change/@when"
                       " | tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date/@when", namespaces=_NS)
    days = sorted(value[:10] for value in found if _is_day(value[:10]))
    return days[-1] if days else when.isoformat()


def _is_day(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def beacon(edition: Edition, when: datetime.date) -> str:
    """BEACON text: one line per person with a GND number, linking to the register entry."""
    settings = edition.settings
    base = (settings.base_url or "").rstrip("/")
    lines = ["#FORMAT: BEACON", "#PREFIX: https://d-nb.info/gnd/",
             f"#TARGET: {base}/persons.html#{{ID}}" if base else "#TARGET: persons.html#{ID}",
             f"#NAME: {settings.title}", f"#TIMESTAMP: {when.isoformat()}"]
    if settings.publisher:
        lines.append(f"#INSTITUTION: {settings.publisher}")
    links: dict[str, str] = {}
    for ident, entry in edition.entries.items():
        if etree.QName(entry).localname not in {"person", "personGrp"}:
            continue
        for idno in entry.iter(f"{_T}idno"):
            number = _gnd_number(idno)
            if number and number not in links:
                links[number] = ident
    # One line per GND number: the number, no annotation, and the entry's anchor as the {ID}.
    lines += [f"{number}||{ident}" for number, ident in sorted(links.items())]
    return "\n".join(lines) + "\n"


def _gnd_number(idno: etree._Element) -> str | None:
    value = (idno.text or "").strip().rstrip("/")
    if GND in value:
        return value.rsplit("/", 1)[-1] or None
    if (idno.get("type") or "").lower() == "gnd" and value and " " not in value:
        return value.rsplit("/", 1)[-1]
    return None
