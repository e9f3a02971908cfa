"""XML Schema datatypes (the RELAX NG datatype library most schemas use, TEI's included).

elementpath does the checking: its XSD 1.0 atomic types (lexical form and value: no 29 February
1900, no year 0000) and its translation of XML Schema regexes (\\i, \\c, \\p{..}, class
subtraction) for the `pattern` facet. RELAX NG's XSD library is XSD 1.0's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import operator
import os
import re
from functools import cache, lru_cache
from pathlib import Path

from lxml import etree

from ..resources import user_cache
from .names import XSD_LIBRARY, inherited, rng_children

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
    atomic = _elementpath().datatypes.builtin_atomic_types.get(f"xs:{kind}")
    if atomic is None:
        return None
    if kind in _LEXICAL_ONLY:
        return atomic.is_valid(text)
    return _value(kind, text) is not None


def _value(kind: str, text: str) -> object | None:
    """The typed value (elementpath's), or None when `text` is not one of the type."""
    elementpath = _elementpath()
    atomic = elementpath.datatypes.builtin_atomic_types.get(f"xs:{kind}")
    try:
        return None if atomic is None else atomic.make(text, xsd_version="1.0")
    except (ValueError, TypeError, ArithmeticError, elementpath.ElementPathError):
        return None


def _facet_ok(kind: str, facet: str | None, limit: str, text: str) -> bool | None:
    if facet == "pattern":
        regex = _regex(limit)
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


@lru_cache(maxsize=256)
def _regex(xsd: str) -> re.Pattern[str] | None:
    """An XML Schema regex (implicitly anchored; ^ and $ are plain characters) for Python's re.
    Translations are kept across runs: elementpath takes a quarter of a second for a class
    such as TEI's `[^\\p{C}\\p{Z}]+`, which every rejected attribute value may meet."""
    regex = _elementpath().regex
    kept = _translations()
    try:
        if xsd not in kept:
            kept[xsd] = regex.translate_pattern(xsd, xsd_version="1.0", back_references=False,
                                                lazy_quantifiers=False, anchors=False)
            _keep_translations(kept)
        return re.compile(kept[xsd])
    except (regex.RegexError, re.error):
        return None


def _translations_file() -> Path:
    return user_cache("regexes") / f"elementpath-{_elementpath().__version__}.json"


@cache
def _translations() -> dict[str, str]:
    """XSD regex -> Python regex, as stored by earlier runs (a damaged file counts as empty)."""
    try:
        stored = json.loads(_translations_file().read_text(encoding="utf-8"))
        translations = stored["translations"]
        if stored["check"] != _checksum(translations):
            return {}
        return {str(k): str(v) for k, v in translations.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _checksum(translations: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(translations, sort_keys=True).encode()).hexdigest()


def _keep_translations(translations: dict[str, str]) -> None:
    path = _translations_file()
    with contextlib.suppress(OSError):  # without it the next run translates again
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps({"check": _checksum(translations), "translations": translations}),
                           encoding="utf-8")
        os.replace(partial, path)


@cache
def _elementpath():
    """elementpath, imported on first use: its import takes a tenth of a second, and only the
    re-check of a rejected document needs it."""
    import elementpath
    import elementpath.regex

    return elementpath
