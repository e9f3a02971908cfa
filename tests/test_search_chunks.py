"""A large edition's search index in chunks (teipress.search.CHUNK_PAGES made small): one Pagefind
bundle per chunk, byte-identical from build to build, merged by the search page so that a word of
a page in the last chunk and a filter across chunks find their documents in Chromium, and one
changed document indexed again alone."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

import teipress.search
from conftest import shared
from teipress.cli import main
from teipress.outputs import search_folder
from teipress.search import MERGE_KEY, STAMP, chunks, indexed_pages
from test_search import Server, search

CHUNK = 4  # pages per Pagefind run: 12 documents give 3 chunks
WORD = "quetzalcoatlus"  # in no generated document


def build(source: Path, out: Path, runs: list[Path] | None = None) -> None:
    """An in-process build with small chunks; `runs` collects the sites Pagefind indexed."""
    real = teipress.search.run_pagefind

    def counted(executable, site, output, language):
        if runs is not None:
            runs.append(Path(output[-1]).name)
        return real(executable, site, output, language)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(teipress.search, "CHUNK_PAGES", CHUNK)
        patch.setattr(teipress.search, "run_pagefind", counted)
        result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output


def bundles(out: Path) -> dict[str, dict[str, bytes]]:
    html = out / "html"
    return {folder.name: {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
                          if p.is_file()}
            for folder in sorted(html.glob("pagefind*")) if folder.is_dir()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("chunks")
    subprocess.run([sys.executable, str(shared("tools", "gen_corpus.py")), "--docs", "12", "--seed", "1",
                    str(work / "corpus")], check=True, capture_output=True)
    return work / "corpus"


@pytest.fixture(scope="module")
def edition(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("edition") / "out"
    build(corpus, out)
    return out


def test_a_large_edition_is_indexed_in_chunks_the_first_bundle_naming_the_others(edition: Path) -> None:
    html = edition / "html"
    groups = chunks(indexed_pages(html), CHUNK)
    assert len(groups) >= 3 and sum(map(len, groups)) == 12
    folders = [search_folder(n) for n in range(len(groups))]
    assert sorted(bundles(edition)) == sorted(folders)
    entry = json.loads((html / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry[MERGE_KEY] == folders[1:]
    for folder, group in zip(folders, groups, strict=True):
        counts = json.loads((html / folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        assert [language["page_count"] for language in counts.values()] == [len(group)], folder
        assert (html / folder / "pagefind.js").is_file() and (html / folder / STAMP).is_file()


def test_two_clean_builds_write_the_same_bundles(corpus: Path, edition: Path, tmp_path: Path) -> None:
    build(corpus, tmp_path / "again")
    assert bundles(tmp_path / "again") == bundles(edition)


@pytest.fixture(scope="module")
def changed(corpus: Path, edition: Path, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Path, Path, str, list[str], dict[str, dict[str, bytes]], dict[str, dict[str, bytes]]]:
    """The edition rebuilt after WORD was written into a document of the last chunk: the copy of
    its sources, the output, that page, the bundles Pagefind made, and the bundles before and after."""
    work = tmp_path_factory.mktemp("changed")
    source, out = work / "corpus", work / "out"
    shutil.copytree(corpus, source)
    shutil.copytree(edition, out)
    page = chunks(indexed_pages(out / "html"), CHUNK)[-1][0].name
    document = source / "documents" / page.replace(".html", ".xml")
    text = document.read_text(encoding="utf-8")
    document.write_text(re.sub(r"(<body>.*?<p>)", rf"\1{WORD} ", text, count=1, flags=re.S),
                        encoding="utf-8")
    before, runs = bundles(out), []
    build(source, out, runs)
    return source, out, page, runs, before, bundles(out)


def test_one_changed_document_is_indexed_again_in_its_chunk_alone(changed, tmp_path: Path) -> None:
    source, _, _, runs, before, after = changed
    last = search_folder(len(before) - 1)
    assert runs == [last]
    assert {f for f in after if after[f] != before[f]} == {last}
    build(source, tmp_path / "clean")
    assert bundles(tmp_path / "clean") == after  # as a clean build of the changed sources


@pytest.fixture(scope="module")
def served(changed) -> Iterator[tuple[Server, Path]]:
    out = changed[1]
    server = Server(out)
    yield server, out
    server.stop()


def test_a_word_in_the_last_chunk_is_found_and_opens_its_page(chromium, changed, served) -> None:
    page_name = changed[2]
    server, _ = served
    errors: list[str] = []
    page, results = search(chromium, f"{server.url}html/search.html?q={WORD}", errors)
    assert errors == []
    assert [r["href"].split("#")[0] for r in results] == [f"/html/{page_name}"]
    assert any(m.lower() == WORD for m in results[0]["marks"])
    page.click(".search-result a")
    page.wait_for_load_state()
    assert page.url.split("#")[0] == f"{server.url}html/{page_name}"
    assert WORD in page.inner_text("article")
    page.close()


def test_a_filter_finds_its_documents_in_every_chunk(chromium, served) -> None:
    server, out = served
    html = out / "html"
    groups = chunks(indexed_pages(html), CHUNK)
    chunk_of = {p.name: n for n, group in enumerate(groups) for p in group}
    by_filter: dict[str, set[str]] = {}
    for name in chunk_of:
        text = (html / name).read_text(encoding="utf-8")
        for value in re.findall(r'data-pagefind-filter="year:([^"]+)"', text):
            by_filter.setdefault(value, set()).add(name)
    # a year whose documents are in more than one chunk
    year, expected = next((y, p) for y, p in sorted(by_filter.items()) if len({chunk_of[n] for n in p}) > 1)
    page, results = search(chromium, f"{server.url}html/search.html?q=&year={quote(year)}")
    assert {r["href"].split("#")[0].removeprefix("/html/") for r in results} == expected
    option = page.eval_on_selector(f"#tp-filter-year option[value='{year}']", "o => o.textContent")
    assert option == f"{year} ({len(expected)})"  # counted over all the bundles
    page.close()


def test_the_chunk_size_is_read_from_the_environment(corpus: Path, edition: Path, tmp_path: Path) -> None:
    import os
    environment = {**os.environ, "TEIPRESS_SEARCH_CHUNK": str(CHUNK)}
    result = subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(corpus), "--out",
                             str(tmp_path / "out")], capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    assert bundles(tmp_path / "out") == bundles(edition)
