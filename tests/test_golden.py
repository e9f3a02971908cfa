"""Golden tests: one small TEI file per element family (tests/fixtures/golden/<family>.xml),
rendered by both editions and compared with reviewed output (tests/golden/<family>.html, .txt),
so that a change of a rule shows up as a readable diff.

The HTML expectation is the page's metadata, text and notes sections and register section,
whitespace collapsed and one block element per line. Families listed in DIPLOMATIC are also
rendered with the stylesheet parameter reading="diplomatic" (<family>.diplomatic.html/.txt).

After a deliberate change of a rule: TEIPRESS_UPDATE_GOLDEN=1 pytest tests/test_golden.py
rewrites the expectations; read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from lxml import etree, html

from teipress.config import Settings
from teipress.parse import parse_file
from teipress.site import register_entries, registers_element, site_element, slugs_for
from teipress.transform import Transformer, load_transformer

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "golden"
EXPECTED = HERE / "golden"
FAMILIES = sorted(path.stem for path in FIXTURES.glob("*.xml"))
DIPLOMATIC = {"choice", "breaks"}
UPDATE = os.environ.get("TEIPRESS_UPDATE_GOLDEN") == "1"
BLOCKS = r"p|div|section|h[1-6]|ul|ol|li|dl|dt|dd|table|caption|tr|blockquote|br|aside"


@pytest.fixture(scope="module")
def transformer() -> Transformer:
    return load_transformer()


def render(transformer: Transformer, family: str, reading: str = "normalised") -> tuple[str, str]:
    """(HTML page, plain text) of one fixture, built as `teipress build` builds a one-file edition."""
    return render_file(transformer, FIXTURES / f"{family}.xml", reading)


def render_file(transformer: Transformer, path: Path, reading: str = "normalised") -> tuple[str, str]:
    document = parse_file(path).document
    assert document is not None
    node = transformer.node(document.root)
    record = etree.fromstring(transformer.run("catalogue", node).encode())
    slugs = slugs_for([document])
    entries = register_entries([], [document])
    site = transformer.node(site_element(Settings(title="Golden"), [(slugs[document.path], record)], entries))
    registers = transformer.node(registers_element(entries))
    page = transformer.run("html-document", node, site=site, registers=registers,
                           reading=reading, **{"document-id": slugs[document.path]})
    text = transformer.run("text-document", node, reading=reading)
    return page, text


def html_fragment(page: str) -> str:
    """The sections of the page that render the TEI text, one block element per line."""
    tree = html.fromstring(page)
    sections = tree.xpath("//article/header/dl | //article/section"
                          "[contains(' text notes register ', concat(' ', @class, ' '))]")
    markup = " ".join(html.tostring(s, encoding="unicode") for s in sections)
    markup = re.sub(r"\s+", " ", markup)
    markup = re.sub(rf" ?(<(?:{BLOCKS})\b)", r"\n\1", markup)
    return markup.strip() + "\n"


def check(expected: Path, actual: str) -> None:
    if UPDATE:
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
    assert expected.exists(), f"{expected} is missing: run with TEIPRESS_UPDATE_GOLDEN=1 and review it"
    assert actual == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("family", FAMILIES)
def test_both_editions_match_the_reviewed_output(transformer: Transformer, family: str) -> None:
    page, text = render(transformer, family)
    check(EXPECTED / f"{family}.html", html_fragment(page))
    check(EXPECTED / f"{family}.txt", text)


@pytest.mark.parametrize("family", sorted(DIPLOMATIC))
def test_the_diplomatic_reading_matches_the_reviewed_output(transformer: Transformer,
                                                            family: str) -> None:
    page, text = render(transformer, family, "diplomatic")
    check(EXPECTED / f"{family}.diplomatic.html", html_fragment(page))
    check(EXPECTED / f"{family}.diplomatic.txt", text)
    assert (page, text) != render(transformer, family), "the reading parameter changed nothing"


def html_note_labels(page: str) -> tuple[list[str], list[str]]:
    """The labels of the note markers in the text, and of the entries of the notes list."""
    tree = html.fromstring(page)
    markers = [a.text_content().strip("[]") for a in tree.xpath("//a[@role='doc-noteref']")]
    listed = [s.text_content()
              for s in tree.xpath("//section[@role='doc-endnotes']/ol/li/span[@class='note-label']")]
    return markers, listed


def text_note_labels(text: str) -> tuple[str, list[str]]:
    """The text edition's Text section, and the labels of its Notes section."""
    body, _, notes = text.partition("\nText\n----\n")[2].partition("\nNotes\n-----\n")
    return body, re.findall(r"^\[([^\]]+)\]", notes, flags=re.MULTILINE)


