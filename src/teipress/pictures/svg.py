"""Building blocks shared by the pictures: the SVG root with its accessible name, HTML elements
for the text alternatives, and the `s:picture` element the page stylesheet frames."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
SITE_NS = "urn:teipress:site"
_SVG = f"{{{SVG_NS}}}"
Cell = str | tuple[str, str]  # text, or (text, href)


def svg_root(key: str, width: int, height: int, title: str, description: str) -> etree._Element:
    """<svg role="group"> named by its <title> and described by its <desc> (ids unique per page).
    A group, not an image: its marks are links, and an image's content is not reachable."""
    root = etree.Element(f"{_SVG}svg", nsmap={None: SVG_NS}, viewBox=f"0 0 {width} {height}",
                         role="group", width=str(width), height=str(height))
    root.set("class", f"picture picture-{key}")
    root.set("aria-labelledby", f"{key}-title {key}-desc")
    etree.SubElement(root, f"{_SVG}title", id=f"{key}-title").text = title
    etree.SubElement(root, f"{_SVG}desc", id=f"{key}-desc").text = description
    return root


def svg(parent: etree._Element, tag: str, text: str | None = None, **attributes: object) -> etree._Element:
    element = etree.SubElement(parent, f"{_SVG}{tag}",
                               {k.rstrip("_").replace("_", "-"): _number(v) for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return str(value)


def linked(parent: etree._Element, href: str | None, label: str) -> etree._Element:
    """An <a> around a mark (with a <title> tooltip) when there is somewhere to go, else a <g>."""
    group = svg(parent, "a", href=href) if href else svg(parent, "g")
    svg(group, "title", label)
    return group


def html(tag: str, text: str | None = None, children: Iterable[etree._Element] = (),
         **attributes: str) -> etree._Element:
    element = etree.Element(tag, {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()})
    element.text = text
    element.extend(children)
    return element


def alternative_table(caption: str, headers: list[str], rows: Iterable[list[Cell]]) -> etree._Element:
    """The picture's content as a table: what a screen reader or a text browser reads instead."""
    head = html("thead", children=[html("tr", children=[html("th", h, scope="col") for h in headers])])
    body = html("tbody", children=[html("tr", children=[_cell(c) for c in row]) for row in rows])
    return html("table", class_="picture-data", children=[html("caption", caption), head, body])


def _cell(cell: Cell) -> etree._Element:
    if isinstance(cell, tuple):
        return html("td", children=[html("a", cell[0], href=cell[1])])
    return html("td", cell)


def picture_element(kind: str, title: str, intro: str, content: Iterable[etree._Element]) -> etree._Element:
    """`s:picture`: the page's title and its body (an introduction, the SVG, the alternative)."""
    element = etree.Element(f"{{{SITE_NS}}}picture", nsmap={"s": SITE_NS}, kind=kind, title=title)
    element.append(html("p", intro, class_="picture-intro"))
    element.extend(content)
    return element


def summary_details(summary: str, content: etree._Element) -> etree._Element:
    """A text alternative a sighted reader can open too (no script needed)."""
    return html("details", class_="picture-alternative", children=[html("summary", summary), content])
