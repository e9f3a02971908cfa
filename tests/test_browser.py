"""The HTML edition of a hostile document, loaded in a real browser (headless Chromium driven by
Playwright): no script runs, with or without the Content-Security-Policy, and every link that
survives uses http, https, mailto or a relative URL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from teipress.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "hostile" / "xss.xml"
CSP_META = '<meta http-equiv="Content-Security-Policy"'
DETECT = """() => {
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'focus', 'mouseenter']) el.dispatchEvent(new Event(type));
  }
  return {
    pwned: document.documentElement.dataset.pwned || null,
    scripts: [...document.scripts].filter(s => s.type !== 'application/ld+json')
      .map(s => s.getAttribute('src')),
    data: [...document.scripts].filter(s => s.type === 'application/ld+json').map(s => s.textContent),
    protocols: [...document.querySelectorAll('[href], [src]')].map(
      el => new URL(el.getAttribute('href') ?? el.getAttribute('src'), document.baseURI).protocol),
    handlers: [...document.querySelectorAll('*')].flatMap(
      el => [...el.attributes].map(a => a.name).filter(n => n.startsWith('on'))),
  };
}"""


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    (root / "src").mkdir()
    shutil.copy(FIXTURE, root / "src" / "xss.xml")
    result = CliRunner().invoke(main, ["build", "--source", str(root / "src"), "--out",
                                       str(root / "out")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "out" / "html"


def inspect(browser, page_path: Path) -> tuple[dict, list[str]]:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_path.as_uri())
    found = page.evaluate(DETECT)
    page.close()
    return found, dialogs


def without_csp(page: Path) -> Path:
    text = page.read_text(encoding="utf-8")
    start = text.index(CSP_META)
    stripped = text[:start] + text[text.index(">", start) + 1:]
    copy = page.with_name(f"nocsp-{page.name}")
    copy.write_text(stripped, encoding="utf-8")
    return copy


def test_detector_sees_a_script_that_runs_and_the_csp_stops_it(browser, tmp_path: Path) -> None:
    payload = "<script>document.documentElement.dataset.pwned='control'</script>"
    bare = tmp_path / "control.html"
    bare.write_text(f"<!DOCTYPE html><html><head></head><body>{payload}</body></html>")
    assert inspect(browser, bare)[0]["pwned"] == "control"
    csp = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">")
    guarded = tmp_path / "guarded.html"
    guarded.write_text(f"<!DOCTYPE html><html><head>{csp}</head><body>{payload}</body></html>")
    assert inspect(browser, guarded)[0]["pwned"] is None


@pytest.mark.parametrize("csp", ["with-csp", "without-csp"])
def test_no_script_runs_in_any_page_of_a_hostile_edition(browser, hostile_site: Path, csp: str) -> None:
    pages = sorted(p for p in hostile_site.glob("*.html") if not p.name.startswith("nocsp-"))
    assert {"index.html", "xss.html", "persons.html"} <= {p.name for p in pages}
    for page in pages:
        policy = page.read_text(encoding="utf-8").split(CSP_META, 1)[1].split(">", 1)[0]
        assert "default-src 'none'" in policy and "unsafe-inline" not in policy, page.name
        target = page if csp == "with-csp" else without_csp(page)
        found, dialogs = inspect(browser, target)
        assert found["pwned"] is None, (page.name, found)
        assert dialogs == [], page.name
        # the search page runs the edition's own search.js (tested in test_search.py), no other
        assert found["scripts"] == (["search.js"] if page.name == "search.html" else []), (page.name, found)
        assert found["handlers"] == [], (page.name, found)
        for block in found["data"]:  # JSON-LD is data: it must parse, whatever the TEI held
            json.loads(block)
        assert set(found["protocols"]) <= {"http:", "https:", "mailto:", "file:"}, (page.name, found)


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "xss.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;document.documentElement.dataset.pwned='text'&lt;/script&gt;" in page
    assert "unknown element text is kept" in page
    assert "https://example.org/ok" in page and "mailto:editor@example.org" in page
    for scheme in ("javascript", "data", "vbscript", "file"):
        assert f'href="{scheme}:' not in page.lower() and f'src="{scheme}:' not in page.lower()
