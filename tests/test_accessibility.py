"""axe-core (through axe-playwright-python) in Chromium on every kind of page of the seed edition
and of the maechtekongresse build: no violation. Page kinds: index, document, each register,
validation report, search (served, with results), each picture page, a timeline year page."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, shared

KINDS = ["index.html", "about.html", "persons.html", "places.html", "organisations.html", "validation.html",
         "corpus-timeline.html", "corpus-network.html", "corpus-map.html"]


def build(source: Path, out: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(source),
                             "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return out


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture(scope="module", params=["seed", "maechtekongresse"])
def edition(request, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    source = ROOT / "tei" if request.param == "seed" else shared("corpora", "maechtekongresse", "editions")
    out = build(source, tmp_path_factory.mktemp(request.param) / "out")
    server = subprocess.Popen([sys.executable, "-m", "teipress", "serve", "--out", str(out),
                               "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline()).group(0)
    yield out, url
    server.terminate()
    server.wait(timeout=10)


def pages_of_every_kind(out: Path) -> list[str]:
    html = out / "html"
    documents = sorted(p.name for p in html.glob("*.html") if p.name not in KINDS
                       and not p.name.startswith("corpus-") and p.name != "search.html")
    years = sorted(p.name for p in html.glob("corpus-timeline-*.html"))
    return [*KINDS, documents[0], years[0]]


def test_axe_finds_no_violation_on_any_page_kind(browser, edition) -> None:
    from axe_playwright_python.sync_playwright import Axe

    out, url = edition
    axe = Axe()
    found = {}
    page = browser.new_page()
    for name in [*pages_of_every_kind(out), "search.html?q=the"]:
        page.goto(f"{url}html/{name}")
        if name.startswith("search"):
            page.locator("#tp-search-status", has_text="found").wait_for(timeout=20000)
        results = axe.run(page)
        violations = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"])
                      for v in results.response["violations"]]
        if violations:
            found[name] = violations
    page.close()
    assert found == {}
