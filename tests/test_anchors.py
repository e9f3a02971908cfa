"""Stable anchors: every paragraph, list item, note, ab and verse group of a document page has an id (its
@xml:id, else its @n when unique, else its position in the document) and a permalink to it, on
the seed and the maechtekongresse edition; the ids of a document do not depend on the other
documents of the edition; the permalink works in Chromium without JavaScript and shows on
keyboard focus; the text edition gains nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from conftest import ROOT, SEED_DOCUMENT, shared
from teipress.cli import main

TEI = "{http://www.tei-c.org/ns/1.0}"
# The passages that carry anchors, as the document page renders them.
PASSAGES = ("//section[@class='text']//p[not(contains(concat(' ', @class, ' '), ' head '))]"
            " | //section[@class='text']//div[contains(concat(' ', @class, ' '), ' tei-p ')]"
            " | //section[@class='text']//div[contains(concat(' ', @class, ' '), ' list ')]/*/*"
            "[self::li or self::dd][not(@class = 'list-extra')]"
            " | //section[@class='text']//*[contains(concat(' ', @class, ' '), ' note-inline ')]"
            " | //section[@class='text']//div[contains(concat(' ', @class, ' '), ' tei-ab ')"
            " or contains(concat(' ', @class, ' '), ' tei-lg ')]"
            " | //section[@class='notes']/ol/li")


def build(source: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(ROOT / "tei", tmp_path_factory.mktemp("seed") / "out")


@pytest.fixture(scope="module")
def congresses(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    source = shared("corpora", "maechtekongresse", "editions")
    return source, build(source, tmp_path_factory.mktemp("congresses") / "out")


def document_pages(out: Path) -> Iterator[tuple[Path, html.HtmlElement]]:
    for page in sorted((out / "html").glob("*.html")):
        tree = html.parse(str(page)).getroot()
        if tree.xpath("//article[contains(@class, 'document')]//section[@class='text']"):
            yield page, tree


def check_anchors(tree: html.HtmlElement) -> int:
    """Every passage has an id and, as its last child element, a permalink to it; ids are
    unique on the page. Returns the number of passages."""
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    passages = tree.xpath(PASSAGES)
    for passage in passages:
        if not passage.text_content().strip() and not len(passage):
            continue  # nothing to link to (an empty paragraph): no anchor
        ident = passage.get("id")
        assert ident, html.tostring(passage)[:200]
        link = passage.xpath("./a[@class='permalink']")
        assert len(link) == 1 and link[0].get("href") == f"#{ident}", html.tostring(passage)[:300]
        assert link[0].get("aria-label", "").strip() and link[0].text == "¶"
        assert link[0].getnext() is None  # at the end, after the passage's own words
    return len(passages)


def test_every_passage_of_the_seed_has_an_anchor_by_position(seed: Path) -> None:
    page = seed / "html" / f"{SEED_DOCUMENT.stem}.html"
    tree = html.parse(str(page)).getroot()
    assert check_anchors(tree) > 5
    source = etree.parse(str(SEED_DOCUMENT)).getroot()
    paragraphs = source.find(f"{TEI}text").iter(f"{TEI}p")
    for position, paragraph in enumerate(paragraphs, start=1):
        words = " ".join("".join(paragraph.itertext()).split())[:30]
        shown = tree.xpath(f"//*[@id='p-{position}']")
        assert shown and words.split()[0] in shown[0].text_content(), (position, words)
    notes = tree.xpath("//section[@class='notes']/ol/li")
    assert notes and all(n.get("id") == f"note-{i}" for i, n in enumerate(notes, start=1))


def test_every_passage_of_the_congress_edition_has_an_anchor(congresses) -> None:
    _, out = congresses
    counts = [check_anchors(tree) for _, tree in document_pages(out)]
    assert len(counts) > 100 and sum(counts) > 1000
    inline = [tree for _, tree in document_pages(out) if tree.xpath("//*[starts-with(@id, 'inline-note-')]")]
    assert inline  # the protocols' notes place="inline" are anchored too


VERSE = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Verse</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
<sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader><text><body>
<lg type="poem"><lg n="1"><l>The first line</l><l>The second line</l></lg>
<lg n="2"><l>The third line</l></lg></lg><ab>A colophon</ab></body></text></TEI>"""


def test_inscriptions_and_verse_have_anchors_too(tmp_path: Path) -> None:
    """An inscription's ab (EpiDoc) and verse groups, which have no paragraphs, are passages
    with anchors: by @n when it is unique (lg-n1), else by position (lg-1, ab-1). An empty
    paragraph has none."""
    epidoc = build(shared("corpora", "epidoc-isicily"), tmp_path / "epidoc")
    pages = list(document_pages(epidoc))
    assert pages
    for _, tree in pages:
        check_anchors(tree)
        assert tree.xpath("//section[@class='text']//div[contains(@class, 'tei-ab')][@id = 'ab-1']")
        # its translation and commentary are paragraphs holding only a comment: no lone ¶
        empty = tree.xpath("//section[@class='text']//p[not(normalize-space()) and not(*)]")
        permalinks = tree.xpath("//section[@class='text']//p[a[@class = 'permalink']]")
        assert len(empty) == 2 and all(p.text_content().strip() != "¶" for p in permalinks)
    (tmp_path / "verse").mkdir()
    (tmp_path / "verse" / "verse.xml").write_text(VERSE, encoding="utf-8")
    out = build(tmp_path / "verse", tmp_path / "verse-out")
    tree = html.parse(str(out / "html" / "verse.html")).getroot()
    assert check_anchors(tree) == 4
    passages = {p.get("id"): " ".join(p.text_content().split()) for p in tree.xpath(PASSAGES)}
    assert passages["lg-n2"] == "The third line ¶" and passages["ab-1"] == "A colophon ¶"
    assert set(passages) == {"lg-1", "lg-n1", "lg-n2", "ab-1"}


def test_a_document_keeps_its_anchors_in_any_edition(congresses, tmp_path: Path) -> None:
    source, out = congresses
    alone = tmp_path / "alone"
    alone.mkdir()
    name = "Aachen_Prot_25.xml"  # paragraphs, lists, inline notes and endnotes
    shutil.copy(source / name, alone / name)
    single = build(alone, tmp_path / "out")

    def anchors(tree: html.HtmlElement) -> list[str]:
        return tree.xpath(f"({PASSAGES})/@id")

    pages = list(document_pages(single))
    assert len(pages) == 1
    page, tree = pages[0]
    assert len(anchors(tree)) > 10
    assert anchors(tree) == anchors(html.parse(str(out / "html" / page.name)).getroot())


def test_the_text_edition_gains_no_permalink(seed: Path, congresses) -> None:
    _, out = congresses
    for folder in (seed, out):
        texts = sorted((folder / "text").rglob("*.txt"))
        assert texts
        for text in texts:
            assert "¶" not in text.read_text(encoding="utf-8"), text


def test_the_permalink_shows_on_focus_and_leads_to_its_passage_without_script(chromium, seed: Path) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((seed / "html" / f"{SEED_DOCUMENT.stem}.html").as_uri())
    link = page.locator("#p-3 > a.permalink")
    opacity = "e => getComputedStyle(e).opacity"
    assert link.evaluate(opacity) == "0"  # out of the way while reading
    link.focus()
    assert link.evaluate(opacity) == "1"
    assert link.get_attribute("aria-label").startswith("Link to this passage")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#p-3'")
    assert page.locator("#p-3").evaluate("e => e.matches(':target')")
    assert page.locator(":target > a.permalink").evaluate(opacity) == "1"
    context.close()
