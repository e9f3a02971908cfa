"""Where register entries are named: each mention in a document's text (with the anchor the
document page gives it and a few words of context), and, apart from those, the roles the
document's header gives an entry (sender, recipient, author, editor, translator …).

The anchor of a name in the text is its own xml:id when the page shows it as an HTML id, else
`tp-m<n>`, n counting the names with pointers outside the header in document order, exactly as
the accumulator tp:name-count in xslt/html/names.xsl counts them (a test keeps them in step).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from . import TEI_NS, XML_ID
from .prefixes import PrefixDef, expand, prefix_defs, target_id

T = f"{{{TEI_NS}}}"
NAMES = {f"{T}{n}" for n in ("persName", "placeName", "orgName", "rs", "name")}
# Where a mention's context ends: the smallest block around it.
BLOCKS = {f"{T}{n}" for n in ("p", "ab", "l", "item", "head", "cell", "note", "label", "dateline",
                                "salute", "signed", "byline", "trailer", "stage", "speaker",
                                "docTitle", "bibl", "quote", "seg")}
CONTAINERS = {f"{T}{n}" for n in ("list", "opener", "closer", "div", "lg", "sp", "row", "table",
                                    "listBibl", "postscript", "body", "front", "back")}
# Words that are not the reading (the other side of a choice, variants, notes) stay out of it.
UNREAD = {f"{T}{n}" for n in ("note", "abbr", "orig", "sic", "del", "rdg", "fw", "figDesc")}
REGISTER_LISTS = {f"{T}{n}" for n in ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent",
                                        "listNym", "listObject", "listRelation")}
POINTERS = ("ref", "corresp", "who")
CONTEXT_WORDS = 6


@dataclass(frozen=True)
class Mention:
    ident: str      # the register entry
    anchor: str     # the HTML id of the name on the document page
    before: str
    name: str
    after: str
    count: int = 1  # how many mentions this one stands for (`summarised`)


@dataclass
class DocumentMentions:
    text: list[Mention] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (ident, role), each once


def entity_refs(element: etree._Element) -> list[str]:
    """The pointers of a name, as names.xsl's tp:entity-refs reads them: @ref, else @corresp
    unless the name is keyed."""
    if element.get("ref") is not None:
        value = element.get("ref")
    elif element.get("key") is None:
        value = element.get("corresp") or ""
    else:
        value = ""
    return value.split()


def named_in(root: etree._Element, known: set[str] | None = None) -> DocumentMentions:
    """The mentions of entries in `known` in one document: its text, then its header; with
    `known` None, of every id its pointers name (what the register pages narrow later: the build
    reads them in the worker that catalogues the document, before the registers are merged)."""
    defs = prefix_defs(root)
    found = DocumentMentions()
    header = root.find(f"{T}teiHeader")
    for n, element in enumerate(_text_names(root, header), 1):
        if _in_register(element):
            continue
        idents = _targets(entity_refs(element), defs, known)
        if idents:
            anchor = _html_id(element) or f"tp-m{n}"
            before, name, after = snippet(element)
            found.text.extend(Mention(i, anchor, before, name, after) for i in idents)
    if header is not None:
        seen: set[tuple[str, str]] = set()
        for element in header.iter(etree.Element):
            role = header_role(element)
            if role is None:
                continue
            tokens = [t for a in POINTERS for t in (element.get(a) or "").split()]
            for ident in _targets(tokens, defs, known):
                if (ident, role) not in seen:
                    seen.add((ident, role))
                    found.roles.append((ident, role))
    return found


def _text_names(root: etree._Element, header: etree._Element | None) -> Iterator[etree._Element]:
    for element in root.iter(*NAMES):
        if header is not None and any(a is header for a in element.iterancestors()):
            continue
        if entity_refs(element):
            yield element


def summarised(mentions: DocumentMentions) -> DocumentMentions:
    """What the registers show of a document: the first mention of each entry, in context,
    standing for all of them (`count`). The build keeps only this of every document: the
    60 names of a letter become the 40 entries it names, each once."""
    first: dict[str, Mention] = {}
    counts: dict[str, int] = {}
    for mention in mentions.text:
        first.setdefault(mention.ident, mention)
        counts[mention.ident] = counts.get(mention.ident, 0) + mention.count
    text = [Mention(m.ident, m.anchor, m.before, m.name, m.after, counts[m.ident]) for m in first.values()]
    return DocumentMentions(text, list(mentions.roles))


def mentions_json(mentions: DocumentMentions) -> dict:
    return {"text": [[m.ident, m.anchor, m.before, m.name, m.after, m.count] for m in mentions.text],
            "roles": [list(pair) for pair in mentions.roles]}


def packed(mentions: DocumentMentions) -> str:
    """`mentions` as compact JSON text: what the build keeps of each document until the register
    pages are made (a tenth of the memory of the objects, at 10,000 documents 40 MB, not 400)."""
    return json.dumps(mentions_json(mentions), ensure_ascii=False, separators=(",", ":"))


def unpacked(text: str) -> DocumentMentions:
    """`packed` read back (ValueError/TypeError for another shape)."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("not mentions")
    return mentions_value(value)


