"""Pointers across the corpus: what counts as a pointer, and which document mentions which
register entry (the "Mentioned in" lists of the register pages). Whether pointers resolve is
checked by the project's Schematron rules (schemas/teipress.sch), which share these definitions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .parse import ParsedDocument

# Attributes whose values are TEI pointers (space-separated URI references).
POINTER_ATTRIBUTES = ("ref", "corresp", "target", "source", "who")
ENTITY_KINDS = {"person": "person", "personGrp": "person", "place": "place", "org": "org"}


def local_target(token: str) -> str | None:
    """The id a same-corpus pointer names (`#id`), or None for a URI pointing elsewhere."""
    if token.startswith("#") and len(token) > 1:
        return token[1:]
    return None


def pointers(root: etree._Element) -> Iterator[tuple[etree._Element, str, str]]:
    """(element, attribute, token) for every pointer token in a tree."""
    for element in root.iter(etree.Element):
        for attribute in POINTER_ATTRIBUTES:
            for token in (element.get(attribute) or "").split():
                yield element, attribute, token


@dataclass
class CorpusIndex:
    """How often each document points at each id."""

    mentions: dict[str, Counter[Path]] = field(default_factory=lambda: defaultdict(Counter))


def build_index(documents: list[ParsedDocument]) -> CorpusIndex:
    index = CorpusIndex()
    for document in documents:
        for _, _, token in pointers(document.root):
            target = local_target(token)
            if target:
                index.mentions[target][document.path] += 1
    return index
