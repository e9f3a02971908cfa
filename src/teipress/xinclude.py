"""XInclude, only when asked (`--xinclude`) and only inside the source folder.

libxml2's own XInclude reads any local file (even `parse="text"` of /etc/passwd), so teipress
expands inclusions itself: every href is resolved against the including file, must stay inside
the source folder, and is parsed by the same hardened parser. Supported: parse="xml" (whole
document, or an element chosen by a shorthand/`element(id)` xpointer), parse="text", and
xi:fallback, used when the inclusion fails or is refused (XInclude 1.0 §4.4: a remote href is
refused, so its fallback stands in, as it does for jing when the network is unreachable).

A file included whole, or one whose root is not TEI, is a fragment of the documents that include
it, not a document of its own: `expand` names the fragments it read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import XML_ID
from .findings import Finding
from .parse import TEI_ROOTS, ParsedDocument, make_parser, read_source

XI_NS = "http://www.w3.org/2001/XInclude"
MAX_DEPTH = 10
_ELEMENT_SCHEME = re.compile(r"element\(([^/()]+)\)")


def has_scheme(url: str) -> bool:
    """An absolute URI (`http:`, `file:`, …): something teipress never fetches."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) is not None


class IncludeError(Exception):
    def __init__(self, element: etree._Element, message: str) -> None:
        super().__init__(message)
        self.element = element


@dataclass
class Expansion:
    findings: list[Finding] = field(default_factory=list)
    fragments: set[Path] = field(default_factory=set)  # resolved paths of the fragments read
    fallbacks: list[str] = field(default_factory=list)  # why each fallback of one include was used


def expand(document: ParsedDocument, root: Path) -> Expansion:
    """Replace every xi:include in the document in place; problems become findings."""
    expansion = Expansion()
    document.locator.prime()  # positions refer to this file's text, before anything is spliced in
    for include in list(document.root.iter(f"{{{XI_NS}}}include")):
        try:
            _replace(include, document.path, root.resolve(), depth=0, seen=(document.path.resolve(),),
                     expansion=expansion)
        except IncludeError as exc:
            expansion.findings.append(document.finding(include, "error", "xinclude", str(exc)))
        for used in expansion.fallbacks:
            expansion.findings.append(document.finding(include, "warning", "xinclude", used))
        expansion.fallbacks.clear()
    return expansion


def _replace(include: etree._Element, base: Path, root: Path, depth: int, seen: tuple[Path, ...],
             expansion: Expansion) -> None:
    """Splice in what the include names, or else its xi:fallback (raises IncludeError when
    there is none)."""
    try:
        _include(include, base, root, depth, seen, expansion)
    except IncludeError as exc:
        fallback = include.find(f"{{{XI_NS}}}fallback")
        if fallback is None:
            raise
        expansion.fallbacks.append(f"{exc}; its xi:fallback is used instead")
        for nested in list(fallback.iter(f"{{{XI_NS}}}include")):
            _replace(nested, base, root, depth + 1, seen, expansion)
        _splice(include, fallback.text, list(fallback))


def _include(include: etree._Element, base: Path, root: Path, depth: int, seen: tuple[Path, ...],
             expansion: Expansion) -> None:
    href = include.get("href")
    if not href or has_scheme(href):
        raise IncludeError(include, f'xi:include href="{href}" is not fetched: teipress includes '
                                    "only local files, by relative path")
    target = (base.parent / href).resolve()
    if not target.is_relative_to(root):
        raise IncludeError(include, f'xi:include href="{href}" points outside the source folder')
    if target in seen or depth >= MAX_DEPTH:
        raise IncludeError(include, f'xi:include href="{href}" includes itself (directly or in a loop)')
    source, problem = read_source(target)
    if source is None:
        reason = problem.message if problem else "unreadable"
        raise IncludeError(include, f'xi:include href="{href}": {reason}')
    if include.get("parse", "xml") == "text":
        _splice(include, source.decode(include.get("encoding") or "utf-8", errors="replace"), [])
        expansion.fragments.add(target)
        return
    try:
        included = etree.fromstring(source, make_parser())
    except etree.XMLSyntaxError as exc:
        raise IncludeError(include, f'xi:include href="{href}": not well-formed: {exc}') from exc
    node = _select(include, included, href)
    if node is included or included.tag not in TEI_ROOTS:
        expansion.fragments.add(target)
    for nested in list(node.iter(f"{{{XI_NS}}}include")):
        _replace(nested, target, root, depth + 1, (*seen, target), expansion)
    node.tail = None  # its tail belongs to the file it came from
    _splice(include, None, [node])


def _select(include: etree._Element, included: etree._Element, href: str) -> etree._Element:
    pointer = include.get("xpointer")
    if not pointer:
        return included
    match = _ELEMENT_SCHEME.fullmatch(pointer)
    ident = match.group(1) if match else pointer
    if not re.fullmatch(r"[\w.-]+", ident):
        raise IncludeError(include, f'xi:include xpointer="{pointer}": only an xml:id is supported')
    for element in included.iter(etree.Element):
        if element.get(XML_ID) == ident:
            return element
    raise IncludeError(include, f'xi:include xpointer="{pointer}": no xml:id "{ident}" in {href}')


def _splice(include: etree._Element, text: str | None, nodes: list[etree._Element]) -> None:
    """Put text and then nodes where the include stands; the include's tail follows them."""
    parent = include.getparent()
    previous = include.getprevious()
    if nodes:
        nodes[-1].tail = (nodes[-1].tail or "") + (include.tail or "")
    else:
        text = (text or "") + (include.tail or "")
    if text:
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
    position = parent.index(include)
    parent.remove(include)
    for offset, node in enumerate(nodes):
        parent.insert(position + offset, node)
