"""How messages write things: element and attribute names, lists of them, and XML Schema types."""

from __future__ import annotations

from lxml import etree

from .. import TEI_NS, XML_NS
from .names import RNG_NS, NameClass

LIST_LIMIT = 12

_PREFIXES = {
    XML_NS: "xml",
    "http://www.w3.org/2001/XInclude": "xi",
    "http://www.tei-c.org/ns/Examples": "teix",
    RNG_NS: "rng",
}


def display_name(namespace: str, local: str) -> str:
    """TEI and no-namespace names bare, a few well-known prefixes, else {namespace}local."""
    if namespace in ("", TEI_NS):
        return local
    if namespace in _PREFIXES:
        return f"{_PREFIXES[namespace]}:{local}"
    return f"{{{namespace}}}{local}"


def label(element: etree._Element) -> str:
    """An element's name as the encoder wrote it (prefix kept outside TEI's namespace)."""
    name = etree.QName(element)
    if name.namespace not in (None, TEI_NS) and element.prefix:
        return f"{element.prefix}:{name.localname}"
    return display_name(name.namespace or "", name.localname)


def name_class_label(name_class: NameClass | None) -> str:
    if name_class is None:
        return "?"
    if name_class[0] == "name":
        return display_name(name_class[1], name_class[2])
    if name_class[0] == "any":
        return "any element"
    if name_class[0] == "ns":
        return f"any element in {name_class[1] or 'no namespace'}"
    return " or ".join(name_class_label(part) for part in name_class[1:])


def sorted_labels(labels: set[str]) -> list[str]:
    """"text" first, then names alphabetically, case ignored."""
    ordered = sorted(labels - {"text"}, key=str.lower)
    return (["text"] if "text" in labels else []) + ordered


def enumerate_items(items: list[str], limit: int = LIST_LIMIT, quote: bool = False) -> str:
    """a, b or c; long lists are cut with the total count. With `quote`, names become <name>."""
    if quote:
        items = [i if i in ("text", "the end tag") or i.startswith("any ") else f"<{i}>"
                 for i in items]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f", … ({len(items)} in all)"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def shorten(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


# teidata.word and teidata.enumerated: a token without control or separator characters.
WORD_PATTERNS = {r"[^\p{C}\p{Z}]+"}

_TYPE_WORDS = {
    "NCName": "an XML name without spaces or colons (e.g. p_8; not starting with a digit)",
    "ID": "an XML name (not starting with a digit)",
    "IDREF": "an XML name (the xml:id of an element in this file)",
    "IDREFS": "XML names separated by spaces",
    "Name": "an XML name",
    "QName": "a prefixed name (e.g. tei:p)",
    "NMTOKEN": "a single word (letters, digits, . - _ :)",
    "NMTOKENS": "words separated by spaces",
    "language": "a language tag (BCP 47: e.g. en, fr, de-AT)",
    "boolean": "true or false",
    "integer": "a whole number",
    "nonNegativeInteger": "a whole number, 0 or more",
    "positiveInteger": "a whole number, 1 or more",
    "nonPositiveInteger": "a whole number, 0 or less",
    "negativeInteger": "a negative whole number",
    "decimal": "a decimal number (e.g. 3.5)",
    "double": "a number (e.g. 3.5 or 1e3)",
    "float": "a number (e.g. 3.5 or 1e3)",
    "anyURI": "a URI",
    "token": "any text",
    "string": "any text",
    "normalizedString": "any text",
}

_TEMPORAL_EXAMPLES = {
    "date": "1962-11-05",
    "gYearMonth": "1962-11",
    "gYear": "1962",
    "dateTime": "1962-11-05T14:30:00",
    "time": "14:30:00",
    "gMonthDay": "--11-05",
    "gMonth": "--11",
    "gDay": "---05",
}


def describe_types(kinds: list[str]) -> str:
    """XML Schema type names in words; the date and time forms merged, with an example each."""
    words = []
    temporal = [k for k in _TEMPORAL_EXAMPLES if k in kinds]
    if temporal:
        noun = "an ISO 8601 date" if set(temporal) <= {"date", "gYearMonth", "gYear"} else (
            "an ISO 8601 date or time")
        examples = [_TEMPORAL_EXAMPLES[k] for k in temporal]
        words.append(f"{noun} ({enumerate_items(examples, limit=len(examples))})")
    words.extend(_TYPE_WORDS.get(k, f"an xsd:{k} value") for k in kinds if k not in temporal)
    return " or ".join(dict.fromkeys(words))
