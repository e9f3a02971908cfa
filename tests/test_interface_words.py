"""Interface words come from one place (xslt/common/words.xsl) in the edition's language: an
edition set to German or French shows no English interface word on any kind of page."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from conftest import shared
from teipress.cli import main
from teipress.words import table

# Every kind of page: index, documents (one with bibliography references and an unpublished
# pointer), the registers, the edition's pages, about, search, the pictures, the report.
PAGES = ["index.html", "Aachen_Prot_1.html", "Verona_V_2.html", "Einleitung.html", "persons.html",
         "places.html", "organisations.html", "bibliography.html", "about.html", "search.html",
         "corpus-timeline.html", "corpus-timeline-1818.html", "corpus-network.html", "corpus-map.html",
         "validation.html"]


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Part of maechtekongresse (German and French text) built with German and with French
    interface words; also the words of its sources, which are not interface words."""
    corpus = shared("corpora", "maechtekongresse")
    built = {}
    for language in ("de", "fr"):
        source = tmp_path_factory.mktemp(f"words-{language}") / "kongresse"
        (source / "editions").mkdir(parents=True)
        for name in ("Aachen_Prot_1.xml", "Aachen_Prot_2.xml", "Verona_V_2.xml"):
            shutil.copy(corpus / "editions" / name, source / "editions" / name)
        shutil.copytree(corpus / "indices", source / "indices",
                        ignore=shutil.ignore_patterns("listevent.xml"))
        (source / "meta").mkdir()
        shutil.copy(corpus / "meta" / "Einleitung.xml", source / "meta" / "Einleitung.xml")
        (source / "teipress.toml").write_text(
            f'[edition]\ntitle = "Kongresse"\nlanguage = "{language}"\n', encoding="utf-8")
        out = source.parent / "out"
        result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)])
        assert result.exit_code == 0, result.output
        sources = " ".join(" ".join("".join(etree.parse(str(p)).getroot().itertext()).split())
                           for p in source.rglob("*.xml"))
        built[language] = (out, sources)
    return built


def english_phrases(language: str) -> dict[str, str]:
    """{English wording: key} of every interface word whose translation differs, cut at its
    placeholders ("{n} documents dated {year}" gives "documents dated")."""
    phrases = {}
    for key, words in table().items():
        if words.get(language) and words[language] != words["en"]:
            for part in re.split(r"\{\w+\}", words["en"]):
                part = part.strip(" .,;:()")
                if len(part) > 2 and part not in words[language]:  # "document(s)" is French too
                    phrases[part] = key
    return phrases


def visible_text(page: Path) -> str:
    root = html.parse(str(page)).getroot()
    for hidden in root.xpath("//script | //style | //head"):
        hidden.drop_tree()
    return " ".join(root.text_content().split())


def test_every_word_has_all_three_languages() -> None:
    words = table()
    assert len(words) > 150
    assert {key for key, w in words.items() if set(w) != {"en", "de", "fr"}} == set()


@pytest.mark.parametrize("language", ["de", "fr"])
def test_no_english_interface_word_on_any_page(editions, language: str) -> None:
    out, sources = editions[language]
    phrases = english_phrases(language)
    assert "Mentioned in" in phrases and "Timeline" in phrases and "Cite this edition" in phrases
    found = {}
    for name in PAGES:
        text = visible_text(out / "html" / name)
        for phrase, key in phrases.items():
            pattern = rf"(?<!\w){re.escape(phrase)}(?!\w)"
            if re.search(pattern, text) and not re.search(pattern, sources):
                found.setdefault(name, []).append(f"{phrase} ({key})")
    assert found == {}


def test_dates_are_in_the_interface_language(editions) -> None:
    out, _ = editions["de"]
    index = html.parse(str(out / "html" / "index.html")).getroot()
    dates = [" ".join(t.text_content().split()) for t in index.xpath("//td[@class='date']")]
    assert "29. September 1818" in dates
    out, _ = editions["fr"]
    persons = html.parse(str(out / "html" / "persons.html")).getroot()
    assert "(29 septembre 1818)" in persons.get_element_by_id("p_1").text_content()


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_text_edition_labels_are_in_the_interface_language(editions, language: str) -> None:
    out, _ = editions[language]
    words = table()
    keys = ("date", "source", "licence", "summary", "notes", "translation", "register")
    english = {words[key]["en"] for key in keys
               if words[key]["en"] != words[key][language]}  # French "Date", "Notes" are French too
    translated = {words[key][language] for key in ("source", "licence")}
    for page in sorted((out / "text").glob("*.txt")):
        lines = page.read_text(encoding="utf-8").splitlines()
        labels = {line.split(":")[0] for line in lines if re.match(r"^[A-ZÀ-Ü][\w ]*:", line)}
        headings = {line for line, under in itertools.pairwise(lines)
                    if under and set(under) == {"-"} and len(under) == len(line)}
        assert not (labels | headings) & english, page.name
        assert labels & translated, page.name


LETTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Brief</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
<sourceDesc><p>Test</p></sourceDesc></fileDesc>
<profileDesc><creation><date notBefore="1822-10-16" notAfter="1822-10-29" cert="low"/></creation>
</profileDesc>
</teiHeader><text><body><p>Geschrieben <date when="1822-10-05"/>, gesandt
<date from="1822-10-06" to="1822-11-02"/>, bei <persName ref="#p1">Metternich</persName>.
<note>Eine Anmerkung.</note></p>
</body><back><listPerson><person xml:id="p2"><persName>Gentz</persName><birth when="1764-05-02"/>
<death when="1832-06-09"/></person></listPerson></back></text></TEI>"""

PERSONS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Personen</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
<sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader><text><body><listPerson>
<person xml:id="p1"><persName>Metternich</persName><birth when="1773-05-15"/>
<death when="1859-06-11"/></person>
</listPerson></body></text></TEI>"""


@pytest.mark.parametrize(("language", "expected", "english"), [
    ("de", ["(zwischen 16. Oktober 1822 und 29. Oktober 1822) (unsicher)", "5. Oktober 1822",
            "6. Oktober 1822 – 2. November 1822", "2. Mai 1764–9. Juni 1832"],
     ["October", "between", "uncertain", "May", "June"]),
    ("fr", ["(entre 16 octobre 1822 et 29 octobre 1822) (incertain)", "5 octobre 1822",
            "6 octobre 1822 – 2 novembre 1822", "2 mai 1764–9 juin 1832"],
     ["October", "between", "uncertain", "June"]),
])
def test_the_text_edition_dates_are_in_the_interface_language(
        tmp_path: Path, language: str, expected: list[str], english: list[str]) -> None:
    """Month names and the words of ranges and certainty in the text edition (the header's date,
    dates in the text, life dates in the document's own register) and the notes' back links
    follow the interface language, as on the HTML pages."""
    source = tmp_path / "src"
    (source / "registers").mkdir(parents=True)
    (source / "brief.xml").write_text(LETTER, encoding="utf-8")
    (source / "registers" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    (source / "teipress.toml").write_text(f'[edition]\ntitle = "T"\nlanguage = "{language}"\n',
                                          encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join((out / "text" / "brief.txt").read_text(encoding="utf-8").split())
    for words in expected:
        assert words in text
    for word in english:
        assert not re.search(rf"\b{word}\b", text), word
    page = html.parse(str(out / "html" / "brief.html")).getroot()
    back = page.xpath("//a[@role='doc-backlink']")
    assert back and all(a.get("aria-label").startswith(table()["back-to-text"][language]) for a in back)


@pytest.mark.parametrize(("language", "one", "many", "year"), [
    ("de", "{n} Dokument gefunden.", "{n} Dokumente gefunden.", "Jahr"),
    ("fr", "{n} document trouvé.", "{n} documents trouvés.", "Année"),
])
def test_the_search_page_carries_the_words_of_its_script(
        editions, language: str, one: str, many: str, year: str) -> None:
    """search.js says nothing of its own: the status line and the filters' labels are data-* of
    search.html, in the edition's language, with {n} and {shown} for the numbers."""
    out, _ = editions[language]
    page = html.parse(str(out / "html" / "search.html")).getroot()
    words = {key: value[language] for key, value in table().items()}

    def data(element_id: str) -> dict[str, str]:
        return {name.removeprefix("data-"): value
                for name, value in page.get_element_by_id(element_id).attrib.items()
                if name.startswith("data-")}

    assert data("tp-search-filters") == {
        "year": words["year"], "person": words["person"], "place": words["place"],
        "organisation": words["organisation"], "type": words["document-type"], "any": words["any"]}
    unreadable = words["search-unreadable"].replace("{help}", words["how-to-search"])
    assert data("tp-search-status") == {
        "prompt": words["search-prompt"], "searching": words["searching"],
        "found-one": one, "found-many": many, "found-first": words["found-first"],
        "unreadable": unreadable}
    assert data("tp-search-filters")["year"] == year and "{shown}" in words["found-first"]
    assert words["how-to-search"] in unreadable and "{" not in unreadable
    assert page.xpath("//script[not(@src)]") == [] and page.xpath("//script/@src") == ["search.js"]
