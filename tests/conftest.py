"""Shared test helpers: the project's paths, the shared corpora, small TEI files made on the fly."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEI_DIR = ROOT / "tei"
SEED_DOCUMENT = TEI_DIR / "documents" / "dobrynin-1962-11-05.xml"
TEI_ALL = SHARED / "reference" / "tei_all.rng"
IN_CI = os.environ.get("CI") == "true"


def require(condition: bool, reason: str) -> None:
    """Skip with a visible reason on a developer's clone; fail in CI, where everything must be there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def shared(*parts: str) -> Path:
    """A path in ../shared (corpora, reference schema), or skip/fail when the clone has none."""
    path = SHARED.joinpath(*parts)
    require(path.exists(), f"{path} is not available (a clone without ../shared)")
    return path


def tool(name: str) -> str:
    found = shutil.which(name)
    require(found is not None, f"{name} is not installed (.ci/run installs it)")
    return found  # type: ignore[return-value]


TEI_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>{title}</title></titleStmt>
      <publicationStmt><p>Test fixture.</p></publicationStmt>
      <sourceDesc><p>Written for the teipress tests.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
{body}
    </body>
  </text>
</TEI>
"""


def tei(identifier: str = "fixture", body: str = "      <p>Text.</p>", title: str = "Fixture") -> str:
    return TEI_TEMPLATE.format(id=identifier, body=body, title=title)


@pytest.fixture(scope="module")
def chromium() -> Iterator:
    """The system's headless Chromium driven by Playwright, for a module's browser tests (per
    module: Playwright's sync API allows one driver at a time, and other modules may start theirs)."""
    executable = tool("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - only without the test extras
        require(False, "playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's tei/ folder, schemas and settings, to change without touching the
    real ones."""
    require(SEED_DOCUMENT.exists(), "the seed document is not encoded yet")
    target = tmp_path / "project"
    shutil.copytree(TEI_DIR, target / "tei")
    shutil.copytree(ROOT / "schemas", target / "schemas")
    shutil.copy(ROOT / "teipress.toml", target / "teipress.toml")
    return target


# The shared corpora built as folders, as the README tells a new user to do; built once per test
# session and shared by the tests that check the output (links, layout, registers, volumes).
CORPUS_FOLDERS = ["maechtekongresse", "frus", "frus-history", "epidoc-isicily", "cmif-example"]
# Files the corpora's READMEs list as unusable (a TEI root without namespace): left out, exit 1.
KNOWN_UNUSABLE = {"listevent.xml"}


@pytest.fixture(scope="session")
def corpus_builds(tmp_path_factory: pytest.TempPathFactory):
    """`corpus_builds(name)`: the output folder of `teipress build --source ../shared/corpora/<name>`
    (`"seed"`: the project's own tei/ with its settings)."""
    from click.testing import CliRunner

    from teipress.cli import main

    built: dict[str, Path] = {}

    def build(name: str) -> Path:
        if name not in built:
            source = TEI_DIR if name == "seed" else shared("corpora", name)
            out = tmp_path_factory.mktemp(f"build-{name}") / "out"
            result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)],
                                        catch_exceptions=False)
            failed = {line.split(":")[0].rsplit("/", 1)[-1] for line in result.output.splitlines()
                      if ": error: " in line}
            assert result.exit_code == (1 if failed else 0), result.output[-3000:]
            assert failed <= KNOWN_UNUSABLE, result.output[-3000:]
            built[name] = out
        return built[name]

    return build

