"""The XML Schema types TEI uses most, decided without elementpath.

Importing elementpath takes a tenth of a second, about what the rest of a warm `validate` run of
a small corpus costs, and explaining a rejected value meets these types all the time (pointers,
names, counts, dates). Each type is decided here only where the verdict is certain: the
lexical forms below are elementpath's own (ASCII only where Unicode classes differ), a date
only when its year is 0001–9999 and its timezone absent or Z. Everything else is UNDECIDED
and goes to elementpath. tests/test_datatypes.py holds both to the same verdicts.
"""

from __future__ import annotations

import calendar
import re
from decimal import Decimal

UNDECIDED = object()

_TZ = r"(?:Z|[+-]\d\d:\d\d)?"
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[Ee][+-]?[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_:][A-Za-z0-9_.:-]*")
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_NMTOKEN = re.compile(r"[A-Za-z0-9_.:-]+")
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")
_TOKEN = re.compile(r"[\S\xa0]*(?: [\S\xa0]+)*")
# anyURI values whose verdict cannot depend on urlparse's ports or percent escapes: an optional
# scheme and then no colon, no percent sign, no space, at most one '#'.
_PLAIN_URI = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?[A-Za-z0-9._~/?#\[\]@!$&'()*+,;=-]*")
# Every form elementpath could accept (a superset), and the simple forms decided here.
_DATE_SHAPES: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {
    "date": (re.compile(rf"-?\d{{4,}}-\d\d-\d\d{_TZ}"), re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})Z?")),
    "gYear": (re.compile(rf"-?\d{{4,}}{_TZ}"), re.compile(r"([0-9]{4})Z?")),
    "gYearMonth": (re.compile(rf"-?\d{{4,}}-\d\d{_TZ}"), re.compile(r"([0-9]{4})-([0-9]{2})Z?")),
    "dateTime": (re.compile(rf"-?\d{{4,}}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?{_TZ}"), None),
    "time": (re.compile(rf"\d\d:\d\d:\d\d(?:\.\d+)?{_TZ}"), None),
    "gMonth": (re.compile(rf"--\d\d(?:--)?{_TZ}"), None),
    "gDay": (re.compile(rf"---\d\d{_TZ}"), None),
    "gMonthDay": (re.compile(rf"--\d\d-\d\d{_TZ}"), None),
    "duration": (re.compile(r"-?P[\dYMDTHS.]+"), None),
}
_NAME_KINDS = {"Name": _NAME, "NCName": _NCNAME, "ID": _NCNAME,
               "IDREF": _NCNAME, "ENTITY": _NCNAME, "NMTOKEN": _NMTOKEN}
_INTEGER_BOUNDS = {"integer": (None, None), "nonNegativeInteger": (0, None),
                   "positiveInteger": (1, None), "nonPositiveInteger": (None, 0),
                   "negativeInteger": (None, -1)}


def native_verdict(kind: str, text: str) -> object:
    """Is `text` (whitespace already processed) one of the type: True, False or UNDECIDED."""
    if kind == "string":
        return True
    if not text.isascii():
        return UNDECIDED  # Unicode letters and digits: elementpath's classes decide
    if kind in _INTEGER_BOUNDS or kind in ("decimal", "double"):
        number = native_number(kind, text)
        return number if number is UNDECIDED else number is not None
    if kind == "boolean":
        return text in ("true", "false", "1", "0")
    if kind in _NAME_KINDS:
        return bool(_NAME_KINDS[kind].fullmatch(text))
    if kind == "language":
        return bool(_LANGUAGE.fullmatch(text))
    if kind == "token":
        return True if _TOKEN.fullmatch(text) else UNDECIDED
    if kind == "anyURI":
        return True if _PLAIN_URI.fullmatch(text) and text.count("#") <= 1 else UNDECIDED
    if kind in _DATE_SHAPES:
        return _date_verdict(kind, text)
    return UNDECIDED


def native_number(kind: str, text: str) -> object:
    """The value of a number (int, Decimal, float; compared like elementpath's for the bound
    facets), None when `text` is not one of the type, or UNDECIDED."""
    if not text.isascii():
        return UNDECIDED  # elementpath reads other scripts' digits too
    if kind in _INTEGER_BOUNDS:
        if not _INTEGER.fullmatch(text):
            return None
        value, (low, high) = int(text), _INTEGER_BOUNDS[kind]
        return None if (low is not None and value < low) or (high is not None and value > high) else value
    if kind == "decimal":
        return Decimal(text) if _DECIMAL.fullmatch(text) else None
    if kind == "double":
        if text in ("INF", "-INF", "NaN"):
            return float(text)
        if text == "+INF":
            return UNDECIDED  # XSD 1.1's form
        return float(text) if _DOUBLE.fullmatch(text) else None
    return UNDECIDED


def _date_verdict(kind: str, text: str) -> object:
    possible, simple = _DATE_SHAPES[kind]
    if not possible.fullmatch(text):
        return False
    found = simple.fullmatch(text) if simple is not None else None
    if found is None:
        return UNDECIDED  # a timezone offset, a negative or five-digit year
    year, *rest = (int(part) for part in found.groups())
    month, day = (*rest, 1, 1)[:2]
    return year != 0 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
