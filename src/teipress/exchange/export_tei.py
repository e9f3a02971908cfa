"""`export tei`: every document as a self-contained TEI file.

The register entries a document points to (and those they point to in turn) are copied into a
`standOff` after its header, so `#id` pointers resolve inside the file and it means the same
without the project's registers. Entries the document already holds (some corpora keep copies
in `back`) are not copied twice. A `revisionDesc/change` records the export. Relative
`xml-model` links are dropped: the schema they name is not part of the export.
"""

from __future__ import annotations

import datetime
from copy import deepcopy
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_ID
from ..parse import ParsedDocument
from ..references import local_target, pointers
from .edition import ENTRY_LISTS, Edition, serialise, sub, tei

_T = f"{{{TEI_NS}}}"


def self_contained(document: ParsedDocument, entries: dict[str, etree._Element], when: datetime.date
                   ) -> tuple[etree._ElementTree, int]:
    """A copy of the document with its register entries in a standOff; and how many were copied."""
    tree = deepcopy(document.tree)
    root = tree.getroot()
    copied = _entries_pointed_to(root, entries)
    if copied:
        stand_off = tei("standOff")
        stand_off.text = "\n    "
        for list_name, members in _grouped(copied).items():
            holder = sub(stand_off, list_name)
            holder.text, holder.tail = "\n      ", "\n    "
            for member in members:  # copied as written in the register, whitespace included
                copy = deepcopy(member)
                copy.tail = "\n      "
                holder.append(copy)
            holder[-1].tail = "\n    "
        stand_off[-1].tail = "\n  "
        header = root.find(f"{_T}teiHeader")
        if header is not None:
            stand_off.tail = header.tail
            header.addnext(stand_off)
    record_change(root, when, f"Exported by teipress as a self-contained file: {len(copied)} "
                              "register entries copied into standOff.")
    return tree, len(copied)


def _entries_pointed_to(root: etree._Element, entries: dict[str, etree._Element]) -> list[etree._Element]:
    """Register entries named by the document's pointers, then by those entries' own pointers."""
    present = {element.get(XML_ID) for element in root.iter() if element.get(XML_ID)}
    chosen: list[etree._Element] = []
    queue = [root]
    while queue:
        tokens = [t for element in queue.pop(0).iter(etree.Element) for t in pointers(element)]
        for token in tokens:
            target = local_target(token)
            entry = entries.get(target or "")
            if entry is None or target in present or not _ids_free(entry, present):
                continue
            present.update(e.get(XML_ID) for e in entry.iter() if e.get(XML_ID))
            chosen.append(entry)
            queue.append(entry)
    return chosen


def _ids_free(entry: etree._Element, present: set[str | None]) -> bool:
    return not any(e.get(XML_ID) in present for e in entry.iter() if e.get(XML_ID))


def _grouped(entries: list[etree._Element]) -> dict[str, list[etree._Element]]:
    """By list element, in a fixed order (persons, places, organisations, then the rest)."""
    grouped: dict[str, list[etree._Element]] = {}
    for entry in entries:
        grouped.setdefault(ENTRY_LISTS[etree.QName(entry).localname], []).append(entry)
    order = list(dict.fromkeys(ENTRY_LISTS.values()))
    return {name: sorted(grouped[name], key=lambda e: e.get(XML_ID) or "")
            for name in order if name in grouped}


def record_change(root: etree._Element, when: datetime.date, text: str) -> None:
    """A change in revisionDesc (created at the end of the header if there is none)."""
    header = root.find(f"{_T}teiHeader")
    if header is None:
        return
    revision = header.find(f"{_T}revisionDesc")
    if revision is None:
        revision = sub(header, "revisionDesc")
        revision.tail = "\n  "
        revision.text = "\n      "
    holder = revision.find(f"{_T}listChange")
    if revision.find(f"{_T}list") is not None:  # the old form: a list of items
        holder, name = revision.find(f"{_T}list"), "item"
    else:
        holder, name = (holder if holder is not None else revision), "change"
    change = etree.SubElement(holder, f"{_T}{name}")
    if name == "change":
        change.set("when", when.isoformat())
    change.text = text
    previous = change.getprevious()
    change.tail = previous.tail if previous is not None else "\n    "
    if previous is not None:
        previous.tail = holder.text or "\n      "


def write_tei(edition: Edition, folder: Path, when: datetime.date) -> list[Path]:
    """One file per document and per page, under its path relative to the source folder."""
    entries = edition.entries
    written = []
    for document in [*edition.documents, *edition.pages]:
        tree, _ = self_contained(document, entries, when)
        target = folder / _relative(document.path, edition.source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_document_bytes(tree))
        written.append(target)
    return written


def _document_bytes(tree: etree._ElementTree) -> bytes:
    """The root with the processing instructions before it that still work (absolute links)."""
    root = tree.getroot()
    kept = [node for node in root.itersiblings(preceding=True)
            if not (isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model"
                    and not (node.get("href") or "").startswith(("http://", "https://")))]
    head = b"".join(etree.tostring(node) + b"\n" for node in reversed(kept))
    body = serialise(root)
    declaration, _, rest = body.partition(b"\n")
    return declaration + b"\n" + head + rest


def _relative(path: Path, source: Path) -> Path:
    source = source.resolve() if source.is_dir() else source.resolve().parent
    try:
        return path.resolve().relative_to(source)
    except ValueError:
        return Path(path.name)
