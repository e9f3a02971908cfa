"""XML Schema datatypes (the RELAX NG datatype library most schemas use, TEI's included)."""

from __future__ import annotations

import calendar
import re
import unicodedata
import warnings

from lxml import etree

from .names import XSD_LIBRARY, inherited, rng_children
from .wording import WORD_PATTERNS

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"-?(?:[1-9]\d{4,}|\d{4})"
_FORMS = {
    "date": rf"({_YEAR})-(\d\d)-(\d\d){_TZ}",
    "gYearMonth": rf"({_YEAR})-(\d\d){_TZ}",
    "gYear": rf"({_YEAR}){_TZ}",
    "dateTime": rf"({_YEAR})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?{_TZ}",
    "time": rf"(\d\d):(\d\d):(\d\d)(?:\.\d+)?{_TZ}",
    "gMonth": rf"--(\d\d){_TZ}",
    "gMonthDay": rf"--(\d\d)-(\d\d){_TZ}",
    "gDay": rf"---(\d\d){_TZ}",
}
_NAME_START = (
    r"A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
    r"\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
)
_NAME_CHAR = _NAME_START + r"\-.0-9\u00B7\u0300-\u036F\u203F-\u2040"
_LEXICAL = {
    "NCName": rf"[{_NAME_START}][{_NAME_CHAR}]*",
    "ID": rf"[{_NAME_START}][{_NAME_CHAR}]*",
    "IDREF": rf"[{_NAME_START}][{_NAME_CHAR}]*",
    "Name": rf"[:{_NAME_START}][:{_NAME_CHAR}]*",
    "QName": rf"(?:[{_NAME_START}][{_NAME_CHAR}]*:)?[{_NAME_START}][{_NAME_CHAR}]*",
    "NMTOKEN": rf"[:{_NAME_CHAR}]+",
    "IDREFS": rf"[{_NAME_START}][{_NAME_CHAR}]*(?: [{_NAME_START}][{_NAME_CHAR}]*)*",
    "NMTOKENS": rf"[:{_NAME_CHAR}]+(?: [:{_NAME_CHAR}]+)*",
    "language": r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*",
    "boolean": r"true|false|1|0",
    "integer": r"[+-]?\d+",
    "nonNegativeInteger": r"\+?\d+|-0+",
    "positiveInteger": r"\+?0*[1-9]\d*",
    "nonPositiveInteger": r"-\d+|\+?0+",
    "negativeInteger": r"-0*[1-9]\d*",
    "decimal": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)",
    "double": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF|-INF|NaN",
    "float": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF|-INF|NaN",
}
_COLLAPSED = set(_LEXICAL) | set(_FORMS) | {"token", "anyURI"}


def datatype_ok(data: etree._Element, value: str) -> bool | None:
    library = inherited(data, "datatypeLibrary")
    kind = data.get("type", "")
    if library == "":
        return True if kind in ("string", "token") else None
    if library != XSD_LIBRARY:
        return None
    text = " ".join(value.split()) if kind in _COLLAPSED else value
    if kind in _FORMS:
        ok = _temporal_ok(kind, text)
    elif kind in _LEXICAL:
        ok = re.fullmatch(_LEXICAL[kind], text) is not None
    elif kind in ("string", "token", "normalizedString", "anyURI"):
        ok = True
    else:
        return None
    if not ok:
        return False
    for param in rng_children(data):
        if etree.QName(param).localname != "param":
            continue
        verdict = _facet_ok(param.get("name"), param.text or "", text)
        if verdict is not True:
            return verdict
    return True


def _facet_ok(facet: str | None, limit: str, text: str) -> bool | None:
    if facet == "pattern":
        if limit in WORD_PATTERNS:  # Python's re has no \p{..}: TEI's word pattern by hand
            return bool(text) and not any(unicodedata.category(c)[0] in "CZ" for c in text)
        regex = _python_regex(limit)
        if regex is None:
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return re.fullmatch(regex, text) is not None
        except re.error:
            return None
    if facet in ("minLength", "maxLength", "length"):
        size, bound = len(text), int(limit)
        return {"minLength": size >= bound, "maxLength": size <= bound, "length": size == bound}[facet]
    if facet in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
        try:
            number, bound = float(text), float(limit)
        except ValueError:
            return None
        return {"minInclusive": number >= bound, "maxInclusive": number <= bound,
                "minExclusive": number > bound, "maxExclusive": number < bound}[facet]
    return None


def _python_regex(xsd: str) -> str | None:
    """An XML Schema regex as a Python one, or None when it uses what Python's re lacks
    (\\p{..} categories, class subtraction "[a-[b]]", \\I or \\C inside a class)."""
    out, in_class, i = [], False, 0
    while i < len(xsd):
        char = xsd[i]
        if char == "\\" and i + 1 < len(xsd):
            code = xsd[i + 1]
            if code in "pP":
                return None
            if code in "ic":
                chars = f":{_NAME_START}" if code == "i" else f":{_NAME_CHAR}"
                out.append(chars if in_class else f"[{chars}]")
            elif code in "IC":
                if in_class:
                    return None
                out.append(f"[^:{_NAME_START if code == 'I' else _NAME_CHAR}]")
            else:
                out.append(xsd[i:i + 2])
            i += 2
            continue
        if in_class and char == "-" and xsd[i + 1:i + 2] == "[":
            return None
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif not in_class and char in "^$":
            char = "\\" + char  # literal in XML Schema regexes
        out.append(char)
        i += 1
    return "".join(out)


def _temporal_ok(kind: str, text: str) -> bool:
    match = re.fullmatch(_FORMS[kind], text)
    if match is None:
        return False
    parts = [int(g) for g in match.groups()]
    year = month = day = None
    if kind in ("date", "gYearMonth", "dateTime"):
        year, month = parts[0], parts[1]
        day = parts[2] if kind != "gYearMonth" else None
    elif kind in ("gMonth", "gMonthDay"):
        month, day = parts[0], (parts[1] if kind == "gMonthDay" else None)
    elif kind == "gDay":
        day = parts[0]
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        leap = year is None or (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
        limit = 31 if month is None else calendar.monthrange(2000 if leap else 2001, month)[1]
        if not 1 <= day <= limit:
            return False
    clock = parts[3:6] if kind == "dateTime" else parts[0:3] if kind == "time" else None
    if clock is not None:
        hour, minute, second = clock
        if hour == 24:
            return minute == 0 and second == 0
        return hour < 24 and minute < 60 and second < 60
    return True
