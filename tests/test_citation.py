"""Citations of the seed edition, read back by the tools readers use: the meta tags as Zotero's
"Embedded Metadata" translator reads them, the CSL-JSON rendered by citeproc-py, the BibTeX by
bibtexparser, the RIS by rispy. Each must agree with the TEI header and the settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree, html

from conftest import SEED_DOCUMENT

TEI = "{http://www.tei-c.org/ns/1.0}"
SLUG = SEED_DOCUMENT.stem
SETTINGS = """[edition]
title = "Soviet Diplomatic Documents of the Cuban Missile Crisis"
editors = ["Smith, Jane", "The teipress editors"]
publisher = "teipress project"
base_url = "https://example.org/cmc/"
licence = "https://creativecommons.org/licenses/by/4.0/"
"""


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.fixture(scope="module")
def header() -> dict:
    root = etree.parse(str(SEED_DOCUMENT)).getroot()
    statement = root.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt")
    sent = root.find(f".//{TEI}correspAction[@type='sent']/{TEI}date")
    return {"title": text(statement.find(f"{TEI}title")),
            "authors": [text(a) for a in statement.iterfind(f"{TEI}author")],
            "date": sent.get("when"), "language": root.get("{http://www.w3.org/XML/1998/namespace}lang")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cite")
    project = root / "project"
    import shutil
    shutil.copytree(SEED_DOCUMENT.parents[1], project / "tei")
    (project / "teipress.toml").write_text(SETTINGS, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(project / "tei"),
                    "--out", str(root / "out")], check=True, capture_output=True, cwd=project)
    return root / "out" / "html"


def embedded_metadata(page: Path) -> dict[str, list[str]]:
    """The meta tags as Zotero's Embedded Metadata translator collects them: every
    <meta name=… content=…>, names compared case-insensitively, repeated names kept in order."""
    tree = html.parse(str(page))
    found: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta[@name]"):
        found.setdefault(meta.get("name").lower(), []).append(meta.get("content"))
    found["canonical"] = [link.get("href") for link in tree.iterfind(".//link[@rel='canonical']")]
    return found


def test_meta_tags_agree_with_the_header(site: Path, header: dict) -> None:
    meta = embedded_metadata(site / f"{SLUG}.html")
    assert meta["citation_title"] == [header["title"]]
    assert meta["dc.title"] == [header["title"]]
    # Zotero splits "Family, Given"; the family name must be the header author's last word.
    authors = meta["citation_author"]
    assert len(authors) == len(header["authors"]) == 1
    family, given = authors[0].split(", ")
    assert header["authors"][0].endswith(family) and header["authors"][0].startswith(given)
    assert meta["citation_date"] == [header["date"].replace("-", "/")]
    assert meta["dc.date"] == [header["date"]]
    assert meta["citation_publisher"] == ["teipress project"] == meta["dc.publisher"]
    assert meta["citation_inbook_title"] == ["Soviet Diplomatic Documents of the Cuban Missile Crisis"]
    url = f"https://example.org/cmc/{SLUG}.html"
    assert meta["citation_public_url"] == [url] == meta["canonical"]
    assert meta["citation_editor"] == ["Smith, Jane", "The teipress editors"]
    assert meta["citation_language"] == [header["language"]]


def test_json_ld_is_data_and_agrees_with_the_header(site: Path, header: dict) -> None:
    tree = html.parse(str(site / f"{SLUG}.html"))
    blocks = tree.findall(".//script")
    assert [b.get("type") for b in blocks] == ["application/ld+json"]
    data = json.loads(blocks[0].text)
    assert data["@context"] == "https://schema.org" and data["name"] == header["title"]
    assert data["dateCreated"] == header["date"]
    assert data["url"] == f"https://example.org/cmc/{SLUG}.html"
    assert data["isPartOf"]["url"] == "https://example.org/cmc/index.html"


def test_csl_json_renders_with_citeproc(site: Path, header: dict) -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads((site / "cite" / f"{SLUG}.json").read_text(encoding="utf-8"))
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(SLUG)]))
    rendered = str(bibliography.bibliography()[0])
    assert header["title"] in rendered
    assert "Dobrynin" in rendered and "1962" in rendered
    assert "https://example.org/cmc/" + SLUG + ".html" in rendered


def test_bibtex_parses_and_agrees(site: Path, header: dict) -> None:
    import bibtexparser

    library = bibtexparser.parse_string((site / "cite" / f"{SLUG}.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    entry = library.entries[0]
    fields = {f.key: f.value for f in entry.fields}
    assert entry.key == SLUG and entry.entry_type == "incollection"
    assert fields["title"].strip("{}") == header["title"]
    assert fields["author"] == "Dobrynin, Anatoly"
    assert fields["year"] == header["date"][:4] and fields["date"] == header["date"]
    assert fields["publisher"] == "teipress project"
    assert fields["booktitle"] == "Soviet Diplomatic Documents of the Cuban Missile Crisis"
    assert fields["editor"] == "Smith, Jane and {The teipress editors}"
    assert fields["url"] == f"https://example.org/cmc/{SLUG}.html"


def test_ris_parses_and_agrees(site: Path, header: dict) -> None:
    import rispy

    entries = rispy.loads((site / "cite" / f"{SLUG}.ris").read_text(encoding="utf-8"))
    assert len(entries) == 1
    entry = entries[0]
    assert entry["type_of_reference"] == "CHAP"
    assert entry["title"] == header["title"] and entry["authors"] == ["Dobrynin, Anatoly"]
    assert entry["year"] == header["date"][:4] and entry["date"] == header["date"].replace("-", "/")
    assert entry["publisher"] == "teipress project"
    assert entry["urls"] == [f"https://example.org/cmc/{SLUG}.html"]


def test_the_page_shows_the_recommended_citation_and_links_the_downloads(site: Path, header: dict) -> None:
    tree = html.parse(str(site / f"{SLUG}.html"))
    section = tree.find(".//section[@class='cite']")
    citation = text(section.find(".//p[@class='recommended-citation']"))
    assert citation == (f"Dobrynin, Anatoly. “{header['title']}”, 5 November 1962. In Soviet Diplomatic "
                        "Documents of the Cuban Missile Crisis. Edited by Jane Smith and The teipress "
                        f"editors. teipress project. https://example.org/cmc/{SLUG}.html.")
    for link in section.iterfind(".//a[@href]"):
        assert (site / link.get("href")).is_file()


def test_the_edition_itself_is_citable(site: Path) -> None:
    meta = embedded_metadata(site / "index.html")
    assert meta["citation_title"] == ["Soviet Diplomatic Documents of the Cuban Missile Crisis"]
    assert meta["canonical"] == ["https://example.org/cmc/index.html"]
    import bibtexparser
    entry = bibtexparser.parse_string((site / "edition-citation.bib").read_text(encoding="utf-8")).entries[0]
    assert entry.entry_type == "misc" and entry.fields_dict["publisher"].value == "teipress project"


def test_the_about_page_describes_the_edition_from_the_header(site: Path) -> None:
    root = etree.parse(str(SEED_DOCUMENT)).getroot()
    principles = text(root.find(f".//{TEI}editorialDecl/{TEI}p"))
    page = html.parse(str(site / "about.html"))
    shown = text(page.find(".//section[@class='about-principles']"))
    assert principles in shown
    responsibility = text(page.find(".//section[@class='about-responsibility']"))
    assert "Translation from Russian" in responsibility and "John Henriksen" in responsibility
    assert "Smith, Jane" in responsibility and "teipress project" in responsibility
    assert page.find(".//section[@class='cite']//p[@class='recommended-citation']") is not None
    assert embedded_metadata(site / "about.html")["citation_title"] == [
        "Soviet Diplomatic Documents of the Cuban Missile Crisis"]
    assert page.find(".//a[@href='validation.html']") is not None


def test_hostile_text_cannot_leave_the_json_ld_block() -> None:
    from teipress.citation import Citation, EditionFacts, json_ld

    hostile = "</script><script>alert(1)</script> & <!--"
    block = json_ld(Citation("x", hostile, "x.html", EditionFacts(hostile)))
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["name"] == hostile
