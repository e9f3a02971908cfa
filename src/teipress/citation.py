"""How to cite a document of the edition, and the edition itself, in every form readers' tools read.

One `Citation` per page is computed from the TEI header (authors, title, date), the catalogue
record and the edition's settings (title, editors, publisher, base URL). Every form is derived
from it, so they cannot disagree: the recommended citation shown on the page, CSL-JSON, BibTeX and
RIS downloads, Highwire `citation_*` and Dublin Core meta tags, schema.org JSON-LD and the
canonical link. The stylesheets only place what the `s:citation` element carries.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import TEI_NS, XML_ID
from .outputs import CITE_FOLDER, EDITION_CITATION, INDEX_PAGE

SITE_NS = "urn:teipress:site"
FORMATS = {"json": "CSL-JSON", "bib": "BibTeX", "ris": "RIS"}
_T = f"{{{TEI_NS}}}"
_S = f"{{{SITE_NS}}}"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class Name:
    """A person or body: family and given names when the TEI tells them apart, else literal."""

    family: str = ""
    given: str = ""
    literal: str = ""

    def display(self) -> str:  # "Anatoly Dobrynin"
        return self.literal or " ".join(p for p in (self.given, self.family) if p)

    def inverted(self) -> str:  # "Dobrynin, Anatoly"
        return self.literal or ", ".join(p for p in (self.family, self.given) if p)


@dataclass(frozen=True)
class EditionFacts:
    """What the settings say about the edition as a whole."""

    title: str
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    base_url: str | None = None
    licence: str | None = None

    @classmethod
    def from_settings(cls, settings) -> EditionFacts:
        return cls(settings.title, tuple(getattr(settings, "editors", ()) or ()),
                   getattr(settings, "publisher", None), getattr(settings, "base_url", None),
                   getattr(settings, "licence", None))

    def page_url(self, page: str) -> str | None:
        """The published address of `page` (relative to html/), when the base URL is known."""
        if not self.base_url:
            return None
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return urllib.parse.urljoin(base, page)


@dataclass(frozen=True)
class Citation:
    key: str                 # the page's name: BibTeX key and CSL id
    title: str
    page: str                # the page, relative to html/
    edition: EditionFacts
    authors: tuple[Name, ...] = ()
    date: str | None = None  # ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD) of the document
    language: str | None = None
    is_edition: bool = False  # the edition itself rather than one of its documents
    editors: tuple[Name, ...] = field(default=())

    @property
    def url(self) -> str | None:
        return self.edition.page_url(self.page)

    @property
    def publisher(self) -> str | None:
        return self.edition.publisher

    def date_parts(self) -> list[int]:
        match = _DATE.match(self.date or "")
        return [int(p) for p in match.groups() if p] if match else []


def document_citation(root: etree._Element, slug: str, title: str, date: str | None,
                      edition: EditionFacts, entries: dict[str, etree._Element]) -> Citation:
    """The citation of one document: authors from the header's titleStmt (their names split as
    the header or their register entry split them), title and date as the catalogue has them."""
    statement = root.find(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt")
    authors = tuple(_name(a, entries) for a in (statement.iterfind(f"{_T}author") if statement is not None
                                                  else ()) if _text(a))
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return Citation(slug, title, f"{slug}.html", edition, authors, date, language,
                    editors=_edition_editors(edition))


def edition_citation(edition: EditionFacts, language: str | None = None) -> Citation:
    return Citation(EDITION_CITATION, edition.title, INDEX_PAGE, edition, language=language,
                    is_edition=True, editors=_edition_editors(edition))


def _edition_editors(edition: EditionFacts) -> tuple[Name, ...]:
    return tuple(_split_display(e) for e in edition.editors)


def _split_display(text: str) -> Name:
    """A name the settings give as "Family, Given" is split there; any other form stays literal."""
    family, comma, given = text.partition(",")
    return Name(family.strip(), given.strip()) if comma else Name(literal=text.strip())


def _name(element: etree._Element, entries: dict[str, etree._Element]) -> Name:
    """Structured when the author element or its register entry has surname and forename."""
    candidates = [element, *element.iter(f"{_T}persName")]
    for ref in (element.get("ref") or "").split() + [r for p in element.iter() for r in
                                                      (p.get("ref") or "").split()]:
        entry = entries.get(ref.removeprefix("#"))
        if entry is not None:
            candidates += [n for n in entry.iterfind(f"{_T}persName")]
    for candidate in candidates:
        surname, forenames = candidate.find(f"{_T}surname"), candidate.findall(f"{_T}forename")
        if surname is not None and _text(surname):
            return Name(_text(surname), " ".join(_text(f) for f in forenames if _text(f)))
    return Name(literal=_text(element))


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def entries_by_id(entries: list[etree._Element]) -> dict[str, etree._Element]:
    return {e.get(XML_ID): e for e in entries if e.get(XML_ID)}


# --- the forms ------------------------------------------------------------------------------

def recommended(c: Citation) -> str:
    """The citation a reader copies: authors, "title", date, in edition, edited by, publisher,
    URL. The access date is the reader's to add."""
    parts = []
    if c.authors:
        parts.append(_join_names([c.authors[0].inverted(), *(a.display() for a in c.authors[1:])]) + ".")
    if c.is_edition:
        parts.append(f"{c.title}.")
    else:
        dated = f", {_human_date(c.date)}" if c.date else ""
        parts.append(f"“{c.title}”{dated}.")
        parts.append(f"In {c.edition.title}.")
    if c.editors:
        parts.append(f"Edited by {_join_names([e.display() for e in c.editors])}.")
    if c.publisher:
        parts.append(f"{c.publisher}.")
    if c.url:
        parts.append(f"{c.url}.")
    return " ".join(parts)


