"""The names of what a build writes: the edition's own pages, files and folders, and each
document's files. The modules that write them take their names from here, and the names a
document may not take as its slug (`is_reserved`) are derived from the same constants, so a
page added here is kept free of documents without a second list to remember.

A document with slug S writes html/S.html, html/tei/S.xml, html/cite/S.{json,bib,ris},
text/S.txt and text/S.diplomatic.txt; everything else is the edition's.
"""

from __future__ import annotations

import re

INDEX_PAGE = "index.html"
SEARCH_PAGE = "search.html"
ABOUT_PAGE = "about.html"
VALIDATION_PAGE = "validation.html"
VALIDATION_DATA = "validation.json"
REGISTER_PAGES = {"person": "persons.html", "place": "places.html", "org": "organisations.html",
                  "bibl": "bibliography.html"}
# "corpus-" keeps the pictures apart from the register pages.
PICTURE_PAGES = {"timeline": "corpus-timeline.html", "network": "corpus-network.html",
                 "map": "corpus-map.html"}
EDITION_CITATION = "edition-citation"  # .json, .bib and .ris beside index.html
ASSETS = ("edition.css", "readers.css", "search.js")
TEI_FOLDER = "tei"  # html/tei/S.xml: each page's source
CITE_FOLDER = "cite"  # html/cite/S.*: each document's citation downloads
SEARCH_FOLDER = "pagefind"  # the search index; a large one in pagefind-2/, pagefind-3/ … too
# A document's readings in text/: S.txt and S.diplomatic.txt.
TEXT_READINGS = (".txt", ".diplomatic.txt")

# Names Windows cannot hold as a file, with any extension (con.html, nul.txt): an edition
# copied, zipped or served from Windows would lose those pages.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt")
                                                             for n in range(1, 10))})
# Appended to a document name that is reserved: about.xml is published as about-document.html.
RENAMED_SUFFIX = "-document"


def year_page(year: int) -> str:
    """The timeline page of one year: corpus-timeline-1820.html."""
    return _numbered(PICTURE_PAGES["timeline"], year)


def mentions_page(register_page: str, n: int) -> str:
    """Part `n` of a large register's lists of mentions: persons-mentions-1.html."""
    return _numbered(register_page, n, "-mentions")


def search_folder(number: int) -> str:
    """The search index's bundle `number` (from 0): pagefind, pagefind-2, …"""
    return SEARCH_FOLDER if number == 0 else f"{SEARCH_FOLDER}-{number + 1}"


def _numbered(name: str, n: int | str, infix: str = "") -> str:
    stem, dot, extension = name.partition(".")
    return f"{stem}{infix}-{n}{dot}{extension}"


def _stem(name: str) -> str:
    return name.split(".", 1)[0].lower()


# The edition's own names in html/, without their extensions: a document called like one of them
# would overwrite its page (about.html) or be confused with it (tei.html beside tei/).
_OWN = frozenset(_stem(name) for name in (
    INDEX_PAGE, SEARCH_PAGE, ABOUT_PAGE, VALIDATION_PAGE, VALIDATION_DATA, *REGISTER_PAGES.values(),
    *PICTURE_PAGES.values(), EDITION_CITATION, *ASSETS, TEI_FOLDER, CITE_FOLDER, SEARCH_FOLDER))
# The families of numbered names, from the functions that make them (a number standing for any):
# corpus-timeline-N, persons-mentions-N …, pagefind-N.
_ANY = 10**9
_NUMBERED = re.compile("|".join(
    re.escape(_stem(made)).replace(str(_ANY), r"\d+")
    for made in (year_page(_ANY), *(mentions_page(page, _ANY) for page in REGISTER_PAGES.values()),
                 search_folder(_ANY - 1))))
# S.diplomatic.txt is also the plain reading of a document named S.diplomatic: such names are
# reserved (".diplomatic"), whichever documents the corpus holds.
_READING_SUFFIXES = tuple(longer.removesuffix(shorter) for longer in TEXT_READINGS
                          for shorter in TEXT_READINGS if longer != shorter and longer.endswith(shorter))


def is_reserved(slug: str) -> bool:
    """Whether a document named `slug` would collide (ignoring case, as Windows and macOS file
    systems do) with a name the edition uses or may use, or is a name Windows cannot hold."""
    name = slug.lower()
    return (_stem(name) in WINDOWS_DEVICES or name in _OWN or _NUMBERED.fullmatch(name) is not None
            or name.endswith(_READING_SUFFIXES))
