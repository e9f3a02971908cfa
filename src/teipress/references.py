"""Cross-references across the corpus: xml:id uniqueness, `#id` pointers that resolve, and the
index of which document mentions which register entry (used for the register pages)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lxml import etree

from . import XML_ID
from .findings import Finding
from .parse import ParsedDocument

# Attributes whose values are TEI pointers (space-separated URI references).
POINTER_ATTRIBUTES = ("ref", "corresp", "target", "source", "who")
ENTITY_KINDS = {"person": "person", "personGrp": "person", "place": "place", "org": "org"}


def pointer_tokens(value: str) -> list[str]:
    return value.split()


def local_target(token: str) -> str | None:
    """The id a same-corpus pointer names (`#id`), or None for a URI pointing elsewhere."""
    if token.startswith("#") and len(token) > 1:
        return token[1:]
    return None


@dataclass
class CorpusIndex:
    """Where every xml:id is defined, and what every document points to."""

    ids: dict[str, list[tuple[ParsedDocument, etree._Element]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    mentions: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def kind_of(self, ident: str) -> str | None:
        """person/place/org when the id names a register-style entry."""
        for _, element in self.ids.get(ident, []):
            kind = ENTITY_KINDS.get(etree.QName(element).localname)
            if kind:
                return kind
        return None


def build_index(documents: list[ParsedDocument]) -> CorpusIndex:
    index = CorpusIndex()
    for document in documents:
        for element in document.root.iter(etree.Element):
            ident = element.get(XML_ID)
            if ident:
                index.ids[ident].append((document, element))
    for document in documents:
        for _, _, token in _pointers(document):
            target = local_target(token)
            if target:
                index.mentions[target][document.path] += 1
    return index


def _pointers(document: ParsedDocument):
    for element in document.root.iter(etree.Element):
        for attribute in POINTER_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                for token in pointer_tokens(value):
                    yield element, attribute, token


def check_references(documents: list[ParsedDocument], index: CorpusIndex) -> dict[str, list[Finding]]:
    """Findings per document display path: ids defined twice across files, `#id`s that resolve nowhere."""
    findings: dict[str, list[Finding]] = defaultdict(list)
    for ident, places in index.ids.items():
        files = {doc.path for doc, _ in places}
        if len(files) < 2:
            continue  # twice in one file is a parse-time finding already
        first_doc, first_el = places[0]
        first_line, _ = first_doc.locator.locate(first_el)
        for doc, element in places[1:]:
            if doc.path == first_doc.path:
                continue
            message = (
                f'xml:id "{ident}" is already defined in {first_doc.display}:{first_line}; '
                "xml:ids must be unique across the edition"
            )
            findings[doc.display].append(doc.finding(element, "error", "id-unique", message))
    for document in documents:
        for element, attribute, token in _pointers(document):
            target = local_target(token)
            if target and target not in index.ids:
                name = etree.QName(element).localname
                message = (
                    f'<{name} {attribute}="{element.get(attribute)}">: "#{target}" points to no '
                    "xml:id in the documents or registers"
                )
                findings[document.display].append(
                    document.finding(element, "error", "ref-resolves", message)
                )
    return findings
