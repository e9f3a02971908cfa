"""Search with Pagefind, in Chromium, on editions served by `teipress serve` on 127.0.0.1: a word of
the seed's text and a person's name lead to the passage that holds it; a maechtekongresse search filtered by a
person finds exactly the documents that mention them; hostile TEI never becomes script on the
search page; the index is reused when the pages did not change."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT, SEED_DOCUMENT, shared
from teipress.search import STAMP

TEI = "{http://www.tei-c.org/ns/1.0}"


def build(source: Path, out: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(source),
                             "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return result


class Server:
    def __init__(self, out: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "teipress", "serve", "--out", str(out),
                                         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        match = re.search(r"http://127\.0\.0\.1:\d+/", self.process.stdout.readline())
        assert match, self.process.stderr.read()
        self.url = match.group(0)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Server]]:
    out = tmp_path_factory.mktemp("seed") / "out"
    build(ROOT / "tei", out)
    server = Server(out)
    yield out, server
    server.stop()


@pytest.fixture(scope="module")
def congresses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Server]]:
    source = shared("corpora", "maechtekongresse", "editions")
    out = tmp_path_factory.mktemp("congresses") / "out"
    build(source, out)
    server = Server(out)
    yield source, out, server
    server.stop()


def search(browser, url: str, errors: list[str] | None = None) -> tuple[object, list[dict]]:
    """Open the search page and wait until it has counted its results."""
    page = browser.new_page()
    page.on("response", lambda r: errors is not None and r.status >= 400
            and not r.url.endswith("/favicon.ico") and errors.append(f"{r.status} {r.url}"))
    page.on("pageerror", lambda e: errors is not None and errors.append(str(e)))
    page.goto(url)
    page.locator("#tp-search-status", has_text="found").wait_for(timeout=20000)
    results = page.eval_on_selector_all(".search-result", """items => items.map(li => ({
        title: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'),
        date: li.querySelector('.search-result-date')?.textContent ?? null,
        snippet: li.querySelector('.search-snippet').textContent,
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))""")
    return page, results


def seed_words() -> tuple[str, str]:
    root = etree.parse(str(SEED_DOCUMENT)).getroot()
    body = " ".join("".join(root.find(f"{TEI}text").itertext()).split())
    title = " ".join("".join(root.find(f".//{TEI}titleStmt/{TEI}title").itertext()).split())
    assert "bombers" in body and "Khrushchev" in body
    return body, title


@pytest.mark.parametrize("word", ["bombers", "Khrushchev"])
def test_seed_search_leads_to_the_occurrence(browser, seed, word: str) -> None:
    _, server = seed
    _, title = seed_words()
    errors: list[str] = []
    page, results = search(browser, f"{server.url}html/search.html?q={word}", errors)
    assert errors == []
    assert len(results) == 1
    result = results[0]
    assert result["title"] == title and result["date"] == "1962-11-05"
    assert any(m.lower().startswith(word.lower()) for m in result["marks"]) and word in result["snippet"]
    page.click(".search-result a")
    page.wait_for_load_state()
    address, _, fragment = page.url.partition("#")
    assert address == f"{server.url}html/{SEED_DOCUMENT.stem}.html"
    # It opens at the passage (paragraph, list item or note) that holds the word.
    assert fragment and result["href"].endswith(f"#{fragment}")
    target = page.locator(f"[id='{fragment}']")
    assert target.count() == 1 and target.evaluate("e => e.matches(':target')")
    assert word in target.inner_text()
    assert target.evaluate("e => e.closest('section.text, section.notes') !== null")
    page.close()


def test_search_page_without_javascript_says_how_to_search(browser, seed) -> None:
    out, _ = seed
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((out / "html" / "search.html").as_uri() + "?q=bombers")
    help_text = page.inner_text("#tp-search-help")
    assert "teipress serve" in help_text and page.locator("#tp-search-help a[href='index.html']").count()
    context.close()


def test_search_page_from_disk_says_the_index_cannot_be_read(browser, seed) -> None:
    out, _ = seed
    page = browser.new_page()
    page.goto((out / "html" / "search.html").as_uri() + "?q=bombers")
    page.wait_for_load_state("networkidle")
    # Chromium does not even load module scripts from file://; either way the help stays shown.
    assert page.inner_text("#tp-search-status") in ("", "The search index cannot be read here "
                                                    "(see How to search below).")
    assert page.locator("#tp-search-help").is_visible()
    assert "teipress serve" in page.inner_text("#tp-search-help")
    page.close()


def test_every_page_has_a_search_box_that_needs_no_script(seed) -> None:
    out, _ = seed
    for page in (out / "html").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<form class="site-search" role="search" action="search.html" method="get">' in text, page
        policy = re.search(r'Content-Security-Policy" content="([^"]*)"', text).group(1)
        assert "form-action 'self'" in policy and "unsafe-inline" not in policy
        assert "'unsafe-eval'" not in policy
        if page.name == "search.html":
            assert "script-src 'self' 'wasm-unsafe-eval'" in policy
        else:
            assert "script-src" not in policy and "<script src" not in text


def person_mentions(source: Path) -> dict[str, tuple[str, set[str]]]:
    """Register id -> (the name the filters use, the documents whose TEI points at it)."""
    names: dict[str, str] = {}
    mentions: dict[str, set[str]] = {}
    for path in sorted(source.glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        for person in root.iter(f"{TEI}person"):
            ident = person.get("{http://www.w3.org/XML/1998/namespace}id")
            name = next((c for c in person if c.tag == f"{TEI}persName"), None)
            if ident and name is not None and ident not in names:
                names[ident] = " ".join("".join(name.itertext()).split())
        for element in root.iter():
            for token in (element.get("ref") or "").split() if isinstance(element.tag, str) else ():
                if token.startswith("#"):
                    mentions.setdefault(token[1:], set()).add(path.stem)
    return {i: (names[i], mentions[i]) for i in names if i in mentions}


def test_congress_search_filtered_by_a_person_finds_exactly_their_documents(browser, congresses) -> None:
    source, _, server = congresses
    people = person_mentions(source)
    by_name: dict[str, set[str]] = {}
    for name, documents in people.values():
        by_name.setdefault(name, set()).update(documents)
    # a person in several documents but not in most: the filter must choose
    name, expected = next((n, d) for n, d in sorted(by_name.items(), key=lambda kv: -len(kv[1]))
                          if 3 <= len(d) <= 15)
    from urllib.parse import quote
    page, results = search(browser, f"{server.url}html/search.html?q=&person={quote(name)}")
    shown = {r["href"].split("#")[0].removeprefix("/html/").removesuffix(".html").split("/")[-1]
             for r in results}
    assert shown == expected, (name, shown ^ expected)
    # combined with a word, still only documents of that person
    word_page, word_results = search(browser,
                                     f"{server.url}html/search.html?q=Frankreich&person={quote(name)}")
    assert {r["href"].split("#")[0].split("/")[-1].removesuffix(".html") for r in word_results} <= expected
    selected = page.eval_on_selector("#tp-filter-person", "s => s.value")
    assert selected == name
    page.close()
    word_page.close()


def test_hostile_text_never_becomes_script_on_the_search_page(browser, tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "hostile" / "xss.xml", source / "xss.xml")
    build(source, tmp_path / "out")
    server = Server(tmp_path / "out")
    try:
        dialogs: list[str] = []
        for query in ["script", "payload", "onerror", "javascript"]:
            page, results = search(browser, f"{server.url}html/search.html?q={query}")
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.mouse.move(10, 10)
            found = page.evaluate("""() => ({
                pwned: document.documentElement.dataset.pwned || null,
                scripts: [...document.scripts].map(s => s.getAttribute('src')),
                inResults: document.querySelectorAll('#tp-search-results script, #tp-search-results img,'
                                                     + ' #tp-search-results [onerror]').length})""")
            assert found == {"pwned": None, "scripts": ["search.js"], "inResults": 0}, (query, found)
            if query == "payload":
                assert results and "<script>" in results[0]["snippet"]  # shown as text
            page.close()
        assert dialogs == []
    finally:
        server.stop()


def index_files(out: Path) -> dict[Path, bytes]:
    return {p.relative_to(out): p.read_bytes() for p in (out / "html" / "pagefind").rglob("*") if p.is_file()}


def test_the_index_is_reused_when_the_pages_did_not_change(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    import teipress.search
    from teipress.cli import main

    source = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", source)
    out = tmp_path / "out"
    arguments = ["build", "--source", str(source), "--out", str(out)]
    assert CliRunner().invoke(main, arguments).exit_code == 0
    stamp = (out / "html" / "pagefind" / STAMP).read_text()
    first = index_files(out)
    # Without Pagefind, a build that tried to index would publish no index at all.
    monkeypatch.setattr(teipress.search, "pagefind_executable", lambda: None)
    assert CliRunner().invoke(main, arguments).exit_code == 0
    assert index_files(out) == first  # nothing changed: the previous index, copied
    document = source / "documents" / SEED_DOCUMENT.name
    document.write_text(document.read_text(encoding="utf-8").replace("bombers", "bombers zeppelins"),
                        encoding="utf-8")
    result = CliRunner().invoke(main, arguments)
    assert "Pagefind is not installed" in result.output  # a page changed: it must index again
    assert not (out / "html" / "pagefind").exists()
    monkeypatch.undo()
    assert CliRunner().invoke(main, arguments).exit_code == 0
    assert (out / "html" / "pagefind" / STAMP).read_text() != stamp
