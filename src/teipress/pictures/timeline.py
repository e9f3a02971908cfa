"""The timeline: documents per year (each bar links to that year's page), and per year the
documents per month with the list of them, so 10,000 documents are 40-odd small pages."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from lxml import etree

from ..outputs import PICTURE_PAGES, year_page
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

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 220, 44, 36, 12


@dataclass(frozen=True)
class Dated:
    href: str
    title: str
    year: int
    month: int | None  # None: the date gives the year only


def dated(href: str, title: str, date: str | None) -> Dated | None:
    match = re.match(r"^(\d{4})(?:-(\d{2}))?", date or "")
    if not match:
        return None
    month = int(match.group(2)) if match.group(2) and 1 <= int(match.group(2)) <= 12 else None
    return Dated(href, title, int(match.group(1)), month)


def timeline_pictures(documents: list[Dated], undated: int,
                      words: Words = ENGLISH) -> list[tuple[str, etree._Element]]:
    """(page name, s:picture) for the overview and for each year with documents."""
    by_year: dict[int, list[Dated]] = defaultdict(list)
    for document in documents:
        by_year[document.year].append(document)
    pages = [(PICTURE_PAGES["timeline"], _overview(by_year, undated, words))]
    pages += [(year_page(year), _year(year, items, words)) for year, items in sorted(by_year.items())]
    return pages


def years_chart(by_year: dict[int, list[Dated]], key: str, words: Words = ENGLISH) -> etree._Element:
    counts = Counter({year: len(items) for year, items in by_year.items()})
    first, last = (min(counts), max(counts)) if counts else (0, -1)
    years = list(range(first, last + 1))
    total = sum(counts.values())
    span = words("years-span", first=first, last=last) if years else words("none-dated")
    busiest = max(counts, key=counts.get) if counts else words("none")
    root = svg_root(key, WIDTH, HEIGHT, words("per-year"),
                    words("years-description", total=total, span=span, busiest=busiest))
    _bars(root, [(str(y), counts.get(y, 0), year_page(y) if counts.get(y) else None) for y in years], words)
    return root


def _overview(by_year: dict[int, list[Dated]], undated: int, words: Words) -> etree._Element:
    rows = [[(str(year), year_page(year)), str(len(items))] for year, items in sorted(by_year.items())]
    note = " " + words("timeline-undated", n=undated) if undated else ""
    return picture_element("timeline", words("timeline"), words("timeline-intro") + note,
                           [years_chart(by_year, "timeline", words),
                            summary_details(words("timeline-table"),
                                            alternative_table(words("per-year"),
                                                              [words("year"), words("documents")], rows))])


def _year(year: int, items: list[Dated], words: Words) -> etree._Element:
    by_month: dict[int | None, list[Dated]] = defaultdict(list)
    for item in sorted(items, key=lambda d: (d.month or 0, d.title, d.href)):
        by_month[item.month].append(item)
    root = svg_root("timeline", WIDTH, HEIGHT, words("per-month", year=year),
                    words("month-description", n=len(items), year=year))
    _bars(root, [(words(f"month-{m}")[:3], len(by_month.get(m, [])),
                  f"#month-{m}" if by_month.get(m) else None) for m in range(1, 13)], words)
    lists = []
    for month, entries in sorted(by_month.items(), key=lambda kv: kv[0] or 0):
        label = f"{words(f'month-{month}')} {year}" if month else words("month-unknown", year=year)
        lists.append(html("h2", label, id=f"month-{month or 0}"))
        lists.append(html("ul", class_="timeline-documents", children=[
            html("li", children=[html("a", e.title, href=e.href)]) for e in entries]))
    back = html("p", children=[html("a", words("all-years"), href=PICTURE_PAGES["timeline"])])
    return picture_element("timeline", words("timeline-year", year=year),
                           words("year-intro", n=len(items), year=year), [root, back, *lists])


def _bars(root: etree._Element, bars: list[tuple[str, int, str | None]], words: Words) -> None:
    """A bar chart: label under each bar (thinned so they never overlap), count in its tooltip."""
    if not bars:
        return
    highest = max(count for _, count, _ in bars) or 1
    plot_width, plot_height = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    step = plot_width / len(bars)
    every = max(1, round(40 / step))  # at least 40 units between labels
    svg(root, "line", x1=LEFT, y1=TOP + plot_height, x2=WIDTH - 8, y2=TOP + plot_height, class_="axis")
    svg(root, "text", str(highest), x=LEFT - 6, y=TOP + 10, class_="tick", text_anchor="end")
    svg(root, "text", "0", x=LEFT - 6, y=TOP + plot_height, class_="tick", text_anchor="end")
    for i, (label, count, href) in enumerate(bars):
        x = LEFT + i * step
        if count:
            height = max(1.0, plot_height * count / highest)
            group = linked(root, href, words("bar-label", label=label, n=count))
            svg(group, "rect", x=x + step * 0.1, y=TOP + plot_height - height, width=max(step * 0.8, 0.5),
                height=height, class_="bar")
        if i % every == 0:
            svg(root, "text", label, x=x + step / 2, y=HEIGHT - BOTTOM + 16, class_="tick",
                text_anchor="middle")
