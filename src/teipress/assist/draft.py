"""A TEI draft from a read transcription, in the project's document model (schemas/teipress.rnc):
a header with title, source citation, summary, languages and correspondence, a body of
paragraphs and lists closed by date and signature, notes at their calls.

Header parts the transcription cannot give (publisher, licence) come from the settings; parts
that need a register entry (translator, publisher) are left out when there is none, and the
report says so: a draft must never point at an entry that does not exist.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from lxml import etree

from .. import TEI_NS, XML_ID
from .dates import first_date
from .inline import Tagging, fill, name_element
from .names import Match, tokenize
from .transcription import Transcription

_T = f"{{{TEI_NS}}}"
_LANGUAGES = {
    "english": "en", "russian": "ru", "german": "de", "french": "fr", "spanish": "es",
    "italian": "it", "polish": "pl", "czech": "cs", "chinese": "zh", "japanese": "ja",
    "latin": "la", "portuguese": "pt", "dutch": "nl", "ukrainian": "uk", "hungarian": "hu",
    "swedish": "sv", "turkish": "tr", "arabic": "ar", "romanian": "ro", "serbian": "sr",
    "bulgarian": "bg", "greek": "el", "korean": "ko", "vietnamese": "vi", "hebrew": "he",
    "deutsch": "de", "français": "fr", "englisch": "en", "französisch": "fr", "russisch": "ru",
}
_TRANSLATOR = re.compile(r"\b(?:translation|translated)\s+by\s+([^;,.]+(?:\.\s?[A-Z][^;,.]*)?)", re.I)
_FROM_TO = re.compile(r"\bfrom\b(?P<sender>.*)\bto\b(?P<recipient>.*)$", re.I)


@dataclass
class HeaderFacts:
    """What the header is made of besides the transcription."""

    identifier: str
    publisher: Match | None
    publisher_name: str | None
    licence: str | None
    source_name: str
    today: datetime.date = field(default_factory=datetime.date.today)


def make_draft(text: Transcription, facts: HeaderFacts, tagging: Tagging, gaps: list[str]
               ) -> etree._Element:
    """The draft's root; `gaps` collects what could not be filled in (for the report)."""
    date = first_date(text.title_date)
    tagging.reference_year = int(date.when[:4]) if date else None
    language = _code(text.text_language) or "en"
    tei = etree.Element(f"{_T}TEI", nsmap={None: TEI_NS})
    tei.set(XML_ID, facts.identifier)
    tei.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    header = etree.SubElement(tei, f"{_T}teiHeader")
    file_desc = etree.SubElement(header, f"{_T}fileDesc")
    correspondents = _correspondents(text.title, tagging)
    _title_stmt(file_desc, text, facts, tagging, correspondents, gaps)
    _publication_stmt(file_desc, facts, gaps)
    _source_desc(file_desc, text, facts, tagging, date, correspondents, gaps)
    _encoding_desc(header, facts, tagging)
    _profile_desc(header, text, tagging, date, correspondents, gaps)
    _revision_desc(header, facts)
    body = etree.SubElement(etree.SubElement(tei, f"{_T}text"), f"{_T}body")
    _body(etree.SubElement(body, f"{_T}div", type="telegram"), text, facts, tagging, gaps)
    return tei