def shown_text(page: str, reading: str) -> str:
    """The text section as a reader sees it in `reading`: the page carries both readings of a
    choice for its reading switch, and the other one is hidden (readers.css)."""
    section = html.fromstring(page).xpath("//section[@class='text']")[0]
    other = "diplomatic" if reading == "normalised" else "normalised"
    for hidden in section.xpath(f"//*[contains(concat(' ', @class, ' '), ' reading-{other} ')]"):
        hidden.drop_tree()
    return section.text_content()


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("reading", ["normalised", "diplomatic"])
def test_the_editions_agree_on_notes_and_readings(transformer: Transformer, family: str,
                                                  reading: str) -> None:
    page, text = render(transformer, family, reading)
    markers, listed = html_note_labels(page)
    body, text_listed = text_note_labels(text)
    assert markers == listed == text_listed
    assert all(f"[{label}]" in body for label in text_listed)
    page_text = " ".join(shown_text(page, reading).split()) if "tp-text-heading" in page else ""
    flat_text = " ".join(body.split())
    tei = etree.parse(str(FIXTURES / f"{family}.xml"))
    for choice in tei.iter("{http://www.tei-c.org/ns/1.0}choice"):
        children = list(choice)
        preferred = ("abbr", "sic", "orig") if reading == "diplomatic" else ("expan", "corr", "reg")
        chosen = next((c for name in preferred for c in children if etree.QName(c).localname == name),
                      children[0])
        words = " ".join("".join(chosen.itertext()).split())
        assert words in page_text and words in flat_text, (family, reading, words)
        for other in children:
            unchosen = " ".join("".join(other.itertext()).split())
            if other is not chosen and unchosen not in words:
                assert not re.search(rf"\b{re.escape(unchosen)}\b", flat_text), (family, unchosen)
                assert not re.search(rf"\b{re.escape(unchosen)}\b", page_text), (family, unchosen)


PLAY = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}"><teiHeader><fileDesc>
  <titleStmt><title>{title}</title><author>{author}</author></titleStmt>
  <publicationStmt><p>Test.</p></publicationStmt>
  <sourceDesc><bibl><date when="{when}"/></bibl></sourceDesc></fileDesc></teiHeader>
  <text><body><p>Text.</p></body></text></TEI>"""


def test_the_index_sorts_years_before_the_common_era_and_names_authors(transformer: Transformer) -> None:
    plays = [("goethe", "Faust", "Johann Wolfgang Goethe", "1808"),
             ("marlowe", "Faust", "Christopher Marlowe", "1604"),
             ("late", "Ode", "Horace", "-0010"),
             ("early", "Fable", "Aesop", "-0550")]
    records = [(ident, etree.fromstring(transformer.run("catalogue", transformer.node(
        PLAY.format(id=ident, title=title, author=author, when=when))).encode()))
        for ident, title, author, when in plays]
    site = transformer.node(site_element(Settings(title="Plays"), records, []))
    index = html.fromstring(transformer.run("html-index", site))
    rows = [(" ".join(row.xpath("string(td[@class='date'])").split()),
             row.xpath("string(.//p[@class='doc-author'])")) for row in index.xpath("//tbody/tr")]
    assert rows == [("550 BCE", "Aesop"), ("10 BCE", "Horace"), ("1604", "Christopher Marlowe"),
                    ("1808", "Johann Wolfgang Goethe")]


@pytest.mark.parametrize(("outside_header", "has_text"), [
    ("<text><body><p> </p><!-- a comment in the text is not text --></body></text>", False),
    ("<!-- an editor's word beside the header --><text><body><p/></body></text>", True),
    ("<text><body><p>Word</p></body></text>", True),
    ("<text><body><pb n='1'/></body></text>", True),
])
def test_the_text_section_shows_when_anything_beside_the_header_reads(
        transformer: Transformer, tmp_path: Path, outside_header: str, has_text: bool) -> None:
    source = tmp_path / "doc.xml"
    source.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>'
                      "</titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc>"
                      f"</fileDesc></teiHeader>{outside_header}</TEI>", encoding="utf-8")
    page, _ = render_file(transformer, source)
    assert ('id="tp-text-heading"' in page) is has_text
