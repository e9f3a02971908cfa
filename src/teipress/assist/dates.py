"""Dates in running text, with their ISO 8601 value: "November 5, 1962", "5 November 1962",
"5. November 1962", "5 novembre 1962", "1962-11-05", "5.XI.62", "5.11.1962", "November 1962".

A two-digit year ("5.XI.62") takes the century that brings it nearest the document's own date
(the reference year) and is flagged, so the report asks a person to confirm it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .names import fold

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # German
    "januar": 1, "janner": 1, "februar": 2, "marz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    # French
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}
_MONTH = r"(?P<month>[^\W\d_]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<num>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}(?:\.|er|e|st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.\s?(?P<roman>[IVX]{1,4})\.\s?(?P<year>\d{4}|\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<num>\d{1,2})\.(?P<year>\d{4})\b"),
    # month and year alone, unless a day stands before it (then it was no date: "31 June 1962")
    re.compile(rf"(?<!\d\s)(?<!\d\.\s)(?<!\d(?:er|st|nd|rd|th)\s)\b{_MONTH}\s+{_YEAR}\b"),
]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    when: str
    inferred_century: bool = False


def find_dates(text: str, reference_year: int | None = None) -> list[FoundDate]:
    """Non-overlapping dates in the text, earliest first; for equal starts the longest."""
    found: list[FoundDate] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _interpret(match, reference_year)
            if date is not None:
                found.append(date)
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    chosen: list[FoundDate] = []
    for date in found:
        if not chosen or date.start >= chosen[-1].end:
            chosen.append(date)
    return chosen


def first_date(text: str, reference_year: int | None = None) -> FoundDate | None:
    dates = find_dates(text, reference_year)
    return dates[0] if dates else None


def _interpret(match: re.Match[str], reference_year: int | None) -> FoundDate | None:
    groups = match.groupdict()
    month = _month(groups)
    if month is None:
        return None
    year_text = groups["year"]
    year, inferred = int(year_text), False
    if len(year_text) == 2:
        year, inferred = _with_century(year, reference_year), True
    day = groups.get("day")
    try:
        when = f"{year:04d}-{month:02d}" if day is None else datetime.date(year, month, int(day)).isoformat()
    except ValueError:  # 31 June, month 13: not a date
        return None
    return FoundDate(match.start(), match.end(), when, inferred)


def _month(groups: dict[str, str | None]) -> int | None:
    if groups.get("num"):
        month = int(groups["num"] or 0)
        return month if 1 <= month <= 12 else None
    if groups.get("roman"):
        return _ROMAN.get(groups["roman"] or "")
    name = groups.get("month")
    return _MONTHS.get(fold(name)) if name else None


def _with_century(year: int, reference_year: int | None) -> int:
    reference = reference_year or 1900
    candidates = [reference // 100 * 100 + year + shift for shift in (-100, 0, 100)]
    return min(candidates, key=lambda c: abs(c - reference))
