"""The pictures of the corpus (timeline, correspondence network, map): static SVG with a title,
a description and a text alternative, marks that link where they say, legible and small for the
seed, the maechtekongresse corpus and the synthetic 10,000-document corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree, html

from conftest import ROOT, SEED_DOCUMENT, shared
from teipress.pictures import PICTURE_PAGES, Published, corpus_pictures
from teipress.resources import stylesheet  # noqa: F401  (the build copies assets with it)
from teipress.site import REGISTER_PAGES, register_entries
from teipress.transform import load_transformer

SVG = ""  # lxml.html parses inline SVG into plain, un-namespaced element names
MEGABYTE = 1_000_000


def build(source: Path, out: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(source),
                             "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return out / "html"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(ROOT / "tei", tmp_path_factory.mktemp("seed") / "out")


@pytest.fixture(scope="module")
def congresses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = shared("corpora", "maechtekongresse", "editions")
    return build(source, tmp_path_factory.mktemp("congresses") / "out")


def svg_of(page: Path) -> etree._Element:
    tree = html.parse(str(page))
    found = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag.endswith("svg")
             and "picture" in (e.get("class") or "")]
    assert len(found) == 1, page
    return found[0]


def assert_accessible_svg(svg: etree._Element) -> None:
    """A named group (its marks are links), described by its desc; no script anywhere in it."""
    assert svg.get("role") == "group"
    ids = svg.get("aria-labelledby").split()
    texts = {e.get("id"): e.text for e in svg.iter() if isinstance(e.tag, str) and e.get("id") in ids}
    assert len(texts) == 2 and all(t and t.strip() for t in texts.values())
    assert not [e for e in svg.iter() if isinstance(e.tag, str) and e.tag.endswith("script")]
    assert not [a for e in svg.iter() for a in e.attrib if a.startswith("on")]


def links_resolve(site: Path, page: Path) -> None:
    """Every href on the page names an existing page of the site and an existing id in it."""
    tree = html.parse(str(page))
    for element in tree.iter():
        href = element.get("href") if isinstance(element.tag, str) else None
        if not href or href.startswith(("http:", "https:", "mailto:")):
            continue
        target, _, anchor = href.partition("#")
        target_path = (page.parent / target) if target else page
        assert target_path.is_file(), (page.name, href)
        if anchor and target_path.suffix == ".html":
            assert html.parse(str(target_path)).find(f".//*[@id='{anchor}']") is not None, (page.name, href)


def test_seed_pictures_exist_and_link_to_the_documents(seed: Path) -> None:
    for page in PICTURE_PAGES.values():
        assert (seed / page).is_file()
    timeline = svg_of(seed / PICTURE_PAGES["timeline"])
    assert_accessible_svg(timeline)
    year = seed / "corpus-timeline-1962.html"
    assert [a.get("href") for a in timeline.iter(f"{SVG}a")] == [year.name]
    assert_accessible_svg(svg_of(year))
    listed = [a.get("href") for a in html.parse(str(year)).iterfind(".//ul[@class='timeline-documents']//a")]
    assert listed == [f"{SEED_DOCUMENT.stem}.html"]
    november = [a.get("href") for a in svg_of(year).iter(f"{SVG}a")]
    assert november == ["#month-11"]
    for page in [year, *(seed / p for p in PICTURE_PAGES.values())]:
        links_resolve(seed, page)


def test_the_index_shows_the_timeline(seed: Path) -> None:
    index = seed / "index.html"
    assert_accessible_svg(svg_of(index))
    links_resolve(seed, index)


def test_seed_network_is_the_telegram_from_dobrynin_to_the_ministry(seed: Path) -> None:
    page = seed / PICTURE_PAGES["network"]
    svg = svg_of(page)
    assert_accessible_svg(svg)
    edges = [e.findtext(f"{SVG}title") for e in svg.iter(f"{SVG}g", f"{SVG}a")
             if e.find(f"{SVG}line") is not None]
    assert edges == ["Anatoly Fyodorovich Dobrynin wrote to Ministry of Foreign Affairs of the USSR: "
                     "1 letter(s)"]
    rows = [[c.text_content().strip() for c in tr.iterfind("td")]
            for tr in html.parse(str(page)).iterfind(".//table[@class='picture-data']/tbody/tr")]
    assert rows == [["Anatoly Fyodorovich Dobrynin", "1", "0"],
                    ["Ministry of Foreign Affairs of the USSR", "0", "1"]]
    # each correspondent's section links to the register entry
    tree = html.parse(str(page))
    section = tree.find(".//section[@id='c-pers-dobrynin']")
    assert section.find(".//a").get("href") == "persons.html#pers-dobrynin"
    links_resolve(seed, page)


def test_seed_map_says_there_is_nothing_to_map(seed: Path) -> None:
    text = html.parse(str(seed / PICTURE_PAGES["map"])).getroot().text_content()
    assert "No place in the registers has coordinates" in text


def test_congress_map_marks_every_place_with_coordinates(congresses: Path) -> None:
    page = congresses / PICTURE_PAGES["map"]
    svg = svg_of(page)
    assert_accessible_svg(svg)
    assert svg.find(f"{SVG}path[@class='land']") is not None  # the coastline is drawn
    marks = [a for a in svg.iter(f"{SVG}a")]
    rows = html.parse(str(page)).findall(".//table[@class='picture-data']/tbody/tr")
    counted = sum(int(a.findtext(f"{SVG}text") or 1) for a in marks)
    assert counted == len(rows) > 20
    aachen = [a for a in marks if "Aachen" in a.findtext(f"{SVG}title")]
    assert aachen and all(a.get("href").startswith("places.html#") for a in aachen)
    links_resolve(congresses, page)


def test_pictures_of_ten_thousand_documents_stay_small(tmp_path: Path) -> None:
    """The synthetic corpus (10,000 documents, 2,000 persons): each picture page under 1 MB,
    and the SVGs aggregate (bars per year, two dozen named correspondents)."""
    generator = shared("tools", "gen_corpus.py")
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(generator), str(corpus), "--docs", "10000", "--seed", "1"],
                   check=True, capture_output=True)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    documents, registers = [], []
    for path in sorted((corpus / "registers").glob("*.xml")):
        registers.append(etree.parse(str(path), parser).getroot())
    for path in sorted((corpus / "documents").glob("*.xml")):
        root = etree.parse(str(path), parser).getroot()
        date = root.find(".//{http://www.tei-c.org/ns/1.0}correspAction/{http://www.tei-c.org/ns/1.0}date")
        documents.append(Published(f"{path.stem}.html", path.stem, date.get("when"), root))
    entries = register_entries([_Parsed(r) for r in registers], [])
    pages = corpus_pictures(documents, entries, REGISTER_PAGES)
    assert len(pages) >= 40  # the overview, one page per year, network, map
    transformer = load_transformer()
    site = transformer.node(etree.fromstring(b'<s:site xmlns:s="urn:teipress:site" title="Synthetic"/>'))
    for name, picture in pages:
        page = transformer.run("html-pictures", transformer.node(picture), site=site)
        assert len(page.encode()) < MEGABYTE, name
        svg = html.fromstring(page).xpath("//*[local-name()='svg']")
        if name == PICTURE_PAGES["network"]:
            senders = {d.root.find(".//{http://www.tei-c.org/ns/1.0}correspAction/*").get("ref")
                       for d in documents}
            assert f"10000 letter(s), {len(senders)} correspondent(s)" in page
            assert len(svg[0].xpath(".//*[local-name()='circle']")) == 25  # 24 named and the others


class _Parsed:
    """The little of a ParsedDocument that register_entries reads."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root


def test_the_outline_is_cut_once_then_read_from_the_user_cache(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from teipress.pictures import coastline

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    frame, scale = (-5.0, 40.0, 25.0, 56.0), 24.0  # western and central Europe
    cut = coastline.outline_path(frame, scale)
    assert cut and cut.startswith("M") and cut.endswith("Z")
    rings = coastline._rings
    monkeypatch.setattr(coastline, "_rings", lambda: pytest.fail("the outline was cut again"))
    assert coastline.outline_path(frame, scale) == cut
    # A damaged entry is not trusted: the outline is cut anew and stored again.
    [stored] = (tmp_path / "teipress" / "outlines").glob("*.txt")
    stored.write_bytes(stored.read_bytes().replace(b"M", b"L", 1))
    monkeypatch.setattr(coastline, "_rings", rings)
    assert coastline.outline_path(frame, scale) == cut
    assert stored.read_bytes().split(b"\n", 1)[1] == cut.encode()
