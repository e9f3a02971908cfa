"""The print style, in Chromium's print emulation: a document page prints its address (the page's
file name when the edition has no base URL, its URL when it has one) and how to cite it, and
leaves out the controls (search box, reading switch, permalinks)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SEED_DOCUMENT
from teipress.cli import main


def build(project: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--source", "tei", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / "html" / f"{SEED_DOCUMENT.stem}.html"


def printed(chromium, page_path: Path) -> dict:
    page = chromium.new_page()
    page.goto(page_path.as_uri())
    page.emulate_media(media="print")
    shown = page.evaluate("""() => {
      const visible = (s) => [...document.querySelectorAll(s)].filter(e => e.checkVisibility()).length;
      return {address: [...document.querySelectorAll('.page-address')].filter(e => e.checkVisibility())
                         .map(e => e.innerText),
              citation: document.querySelector('#tp-citation')?.checkVisibility() ?? false,
              citationText: document.querySelector('#tp-citation')?.innerText ?? '',
              controls: visible('.site-search, .reading-switch, .permalink')};
    }""")
    page.emulate_media(media="screen")
    shown["onScreen"] = page.locator(".page-address").is_visible()
    page.close()
    return shown


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    shutil.copy(ROOT / "teipress.toml", tmp_path / "teipress.toml")
    return tmp_path


def test_a_printed_page_names_its_address_and_citation(chromium, project: Path, monkeypatch) -> None:
    shown = printed(chromium, build(project, project / "out", monkeypatch))
    assert shown["address"] == [f"Address of this page: {SEED_DOCUMENT.stem}.html"]
    assert shown["citation"] and "Dobrynin" in shown["citationText"]
    assert shown["controls"] == 0 and shown["onScreen"] is False


def test_with_a_base_url_the_printed_address_is_the_pages_url(chromium, project: Path, monkeypatch) -> None:
    settings = project / "teipress.toml"
    text = settings.read_text(encoding="utf-8")
    assert "base_url" not in text and "[edition]" in text
    settings.write_text(text.replace("[edition]", '[edition]\nbase_url = "https://edition.example.org/"', 1),
                        encoding="utf-8")
    shown = printed(chromium, build(project, project / "out", monkeypatch))
    url = f"https://edition.example.org/{SEED_DOCUMENT.stem}.html"  # the base URL is the html folder's
    assert shown["address"] == [f"Address of this page: {url}"]
    assert url in shown["citationText"]
