"""The map of the registers' places that have coordinates (`location/geo`, "lat long"), each a
mark linking to its register entry, over the land outline. Places closer than a few pixels are
drawn as one mark with their count, so thousands of places stay legible."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from lxml import etree

from .. import TEI_NS, XML_ID
from ..words import ENGLISH, Words
from .coastline import outline_path
from .svg import alternative_table, html, linked, picture_element, summary_details, svg, svg_root

_T = f"{{{TEI_NS}}}"
GEO = re.compile(r"^\s*(-?\d+(?:\.\d+)?)[\s,]+(-?\d+(?:\.\d+)?)\s*$")  # "lat long"
WIDTH, HEIGHT, CELL = 720, 440, 10  # pixels; places within one CELL share a mark


@dataclass(frozen=True)
class Place:
    ident: str
    name: str
    lat: float
    lon: float


def located_places(entries: list[etree._Element]) -> list[Place]:
    places = []
    for entry in entries:
        if entry.tag != f"{_T}place" or not entry.get(XML_ID):
            continue
        geo = entry.find(f"{_T}location/{_T}geo")
        match = GEO.match(geo.text or "") if geo is not None else None
        if match and abs(float(match.group(1))) <= 90 and abs(float(match.group(2))) <= 180:
            name = entry.find(f"{_T}placeName")
            label = " ".join("".join(name.itertext()).split()) if name is not None else entry.get(XML_ID)
            places.append(Place(entry.get(XML_ID), label, float(match.group(1)), float(match.group(2))))
    return sorted(places, key=lambda p: (p.name, p.ident))


def map_picture(places: list[Place], register_page: str, words: Words = ENGLISH) -> etree._Element:
    if not places:
        return picture_element("map", words("map"), words("map-none"), [])
    west, south, east, north = _frame(places)
    scale = min(WIDTH / (east - west), HEIGHT / (north - south))
    width, height = (east - west) * scale, (north - south) * scale

    def project(lon: float, lat: float) -> tuple[float, float]:  # equirectangular, as the outline
        return (lon - west) * scale, (north - lat) * scale

    root = svg_root("map", round(width), round(height), words("map-title"),
                    words("map-description", n=len(places), south=f"{south:.0f}", north=f"{north:.0f}",
                          west=f"{west:.0f}", east=f"{east:.0f}"))
    svg(root, "rect", x=0, y=0, width=round(width), height=round(height), class_="sea")
    outline = outline_path((west, south, east, north), scale)
    if outline:
        svg(root, "path", d=outline, class_="land")
    cells: dict[tuple[int, int], list[Place]] = defaultdict(list)
    for place in places:
        x, y = project(place.lon, place.lat)
        cells[(int(x // CELL), int(y // CELL))].append(place)
    for group in sorted(cells.values(), key=lambda g: (g[0].name, g[0].ident)):
        x = sum(project(p.lon, p.lat)[0] for p in group) / len(group)
        y = sum(project(p.lon, p.lat)[1] for p in group) / len(group)
        more = " " + words("and-more", n=len(group) - 8) if len(group) > 8 else ""
        label = ", ".join(p.name for p in group[:8]) + more
        mark = linked(root, f"{register_page}#{group[0].ident}", label)
        svg(mark, "circle", cx=x, cy=y, r=3 + 2 * math.log2(len(group)), class_="place")
        if len(group) > 1:
            svg(mark, "text", str(len(group)), x=x, y=y - 6, class_="place-count", text_anchor="middle")
    rows = [[(p.name, f"{register_page}#{p.ident}"), f"{p.lat:.4f}", f"{p.lon:.4f}"] for p in places]
    source = " " + words("coastline-source") if outline else ""
    headers = [words("place"), words("latitude"), words("longitude")]
    return picture_element("map", words("map"), words("map-intro") + source, [
        root, summary_details(words("map-table"),
                              alternative_table(words("places-with-coordinates"), headers, rows)),
        html("p", words("map-overlap"), class_="picture-note")])


def _frame(places: list[Place]) -> tuple[float, float, float, float]:
    """West, south, east, north around the places, padded and never narrower than 10 degrees."""
    lons, lats = [p.lon for p in places], [p.lat for p in places]
    pad_lon = max(5.0, (max(lons) - min(lons)) * 0.15)
    pad_lat = max(5.0, (max(lats) - min(lats)) * 0.15)
    return (max(-180.0, min(lons) - pad_lon), max(-90.0, min(lats) - pad_lat),
            min(180.0, max(lons) + pad_lon), min(90.0, max(lats) + pad_lat))
