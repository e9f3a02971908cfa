"""Documents dated by a range or uncertainly: both editions and the index show what is encoded
(notBefore/notAfter, from/to, cert), never an invented day, and sort by the nearest known date."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from lxml import etree, html

from conftest import shared
from teipress.cli import main

TEI = "{http://www.tei-c.org/ns/1.0}"


def test_a_date_range_with_its_certainty_in_both_editions_and_the_index(tmp_path: Path) -> None:
    """Three Verona protocols; the origin date of Verona_I_4 (20 October) is made a range of
    16–29 October of low certainty, without words, as an undated protocol would be encoded."""
    corpus = shared("corpora", "maechtekongresse", "editions")
    source = tmp_path / "verona"
    source.mkdir()
    for name in ("Verona_I_1.xml", "Verona_I_4.xml", "Verona_I_5.xml"):
        shutil.copy(corpus / name, source / name)
    tree = etree.parse(str(source / "Verona_I_4.xml"))
    (origin,) = tree.findall(f".//{TEI}sourceDesc//{TEI}origin/{TEI}date")
    assert origin.get("when") == "1822-10-20"
    origin.attrib.clear()
    origin.attrib.update({"notBefore": "1822-10-16", "notAfter": "1822-10-29", "cert": "low"})
    origin.text = None
    tree.write(str(source / "Verona_I_4.xml"), encoding="UTF-8", xml_declaration=True)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output

    shown = "between 16 and 29 October 1822 (uncertain)"
    index = html.parse(str(out / "html" / "index.html")).getroot()
    rows = [(" ".join(r.xpath("td[1]")[0].text_content().split()), r.xpath(".//a/@href")[0])
            for r in index.xpath("//tbody/tr")]
    assert rows == [("15 October 1822", "Verona_I_1.html"), (shown, "Verona_I_4.html"),
                    ("30 October 1822", "Verona_I_5.html")]
    page = html.parse(str(out / "html" / "Verona_I_4.html")).getroot()
    assert shown in " ".join(page.xpath("//dl[@class='metadata']")[0].text_content().split())
    assert "20 October" not in " ".join(page.xpath("//dl[@class='metadata']")[0].text_content().split())
    plain = " ".join((out / "text" / "Verona_I_4.txt").read_text(encoding="utf-8").split())
    assert "1822-10-16/1822-10-29 (between 16 October 1822 and 29 October 1822) (uncertain)" in plain
