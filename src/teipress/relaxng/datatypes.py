"""XML Schema datatypes (the RELAX NG datatype library most schemas use, TEI's included).

The common types and forms are decided by `lexical` (same verdicts, no import of elementpath);
elementpath does the rest: its XSD 1.0 atomic types (lexical form and value: no 29 February
1900, no year 0000) and, through `regexes`, its translation of XML Schema regexes (\\i, \\c,
\\p{..}, class subtraction) for the `pattern` facet. RELAX NG's XSD library is XSD 1.0's.
"""

from __future__ import annotations

import operator
import re
from functools import lru_cache

from lxml import etree

from .lexical import UNDECIDED, native_number, native_verdict
from .names import XSD_LIBRARY, inherited, rng_children
from .regexes import elementpath_module, xsd_regex

_LISTS = {"IDREFS": "IDREF", "NMTOKENS": "NMTOKEN", "ENTITIES": "ENTITY"}
# Their values depend on the namespaces in scope, which the re-check does not follow:
# only the lexical form is checked.
_LEXICAL_ONLY = {"QName", "NOTATION"}
_BINARY = {"hexBinary", "base64Binary"}
_BOUNDS = {"length": operator.eq, "minLength": operator.ge, "maxLength": operator.le,
           "minInclusive": operator.ge, "maxInclusive": operator.le,
           "minExclusive": operator.gt, "maxExclusive": operator.lt}


def datatype_ok(data: etree._Element, value: str) -> bool | None:
    """Does `value` match this <data> pattern, its params (facets) included? None: cannot tell."""
    library = inherited(data, "datatypeLibrary")
    kind = data.get("type", "")
    if library == "":
        return True if kind in ("string", "token") else None
    if library != XSD_LIBRARY:
        return None
    text = _whitespace(kind, value)
    verdict = _type_ok(kind, text)
    if verdict is not True:
        return verdict
    for param in rng_children(data):
        if etree.QName(param).localname != "param":
            continue
        verdict = _facet_ok(kind, param.get("name"), param.text or "", text)
        if verdict is not True:
            return verdict
    return True


def _whitespace(kind: str, value: str) -> str:
    """The value after the type's whiteSpace facet: preserved, replaced or collapsed."""
    if kind == "string":
        return value
    if kind == "normalizedString":
        return re.sub(r"[\t\n\r]", " ", value)
    return re.sub(r"[ \t\n\r]+", " ", value).strip(" ")


def _items(text: str) -> list[str]:
    """A collapsed list value's items."""
    return text.split(" ") if text else []


@lru_cache(maxsize=4096)
def _type_ok(kind: str, text: str) -> bool | None:
    if kind in _LISTS:
        items = _items(text)
        return bool(items) and all(_type_ok(_LISTS[kind], item) for item in items)
    if (native := native_verdict(kind, text)) is not UNDECIDED:
        return bool(native)
    atomic = elementpath_module().datatypes.builtin_atomic_types.get(f"xs:{kind}")
    if atomic is None:
        return None
    if kind in _LEXICAL_ONLY:
        return atomic.is_valid(text)
    return _value(kind, text) is not None


def _value(kind: str, text: str) -> object | None:
    """The typed value (elementpath's), or None when `text` is not one of the type."""
    if (number := native_number(kind, text)) is not UNDECIDED:
        return number
    elementpath = elementpath_module()
    atomic = elementpath.datatypes.builtin_atomic_types.get(f"xs:{kind}")
    try:
        return None if atomic is None else atomic.make(text, xsd_version="1.0")
    except (ValueError, TypeError, ArithmeticError, elementpath.ElementPathError):
        return None


def _facet_ok(kind: str, facet: str | None, limit: str, text: str) -> bool | None:
    if facet == "pattern":
        regex = xsd_regex(limit)
        return None if regex is None else regex.fullmatch(text) is not None
    if facet in ("length", "minLength", "maxLength"):
        if kind in _BINARY or not limit.strip().isdigit():
            return None
        size = len(_items(text)) if kind in _LISTS else len(text)  # a list's length: its items
        return _BOUNDS[facet](size, int(limit))
    if facet in _BOUNDS:
        typed, bound = _value(kind, text), _value(kind, _whitespace(kind, limit))
        if typed is None or bound is None:
            return None
        try:
            return bool(_BOUNDS[facet](typed, bound))
        except (TypeError, ValueError):  # e.g. dates with and without a timezone: partly ordered
            return None
    return None  # totalDigits, fractionDigits: not checked
