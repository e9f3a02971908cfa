"""The correspondence network from `correspDesc`: who wrote to whom. The busiest correspondents
are drawn on a circle with a line per pair (thicker for more letters); everyone else is counted
in one "others" node, so 2,000 persons stay readable. Each person also gets a section listing
their correspondents, which their register entry links to."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from .. import TEI_NS, XML_ID
from ..outputs import PICTURE_PAGES
from ..words import ENGLISH, Words
from .svg import (
    alternative_table,
    html,
    linked,
    picture_element,
    summary_details,
    svg,
    svg_root,
)

_T = f"{{{TEI_NS}}}"
SHOWN = 24  # correspondents drawn by name
SIZE, RADIUS = 720, 250
NAMES = (f"{_T}persName", f"{_T}orgName", f"{_T}name", f"{_T}rs")
OTHERS = "others"


@dataclass(frozen=True)
class Party:
    key: str    # the register id, else the name
    name: str
    page: str | None  # the register page and anchor, when the name points into a register


def letters(root: etree._Element, entries: dict[str, tuple[str, str]]) -> list[tuple[Party, Party | None]]:
    """(sender, recipient or None) pairs of one document's correspDesc; `entries` maps register
    ids to (preferred name, register page)."""
    found = []
    for desc in root.iter(f"{_T}correspDesc"):
        senders = _parties(desc, "sent", entries)
        recipients = _parties(desc, "received", entries) or [None]
        found += [(s, r) for s in senders for r in recipients]
    return found


def _parties(desc: etree._Element, kind: str, entries: dict[str, tuple[str, str]]) -> list[Party]:
    parties = []
    for action in desc.iterfind(f"{_T}correspAction[@type='{kind}']"):
        for element in action:
            if element.tag not in NAMES:
                continue
            name = " ".join("".join(element.itertext()).split())
            ref = next((r[1:] for r in (element.get("ref") or "").split() if r[1:] in entries), None)
            if ref:
                parties.append(Party(ref, entries[ref][0], f"{entries[ref][1]}#{ref}"))
            elif name:
                parties.append(Party(name, name, None))
    return parties


def register_names(entries: list[etree._Element], pages: dict[str, str]) -> dict[str, tuple[str, str]]:
    """id -> (the entry's first name, its register page), for persons and organisations."""
    names = {}
    for entry in entries:
        kind = etree.QName(entry).localname
        page = pages.get({"personGrp": "person"}.get(kind, kind))
        name_element = next((c for c in entry if c.tag in NAMES or c.tag == f"{_T}placeName"), None)
        if page and entry.get(XML_ID) and name_element is not None:
            names[entry.get(XML_ID)] = (" ".join("".join(name_element.itertext()).split()), page)
    return names


def section_id(party: Party) -> str:
    return "c-" + "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in party.key)


def network_picture(pairs: list[tuple[Party, Party | None]], words: Words = ENGLISH) -> etree._Element:
    sent, received, edges = Counter(), Counter(), Counter()
    parties: dict[str, Party] = {}
    for sender, recipient in pairs:
        parties[sender.key] = sender
        sent[sender.key] += 1
        if recipient is not None:
            parties[recipient.key] = recipient
            received[recipient.key] += 1
            edges[(sender.key, recipient.key)] += 1
    total = sent + received
    shown = [key for key, _ in sorted(total.items(), key=lambda kv: (-kv[1], parties[kv[0]].name))[:SHOWN]]
    root = svg_root("network", SIZE, SIZE, words("network-title"),
                    words("network-description", letters=len(pairs), parties=len(parties), shown=len(shown)))
    _draw(root, shown, parties, total, edges, words)
    rows = [[(parties[k].name, "#" + section_id(parties[k])), str(sent[k]), str(received[k])]
            for k in sorted(parties, key=lambda k: (-total[k], parties[k].name))]
    intro = words("network-intro", letters=len(pairs), parties=len(parties))
    return picture_element("network", words("correspondence"), intro, [
        root, summary_details(words("network-table"),
                              alternative_table(words("letters-per-correspondent"),
                                                [words("correspondent"), words("sent"), words("received")],
                                                rows)),
        *_sections(parties, edges, words)])


def _draw(root: etree._Element, shown: list[str], parties: dict[str, Party], total: Counter,
          edges: Counter, words: Words) -> None:
    centre = SIZE / 2
    slots = [*shown, OTHERS] if len(parties) > len(shown) else shown
    place = {key: (centre + RADIUS * math.cos(2 * math.pi * i / max(len(slots), 1) - math.pi / 2),
                   centre + RADIUS * math.sin(2 * math.pi * i / max(len(slots), 1) - math.pi / 2))
             for i, key in enumerate(slots)}
    folded: dict[tuple[str, str], Counter] = {}
    for (a, b), count in edges.items():
        a, b = (a if a in place else OTHERS), (b if b in place else OTHERS)
        folded.setdefault(tuple(sorted((a, b))), Counter())[(a, b)] += count
    heaviest = max((sum(c.values()) for c in folded.values()), default=1)
    lines = svg(root, "g", class_="edges")
    for (a, b), directions in sorted(folded.items()):
        if a == b:
            continue
        label = "; ".join(words("wrote-to-letters", a=_label(x, parties, words),
                                b=_label(y, parties, words), n=n) for (x, y), n in sorted(directions.items()))
        group = linked(lines, None, label)
        svg(group, "line", x1=place[a][0], y1=place[a][1], x2=place[b][0], y2=place[b][1],
            class_="edge", stroke_width=1 + 5 * math.sqrt(sum(directions.values()) / heaviest))
    others = sum(total.values()) - sum(total[k] for k in shown)
    busiest = max(total.values(), default=1)
    for key, (x, y) in place.items():
        count = others if key == OTHERS else total[key]
        href = None if key == OTHERS else "#" + section_id(parties[key])
        group = linked(root, href, words("letters-of", name=_label(key, parties, words), n=count))
        svg(group, "circle", cx=x, cy=y, r=4 + 10 * math.sqrt(count / max(busiest, count, 1)), class_="node")
        anchor = "start" if x >= centre else "end"
        svg(group, "text", _short(_label(key, parties, words)), x=x + (16 if x >= centre else -16), y=y + 4,
            class_="node-label", text_anchor=anchor)


def _label(key: str, parties: dict[str, Party], words: Words) -> str:
    return words("other-correspondents") if key == OTHERS else parties[key].name


def _short(text: str) -> str:
    return text if len(text) <= 28 else text[:27] + "…"


def _sections(parties: dict[str, Party], edges: Counter, words: Words) -> list[etree._Element]:
    """Per correspondent: whom they wrote to and who wrote to them, with counts."""
    partners: dict[str, Counter] = {k: Counter() for k in parties}
    for (a, b), count in edges.items():
        partners[a][("to", b)] += count
        partners[b][("from", a)] += count
    sections = [html("h2", words("correspondents"))]
    for key in sorted(parties, key=lambda k: parties[k].name):
        party = parties[key]
        heading = html("h3", children=[html("a", party.name, href=party.page)] if party.page else ())
        if not party.page:
            heading.text = party.name
        items = [html("li", words("wrote-to" if d == "to" else "received-from", name=parties[o].name, n=n))
                 for (d, o), n in sorted(partners[key].items(), key=lambda kv: (-kv[1], kv[0]))]
        body = html("ul", children=items) if items else html("p", words("no-parties"))
        sections.append(html("section", class_="correspondent", id=section_id(party),
                             children=[heading, body]))
    return sections


def network_page(party_key: str) -> str:
    return f"{PICTURE_PAGES['network']}#{section_id(Party(party_key, '', None))}"
