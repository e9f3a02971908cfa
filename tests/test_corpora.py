"""Editions of other projects' TEI: their schema, their registers, their volumes, their title."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from lxml import html

from conftest import ROOT, tei
from teipress.cli import main

OUR_TITLE = "Soviet Diplomatic Documents of the Cuban Missile Crisis"
RNG = "http://relaxng.org/ns/structure/1.0"
ONLY_P_IN_BODY = f"""<grammar xmlns="{RNG}" ns="http://www.tei-c.org/ns/1.0"><start><element name="TEI">
<attribute name="xml:id" ns="http://www.w3.org/XML/1998/namespace"/><element name="body"><empty/></element>
</element></start></grammar>"""


def validate(*args: str) -> dict:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args])
    assert "Traceback" not in result.output
    return json.loads(result.output)


def rules(report: dict) -> set[str]:
    return {f["rule"] for file in report["files"] for f in file["findings"]}


def corpus(tmp_path: Path, files: dict[str, str]) -> Path:
    source = tmp_path / "corpus"
    for name, text in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    return source


def test_a_foreign_corpus_is_validated_against_tei_all(tmp_path: Path) -> None:
    """<foreign> and a document id unlike the file name: wrong for this project, fine in TEI."""
    source = corpus(tmp_path, {"a.xml": tei("other-id", body="<p>A <foreign>mot</foreign>.</p>")})
    report = validate(str(source))
    assert report["summary"]["errors"] == 0, report
    ours = validate(str(source), "--schema", str(ROOT / "schemas" / "teipress.rng"))
    assert "relaxng" in rules(ours)


def test_a_local_xml_model_schema_is_used_and_a_remote_one_never_fetched(tmp_path: Path) -> None:
    model = '<?xml-model href="{}" type="application/xml" schematypens="{}"?>\n'
    document = tei("a").replace("<TEI", model.format("schema/strict.rng", RNG) + "<TEI", 1)
    source = corpus(tmp_path, {"a.xml": document, "schema/strict.rng": ONLY_P_IN_BODY})
    assert "relaxng" in rules(validate(str(source)))  # the local schema rejects the header
    remote = tei("a").replace("<TEI", model.format("http://127.0.0.1:9/strict.rng", RNG) + "<TEI", 1)
    outside = tei("b").replace("<TEI", model.format("../strict.rng", RNG) + "<TEI", 1)
    (tmp_path / "strict.rng").write_text(ONLY_P_IN_BODY)
    source = corpus(tmp_path / "2", {"a.xml": remote, "b.xml": outside})
    (tmp_path / "2" / "strict.rng").write_text(ONLY_P_IN_BODY)
    report = validate(str(source))
    assert report["summary"]["errors"] == 0, report  # tei_all: neither the URL nor ../ was used


def test_an_xml_model_is_found_in_a_utf16_document_too(tmp_path: Path) -> None:
    """The search for an xml-model skips files whose bytes do not name one; a UTF-16 file
    spells it in other bytes, so the parser reads it."""
    model = f'<?xml-model href="schema/strict.rng" type="application/xml" schematypens="{RNG}"?>\n'
    document = tei("a").replace("<TEI", model + "<TEI", 1)
    source = corpus(tmp_path, {"b.xml": tei("b"), "schema/strict.rng": ONLY_P_IN_BODY})
    (source / "a.xml").write_bytes(document.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    assert b"xml-model" not in (source / "a.xml").read_bytes()
    assert "relaxng" in rules(validate(str(source)))  # the local schema rejects the headers


def test_project_rules_run_only_when_the_settings_ask(tmp_path: Path) -> None:
    source = corpus(tmp_path, {"a.xml": tei("a", body='<p><persName ref="#nobody">X</persName></p>')})
    assert "ref-resolves" not in rules(validate(str(source)))
    (tmp_path / "teipress.toml").write_text("[validation]\nproject_rules = true\n")
    assert "ref-resolves" in rules(validate(str(source)))


def test_the_project_keeps_its_own_schema_and_rules() -> None:
    report = validate(str(ROOT / "tei"))
    assert report["summary"]["files"] >= 4 and report["summary"]["errors"] == 0


def test_maechtekongresse_validation_report_is_small_and_off_the_readers_navigation(corpus_builds) -> None:
    out = corpus_builds("maechtekongresse") / "html"
    page = out / "validation.html"
    assert page.stat().st_size < 1_000_000
    report = json.loads((out / "validation.json").read_text())
    assert report["summary"]["files"] >= 113
    text = page.read_text(encoding="utf-8")
    assert "tei_all.rng" in text and "validation.json" in text
    for name in ("index.html", "persons.html", "Aachen_Prot_1.html", "validation.html"):
        tree = html.parse(str(out / name))
        assert not tree.xpath("//nav[@class='site-nav']//a[contains(@href, 'validation')]"), name
        assert tree.xpath("//footer//a[@href='validation.html']"), name
        assert OUR_TITLE not in tree.findtext(".//title"), name


def index_rows(out: Path) -> list:
    return html.parse(str(out / "html" / "index.html")).xpath("//table[@class='documents']/tbody/tr")


def test_frus_volume_is_one_page_per_document_and_a_contents_page(corpus_builds) -> None:
    out = corpus_builds("frus")
    pages = {p.stem for p in (out / "html").glob("d*.html")}
    assert pages == {f"d{n}" for n in range(1, 139)}
    contents = html.parse(str(out / "html" / "frus1894Nicaragua.html"))
    links = [a.get("href") for a in contents.xpath("//main//a") if a.get("href", "").startswith("d")]
    assert links == [f"d{n}.html" for n in range(1, 139)]  # volume order
    rows = index_rows(out)
    hrefs = [r.xpath(".//a[@class='document-title']/@href")[0] for r in rows]
    assert {f"d{n}.html" for n in range(1, 139)} <= set(hrefs)
    dates = [r.xpath(".//time/@datetime") for r in rows]
    assert sum(1 for d in dates if d) >= 130
    known = [d[0] for d in dates if d]
    assert known == sorted(known)  # the index is chronological
    d2 = html.parse(str(out / "html" / "d2.html"))
    assert "Mr. Gresham to Mr. Baker" in d2.findtext(".//h1")
    assert d2.xpath("//time[@datetime='1894-02-01']")
    assert len(list((out / "text").glob("d*[0-9].txt"))) == 138  # the text edition splits too


def test_maechtekongresse_as_a_whole(corpus_builds) -> None:
    out = corpus_builds("maechtekongresse") / "html"
    assert len(index_rows(out.parent)) == 113  # editions only: indices are registers, meta pages
    for page in ("Einleitung.html", "Editionsrichtlinien.html", "about.html"):
        assert (out / page).is_file()
    persons = html.parse(str(out / "persons.html"))
    assert len(persons.xpath("//article[contains(@class, 'person')]")) >= 196
    protocol = html.parse(str(out / "Aachen_Prot_1.html"))
    linked = protocol.xpath("//main//a[starts-with(@href, 'persons.html#p_')]")
    assert len(linked) > 10
    assert protocol.xpath("//main//a[starts-with(@href, 'places.html#loc_')]")
    assert OUR_TITLE not in protocol.findtext(".//title")
    verona = html.parse(str(out / "Verona_I_2.html"))
    assert not verona.xpath("//time[starts-with(@datetime, '2018')]")  # the file's publication date
    titles = [r.xpath("string(.//a[@class='document-title'])") for r in index_rows(out.parent)]
    assert len(set(titles)) == len(titles)  # 39 "Kongress von Verona" told apart
