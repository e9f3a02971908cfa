"""Names in RELAX NG schemas: the namespaces, and which element or attribute names a pattern
matches (a single name, or a name class such as `anyName` or `nsName` with exceptions)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .. import XML_NS

RNG_NS = "http://relaxng.org/ns/structure/1.0"
RNG = f"{{{RNG_NS}}}"
XSD_LIBRARY = "http://www.w3.org/2001/XMLSchema-datatypes"

Name = tuple[str, str]  # (namespace, localname); "" for no namespace
NameClass = tuple  # ("name", ns, local) | ("any", except) | ("ns", ns, except) | ("choice", *parts)


def split_tag(tag: str) -> Name:
    """lxml's "{namespace}local" (or "local") as (namespace, local)."""
    if tag.startswith("{"):
        namespace, local = tag[1:].split("}", 1)
        return namespace, local
    return "", tag


def element_name(element: etree._Element) -> Name:
    return split_tag(element.tag)


def rng_children(node: etree._Element) -> Iterator[etree._Element]:
    """The RELAX NG children of a pattern (annotations in other namespaces and comments left out)."""
    return node.iterchildren(_ANY_RNG)  # filtered by lxml, not by a Python loop


_ANY_RNG = f"{RNG}*"


def inherited(element: etree._Element, attribute: str, default: str = "") -> str:
    """An attribute such as `ns` or `datatypeLibrary`, from the nearest ancestor that sets it."""
    for node in [element, *element.iterancestors()]:
        if node.get(attribute) is not None:
            return node.get(attribute)
    return default


def pattern_name(pattern: etree._Element) -> Name | None:
    """The one (namespace, localname) an <element> or <attribute> pattern matches, or None when
    it has a name class (anyName, nsName, choice) or an undeclared prefix."""
    if pattern.get("name") is not None:
        carrier, qname = pattern, pattern.get("name").strip()
    else:
        first = next(rng_children(pattern), None)
        if first is None or first.tag != f"{RNG}name":
            return None
        carrier, qname = first, (first.text or "").strip()
    if ":" in qname:
        prefix, local = qname.split(":", 1)
        namespace = XML_NS if prefix == "xml" else carrier.nsmap.get(prefix)
        return None if namespace is None else (namespace, local)
    if pattern.tag == f"{RNG}attribute" and carrier is pattern:
        return ("", qname)  # RELAX NG 4.8: an attribute's name attribute never inherits ns
    return (inherited(carrier, "ns"), qname)


def name_class(pattern: etree._Element) -> NameClass | None:
    """A hashable name class for an element/attribute pattern (None: could not read it)."""
    name = pattern_name(pattern)
    if name is not None:
        return ("name", *name)
    first = next(rng_children(pattern), None)
    return None if first is None else _read_name_class(first)


def _read_name_class(node: etree._Element) -> NameClass | None:
    local = etree.QName(node).localname
    if local == "name":
        text = (node.text or "").strip()
        if ":" in text:
            prefix, name = text.split(":", 1)
            return ("name", XML_NS if prefix == "xml" else node.nsmap.get(prefix, ""), name)
        return ("name", inherited(node, "ns"), text)
    except_ = next((c for c in node if c.tag == f"{RNG}except"), None)
    excluded = None
    if except_ is not None:
        parts = [_read_name_class(c) for c in except_ if isinstance(c.tag, str)]
        excluded = ("choice", *parts)
    if local == "anyName":
        return ("any", excluded)
    if local == "nsName":
        return ("ns", inherited(node, "ns"), excluded)
    if local == "choice":
        return ("choice", *[_read_name_class(c) for c in rng_children(node)])
    return None


def matches(name_class: NameClass | None, name: Name) -> bool:
    """Does the name class contain `name`?"""
    if name_class is None:
        return False
    kind = name_class[0]
    if kind == "name":
        return (name_class[1], name_class[2]) == name
    if kind == "any":
        return not matches(name_class[1], name)
    if kind == "ns":
        return name_class[1] == name[0] and not matches(name_class[2], name)
    return any(matches(part, name) for part in name_class[1:])
