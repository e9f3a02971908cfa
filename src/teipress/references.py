"""Pointers across the corpus, read once: the one corpus index.

It says which file holds which xml:id and how often each file points at each id. Two readers:
the project's rules (schemas/teipress.sch, which get it as the `$corpus` tree and check that
pointers resolve and ids are unique) and the site (the "Mentioned in" lists of register pages).
What counts as a pointer is defined here and in teipress.sch's `tp-local-pointer` key (a test
keeps them in step).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from . import TP_NS, XML_ID
from .parse import ParsedDocument
from .prefixes import expand, prefix_defs

# Attributes whose values are TEI pointers (space-separated URI references).
POINTER_ATTRIBUTES = ("ref", "corresp", "target", "source", "who")
ENTITY_KINDS = {"person": "person", "personGrp": "person", "place": "place", "org": "org"}
_TP = f"{{{TP_NS}}}"
# The elements that can carry an id or a pointer, in document order: libxml2 skips the others
# (most of a document) far faster than a Python loop asks each for six attributes.
_WITH_ID_OR_POINTER = etree.XPath(
    "descendant-or-self::*[@xml:id or " + " or ".join(f"@{name}" for name in POINTER_ATTRIBUTES) + "]")


def local_target(token: str) -> str | None:
    """The id a same-corpus pointer names (`#id`), or None for a URI pointing elsewhere."""
    if token.startswith("#") and len(token) > 1:
        return token[1:]
    return None


def pointers(element: etree._Element) -> Iterator[str]:
    """Every pointer token on one element."""
    for attribute in POINTER_ATTRIBUTES:
        yield from (element.get(attribute) or "").split()


@dataclass(frozen=True)
class IndexedFile:
    """One file's part of the index."""

    path: Path
    display: str
    ids: tuple[tuple[str, str], ...]  # (xml:id, local name of its element), in document order
    targets: Counter[str]  # id -> how often the file points at it, in order of first pointer


class CorpusIndex:
    """Ids and local pointers of every parsed file. Build it once per corpus; the files must not
    change afterwards (the rules' Saxon tree of it is converted once and reused)."""

    def __init__(self, files: list[IndexedFile]) -> None:
        self.files = files

    @cached_property
    def mentions(self) -> dict[str, Counter[Path]]:
        """id -> how often each file points at it."""
        found: dict[str, Counter[Path]] = {}
        for file in self.files:
            for target, count in file.targets.items():
                found.setdefault(target, Counter())[file.path] += count
        return found

    @cached_property
    def element(self) -> etree._Element:
        """The `$corpus` tree teipress.sch reads:
        `<tp:corpus><tp:file path="…" name="stem"><tp:id value="…" element="person"/>
        <tp:pointer value="…"/>…`, every distinct pointed id once per file."""
        corpus = etree.Element(_TP + "corpus", nsmap={"tp": TP_NS})
        for file in self.files:
            entry = etree.SubElement(corpus, _TP + "file", path=file.display, name=file.path.stem)
            for value, element in file.ids:
                etree.SubElement(entry, _TP + "id", value=value, element=element)
            for target in file.targets:
                etree.SubElement(entry, _TP + "pointer", value=target)
        return corpus

    def element_for(self, file: IndexedFile) -> etree._Element:
        """The part of `element` the project's rules read when they check `file`: where each id
        it defines or points at is defined, and who points at its own ids, files in corpus
        order. The rules find the same there as in the whole tree (they look up only these),
        and the part changes only when one of those entries does (so their results can be
        cached per document); a letter's part is a few entries, a register's its mentions."""
        own = {value for value, _ in file.ids}
        ids = sorted(e for value in own | set(file.targets) for e in self._defined.get(value, ()))
        pointers = sorted(p for value in own for p in self._pointing.get(value, ()))
        corpus = etree.Element(_TP + "corpus", nsmap={"tp": TP_NS})
        entries: dict[int, etree._Element] = {}
        for number in sorted({e[0] for e in ids} | {p[0] for p in pointers}):
            other = self.files[number]
            entries[number] = etree.SubElement(corpus, _TP + "file", path=other.display,
                                               name=other.path.stem)
        for number, _, value, element in ids:
            etree.SubElement(entries[number], _TP + "id", value=value, element=element)
        for number, _, value in pointers:
            etree.SubElement(entries[number], _TP + "pointer", value=value)
        return corpus

    @cached_property
    def _defined(self) -> dict[str, list[tuple[int, int, str, str]]]:
        """id -> (file number, place in the file, id, element) of each definition."""
        found: dict[str, list[tuple[int, int, str, str]]] = {}
        for number, file in enumerate(self.files):
            for place, (value, element) in enumerate(file.ids):
                found.setdefault(value, []).append((number, place, value, element))
        return found

    @cached_property
    def _pointing(self) -> dict[str, list[tuple[int, int, str]]]:
        """id -> (file number, place among the file's targets, id) of each file pointing at it."""
        found: dict[str, list[tuple[int, int, str]]] = {}
        for number, file in enumerate(self.files):
            for place, target in enumerate(file.targets):
                found.setdefault(target, []).append((number, place, target))
        return found


def build_index(documents: list[ParsedDocument]) -> CorpusIndex:
    return CorpusIndex([_indexed(document) for document in documents])


def _indexed(document: ParsedDocument) -> IndexedFile:
    ids: list[tuple[str, str]] = []
    targets: Counter[str] = Counter()
    defs = prefix_defs(document.root)  # `psn:P12` counts as the pointer its prefixDef makes
    for element in _WITH_ID_OR_POINTER(document.root):
        if element.get(XML_ID):
            ids.append((element.get(XML_ID), etree.QName(element).localname))
        for token in pointers(element):
            target = local_target(expand(token, defs))
            if target:
                targets[target] += 1
    return IndexedFile(document.path, document.display, tuple(ids), targets)
