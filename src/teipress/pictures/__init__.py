"""Pictures of the corpus, drawn at build time as static, accessible SVG (no script): a timeline
of the documents, the correspondence network and a map of the registers' places.

Each picture is an `s:picture` element (page title, an introduction, the SVG with its title and
description, and a text alternative as an HTML table) that xslt/html/pictures.xsl puts into the
page frame. They aggregate (years and months, the busiest correspondents, places per grid cell),
so they stay legible and small for tens of thousands of documents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from lxml import etree

from ..outputs import PICTURE_PAGES
from ..words import Words
from .geo import located_places, map_picture
from .network import letters, network_picture, register_names
from .svg import SITE_NS
from .timeline import Dated, dated, timeline_pictures, years_chart


@dataclass(frozen=True)
class Published:
    """What the pictures need of one published document."""

    href: str
    title: str
    date: str | None
    root: etree._Element


def corpus_pictures(documents: list[Published], entries: list[etree._Element],
                    register_pages: dict[str, str], language: str = "en") -> list[tuple[str, etree._Element]]:
    """(page name, s:picture) for every picture page of the edition, in the interface language."""
    words = Words(language)
    timeline = [d for d in (dated(p.href, p.title, p.date) for p in documents) if d]
    names = register_names(entries, register_pages)
    pairs = [pair for p in documents for pair in letters(p.root, names)]
    return [*timeline_pictures(timeline, len(documents) - len(timeline), words),
            (PICTURE_PAGES["network"], network_picture(pairs, words)),
            (PICTURE_PAGES["map"], map_picture(located_places(entries), register_pages["place"], words))]


def correspondents(documents: list[Published], entries: list[etree._Element],
                   register_pages: dict[str, str]) -> frozenset[str]:
    """The register ids that have a section on the network page."""
    names = register_names(entries, register_pages)
    return frozenset(party.key for p in documents for pair in letters(p.root, names)
                     for party in pair if party is not None and party.key in names)


def index_timeline(documents: list[Published], language: str = "en") -> etree._Element:
    """`s:timeline` for the index page: the documents per year, linking to the year pages."""
    by_year: dict[int, list[Dated]] = defaultdict(list)
    for item in (dated(p.href, p.title, p.date) for p in documents):
        if item:
            by_year[item.year].append(item)
    element = etree.Element(f"{{{SITE_NS}}}timeline", nsmap={"s": SITE_NS})
    element.append(years_chart(by_year, "index-timeline", Words(language)))
    return element


__all__ = ["PICTURE_PAGES", "Published", "corpus_pictures", "correspondents", "index_timeline"]