def packed_lists(text: str) -> tuple[list[list], list[list]]:
    """`packed` text as its two lists, [ident, anchor, before, name, after, count] per mention
    and [ident, role] per role, unchecked: for the register pages, which read every document's
    mentions for each part of each register (3 million Mention objects at 10,000 documents).
    What they read was checked where it was made, or when it was taken from the build cache."""
    value = json.loads(text)
    return value["text"], value["roles"]


def mentions_value(value: dict) -> DocumentMentions:
    """A cached `mentions_json` read back (ValueError/TypeError for another shape)."""
    text = [_mention(*m) for m in value["text"]]
    roles = [(str(ident), str(role)) for ident, role in value["roles"]]
    return DocumentMentions(text, roles)


def _mention(ident: str, anchor: str, before: str, name: str, after: str, count: int) -> Mention:
    if not all(isinstance(part, str) for part in (ident, anchor, before, name, after)) \
            or not isinstance(count, int) or count < 1:
        raise ValueError("not a mention")
    return Mention(ident, anchor, before, name, after, count)


def _targets(tokens: list[str], defs: tuple[PrefixDef, ...], known: set[str] | None) -> list[str]:
    idents = []
    for token in tokens:
        ident = target_id(expand(token, defs))
        if ident and (known is None or ident in known) and ident not in idents:
            idents.append(ident)
    return idents


def _html_id(element: etree._Element) -> str | None:
    """The id the page gives the element (tp:html-id in html-attributes.xsl)."""
    value = " ".join((element.get(XML_ID) or "").split())
    if not value or re.match(r"^(note|noteref)-\d+$|^tp-", value):
        return None
    return value


def _in_register(element: etree._Element) -> bool:
    return any(a.tag in REGISTER_LISTS for a in element.iterancestors())


def header_role(element: etree._Element) -> str | None:
    """What naming an entry here says: 'sender', 'recipient', 'author', 'editor', 'translator',
    the words of a respStmt's resp, 'metadata' elsewhere in the header; None where a pointer
    is not about the document (the revision history)."""
    ancestors = {a.tag: a for a in element.iterancestors()}
    if f"{T}revisionDesc" in ancestors:
        return None
    action = ancestors.get(f"{T}correspAction")
    if action is not None:
        return {"sent": "sender", "received": "recipient"}.get(action.get("type") or "", "metadata")
    for tag in (element.tag, *ancestors):
        if tag in (f"{T}author", f"{T}editor"):
            return etree.QName(tag).localname
    statement = ancestors.get(f"{T}respStmt")
    if statement is not None:
        resp = " ".join((statement.findtext(f"{T}resp") or "").split())
        if re.search(r"transl|übersetz|tradu", resp, re.IGNORECASE):
            return "translator"
        return f"resp:{resp}" if resp else "metadata"
    return "metadata"


def snippet(element: etree._Element) -> tuple[str, str, str]:
    """A few words before the name, the name, a few words after, within its block."""
    # The smallest block around it that has other words than the name (a name alone in a list
    # item or a signature reads with what surrounds that).
    blocks = [a for a in element.iterancestors() if a.tag in BLOCKS or a.tag in CONTAINERS][:4]
    for block in blocks or [element.getparent()]:
        pieces: list[str] = []
        marks: dict[str, int] = {}
        _linear(block, element, pieces, marks, top=True)
        text = "".join(pieces)
        before, name, after = text[:marks["start"]], text[marks["start"]:marks["end"]], text[marks["end"]:]
        if before.strip() or after.strip():
            break
    words_before, words_after = before.split(), after.split()
    lead = ("… " if len(words_before) > CONTEXT_WORDS else "") + " ".join(words_before[-CONTEXT_WORDS:])
    tail = " ".join(words_after[:CONTEXT_WORDS]) + (" …" if len(words_after) > CONTEXT_WORDS else "")
    # A space between context and name only where the text has one ("Wien's" stays glued).
    lead += " " if lead and before[-1:].isspace() else ""
    tail = (" " if tail and after[:1].isspace() else "") + tail
    return lead, " ".join(name.split()), tail


def _linear(node: etree._Element, target: etree._Element, pieces: list[str], marks: dict[str, int],
            top: bool = False) -> None:
    """The reading's words of `node` into `pieces`, marking where `target` starts and ends."""
    if node is target:
        marks["start"] = sum(map(len, pieces))
    skipped = not top and node is not target and node.tag in UNREAD and not _holds(node, target)
    if not skipped and isinstance(node.tag, str):
        pieces.append(node.text or "")
        for child in node:
            _linear(child, target, pieces, marks)
        if node.tag == f"{T}lb" or node.tag in BLOCKS:
            pieces.append(" ")
    if node is target:
        marks["end"] = sum(map(len, pieces))
    if not top:
        pieces.append(node.tail or "")


def _holds(node: etree._Element, target: etree._Element) -> bool:
    return any(a is node for a in target.iterancestors())
