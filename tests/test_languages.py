"""Languages: each page says the language of its document's text (html/@lang), passages with an
xml:lang of their own carry it, and the interface words follow the edition's language."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import html

from conftest import tei
from teipress.cli import main

BODY_DE = """      <p>Der Brief ist nicht angekommen, und die Antwort des Ministers wird erst im Mai erwartet.
        Es ist eine Frage, die sich mit der Zeit von selbst erledigen wird, und das ist auch gut so.<note>Eine
        Anmerkung der Herausgeber.</note></p>
      <p xml:lang="la">Et in Arcadia ego.</p>"""


def page(out: Path, name: str) -> html.HtmlElement:
    return html.parse(str(out / "html" / name)).getroot()


def test_maechtekongresse_pages_say_the_language_of_their_text(corpus_builds) -> None:
    out = corpus_builds("maechtekongresse")
    # A French protocol with the editors' German description; no xml:lang anywhere in the TEI.
    protocol = page(out, "Aachen_Prot_1.html")
    assert protocol.get("lang") == "fr"
    assert protocol.xpath("string(//header[@class='document-header']/@lang)") == "de"
    assert protocol.xpath("string(//header[@class='site-header']/@lang)") == "en"
    # A British memorandum of the Verona congress is in English.
    assert page(out, "Verona_I_6.html").get("lang") == "en"


def test_a_declared_language_wins_and_passages_keep_their_own(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    declared = tei("brief", BODY_DE).replace('<TEI xmlns="http://www.tei-c.org/ns/1.0"',
                                             '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de-AT"')
    (source / "brief.xml").write_text(declared, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    root = page(tmp_path / "out", "brief.html")
    assert root.get("lang") == "de-AT"
    assert root.xpath("string(//p[contains(., 'Arcadia')]/@lang)") == "la"


def test_a_german_edition_shows_german_interface_words(tmp_path: Path) -> None:
    settings = '[edition]\ntitle = "Briefe"\nlanguage = "de"\n'
    (tmp_path / "teipress.toml").write_text(settings, encoding="utf-8")
    source = tmp_path / "briefe"
    source.mkdir()
    (source / "brief.xml").write_text(tei("brief", BODY_DE, title="Brief"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--config",
                                       str(tmp_path / "teipress.toml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    root = page(tmp_path / "out", "brief.html")
    # The text is recognised as German: the document says nothing.
    assert root.get("lang") == "de"
    assert root.xpath("//nav[@class='site-nav']//a/text()") == ["Dokumente"]
    headings = [h.text_content() for h in root.xpath("//h2")]
    assert "Anmerkungen" in headings and "Text" in headings and "Notes" not in headings
    assert "TEI-Quelle (XML)" in root.xpath("//section[@class='download']//a/text()")
