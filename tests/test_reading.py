"""The reading views of a document page: normalised by default, the diplomatic view one checkbox
away, in Chromium with JavaScript disabled (a maechtekongresse protocol with choice readings);
and the text edition in both readings."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT, shared

TEI = "{http://www.tei-c.org/ns/1.0}"
PROTOCOL = "Aachen_Prot_1"


@pytest.fixture(scope="module")
def congresses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = shared("corpora", "maechtekongresse", "editions")
    out = tmp_path_factory.mktemp("reading") / "out"
    result = subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(source), "--out",
                             str(out)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return out


@pytest.fixture(scope="module")
def page_without_script(congresses: Path, chromium) -> Iterator:
    context = chromium.new_context(java_script_enabled=False, has_touch=True)
    page = context.new_page()
    page.goto((congresses / "html" / f"{PROTOCOL}.html").as_uri())
    yield page
    context.close()


def first_choice() -> tuple[str, str]:
    """The normalised and diplomatic readings of the protocol's first choice, from its TEI."""
    source = shared("corpora", "maechtekongresse", "editions", f"{PROTOCOL}.xml")
    choice = etree.parse(str(source)).getroot().find(f".//{TEI}text//{TEI}choice")
    readings = {etree.QName(c).localname: " ".join("".join(c.itertext()).split()) for c in choice}
    normalised = next(readings[n] for n in ("expan", "corr", "reg") if n in readings)
    diplomatic = next(readings[n] for n in ("abbr", "sic", "orig") if n in readings)
    assert normalised != diplomatic
    return normalised, diplomatic


def shown(page, selector: str) -> str:
    return " ".join(page.locator(selector).first.inner_text().split())


def test_the_toggle_switches_a_choice_without_javascript(page_without_script) -> None:
    page = page_without_script
    normalised, diplomatic = first_choice()
    choice = ".text .choice-both"
    assert page.locator(choice).count() > 0
    assert shown(page, choice) == normalised  # inner_text is what is rendered, hidden parts left out
    page.click("label[for='tp-diplomatic']")  # the label is the touch and mouse target
    assert page.is_checked("#tp-diplomatic")
    assert shown(page, choice) == diplomatic
    page.focus("#tp-diplomatic")  # and the keyboard: Space toggles a focused checkbox
    page.keyboard.press("Space")
    assert not page.is_checked("#tp-diplomatic")
    assert shown(page, choice) == normalised
    page.tap("label[for='tp-diplomatic']")
    assert shown(page, choice) == diplomatic
    page.tap("label[for='tp-diplomatic']")


def test_names_are_told_apart_by_more_than_colour(page_without_script) -> None:
    page = page_without_script
    styles = page.evaluate("""() => Object.fromEntries(['person', 'place', 'org'].map(kind => {
        const el = document.querySelector(`.text a.entity.${kind}`)
          || document.querySelector(`.legend.${kind}`);
        return [kind, getComputedStyle(el).textDecorationStyle];
    }))""")
    assert len(set(styles.values())) == 3, styles
    legend = page.inner_text(".entity-legend")
    assert "persons" in legend and "places" in legend and "organisations" in legend


def test_the_text_edition_is_written_in_both_readings(congresses: Path) -> None:
    normalised, diplomatic = first_choice()
    plain = (congresses / "text" / f"{PROTOCOL}.txt").read_text(encoding="utf-8")
    literal = (congresses / "text" / f"{PROTOCOL}.diplomatic.txt").read_text(encoding="utf-8")
    flat, flat_literal = " ".join(plain.split()), " ".join(literal.split())
    assert normalised in flat and diplomatic in flat_literal and plain != literal


@pytest.fixture(scope="module")
def frus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = shared("corpora", "frus")
    out = tmp_path_factory.mktemp("frus") / "out"
    result = subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(source), "--schema",
                             str(source / "frus.rnc"), "--out", str(out)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return out


def test_a_hidden_line_break_still_parts_two_words(frus: Path, chromium) -> None:
    """FRUS writes `State</hi>,<lb/><hi>Washington` and `No. 2.<lb/><hi>Mr.`: the normalised view
    hides the break (readers.css) and must not glue the words it stood between; the diplomatic
    view still breaks the line there."""
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((frus / "html" / "d2.html").as_uri())
    assert "Department of State, Washington" in shown(page, ".text .tei-dateline")
    assert shown(page, ".text h3").startswith("No. 2. Mr. Gresham")
    page.check(".reading-toggle")
    assert "\n" in page.locator(".text h3").first.inner_text()
    context.close()