def _join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _human_date(iso: str) -> str:
    match = _DATE.match(iso)
    if not match:
        return iso
    year, month, day = match.groups()
    if month and day and 1 <= int(month) <= 12:
        return f"{int(day)} {MONTHS[int(month) - 1]} {year}"
    return f"{MONTHS[int(month) - 1]} {year}" if month and 1 <= int(month) <= 12 else year


def csl_json(c: Citation) -> str:
    item: dict = {"id": c.key, "type": "webpage" if c.is_edition else "document", "title": c.title}
    if c.authors:
        item["author"] = [_csl_name(a) for a in c.authors]
    if c.editors:
        item["editor"] = [_csl_name(e) for e in c.editors]
    if not c.is_edition:
        item["container-title"] = c.edition.title
    if c.date_parts():
        item["issued"] = {"date-parts": [c.date_parts()]}
    for key, value in (("publisher", c.publisher), ("URL", c.url), ("language", c.language)):
        if value:
            item[key] = value
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def _joined(parts: list[int], separator: str) -> str:
    """[1962, 11, 5] -> 1962-11-05 (or with slashes, as Highwire and RIS write dates)."""
    return separator.join([str(parts[0]), *(f"{p:02d}" for p in parts[1:])])


def _csl_name(name: Name) -> dict[str, str]:
    return {"literal": name.literal} if name.literal else {"family": name.family, "given": name.given}


def bibtex(c: Citation) -> str:
    fields = [("title", "{" + _bib(c.title) + "}")]
    if c.authors:
        fields.append(("author", " and ".join(_bib_name(a) for a in c.authors)))
    if c.editors:
        fields.append(("editor", " and ".join(_bib_name(e) for e in c.editors)))
    if not c.is_edition:
        fields.append(("booktitle", _bib(c.edition.title)))
    parts = c.date_parts()
    if parts:
        fields.append(("year", str(parts[0])))
        fields.append(("date", _joined(parts, "-")))
    for key, value in (("publisher", c.publisher), ("url", c.url), ("langid", c.language)):
        if value:
            fields.append((key, _bib(value) if key != "url" else value.replace("}", "%7D")))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    entry = "misc" if c.is_edition else "incollection"
    return f"@{entry}{{{_bib_key(c.key)},\n{body}\n}}\n"


def _bib(text: str) -> str:
    """BibTeX-safe text: braces balanced by dropping them, specials escaped."""
    text = text.replace("\\", "").replace("{", "").replace("}", "")
    return re.sub(r"([&%$#_])", r"\\\1", text)


def _bib_name(name: Name) -> str:
    return "{" + _bib(name.literal) + "}" if name.literal else f"{_bib(name.family)}, {_bib(name.given)}"


def _bib_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", key) or "document"


def ris(c: Citation) -> str:
    lines = [("TY", "WEB" if c.is_edition else "CHAP"), ("TI", c.title)]
    lines += [("AU", a.inverted()) for a in c.authors]
    lines += [("ED", e.inverted()) for e in c.editors]
    if not c.is_edition:
        lines.append(("T2", c.edition.title))
    parts = c.date_parts()
    if parts:
        lines.append(("PY", str(parts[0])))
        lines.append(("DA", _joined(parts, "/")))
    for tag, value in (("PB", c.publisher), ("UR", c.url), ("LA", c.language), ("ID", c.key)):
        if value:
            lines.append((tag, value))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines)


