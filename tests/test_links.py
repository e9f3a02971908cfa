"""Link check: every href and src in the builds of the shared corpora (as folders) and of the
seed edition resolves to a file in the output, and every #fragment to an id on that page."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html

from conftest import CORPUS_FOLDERS


@cache
def ids_of(page: Path) -> frozenset[str]:
    tree = html.parse(str(page))
    return frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))


def broken_links(root: Path) -> list[str]:
    broken = []
    for page in sorted(root.rglob("*.html")):
        tree = html.parse(str(page))
        for element in tree.xpath("//*[@href or @src]"):
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                url = urlsplit(value)
                if url.scheme or url.netloc:  # another site: not part of the output
                    continue
                target = (page.parent / unquote(url.path)).resolve() if url.path else page
                where = f"{page.relative_to(root)}: {attribute}={value!r}"
                if not target.is_file():
                    broken.append(f"{where}: no such file")
                elif (url.fragment and target.suffix == ".html"
                      and unquote(url.fragment) not in ids_of(target)):
                    broken.append(f"{where}: no id {url.fragment!r} on the page")
    return broken


@pytest.mark.parametrize("name", ["seed", *CORPUS_FOLDERS])
def test_every_link_resolves(corpus_builds, name: str) -> None:
    out = corpus_builds(name)
    broken = broken_links(out)
    assert not broken, f"{len(broken)} broken links, e.g.\n" + "\n".join(broken[:20])
