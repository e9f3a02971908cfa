"""XInclude, only when asked (`--xinclude`) and only inside the source folder.

libxml2's own XInclude reads any local file (even `parse="text"` of /etc/passwd), so teipress
expands inclusions itself: every href is resolved against the including file, must stay inside
the source folder, and is parsed by the same hardened parser. Supported: parse="xml" (whole
document, or an element chosen by a shorthand/`element(id)` xpointer) and parse="text".
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from . import XML_ID
from .parse import ParsedDocument, make_parser, read_source

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


def expand(document: ParsedDocument, root: Path) -> list:
    """Replace every xi:include in the document in place; problems become findings."""
    findings = []
    document.locator.prime()  # positions refer to this file's text, before anything is spliced in
    for include in list(document.root.iter(f"{{{XI_NS}}}include")):
        try:
            _replace(include, document.path, root.resolve(), depth=0, seen=(document.path.resolve(),))
        except IncludeError as exc:
            findings.append(document.finding(include, "error", "xinclude", str(exc)))
    return findings


def _replace(include: etree._Element, base: Path, root: Path, depth: int, seen: tuple[Path, ...]) -> None:
    href = include.get("href")
    if not href or has_scheme(href):
        raise IncludeError(include, f'xi:include href="{href}": only relative paths to local files')
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
        _splice_text(include, source.decode(include.get("encoding") or "utf-8", errors="replace"))
        return
    try:
        included = etree.fromstring(source, make_parser())
    except etree.XMLSyntaxError as exc:
        raise IncludeError(include, f'xi:include href="{href}": not well-formed: {exc}') from exc
    node = _select(include, included, href)
    for nested in list(node.iter(f"{{{XI_NS}}}include")):
        _replace(nested, target, root, depth + 1, (*seen, target))
    node.tail = include.tail
    include.getparent().replace(include, node)


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


def _splice_text(include: etree._Element, text: str) -> None:
    parent = include.getparent()
    previous = include.getprevious()
    text = text + (include.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(include)