def meta_tags(c: Citation) -> list[tuple[str, str]]:
    """Highwire Press tags (as Zotero's Embedded Metadata and Google Scholar read them) and Dublin
    Core: (name, content) in a fixed order."""
    tags = [("citation_title", c.title)]
    tags += [("citation_author", a.inverted()) for a in c.authors]
    tags += [("citation_editor", e.inverted()) for e in c.editors]
    if c.date_parts():
        tags.append(("citation_date", _joined(c.date_parts(), "/")))
    if not c.is_edition:
        tags.append(("citation_inbook_title", c.edition.title))
    for name, value in (("citation_publisher", c.publisher), ("citation_public_url", c.url),
                        ("citation_language", c.language)):
        if value:
            tags.append((name, value))
    tags.append(("DC.title", c.title))
    tags += [("DC.creator", a.inverted()) for a in c.authors]
    tags += [("DC.contributor", e.inverted()) for e in c.editors]
    for name, value in (("DC.date", c.date), ("DC.publisher", c.publisher), ("DC.identifier", c.url),
                        ("DC.language", c.language), ("DC.rights", c.edition.licence)):
        if value:
            tags.append((name, value))
    if not c.is_edition:
        tags.append(("DC.relation.ispartof", c.edition.title))
    return tags


def json_ld(c: Citation) -> str:
    """schema.org JSON-LD, escaped so it can sit in an HTML data block: no `<`, `>` or `&` survive
    literally, so no text from a TEI file can close the block."""
    data: dict = {"@context": "https://schema.org",
                  "@type": "WebSite" if c.is_edition else "ArchiveComponent", "name": c.title}
    if c.authors:
        data["author"] = [_ld_name(a) for a in c.authors]
    if c.editors:
        data["editor"] = [_ld_name(e) for e in c.editors]
    if c.date:
        data["dateCreated"] = c.date
    if not c.is_edition:
        data["isPartOf"] = {"@type": "WebSite", "name": c.edition.title,
                            **({"url": c.edition.page_url("index.html")} if c.edition.base_url else {})}
    for key, value in (("publisher", c.publisher and {"@type": "Organization", "name": c.publisher}),
                       ("url", c.url), ("inLanguage", c.language), ("license", c.edition.licence)):
        if value:
            data[key] = value
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _ld_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"@type": "Thing", "name": name.literal}
    return {"@type": "Person", "familyName": name.family, "givenName": name.given, "name": name.display()}


# --- into the build -------------------------------------------------------------------------

def write_downloads(c: Citation, html: Path) -> dict[str, str]:
    """cite/<page>.json|.bib|.ris for a document, edition-citation.* beside index.html for the
    edition (no document's slug can clash with it: outputs.is_reserved); returns {format: href
    relative to html/}."""
    stem = EDITION_CITATION if c.is_edition else f"{CITE_FOLDER}/{c.key}"
    (html / stem).parent.mkdir(exist_ok=True)
    written = {}
    for suffix, content in (("json", csl_json(c)), ("bib", bibtex(c)), ("ris", ris(c))):
        (html / f"{stem}.{suffix}").write_text(content, encoding="utf-8", newline="")
        written[suffix] = f"{stem}.{suffix}"
    return written


def citation_element(c: Citation, downloads: dict[str, str]) -> etree._Element:
    """`s:citation` for the manifest: what the page shows and puts in its head."""
    element = etree.Element(f"{_S}citation", nsmap={"s": SITE_NS})
    if c.url:
        element.set("canonical", c.url)
    etree.SubElement(element, f"{_S}recommended").text = recommended(c)
    for name, content in meta_tags(c):
        etree.SubElement(element, f"{_S}meta", name=name, content=content)
    etree.SubElement(element, f"{_S}json-ld").text = json_ld(c)
    for suffix, href in downloads.items():
        etree.SubElement(element, f"{_S}download", href=href, format=FORMATS[suffix],
                         type={"json": "application/vnd.citationstyles.csl+json",
                               "bib": "application/x-bibtex",
                               "ris": "application/x-research-info-systems"}[suffix])
    return element


def document_citation_element(root: etree._Element, slug: str, record: etree._Element,
                              edition: EditionFacts, by_id: dict[str, etree._Element],
                              html: Path) -> etree._Element:
    """A document's `s:citation`, from its header (`root`) and catalogue record, with its
    downloads written into `html`; the document page shows it (`entries_by_id` makes `by_id`)."""
    title = " ".join((record.findtext(f"{_S}title") or slug).split())
    citation = document_citation(root, slug, title, record.get("date"), edition, by_id)
    return citation_element(citation, write_downloads(citation, html))


def edition_element(edition: EditionFacts, html: Path) -> etree._Element:
    """`s:citation` of the edition itself, for the index and the About page."""
    citation = edition_citation(edition)
    return citation_element(citation, write_downloads(citation, html))
