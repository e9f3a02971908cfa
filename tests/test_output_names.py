"""Documents named like the edition's own outputs (about.xml, index.xml, persons.xml,
corpus-timeline-1820.xml, x.diplomatic.xml, con.xml …) get pages of their own: their slug gets
"-document" (site.slugs_for), nothing of the edition or of another document is overwritten, and
every link to them follows the slug."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from conftest import shared, tei
from teipress.cli import main
from teipress.outputs import is_reserved

BODY = '      <p>{word} <persName ref="#anna">Anna</persName> <ref target="about.xml">about</ref></p>'
DATED = '</fileDesc><profileDesc><creation><date when="1820-05-0{day}"/></creation></profileDesc>'
REGISTER = """
    <back><listPerson><person xml:id="anna"><persName>Anna</persName></person></listPerson></back>"""
# Source file → its page's name, as the rule in site.slugs_for gives it (in corpus order:
# about-document.xml comes before about.xml and keeps its own name).
EXPECTED = {
    "about-document.xml": "about-document",
    "about.xml": "about-document-2",
    "con.xml": "con-document",
    "corpus-timeline-1820.xml": "corpus-timeline-1820-document",
    "index.xml": "index-document",
    "persons.xml": "persons-document",
    "search.xml": "search-document",
    "Validation.xml": "Validation-document",
    "x.diplomatic.xml": "x.diplomatic-document",
    "x.xml": "x",
}


def build(source: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output[-3000:]
    assert "published" in result.output, result.output[-3000:]


@pytest.fixture(scope="module")
def named_like_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An edition whose every document is named like one of its outputs, built once."""
    source = tmp_path_factory.mktemp("named") / "letters"
    source.mkdir()
    for n, name in enumerate(sorted(EXPECTED, key=str.lower), 1):
        text = tei(name.removesuffix(".xml"), BODY.format(word=f"word{n}"), f"Title of {name}")
        text = text.replace("</fileDesc>", DATED.format(day=n % 9 + 1))
        if name == "index.xml":
            text = text.replace("</body>", "</body>" + REGISTER)
        (source / name).write_text(text, encoding="utf-8")
    out = source.parent / "out"
    build(source, out)
    return out


def test_every_document_gets_its_own_page_and_texts(named_like_outputs: Path) -> None:
    out = named_like_outputs
    source = out.parent / "letters"
    for n, (name, slug) in enumerate(sorted(EXPECTED.items(), key=lambda kv: kv[0].lower()), 1):
        page = html.parse(str(out / "html" / f"{slug}.html"))
        assert page.findtext(".//h1") == f"Title of {name}", slug
        assert (out / "html" / "tei" / f"{slug}.xml").read_bytes() == (source / name).read_bytes()
        assert f"word{n}" in (out / "text" / f"{slug}.txt").read_text(encoding="utf-8")
        assert f"word{n}" in (out / "text" / f"{slug}.diplomatic.txt").read_text(encoding="utf-8")
    readings = {path.name for path in (out / "text").iterdir()}
    assert readings == {f"{slug}{r}" for slug in EXPECTED.values() for r in (".txt", ".diplomatic.txt")}


def test_the_edition_pages_are_the_editions(named_like_outputs: Path) -> None:
    """Pages = documents + edition pages, and the edition's pages are not the documents'."""
    out = named_like_outputs / "html"
    pages = {path.stem for path in out.glob("*.html")}
    edition_pages = pages - set(EXPECTED.values())
    assert len(pages) == len(EXPECTED) + len(edition_pages)
    assert {"index", "about", "persons", "search", "validation", "corpus-timeline-1820"} <= edition_pages
    assert all(is_reserved(name) for name in edition_pages), edition_pages
    assert html.parse(str(out / "about.html")).findtext(".//h1") == "About this edition"
    assert html.parse(str(out / "persons.html")).xpath("//h2[.//text()[contains(., 'Anna')]]")
    index = html.parse(str(out / "index.html"))
    assert not index.xpath("//h1[starts-with(., 'Title of')]")
    listed = set(index.xpath("//main//a/@href"))
    assert {f"{slug}.html" for slug in EXPECTED.values()} <= listed


def test_links_follow_the_slug(named_like_outputs: Path) -> None:
    """The index, the timeline, the register's "mentioned in", previous/next and a `ref` to
    about.xml all link the documents by their slugs; no link goes to an edition page by mistake."""
    out = named_like_outputs / "html"
    documents = {f"{slug}.html" for slug in EXPECTED.values()}
    timeline = set(html.parse(str(out / "corpus-timeline-1820.html")).xpath("//main//a/@href"))
    assert documents <= timeline
    mentioned = set(html.parse(str(out / "persons.html")).xpath("//main//a/@href"))
    assert documents <= {href.split("#")[0] for href in mentioned}
    for slug in EXPECTED.values():
        page = html.parse(str(out / f"{slug}.html"))
        assert page.xpath("//a[.='about']/@href") == ["about-document-2.html"], slug
        assert page.xpath("//a[@rel='prev' or @rel='next']/@href"), slug
        for href in page.xpath("//a[@rel='prev' or @rel='next']/@href"):
            assert href in documents, (slug, href)


def test_the_about_document_of_maechtekongresse_keeps_its_page(corpus_builds) -> None:
    """meta/about.xml ("Zur technischen Umsetzung") is published as about-document.html; the
    edition's About page stays about.html, and the pages that link about.xml reach the document."""
    source = shared("corpora", "maechtekongresse", "meta", "about.xml")
    out = corpus_builds("maechtekongresse")
    page = html.parse(str(out / "html" / "about-document.html"))
    assert page.findtext(".//h1") == "Zur technischen Umsetzung"
    assert "Applikation" in page.xpath("string(//main)")
    assert (out / "html" / "tei" / "about-document.xml").read_bytes() == source.read_bytes()
    assert html.parse(str(out / "html" / "about.html")).findtext(".//h1") == "About this edition"
    thanks = html.parse(str(out / "html" / "Danksagung.html"))
    local = [href for href in thanks.xpath("//main//a[@class='ref']/@href") if "://" not in href]
    assert local == ["about-document.html"]


def test_every_output_of_a_built_edition_is_kept_from_documents(corpus_builds) -> None:
    """Whatever the edition itself puts in html/ (pages, downloads, assets, folders) is a name
    no document can take: the names in outputs.py are all of them."""
    out = corpus_builds("maechtekongresse") / "html"
    slugs = {path.stem for path in (out / "tei").glob("*.xml")}
    own = [path.name for path in out.iterdir() if path.suffix != ".html" or path.stem not in slugs]
    assert "edition-citation.bib" in own and "corpus-timeline-1820.html" in own
    assert [name for name in own if not is_reserved(name.split(".", 1)[0])] == []
    assert not any(is_reserved(slug) for slug in slugs)
