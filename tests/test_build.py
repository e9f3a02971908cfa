"""`teipress build` on the real edition: pages, links, notes, text edition, determinism."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree, html

from conftest import SEED_DOCUMENT, shared
from teipress.cli import main

TEI = "{http://www.tei-c.org/ns/1.0}"
ENTITY_TAGS = {f"{TEI}persName", f"{TEI}placeName", f"{TEI}orgName", f"{TEI}rs"}
PAGES = {"person": "persons.html", "place": "places.html", "org": "organisations.html"}
SLUG = "dobrynin-1962-11-05"


def run_build(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(project)
    return CliRunner().invoke(main, ["build", *args], catch_exceptions=False)


@pytest.fixture
def built(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    result = run_build(project_copy, monkeypatch)
    assert result.exit_code == 0, result.output
    return project_copy / "output"


def words(text: str) -> list[str]:
    return re.findall(r"[\w.'’-]+", text.replace("’", "'"))


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    iterator = iter(haystack)
    return all(word in iterator for word in needle)


def body_words_without_notes(path: Path) -> list[str]:
    tree = etree.parse(str(path))
    body = tree.find(f".//{TEI}body")
    pieces: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.tag != f"{TEI}note":
            pieces.append(element.text or "")
            for child in element:
                walk(child)
        pieces.append(element.tail or "")

    walk(body)
    return words("".join(pieces[:-1]))


def test_build_writes_the_edition(built: Path) -> None:
    for relative in ["html/index.html", f"html/{SLUG}.html", f"text/{SLUG}.txt", f"html/tei/{SLUG}.xml",
                     "html/persons.html", "html/places.html", "html/organisations.html",
                     "html/edition.css", "html/validation.json", "html/validation.html"]:
        assert (built / relative).is_file(), relative
    assert (built / f"html/tei/{SLUG}.xml").read_bytes() == SEED_DOCUMENT.read_bytes()
    index = html.parse(str(built / "html/index.html"))
    assert index.xpath(f"//a[@href='{SLUG}.html']")


def test_every_entity_in_the_text_is_a_link_to_its_register_entry(built: Path) -> None:
    tei = etree.parse(str(SEED_DOCUMENT))
    registers = {el.get("{http://www.w3.org/XML/1998/namespace}id"): etree.QName(el).localname
                 for f in (SEED_DOCUMENT.parents[1] / "registers").glob("*.xml")
                 for el in etree.parse(str(f)).iter(f"{TEI}person", f"{TEI}place", f"{TEI}org")}
    expected = []  # (register link of the first pointer, the name's text), in text order
    in_notes = set()  # names inside notes, which the page shows at the end
    for element in tei.find(f".//{TEI}text").iter(*ENTITY_TAGS):
        first = element.get("ref").split()[0][1:]
        link = (f"{PAGES[registers[first]]}#{first}", " ".join("".join(element.itertext()).split()))
        expected.append(link)
        if any(a.tag == f"{TEI}note" for a in element.iterancestors()):
            in_notes.add(len(expected) - 1)
    assert len(expected) > 30 and in_notes
    page = html.parse(str(built / f"html/{SLUG}.html"))
    links = [(a.get("href"), " ".join(a.text_content().split())) for a in page.iter("a")]
    running = [href for i, (href, _) in enumerate(expected) if i not in in_notes]
    assert is_subsequence(running, [href for href, _ in links])
    for href, text in expected:  # nested names split the outer link around the inner one
        assert any(h == href and t and t in text for h, t in links), (href, text)
    for href, _ in expected:
        file, anchor = href.split("#")
        register = html.parse(str(built / "html" / file))
        assert register.xpath(f"//*[@id='{anchor}']"), href


def test_notes_link_both_ways(built: Path) -> None:
    page = html.parse(str(built / f"html/{SLUG}.html"))
    refs = page.xpath("//a[@role='doc-noteref']")
    assert len(refs) == len(etree.parse(str(SEED_DOCUMENT)).findall(f".//{TEI}body//{TEI}note")) == 1
    for ref in refs:
        note = page.xpath(f"//*[@id='{ref.get('href')[1:]}']")
        assert note, ref.get("href")
        back = note[0].xpath(".//a[@role='doc-backlink']")
        assert back and back[0].get("href") == f"#{ref.get('id')}"


def test_text_edition_keeps_every_word_of_the_body_in_order(built: Path) -> None:
    text = (built / f"text/{SLUG}.txt").read_text(encoding="utf-8")
    assert is_subsequence(body_words_without_notes(SEED_DOCUMENT), words(text))
    assert text.endswith("\n") and not text.endswith("\n\n")
    # Wrapped at 72 columns; only a line holding an unbreakable token (a long URL) may be longer.
    assert all(len(line) <= 72 or len(max(line.split(), key=len)) > 50 for line in text.splitlines())
    assert "[1]" in text.split("Notes", 1)[0] and "Chang and" in text.split("Notes", 1)[1]


def test_text_edition_reads_like_the_seed(built: Path) -> None:
    seed = shared("seed", "dobrynin-1962-11-05.txt").read_text(encoding="utf-8")
    contents = seed.split("Translation - English", 1)[1].split("[1] For", 1)[0]
    contents = contents.replace("[1]", "").replace("####", "").replace("\n- ", "\n")
    text = (built / f"text/{SLUG}.txt").read_text(encoding="utf-8")
    assert is_subsequence(words(contents), words(text))


def test_builds_are_byte_identical(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = []
    for out in ("first", "second"):
        assert run_build(project_copy, monkeypatch, "--out", out).exit_code == 0
        # Everything, the search index too (Pagefind's filter order is sorted after it ran).
        outputs.append({p.relative_to(project_copy / out).as_posix(): p.read_bytes()
                        for p in (project_copy / out).rglob("*") if p.is_file()})
    assert any(name.startswith("html/pagefind/filter/") for name in outputs[0])
    assert outputs[0] == outputs[1]


def test_a_broken_document_does_not_stop_the_others(project_copy: Path, monkeypatch) -> None:
    (project_copy / "tei/documents/broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>")
    result = run_build(project_copy, monkeypatch)
    assert result.exit_code == 1
    assert "tei/documents/broken.xml:1:" in result.output
    assert (project_copy / f"output/html/{SLUG}.html").is_file()
    assert not list((project_copy / "output").rglob("broken*"))


def test_strict_publishes_nothing_when_a_file_has_errors(project_copy: Path, monkeypatch) -> None:
    (project_copy / "tei/documents/broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>")
    result = run_build(project_copy, monkeypatch, "--strict")
    assert result.exit_code == 1
    assert not (project_copy / "output").exists()


@pytest.mark.parametrize("corpus", ["maechtekongresse/editions", "frus"])
def test_shared_corpora_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: str) -> None:
    source = shared("corpora", corpus)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", "out"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output[-2000:]
    documents = sorted(source.glob("*.xml"))
    pages = [p for p in (tmp_path / "out/html").glob("*.html")
             if p.name not in {"index.html", "validation.html", "bibliography.html", *PAGES.values()}
             and not p.name.startswith("corpus-") and p.name not in {"search.html", "about.html"}]
    # One page per file; a volume (FRUS) is split: one per document, contents, front matter.
    assert len(pages) == (len(documents) if corpus != "frus" else 138 + 2 + 2)
    normalised = [p for p in (tmp_path / "out/text").glob("*.txt") if not p.name.endswith(".diplomatic.txt")]
    assert len(normalised) == len(pages)

