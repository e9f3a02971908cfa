"""Layout on a phone, in a real browser (headless Chromium): no page of the seed edition or of any
shared corpus built as a folder is wider than a 390 px viewport, and the seed's pages stay within
320 px too. Every HTML page of each build is loaded (search's Pagefind files excepted: they are
not pages), so every page kind is covered: documents, volume contents, index, registers, edition
pages, pictures, search and the validation report."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS_FOLDERS

WIDTH = "document.documentElement.scrollWidth"
# The first elements that stick out of the viewport, to say what to fix.
OVERFLOWING = """(width) => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > width + 1
             && el.parentElement.getBoundingClientRect().right <= width + 1)
  .slice(0, 3).map(el => el.outerHTML.slice(0, 160))"""


def pages(out: Path) -> list[Path]:
    found = sorted(p for p in (out / "html").rglob("*.html") if "pagefind" not in p.parts)
    assert found, f"no pages in {out}"
    return found


def too_wide(chromium, files: list[Path], width: int) -> list[str]:
    page = chromium.new_page(viewport={"width": width, "height": 800})
    wide = []
    for file in files:
        page.goto(file.as_uri())
        scroll_width = page.evaluate(WIDTH)
        if scroll_width > width:
            wide.append(f"{file.name}: {scroll_width} px {page.evaluate(OVERFLOWING, width)}")
    page.close()
    return wide


@pytest.mark.parametrize("name", ["seed", *CORPUS_FOLDERS])
def test_no_page_is_wider_than_a_phone(chromium, corpus_builds, name: str) -> None:
    files = pages(corpus_builds(name))
    assert too_wide(chromium, files, 390) == []


def test_the_seed_fits_the_narrowest_phone(chromium, corpus_builds) -> None:
    assert too_wide(chromium, pages(corpus_builds("seed")), 320) == []
