"""The search page speaks the edition's language in Chromium, on editions served by `teipress
serve`: the status line (prompt, count with the language's singular and plural, the first 20
shown) and the filter labels come from the words search.xsl writes into the page, and a page
without them (made before) falls back to English."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT, TEI_DIR, shared
from test_search import Server, person_mentions

GERMAN_LABELS = {"Jahr", "Person", "Ort", "Organisation", "Dokumentart"}
FRENCH_LABELS = {"Année", "Personne", "Lieu", "Organisation", "Type de document"}


def build(source: Path, config: Path, out: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(source),
                             "--config", str(config), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Server]]:
    """maechtekongresse's documents as a German edition."""
    source = shared("corpora", "maechtekongresse", "editions")
    root = tmp_path_factory.mktemp("german")
    (root / "teipress.toml").write_text('[edition]\ntitle = "Kongresse"\nlanguage = "de"\n',
                                        encoding="utf-8")
    build(source, root / "teipress.toml", root / "out")
    server = Server(root / "out")
    yield source, root / "out", server
    server.stop()


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The project's own edition (one document) with French interface words."""
    root = tmp_path_factory.mktemp("french")
    shutil.copytree(TEI_DIR, root / "tei")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    settings = (ROOT / "teipress.toml").read_text(encoding="utf-8")
    assert 'language = "en"' in settings
    (root / "teipress.toml").write_text(settings.replace('language = "en"', 'language = "fr"'),
                                        encoding="utf-8")
    build(root / "tei", root / "teipress.toml", root / "out")
    server = Server(root / "out")
    yield server
    server.stop()


def said(browser, url: str, waiting_for: str) -> dict:
    """Open the search page, wait until its status line says `waiting_for`, and return what it
    says, the filters' labels and first options, and how many results it lists."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator("#tp-search-status", has_text=waiting_for).wait_for(timeout=20000)
    shown = page.evaluate("""() => ({
        status: document.getElementById('tp-search-status').textContent,
        labels: [...document.querySelectorAll('#tp-search-filters label')].map(l => l.textContent),
        any: [...document.querySelectorAll('#tp-search-filters select')].map(s => s.options[0].textContent),
        results: document.querySelectorAll('.search-result').length})""")
    page.close()
    assert errors == []
    return shown


def persons(source: Path) -> tuple[str, tuple[int, str]]:
    """A person mentioned in one document, and one mentioned in a few (2 to 20) with their number:
    a person's filter finds exactly the documents that mention them (test_search.py)."""
    people = sorted((len(documents), name) for name, documents in person_mentions(source).values())
    return (next(name for n, name in people if n == 1),
            next((n, name) for n, name in people if 2 <= n <= 20))


def test_a_german_edition_counts_its_results_in_german(browser, german) -> None:
    source, _, server = german
    many = said(browser, f"{server.url}html/search.html?q=Frankreich", "gefunden")
    count = re.fullmatch(r"(\d+) Dokumente gefunden; die ersten 20 werden angezeigt\.", many["status"])
    assert count and int(count.group(1)) > 20 and many["results"] == 20, many
    one, (few, name) = persons(source)
    assert said(browser, f"{server.url}html/search.html?q=&person={quote(one)}", "gefunden")["status"] \
        == "1 Dokument gefunden."
    shown = said(browser, f"{server.url}html/search.html?q=&person={quote(name)}", "gefunden")
    assert (shown["status"], shown["results"]) == (f"{few} Dokumente gefunden.", few)
    assert said(browser, f"{server.url}html/search.html?q=qqqqzzzz", "gefunden")["status"] \
        == "0 Dokumente gefunden."


def test_a_german_edition_labels_its_filters_in_german(browser, german) -> None:
    _, _, server = german
    shown = said(browser, f"{server.url}html/search.html?q=Frankreich", "gefunden")
    assert {"Jahr", "Person", "Ort"} <= set(shown["labels"]) <= GERMAN_LABELS, shown
    assert shown["any"] == ["beliebig"] * len(shown["labels"])
    prompt = said(browser, f"{server.url}html/search.html", "Geben")
    assert prompt["status"] == "Geben Sie ein Wort oder einen Namen ein."


def test_a_page_without_the_words_falls_back_to_english(browser, german) -> None:
    """A search page made before search.xsl wrote the words (the data-* attributes removed)
    with today's search.js says everything in English."""
    source, out, server = german
    page = (out / "html" / "search.html").read_text(encoding="utf-8")
    old, removed = re.subn(r' data-[a-z-]+="[^"]*"', "", page)
    assert removed == 12
    (out / "html" / "search-old.html").write_text(old, encoding="utf-8")
    shown = said(browser, f"{server.url}html/search-old.html?q=Frankreich", "found")
    assert re.fullmatch(r"\d+ documents found; the first 20 are shown\.", shown["status"]), shown
    assert {"Year", "Person", "Place"} <= set(shown["labels"]) and set(shown["any"]) == {"any"}
    one, _ = persons(source)
    assert said(browser, f"{server.url}html/search-old.html?q=&person={quote(one)}", "found")["status"] \
        == "1 document found."
    assert said(browser, f"{server.url}html/search-old.html", "Type")["status"] == "Type a word or a name."


def test_a_french_edition_says_zero_and_one_in_the_singular(browser, french) -> None:
    shown = said(browser, f"{french.url}html/search.html?q=bombers", "trouvé")
    assert (shown["status"], shown["results"]) == ("1 document trouvé.", 1)
    assert shown["labels"] and set(shown["labels"]) <= FRENCH_LABELS, shown
    assert set(shown["any"]) == {"indifférent"}
    assert said(browser, f"{french.url}html/search.html?q=qqqqzzzz", "trouvé")["status"] \
        == "0 document trouvé."