def _sub(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{_T}{name}", **attributes)
    element.text = text
    return element


def _code(language: str | None) -> str | None:
    return _LANGUAGES.get(language.strip().casefold()) if language else None


def _mention(parent: etree._Element, name: str, match: Match, text: str) -> etree._Element:
    """A name element for a header slot (author, respStmt, publisher): always a name, not rs."""
    plain = Match(match.first, match.last, match.entries[:1], False)
    element = name_element(plain)
    element.text = text
    element.tag = f"{_T}{name}" if name else element.tag
    parent.append(element)
    return element


def _lookup(text: str, tagging: Tagging, kinds: set[str]) -> Match | None:
    """The register entry a whole short text names (a translator's or publisher's name)."""
    tokens = tokenize(text)
    matches = tagging.gazetteer.find(tokens)
    for match in matches:
        if match.entries[0].kind in kinds and not match.description and not match.ambiguous:
            return match
    return None


def _correspondents(title: str, tagging: Tagging) -> tuple[tuple[Match, str], tuple[Match, str]] | None:
    """Sender and recipient from a title "… from A … to B": the last person or organisation named
    between "from" and the last "to", and the first one named after it."""
    found = _FROM_TO.search(title)
    if not found:
        return None
    sender = [m for m in _named(found.group("sender"), tagging)]
    recipient = [m for m in _named(found.group("recipient"), tagging)]
    if not sender or not recipient:
        return None
    return sender[-1], recipient[0]


def _named(text: str, tagging: Tagging) -> list[tuple[Match, str]]:
    tokens = tokenize(text)
    return [(m, text[tokens[m.first].start:tokens[m.last - 1].end]) for m in tagging.gazetteer.find(tokens)
            if m.entries[0].kind in {"person", "org"} and not m.description and not m.ambiguous]


def _title_stmt(file_desc, text, facts, tagging, correspondents, gaps) -> None:
    stmt = _sub(file_desc, "titleStmt")
    fill(_sub(stmt, "title"), text.title, tagging, quotes=False)
    if correspondents and correspondents[0][0].entries[0].kind == "person":
        _mention(_sub(stmt, "author"), "", *correspondents[0])
    _translator(stmt, text, tagging, gaps)
    if facts.publisher is not None:
        encoding = _sub(stmt, "respStmt")
        _sub(encoding, "resp", "TEI encoding")
        _mention(encoding, "orgName", facts.publisher, facts.publisher_name or "")


def _translator(parent, text: Transcription, tagging: Tagging, gaps: list[str]) -> None:
    found = _TRANSLATOR.search(text.citation)
    if not found:
        return
    name = found.group(1).strip()
    match = _lookup(name, tagging, {"person"})
    if match is None:
        gaps.append(f"translator {name!r} is in no register: add a person entry, then the respStmt")
        return
    stmt = _sub(parent, "respStmt")
    original = text.original_language
    _sub(stmt, "resp", f"Translation from {original}" if original else "Translation")
    _mention(stmt, "persName", match, name)


def _publication_stmt(file_desc, facts: HeaderFacts, gaps: list[str]) -> None:
    stmt = _sub(file_desc, "publicationStmt")
    if facts.publisher is None:
        gaps.append("publisher: set [edition] publisher in teipress.toml to an organisation of the "
                    "registers")
    else:
        _mention(_sub(stmt, "publisher"), "orgName", facts.publisher, facts.publisher_name or "")
    _sub(stmt, "date", f"{facts.today.day} {facts.today:%B %Y}", when=facts.today.isoformat())
    _sub(stmt, "idno", facts.identifier, type="teipress")
    if not facts.licence:
        gaps.append("licence: set [edition] licence in teipress.toml (a URL)")
        return
    target = facts.licence if facts.licence.startswith(("http://", "https://")) else None
    licence = _sub(_sub(stmt, "availability"), "licence", f"Licensed under {facts.licence}.")
    if target:
        licence.set("target", target)
    else:
        gaps.append("licence: the setting is not a URL; give the licence's URL as its target")


def _source_desc(file_desc, text, facts, tagging, date, correspondents, gaps) -> None:
    bibl = _sub(_sub(file_desc, "sourceDesc"), "bibl", type="online")
    bibl.set(XML_ID, f"{facts.identifier}-source")
    if correspondents and correspondents[0][0].entries[0].kind == "person":
        _mention(_sub(bibl, "author"), "", *correspondents[0])
    fill(_sub(bibl, "title", level="a"), text.title, tagging, quotes=False)
    if date is not None:
        _sub(bibl, "date", text.title_date.strip(), when=date.when)
    else:
        gaps.append("the date of the document: the title line does not open with a date")
    _translator(bibl, text, tagging, [])
    publication = _publication(text.citation)
    if publication:
        fill(_sub(bibl, "title", level="m"), publication, tagging, quotes=False)
    publisher = _lookup(publication or text.citation, tagging, {"org"})
    if publisher is not None:
        tokens = tokenize(publication or text.citation)
        written = (publication or text.citation)[tokens[publisher.first].start:tokens[publisher.last - 1].end]
        _mention(_sub(bibl, "publisher"), "orgName", publisher, written)
    else:
        gaps.append("the source's publisher: no organisation of the registers is named in the citation")
    if text.url:
        _sub(bibl, "idno", text.url, type="URL")
    language = _code(text.text_language)
    if language:
        original = f"; original language: {text.original_language}" if text.original_language else ""
        _sub(bibl, "textLang", f"{text.text_language} translation{original}" if original
             else text.text_language, mainLang=language)
    if text.citation:
        _citation(_sub(bibl, "note", type="citation"), text.citation, tagging)


def _publication(citation: str) -> str | None:
    """The part after the quoted title and the date: the database or book cited."""
    rest = re.sub(r"^\s*[\"“][^\"”]*[\"”],?\s*", "", citation)
    while (date := first_date(rest)) is not None and date.start == 0:
        rest = rest[date.end:].lstrip(" ,;")
    parts = [p.strip() for p in re.split(r"[,;]", rest) if p.strip()]
    return parts[0] if parts else None


def _citation(note: etree._Element, citation: str, tagging: Tagging) -> None:
    """The citation with its quoted title as a title of level a."""
    quoted = re.match(r"\s*[\"“]([^\"”]*)[\"”]", citation)
    if not quoted:
        fill(note, citation, tagging, quotes=False)
        return
    fill(_sub(note, "title", level="a"), quoted.group(1), tagging, quotes=False)
    title = note[-1]
    title.tail = None
    rest = etree.Element("rest")
    fill(rest, citation[quoted.end():], tagging, quotes=False)
    title.tail = rest.text
    note.extend(list(rest))


def _encoding_desc(header, facts: HeaderFacts, tagging: Tagging) -> None:
    encoding = _sub(header, "encodingDesc")
    project = _sub(_sub(encoding, "projectDesc"), "p", "Encoded by ")
    if facts.publisher is not None:
        _mention(project, "orgName", facts.publisher, facts.publisher_name or "")
        project[-1].tail = "."
    else:
        project.text = "Encoded for this edition."
    _sub(_sub(encoding, "editorialDecl"), "p",
         f"Draft made by teipress import from {facts.source_name}: names were tagged from the "
         "registers and dates given ISO values automatically; both are to be checked by a person.")


def _profile_desc(header, text, tagging, date, correspondents, gaps) -> None:
    profile = _sub(header, "profileDesc")
    if text.summary:
        fill(_sub(_sub(profile, "abstract"), "p"), text.summary, tagging)
    usage = _sub(profile, "langUsage")
    for language in dict.fromkeys(filter(None, (text.text_language or "English", text.original_language))):
        code = _code(language)
        if code:
            _sub(usage, "language", language, ident=code)
        else:
            gaps.append(f"language {language!r}: no ISO code known; add it to langUsage by hand")
    if correspondents is None:
        gaps.append("correspDesc: sender and recipient could not be read from the title")
        return
    corresp = _sub(profile, "correspDesc")
    sent = _sub(corresp, "correspAction", type="sent")
    _mention(sent, "", *correspondents[0])
    if date is not None:
        _sub(sent, "date", text.title_date.strip(), when=date.when)
    _mention(_sub(corresp, "correspAction", type="received"), "", *correspondents[1])


def _revision_desc(header, facts: HeaderFacts) -> None:
    change = _sub(_sub(header, "revisionDesc"), "change",
                  f"Draft made by teipress import from {facts.source_name}.",
                  when=facts.today.isoformat())
    if facts.publisher is not None:
        change.set("who", f"#{facts.publisher.entries[0].ident}")


def _body(div, text: Transcription, facts: HeaderFacts, tagging: Tagging, gaps: list[str]) -> None:
    used: set[str] = set()

    def note(number: str) -> etree._Element | None:
        if number not in text.notes or number in used:
            gaps.append(f"note call [{number}] has no note (or a second call): left as text")
            return None
        used.add(number)
        element = etree.Element(f"{_T}note", n=number, place="foot", type="editorial",
                                source=f"#{facts.identifier}-source")
        element.set(XML_ID, f"{facts.identifier}-n{number}")
        fill(element, text.notes[number], tagging, quotes=False)
        return element

    current_list = None
    for block in text.blocks:
        if block.kind == "item":
            if current_list is None:
                current_list = _sub(div, "list")
            fill(_sub(current_list, "item"), block.text, tagging, note)
            continue
        current_list = None
        fill(_sub(div, "p"), block.text, tagging, note)
    for number in sorted(set(text.notes) - used, key=int):
        gaps.append(f"note [{number}] is called nowhere in the text: not included")
    if text.closer:
        _closer(div, text.closer, tagging)


def _closer(div, line: str, tagging: Tagging) -> None:
    closer = _sub(div, "closer")
    date = first_date(line, tagging.reference_year)
    if date is not None and date.start == 0:
        fill(_sub(closer, "dateline"), line[: date.end], tagging, quotes=False)
        line = line[date.end:].strip()
    signed = _sub(closer, "signed")
    match = _lookup(line, tagging, {"person"})
    if match is not None and match.first == 0 and match.last == len(tokenize(line)):
        _mention(signed, "persName", match, line)
        tagging.mentions[("person", match.entries[0].ident)] += 1
    else:
        signed.text = line
